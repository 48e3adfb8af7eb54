"""Akoma Ntoso (AKN4UN) Final Acts -> one `Document` per `<component>`.

The XML is parsed with defusedxml (no DTD, no entities, no external references). Spans are
character offsets into the raw XML text: each text-only `<p>` or `<i>` is found by a forward
scan of its start tags (in document order, checked against the parsed tree), and its
characters are unescaped one by one so every character keeps its raw offset. The unescaped
`source_text[start:end]` of every clause is its `text`. List points (`<point>`) become clauses
of their own, `resolves-6-i`, since their text is not contiguous with their paragraph's.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from app.reading.headings import FORMULA, conference_meeting, formula_body, label_of
from app.reading.lines import line_index
from app.reading.model import Document, InstrumentKind, ReadError
from app.reading.text_reader import ClauseBuilder, Piece, feed, source_stem, split_label
from app.registry import Registry

# FRBRnumber showAs: "RESOLUTION 140 (REV. DUBAI, 2018)", "RECOMMENDATION 7 (DUBAI, 2018)".
SHOW_AS = re.compile(
    r"(?P<kind>RESOLUTION|DECISION|RECOMMENDATION)\s+(?P<number>\d+)\s*"
    r"\((?P<rev>(?:REV|MOD)\.\s*)?(?P<place>[^,()]+),\s*(?P<year>\d{4})\)",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_akn(source_text: str, source_file: str) -> ET.Element:
    """The parsed tree, refusing DTDs, entity declarations and external references."""
    try:
        root: ET.Element = SafeET.fromstring(
            source_text.encode("utf-8"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise ReadError(source_file, line, f"broken XML: {error.msg}") from None
    except DefusedXmlException as error:
        what = {"DTDForbidden": "a DTD", "EntitiesForbidden": "an entity declaration"}.get(
            type(error).__name__, "an external reference"
        )
        raise ReadError(
            source_file, None, f"refused: the XML has {what}, which is never read"
        ) from None
    return root


class _Locator:
    """Raw `[start, end)` of the text of text-only elements, by forward scan of start tags."""

    def __init__(self, source: str, root: ET.Element, file: str, names: tuple[str, ...]) -> None:
        self.source, self.file = source, file
        self.found: dict[int, tuple[int, int]] = {}
        for name in names:
            elements = [e for e in root.iter() if _local(e.tag) == name]
            tags = list(re.finditer(rf"<(?P<prefix>[\w.-]+:)?{name}(?=[\s/>])[^>]*>", source))
            if len(tags) != len(elements):
                raise ReadError(file, None, f"cannot place the <{name}> elements in the text")
            for element, tag in zip(elements, tags, strict=True):
                if tag.group(0).endswith("/>"):
                    self.found[id(element)] = (tag.end(), tag.end())
                    continue
                close = source.find(f"</{tag.group('prefix') or ''}{name}>", tag.end())
                self.found[id(element)] = (tag.end(), close)

    def piece(self, element: ET.Element) -> Piece:
        """The unescaped text of `element`, each character with its raw offset."""
        start, end = self.found[id(element)]
        text: list[str] = []
        where: list[int] = []
        i = start
        while i < end:
            char = self.source[i]
            if char == "&" and (entity := _ENTITY.match(self.source, i)):
                text.append(html.unescape(entity.group(0)))
                where.append(i)
                i = entity.end()
            elif char == "\r":
                text.append("\n")
                where.append(i)
                i += 2 if self.source.startswith("\r\n", i) else 1
            else:
                text.append(char)
                where.append(i)
                i += 1
        where.append(end)
        piece = Piece("".join(text), tuple(where))
        if piece.text != (element.text or "") or len(element):
            line = self.source.count("\n", 0, start) + 1
            raise ReadError(self.file, line, f"<{_local(element.tag)}> is not plain text")
        return piece.cut(0)


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _find(element: ET.Element, name: str) -> ET.Element | None:
    return next((e for e in element.iter() if _local(e.tag) == name), None)


def _words(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _heading_piece(locate: _Locator, element: ET.Element) -> Piece:
    """The words of an `<intro>` or `<heading>`: its `<i>`, else its text-only `<p>`."""
    inner = _find(element, "i")
    if inner is None:
        inner = _find(element, "p") if _local(element.tag) == "intro" else element
    assert inner is not None
    return locate.piece(inner)


def _feed_item(builder: ClauseBuilder, locate: _Locator, item: ET.Element) -> None:
    """A `<recital>`, `<paragraph>` or `<point>`: its num, its `<p>`, then its points."""
    num_element = _child(item, "num")
    num = _words(num_element) or None
    content = _child(item, "content")
    p = _child(content if content is not None else item, "p")
    if p is not None:
        piece = locate.piece(p)
        if num is None:
            num, piece = split_label(piece)
        feed(builder, piece, num)
    points = [
        pt for lst in item if _local(lst.tag) == "list" for pt in lst if _local(pt.tag) == "point"
    ]
    if points:
        parent = builder.parent
        builder.parent = num
        for point in points:
            _feed_item(builder, locate, point)
        builder.parent = parent


def _read_statement(
    statement: ET.Element,
    component: tuple[int, int],
    source_text: str,
    source_file: str,
    registry: Registry,
    locate: _Locator,
) -> Document:
    line_of = line_index(source_text)
    line = line_of(component[0])
    number_element = _find(statement, "FRBRnumber")
    if number_element is None:
        raise ReadError(source_file, line, "component without FRBRnumber")
    value, show_as = number_element.get("value", ""), number_element.get("showAs", "")
    identity = SHOW_AS.fullmatch(show_as.strip())
    if identity is None:
        raise ReadError(
            source_file,
            line,
            f"FRBRnumber showAs {show_as!r} is not like 'RESOLUTION 140 (REV. DUBAI, 2018)'",
        )
    formula_element = _find(statement, "formula")
    formula = FORMULA.fullmatch(_words(formula_element))
    body = formula_body(formula.group("name"), registry) if formula else None
    if formula is None or body is None:
        raise ReadError(
            source_file,
            line,
            "no enacting formula such as 'The Plenipotentiary Conference of the "
            "International Telecommunication Union (Dubai, 2018),'",
        )
    meeting = conference_meeting(
        registry, body, identity.group("place"), int(identity.group("year")), source_file, line
    )
    kind = identity.group("kind").lower()
    instrument: InstrumentKind = (
        "decision"
        if kind == "decision"
        else "recommendation"
        if kind == "recommendation"
        else "resolution"
    )
    title = next(
        (
            _words(c)
            for c in statement.iter()
            if _local(c.tag) == "container" and c.get("name") == "title"
        ),
        "",
    )
    builder = ClauseBuilder(source_text, registry, line_of, unescaped=True)
    for part in statement.iter():
        name = _local(part.tag)
        if name == "recitals":
            intro = _child(part, "intro")
            if intro is not None:
                builder.open_block(_heading_piece(locate, intro))
            for recital in part:
                if _local(recital.tag) == "recital":
                    _feed_item(builder, locate, recital)
        elif name == "hcontainer":
            heading = _child(part, "heading")
            if heading is not None:
                builder.open_block(_heading_piece(locate, heading))
            for paragraph in part:
                if _local(paragraph.tag) == "paragraph":
                    _feed_item(builder, locate, paragraph)
    return Document(
        source_file,
        f"{source_stem(source_file)}/{value}",
        instrument,
        meeting.body,
        identity.group("number"),
        meeting.year,
        meeting.id,
        meeting.place or None,
        label_of(bool(identity.group("rev")), meeting),
        title,
        component[0],
        component[1],
        line,
        builder.clauses,
    )


def read_akn(source_text: str, source_file: str, registry: Registry) -> list[Document]:
    """Every resolution, decision and recommendation of an AKN `documentCollection`."""
    root = parse_akn(source_text, source_file)
    if _local(root.tag) != "akomaNtoso":
        raise ReadError(source_file, 1, f"not Akoma Ntoso: the root is <{_local(root.tag)}>")
    locate = _Locator(source_text, root, source_file, ("p", "i", "component"))
    documents: list[Document] = []
    for component in root.iter():
        if _local(component.tag) != "component":
            continue
        statement = next((c for c in component if _find(c, "preamble") is not None), None)
        if statement is None:
            continue
        start = locate.found[id(component)][0]
        start = source_text.rfind("<", 0, start)
        end = source_text.find(">", locate.found[id(component)][1]) + 1
        documents.append(
            _read_statement(statement, (start, end), source_text, source_file, registry, locate)
        )
    if not documents:
        raise ReadError(
            source_file,
            None,
            "not a resolution: no <component> with a <preamble> in the collection",
        )
    return documents
