"""A read document as triples: its version, clauses, mandates and citations.

Everything lands in the document's own graph (`iris.source(source_id)`), so a document can be
replaced or removed as a whole. Cited versions get their identity here (type, number, year,
meeting); their labels and revision links are settled across all documents by `inferred`.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from app.iris import Iris
from app.reading.model import Clause, Document, Reference
from app.vocab import RESKG, ROLE

Triple = tuple[URIRef, URIRef, Node]

_CLAUSE_CLASSES = {
    "preamble": RESKG.Recital,
    "operative": RESKG.OperativeParagraph,
    "annex": RESKG.AnnexItem,
    "footnote": RESKG.Footnote,
}
_INSTRUMENT_CLASSES = {
    "resolution": RESKG.Resolution,
    "decision": RESKG.Decision,
    "recommendation": RESKG.Recommendation,
    "opinion": RESKG.Opinion,  # "Opinion 2 (Geneva, 2013)" of the WTPF
}


def role_iri(role: str | None) -> URIRef | None:
    """The role concept for a role name ("considering further"), None if the ontology lacks it."""
    if not role:
        return None
    try:
        return ROLE[role.replace(" ", "-")]
    except (AttributeError, KeyError):
        return None


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def instrument_label(kind: str, body: str, number: str) -> str:
    """`PP Resolution 140`, `Council Resolution 1282`, `PP Decision 5`."""
    return f"{body} {kind.capitalize()} {number}"


def version_identity(
    iris: Iris, kind: str, body: str, number: str, year: int, meeting: str | None
) -> list[Triple]:
    """The triples any mention of a version states: type, work, number, year and meeting
    (none when the cited body held no meeting there: validation then reports the version)."""
    work = iris.instrument(body, number, kind)
    version = iris.version(body, number, year, kind)
    triples: list[Triple] = [
        (work, RDF.type, _INSTRUMENT_CLASSES[kind]),
        (work, RESKG.number, Literal(number)),
        (work, RESKG.adoptedBy, iris.body(body)),
        (work, RDFS.label, Literal(instrument_label(kind, body, number))),
        (version, RDF.type, RESKG.ResolutionVersion),
        (version, RESKG.versionOf, work),
        (version, RESKG.number, Literal(number)),
        (version, RESKG.year, _int(year)),
    ]
    if meeting:
        triples.append((version, RESKG.adoptedAt, iris.meeting(meeting)))
    return triples


def _span(node: URIRef, file: str, start: int, end: int, line: int | None) -> list[Triple]:
    triples: list[Triple] = [
        (node, RESKG.sourceFile, Literal(file)),
        (node, RESKG.start, _int(start)),
        (node, RESKG.end, _int(end)),
    ]
    if line is not None:
        triples.append((node, RESKG.line, _int(line)))
    return triples


def _target(ref: Reference, iris: Iris) -> tuple[URIRef | None, list[Triple]]:
    """What a reference points at, and the triples that give that target its identity.

    Unresolved references point nowhere, except two claims the registry contradicts, which
    are kept so that validation reports them: a version of a named body at a (place, year)
    where it held no meeting ("(Rev. Busan, 2014)" of the WTDC), and an action line code
    WSIS never had ("C14").
    """
    contradicted = ref.status == "unresolved" and (
        (ref.kind == "resolution" and ref.body and ref.year is not None and not ref.meeting)
        or (ref.kind == "action-line" and ref.code)
    )
    if ref.status != "resolved" and not contradicted:
        return None, []
    if ref.kind == "resolution" and ref.body and ref.number:
        kind = ref.instrument or "resolution"
        if ref.year is not None:
            target = iris.version(ref.body, ref.number, ref.year, kind)
            return target, version_identity(iris, kind, ref.body, ref.number, ref.year, ref.meeting)
        work = iris.instrument(ref.body, ref.number, kind)
        return work, [
            (work, RDF.type, _INSTRUMENT_CLASSES[kind]),
            (work, RESKG.number, Literal(ref.number)),
            (work, RESKG.adoptedBy, iris.body(ref.body)),
            (work, RDFS.label, Literal(instrument_label(kind, ref.body, ref.number))),
        ]
    if ref.kind == "action-line" and ref.code:
        return iris.action_line(ref.code), []
    if ref.kind in ("document", "paragraph"):
        code = ref.code if ref.kind == "document" else ref.instrument
        if code:
            doc = iris.document(code)
            return doc, [
                (doc, RDF.type, RESKG.Document),
                (doc, SKOS.notation, Literal(code)),
                (doc, RDFS.label, Literal(code if ref.kind == "paragraph" else f"Document {code}")),
            ]
    return None, []


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
    target, identity = _target(ref, iris)
    if target is not None:
        triples += [(node, RESKG.target, target), (version, RESKG.cites, target), *identity]
        if ref.kind == "action-line":
            triples += [
                (version, RESKG.mentionsActionLine, target),
                (clause_node, RESKG.mentionsActionLine, target),
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
        *version_identity(iris, doc.instrument, doc.body, doc.number, doc.year, doc.meeting),
        (version, RESKG.versionLabel, Literal(doc.label)),
        (version, RESKG.hasText, source),
        (version, RDFS.label, Literal(f"{doc.instrument.capitalize()} {doc.number} ({doc.label})")),
        (source, RDF.type, RESKG.SourceText),
        *_span(source, doc.source_file, doc.start, doc.end, doc.line),
    ]
    if doc.title:
        triples += [(version, DCTERMS.title, Literal(doc.title))]
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
    return triples
