"""Resolve a found reference against the meeting registry: one resolver, in a fixed order.

For a citation the body is decided by, in order: an explicit body name ("of the Plenipotentiary
Conference", "Council", "UNGA", "of the World Health Assembly" -> WHO, a name or abbreviation of
the registry's bodies table, "Resolution ITU-R 61" -> RA; a named body the registry does not know
leaves the citation unresolved); "this conference" / "its
Resolution" (the citing document's own body and meeting); the form of the number or paren
("70/125" -> UNGA, "(Modified 2013)" -> Council, "(Rev.WRC-15)" -> WRC, "Opinion 2" -> WTPF,
numbers from 1000 -> Council); the (place, year) pair in the registry ("(Rev. Dubai, 2014)" ->
WTDC-14; a "Rev." paren only fits a body that met before, so "(Rev. Dubai, 2012)" is WTSA-12, not
WCIT-12); and last the citing document ("Resolution 140" in a PP text is PP). The version then
picks the meeting of that body: by place and year, or by year alone for Council sessions
("(C-1997)", "at its 1999 session", "(1996, last modified 2001)" -> C01) and WRCs ("(WRC-2015)" ->
WRC-15). A citation of a body the registry lists no meeting of (UNGA, WHO, …) names the work,
its label keeps the year. No match, several matches or no body give "unresolved"/"ambiguous"
with a `note`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.reading.find import Found, Version, two_digit_year
from app.reading.model import Reference, ResolutionStatus
from app.reading.patterns import BODY_NAMES, HYPHENS, UN_SYMBOL
from app.registry import Meeting, Registry, fold

PLACE_CITED_BODIES = ("PP", "WTDC", "WTSA", "RA", "WCIT", "WTPF")
"""Bodies whose versions are cited by place and year ("Opinion 4 (Lisbon, 2009)"); Council
sessions are cited by year and WRCs by code ("(Rev.WRC-15)")."""

_BODY_CODES = {fold(name): code for name, code in BODY_NAMES.items()}


@dataclass(frozen=True)
class Context:
    """The citing document: its body (`WTDC`), meeting (`WTDC-14`), year and instrument kind."""

    body: str | None = None
    meeting: str | None = None
    year: int | None = None
    instrument: str = "resolution"


@lru_cache(maxsize=1024)
def body_code(phrase: str) -> str | None:
    """The registry body code of a body phrase as written: "the ITU Council" -> `Council`."""
    key = fold(re.sub(r"^(?:the\s+)?(?:ITU\s+)?", "", " ".join(phrase.translate(HYPHENS).split())))
    if key in _BODY_CODES:
        return _BODY_CODES[key]
    name, _, abbreviation = key.rpartition(" (")
    return _BODY_CODES.get(name) or _BODY_CODES.get(abbreviation.rstrip(")"))


def _implied_body(
    number: str, instrument: str | None, version: Version | None, session_year: int | None
) -> str | None:
    """A body the form of the citation itself names."""
    if re.fullmatch(UN_SYMBOL, number):
        # "Resolution 70/1", "Resolution 60/125 … adopted by the UNGA"; not a provisional
        # conference number ("Resolution COM5/4 (Antalya, 2006)")
        return "UNGA"
    if (version is not None and version.council) or session_year is not None:
        return "Council"
    if instrument == "opinion":
        return "WTPF"  # "Opinion 2 (Geneva, 2013)": only the Policy Forum gives opinions
    if number.isdigit():
        # Council resolutions are numbered from 1000 ("Resolution 1305"), Council decisions
        # from about 400 ("Decision 584"); PP, WTDC and WTSA numbers stay below 300.
        limit = {"resolution": 1000, "decision": 100}.get(instrument or "")
        if limit is not None and int(number) >= limit:
            return "Council"
    return None


def _coded(registry: Registry, code: str, body: str | None) -> Decision:
    """A citation whose version is a meeting code ("Rev.WRC-15", "of WTSA-16", "Mob-87"): the
    registry's meeting of that code, which must be of the body named, if one is."""
    name, _, digits = code.rpartition("-")
    named = body_code(name) or name
    meeting = registry.meeting(code) or registry.meeting(f"{named}-{digits}")
    if meeting is None and len(digits) == 4:
        meeting = registry.meeting(f"{named}-{digits[2:]}")  # "PP-2018" is PP-18
    year = two_digit_year(digits)
    if meeting is None:
        return body, None, year, "unresolved", f"no meeting {code} in the registry"
    if body is not None and meeting.body != body:
        note = f"{meeting.id} is a meeting of {meeting.body}, not of {body}"
        return body, None, year, "unresolved", note
    return meeting.body, meeting.id, meeting.year, "resolved", None


def _names(meetings: list[Meeting]) -> str:
    return ", ".join(sorted(m.id for m in meetings))


def _at(registry: Registry, version: Version, body: str | None) -> list[Meeting]:
    return list(_meetings_at(registry, version.place or "", version.year, body))


@lru_cache(maxsize=4096)
def _meetings_at(
    registry: Registry, place: str, year: int, body: str | None
) -> tuple[Meeting, ...]:
    """Meetings of `body` (any place-cited body if None) at `place` in `year`; cached."""
    found = registry.meetings_at(place, year, body)
    return tuple(m for m in found if body is not None or m.body in PLACE_CITED_BODIES)


def _revising(registry: Registry, meetings: list[Meeting]) -> list[Meeting]:
    """Those of `meetings` whose body met before: only they can adopt a "Rev." version."""
    return [
        m
        for m in meetings
        if any(other.body == m.body and other.year < m.year for other in registry.meetings.values())
    ]


@lru_cache(maxsize=256)
def registry_body(registry: Registry, phrase: str) -> str | None:
    """A body of the registry's bodies table by its name or an abbreviation, for a phrase
    `body_code` does not know: "World Health Organization" -> `WHO`, "UNESCO" -> `UNESCO`."""
    key = fold(re.sub(r"^(?:the\s+)?", "", " ".join(phrase.translate(HYPHENS).split())))
    name, _, abbreviation = key.rpartition(" (")
    for body in registry.bodies.values():
        names = {fold(body.name), *(fold(a) for a in body.abbreviations)}
        if key in names or name in names or abbreviation.rstrip(")") in names:
            return body.id
    return None


@lru_cache(maxsize=256)
def _has_meetings(registry: Registry, body: str) -> bool:
    """Whether the registry lists any meeting of `body` (none of UNGA, WHO, ECOSOC, …)."""
    return any(m.body == body for m in registry.meetings.values())


@lru_cache(maxsize=1024)
def _meetings_of(registry: Registry, body: str, year: int) -> tuple[Meeting, ...]:
    return tuple(registry.meetings_of(body, year))


def _citation(found: Found, context: Context, registry: Registry, role: str | None) -> Reference:
    body, meeting, year, status, note = _decide(
        found.number,
        found.instrument,
        found.version,
        found.body_phrase,
        found.this_meeting,
        found.itu_r,
        found.session_year,
        context,
        registry,
    )
    return Reference(
        kind="resolution",
        text=found.text,
        start=found.start,
        end=found.end,
        role=role,
        body=body,
        number=found.number,
        year=year,
        meeting=meeting,
        label=found.version.label if found.version else None,
        instrument=found.instrument,
        annex=found.annex,
        status=status,
        note=note,
    )


Decision = tuple[str | None, str | None, int | None, ResolutionStatus, str | None]
"""(body, meeting id, year, status, note) of a citation."""


@lru_cache(maxsize=8192)
def _decide(
    number: str | None,
    instrument: str | None,
    version: Version | None,
    body_phrase: str | None,
    this_meeting: bool,
    itu_r: bool,
    session_year: int | None,
    context: Context,
    registry: Registry,
) -> Decision:
    """The resolver proper, on the parts of a citation that decide it (cached: they repeat)."""

    def ref(
        body: str | None,
        meeting: Meeting | None = None,
        year: int | None = None,
        status: ResolutionStatus = "resolved",
        note: str | None = None,
    ) -> Decision:
        if meeting is not None:
            return body, meeting.id, meeting.year, status, note
        return body, None, year, status, note

    body: str | None = None
    if body_phrase is not None:
        # a body named in the text wins over every form; one the registry does not know is
        # reported, not guessed
        body = body_code(body_phrase) or registry_body(registry, body_phrase)
        if body is None:
            return ref(None, status="unresolved", note=f"unknown body {body_phrase!r}")
    elif itu_r:
        body = "RA"
    elif this_meeting:
        body = context.body
        if body is None:
            return ref(None, status="unresolved", note="'this conference' without a citing body")
    else:
        body = _implied_body(number or "", instrument, version, session_year)
    if version is not None and version.code is not None:
        return _coded(registry, version.code, body)
    if body is None and version is not None and version.place is not None:
        candidates = _at(registry, version, None)
        if len(candidates) > 1 and version.rev:
            # "(Rev. Dubai, 2012)" revises an earlier text of the same body: WTSA-12, not WCIT-12,
            # the first WCIT in the registry
            candidates = _revising(registry, candidates) or candidates
        if len(candidates) == 1:
            return ref(candidates[0].body, candidates[0])
        where = f"({version.place}, {version.year})"
        if candidates:
            note = f"{where} matches {_names(candidates)}"
            return ref(None, year=version.year, status="ambiguous", note=note)
        return ref(None, year=version.year, status="unresolved", note=f"no meeting at {where}")
    if body is None:
        body = context.body
        if body is None:
            return ref(None, status="unresolved", note="no body named and no citing body")
        if body == "Council" and instrument == "resolution" and (number or "").isdigit():
            # _implied_body took every number from 1000 for the Council: a lower one in a
            # Council text is some conference's, and the text does not say whose
            note = "no body named; Council resolutions are numbered from 1000"
            return ref(None, status="ambiguous", note=note)

    if version is None:
        if this_meeting:
            meeting = registry.meeting(context.meeting) if context.meeting else None
            return ref(body, meeting, year=context.year)
        if session_year is None:
            return ref(body)  # the work, not a version: "Council Resolution 1332"
        version = Version(f"{session_year} session", session_year, council=True)
    if not _has_meetings(registry, body):
        # "Resolution 58/28 of the World Health Assembly, Geneva 2005": the registry has no
        # meeting of that body, so no version can be placed: the citation names the work (its
        # label keeps "Geneva, 2005")
        return ref(body)
    if version.place is not None:
        meetings = _at(registry, version, body)
        where = f"{body} meeting at ({version.place}, {version.year})"
    else:
        meetings = list(_meetings_of(registry, body, version.year))
        where = f"{body} meeting in {version.year}"
    if len(meetings) == 1:
        return ref(body, meetings[0])
    if meetings:
        note = f"{_names(meetings)} match {where}"
        return ref(body, year=version.year, status="ambiguous", note=note)
    return ref(body, year=version.year, status="unresolved", note=f"no {where} in the registry")


def _document(found: Found, registry: Registry, role: str | None) -> Reference:
    code = found.code or ""
    session = re.match(r"(C\d\d|C20\d\d|PP-\d\d)/", code)  # "C07/21"; "C2001/115" -> C01
    meeting = registry.meeting(session.group(1)) if session else None
    return Reference(
        kind="document",
        text=found.text,
        start=found.start,
        end=found.end,
        role=role,
        body=meeting.body if meeting else None,
        year=meeting.year if meeting else None,
        meeting=meeting.id if meeting else None,
        code=code,
    )


def resolve(found: Found, context: Context, registry: Registry, role: str | None) -> Reference:
    """The `Reference` a found reference stands for, as far as `registry` allows."""
    if found.kind == "resolution":
        return _citation(found, context, registry, role)
    if found.kind == "document":
        return _document(found, registry, role)
    status: ResolutionStatus = "resolved"
    note: str | None = None
    if found.kind == "action-line" and found.code not in registry.action_lines:
        status, note = "unresolved", f"no action line {found.code} in the registry"
    if found.kind == "paragraph" and found.instrument is None:
        status, note = "unresolved", "no instrument named for the paragraph"
    return Reference(
        kind=found.kind,
        text=found.text,
        start=found.start,
        end=found.end,
        role=role,
        instrument=found.instrument,
        annex=found.annex,
        code=found.code,
        paragraphs=found.paragraphs,
        status=status,
        note=note,
    )
