"""Build the dataset: ontology, reference data, every source text and every work, one graph
each (no triple in two graphs: the default graph is their union).

`build` writes a new store beside the old one and swaps it in only when everything was read, so
bad input leaves the existing store exactly as it was.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph

from app.iris import Iris
from app.progress import Advance, progress
from app.rdf.document_triples import document_triples
from app.rdf.reference_triples import reference_triples
from app.rdf.work_graphs import Mentions, work_graphs
from app.reading.model import Clause, Document
from app.reading.pipeline import read_documents
from app.registry import Registry
from app.settings import Settings
from app.store import Store, Triple, open_store
from app.store.embedded import EmbeddedStore, nquads
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
    triples: int
    """Triples written (each into one named graph)."""


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


def read_all(
    paths: Sequence[Path], settings: Settings, registry: Registry, advance: Advance | None = None
) -> Iterator[Document]:
    """Every document of every path, in order; an unreadable file raises `ReadError` naming
    file and line. `advance` is called once a file is read (a progress bar)."""
    for path in paths:
        yield from read_documents(path, settings.sources_dir, registry)
        if advance is not None:
            advance()


def fixed_graphs(registry: Registry, settings: Settings) -> dict[URIRef, list[Triple]]:
    """The graphs that hold no source text: the ontology and the reference data."""
    iris = Iris(settings.base_iri)
    return {
        iris.graph("ontology"): ontology_triples(settings.ontology_dir),
        iris.graph("reference"): list(reference_triples(registry, iris)),
    }


@dataclass
class _Tally:
    """What has been read so far, and the facts that need every document."""

    known: Mentions
    names: set[URIRef]
    documents: int = 0
    references: int = 0
    triples: int = 0

    def take(self, doc: Document, name: URIRef) -> None:
        if name in self.names:
            raise ValueError(f"{doc.source_file}: source id {doc.source_id!r} is read twice")
        self.names.add(name)
        self.known.add_document(doc)
        self.documents += 1
        self.references += len(doc.references)


PARALLEL_FROM = 64
"""From this many source files on, an embedded build reads them in worker processes."""

_reader: tuple[Settings, Registry, Iris] | None = None


def _start_reader(settings: Settings) -> None:
    """Set up one reading process (or this one): settings, registry, IRI minter."""
    global _reader
    _reader = (settings, Registry.load(settings.reference_dir), Iris(settings.base_iri))


def _read_as_nquads(path: Path) -> list[tuple[Document, str]]:
    """Each document of `path` with its graph as N-Quads, ready for the embedded store."""
    assert _reader is not None, "_start_reader first"
    settings, registry, iris = _reader
    return [
        (_identity(doc), nquads({iris.source(doc.source_id): document_triples(doc, iris)}))
        for doc in read_documents(path, settings.sources_dir, registry)
    ]


def _identity(doc: Document) -> Document:
    """The document without its clauses' texts: what the main process still needs (identity
    and references), light to send back from a worker."""
    refs = Clause("all", "preamble", None, None, None, "", 0, 0, 0, references=doc.references)
    return dataclasses.replace(doc, clauses=[refs])


def _stream_into(
    store: EmbeddedStore,
    settings: Settings,
    chosen: list[Path],
    tally: _Tally,
    advance: Advance,
) -> None:
    """Read every file (in two processes for a large corpus) and load the documents' graphs
    in batches as they come, in file order."""
    pending: list[str] = []
    iris = Iris(settings.base_iri)

    def load() -> None:
        store.bulk_load_nquads("".join(pending))
        pending.clear()

    def take(results: Iterable[list[tuple[Document, str]]]) -> None:
        for documents in results:
            for doc, text in documents:
                tally.take(doc, iris.source(doc.source_id))
                tally.triples += text.count("\n")
                pending.append(text)
            advance()
            if len(pending) >= 500:
                load()

    workers = min(2, os.cpu_count() or 1)
    if len(chosen) >= PARALLEL_FROM and workers > 1:
        context = multiprocessing.get_context("spawn")  # no fork under a server's threads
        with context.Pool(workers, _start_reader, (settings,)) as pool:
            take(pool.imap(_read_as_nquads, chosen, chunksize=8))
    else:
        _start_reader(settings)
        take(map(_read_as_nquads, chosen))
    load()


def build_into(
    store: Store, settings: Settings, paths: Sequence[Path] | None = None, quiet: bool = True
) -> BuildReport:
    """Read and write everything into `store` (which should be empty).

    The embedded store takes the documents in batches as they are read, so memory stays
    bounded; a server gets everything at once, and only once every file has been read.
    """
    registry = Registry.load(settings.reference_dir)
    iris = Iris(settings.base_iri)
    chosen = list(paths) if paths is not None else bundled_sources(settings)
    graphs: dict[URIRef, Sequence[Triple]] = dict(fixed_graphs(registry, settings))
    tally = _Tally(Mentions.from_registry(registry), set(graphs))
    with progress(len(chosen), "reading sources", quiet) as advance:
        if isinstance(store, EmbeddedStore):
            _stream_into(store, settings, chosen, tally, advance)
        else:
            for doc in read_all(chosen, settings, registry, advance):
                name = iris.source(doc.source_id)
                tally.take(doc, name)
                graphs[name] = document_triples(doc, iris)
    reference = set(graphs[iris.graph("reference")])
    graphs.update(work_graphs(tally.known, registry, iris, reference))
    tally.triples += sum(len(t) for t in graphs.values())
    if isinstance(store, EmbeddedStore):
        store.bulk_load(graphs)
    elif isinstance(store, RemoteStore):
        store.replace_all(graphs)  # all graphs, stale ones dropped, then the merged graph
    else:
        store.replace_graphs(graphs)
    return BuildReport(
        sources=len(chosen),
        documents=tally.documents,
        references=tally.references,
        graphs=len(tally.names | {name for name, triples in graphs.items() if triples}),
        triples=tally.triples,
    )


def build(
    settings: Settings, paths: Sequence[Path] | None = None, quiet: bool = True
) -> BuildReport:
    """Build a fresh store and swap it in for `settings.store_dir`; on error change nothing.

    With `backend="sparql"` the server's graphs are replaced instead (everything is read
    before anything is written, so bad input changes nothing there either)."""
    if settings.backend == "sparql":
        remote = open_store(settings)
        try:
            return build_into(remote, settings, paths, quiet)
        finally:
            remote.close()
    target = settings.store_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        store = EmbeddedStore(staging / "store")
        try:
            report = build_into(store, settings, paths, quiet)
        finally:
            store.close()
        retired = staging / "retired"
        if target.exists():
            target.rename(retired)
        (staging / "store").rename(target)
        return report
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def open_built(settings: Settings, announce: Callable[[str], None] | None = None) -> Store:
    """The store of `settings`; an empty one gets the bundled data first, built beside it and
    swapped in, so a failed build leaves it empty (and the next start builds again)."""
    store = open_store(settings)
    if not store.is_empty():
        return store
    store.close()
    if announce is not None:
        announce(f"building the empty store {settings.store_dir}")
    build(settings)
    return open_store(settings)
