"""Find references in one clause's text: pure syntax, no registry.

Span convention: `text[start - offset:end - offset] == found.text` always. A citation naming one
number spans all of it, from an annex or body prefix to the trailing body phrase ("Annex 2 to
Resolution 71 (Rev. Dubai, 2018) of this conference", "Council Resolution 1334 (Modified 2013)").
In a list each number spans itself and its own version paren ("133 (Rev. Guadalajara, 2010)",
"1214"); the version paren and trailing body shared by a list are still read into every number.
The same holds for action lines ("Action Line C5"; in a list "C2") and documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from app.reading import patterns as p
from app.reading.model import ReferenceKind


@dataclass(frozen=True)
class Version:
    """A version paren as read: "(Rev. Guadalajara, 2010)", "(Modified 2013)", "(C07)"."""

    label: str
    year: int
    place: str | None = None
    rev: bool = False
    council: bool = False
    """The paren has a Council form (session code or year without place)."""
    code: str | None = None
    """The meeting code the paren names: "WRC-15" for "(Rev.WRC-15)", "Mob-87"."""


@dataclass(frozen=True)
class Found:
    """One reference as written, before resolution."""

    kind: ReferenceKind
    text: str
    start: int
    end: int
    instrument: str | None = None
    number: str | None = None
    version: Version | None = None
    body_phrase: str | None = None
    """Body named in the text, as written: "Plenipotentiary Conference", "Council", "UNGA"."""
    this_meeting: bool = False
    """ "of this conference", "its Resolution": the citing document's own meeting."""
    itu_r: bool = False
    annex: str | None = None
    code: str | None = None
    paragraphs: str | None = None
    session_year: int | None = None
    """ "adopted by the ITU Council at its 1999 session"."""


def _clean(text: str) -> str:
    return " ".join(text.split())


def two_digit_year(code: str) -> int:
    """The year of a meeting code's digits: `07` -> 2007, `97` -> 1997, `83` -> 1983 ("Mob-83"),
    `1997` -> 1997."""
    if len(code) == 4:
        return int(code)
    return (1900 if int(code) >= 50 else 2000) + int(code)


def read_version(paren: re.Match[str]) -> Version:
    """The `Version` of a full match of `patterns.VERSION_RE`."""
    if (digits := paren.group("codeyear")) is not None:
        code = f"{paren.group('codebody')}-{digits}"
        rev = paren.group("coderev") is not None
        # the year of the code ("WRC-97" 1997, "WRC-2000" 2000) until the registry says
        label = f"{'Rev. ' if rev else ''}{code}"
        return Version(label, two_digit_year(digits), rev=rev, code=code)
    if (session := paren.group("session")) is not None:
        last = paren.group("sessionlast")
        label = _clean(paren.group(0)[1:-1])
        return Version(label, two_digit_year(last or session), rev=last is not None, council=True)
    if (modyear := paren.group("modyear")) is not None:
        return Version(f"{paren.group('mod')} {modyear}", int(modyear), rev=True, council=True)
    if (first := paren.group("first")) is not None:
        last = paren.group("last")
        label = _clean(paren.group(0)[1:-1])
        return Version(label, int(last or first), rev=last is not None, council=True)
    place, year = _clean(paren.group("place")), int(paren.group("year"))
    rev = paren.group("rev") is not None
    return Version(f"{'Rev. ' if rev else ''}{place}, {year}", year, place=place, rev=rev)


@lru_cache(maxsize=2048)
def parse_version(paren: str | None) -> Version | None:
    """The `Version` of a paren as written ("(Rev. Antalya 2006)"); None if it is not one."""
    match = p.VERSION_RE.fullmatch(paren) if paren else None
    return read_version(match) if match else None


def _its_owner(text: str, start: int) -> str | None:
    window = max(0, start - 120)
    owner = p.ITS_OWNER.search(text, window, start) or p.ITS_SUBJECT.search(text, window, start)
    return _clean(owner.group("owner")) if owner else None


def _scan(
    text: str,
    trigger: re.Pattern[str],
    main: re.Pattern[str],
    before: re.Pattern[str] | None = None,
    *,
    window: int = 0,
    back: int = 0,
    required: bool = False,
    hint: re.Pattern[str] | None = None,
) -> Iterator[tuple[int, re.Match[str] | None, re.Match[str]]]:
    """(start, words before, main match) at each trigger, without overlaps, in text order.

    `before` is searched only where `hint` (if given) finds how it can end just before the
    trigger: a backward search of a long window at every trigger is most of the cost."""
    last = 0
    for hit in trigger.finditer(text):
        at = hit.start() - back
        if at < last or (m := main.match(text, at)) is None:
            continue
        words = None
        if before is not None and (
            hint is None or hint.search(text, max(last, at - 14), at)
        ):
            words = before.search(text, max(last, at - window), at)
        if required and words is None:
            continue
        yield (words.start() if words else at), words, m
        last = m.end()


def _items(text: str, pos: int, end: int) -> list[re.Match[str]]:
    """The numbers of a list, matched without an end bound so lookaheads see what follows."""
    items: list[re.Match[str]] = []
    while pos < end and (item := p.ITEM_RE.match(text, pos)) is not None:
        items.append(item)
        separator = p.SEPARATOR_RE.match(text, item.end())
        if separator is None:
            break
        pos = separator.end()
    return items


@dataclass(frozen=True)
class _Tail:
    """What the words after a citation's numbers say of all of them."""

    body_phrase: str | None = None
    this_meeting: bool = False
    version: Version | None = None
    session_year: int | None = None

    def __bool__(self) -> bool:
        return (
            self.body_phrase is not None
            or self.this_meeting
            or self.version is not None
            or self.session_year is not None
        )


def _tail(m: re.Match[str]) -> _Tail:
    """ "of the Plenipotentiary Conference (Antalya, 2006)", "of Council 2000", "of the World
    Health Assembly, Geneva 2005", "of the 2009 session of the ITU Council", "adopted by the
    Council at its 2002 session"."""
    version = parse_version(m.group("postversion"))
    if version is None and m.group("postplace") is not None:
        place, written = _clean(m.group("postplace")), int(m.group("postyear"))
        version = Version(f"{place}, {written}", written, place=place)
    year = m.group("atsession") or m.group("sessionof") or m.group("bodyyear")
    body = _clean_body(m.group("body") or m.group("sessionbody"))
    code = m.group("councilcode") or m.group("bodycode")
    if code and body and not _council(body) and version is None:
        # "of WTSA-16": the meeting by its code
        version, code = coded_version(body, code), None
    session_year = int(year) if year else two_digit_year(code) if code else None
    return _Tail(body, m.group("this") is not None, version, session_year)


def coded_version(body: str, digits: str) -> Version:
    """The version a meeting code names: ("WTSA", "16") for "of WTSA-16", "WTDC-17 Resolution"."""
    code = f"{body}-{digits}"
    return Version(code, two_digit_year(digits), code=code)


def _subject(text: str, begin: int) -> tuple[str, Version | None] | None:
    """The body (and version) of the sentence's subject just before a citation that names
    neither: "the Plenipotentiary Conference (Minneapolis, 1998), by Resolution 88"."""
    if text.rfind(",", max(0, begin - 8), begin) < 0:
        return None  # every form has the comma
    found = p.SUBJECT_BEFORE.search(text, max(0, begin - 160), begin)
    if found is None:
        return None
    return _clean(found.group("owner")), parse_version(found.group("version"))


def _council_session_before(text: str, begin: int) -> int | None:
    """The Council session year the sentence gives before a citation ("the ordinary session
    of the Council in 2016 … approved Council Decision 588"), if no other body comes between."""
    window = max(0, begin - 300)
    if text.find("session", window, begin) < 0:
        return None  # every form names the session
    before = p.SESSION_BEFORE.search(text, window, begin)
    if before is None:
        return None
    between = before.group("between") or ""
    others = [b for b in p.BODY_RE.finditer(between) if not _council(b.group())]
    if others or re.search(p.THIS_MEETING, between):
        return None
    return int(next(y for y in before.group("in", "of", "at", "adjacent") if y))


def _council(phrase: str) -> bool:
    return re.fullmatch(r"(?:the\s+)?(?:ITU\s+)?Council", _clean(phrase)) is not None


def _un_symbol(number: str) -> bool:
    """ "70/125", "72/266B", "2665 (XX)": a United Nations resolution symbol."""
    return re.fullmatch(p.UN_SYMBOL, number) is not None


def _members(text: str, m: re.Match[str]) -> list[re.Match[str]]:
    """The numbers of a citation; after "Resolutions"/"Decisions" whose numbers each carry their
    version, also those after a description: "Resolutions 15 (Rev. Hyderabad, 2010), on …, 20
    (Rev. Hyderabad, 2010), on … and 37 (Rev. Dubai, 2014)"."""
    items = _items(text, m.start("list"), m.end("list"))
    word = m.end("head") if m.start("head") >= 0 else m.start("list")
    plural = text[word : word + 1] == "s"
    if plural and m.end() == m.end("list"):
        while (
            items[-1].group("version") is not None
            and (described := p.DESCRIBED_NEXT.match(text, items[-1].end())) is not None
            and (item := p.ITEM_RE.match(text, described.end())) is not None
            and item.group("version") is not None
        ):
            items.append(item)
    return items


def _citations(text: str, offset: int) -> list[Found]:
    found: list[Found] = []
    # the previous citation, if nothing but its numbers was written: "Resolution 1196 and
    # Decision 509 adopted by the Council at its 2002 session" gives both the Council session
    bare: tuple[int, int] | None = None
    for begin, words, m in _scan(
        text,
        p.CITATION_TRIGGER,
        p.CITATION,
        p.CITATION_BEFORE,
        window=80,
        hint=p.CITATION_BEFORE_HINT,
    ):
        prefix = words.group("prefix") if words else None
        annex = words.group("annex") if words else None
        tail = _tail(m)
        body_phrase = tail.body_phrase
        this_meeting = tail.this_meeting
        items = _members(text, m)
        un_its = False
        if prefix == "its":
            owner = _its_owner(text, begin)
            if owner is not None and not re.fullmatch(p.THIS_MEETING, owner):
                body_phrase = body_phrase or owner
            else:
                # but not for a UN symbol when no owner comes first: "In its resolution 68/262
                # of 27 March 2014 the UN General Assembly …" (checked per number below)
                this_meeting, un_its = True, owner is None
        elif prefix is not None:
            body_phrase = body_phrase or _clean(prefix)
        shared = tail.version
        session_year = tail.session_year
        if words and (prefixcode := words.group("prefixcode")) and prefix != "its":
            # "WTDC-17 Resolution 37", "Council-2000 Resolution 1158"
            if _council(prefix or ""):
                session_year = session_year or two_digit_year(prefixcode)
            else:
                shared = shared or coded_version(_clean(prefix or ""), prefixcode)
        versions = [parse_version(i.group("version")) for i in items]
        # a version paren serves the numbers before it that have none: "47 and 48 (Rev. …)"
        for k in range(len(items) - 2, -1, -1):
            if versions[k] is None and items[k].group("inbody") is None:
                versions[k] = versions[k + 1]
        before_session = None
        if not tail and not this_meeting and (prefix is None or _council(prefix)):
            before_session = _council_session_before(text, begin)
        # numbers alone, without body or version of their own
        alone = (
            prefix is None
            and annex is None
            and not any(versions)
            and all(i.group("inbody") is None for i in items)
        )
        if alone and not tail and not this_meeting and (subject := _subject(text, begin)):
            body_phrase, shared = subject
        if (
            bare is not None
            and tail
            and alone
            and re.fullmatch(r",?\s+and\s+", text[bare[0] : begin])
        ):
            # "Resolution 1196 and Decision 509 adopted by the Council at its 2002 session"
            for k in range(bare[1], len(found)):
                found[k] = replace(
                    found[k],
                    version=shared,
                    body_phrase=body_phrase,
                    this_meeting=this_meeting,
                    session_year=session_year,
                )
        bare = (m.end(), len(found)) if alone and not tail else None
        instrument = (m.group("head") or "resolution").lower()  # "Res.", "resolution"
        single = len(items) == 1
        for item, version in zip(items, versions, strict=True):
            start, end = (begin, m.end()) if single else item.span()
            inbody, sector, number = item.group("inbody", "sector", "num")
            if number[0].isdigit():
                # "Resolution ITU-R 7-3": resolution 7, its third revision (the surface keeps "-3")
                number = number.split("-")[0]
            if number[-1] == ")" and (roman := p.SESSION_NUMBER.fullmatch(number)):
                # "1721 (XVI)": the General Assembly's number (unique before 1976), its session
                # (as ECOSOC's are, when the text names ECOSOC)
                number = roman[1]
                if inbody is None and body_phrase is None and not this_meeting:
                    inbody = "United Nations General Assembly"
            if sector == "T" and inbody is None:
                inbody = "ITU-T"  # "Resolution ITUT7" (hyphen and space lost): a WTSA resolution
            own_session = session_year
            if own_session is None and version is None and not _un_symbol(number):
                own_session = before_session
            found.append(
                Found(
                    kind="resolution",
                    text=text[start:end],
                    start=offset + start,
                    end=offset + end,
                    instrument=instrument,
                    number=number,
                    version=version or shared,
                    body_phrase=_clean(inbody) if inbody else body_phrase,
                    this_meeting=this_meeting
                    and inbody is None
                    and not (un_its and _un_symbol(number)),
                    itu_r=sector == "R",
                    annex=annex if single else None,
                    session_year=own_session,
                )
            )
    return found


def _clean_body(phrase: str | None) -> str | None:
    return _clean(phrase) if phrase else None


def _action_lines(text: str, offset: int) -> list[Found]:
    found: list[Found] = []
    for begin, _, m in _scan(
        text, p.ACTION_TRIGGER, p.ACTION_LINES, p.ACTION_BEFORE, window=12, back=1
    ):
        items = list(p.ACTION_ITEM.finditer(text, m.start("list"), m.end("list")))
        for item in items:
            start, end = (begin, item.end("code")) if len(items) == 1 else item.span("code")
            found.append(
                Found(
                    kind="action-line",
                    text=text[start:end],
                    start=offset + start,
                    end=offset + end,
                    code=item.group("code"),
                )
            )
    return found


def _paragraphs(text: str, offset: int) -> list[Found]:
    found: list[Found] = []
    for _, _, m in _scan(text, p.PARAGRAPH_TRIGGER, p.PARAGRAPHS):
        start, end = m.span()
        # "(§ 102b)": the closing paren belongs to the sentence, not to a sub-paragraph "b)"
        if (
            text[end - 1] == ")"
            and text[:start].rstrip().endswith("(")
            and not (text[end:].startswith(")"))
        ):
            end -= 1
        paras = m.group("paras") or m.group("wparas")
        paras_start = m.start("paras") if m.group("paras") else m.start("wparas")
        instrument = (
            m.group("instrument") or m.group("other") or m.group("winstrument") or m.group("wother")
        )
        if instrument is None:
            mentions = list(p.INSTRUMENT_MENTION.finditer(text, max(0, start - 400), start))
            instrument = mentions[-1].group("instrument") if mentions else None
        found.append(
            Found(
                kind="paragraph",
                text=text[start:end],
                start=offset + start,
                end=offset + end,
                instrument=_clean(instrument) if instrument else None,
                paragraphs=_clean(paras[: end - paras_start]),
            )
        )
    return found


def _documents(text: str, offset: int) -> list[Found]:
    found: list[Found] = []
    for _, _, m in _scan(text, p.DOCUMENT_TRIGGER, p.DOCUMENTS):
        items = list(p.DOCUMENT_ITEM.finditer(text, m.start("list"), m.end("list")))
        for item in items:
            start, end = (m.start(), item.end()) if len(items) == 1 else item.span()
            found.append(
                Found(
                    kind="document",
                    text=text[start:end],
                    start=offset + start,
                    end=offset + end,
                    code=re.sub(r"\s+", "", item.group()),
                )
            )
    return found


def _internal(text: str, offset: int) -> list[Found]:
    found: list[Found] = []
    for start, words, m in _scan(
        text, p.POINTER_TRIGGER, p.POINTER, p.POINTER_BEFORE, window=200, required=True
    ):
        if words is None:
            continue
        pointer = _clean(f"{words.group('role')} {words.group('items')}")
        end = m.end()
        surface = text[start:end]
        found.append(Found("internal", surface, offset + start, offset + end, paragraphs=pointer))
    for start, words, m in _scan(text, p.THIS_TRIGGER, p.THIS_INSTRUMENT, p.THIS_BEFORE, window=40):
        found.append(
            Found(
                "internal",
                text[start : m.end()],
                offset + start,
                offset + m.end(),
                instrument=m.group("what"),
                annex=(words.group("annex") or "") if words else None,
            )
        )
    return found


def find_references(text: str, offset: int = 0) -> list[Found]:
    """Every reference in `text`, in text order; spans are `offset` + index into `text`.

    Hyphen look-alikes ("ITU\u2011R") are read as "-": the finders run on a copy translated one
    character for one, and every surface is then cut from `text` as written."""
    scanned = text.translate(p.HYPHENS) if p.HYPHEN_LOOKALIKE.search(text) else text
    found = (
        _citations(scanned, offset)
        + _action_lines(scanned, offset)
        + _paragraphs(scanned, offset)
        + _documents(scanned, offset)
        + _internal(scanned, offset)
    )
    if scanned != text:
        found = [replace(f, text=text[f.start - offset : f.end - offset]) for f in found]
    return sorted(found, key=lambda f: (f.start, f.end))
