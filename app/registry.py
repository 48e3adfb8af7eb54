"""The one place that loads the reference tables (`data/reference/*.csv`).

Meetings, bodies, WSIS action lines and known resolution versions, each fact with its `source`
and whether it was `verified`. The resolver and the RDF stage read them from here.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Meeting:
    """A conference, assembly or Council session: `PP-10` (Guadalajara, 2010)."""

    id: str
    aliases: tuple[str, ...]
    body: str
    place: str
    place_spellings: tuple[str, ...]
    """Other spellings of the place that ITU texts use: "Valetta" for Valletta."""
    start_date: date | None
    end_date: date | None
    year: int
    citation_form: str
    notes: str
    source: str
    verified: bool


@dataclass(frozen=True)
class Body:
    """An organ, sector, bureau, group or office: `WTDC`, `CWG-WSIS`, `SG`."""

    id: str
    name: str
    abbreviations: tuple[str, ...]
    parent: str | None
    kind: str
    notes: str
    source: str
    verified: bool


@dataclass(frozen=True)
class ActionLine:
    """A WSIS action line (C1-C11) or a C7 sub-line (`C7-e-health`)."""

    code: str
    parent: str | None
    title: str
    short_title: str
    facilitators: str
    lead_facilitator: str
    itu_role: str
    notes: str
    source: str
    verified: bool
    facilitators_verified: bool


@dataclass(frozen=True)
class KnownVersion:
    """A version of a resolution known from the reference table, with what it revises."""

    body: str
    number: str
    label: str
    meeting: str
    year: int
    title: str
    revises: str | None
    note: str
    source: str
    verified: bool


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: `Florianópolis` -> `florianopolis` (cached: the
    resolver folds the same places and names again and again)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


class Registry:
    """The reference tables, indexed the ways the resolver asks."""

    def __init__(
        self,
        meetings: list[Meeting],
        bodies: list[Body],
        action_lines: list[ActionLine],
        versions: list[KnownVersion],
    ) -> None:
        self.meetings = {m.id: m for m in meetings}
        self.bodies = {b.id: b for b in bodies}
        self.action_lines = {a.code: a for a in action_lines}
        self.versions = versions

    @classmethod
    def load(cls, folder: Path) -> Registry:
        """Read the four CSV files of `folder`."""
        meetings = [
            Meeting(
                id=r["id"],
                aliases=_split(r["aliases"]),
                body="Council" if r["body"] == "Council" else r["body"],
                place=r["place"],
                place_spellings=_split(r["place_spellings"]),
                start_date=_date(r["start_date"]),
                end_date=_date(r["end_date"]),
                year=int(r["year_in_citations"]),
                citation_form=r["citation_form"],
                notes=r["notes"],
                source=r["source"],
                verified=r["verified"] == "yes",
            )
            for r in _rows(folder / "meetings.csv")
        ]
        bodies = [
            Body(
                id=r["id"],
                name=r["name"],
                abbreviations=_split(r["abbreviations"]),
                parent=r["parent_body"] or None,
                kind=r["kind"],
                notes=r["notes"],
                source=r["source"],
                verified=r["verified"] == "yes",
            )
            for r in _rows(folder / "bodies.csv")
        ]
        action_lines = [
            ActionLine(
                code=r["code"],
                parent=r["parent_code"] or None,
                title=r["official_title"],
                short_title=r["later_short_title"],
                facilitators=r["tunis_annex_facilitators"],
                lead_facilitator=r["lead_facilitator"],
                itu_role=r["itu_role"],
                notes=r["notes"],
                source=r["source"],
                verified=r["verified"] == "yes",
                facilitators_verified=r["facilitators_verified"] == "yes",
            )
            for r in _rows(folder / "action_lines.csv")
        ]
        versions = [
            KnownVersion(
                body=r["body"],
                number=r["number"],
                label=r["version_label"],
                meeting=r["meeting_id"],
                year=int(r["year"]),
                title=r["title"],
                revises=r["revises"] or None,
                note=r["status_note"],
                source=r["source"],
                verified=r["verified"] == "yes",
            )
            for r in _rows(folder / "resolution_versions.csv")
        ]
        return cls(meetings, bodies, action_lines, versions)

    @cached_property
    def _by_place_year(self) -> dict[tuple[str, int], list[Meeting]]:
        index: dict[tuple[str, int], list[Meeting]] = {}
        for m in self.meetings.values():
            for place in (m.place, *m.place_spellings):
                index.setdefault((fold(place), m.year), []).append(m)
        return index

    @cached_property
    def _by_alias(self) -> dict[str, Meeting]:
        index: dict[str, Meeting] = {}
        for m in self.meetings.values():
            for name in (m.id, *m.aliases):
                index[fold(name)] = m
        return index

    def meetings_at(self, place: str, year: int, body: str | None = None) -> list[Meeting]:
        """Meetings held at `place` (or a spelling of it) in `year`, of `body` if given
        ("Dubai", 2014 -> WTDC-14; "Valetta", 1998 -> WTDC-98)."""
        found = self._by_place_year.get((fold(place), year), [])
        return [m for m in found if body is None or m.body == body]

    def meetings_of(self, body: str, year: int) -> list[Meeting]:
        """Meetings of `body` in `year` (Council 2007 -> C07)."""
        return [m for m in self.meetings.values() if m.body == body and m.year == year]

    def meeting(self, name: str) -> Meeting | None:
        """A meeting by id or alias, case-insensitively: `PP-06`, `pp06`, `WTDC-21`."""
        return self._by_alias.get(fold(name))

    def knows_place(self, place: str) -> bool:
        """Whether any meeting was held at `place`."""
        key = fold(place)
        return any(p == key for p, _ in self._by_place_year)


@lru_cache(maxsize=4)
def load_registry(folder: Path) -> Registry:
    """The registry of `folder`, read once per process (the service's routers share it)."""
    return Registry.load(folder)
