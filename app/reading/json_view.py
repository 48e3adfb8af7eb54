"""The JSON that `reskg extract` prints: a stable schema other tools depend on (see README)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.iris import Iris
from app.reading.model import Document, Reference


def reference_json(ref: Reference, iris: Iris) -> dict[str, Any]:
    """One reference: `kind`, `text`, `start`, `end`, `role`, `status`, and per kind its fields."""
    out: dict[str, Any] = {
        "kind": ref.kind,
        "text": ref.text,
        "start": ref.start,
        "end": ref.end,
        "role": ref.role,
        "status": ref.status,
    }
    if ref.kind == "resolution":
        target = None
        if ref.status == "resolved" and ref.body and ref.number:
            kind = ref.instrument or "resolution"
            target = (
                iris.version(ref.body, ref.number, ref.year, kind)
                if ref.year is not None
                else iris.instrument(ref.body, ref.number, kind)
            )
        out |= {
            "body": ref.body,
            "number": ref.number,
            "year": ref.year,
            "meeting": ref.meeting,
            "instrument": ref.instrument or "resolution",
            "target": str(target) if target else None,
        }
        if ref.annex:
            out["annex"] = ref.annex
    elif ref.kind in ("action-line", "document"):
        out["code"] = ref.code
    elif ref.kind == "paragraph":
        out |= {"instrument": ref.instrument, "paragraphs": ref.paragraphs}
    if ref.note:
        out["note"] = ref.note
    return out


def document_json(doc: Document, iris: Iris) -> dict[str, Any]:
    """`{"document": {...}, "references": [...]}` for one document."""
    return {
        "source": {"file": doc.source_file, "id": doc.source_id},
        "document": {
            "instrument": doc.instrument,
            "body": doc.body,
            "number": doc.number,
            "year": doc.year,
            "meeting": doc.meeting,
            "place": doc.place,
            "label": doc.label,
            "title": doc.title,
            "id": str(iris.version(doc.body, doc.number, doc.year, doc.instrument)),
        },
        "references": [reference_json(r, iris) for r in doc.references],
    }


def documents_json(documents: Sequence[Document], base_iri: str) -> list[dict[str, Any]]:
    """Each document's JSON, in source order."""
    iris = Iris(base_iri)
    return [document_json(d, iris) for d in documents]
