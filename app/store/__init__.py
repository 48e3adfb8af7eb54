"""The one place that talks to the store: a small interface and the backends behind it.

The dataset holds one named graph per source text, one per work or cited document, one for the
reference data and one for the ontology; no triple is in two of them (`app.rdf.work_graphs`), and
queries see their union as the default graph.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from app.settings import Settings

Triple = tuple[Node, Node, Node]
Row = dict[str, Node]

RDF_FORMATS = {
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
"""Dataset and graph serializations by short name, with their media types."""


class StoreError(RuntimeError):
    """The store could not do what was asked (and changed nothing)."""


class Store(ABC):
    """What the rest of the code needs from a triple store."""

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Put each graph's triples in place of what it held, all in one transaction."""

    @abstractmethod
    def drop_graphs(self, names: Iterable[URIRef]) -> None:
        """Remove whole graphs, in one transaction."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The named graphs, sorted."""

    @abstractmethod
    def graph_triples(self, name: URIRef) -> list[Triple]:
        """Every triple of the named graph `name` (none if there is no such graph)."""

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT over the union of all graphs; each row maps variable -> bound term."""

    @abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK over the union of all graphs."""

    @abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE over the union of all graphs."""

    @abstractmethod
    def dump(self, fmt: str) -> bytes:
        """The named graphs in a dataset `fmt` (`nquads`, `trig`, `jsonld`); their merge in a
        graph format (`turtle`, `ntriples`, `rdfxml`)."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of triples across all graphs."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (files, connections)."""

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all."""
        return len(self) == 0


def open_store(target: Settings | Path | None) -> Store:
    """The store the settings choose (`backend`); given a directory (or None, in memory), the
    embedded store persisted there."""
    from app.settings import Settings

    if isinstance(target, Settings):
        if target.backend == "sparql":
            return _remote_store(target)
        target = target.store_dir
    from app.store.embedded import EmbeddedStore

    return EmbeddedStore(target)


def _remote_store(settings: Settings) -> Store:
    from app.store.remote import RemoteStore

    if not settings.sparql_query_url or not settings.sparql_update_url:
        raise StoreError(
            "RESKG_BACKEND=sparql needs RESKG_SPARQL_QUERY_URL and RESKG_SPARQL_UPDATE_URL"
        )
    password = settings.sparql_password
    return RemoteStore(
        settings.sparql_query_url,
        settings.sparql_update_url,
        base_iri=settings.base_iri,
        gsp_url=settings.sparql_gsp_url,
        user=settings.sparql_user,
        password=password.get_secret_value() if password is not None else None,
        auth=None if settings.sparql_auth == "none" else settings.sparql_auth,
        timeout_s=settings.sparql_timeout_s,
    )
