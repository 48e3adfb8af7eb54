"""Build the dataset: ontology + reference data + every source text, one graph each.

`build` writes a new store beside the old one and swaps it in only when everything was read, so
bad input leaves the existing store exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph

from app.iris import Iris
from app.rdf.document_triples import document_triples
from app.rdf.inferred import inferred_triples
from app.rdf.reference_triples import reference_triples
from app.reading.model import Document
from app.reading.pipeline import read_documents
from app.registry import Registry
from app.settings import Settings
from app.store import Store, Triple, open_store
from app.store.embedded import EmbeddedStore
from app.store.remote import RemoteStore

SOURCE_SUFFIXES = (".txt", ".md", ".xml")
"""What counts as a source text in a sources folder."""


@dataclass(frozen=True)
class BuildReport:
    """What a build read and wrote."""

    sources: int
    documents: int
    references: int
    graphs: int
    quads: int


def bundled_sources(settings: Settings) -> list[Path]:
    """The bundled source files, sorted so that builds are deterministic."""
    return sorted(p for p in settings.sources_dir.iterdir() if p.suffix in SOURCE_SUFFIXES)


def ontology_triples(ontology_dir: Path) -> list[Triple]:
    """The ontology files' triples, for the ontology graph; blank nodes (OWL unions) get
    canonical labels so that rebuilds are identical."""
    graph = Graph()
    for path in sorted(ontology_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return sorted(to_canonical_graph(graph))


def read_all(paths: Sequence[Path], settings: Settings, registry: Registry) -> list[Document]:
    """Read every path; the first unreadable one raises `ReadError` naming file and line."""
    documents: list[Document] = []
    for path in paths:
        documents += read_documents(path, settings.sources_dir, registry)
    return documents


def dataset(
    documents: Sequence[Document], registry: Registry, settings: Settings
) -> dict[URIRef, list[Triple]]:
    """The graphs of the whole dataset, by name."""
    iris = Iris(settings.base_iri)
    graphs: dict[URIRef, list[Triple]] = {
        iris.graph("ontology"): ontology_triples(settings.ontology_dir),
        iris.graph("reference"): list(reference_triples(registry, iris)),
        iris.graph("inferred"): list(inferred_triples(documents, registry, iris)),
    }
    for doc in documents:
        name = iris.source(doc.source_id)
        if name in graphs:
            raise ValueError(f"{doc.source_file}: source id {doc.source_id!r} is read twice")
        graphs[name] = list(document_triples(doc, iris))
    return graphs


def build_into(
    store: Store, settings: Settings, paths: Sequence[Path] | None = None
) -> BuildReport:
    """Read and write everything into `store` (which should be empty)."""
    registry = Registry.load(settings.reference_dir)
    chosen = list(paths) if paths is not None else bundled_sources(settings)
    documents = read_all(chosen, settings, registry)
    graphs = dataset(documents, registry, settings)
    if isinstance(store, EmbeddedStore):
        store.bulk_load(graphs)
    elif isinstance(store, RemoteStore):
        store.replace_all(graphs)  # all graphs, stale ones dropped, then the merged graph
    else:
        store.replace_graphs(graphs)
    return BuildReport(
        sources=len(chosen),
        documents=len(documents),
        references=sum(len(d.references) for d in documents),
        graphs=len(graphs),
        quads=len(store),
    )


def build(settings: Settings, paths: Sequence[Path] | None = None) -> BuildReport:
    """Build a fresh store and swap it in for `settings.store_dir`; on error change nothing.

    With `backend="sparql"` the server's graphs are replaced instead (everything is read
    before anything is written, so bad input changes nothing there either)."""
    if settings.backend == "sparql":
        remote = open_store(settings)
        try:
            return build_into(remote, settings, paths)
        finally:
            remote.close()
    target = settings.store_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        store = EmbeddedStore(staging / "store")
        try:
            report = build_into(store, settings, paths)
        finally:
            store.close()
        retired = staging / "retired"
        if target.exists():
            target.rename(retired)
        (staging / "store").rename(target)
        return report
    finally:
        shutil.rmtree(staging, ignore_errors=True)
