"""Look at a query before any engine does: refuse what would fetch, update or crash the engine.

One cheap lexical pass, following the SPARQL 1.1 terminals (strings, IRIs, comments, prefixed
names), finds:

- the nesting depth (`{ ( [ <<` and runs of unary `!`); pyoxigraph's recursive parser overflows
  the stack, killing the process, at a few thousand levels;
- `SERVICE` anywhere outside strings, IRIs and comments: pyoxigraph would fetch the endpoint;
- the query form, so an update (`INSERT`, `LOAD`, ...) is refused as such;
- the prologue (`BASE`, `PREFIX`) and the `FROM` / `FROM NAMED` IRIs. The engine never fetches
  these: they only select graphs of the store, and the executor refuses any that is not one.

The scan errs towards refusing: `service` is accepted only as part of a variable (`?service`) or
a prefixed name (`ex:service`), never where the engine could read the keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from app.sparql.errors import SparqlError

MAX_DEPTH = 64
"""The deepest nesting of brackets (and unary `!`) a query may have."""

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

# Character classes of the SPARQL 1.1 grammar (section 19.8).
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_UCHAR = r"(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})"
_ECHAR = rf"(?:\\[tbnrf\\\"']|{_UCHAR})"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>[ \t\r\n]+)",
            r"(?P<comment>#[^\r\n]*)",
            rf"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"
            rf'|"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'
            rf"|'(?:[^'\\\r\n]|{_ECHAR})*'"
            rf'|"(?:[^"\\\r\n]|{_ECHAR})*")',
            rf"(?P<iri><(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)",
            r"(?P<open><<|[{(\[])",
            r"(?P<close>>>|[})\]])",
            rf"(?P<var>[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
            rf"(?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)",
            rf"(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)",
            r"(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<other>\\.|.)",
        ]
    ),
    re.DOTALL,
)
_OPAQUE = frozenset({"comment", "string", "iri"})
_SERVICE = re.compile("service", re.IGNORECASE)
_UCHAR_RE = re.compile(_UCHAR)


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the guard, with what the executor needs to know about it."""

    text: str
    form: str
    """SELECT, ASK, CONSTRUCT or DESCRIBE."""
    prefixes: dict[str, str] = field(default_factory=dict)
    from_graphs: tuple[str, ...] = ()
    from_named_graphs: tuple[str, ...] = ()

    @property
    def returns_graph(self) -> bool:
        """Whether the answer is RDF triples (CONSTRUCT, DESCRIBE) rather than results."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _refuse(error: str, detail: str) -> SparqlError:
    return SparqlError(400, error, detail)


def _tokens(text: str) -> list[_Token]:
    """The query's tokens, with whitespace dropped; raises on an unterminated string."""
    tokens: list[_Token] = []
    depth = 0
    bangs = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        value = match.group()
        start = match.start()
        if kind == "ws":
            continue
        if kind == "other" and value in ("'", '"'):
            raise _refuse("syntax error", f"unterminated string at {_position(text, start)}")
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        if kind == "other" and value == "!" and not text.startswith("!=", start):
            bangs += 1
        elif kind != "comment":
            bangs = 0
        if depth + bangs > MAX_DEPTH:
            raise _refuse(
                "query too deeply nested",
                f"the query nests more than {MAX_DEPTH} levels at {_position(text, start)}",
            )
        tokens.append(_Token(kind, value, start))
    return tokens


def _refuse_service(text: str, tokens: list[_Token]) -> None:
    """Refuse any `service` the engine could read as the SERVICE keyword."""
    code = list(text)
    for token in tokens:
        if token.kind in _OPAQUE:
            code[token.start : token.start + len(token.text)] = " " * len(token.text)
    blanked = "".join(code)
    for match in _SERVICE.finditer(blanked):
        before = match.start() - 1
        while before >= 0 and (
            (blanked[before].isascii() and blanked[before].isalnum()) or blanked[before] == "_"
        ):
            before -= 1
        if before >= 0 and blanked[before] in "?$:":
            continue
        raise _refuse(
            "SERVICE is not allowed",
            "this endpoint never fetches data from elsewhere: federated queries (SERVICE, "
            f"at {_position(text, match.start())}) are refused",
        )


def _unescape_iri(raw: str) -> str:
    return _UCHAR_RE.sub(lambda m: chr(int(m.group()[2:], 16)), raw[1:-1])


def _resolve(token: _Token, base: str | None, prefixes: dict[str, str]) -> str | None:
    """The absolute IRI an IRI or prefixed-name token stands for (None if unknown)."""
    if token.kind == "iri":
        iri = _unescape_iri(token.text)
        return urljoin(base, iri) if base else iri
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix not in prefixes:
            return None
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def check_query(text: str) -> CheckedQuery:
    """`text` as a `CheckedQuery`, or a 400 `SparqlError` saying why it is refused."""
    tokens = _tokens(text)
    _refuse_service(text, tokens)
    code = [t for t in tokens if t.kind != "comment"]
    base: str | None = None
    prefixes: dict[str, str] = {}
    i = 0
    while i < len(code) and code[i].kind == "word" and code[i].text.upper() in ("BASE", "PREFIX"):
        if code[i].text.upper() == "BASE" and i + 1 < len(code) and code[i + 1].kind == "iri":
            base = _resolve(code[i + 1], base, prefixes)
            i += 2
        elif i + 2 < len(code) and code[i + 1].kind == "pname" and code[i + 2].kind == "iri":
            iri = _resolve(code[i + 2], base, prefixes)
            prefixes[code[i + 1].text.rstrip(":")] = iri or ""
            i += 3
        else:
            break
    form = code[i].text.upper() if i < len(code) and code[i].kind == "word" else ""
    if form in UPDATE_KEYWORDS:
        raise SparqlError(
            400,
            "SPARQL Update is not accepted",
            f"this endpoint is read-only; {form} (an update operation) is refused",
        )
    if form not in QUERY_FORMS:
        where = _position(text, code[i].start) if i < len(code) else "the end of the query"
        raise _refuse(
            "syntax error",
            f"expected SELECT, ASK, CONSTRUCT or DESCRIBE at {where}",
        )
    graphs: list[str] = []
    named: list[str] = []
    for j, token in enumerate(code):
        if token.kind != "word" or token.text.upper() != "FROM":
            continue
        is_named = j + 1 < len(code) and code[j + 1].text.upper() == "NAMED"
        target = code[j + 2] if is_named and j + 2 < len(code) else code[min(j + 1, len(code) - 1)]
        iri = _resolve(target, base, prefixes)
        if iri is None:
            raise _refuse(
                "syntax error",
                f"FROM needs an IRI or a declared prefixed name at {_position(text, target.start)}",
            )
        (named if is_named else graphs).append(iri)
    return CheckedQuery(text, form, prefixes, tuple(graphs), tuple(named))
