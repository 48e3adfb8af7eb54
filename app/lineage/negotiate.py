"""Content negotiation: which of the offered representations a request's `Accept` prefers."""

from __future__ import annotations

from collections.abc import Sequence

MEDIA_TYPES = {
    "json": "application/json",
    "jsonld": "application/ld+json",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "html": "text/html",
}
"""Representations by short name."""

_ALIASES = {
    "application/xhtml+xml": "html",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
}


class NotAcceptable(ValueError):
    """None of the offered representations is acceptable."""


def _parse(accept: str) -> list[tuple[str, float, int]]:
    ranges = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality, index))
    return ranges


def choose(accept: str | None, offered: Sequence[str], fmt: str | None = None) -> str:
    """The short name of the best offered representation (the first one for `*/*` or none).

    `fmt` (a `?format=` value) wins over the header when offered.
    """
    if fmt:
        if fmt in offered:
            return fmt
        raise NotAcceptable(f"format {fmt!r} is not one of {', '.join(offered)}")
    if not accept:
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for position, name in enumerate(offered):
        media = MEDIA_TYPES[name]
        kind = media.split("/")[0]
        for value, quality, _ in _parse(accept):
            alias = _ALIASES.get(value)
            if value == media or alias == name:
                specificity = 3
            elif value == f"{kind}/*":
                specificity = 2
            elif value == "*/*":
                specificity = 1
            else:
                continue
            score = (quality, specificity, -position)
            if quality > 0 and (best is None or score > best):
                best, chosen = score, name
    if chosen is None:
        raise NotAcceptable(f"none of {', '.join(MEDIA_TYPES[o] for o in offered)} is acceptable")
    return chosen
