"""The one entry point for references: find them in a clause's text, then resolve them."""

from __future__ import annotations

from app.reading.find import find_references
from app.reading.model import Reference
from app.reading.resolve import Context, resolve
from app.registry import Registry

__all__ = ["Context", "extract_references"]


def extract_references(
    text: str, offset: int, role: str | None, context: Context, registry: Registry
) -> list[Reference]:
    """Every reference in `text`, resolved, in text order; spans are `offset` + index."""
    return [resolve(found, context, registry, role) for found in find_references(text, offset)]
