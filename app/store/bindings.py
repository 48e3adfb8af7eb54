"""Query parameters as a `VALUES` block at the head of the query's WHERE group.

Backends differ in how (and whether) they pre-bind variables — pyoxigraph's substitutions only
reach projected variables, a remote endpoint has none — so every backend binds parameters the
same way: `VALUES (?a ?b) { (<x> "y") }` joined with the outermost group pattern.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Node

# Skips what may hold braces or the word WHERE without meaning them: strings, IRIs, comments.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
)
_TOKEN = re.compile(r"\bWHERE\b|[{}]", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class BindingError(ValueError):
    """A parameter that cannot be bound into the query."""


def _outer_group_start(query: str) -> int:
    """Index just after the `{` that opens the query's WHERE group."""
    depth = 0
    seen_where = False
    first_group: int | None = None
    pos = 0
    while pos < len(query):
        skip = _SKIP.match(query, pos)
        if skip:
            pos = skip.end()
            continue
        token = _TOKEN.match(query, pos)
        if token is None:
            pos += 1
            continue
        word = token.group(0)
        if word.upper() == "WHERE":
            if depth == 0:
                seen_where = True
        elif word == "{":
            if depth == 0 and (seen_where or first_group is None):
                if seen_where:
                    return token.end()
                first_group = token.end()
            depth += 1
        else:
            depth -= 1
        pos = token.end()
    if first_group is None:
        raise BindingError("the query has no group pattern to bind parameters in")
    return first_group


def bind(query: str, bindings: Mapping[str, Node] | None) -> str:
    """`query` with each variable in `bindings` fixed to its value."""
    if not bindings:
        return query
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise BindingError(f"{name!r} is not a SPARQL variable name")
    row = " ".join(bindings[n].n3() for n in names)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    at = _outer_group_start(query)
    return query[:at] + values + query[at:]
