"""The heading of a plain-text resolution and the lines up to its enacting formula: which
instrument, number, meeting, version label and title the text is. Every heading form ITU
publishes that the reader knows is here, each with the text that needed it; one that is not
known, or that names no meeting, is a `ReadError` with file and line, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.reading.find import parse_version, two_digit_year
from app.reading.lines import Line, LineOf, plain
from app.reading.model import InstrumentKind, ReadError
from app.reading.patterns import HYPHENS, PROVISIONAL_NUMBER
from app.registry import Meeting, Registry, fold

Identity = tuple[Meeting, str, str, list[Line]]
"""What a heading and the lines to its enacting formula give: the meeting, the version label,
the title, and the lines after the formula."""


@dataclass(frozen=True)
class Heading:
    """Who a text is: instrument, number, meeting, version label and title; `rest` holds the
    lines after its enacting formula (the body)."""

    instrument: InstrumentKind
    number: str
    meeting: Meeting
    label: str
    title: str
    rest: list[Line]


# "**R 1282**    **ITU's role in ...**" (Council resolutions as published on the web).
COUNCIL_TITLE = re.compile(
    r"\**\s*R(?:es(?:olution)?\.?)?\s*(?P<number>\d{3,4})\s*\**\s+(?P<title>\S.*)"
)
# "RESOLUTION ITU-R 9-5[*]": a footnote mark after a heading
FOOTNOTE_MARK = re.compile(r"\[\*+\]$")
# "(C07)" under a Council resolution's title.
SESSION = re.compile(r"\(\s*(?P<code>C\d{2})\s*\)")
# The Council's compendium of its resolutions and decisions: "D 482" over the title and the
# sessions "(C-2001, last modified C-2002)"; or on one line, "Non-payment of ... D 545 (C07)".
COMPENDIUM_HEADING = re.compile(r"\**\s*(?P<kind>[RD])\s+(?P<number>\d{3,4})\s*\**")
COMPENDIUM_TAIL = re.compile(
    r"(?<=\s)(?P<kind>[RD])\s+(?P<number>\d{3,4})\s*(?P<session>\(C[^()]*\))$"
)
# "OPINION 1 ON INTERNET-RELATED PUBLIC POLICY MATTERS" (a WTPF opinion, title on its line)
OPINION_TITLE = re.compile(
    r"\**\s*(?i:opinion)\s+(?P<number>\d{1,3})(?:\s+(?P<title>\S.*?))?\s*\**"
)
# "RESOLUTION 30 (Rev. Dubai, 2014)", "DECISION 5 (REV. DUBAI, 2018)"; WTSA's history form
# "RESOLUTION 44 (Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)": the last is this one.
# A conference's provisional numbers as printed before the plenary renumbered them:
# "Resolution PLEN/7 (Marrakesh, 2002)", "RESOLUTION GT-PLEN/6 (Antalya, 2006)",
# "DECISION GT-PLEN/A (Antalya, 2006)"; "(Rev Hyderabad, 2010)" without a full stop,
# "(Rev. Guadalajara 2010)" without a comma.
CONFERENCE_TITLE = re.compile(
    r"\**\s*(?P<kind>(?i:resolution|decision|recommendation))"
    rf"\s+\[?(?P<number>\d{{1,4}}|{PROVISIONAL_NUMBER})\]?\s*"
    r"\((?P<label>(?:[^();]+;\s*)*(?P<rev>(?:Rev|REV|Mod|MOD)(?:\.\s*|\s+))?"
    r"(?P<place>(?!(?i:modified|amended|mod)\b)[^,();]+?)(?:,\s*|\s+)(?P<year>\d{4}))\)\s*\**"
)
# WRC texts, versioned by the conference's code (Radio Regulations, Volume 3):
# "RESOLUTION 646 (REV.WRC-15)", "Resolution 95 (Rev.WRC-19)", "RECOMMENDATION 34 (WRC-12)",
# "RESOLUTION 958 (WRC-2000)"; a footnote mark may follow ("RESOLUTION 28 (REV.WRC-15)*");
# a committee's number in brackets before the plenary gave one: "RESOLUTION [COM6/7] (WRC-07)".
WRC_TITLE = re.compile(
    r"\**\s*(?P<kind>(?i:resolution|recommendation))"
    rf"\s+\[?(?P<number>\d{{1,4}}|{PROVISIONAL_NUMBER})\]?"
    r"\s*\(\s*(?P<rev>(?:Rev|REV)\.\s*)?WRC-(?P<code>\d{4}|\d\d)\s*\)[\s*]*"
)
# Radiocommunication Assembly texts: "RESOLUTION ITU-R 2-7" (number 2, its seventh revision),
# then the title, then the years of its versions "(1993-1995-...-2015)": the last is this one.
ITU_R_TITLE = re.compile(
    r"\**\s*(?i:resolution)\s+ITU[-–]R\s+(?P<number>\d{1,3})(?P<suffix>-\d+)?\s*\**"
)
VERSION_YEARS = re.compile(r"\(\s*(?P<years>(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)*)\s*\)")
# Council headings other than "**R 1282** Title": "Council RESOLUTION 1343 (C12)",
# "Resolution 1158, ITU Council 2000"; bare "RESOLUTION 1179", whose session is found in the
# lines before "The Council," (a document header such as "Document C09/105-E") or the registry.
COUNCIL_HEADING = re.compile(
    r"\**\s*(?:(?:ITU\s+)?Council\s+)?(?P<kind>(?i:resolution|decision))"
    r"\s+(?P<number>\d{1,4})"
    r"(?:\s*\(\s*(?P<code>C-?(?:\d{4}|\d\d))\s*\)"
    r"|\s*\((?:MOD|Mod\.?|REV|Rev\.?)\)"  # "RESOLUTION 1291 (MOD)": as modified
    # "Decision 482 (Modified 2004)": as modified at that year's session
    r"|\s*\((?:[Mm]odified|MODIFIED|Mod\.?|MOD)\s*(?P<modyear>\d{4})\)"
    r"|,?\s+(?:ITU\s+)?Council[\s-]+(?P<year>\d{4}|\d\d))?\s*\**"
)
# A Council session in the lines between such a heading and "The Council,": "Council 2009",
# "GENEVA 2002 SESSION", "Document C09/105-E", "Document C2001/49".
SESSION_MARK = re.compile(
    r"\bCouncil[\s-]+(?P<council>(?:19|20)\d\d)\b"
    r"|\b(?P<session>(?:19|20)\d\d)\s+session\b"
    r"|\bC(?P<document>\d\d|20\d\d)/\d+",
    re.IGNORECASE,
)
# "(approved at the fourteenth Plenary Meeting)", "(adopted by correspondence)": not part of
# the title.
APPROVED_AT = re.compile(
    r"\(?\s*(?:approved|adopted)\s+(?:at\s+the\s+\w+\s+plenary\s+meeting|by\s+correspondence)"
    r"\s*\)?\.?",
    re.IGNORECASE,
)
# "The World Telecommunication Development Conference (Dubai, 2014),", "The Council,".
FORMULA = re.compile(
    r"The\s+(?:(?:first|second|third|fourth|fifth|sixth)\s+)?(?P<name>[A-Z][^(),]*?)(?:\s+of\s+the\s+International\s+Telecommunication\s+Union)?"
    r"(?:\s*\((?P<place>[^,()]+),\s*(?P<year>\d{4})\))?\s*,?\s*"
)
BODY_NAMES = {
    "council": "Council",
    "itu council": "Council",
    "itu radiocommunication assembly": "RA",  # "The ITU Radiocommunication Assembly,"
}


def formula_body(name: str, registry: Registry) -> str | None:
    """The body an enacting formula names: "World Telecommunication Development Conference"
    -> `WTDC`, "Council" -> `Council`."""
    # compared without spaces: "The ITURadiocommunication Assembly,", "The World
    # Telecommunication Devel opment Conference," (spaces a PDF conversion lost or added)
    # "The fourth World Telecommunication Policy Forum (Lisbon, 2009),": an ordinal first
    key = re.sub(r"\s+", "", fold(ORDINAL.sub("", name)))
    names = _formula_names(registry)
    return names.get(key) or names.get(key.removeprefix("itu"))


@lru_cache(maxsize=4)
def _formula_names(registry: Registry) -> dict[str, str]:
    """Every body name and abbreviation of `registry`, folded and without spaces, to its body;
    this module's own names last, so that they win ("council" -> `Council`, not `COUNCIL`)."""
    names: dict[str, str] = {}
    for b in registry.bodies.values():
        names |= {re.sub(r"\s+", "", fold(n)): b.id for n in (*b.abbreviations, b.name)}
    return names | {re.sub(r"\s+", "", name): body for name, body in BODY_NAMES.items()}


ORDINAL = re.compile(
    r"^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+",
    re.IGNORECASE,
)


def conference_meeting(
    registry: Registry, body: str, place: str, year: int, file: str, line: int
) -> Meeting:
    """The one meeting of `body` at `place` in `year`, or a ReadError saying none is known."""
    found = registry.meetings_at(place.strip(), year, body)
    if len(found) != 1:
        problem = f"no meeting of {body} at {place.strip()}, {year} in the registry"
        raise ReadError(file, line, problem)
    return found[0]


def _compendium_identity(
    session: str | None, rest: list[Line], registry: Registry, file: str, line_of: LineOf
) -> Identity:
    """Session, label and title of a Council text in the Council's compendium layout: the
    session paren ("(C07)", "(C-2001, last modified C-2002)") is `session` or the first line
    that is one; "The Council," may follow it."""
    at = next((i for i, ln in enumerate(rest) if parse_version(ln.text.strip())), None)
    written = session or (rest[at].text.strip() if at is not None else None)
    version = parse_version(written) if written else None
    if version is None or not version.council:
        where = line_of(rest[0].start) - 1 if rest else 1
        raise ReadError(file, where, "Council text without a session line such as '(C07)'")
    sessions = registry.meetings_of("Council", version.year)
    if len(sessions) != 1:
        raise ReadError(file, line_of(rest[0].start), f"no Council session in {version.year}")
    header = rest[:at] if session is None and at is not None else []
    after = rest[at + 1 :] if session is None and at is not None else rest
    formula = FORMULA.fullmatch(after[0].text) if after else None
    if formula and formula_body(formula.group("name"), registry) == "Council":
        after = after[1:]
    return sessions[0], version.label, " ".join(plain(ln.text) for ln in header), after


def _council_identity(
    heading: re.Match[str],
    instrument: InstrumentKind,
    rest: list[Line],
    registry: Registry,
    file: str,
    line: int,
) -> Identity:
    """Session, label and title of a Council text under a `COUNCIL_HEADING`, and the lines
    after its "The Council,". The session is the heading's ("(C12)", "ITU Council 2000"), else
    the enacting formula's, else the one session the lines before the formula name, else the
    one the registry's versions table gives the number; otherwise a ReadError."""
    written = heading.group(0).strip()
    at = next(
        (
            i
            for i, ln in enumerate(rest)
            if (f := FORMULA.fullmatch(ln.text))
            and formula_body(f.group("name"), registry) == "Council"
        ),
        None,
    )
    if at is None:
        raise ReadError(
            file,
            line,
            f"{written!r} names no meeting and no enacting formula 'The Council,' follows: "
            "expected a first line like 'RESOLUTION 30 (Rev. Dubai, 2014)' or "
            "'Council RESOLUTION 1343 (C12)'",
        )
    formula = FORMULA.fullmatch(rest[at].text)
    assert formula is not None
    header = rest[:at]
    marks = [m for ln in header for m in SESSION_MARK.finditer(ln.text)]
    code = heading.group("code") or heading.group("year") or heading.group("modyear")
    year: int | None = None
    if code is not None:
        year = two_digit_year(code.lstrip("C-"))
    elif formula.group("year") is not None:
        year = int(formula.group("year"))
    elif len(years := {two_digit_year(next(g for g in m.groups() if g)) for m in marks}) == 1:
        year = years.pop()
    if year is not None:
        sessions = registry.meetings_of("Council", year)
        if len(sessions) != 1:
            raise ReadError(file, line, f"no Council session in {year} in the registry")
        meeting = sessions[0]
    else:
        known = sorted(
            {
                v.meeting
                for v in registry.versions
                if v.body == "Council" and v.number == heading.group("number")
            }
            if instrument == "resolution"
            else set()
        )
        found = registry.meeting(known[0]) if len(known) == 1 else None
        if found is None:
            where = f" (the registry knows {', '.join(known)})" if known else ""
            raise ReadError(
                file,
                line,
                f"Council {instrument} without a session: none in {written!r}, in the lines "
                f"before 'The Council,' or in the registry{where}",
            )
        meeting = found
    title = " ".join(
        plain(ln.text)
        for ln in header
        if not APPROVED_AT.fullmatch(ln.text.strip()) and not SESSION_MARK.search(ln.text)
    )
    label = heading.group("code") or meeting.id
    return meeting, label, title, rest[at + 1 :]


def _formula(rest: list[Line], file: str, line: int) -> tuple[int, re.Match[str]]:
    """The index and match of the first enacting formula in `rest`, or a ReadError."""
    for i, ln in enumerate(rest):
        if formula := FORMULA.fullmatch(ln.text):
            return i, formula
    raise ReadError(
        file,
        line,
        "no enacting formula such as 'The World Telecommunication "
        "Development Conference (Dubai, 2014),' after the title",
    )


# "(Johannesburg, 2008)" on a line of its own under the title (ITU-T's layout of a WTSA text)
LABEL_LINE = re.compile(
    r"\((?P<label>(?:[^();]+;\s*)*(?:(?:Rev|REV)(?:\.\s*|\s+))?"
    r"(?P<place>[^,();]+?),\s*(?P<year>\d{4}))\)"
)


def _bare_identity(
    rest: list[Line], registry: Registry, file: str, line_of: LineOf
) -> Identity | None:
    """Meeting, label and title of a text headed by a bare number ("RESOLUTION 68") whose
    enacting formula is a conference's: the formula's (place, year), else a label line under
    the title, names the meeting; where both do, they must agree. None when the first formula
    of a known body is the Council's, or there is none (a title such as "The Role of ITU" is
    not one)."""
    found = (
        (i, f, body)
        for i, ln in enumerate(rest)
        if (f := FORMULA.fullmatch(ln.text)) and (body := formula_body(f.group("name"), registry))
    )
    at, formula, body = next(found, (None, None, None))
    if at is None or formula is None or body is None or body == "Council":
        return None
    header = rest[:at]
    labels = [ln for ln in header if LABEL_LINE.fullmatch(ln.text.strip())]
    written = LABEL_LINE.fullmatch(labels[-1].text.strip()) if labels else None
    line = line_of(rest[at].start)
    sources = [m for m in (formula, written) if m is not None and m.group("place")]
    if not sources:
        raise ReadError(
            file,
            line,
            f"the enacting formula {formula.group(0).strip()!r} names no meeting and no "
            "label line such as '(Johannesburg, 2008)' gives one",
        )
    meetings = {
        conference_meeting(registry, body, m.group("place"), int(m.group("year")), file, line)
        for m in sources
    }
    if len(meetings) > 1:
        named = " and ".join(sorted(m.id for m in meetings))
        raise ReadError(file, line, f"the label line and the enacting formula disagree: {named}")
    meeting = meetings.pop()
    label = written.group("label") if written else label_of(False, meeting)
    title = " ".join(plain(ln.text) for ln in header if not labels or ln is not labels[-1])
    return meeting, label, title, rest[at + 1 :]


def _coded_identity(
    body: str,
    year: int,
    formula: re.Match[str],
    registry: Registry,
    file: str,
    line: int,
) -> Meeting:
    """The one meeting of `body` in `year` that a heading names by code ("WRC-15") or by the
    years of its versions (ITU-R), checked against the enacting formula, or a ReadError."""
    found = registry.meetings_of(body, year)
    if len(found) != 1:
        what = "no meeting" if not found else f"{len(found)} meetings"
        raise ReadError(file, line, f"{what} of {body} in {year} in the registry")
    meeting = found[0]
    named = formula_body(formula.group("name"), registry)
    place = formula.group("place")
    if named != body or (
        place is not None
        and meeting not in registry.meetings_at(place.strip(), int(formula.group("year")), body)
    ):
        raise ReadError(
            file,
            line,
            f"the heading names {meeting.id} but the enacting formula names "
            f"{formula.group(0).strip()!r}",
        )
    return meeting


def _wrc_identity(
    heading: re.Match[str],
    rest: list[Line],
    registry: Registry,
    file: str,
    line: int,
    line_of: LineOf,
) -> Identity:
    """Meeting, label ("Rev. WRC-15", as citations spell it) and title of a WRC text, and the
    lines after its enacting formula."""
    at, formula = _formula(rest, file, line)
    code = heading.group("code")
    meeting = _coded_identity(
        "WRC", two_digit_year(code), formula, registry, file, line_of(rest[at].start)
    )
    label = f"{'Rev. ' if heading.group('rev') else ''}WRC-{code}"
    return meeting, label, " ".join(plain(ln.text) for ln in rest[:at]), rest[at + 1 :]


def _itu_r_identity(
    heading: re.Match[str],
    rest: list[Line],
    registry: Registry,
    file: str,
    line: int,
    line_of: LineOf,
) -> Identity:
    """Meeting, label and title of a Radiocommunication Assembly text: the version is the last
    of the years "(1993-...-2015)" between the title and "The ITU Radiocommunication Assembly,"."""
    at, formula = _formula(rest, file, line)
    header = rest[:at]
    dated = [ln for ln in header if VERSION_YEARS.fullmatch(ln.text.strip())]
    if len(dated) > 1:
        problem = f"{len(dated)} lines of years under the title, expected one"
        raise ReadError(file, line, problem)
    if not dated:
        raise ReadError(
            file,
            line,
            f"{heading.group(0).strip()!r} names no version: expected one line of years such as "
            "'(1993-2000-2015)' before 'The ITU Radiocommunication Assembly,'",
        )
    years = re.findall(r"\d{4}", dated[0].text)
    meeting = _coded_identity(
        "RA", int(years[-1]), formula, registry, file, line_of(rest[at].start)
    )
    label = label_of(len(years) > 1 or heading.group("suffix") is not None, meeting)
    title = " ".join(plain(ln.text) for ln in header if ln is not dated[0])
    return meeting, label, title, rest[at + 1 :]


def label_of(rev: bool, meeting: Meeting) -> str:
    """`Rev. Dubai, 2018` / `Dubai, 2018`, spelled as the registry spells the place."""
    return f"{'Rev. ' if rev else ''}{meeting.place}, {meeting.year}"


def read_heading(
    lines: list[Line], source_file: str, registry: Registry, line_of: LineOf
) -> Heading:
    """The identity of the text whose non-blank lines are `lines` (the first is its heading)."""
    first = lines[0]
    instrument: InstrumentKind = "resolution"
    # a footnote mark after the heading: "RESOLUTION ITU-R 9-5[*]"
    heading = first.text.translate(HYPHENS).rstrip()
    heading = heading[: -len(mark.group())] if (mark := FOOTNOTE_MARK.search(heading)) else heading
    conference = CONFERENCE_TITLE.fullmatch(heading)
    council_heading = None if conference else COUNCIL_HEADING.fullmatch(heading)
    council = None if conference or council_heading else COUNCIL_TITLE.fullmatch(heading)
    wrc = WRC_TITLE.fullmatch(heading)
    itu_r = ITU_R_TITLE.fullmatch(heading)
    compendium = COMPENDIUM_HEADING.fullmatch(heading) or COMPENDIUM_TAIL.search(heading)
    opinion = OPINION_TITLE.fullmatch(heading)
    rest = lines[1:]
    if compendium and not council:
        number = compendium.group("number")
        instrument = "decision" if compendium.group("kind") == "D" else "resolution"
        session = compendium.groupdict().get("session")
        meeting, label, title, rest = _compendium_identity(
            session, rest, registry, source_file, line_of
        )
        title = heading[: compendium.start()].strip() or title
    elif opinion:
        number, instrument = opinion.group("number"), "opinion"
        identity = _bare_identity(rest, registry, source_file, line_of)
        if identity is None:
            raise ReadError(
                source_file,
                line_of(first.start),
                f"{first.text.strip()!r} names no meeting and no enacting formula such as "
                "'The World Telecommunication/ICT Policy Forum (Geneva, 2013),' follows",
            )
        meeting, label, title, rest = identity
        title = " ".join(t for t in (opinion.group("title"), title) if t)
    elif wrc:
        number = wrc.group("number")
        if wrc.group("kind").lower() == "recommendation":
            instrument = "recommendation"
        meeting, label, title, rest = _wrc_identity(
            wrc, rest, registry, source_file, line_of(first.start), line_of
        )
    elif itu_r:
        number = itu_r.group("number")
        meeting, label, title, rest = _itu_r_identity(
            itu_r, rest, registry, source_file, line_of(first.start), line_of
        )
    elif council_heading:
        number = council_heading.group("number")
        if council_heading.group("kind").lower() == "decision":
            instrument = "decision"
        bare = not any(council_heading.group("code", "year", "modyear"))
        identity = _bare_identity(rest, registry, source_file, line_of) if bare else None
        meeting, label, title, rest = identity or _council_identity(
            council_heading, instrument, rest, registry, source_file, line_of(first.start)
        )
    elif council:
        number, title = council.group("number"), plain(council.group("title"))
        session = SESSION.fullmatch(rest[0].text) if rest else None
        coded = registry.meeting(session.group("code")) if session else None
        if session is None or coded is None or coded.body != "Council":
            raise ReadError(
                source_file,
                line_of(rest[0].start) if rest else line_of(first.start),
                "Council resolution without a known session code such as '(C07)'",
            )
        meeting = coded
        label, rest = session.group("code"), rest[1:]
        if not rest or not FORMULA.fullmatch(rest[0].text):
            raise ReadError(
                source_file,
                line_of(first.start),
                "no enacting formula such as 'The Council,' after the title",
            )
        rest = rest[1:]
    elif conference:
        number = conference.group("number")
        instrument = "resolution"
        kind = conference.group("kind").lower()
        if kind in ("decision", "recommendation"):
            instrument = "decision" if kind == "decision" else "recommendation"
        at, formula = _formula(rest, source_file, line_of(first.start))
        title = " ".join(plain(ln.text) for ln in rest[:at])
        body = formula_body(formula.group("name"), registry)
        if body is None:
            raise ReadError(
                source_file,
                line_of(rest[at].start),
                f"unknown body in the enacting formula: {formula.group('name')!r}",
            )
        place = formula.group("place") or conference.group("place")
        year = int(formula.group("year") or conference.group("year"))
        meeting = conference_meeting(
            registry, body, place, year, source_file, line_of(rest[at].start)
        )
        label = conference.group("label")
        rest = rest[at + 1 :]
    else:
        raise ReadError(
            source_file,
            line_of(first.start),
            "not a resolution: expected a first line like "
            "'RESOLUTION 30 (Rev. Dubai, 2014)' or '**R 1282** Title', "
            f"found {first.text[:60]!r}",
        )
    return Heading(instrument, number, meeting, label, title, rest)
