"""A read document as triples: its source text, clauses, mandates and citations.

Everything here lands in the document's own graph (`iris.source(source_id)`), so a document can
be replaced or removed as a whole, and no other graph states any of it: what the text says
about the version it is a text of, or about the versions it cites (their identity, labels and
meetings), is recorded on the source and on the citations (`statedLabel`, `statedMeeting`,
`citedLabel`, `citedCode`) and settled across all sources in the works' graphs
(`app.rdf.work_graphs`).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from app.iris import Iris
from app.rdf.work_graphs import cited, integer, target_iri
from app.reading.model import Clause, Document, Reference
from app.vocab import RESKG, ROLE

Triple = tuple[URIRef, URIRef, Node]

_CLAUSE_CLASSES = {
    "preamble": RESKG.Recital,
    "operative": RESKG.OperativeParagraph,
    "annex": RESKG.AnnexItem,
    "footnote": RESKG.Footnote,
}


def role_iri(role: str | None) -> URIRef | None:
    """The role concept for a role name ("considering further"), None if the ontology lacks it."""
    if not role:
        return None
    try:
        return ROLE[role.replace(" ", "-")]
    except (AttributeError, KeyError):
        return None


def _span(node: URIRef, file: str, start: int, end: int, line: int | None) -> list[Triple]:
    triples: list[Triple] = [
        (node, RESKG.sourceFile, Literal(file)),
        (node, RESKG.start, integer(start)),
        (node, RESKG.end, integer(end)),
    ]
    if line is not None:
        triples.append((node, RESKG.line, integer(line)))
    return triples


def _citation(
    ref: Reference, index: int, clause: Clause, doc: Document, version: URIRef, iris: Iris
) -> list[Triple]:
    node = iris.citation(doc.source_id, index)
    clause_node = iris.clause(doc.source_id, clause.clause_id)
    triples: list[Triple] = [
        (node, RDF.type, RESKG.Citation),
        (node, RESKG.citingVersion, version),
        (node, RESKG.inClause, clause_node),
        (node, RESKG.text, Literal(ref.text)),
        (node, RESKG.referenceKind, Literal(ref.kind)),
        (node, RESKG.resolutionStatus, Literal(ref.status)),
        *_span(node, doc.source_file, ref.start, ref.end, None),
    ]
    role = role_iri(ref.role or clause.role)
    if role is not None:
        triples.append((node, RESKG.role, role))
    if ref.note:
        triples.append((node, RESKG.statusNote, Literal(ref.note)))
    if ref.annex:
        triples.append((node, RESKG.citedAnnex, Literal(ref.annex)))
    if ref.kind == "resolution" and ref.label:
        triples.append((node, RESKG.citedLabel, Literal(ref.label)))
    if ref.paragraphs:
        triples.append((node, RESKG.citedParagraphs, Literal(ref.paragraphs)))
    target = cited(ref)
    if target is not None:
        iri = target_iri(target, iris)
        triples += [(node, RESKG.target, iri), (version, RESKG.cites, iri)]
        if target.meeting:
            triples.append((node, RESKG.statedMeeting, iris.meeting(target.meeting)))
        if target.kind == "document" and target.code:
            triples.append((node, RESKG.citedCode, Literal(target.code)))
        if target.kind == "action-line":
            triples += [
                (version, RESKG.mentionsActionLine, iri),
                (clause_node, RESKG.mentionsActionLine, iri),
            ]
    return triples


def _clause(clause: Clause, doc: Document, version: URIRef, iris: Iris) -> list[Triple]:
    node = iris.clause(doc.source_id, clause.clause_id)
    triples: list[Triple] = [
        (node, RDF.type, _CLAUSE_CLASSES[clause.kind]),
        (node, RESKG.clauseOf, iris.source(doc.source_id)),
        (node, RESKG.inVersion, version),
        (node, RESKG.text, Literal(clause.text)),
        *_span(node, doc.source_file, clause.start, clause.end, clause.line),
    ]
    role = role_iri(clause.role)
    if role is not None:
        triples.append((node, RESKG.role, role))
    if clause.heading:
        triples.append((node, RESKG.heading, Literal(clause.heading)))
    if clause.num:
        triples.append((node, RESKG.clauseNumber, Literal(clause.num)))
    return triples


def _mandates(doc: Document, version: URIRef, iris: Iris) -> list[Triple]:
    """One Mandate per operative clause and addressee, numbered in text order."""
    triples: list[Triple] = []
    index = 0
    for clause in doc.clauses:
        if clause.kind != "operative":
            continue
        for addressee in clause.addressees:
            index += 1
            node = iris.mandate(doc.source_id, index)
            triples += [
                (node, RDF.type, RESKG.Mandate),
                (node, RESKG.inClause, iris.clause(doc.source_id, clause.clause_id)),
                (node, RESKG.inVersion, version),
                (node, RESKG.addresseeText, Literal(addressee.text)),
                (node, RESKG.text, Literal(clause.text)),
                *_span(node, doc.source_file, clause.start, clause.end, clause.line),
            ]
            role = role_iri(clause.role)
            if role is not None:
                triples.append((node, RESKG.role, role))
            if addressee.body:
                triples.append((node, RESKG.addressee, iris.body(addressee.body)))
    return triples


def document_triples(doc: Document, iris: Iris) -> list[Triple]:
    """Every triple read from one document, for its own named graph."""
    version = iris.version(doc.body, doc.number, doc.year, doc.instrument)
    source = iris.source(doc.source_id)
    triples: list[Triple] = [
        (version, RESKG.hasText, source),
        (source, RDF.type, RESKG.SourceText),
        (source, RESKG.statedLabel, Literal(doc.label)),
        *_span(source, doc.source_file, doc.start, doc.end, doc.line),
    ]
    if doc.meeting:
        triples.append((source, RESKG.statedMeeting, iris.meeting(doc.meeting)))
    if doc.title:
        triples.append((source, DCTERMS.title, Literal(doc.title)))
    for clause in doc.clauses:
        triples += _clause(clause, doc, version, iris)
    cited = sorted(
        ((ref, clause) for clause in doc.clauses for ref in clause.references),
        key=lambda pair: (pair[0].start, pair[0].end),
    )
    outside = [(ref, clause) for ref, clause in cited if ref.kind != "internal"]
    for index, (ref, clause) in enumerate(outside, start=1):
        triples += _citation(ref, index, clause, doc, version, iris)
    triples += _mandates(doc, version, iris)
    return list(dict.fromkeys(triples))  # once each: several citations state one `cites` edge
