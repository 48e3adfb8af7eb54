"""Facts settled across all sources at once, kept in their own graph (`graph/inferred`).

- Labels of versions known only by citation. A cited version is often written in several ways
  ("Rev. Antalya 2006", "Rev. Antalya, 2006"); it gets one label: the form most citations use,
  ties broken alphabetically, so the build stays deterministic.
- Revision links the reference tables do not state. A "Rev." (or Council "Modified") version
  revises an earlier version of the same instrument. The link is made only when that earlier
  version was adopted at the body's previous meeting (PP-14 -> PP-10), where no version can
  stand between them; otherwise it stays unlinked rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from app.iris import Iris
from app.rdf.reference_triples import is_suppression
from app.reading.model import Document
from app.registry import Registry
from app.vocab import RESKG

Triple = tuple[URIRef, URIRef, Node]
Instrument = tuple[str, str, str]
"""(kind, body, number): one work."""

_REVISION = re.compile(r"^(?:Rev\.|Revised|Modified|Mod\.|Amend)", re.IGNORECASE)


@dataclass
class KnownVersions:
    """What all sources together say about the versions of the instruments; documents are
    added one at a time, so a build need not keep them all in memory."""

    years: dict[Instrument, set[int]] = field(default_factory=dict)
    revisions: set[tuple[Instrument, int]] = field(default_factory=set)
    tabled: set[tuple[Instrument, int]] = field(default_factory=set)
    labelled: set[tuple[Instrument, int]] = field(default_factory=set)
    forms: dict[tuple[Instrument, int], Counter[str]] = field(default_factory=dict)

    def add(self, work: Instrument, year: int, label: str | None) -> None:
        self.years.setdefault(work, set()).add(year)
        if label and _REVISION.match(label):
            self.revisions.add((work, year))


    @classmethod
    def from_registry(cls, registry: Registry) -> KnownVersions:
        """What the reference tables say; their versions are labelled and linked there."""
        known = cls()
        for row in registry.versions:
            if is_suppression(row):
                continue
            work = ("resolution", row.body, row.number)
            known.add(work, row.year, row.label)
            known.tabled.add((work, row.year))
            known.labelled.add((work, row.year))
        return known

    def add_text(self, work: Instrument, year: int, label: str | None) -> None:
        """A source text of version (`work`, `year`), headed `label`."""
        self.add(work, year, label)
        self.labelled.add((work, year))

    def add_citation(self, work: Instrument, year: int, label: str | None) -> None:
        """A resolved citation of version (`work`, `year`), written `label`."""
        self.add(work, year, label)
        if label:
            self.forms.setdefault((work, year), Counter())[label] += 1

    def add_document(self, doc: Document) -> None:
        """What one read document says: its own version, and the versions it cites."""
        self.add_text((doc.instrument, doc.body, doc.number), doc.year, doc.label)
        for work, year, label in cited_versions(doc):
            self.add_citation(work, year, label)


def cited_versions(doc: Document) -> list[tuple[Instrument, int, str | None]]:
    """The versions `doc` cites (resolved, with a year), with the label each is written with."""
    found: list[tuple[Instrument, int, str | None]] = []
    for ref in doc.references:
        if ref.kind != "resolution" or ref.status != "resolved" or ref.year is None:
            continue
        if ref.body and ref.number:
            work = (ref.instrument or "resolution", ref.body, ref.number)
            found.append((work, ref.year, ref.label))
    return found


def inferred_triples(documents: Iterable[Document], registry: Registry, iris: Iris) -> list[Triple]:
    """Labels for versions only cited, and revision links no table states."""
    known = KnownVersions.from_registry(registry)
    for doc in documents:
        known.add_document(doc)
    return triples_from(known, registry, iris)


def triples_from(known: KnownVersions, registry: Registry, iris: Iris) -> list[Triple]:
    """The inferred graph from what the sources together say."""

    def version(work: Instrument, year: int) -> URIRef:
        kind, body, number = work
        return iris.version(body, number, year, kind)

    triples: list[Triple] = []
    for (work, year), forms in sorted(known.forms.items()):
        if (work, year) in known.labelled:
            continue
        label = min(forms.items(), key=lambda item: (-item[1], item[0]))[0]
        name = f"{work[0].capitalize()} {work[2]}"
        triples += [
            (version(work, year), RESKG.versionLabel, Literal(label)),
            (version(work, year), RDFS.label, Literal(f"{name} ({label})")),
        ]
    for work, year in sorted(known.revisions - known.tabled):
        held = [m.year for m in registry.meetings.values() if m.body == work[1] and m.year < year]
        if held and max(held) in known.years[work]:
            triples.append((version(work, year), RESKG.revises, version(work, max(held))))
    return triples
