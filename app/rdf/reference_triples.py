"""The reference tables as triples: bodies, meetings, WSIS action lines and known versions.

Every fact keeps its provenance (`dcterms:source`, one per cited URL or bundled file) and whether
it was checked (`reskg:verified`), so unverified rows stay marked in the graph. The triples
belong in `iris.graph("reference")`; their order is fixed by the tables, so builds are repeatable.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS
from rdflib.term import Node

from app.iris import Iris
from app.registry import ActionLine, Body, KnownVersion, Meeting, Registry
from app.vocab import RESKG

Triple = tuple[URIRef, URIRef, Node]

_BRACKETED = re.compile(r"\s*\[[^\]]*\]")


def body_id(code: str) -> str:
    """The registry id of a meeting's body code: `Council` -> `COUNCIL`, `PP` -> `PP`."""
    return "COUNCIL" if code == "Council" else code


def source_terms(source: str) -> list[Node]:
    """One `dcterms:source` object per `;`-separated entry: its URL, or its bundled file path."""
    terms: list[Node] = []
    for part in source.split(";"):
        words = part.split()
        if not words:
            continue
        head = words[0]
        terms.append(URIRef(head) if head.startswith(("http://", "https://")) else Literal(head))
    return terms


def clean_title(title: str) -> str | None:
    """A title without its bracketed editorial remarks; None when nothing is left."""
    cleaned = _BRACKETED.sub("", title).strip().rstrip(";").strip()
    return cleaned or None


def _provenance(node: URIRef, source: str, verified: bool, note: str) -> list[Triple]:
    triples: list[Triple] = [(node, DCTERMS.source, term) for term in source_terms(source)]
    triples.append((node, RESKG.verified, Literal(verified)))
    if note:
        triples.append((node, RDFS.comment, Literal(note)))
    return triples


def body_triples(body: Body, registry: Registry, iris: Iris) -> list[Triple]:
    """A body: type, name, abbreviations, parent (if a known body) and provenance."""
    node = iris.body(body.id)
    triples: list[Triple] = [
        (node, RDF.type, RESKG.Body),
        (node, RDFS.label, Literal(body.name)),
    ]
    triples += [(node, SKOS.altLabel, Literal(abbr)) for abbr in body.abbreviations]
    if body.parent and body.parent in registry.bodies:
        triples.append((node, ORG.subOrganizationOf, iris.body(body.parent)))
    return triples + _provenance(node, body.source, body.verified, body.notes)


def meeting_label(meeting: Meeting, registry: Registry) -> str:
    """`Plenipotentiary Conference (Guadalajara, 2010)`; the id stands in for an unknown body."""
    body = registry.bodies.get(body_id(meeting.body))
    return f"{body.name if body else meeting.id} ({meeting.place}, {meeting.year})"


def meeting_triples(meeting: Meeting, registry: Registry, iris: Iris) -> list[Triple]:
    """A meeting: type, label, notation, aliases, place and its other spellings, year, dates,
    body and provenance."""
    node = iris.meeting(meeting.id)
    triples: list[Triple] = [
        (node, RDF.type, RESKG.Meeting),
        (node, RDFS.label, Literal(meeting_label(meeting, registry))),
        (node, SKOS.notation, Literal(meeting.id)),
    ]
    triples += [(node, SKOS.altLabel, Literal(alias)) for alias in meeting.aliases]
    # "Valetta": a misspelling of the place that texts use, which labels may carry
    triples += [(node, SKOS.hiddenLabel, Literal(other)) for other in meeting.place_spellings]
    triples += [
        (node, RESKG.place, Literal(meeting.place)),
        (node, RESKG.year, Literal(meeting.year)),
    ]
    if meeting.start_date:
        triples.append((node, RESKG.startDate, Literal(meeting.start_date)))
    if meeting.end_date:
        triples.append((node, RESKG.endDate, Literal(meeting.end_date)))
    triples.append((node, RESKG.meetingOf, iris.body(body_id(meeting.body))))
    return triples + _provenance(node, meeting.source, meeting.verified, meeting.notes)


def action_line_triples(line: ActionLine, iris: Iris) -> list[Triple]:
    """An action line as a SKOS concept of the action-line scheme (sub-lines under C7)."""
    node = iris.action_line(line.code)
    scheme = iris.action_line_scheme()
    triples: list[Triple] = [
        (node, RDF.type, RESKG.ActionLine),
        (node, SKOS.notation, Literal(line.code)),
        (node, SKOS.prefLabel, Literal(line.title)),
    ]
    if line.short_title and line.short_title != line.title:
        triples.append((node, SKOS.altLabel, Literal(line.short_title)))
    triples.append((node, SKOS.inScheme, scheme))
    if line.parent:
        triples.append((node, SKOS.broader, iris.action_line(line.parent)))
    else:
        triples.append((node, SKOS.topConceptOf, scheme))
    if line.itu_role:
        triples.append((node, RESKG.ituRole, Literal(line.itu_role)))
    if line.facilitators and not line.facilitators.startswith("("):
        triples += [
            (node, RESKG.facilitators, Literal(line.facilitators)),
            (node, RESKG.facilitatorsVerified, Literal(line.facilitators_verified)),
        ]
    return triples + _provenance(node, line.source, line.verified, line.notes)


def is_suppression(version: KnownVersion) -> bool:
    """A `Suppressed 2016` row records an abrogation, not a version."""
    return version.label.casefold().startswith("suppressed")


def version_triples(version: KnownVersion, registry: Registry, iris: Iris) -> list[Triple]:
    """A known version and its instrument; a suppression row becomes `reskg:suppressedAt`."""
    work = iris.instrument(version.body, version.number)
    triples: list[Triple] = [
        (work, RDF.type, RESKG.Resolution),
        (work, RESKG.number, Literal(version.number)),
        (work, RESKG.adoptedBy, iris.body(version.body)),
        (work, RDFS.label, Literal(f"{version.body} Resolution {version.number}")),
    ]
    if is_suppression(version):
        triples.append((work, RESKG.suppressedAt, iris.meeting(version.meeting)))
        triples += [(work, DCTERMS.source, term) for term in source_terms(version.source)]
        return triples
    node = iris.version(version.body, version.number, version.year)
    triples += [
        (node, RDF.type, RESKG.ResolutionVersion),
        (node, RESKG.versionOf, work),
        (node, RDFS.label, Literal(f"Resolution {version.number} ({version.label})")),
        (node, RESKG.number, Literal(version.number)),
        (node, RESKG.versionLabel, Literal(version.label)),
        (node, RESKG.year, Literal(version.year)),
        (node, RESKG.adoptedAt, iris.meeting(version.meeting)),
    ]
    title = clean_title(version.title)
    if title:
        triples.append((node, DCTERMS.title, Literal(title)))
    earlier = revised_version(version, registry)
    if earlier is not None:
        earlier_node = iris.version(earlier.body, earlier.number, earlier.year)
        triples.append((node, RESKG.revises, earlier_node))
    return triples + _provenance(node, version.source, version.verified, version.note)


def revised_version(version: KnownVersion, registry: Registry) -> KnownVersion | None:
    """The row the `revises` label names (same body and number), if the table has it."""
    if not version.revises:
        return None
    wanted = (version.body, version.number, version.revises)
    for other in registry.versions:
        if (other.body, other.number, other.label) == wanted:
            return None if is_suppression(other) else other
    return None


def reference_triples(registry: Registry, iris: Iris) -> list[Triple]:
    """All reference facts as triples, without duplicates, in table order."""
    scheme = iris.action_line_scheme()
    triples: list[Triple] = []
    for body in registry.bodies.values():
        triples += body_triples(body, registry, iris)
    for meeting in registry.meetings.values():
        triples += meeting_triples(meeting, registry, iris)
    triples += [
        (scheme, RDF.type, SKOS.ConceptScheme),
        (scheme, SKOS.prefLabel, Literal("WSIS action lines")),
    ]
    for line in registry.action_lines.values():
        triples += action_line_triples(line, iris)
    for version in registry.versions:
        triples += version_triples(version, registry, iris)
    return list(dict.fromkeys(triples))
