"""Validation for data stewards: SHACL shapes over the stored graph plus what is being added.

Inputs (resolution texts, Akoma Ntoso XML, or RDF in Turtle, N-Triples or JSON-LD) are read into
a `Candidate` as if they were being added; `validate_candidate` checks it against the stored
graph without storing anything, `validate_dataset` checks the stored graph itself. Nothing in
an input is ever fetched: remote JSON-LD contexts and owl:imports are refused, XML is parsed
with defusedxml.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import pyoxigraph as ox
from defusedxml import DefusedXmlException
from rdflib import URIRef
from rdflib.namespace import OWL

from app.iris import Iris
from app.rdf.document_triples import document_triples
from app.rdf.reference_triples import reference_triples
from app.rdf.work_graphs import work_graphs_of
from app.reading.model import Document, ReadError
from app.reading.pipeline import read_text_documents
from app.reading.sources import decode, source_name
from app.registry import Registry
from app.settings import Settings
from app.store import Store, Triple
from app.store.embedded import EmbeddedStore, from_ox
from app.validation.report import Report, Result, SourceSpan
from app.validation.shacl import (
    Candidate,
    ValidationError,
    Workspace,
    copy_store,
    load_shapes,
    validate_store,
    workspace_for,
)

__all__ = [
    "Candidate",
    "InputError",
    "Report",
    "Result",
    "SourceSpan",
    "ValidationError",
    "candidate_from_inputs",
    "candidate_from_paths",
    "validate_candidate",
    "validate_dataset",
]

INPUT_KINDS = {
    ".txt": "text",
    ".md": "text",
    ".xml": "akn",
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}
"""What a file is read as, by suffix."""

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class InputError(ValueError):
    """An input that cannot be validated; the message names the file and, if known, the line."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        super().__init__(f"{file}:{line}: {problem}" if line is not None else f"{file}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


def _remote_contexts(value: Any) -> bool:
    """Whether a JSON-LD document names a context (or import) by IRI anywhere in it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@import":
                return True
            named = isinstance(item, list) and any(isinstance(i, str) for i in item)
            if key == "@context" and (isinstance(item, str) or named):
                return True
            if _remote_contexts(item):
                return True
    elif isinstance(value, list):
        return any(_remote_contexts(item) for item in value)
    return False


def parse_rdf(data: bytes, kind: str, name: str) -> list[Triple]:
    """Triples of an RDF input (named graphs flattened), parsed without fetching anything."""
    if kind == "jsonld":
        try:
            document = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            line = error.lineno if isinstance(error, json.JSONDecodeError) else None
            raise InputError(name, line, f"not JSON: {error}") from None
        if _remote_contexts(document):
            raise InputError(
                name, None, "remote JSON-LD contexts are not fetched: inline the @context"
            )
    try:
        quads = list(ox.parse(data, format=_RDF_FORMATS[kind]))
    except SyntaxError as error:
        problem = str(error.msg if hasattr(error, "msg") else error)
        raise InputError(name, error.lineno, f"not {kind}: {problem}") from None
    triples: list[Triple] = []
    for quad in quads:
        if not isinstance(quad.subject, ox.NamedNode | ox.BlankNode):
            raise InputError(name, None, "RDF-star triples are not supported")
        triples.append((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    if any(p == OWL.imports for _, p, _ in triples):
        raise InputError(name, None, "owl:imports is not followed: remove it and include the data")
    return triples


def check_xml(data: bytes, name: str) -> None:
    """Refuse XML with a DTD, entities or external references; report syntax errors by line."""
    try:
        SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InputError(name, None, f"XML with a DTD or entities is refused ({error})") from None
    except SafeET.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise InputError(name, line, f"not well-formed XML: {error}") from None


def _document_candidate(documents: Sequence[Document], registry: Registry, iris: Iris) -> Candidate:
    candidate = Candidate()
    for doc in documents:
        name = iris.source(doc.source_id)
        if name in candidate.graphs:
            raise InputError(doc.source_file, None, f"source id {doc.source_id!r} is read twice")
        candidate.graphs[name] = list(document_triples(doc, iris))
        if doc.source_file not in candidate.files:
            candidate.files.append(doc.source_file)
    reference = set(reference_triples(registry, iris))
    settled = work_graphs_of(documents, registry, iris, reference)
    candidate.settled = [t for triples in settled.values() for t in triples]
    return candidate


def candidate_from_inputs(
    inputs: Iterable[tuple[str, bytes, str]], settings: Settings, registry: Registry
) -> Candidate:
    """Read `(name, data, kind)` inputs (kind: text, akn, turtle, ntriples, jsonld)."""
    iris = Iris(settings.base_iri)
    documents: list[Document] = []
    rdf: list[tuple[str, list[Triple]]] = []
    for name, data, kind in inputs:
        if kind in _RDF_FORMATS:
            rdf.append((name, parse_rdf(data, kind, name)))
            continue
        if kind == "akn":
            check_xml(data, name)
        elif kind != "text":
            raise InputError(name, None, f"cannot validate {kind!r} input")
        try:
            text = decode(data, name)
            documents += read_text_documents(text, name, Path(name).stem, registry)
        except ReadError as error:
            raise InputError(error.file, error.line, error.problem) from None
    candidate = _document_candidate(documents, registry, iris)
    for index, (name, triples) in enumerate(rdf, start=1):
        candidate.graphs[URIRef(f"urn:reskg:validate:input:{index}")] = triples
        candidate.files.append(name)
        for s, _, _ in triples:
            candidate.mentioned.setdefault(s, name)
    return candidate


def candidate_from_paths(
    paths: Sequence[Path], settings: Settings, registry: Registry
) -> Candidate:
    """Read files as if they were being added; names are relative to the sources folder."""
    inputs: list[tuple[str, bytes, str]] = []
    for path in paths:
        name = source_name(path, settings.sources_dir)
        kind = INPUT_KINDS.get(path.suffix.lower())
        if kind is None:
            known = ", ".join(sorted(INPUT_KINDS))
            raise InputError(name, None, f"unknown kind of file (expected one of {known})")
        inputs.append((name, path.read_bytes(), kind))
    return candidate_from_inputs(inputs, settings, registry)


def validate_dataset(store: Store, settings: Settings) -> Report:
    """Validate the whole stored graph, on an in-memory copy (Oxigraph answers pySHACL's many
    small queries about three times faster from memory than from disk)."""
    return validate_store(copy_store(store), load_shapes(settings.shapes_dir))


def validate_candidate(
    store: Store,
    candidate: Candidate,
    settings: Settings,
    everything: bool = False,
    cached: bool = True,
) -> Report:
    """Validate `candidate` with the stored graph, at the nodes it touches (or `everything`).

    At the nodes it touches, an embedded store lends only their neighbourhood (milliseconds,
    whatever the store's size). Everywhere, or on a server, the candidate meets a copy of the
    whole store: `cached` keeps one per open store (the service), otherwise it is made for
    this call only (the command line).
    """
    shapes = load_shapes(settings.shapes_dir)
    if isinstance(store, EmbeddedStore) and not everything:
        iris = Iris(settings.base_iri)
        whole = (iris.graph("ontology"), iris.graph("reference"))
        around = Workspace.around(store, candidate.focus(), whole, shapes)
        return around.validate(candidate, shapes)
    workspace = workspace_for(store) if cached else Workspace.of(store)
    return workspace.validate(candidate, shapes, everything=everything)
