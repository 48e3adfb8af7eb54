"""Add, replace and remove source texts in the stored graph, never leaving it half-written.

`ingest` reads the inputs into document graphs, recomputes `graph/inferred` over every document
(the stored ones read back from the graph), validates the result with the stored graph, and only
then writes: the document graphs, the graphs of the same files that are gone, and the new
inferred graph, in ONE `replace_graphs` transaction. A rejected input changes nothing.
`delete_document` removes a source text's graph the same way. Writes take one process-wide lock
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from app.iris import IriError, Iris
from app.rdf.document_triples import document_triples
from app.rdf.inferred import Instrument, KnownVersions, cited_versions, triples_from
from app.reading.model import Document, ReadError
from app.reading.pipeline import read_text_documents
from app.reading.sources import decode
from app.registry import Registry
from app.settings import Settings, get_settings
from app.store import Store, Triple
from app.store.embedded import EmbeddedStore, from_ox
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
    "SELECT ?text ?version ?number ?label WHERE { VALUES ?work { %s } "
    "?version reskg:versionOf ?work ; reskg:hasText ?text ; reskg:number ?number ; "
    "reskg:versionLabel ?label }"
)
_CITATIONS = _PREFIX + (
    "SELECT ?citation ?target ?number ?label WHERE { VALUES ?work { %s } "
    "?target reskg:versionOf ?work ; reskg:number ?number . "
    "?citation reskg:target ?target ; a reskg:Citation ; "
    'reskg:referenceKind "resolution" ; reskg:resolutionStatus "resolved" . '
    "OPTIONAL { ?citation reskg:citedLabel ?label } }"
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
    """A candidate validated at the nodes of its documents and of the inferred facts changed."""

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


def _version_parts(iris: Iris, version: Node) -> tuple[str, str, int] | None:
    """(kind, body, year) of a version IRI minted here; None for anything else."""
    try:
        parsed = iris.parse(str(version))
    except IriError:
        return None
    if not parsed.kind.endswith("-version"):
        return None
    return parsed.kind.removesuffix("-version"), parsed.parts[0], int(parsed.parts[2])


def _works(iris: Iris, nodes: Iterable[Node]) -> set[Instrument]:
    """The works of the version IRIs among `nodes`: (kind, body, number)."""
    works: set[Instrument] = set()
    for node in nodes:
        parts = _version_parts(iris, node)
        if parts is not None:
            kind, body, _ = parts
            works.add((kind, body, iris.parse(str(node)).parts[1]))
    return works


def _mentioned(store: Store, graphs: Iterable[URIRef]) -> set[Node]:
    """Every node the stored `graphs` mention (as subject or object)."""
    nodes: set[Node] = set()
    for graph in graphs:
        for s, _, o in store.graph_triples(graph):
            nodes.update((s, o))
    return nodes


def _add_stored(
    known: KnownVersions, store: Store, iris: Iris, works: set[Instrument], skip: set[str]
) -> None:
    """What the stored texts (less the graphs in `skip`) say about the versions of `works`:
    the texts of those versions, and the citations of them."""
    ordered = sorted(works)
    for chunk in range(0, len(ordered), 200):
        values = " ".join(
            f"<{iris.instrument(body, number, kind)}>"
            for kind, body, number in ordered[chunk : chunk + 200]
        )
        for row in store.select(_TEXTS % values):
            parts = _version_parts(iris, row["version"])
            if str(row["text"]) not in skip and parts is not None:
                kind, body, year = parts
                known.add_text((kind, body, str(row["number"])), year, str(row["label"]))
        for row in store.select(_CITATIONS % values):
            parts = _version_parts(iris, row["target"])
            text = str(row["citation"]).rsplit("/citation/", 1)[0]
            if text not in skip and parts is not None:
                kind, body, year = parts
                label = str(row["label"]) if "label" in row else None
                known.add_citation((kind, body, str(row["number"])), year, label)


def recompute_inferred(
    store: Store,
    registry: Registry,
    iris: Iris,
    skip: Iterable[URIRef],
    added: Sequence[Document],
    stored: set[Triple] | None = None,
) -> list[Triple]:
    """`graph/inferred` as a build of the stored texts (less `skip`) plus `added` makes it.

    Only the works that `added` and the graphs in `skip` mention are worked out again, from the
    stored texts that hold or cite their versions; the stored facts about other works stay
    (`stored`: the stored inferred graph, when the caller has it already).
    """
    skipped = list(skip)
    mentioned = _mentioned(store, skipped)
    for doc in added:
        mentioned.add(iris.version(doc.body, doc.number, doc.year, doc.instrument))
        mentioned.update(iris.version(b, n, y, k) for (k, b, n), y, _ in cited_versions(doc))
    works = _works(iris, mentioned)
    known = KnownVersions.from_registry(registry)
    _add_stored(known, store, iris, works, {str(name) for name in skipped})
    for doc in added:
        known.add_document(doc)
    fresh = [t for t in triples_from(known, registry, iris) if _works(iris, [t[0]]) <= works]
    if stored is None:
        stored = _stored_inferred(store, iris)
    kept = [t for t in stored if not _works(iris, [t[0]]) & works]
    return sorted({*kept, *fresh})


def _stored_inferred(store: Store, iris: Iris) -> set[Triple]:
    return set(store.graph_triples(iris.graph("inferred")))


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


def _old_quads(store: Store, names: Iterable[URIRef]) -> list[ox.Quad] | None:
    """The quads of graphs about to change (embedded store only: None elsewhere)."""
    if not isinstance(store, EmbeddedStore):
        return None
    default = ox.DefaultGraph()
    return [
        ox.Quad(q.subject, q.predicate, q.object, default)
        for name in names
        for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
    ]


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

    before = _old_quads(store, graphs)
    try:
        store.replace_graphs(graphs)
    except BaseException:
        cache.invalidate()
        store_written(store, graphs, None)
        raise
    cache.invalidate()
    gone: list[Triple] | None = None
    if before is not None and isinstance(store, EmbeddedStore):
        present = store.oxigraph
        gone = [
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            for q in before
            if q not in present
        ]
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
        old = _stored_inferred(store, iris)
        inferred = recompute_inferred(store, registry, iris, graphs, documents, old)
        changed = {n for t in old.symmetric_difference(inferred) for n in (t[0], t[2])}
        candidate = _IngestCandidate(
            graphs={**graphs, iris.graph("inferred"): inferred},
            files=sorted(files),
            changed={n for n in changed if isinstance(n, URIRef)},
            documents={URIRef(d.graph) for d in landed},
        )
        report = _validate(store, settings, candidate, cached)
        if report.count("Violation"):
            return IngestResult(False, tuple(landed), (), (), report)
        _pause("validated")
        _write(store, {**graphs, iris.graph("inferred"): inferred})
        _pause("written")
    return IngestResult(
        True, tuple(landed), tuple(map(str, replaced)), tuple(map(str, removed)), report
    )


def delete_document(store: Store, settings: Settings, source_id: str) -> DeleteResult:
    """Remove the source text `source_id` (or every component of an AKN collection of that id)
    and recompute `graph/inferred`, in one transaction; `UnknownSource` when there is none."""
    iris = Iris(settings.base_iri)
    with WRITE_LOCK:
        doomed = sorted({URIRef(d.graph) for d in stored_sources(store, settings, source_id)})
        if not doomed:
            raise UnknownSource(f"no source text {source_id!r} is stored")
        registry = Registry.load(settings.reference_dir)
        inferred = recompute_inferred(store, registry, iris, doomed, [])
        graphs: dict[URIRef, list[Triple]] = {n: [] for n in doomed}
        _pause("validated")
        _write(store, {**graphs, iris.graph("inferred"): inferred})
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
