"""Plain text and Markdown resolutions -> `Document`, every clause with its exact span.

Span convention (both readers): a clause's `[start, end)` covers its text *without* its own
label, so "a) Resolution 71 ...;" gives `num="a)"` and `text="Resolution 71 ...;"`. The text
runs to the end of the clause's last line, so dash sub-items and a paragraph broken by a page
break stay inside their parent's text exactly as they stand in the file.

`ClauseBuilder` and `feed` are shared with the Akoma Ntoso reader: they cut the noise that PDF
conversions leave inside one paragraph (inline footnotes, run-together numbered paragraphs,
headings glued into the text, annex titles) into clauses of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.reading.find import parse_version, two_digit_year
from app.reading.model import Addressee, Clause, ClauseKind, Document, InstrumentKind, ReadError
from app.reading.patterns import HYPHENS, PROVISIONAL_NUMBER
from app.reading.roles import (
    GluedHeading,
    addressee_body,
    addressee_parts,
    find_glued_heading,
    is_operative,
    parse_heading,
)
from app.registry import Meeting, Registry, fold


@dataclass(frozen=True)
class Piece:
    """Some text and the source offset of each of its characters (`where[len(text)]` = end)."""

    text: str
    where: tuple[int, ...]

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Piece:
        """The plain slice `source[start:end]`."""
        return cls(source[start:end], tuple(range(start, end + 1)))

    def cut(self, i: int, j: int | None = None) -> Piece:
        """`text[i:j]` with its offsets, surrounding whitespace removed."""
        j = len(self.text) if j is None else j
        while i < j and self.text[i].isspace():
            i += 1
        while j > i and self.text[j - 1].isspace():
            j -= 1
        return Piece(self.text[i:j], self.where[i : j + 1])

    @property
    def start(self) -> int:
        """Source offset of the first character."""
        return self.where[0]

    @property
    def end(self) -> int:
        """Source offset just after the last character."""
        return self.where[-1]


# Cyrillic letters that look like Latin ones, as a converted or retyped text may have them in
# item labels: "а)" (U+0430) for "a)" in Council Res. 1207 (C03).
LOOKALIKES = str.maketrans("аеорсхуі", "aeopcxyi")
# A clause's own label: "a)", "(b)", "1", "10.", "ii)" (after any dash bullet); "а)" (Cyrillic).
LABEL = re.compile(r"(?:(?P<digits>\d{1,3})\.?|\(?(?P<letters>[a-zаеорсхуі]{1,4})\))\s+(?=\S)")
# Inline footnote separator of the PDF conversions: "...; ____________________ 1 These ...".
FOOTNOTE_RULE = re.compile(r"\s*_{5,}\s*")
# "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)" run into the last operative paragraph.
ANNEX_MARK = re.compile(
    r"\bANNEX(?:\s+(?P<n>\d+|[A-Z]))?\s+TO\s+(?:RESOLUTION|DECISION|RECOMMENDATION)\s+\d+"
    r"(?:\s*\([^)]*\))?"
)
# The operative part begins with these; only they are looked for glued into a recital.
PREAMBLE_TURN = ("resolves", "decides", "recommends")
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}


def slug(text: str) -> str:
    """`instructs the Secretary-General` -> `instructs-the-secretary-general`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def next_label(num: str | None) -> str | None:
    """The label that follows `num` in its series: "9" -> "10", "a)" -> "b)"."""
    if num is None:
        return None
    if num.isdigit():
        return str(int(num) + 1)
    letters = num.strip("()")
    if len(letters) == 1 and "a" <= letters < "z":
        return num.replace(letters, chr(ord(letters) + 1))
    return None


def split_label(piece: Piece) -> tuple[str | None, Piece]:
    """A leading label ("a) ", "1 ") and the rest of the piece; a Cyrillic look-alike letter
    is given as the Latin one ("а)" -> "a)")."""
    found = LABEL.match(piece.text)
    if not found:
        return None, piece
    return found.group(0).strip().rstrip(".").translate(LOOKALIKES), piece.cut(found.end())


class ClauseBuilder:
    """Collects clauses block by block, minting unique ids and keeping exact spans."""

    def __init__(
        self,
        source_text: str,
        registry: Registry,
        line_of: Callable[[int], int],
        unescaped: bool = False,
    ) -> None:
        self.source_text = source_text
        self.registry = registry
        self.line_of = line_of
        self.unescaped = unescaped
        self.clauses: list[Clause] = []
        self.used: set[str] = set()
        self.kind: ClauseKind = "preamble"
        self.heading: str | None = None
        self.role: str | None = None
        self.prefix = "preamble"
        self.addressees: list[Addressee] = []
        self.in_annex = False
        self._last: Clause | None = None
        self.parent: str | None = None

    def open_block(self, heading: Piece) -> None:
        """Start a block under `heading` ("instructs the Secretary-General")."""
        parsed = parse_heading(heading.text)
        if self.in_annex:
            return
        self.heading = heading.text
        self.role = parsed.role if parsed else fold(heading.text)
        self.prefix = slug(heading.text)
        self.kind = "operative" if parsed and is_operative(parsed.role) else "preamble"
        self.addressees, self._last = [], None
        if parsed and parsed.addressee:
            for s, e in addressee_parts(parsed.addressee):
                words = heading.cut(parsed.addressee_start + s, parsed.addressee_start + e)
                self.addressees.append(
                    Addressee(
                        words.text,
                        words.start,
                        words.end,
                        addressee_body(words.text, self.registry),
                    )
                )

    def open_annex(self, mark: Piece, number: str | None) -> None:
        """Start an annex ("ANNEX", "ANNEX 2 TO RESOLUTION 208 (DUBAI, 2018)")."""
        self.in_annex = True
        self.kind, self.role, self.heading, self.addressees = "annex", "annex", mark.text, []
        self.prefix = f"annex-{slug(number)}" if number else "annex"
        self._last = None

    def open_references(self, mark: Piece) -> None:
        """Start the closing "*Ref.:* Documents C07/94 and C07/104." note, clause `ref`."""
        self.in_annex = True
        self.kind, self.role, self.heading, self.addressees = "annex", "annex", mark.text, []
        self.prefix = "ref"
        self._last = None

    def glued(self, text: str, pos: int = 0) -> GluedHeading | None:
        """A heading glued into `text`: any operative one in an operative block; in the
        preamble only the turn to the operative part ("..., resolves to instruct ...")."""
        if self.kind == "annex":
            return None
        found = find_glued_heading(text, pos)
        if found and self.kind == "preamble" and not found.heading.startswith(PREAMBLE_TURN):
            return None
        return found

    @property
    def last(self) -> Clause | None:
        """The latest non-footnote clause of the current block."""
        return self._last

    def _mint(self, base: str) -> str:
        minted, n = base, 1
        while minted in self.used:
            n += 1
            minted = f"{base}-{n}"
        self.used.add(minted)
        return minted

    def _text(self, piece: Piece) -> str:
        return piece.text if self.unescaped else self.source_text[piece.start : piece.end]

    def add(self, piece: Piece, num: str | None) -> None:
        """A clause of the current block."""
        if not piece.text:
            return
        base = "-".join(
            part for part in (self.prefix, slug(self.parent or ""), slug(num or "")) if part
        )
        self._last = Clause(
            self._mint(base),
            self.kind,
            self.role,
            self.heading,
            num,
            self._text(piece),
            piece.start,
            piece.end,
            self.line_of(piece.start),
            list(self.addressees),
        )
        self.clauses.append(self._last)

    def add_footnote(self, piece: Piece, num: str) -> None:
        """A footnote, `footnote-1`."""
        if piece.text:
            self.clauses.append(
                Clause(
                    self._mint(f"footnote-{num}"),
                    "footnote",
                    "footnote",
                    None,
                    num,
                    self._text(piece),
                    piece.start,
                    piece.end,
                    self.line_of(piece.start),
                )
            )

    def extend(self, end: int) -> None:
        """Stretch the latest clause to `end` (a sub-item or a page-broken paragraph)."""
        clause = self.last
        if clause is not None and end > clause.end:
            clause.end = end
            clause.text = self.source_text[clause.start : end]


def _footnotes(
    builder: ClauseBuilder, piece: Piece, resume: str | None
) -> tuple[Piece | None, Piece] | None:
    """Footnotes "1 These include ... 2 Guidelines ..." after a rule. Returns what follows the
    last one, if anything: a glued heading and its item ("... sales. instructs the Director
    ... to ..."), or the run-together next paragraph (`resume`, "... below. 10 that ...")."""
    if another := FOOTNOTE_RULE.search(piece.text):
        rest = _footnotes(builder, piece.cut(0, another.start()), resume)
        return rest if rest is not None else (None, piece.cut(another.start()))
    found = re.match(r"(\d{1,2})\s+", piece.text)
    num, pos = (found.group(1), found.end()) if found else ("0", 0)
    while True:
        after = str(int(num) + 1)
        following = re.compile(rf"(?<=[.;)\"”])\s+{after}\s+(?=\S)").search(piece.text, pos)
        stop = len(piece.text) if following is None else following.start()
        glued = builder.glued(piece.text, pos)
        if glued and glued.start < stop:
            builder.add_footnote(piece.cut(pos, glued.start), num)
            return piece.cut(glued.start, glued.end), piece.cut(glued.item_start)
        again = re.compile(rf"(?<=[.;])\s+{re.escape(resume)}\s+(?=[a-z])") if resume else None
        if again and (back := again.search(piece.text, pos, stop)):
            builder.add_footnote(piece.cut(pos, back.start()), num)
            return None, piece.cut(back.start())
        builder.add_footnote(piece.cut(pos, stop), num)
        if following is None:
            return None
        num, pos = after, following.end()


def feed(builder: ClauseBuilder, piece: Piece, num: str | None) -> None:
    """Add one paragraph, cutting out inline footnotes, run-together numbered paragraphs,
    glued headings and annex marks, in text order."""
    while piece.text:
        text = piece.text
        cuts: list[tuple[int, str]] = []
        if rule := FOOTNOTE_RULE.search(text):
            cuts.append((rule.start(), "footnote"))
        if mark := ANNEX_MARK.search(text):
            cuts.append((mark.start(), "annex"))
        glued = builder.glued(text)
        if glued:
            cuts.append((glued.start, "heading"))
        following = next_label(num)
        if following and not builder.in_annex:
            label = re.escape(following)
            if run := re.compile(rf"(?<=[;:.])\s+{label}\s+(?=[a-z])").search(text):
                cuts.append((run.start(), "number"))
        if not cuts:
            builder.add(piece, num)
            return
        at, what = min(cuts)
        builder.add(piece.cut(0, at), num)
        if what == "footnote" and rule:
            rest = _footnotes(builder, piece.cut(rule.end()), next_label(num))
            if rest is None:
                return
            if rest[0] is not None:
                builder.open_block(rest[0])
            num, piece = split_label(rest[1])
        elif what == "annex" and mark:
            builder.open_annex(piece.cut(mark.start(), mark.end()), mark.group("n"))
            num, piece = None, piece.cut(mark.end())
        elif what == "heading" and glued:
            builder.open_block(piece.cut(glued.start, glued.end))
            num, piece = split_label(piece.cut(glued.item_start))
        else:
            num, piece = split_label(piece.cut(at))


LineOf = Callable[[int], int]
"""Offset -> 1-based line number."""

Identity = tuple[Meeting, str, str, list["_Line"]]
"""What a heading and the lines to its enacting formula give: the meeting, the version label,
the title, and the lines after the formula."""


def line_index(text: str) -> LineOf:
    """Offset -> 1-based line number."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return lambda offset: bisect_right(starts, offset)


# --- identity ------------------------------------------------------------------------------

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
    names: dict[str, str] = {}
    for b in registry.bodies.values():
        names |= {re.sub(r"\s+", "", fold(n)): b.id for n in (*b.abbreviations, b.name)}
    names |= {re.sub(r"\s+", "", name): body for name, body in BODY_NAMES.items()}
    return names.get(key) or names.get(key.removeprefix("itu"))


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
    session: str | None, rest: list[_Line], registry: Registry, file: str, line_of: LineOf
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
    return sessions[0], version.label, " ".join(_plain(ln.text) for ln in header), after


def _council_identity(
    heading: re.Match[str],
    instrument: InstrumentKind,
    rest: list[_Line],
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
        _plain(ln.text)
        for ln in header
        if not APPROVED_AT.fullmatch(ln.text.strip()) and not SESSION_MARK.search(ln.text)
    )
    label = heading.group("code") or meeting.id
    return meeting, label, title, rest[at + 1 :]


def _formula(rest: list[_Line], file: str, line: int) -> tuple[int, re.Match[str]]:
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
    rest: list[_Line], registry: Registry, file: str, line_of: LineOf
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
    title = " ".join(_plain(ln.text) for ln in header if not labels or ln is not labels[-1])
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
    rest: list[_Line],
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
    return meeting, label, " ".join(_plain(ln.text) for ln in rest[:at]), rest[at + 1 :]


def _itu_r_identity(
    heading: re.Match[str],
    rest: list[_Line],
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
    title = " ".join(_plain(ln.text) for ln in header if ln is not dated[0])
    return meeting, label, title, rest[at + 1 :]


def label_of(rev: bool, meeting: Meeting) -> str:
    """`Rev. Dubai, 2018` / `Dubai, 2018`, spelled as the registry spells the place."""
    return f"{'Rev. ' if rev else ''}{meeting.place}, {meeting.year}"


_BULLET = re.compile(r"[ \t]*(?:[-*•·–][ \t]+)?")
_HEADER = re.compile(r"[ \t]*#{1,6}[ \t]+")
_FOOTNOTE_LINE = re.compile(r"(?P<n>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?=\S)")
_ANNEX_LINE = re.compile(r"(?:ANNEX|Annex)(?:\s+(?P<n>\d+|[A-Z]))?(?:\s+(?:TO|to)\s.*)?")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


@dataclass
class _Line:
    start: int
    end: int
    text: str
    bulleted: bool
    header: bool


def _lines(source: str, pos: int) -> list[_Line]:
    """Non-blank lines from `pos`, with the bounds of their content (bullets removed)."""
    out: list[_Line] = []
    for found in re.finditer(r"[^\n]*", source[pos:]):
        start, end = pos + found.start(), pos + found.end()
        raw = source[start:end]
        if not raw.strip():
            continue
        header = _HEADER.match(raw)
        lead = header or _BULLET.match(raw)
        skip = lead.end() if lead else 0
        stripped = raw.rstrip()
        if skip >= len(stripped):
            continue  # a bullet with nothing after it
        out.append(
            _Line(
                start + skip,
                start + len(stripped),
                stripped[skip:],
                bool(lead and lead.group(0).strip()) and not header,
                bool(header),
            )
        )
    return out


def _plain(text: str) -> str:
    return text.replace("*", "").replace("_", "").strip()


def source_stem(name: str) -> str:
    """A file's stem made safe for a source id: `my file (2).txt` -> `my-file-2`."""
    return re.sub(r"[^0-9A-Za-z_.-]+", "-", Path(name).stem).strip("-") or "source"


def read_text(source_text: str, source_file: str, source_id: str, registry: Registry) -> Document:
    """Read one resolution from plain text or Markdown (Council or conference style)."""
    if not source_text.strip():
        raise ReadError(source_file, None, "empty: no text to read")
    line_of = line_index(source_text)
    lines = _lines(source_text, 0)
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
        number, title = council.group("number"), _plain(council.group("title"))
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
        title = " ".join(_plain(ln.text) for ln in rest[:at])
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
    builder = ClauseBuilder(source_text, registry, line_of)
    _read_body(builder, rest)
    return Document(
        source_file,
        source_id,
        instrument,
        meeting.body,
        number,
        meeting.year,
        meeting.id,
        meeting.place or None,
        label,
        title,
        first.start,
        lines[-1].end,
        line_of(first.start),
        builder.clauses,
    )


def _read_body(builder: ClauseBuilder, lines: list[_Line]) -> None:
    """Blocks, clauses, sub-items, footnotes and annexes, line by line."""
    pending: tuple[Piece, str | None] | None = None
    after_rule = False
    annex_title = False

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            feed(builder, *pending)
            pending = None

    for line in lines:
        piece = Piece.of(builder.source_text, line.start, line.end)
        text = line.text
        if re.fullmatch(r"[-*_ ]{3,}", text):
            flush()
            after_rule = text.strip().startswith("_")
            continue
        if ref := re.match(r"\**Ref\.?\s*:\**\s*", text):
            flush()
            builder.open_references(piece.cut(0, len(ref.group(0).rstrip())))
            feed(builder, piece.cut(ref.end()), None)
            continue
        annex = _ANNEX_LINE.fullmatch(_plain(text))
        if annex:
            flush()
            builder.open_annex(piece, annex.group("n"))
            annex_title = True
            continue
        if line.header or (annex_title and not LABEL.match(text) and text[-1] not in ".;,:"):
            flush()
            annex_title = False
            continue
        annex_title = False
        note = _FOOTNOTE_LINE.match(text)
        if note or (after_rule and re.match(r"\d{1,2}\s", text)):
            flush()
            digits = note.group("n").translate(_SUPERSCRIPTS) if note else text.split()[0]
            skip = note.end() if note else len(digits)
            builder.add_footnote(piece.cut(skip), digits)
            continue
        if not LABEL.match(text) and parse_heading(text) and not builder.in_annex:
            flush()
            builder.open_block(
                piece.cut(len(text) - len(text.lstrip(" *_")), len(text.rstrip(" *_,:")))
            )
            continue
        num, body = split_label(piece)
        last = builder.last
        parent = (
            (pending[0].text, pending[1]) if pending else (last.text, last.num) if last else None
        )
        if parent is not None and (
            (num is not None and _is_sub_item(num, parent[1]))
            or (num is None and (line.bulleted or parent[0][-1:] not in (";", ".", ",")))
        ):
            if pending is not None:
                pending = (Piece.of(builder.source_text, pending[0].start, line.end), pending[1])
            else:
                builder.extend(line.end)
            continue
        flush()
        pending = (body, num)
    flush()


def _is_sub_item(num: str, current: str | None) -> bool:
    """Whether a label like "i)" or "ii)" is a sub-item of the clause numbered `current`
    rather than the next clause (after "h)", "i)" is the next letter)."""
    letters = num.strip("()")
    return letters in ROMAN and next_label(current) != num
