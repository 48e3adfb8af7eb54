"""Source text as lines: each non-blank line's content bounds (bullets and Markdown header
marks removed) and a line-number function, for the text reader and its heading reader."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

LineOf = Callable[[int], int]
"""Offset -> 1-based line number."""


def line_index(text: str) -> LineOf:
    """Offset -> 1-based line number."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return lambda offset: bisect_right(starts, offset)


_BULLET = re.compile(r"[ \t]*(?:[-*•·–][ \t]+)?")
_HEADER = re.compile(r"[ \t]*#{1,6}[ \t]+")


@dataclass
class Line:
    """One non-blank line: `[start, end)` of its content in the source, the content, and
    whether it had a bullet or a Markdown header mark."""

    start: int
    end: int
    text: str
    bulleted: bool
    header: bool


def lines_of(source: str, pos: int) -> list[Line]:
    """Non-blank lines from `pos`, with the bounds of their content (bullets removed)."""
    out: list[Line] = []
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
            Line(
                start + skip,
                start + len(stripped),
                stripped[skip:],
                bool(lead and lead.group(0).strip()) and not header,
                bool(header),
            )
        )
    return out


def plain(text: str) -> str:
    """A line's words without Markdown emphasis marks."""
    return text.replace("*", "").replace("_", "").strip()
