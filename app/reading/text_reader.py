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
from dataclasses import dataclass
from pathlib import Path

from app.reading.headings import read_heading
from app.reading.lines import Line, LineOf, line_index, lines_of, plain
from app.reading.model import Addressee, Clause, ClauseKind, Document, ReadError
from app.reading.roles import (
    GluedHeading,
    addressee_body,
    addressee_parts,
    find_glued_heading,
    is_operative,
    parse_heading,
)
from app.registry import Registry, fold


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
        line_of: LineOf,
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


_FOOTNOTE_LINE = re.compile(r"(?P<n>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?=\S)")
_ANNEX_LINE = re.compile(r"(?:ANNEX|Annex)(?:\s+(?P<n>\d+|[A-Z]))?(?:\s+(?:TO|to)\s.*)?")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def source_stem(name: str) -> str:
    """A file's stem made safe for a source id: `my file (2).txt` -> `my-file-2`."""
    return re.sub(r"[^0-9A-Za-z_.-]+", "-", Path(name).stem).strip("-") or "source"


def read_text(source_text: str, source_file: str, source_id: str, registry: Registry) -> Document:
    """Read one resolution from plain text or Markdown (Council or conference style)."""
    if not source_text.strip():
        raise ReadError(source_file, None, "empty: no text to read")
    line_of = line_index(source_text)
    lines = lines_of(source_text, 0)
    first = lines[0]
    heading = read_heading(lines, source_file, registry, line_of)
    builder = ClauseBuilder(source_text, registry, line_of)
    _read_body(builder, heading.rest)
    meeting = heading.meeting
    return Document(
        source_file,
        source_id,
        heading.instrument,
        meeting.body,
        heading.number,
        meeting.year,
        meeting.id,
        meeting.place or None,
        heading.label,
        heading.title,
        first.start,
        lines[-1].end,
        line_of(first.start),
        builder.clauses,
    )


def _read_body(builder: ClauseBuilder, lines: list[Line]) -> None:
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
        annex = _ANNEX_LINE.fullmatch(plain(text))
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
