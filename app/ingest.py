"""Add, replace and remove source texts in the stored graph, never leaving it half-written.

`ingest` reads the inputs into document graphs, recomputes the graphs of the works and documents
they (and the texts they replace) mention from every source that mentions them (the stored ones
read back from the store), validates the result with the stored graph, and only then writes:
the document graphs, the graphs of the same files that are gone, and those works' graphs, in
ONE `replace_graphs` transaction. A rejected input changes nothing. `delete_document` removes a
source text's graph the same way. Writes take one process-wide lock
(one writer at a time, readers go on); after every write the cached answers are dropped.

`RESKG_INGEST_PAUSE=point:seconds` (a test hook) sleeps at `validated` (just before the write)
or `written` (just after it), printing the point to standard error first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from app.iris import IriError, Iris
from app.rdf.document_triples import document_triples
from app.rdf.reference_triples import reference_triples
from app.rdf.work_graphs import (
    Cited,
    Mentions,
    cited,
    owner_of,
    target_iri,
    work_graphs,
    work_of,
)
from app.reading.model import Document, ReadError
from app.reading.pipeline import read_text_documents
from app.reading.sources import decode
from app.registry import Registry
from app.settings import Settings, get_settings
from app.store import Store, Triple
from app.store.embedded import EmbeddedStore
from app.validation import Candidate, InputError, Report, validate_candidate
from app.validation.shacl import Workspace, load_shapes, store_written

SUFFIXES = {".txt": "text", ".md": "text", ".xml": "akn"}
"""What a source file is read as, by suffix."""

_NAME = re.compile(r"^[0-9A-Za-z_][0-9A-Za-z_.() -]*\.(txt|md|xml)$")
WRITE_LOCK = threading.Lock()
"""One writer at a time in this process (readers are never blocked by it)."""

_PREFIX = "PREFIX reskg: <https://w3id.org/reskg/ontology#>\n"
_SOURCES = _PREFIX + (
    "SELECT ?text ?file WHERE { "
    "{ VALUES ?text { %s } ?text a reskg:SourceText ; reskg:sourceFile ?file } UNION "
    "{ VALUES ?file { %s } ?text reskg:sourceFile ?file ; a reskg:SourceText } }"
)
_DOCUMENTS = _PREFIX + (
    "SELECT ?text ?version ?file WHERE { ?version reskg:hasText ?text . "
    "?text a reskg:SourceText ; reskg:sourceFile ?file }"
)
_TEXTS = _PREFIX + (
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    "SELECT ?text ?version ?label ?meeting ?title WHERE { VALUES ?work { %s } "
    "?version reskg:versionOf ?work ; reskg:hasText ?text . ?text reskg:statedLabel ?label . "
    "OPTIONAL { ?text reskg:statedMeeting ?meeting } OPTIONAL { ?text dcterms:title ?title } }"
)
_VERSION_CITATIONS = _PREFIX + (
    "SELECT ?citation ?target ?status ?label ?meeting WHERE { VALUES ?work { %s } "
    "?target reskg:versionOf ?work . ?citation reskg:target ?target ; "
    "reskg:resolutionStatus ?status . OPTIONAL { ?citation reskg:citedLabel ?label } "
    "OPTIONAL { ?citation reskg:statedMeeting ?meeting } }"
)
_WORK_CITATIONS = _PREFIX + (
    "SELECT ?citation ?target WHERE { VALUES ?target { %s } ?citation reskg:target ?target ; "
    'reskg:referenceKind "resolution" }'
)
_DOCUMENT_CITATIONS = _PREFIX + (
    "SELECT ?citation ?code ?kind WHERE { VALUES ?target { %s } ?citation reskg:target ?target ; "
    "reskg:citedCode ?code ; reskg:referenceKind ?kind }"
)


class SourceConflict(ValueError):
    """A source id the store already holds, read from another file."""


class UnknownSource(LookupError):
    """No stored source text has that id."""


@dataclass(frozen=True)
class SourceInput:
    """One file to ingest: its name (as the graph will record it) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class LandedDocument:
    """A document that is (or would be) in the store: its source id, graph, version, file."""

    source_id: str
    graph: str
    version: str
    file: str

    def to_json(self) -> dict[str, str]:
        """`{"id", "graph", "version", "file"}`."""
        return {
            "id": self.source_id,
            "graph": self.graph,
            "version": self.version,
            "file": self.file,
        }


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: `landed` or not, the documents, graphs removed, and the report."""

    landed: bool
    documents: tuple[LandedDocument, ...]
    replaced: tuple[str, ...]
    removed: tuple[str, ...]
    report: Report

    def to_json(self) -> dict[str, Any]:
        """The result as JSON: landed, documents, replaced and removed graphs, the report."""
        return {
            "landed": self.landed,
            "documents": [d.to_json() for d in self.documents],
            "replaced": list(self.replaced),
            "removed": list(self.removed),
            "report": self.report.to_json(),
        }


@dataclass(frozen=True)
class DeleteResult:
    """The graphs a delete removed."""

    source_id: str
    removed: tuple[str, ...]


@dataclass
class _IngestCandidate(Candidate):
    """A candidate validated at the nodes of its documents and of the settled facts changed."""

    changed: set[URIRef] = field(default_factory=set)
    documents: set[URIRef] = field(default_factory=set)

    def focus(self) -> set[URIRef]:
        nodes = set(self.changed)
        for name in self.documents:
            for s, _, o in self.graphs[name]:
                nodes.update(n for n in (s, o) if isinstance(n, URIRef))
        return nodes


def _pause(point: str) -> None:
    hook = os.environ.get("RESKG_INGEST_PAUSE", "")
    name, _, seconds = hook.partition(":")
    if name == point:
        print(f"reskg ingest: {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 0))


def read_inputs(inputs: Sequence[SourceInput], registry: Registry) -> list[Document]:
    """Every document of the inputs; `InputError` (file and line) for what cannot be read."""
    from app.validation import check_xml

    documents: list[Document] = []
    seen: set[str] = set()
    for source in inputs:
        suffix = Path(source.name).suffix.lower()
        if not _NAME.match(source.name) or suffix not in SUFFIXES:
            raise InputError(
                source.name,
                None,
                "a source needs a plain file name ending in .txt, .md or .xml (no folders)",
            )
        if source.name in seen:
            raise InputError(source.name, None, "the same file name is given twice")
        seen.add(source.name)
        if SUFFIXES[suffix] == "akn":
            check_xml(source.data, source.name)
        try:
            text = decode(source.data, source.name)
            documents += read_text_documents(text, source.name, Path(source.name).stem, registry)
        except ReadError as error:
            raise InputError(error.file, error.line, error.problem) from None
    return documents


def _mentioned(store: Store, graphs: Iterable[URIRef]) -> set[Node]:
    """Every node the stored `graphs` mention (as subject or object)."""
    nodes: set[Node] = set()
    for graph in graphs:
        for s, _, o in store.graph_triples(graph):
            nodes.update((s, o))
    return nodes


def _owners(iris: Iris, nodes: Iterable[Node]) -> set[URIRef]:
    """The works' and documents' graphs that settle what is said about `nodes`."""
    return {owner for node in nodes if (owner := owner_of(iris, node)) is not None}


def _meeting_id(iris: Iris, node: Node | None) -> str | None:
    return iris.parse(str(node)).parts[0] if node is not None else None


def _values(nodes: Sequence[URIRef]) -> Iterator[str]:
    for chunk in range(0, len(nodes), 200):
        yield " ".join(f"<{node}>" for node in nodes[chunk : chunk + 200])


def _source_of(node: Node, marker: str) -> str:
    return str(node).rsplit(f"/{marker}/", 1)[0]


def _add_stored(
    known: Mentions, store: Store, iris: Iris, owners: set[URIRef], skip: set[str]
) -> None:
    """What the stored texts (less the graphs in `skip`) say about the works and documents of
    `owners`: the texts of those works' versions, and every citation of them."""
    works = sorted(o for o in owners if work_of(iris, o) is not None)
    documents = sorted(owners.difference(works))
    for values in _values(works):
        for row in store.select(_TEXTS % values):
            found = work_of(iris, row["version"])
            if str(row["text"]) in skip or found is None or found[1] is None:
                continue
            title = str(row["title"]) if "title" in row else None
            meeting = _meeting_id(iris, row.get("meeting"))
            known.add_text(found[0], found[1], str(row["label"]), meeting, title)
        for row in store.select(_VERSION_CITATIONS % values):
            found = work_of(iris, row["target"])
            if _source_of(row["citation"], "citation") in skip or found is None:
                continue
            resolved = str(row["status"]) == "resolved"
            form = str(row["label"]) if "label" in row and resolved else None
            meeting = _meeting_id(iris, row.get("meeting"))
            known.add_cited(Cited("version", found[0], found[1], meeting, form))
        for row in store.select(_WORK_CITATIONS % values):
            found = work_of(iris, row["target"])
            if _source_of(row["citation"], "citation") in skip or found is None:
                continue
            known.add_cited(Cited("work", found[0]))
    for values in _values(documents):
        for row in store.select(_DOCUMENT_CITATIONS % values):
            if _source_of(row["citation"], "citation") not in skip:
                code, kind = str(row["code"]), str(row["kind"])
                known.add_cited(Cited("document", code=code, document_kind=kind))


def recompute_work_graphs(
    store: Store, registry: Registry, iris: Iris, skip: Iterable[URIRef], added: Sequence[Document]
) -> dict[URIRef, list[Triple]]:
    """The graphs of the works and documents that `added` and the stored graphs in `skip`
    mention, as a build of the stored texts (less `skip`) plus `added` makes them; an empty
    list for one that nothing mentions any more."""
    skipped = list(skip)
    owners = _owners(iris, _mentioned(store, skipped))
    for doc in added:
        owners.add(iris.instrument(doc.body, doc.number, doc.instrument))
        targets = (cited(ref) for ref in doc.references)
        owners |= _owners(iris, (target_iri(t, iris) for t in targets if t is not None))
    known = Mentions.from_registry(registry)
    _add_stored(known, store, iris, owners, {str(name) for name in skipped})
    for doc in added:
        known.add_document(doc)
    reference = set(reference_triples(registry, iris))
    graphs = work_graphs(known, registry, iris, reference)
    return {owner: graphs.get(owner, []) for owner in sorted(owners)}


def stored_sources(
    store: Store, settings: Settings, source_id: str | None = None
) -> list[LandedDocument]:
    """The stored source texts, sorted by id: all, or the one of `source_id` (else every
    component of an AKN collection of that id: `pp18_final_acts_akn` -> `.../res-140`, ...)."""
    iris = Iris(settings.base_iri)
    found: list[LandedDocument] = []
    for row in store.select(_DOCUMENTS):
        try:
            parsed = iris.parse(str(row["text"]))
        except IriError:
            continue
        if parsed.kind == "source":
            found.append(
                LandedDocument(
                    parsed.parts[0], str(row["text"]), str(row["version"]), str(row["file"])
                )
            )
    found.sort(key=lambda d: d.source_id)
    if source_id is None:
        return found
    wanted = source_id.strip("/")
    return [d for d in found if d.source_id == wanted] or [
        d for d in found if d.source_id.startswith(wanted + "/")
    ]


def _sources_by_file(store: Store, texts: Iterable[URIRef], files: Iterable[str]) -> dict[str, str]:
    """Stored source graph IRI -> the file it was read from, for the source graphs `texts` and
    for every stored source read from one of `files`."""
    wanted = " ".join(t.n3() for t in texts), " ".join(Literal(f).n3() for f in files)
    return {str(row["text"]): str(row["file"]) for row in store.select(_SOURCES % wanted)}


def _validate(store: Store, settings: Settings, candidate: Candidate, cached: bool) -> Report:
    """Validate on the cached workspace (embedded store), else on a copy of the stored union
    without the graphs the candidate replaces (a remote store: the workspace cannot read one
    graph of it, so the copy is made from the whole dataset)."""
    if isinstance(store, EmbeddedStore):
        return validate_candidate(store, candidate, settings, cached=cached)
    data = ox.Store()
    default = ox.DefaultGraph()
    replaced = {ox.NamedNode(str(name)) for name in candidate.graphs}
    data.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object, default)
        for q in ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
        if q.graph_name not in replaced
    )
    return Workspace(data).validate(candidate, load_shapes(settings.shapes_dir))


def _write(store: Store, graphs: dict[URIRef, list[Triple]]) -> None:
    """The one transaction; then every cache of the store's state is brought up to date."""
    from app.lineage import cache  # imports FastAPI: not on the command line's start-up path

    before = {name: store.graph_triples(name) for name in graphs}
    try:
        store.replace_graphs(graphs)
    except BaseException:
        cache.invalidate()
        store_written(store, graphs, None)
        raise
    cache.invalidate()
    gone: list[Triple] = []  # no other graph holds a triple of these: gone from the union
    for name, old in before.items():
        new = set(graphs[name])
        gone += [t for t in old if t not in new]
    store_written(store, graphs, gone)


def ingest(
    store: Store,
    settings: Settings,
    inputs: Sequence[SourceInput],
    *,
    registry: Registry | None = None,
    cached: bool = True,
) -> IngestResult:
    """Read, validate and (when no Violation) land `inputs` in one transaction.

    Raises `InputError` (unreadable input, with file and line) and `SourceConflict` (a source id
    held by another file); a rejected input is an `IngestResult` with `landed=False`.
    `cached=False` validates on a fresh copy of the store (the command line).
    """
    registry = registry or Registry.load(settings.reference_dir)
    iris = Iris(settings.base_iri)
    documents = read_inputs(inputs, registry)
    graphs: dict[URIRef, list[Triple]] = {}
    landed: list[LandedDocument] = []
    for doc in documents:
        name = iris.source(doc.source_id)
        if name in graphs:
            raise InputError(doc.source_file, None, f"source id {doc.source_id!r} is read twice")
        graphs[name] = list(document_triples(doc, iris))
        version = iris.version(doc.body, doc.number, doc.year, doc.instrument)
        landed.append(LandedDocument(doc.source_id, str(name), str(version), doc.source_file))
    files = {source.name for source in inputs}
    with WRITE_LOCK:
        stored = _sources_by_file(store, graphs, files)
        for doc in documents:
            held_by = stored.get(str(iris.source(doc.source_id)))
            if held_by is not None and held_by not in files:
                raise SourceConflict(
                    f"{doc.source_file}: source id {doc.source_id!r} is already held by "
                    f"{held_by!r}; rename the file or delete that source first"
                )
        replaced = sorted(n for n in graphs if str(n) in stored)
        removed = sorted(
            URIRef(text)
            for text, file in stored.items()
            if file in files and URIRef(text) not in graphs
        )
        for name in removed:
            graphs[name] = []
        settled = recompute_work_graphs(store, registry, iris, graphs, documents)
        changed: set[Node] = set()
        for owner, triples in settled.items():
            difference = set(store.graph_triples(owner)).symmetric_difference(triples)
            changed.update(n for t in difference for n in (t[0], t[2]))
        candidate = _IngestCandidate(
            graphs={**graphs, **settled},
            files=sorted(files),
            changed={n for n in changed if isinstance(n, URIRef)},
            documents={URIRef(d.graph) for d in landed},
        )
        report = _validate(store, settings, candidate, cached)
        if report.count("Violation"):
            return IngestResult(False, tuple(landed), (), (), report)
        _pause("validated")
        _write(store, {**graphs, **settled})
        _pause("written")
    return IngestResult(
        True, tuple(landed), tuple(map(str, replaced)), tuple(map(str, removed)), report
    )


def delete_document(store: Store, settings: Settings, source_id: str) -> DeleteResult:
    """Remove the source text `source_id` (or every component of an AKN collection of that id)
    and recompute the graphs of the works it mentions, in one transaction; `UnknownSource`
    when there is none."""
    iris = Iris(settings.base_iri)
    with WRITE_LOCK:
        doomed = sorted({URIRef(d.graph) for d in stored_sources(store, settings, source_id)})
        if not doomed:
            raise UnknownSource(f"no source text {source_id!r} is stored")
        registry = Registry.load(settings.reference_dir)
        settled = recompute_work_graphs(store, registry, iris, doomed, [])
        graphs: dict[URIRef, list[Triple]] = {n: [] for n in doomed}
        _pause("validated")
        _write(store, {**graphs, **settled})
        _pause("written")
    return DeleteResult(source_id, tuple(map(str, doomed)))


# -- the command line ------------------------------------------------------------------------


def add_ingest_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `reskg ingest FILE ... [--store DIR] [--format text|json]`."""
    command = subparsers.add_parser(
        "ingest",
        help="add (or replace) source texts in the store, validated, in one transaction",
        description="Exit status: 0 landed, 1 rejected (the report is printed), 2 could not run. "
        "The store directory must not be open elsewhere (a running service): ingest through "
        "its POST /api/documents instead.",
    )
    command.add_argument("files", nargs="+", type=Path, help=".txt, .md or AKN .xml files")
    command.add_argument("--store", type=Path, help="store directory (default: RESKG_STORE_DIR)")
    command.add_argument("--format", default="text", choices=("text", "json"))
    command.set_defaults(run=cmd_ingest)
    return command  # type: ignore[no-any-return]


def render_result(result: IngestResult, fmt: str) -> str:
    """The result as JSON, or as lines of text followed by the report."""
    if fmt == "json":
        return json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    verb = "landed" if result.landed else "rejected (nothing was changed)"
    lines = [f"{verb}: {len(result.documents)} document(s)"]
    lines += [f"  {d.source_id} <{d.graph}> from {d.file}" for d in result.documents]
    lines += [f"  removed <{g}>" for g in result.removed]
    return "\n".join(lines) + "\n" + result.report.to_text()


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest the files into the store; 0 landed, 1 rejected, 2 could not run."""
    from app.build import open_built
    from app.store import StoreError
    from app.validation import ValidationError

    settings = get_settings()
    if args.store:
        settings = settings.model_copy(update={"store_dir": args.store})
    try:
        inputs = [SourceInput(path.name, path.read_bytes()) for path in args.files]
        store = open_built(settings, lambda text: print(f"reskg ingest: {text}", file=sys.stderr))
    except (OSError, StoreError) as error:
        print(f"reskg ingest: {error}", file=sys.stderr)
        return 2
    try:
        result = ingest(store, settings, inputs, cached=False)
    except (InputError, SourceConflict, ValidationError, StoreError, OSError) as error:
        print(f"reskg ingest: {error}", file=sys.stderr)
        return 2
    finally:
        store.close()
    sys.stdout.write(render_result(result, args.format))
    return 0 if result.landed else 1
