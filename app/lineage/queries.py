"""The SPARQL files of `queries/`, loaded by name and run against the store with bindings."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from app.store import Row, Store


class QueryNotFound(LookupError):
    """No `queries/{name}.rq` file."""


@lru_cache(maxsize=64)
def _read(folder: Path, name: str) -> str:
    path = folder / f"{name}.rq"
    if not path.is_file():
        raise QueryNotFound(f"no query file {path}")
    return path.read_text(encoding="utf-8")


class Queries:
    """Runs the named query files of one folder (`settings.queries_dir`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def text(self, name: str) -> str:
        """The SPARQL of `queries/{name}.rq`, read once."""
        return _read(self.folder, name)

    def select(self, store: Store, name: str, **bindings: Node) -> list[Row]:
        """The rows of a SELECT file, its parameters bound by name."""
        return store.select(self.text(name), _bindings(bindings))

    def construct(self, store: Store, name: str, **bindings: Node) -> Graph:
        """The graph of a CONSTRUCT file, its parameters bound by name."""
        return store.construct(self.text(name), _bindings(bindings))


def _bindings(bindings: Mapping[str, Node]) -> dict[str, Node] | None:
    return dict(bindings) or None
