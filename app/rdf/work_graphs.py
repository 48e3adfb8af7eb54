"""What the sources together say about each work and each cited document: one graph each.

Every triple of the dataset lives in exactly one named graph, so the union of the graphs is
the default graph and no triple is counted twice. A source text's graph holds what it says
about its own nodes (its clauses, citations and mandates); what several sources say about the
same thing is settled here, in a graph named by that thing's IRI (`{base}resolution/pp/140`,
`{base}document/C07-21`), and rewritten whenever a source that mentions it comes or goes:

- identity: the work's type, number, body and label; each version mentioned, with its year
  and the meetings the texts and citations place it at (`adoptedAt`);
- labels: a version with a text gets the text's label and title; a version only cited gets
  the form most citations use ("Rev. Antalya 2006" and "Rev. Antalya, 2006" are one version),
  ties broken alphabetically, so the build stays deterministic;
- revision links the reference tables do not state: a "Rev." (or Council "Modified") version
  revises an earlier version of the same instrument only when that one was adopted at the
  body's previous meeting (PP-14 -> PP-10), where no version can stand between them;
  otherwise it stays unlinked rather than guessed.

What the reference graph already states is left to it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal as Kind

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from app.iris import IriError, Iris
from app.rdf.reference_triples import is_suppression
from app.reading.model import Document, Reference
from app.registry import Registry
from app.vocab import RESKG

Triple = tuple[Node, Node, Node]
Instrument = tuple[str, str, str]
"""(kind, body, number): one work."""
Version = tuple[Instrument, int]
"""(work, year): one version."""

INSTRUMENT_CLASSES = {
    "resolution": RESKG.Resolution,
    "decision": RESKG.Decision,
    "recommendation": RESKG.Recommendation,
    "opinion": RESKG.Opinion,  # "Opinion 2 (Geneva, 2013)" of the WTPF
}
_REVISION = re.compile(r"^(?:Rev\.|Revised|Modified|Mod\.|Amend)", re.IGNORECASE)


@dataclass(frozen=True)
class Cited:
    """What one reference points at: a version, a work (no year), a document or an action
    line; `meeting` and `form` (the label as written, resolved citations only) for versions."""

    kind: Kind["version", "work", "document", "action-line"]
    work: Instrument | None = None
    year: int | None = None
    meeting: str | None = None
    form: str | None = None
    code: str | None = None
    document_kind: str | None = None


def cited(ref: Reference) -> Cited | None:
    """What `ref` points at, or None.

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
        return None
    if ref.kind == "resolution" and ref.body and ref.number:
        work = (ref.instrument or "resolution", ref.body, ref.number)
        if ref.year is None:
            return Cited("work", work)
        form = ref.label if ref.status == "resolved" else None
        return Cited("version", work, ref.year, ref.meeting, form)
    if ref.kind == "action-line" and ref.code:
        return Cited("action-line", code=ref.code)
    if ref.kind in ("document", "paragraph"):
        code = ref.code if ref.kind == "document" else ref.instrument
        if code:
            return Cited("document", code=code, document_kind=ref.kind)
    return None


def target_iri(target: Cited, iris: Iris) -> URIRef:
    """The IRI of what a reference points at."""
    if target.kind == "action-line":
        return iris.action_line(target.code or "")
    if target.kind == "document":
        return iris.document(target.code or "")
    assert target.work is not None
    kind, body, number = target.work
    if target.year is None:
        return iris.instrument(body, number, kind)
    return iris.version(body, number, target.year, kind)


def instrument_label(kind: str, body: str, number: str) -> str:
    """`PP Resolution 140`, `Council Resolution 1282`, `PP Decision 5`."""
    return f"{body} {kind.capitalize()} {number}"


@dataclass
class Mentions:
    """What sources say about works, versions and documents; sources are added one at a time,
    so a build need not keep them all in memory."""

    years: dict[Instrument, set[int]] = field(default_factory=dict)
    """Every known year of each work (the reference tables' too)."""
    revisions: set[Version] = field(default_factory=set)
    tabled: set[Version] = field(default_factory=set)
    labelled: set[Version] = field(default_factory=set)
    forms: dict[Version, Counter[str]] = field(default_factory=dict)
    works: set[Instrument] = field(default_factory=set)
    """The works some source mentions (each gets a graph)."""
    versions: dict[Instrument, dict[int, set[str]]] = field(default_factory=dict)
    """The versions some source mentions (work -> year -> the meetings stated for it)."""
    text_labels: dict[Version, set[str]] = field(default_factory=dict)
    titles: dict[Version, set[str]] = field(default_factory=dict)
    documents: dict[str, set[str]] = field(default_factory=dict)
    """Cited document code -> the kinds of reference to it (`document`, `paragraph`)."""

    @classmethod
    def from_registry(cls, registry: Registry) -> Mentions:
        """What the reference tables say; their versions are labelled and linked there."""
        known = cls()
        for row in registry.versions:
            if is_suppression(row):
                continue
            work = ("resolution", row.body, row.number)
            known._year(work, row.year, row.label)
            known.tabled.add((work, row.year))
            known.labelled.add((work, row.year))
        return known

    def _year(self, work: Instrument, year: int, label: str | None) -> None:
        self.years.setdefault(work, set()).add(year)
        if label and _REVISION.match(label):
            self.revisions.add((work, year))

    def _version(self, work: Instrument, year: int, meeting: str | None) -> None:
        self.works.add(work)
        meetings = self.versions.setdefault(work, {}).setdefault(year, set())
        if meeting:
            meetings.add(meeting)

    def add_text(
        self, work: Instrument, year: int, label: str, meeting: str | None, title: str | None
    ) -> None:
        """A source text of version (`work`, `year`), headed `label`, placed at `meeting`."""
        self._version(work, year, meeting)
        self._year(work, year, label)
        self.labelled.add((work, year))
        self.text_labels.setdefault((work, year), set()).add(label)
        if title:
            self.titles.setdefault((work, year), set()).add(title)

    def add_cited(self, target: Cited) -> None:
        """One reference's target."""
        if target.kind == "document" and target.code:
            self.documents.setdefault(target.code, set()).add(target.document_kind or "document")
        elif target.kind == "work" and target.work:
            self.works.add(target.work)
        elif target.kind == "version" and target.work and target.year is not None:
            self._version(target.work, target.year, target.meeting)
            self._year(target.work, target.year, target.form)
            if target.form:
                counts = self.forms.setdefault((target.work, target.year), Counter())
                counts[target.form] += 1

    def add_document(self, doc: Document) -> None:
        """What one read document says: its own version, and what it cites."""
        work = (doc.instrument, doc.body, doc.number)
        self.add_text(work, doc.year, doc.label, doc.meeting, doc.title)
        for ref in doc.references:
            target = cited(ref)
            if target is not None:
                self.add_cited(target)


@lru_cache(maxsize=1 << 16)
def integer(value: int) -> Literal:
    """An xsd:integer literal (cached: rdflib is slow to make one, and offsets repeat)."""
    return Literal(value, datatype=XSD.integer)


def _work_triples(
    known: Mentions, work: Instrument, iris: Iris, registry: Registry
) -> list[Triple]:
    kind, body, number = work
    node = iris.instrument(body, number, kind)
    triples: list[Triple] = [
        (node, RDF.type, INSTRUMENT_CLASSES[kind]),
        (node, RESKG.number, Literal(number)),
        (node, RESKG.adoptedBy, iris.body(body)),
        (node, RDFS.label, Literal(instrument_label(kind, body, number))),
    ]
    name = f"{kind.capitalize()} {number}"
    for year, meetings in sorted(known.versions.get(work, {}).items()):
        version = iris.version(body, number, year, kind)
        triples += [
            (version, RDF.type, RESKG.ResolutionVersion),
            (version, RESKG.versionOf, node),
            (version, RESKG.number, Literal(number)),
            (version, RESKG.year, integer(year)),
        ]
        triples += [(version, RESKG.adoptedAt, iris.meeting(m)) for m in sorted(meetings)]
        labels = sorted(known.text_labels.get((work, year), ()))
        forms = known.forms.get((work, year))
        if not labels and forms and (work, year) not in known.labelled:
            labels = [min(forms.items(), key=lambda item: (-item[1], item[0]))[0]]
        for label in labels:
            triples += [
                (version, RESKG.versionLabel, Literal(label)),
                (version, RDFS.label, Literal(f"{name} ({label})")),
            ]
        titles = sorted(known.titles.get((work, year), ()))
        triples += [(version, DCTERMS.title, Literal(title)) for title in titles]
        if (work, year) in known.revisions and (work, year) not in known.tabled:
            held = [m.year for m in registry.meetings.values() if m.body == body and m.year < year]
            if held and max(held) in known.years[work]:
                earlier = iris.version(body, number, max(held), kind)
                triples.append((version, RESKG.revises, earlier))
    return triples


def work_graphs(
    known: Mentions, registry: Registry, iris: Iris, reference: Set[Triple]
) -> dict[URIRef, list[Triple]]:
    """The graph of every work and document `known` mentions, without what `reference` (the
    reference graph) states already; keyed by the work's or document's IRI."""
    graphs: dict[URIRef, list[Triple]] = {}
    for work in sorted(known.works):
        kind, body, number = work
        triples = _work_triples(known, work, iris, registry)
        graphs[iris.instrument(body, number, kind)] = [t for t in triples if t not in reference]
    for code in sorted(known.documents):
        node = iris.document(code)
        kinds = known.documents[code]
        labels = {f"Document {code}" if k == "document" else code for k in kinds}
        triples = [
            (node, RDF.type, RESKG.Document),
            (node, SKOS.notation, Literal(code)),
            *((node, RDFS.label, Literal(label)) for label in sorted(labels)),
        ]
        graph = graphs.setdefault(node, [])
        graph += [t for t in triples if t not in reference and t not in graph]
    return graphs


def work_graphs_of(
    documents: Iterable[Document], registry: Registry, iris: Iris, reference: Set[Triple]
) -> dict[URIRef, list[Triple]]:
    """The work and document graphs that `documents` alone (with the reference tables) make."""
    known = Mentions.from_registry(registry)
    for doc in documents:
        known.add_document(doc)
    return work_graphs(known, registry, iris, reference)


def work_of(iris: Iris, node: Node) -> tuple[Instrument, int | None] | None:
    """The work of a work or version IRI minted here, and the version's year (None for the
    work itself); None for any other node."""
    if not isinstance(node, URIRef):
        return None
    try:
        parsed = iris.parse(str(node))
    except IriError:
        return None
    kind = parsed.kind.removesuffix("-version")
    if kind not in INSTRUMENT_CLASSES:
        return None
    year = int(parsed.parts[2]) if len(parsed.parts) == 3 else None
    return (kind, parsed.parts[0], parsed.parts[1]), year


def owner_of(iris: Iris, node: Node) -> URIRef | None:
    """The graph that settles what is said about `node`: its work's (for a work or a version)
    or its own (a cited document); None for anything else."""
    found = work_of(iris, node)
    if found is not None:
        (kind, body, number), _ = found
        return iris.instrument(body, number, kind)
    if not isinstance(node, URIRef):
        return None
    try:
        kind = iris.parse(str(node)).kind
    except IriError:
        return None
    return node if kind == "document" else None
