"""A version's text, clause by clause, cut at its references' spans for highlighting.

Spans are character offsets into the source file as stored (UTF-8 text). For Akoma Ntoso files
a span covers raw XML, so each piece is stripped of its tags and unescaped before display.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.lineage.models import ClauseOut, ReferenceOut

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    """Display text, and the reference it belongs to (None for plain text)."""

    text: str
    reference: ReferenceOut | None = None


@dataclass(frozen=True)
class ClauseText:
    """A clause with its text in pieces."""

    clause: ClauseOut
    pieces: list[Piece]


@lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int) -> str:
    return path.read_text(encoding="utf-8")


def source_text(sources_dir: Path, file: str) -> str | None:
    """The text of a source file under `sources_dir`; None when missing or outside it."""
    root = sources_dir.resolve()
    path = (root / file).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return _read(path, path.stat().st_mtime_ns)


def display(raw: str, is_xml: bool) -> str:
    """Raw source characters as shown: tags stripped and entities unescaped for XML."""
    if is_xml:
        raw = html.unescape(_TAG.sub(" ", raw))
    return _SPACE.sub(" ", raw)


def clause_texts(
    sources_dir: Path, clauses: list[ClauseOut], references: list[ReferenceOut]
) -> list[ClauseText]:
    """Each clause cut into pieces at the spans of the references inside it."""
    out: list[ClauseText] = []
    for clause in clauses:
        text = source_text(sources_dir, clause.span.file)
        inside = sorted(
            (
                r
                for r in references
                if r.span.file == clause.span.file
                and clause.span.start <= r.span.start
                and r.span.end <= clause.span.end
            ),
            key=lambda r: (r.span.start, -r.span.end),
        )
        if text is None:
            out.append(ClauseText(clause, [Piece(clause.text)]))
            continue
        is_xml = clause.span.file.endswith(".xml")
        pieces: list[Piece] = []
        at = clause.span.start
        for ref in inside:
            if ref.span.start < at:
                continue
            if ref.span.start > at:
                pieces.append(Piece(display(text[at : ref.span.start], is_xml)))
            pieces.append(Piece(display(text[ref.span.start : ref.span.end], is_xml), ref))
            at = ref.span.end
        if at < clause.span.end:
            pieces.append(Piece(display(text[at : clause.span.end], is_xml)))
        out.append(ClauseText(clause, _trim(pieces)))
    return out


def _trim(pieces: list[Piece]) -> list[Piece]:
    if pieces and pieces[0].reference is None:
        pieces[0] = Piece(pieces[0].text.lstrip())
    if pieces and pieces[-1].reference is None:
        pieces[-1] = Piece(pieces[-1].text.rstrip())
    return [p for p in pieces if p.text]
