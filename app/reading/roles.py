"""Block headings: "instructs the Secretary-General" -> `instructs` + "the Secretary-General".

A resolution is a run of blocks, each opened by a heading: a preamble role ("recalling",
"considering further") or an operative role with an optional addressee ("instructs the
Director of the Telecommunication Development Bureau"). Roles are lower-case with single
spaces; addressees keep their words as written and, where the registry knows them, a body id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.registry import Registry, fold

PREAMBLE_BASES = (
    "acknowledging",
    "aware",
    "bearing in mind",
    "concerned",
    "conscious",
    "considering",
    "convinced",
    "emphasizing",
    "having considered",
    "having examined",
    "having noted",
    "highlighting",
    "mindful",
    "noting",
    "observing",
    "reaffirming",
    "realizing",
    "recalling",
    "recognizing",
    "stressing",
    "taking into account",
    "taking into consideration",
    "underlining",
    "welcoming",
)
"""Preamble role words, each seen in the seeds or the PP-18 Final Acts (or their siblings)."""

PREAMBLE_QUALIFIERS = (
    "further",
    "also",
    "in particular",
    "with concern",
    "with satisfaction",
    "with appreciation",
)
"""Words after a preamble role: "recognizing further", "noting with concern"."""

ADDRESSED_VERBS = (
    "instructs",
    "invites",
    "encourages",
    "urges",
    "requests",
    "calls upon",
    "authorizes",
    "appeals to",
    "charges",
)
"""Operative verbs that name who is to act ("invites Member States")."""

BARE_VERBS = ("resolves", "decides", "recommends")
"""Operative verbs that speak without an addressee ("resolves", "resolves further")."""

RESOLVES_TO = ("invite", "instruct", "request", "encourage", "urge", "call upon")
"""`resolves to invite the ITU Telecommunication Development Sector` (WTDC Res. 30)."""

_MARKUP = re.compile(r"[*_]+")
_SPACES = re.compile(r"\s+")


def _alternatives(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(w.replace(" ", r"\s+") for w in ordered)


_PREAMBLE = re.compile(
    rf"(?:further\s+)?(?:{_alternatives(PREAMBLE_BASES)})"
    rf"(?:\s+(?:{_alternatives(PREAMBLE_QUALIFIERS)}))?",
)
_OPERATIVE = re.compile(
    rf"(?:further\s+)?(?:"
    rf"resolves\s+to\s+(?:{_alternatives(RESOLVES_TO)})(?=\s)"
    rf"|(?P<addressed>{_alternatives(ADDRESSED_VERBS)})(?![\w-])"
    rf"|(?P<bare>{_alternatives(BARE_VERBS)})(?:\s+(?:further|also))?(?![\w-])"
    rf")",
)
_ADDRESSEE_END = re.compile(r"[;.]\s*$")


@dataclass(frozen=True)
class HeadingRole:
    """A parsed heading: `role`, and the addressee words with their offsets in the heading."""

    role: str
    addressee: str | None
    addressee_start: int
    addressee_end: int


def normalize(text: str) -> str:
    """Lower-case, single-spaced words, Markdown emphasis removed: `*Recalling*` -> `recalling`."""
    return _SPACES.sub(" ", _MARKUP.sub("", text)).strip().lower()


def parse_heading(heading: str) -> HeadingRole | None:
    """The role and addressee of a whole block heading, or None when it is not one.

    >>> parse_heading("instructs the Secretary-General").role
    'instructs'
    """
    lead = len(heading) - len(heading.lstrip(" *_"))
    trail = len(heading.rstrip(" *_,:"))
    body = heading[lead:trail]
    if not body or len(body) > 200:
        return None
    found = _PREAMBLE.fullmatch(body)
    if found:
        return HeadingRole(normalize(body), None, 0, 0)
    found = _OPERATIVE.match(body)
    if not found:
        return None
    rest = body[found.end() :]
    role = normalize(found.group(0))
    if not rest.strip():
        return HeadingRole(role, None, 0, 0)
    if found.group("bare") or not rest[0].isspace() or _ADDRESSEE_END.search(rest):
        return None
    start = lead + found.end() + len(rest) - len(rest.lstrip())
    end = lead + len(body.rstrip())
    return HeadingRole(role, heading[start:end], start, end)


def is_operative(role: str) -> bool:
    """Whether `role` opens an operative block (anything that is not a preamble role)."""
    return _PREAMBLE.fullmatch(role) is None


_GLUED = re.compile(
    rf"(?<=[,;.:])\s+(?P<verb>{_OPERATIVE.pattern})"
    r"(?P<addr>(?:\s+(?!to\s+(?!the\b|a\b|an\b|its\b|their\b|this\b|all\b)[a-z])"
    r"(?!\d{1,2}\s)[^\s;:]+)*?)"
    r"(?=\s+to\s+(?!the\b|a\b|an\b|its\b|their\b|this\b|all\b)[a-z]|\s+that\s|\s+\d{1,2}\s+\w|\s*$)",
)


@dataclass(frozen=True)
class GluedHeading:
    """A heading run into the text of a paragraph: `[start, end)` and where its item starts."""

    start: int
    end: int
    item_start: int
    heading: str


def find_glued_heading(text: str, pos: int = 0) -> GluedHeading | None:
    """The first operative heading glued into `text` after a `,;.:` ("...; instructs the
    Directors of the Bureaux 1 to ..."), as PDF conversions leave them, or None."""
    for found in _GLUED.finditer(text, pos):
        if found.group("bare") and found.group("addr"):
            continue
        start, end = found.start("verb"), found.end("addr")
        heading = text[start:end]
        if parse_heading(heading) is None:
            continue
        item = end + len(text[end:]) - len(text[end:].lstrip())
        return GluedHeading(start, end, item, heading)
    return None


ADDRESSEE_BODIES = {
    "secretary-general": "SG",
    "secretary-general of itu": "SG",
    "itu secretary-general": "SG",
    "deputy secretary-general": "DSG",
    "director of the telecommunication development bureau": "BDT",
    "director of bdt": "BDT",
    "director of the telecommunication standardization bureau": "TSB",
    "director of the radiocommunication bureau": "BR",
    "council": "COUNCIL",
    "itu council": "COUNCIL",
    "itu telecommunication development sector": "ITU-D",
    "itu telecommunication standardization sector": "ITU-T",
    "itu radiocommunication sector": "ITU-R",
    "telecommunication development advisory group": "TDAG",
    "telecommunication standardization advisory group": "TSAG",
    "radiocommunication advisory group": "RAG",
    "radiocommunication assembly": "RA",
    "world telecommunication standardization assembly": "WTSA",
    "world telecommunication development conference": "WTDC",
    "plenipotentiary conference": "PP",
}
"""Addressee words (folded, without a leading "the") -> registry body id. "Member States",
"Sector Members", "Associates", "Academia" and the Directors of several Bureaux are no body."""

_HEADS = (
    "the secretary-general",
    "the deputy secretary-general",
    "the director",
    "the itu ",
    "the council",
    "the membership",
    "itu ",
    "member states",
    "sector members",
    "associates",
    "academia",
    "all member states",
    "all the membership",
)
_SPLIT = re.compile(r",\s+|\s+and\s+|,\s+and\s+")


def addressee_parts(text: str) -> list[tuple[int, int]]:
    """The `[start, end)` of each addressee in `text`: split at "and"/"," where a new
    addressee begins, cut at a qualifier (", in close consultation with ...")."""
    parts: list[tuple[int, int]] = []
    start = 0
    for sep in _SPLIT.finditer(text):
        after = text[sep.end() :].lower()
        if any(after.startswith(head) for head in _HEADS):
            parts.append((start, sep.start()))
            start = sep.end()
        elif sep.group(0).startswith(","):
            parts.append((start, sep.start()))
            return parts
    parts.append((start, len(text)))
    return [(s, e) for s, e in parts if e > s]


def addressee_body(text: str, registry: Registry) -> str | None:
    """The registry body id an addressee names ("the Secretary-General" -> `SG`), or None."""
    key = fold(_SPACES.sub(" ", text))
    if key.startswith("the "):
        key = key[4:]
    body = ADDRESSEE_BODIES.get(key)
    if body is None:
        body = next(
            (b.id for b in registry.bodies.values() if key in (fold(a) for a in b.abbreviations)),
            None,
        )
    return body if body in registry.bodies else None
