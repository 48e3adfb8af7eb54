"""The library of named queries for researchers: `queries/*.rq`, `reskg query` and its loader.

Each named query is one file whose leading comment block is its header, one field per line:

    # title: What a version cites, by role
    # description: Every citation one version makes, grouped by the role of its clause.
    # param: version (iri) = https://w3id.org/reskg/id/resolution/wtdc/30/2014 — the citing version

`title` and `description` come once, `param` once per parameter as
`NAME (iri|literal|integer) = DEFAULT — DOC`; a comment line indented by two or more spaces
continues the field above it. Parameters are variables of the query, bound by the store's
`VALUES` injection (`app.store.bindings`). Files named `lineage-*` and `resolution-*` (the app's
own page queries) and `*-violation.rq` (the build's checks) are not part of the library.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast
from typing import Literal as KindName

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from app.settings import get_settings

if TYPE_CHECKING:
    import pyoxigraph as ox

ParamKind = KindName["iri", "literal", "integer"]
KINDS: tuple[ParamKind, ...] = ("iri", "literal", "integer")

_INTERNAL_PREFIXES = ("lineage-", "resolution-")
_CHECK_SUFFIX = "-violation"
_FIELD = re.compile(r"^#\s?(?P<key>title|description|param):\s*(?P<value>.*)$")
_CONTINUED = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+\((?P<kind>[a-z]+)\)\s*=\s*(?P<default>.+?)"
    r"\s+—\s+(?P<doc>.+)$"
)
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\s]+$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")


class QueryLibraryError(ValueError):
    """A query file whose header is missing or malformed."""


class ParameterError(ValueError):
    """A parameter that the query does not have, or a value of the wrong kind."""


@dataclass(frozen=True)
class Param:
    """One parameter of a named query: the variable it binds, its kind, default and meaning."""

    name: str
    kind: ParamKind
    default: str
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    """One `queries/NAME.rq` file: its header and its SPARQL text."""

    name: str
    title: str
    description: str
    params: list[Param]
    text: str

    def param(self, name: str) -> Param | None:
        """The parameter called `name`, if the query has one."""
        return next((p for p in self.params if p.name == name), None)

    def bindings(self, values: Mapping[str, str] | None = None) -> dict[str, Node]:
        """Every parameter bound: the given string values, the defaults for the rest."""
        given = dict(values or {})
        unknown = sorted(set(given) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise ParameterError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (its parameters: {known})"
            )
        return {p.name: term(p, given.get(p.name, p.default)) for p in self.params}


def term(param: Param, value: str) -> Node:
    """`value` as the RDF term `param` expects; a `ParameterError` when it is not one."""
    text = value.strip()
    if param.kind == "iri":
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        if not _IRI.match(text):
            raise ParameterError(
                f"parameter {param.name!r} needs an absolute IRI such as "
                f"{param.default}, not {value!r}"
            )
        return URIRef(text)
    if param.kind == "integer":
        if not _INTEGER.match(text):
            raise ParameterError(f"parameter {param.name!r} needs an integer, not {value!r}")
        return Literal(int(text), datatype=XSD.integer)
    return Literal(value)


def _header(lines: list[str]) -> list[tuple[str, str]]:
    """The (field, value) pairs of the leading comment block, continuations joined."""
    fields: list[tuple[str, str]] = []
    for line in lines:
        if not line.startswith("#"):
            break
        field = _FIELD.match(line)
        more = _CONTINUED.match(line)
        if field:
            fields.append((field["key"], field["value"].strip()))
        elif more and fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {more['value'].strip()}")
    return fields


def parse_query(name: str, text: str) -> NamedQuery:
    """The named query `name` read from the text of its file."""
    where = f"queries/{name}.rq"
    if not _NAME.match(name):
        raise QueryLibraryError(f"{where}: the name must be kebab-case")
    fields = _header(text.splitlines())
    titles = [v for k, v in fields if k == "title"]
    descriptions = [v for k, v in fields if k == "description"]
    if len(titles) != 1 or not titles[0]:
        raise QueryLibraryError(f"{where}: the header needs exactly one '# title:' line")
    if len(descriptions) != 1 or not descriptions[0]:
        raise QueryLibraryError(f"{where}: the header needs exactly one '# description:' line")
    params: list[Param] = []
    for key, value in fields:
        if key != "param":
            continue
        match = _PARAM.match(value)
        if match is None:
            raise QueryLibraryError(
                f"{where}: '# param: {value}' is not 'NAME (KIND) = DEFAULT — DOC'"
            )
        if match["kind"] not in KINDS:
            raise QueryLibraryError(
                f"{where}: parameter {match['name']!r} has kind {match['kind']!r}; "
                f"use one of {', '.join(KINDS)}"
            )
        if f"?{match['name']}" not in text and f"${match['name']}" not in text:
            raise QueryLibraryError(f"{where}: parameter ?{match['name']} is not in the query")
        params.append(
            Param(match["name"], cast(ParamKind, match["kind"]), match["default"], match["doc"])
        )
    query = NamedQuery(name, titles[0], descriptions[0], params, text)
    for param in params:
        try:
            term(param, param.default)
        except ParameterError as error:
            raise QueryLibraryError(f"{where}: bad default: {error}") from None
    if len({p.name for p in params}) != len(params):
        raise QueryLibraryError(f"{where}: a parameter is declared twice")
    return query


def is_library_file(path: Path) -> bool:
    """Whether `path` is a named query of the library (not an app page query, not a check)."""
    return (
        path.suffix == ".rq"
        and not path.stem.startswith(_INTERNAL_PREFIXES)
        and not path.stem.endswith(_CHECK_SUFFIX)
    )


def _signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    if not directory.is_dir():
        return ()
    entries = (p for p in sorted(directory.glob("*.rq")) if is_library_file(p))
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in entries)


@lru_cache(maxsize=8)
def _load(directory: Path, signature: tuple[tuple[str, int, int], ...]) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = {}
    for file_name, _, _ in signature:
        path = directory / file_name
        queries[path.stem] = parse_query(path.stem, path.read_text(encoding="utf-8"))
    return queries


def load_queries(directory: Path) -> dict[str, NamedQuery]:
    """The named queries of `directory` by name, sorted; re-read only when a file changes."""
    return _load(directory, _signature(directory))


# ---------------------------------------------------------------------------------------------
# `reskg query`
# ---------------------------------------------------------------------------------------------

_TABLE_CELL = 80
"""The widest a table cell gets; longer values end in an ellipsis (use csv or json for all)."""


def _listing(queries: Mapping[str, NamedQuery]) -> str:
    lines = []
    width = max((len(name) for name in queries), default=0)
    for name, query in queries.items():
        lines.append(f"{name.ljust(width)}  {query.title}")
        for param in query.params:
            lines.append(
                f"{' ' * width}    --param {param.name}=… ({param.kind}, default {param.default})"
            )
    return "\n".join(lines)


def _pairs(items: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--param needs NAME=VALUE, not {item!r}")
        if name.strip() in values:
            raise ParameterError(f"parameter {name.strip()!r} is given twice")
        values[name.strip()] = value
    return values


def _cell(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= _TABLE_CELL else flat[: _TABLE_CELL - 1] + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns under a header and a rule, for people."""
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def _results_table(body: bytes) -> str:
    """A SPARQL JSON results document as a table (ASK: `true` / `false`)."""
    data = json.loads(body)
    if "boolean" in data:
        return "true\n" if data["boolean"] else "false\n"
    header: list[str] = data["head"]["vars"]
    rows = [
        [binding[v]["value"] if v in binding else "" for v in header]
        for binding in data["results"]["bindings"]
    ]
    return table(header, rows) + f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


_MEDIA = {
    # format: (media type for results, media type for graphs)
    "table": ("application/sparql-results+json", "text/turtle"),
    "csv": ("text/csv", "application/n-triples"),
    "json": ("application/sparql-results+json", "application/ld+json"),
}


class StoreMissing(RuntimeError):
    """No store to query, or an empty one."""


def open_read_only(store_dir: Path) -> ox.Store:
    """The store in `store_dir`, read-only (as the endpoint's workers open it), so a running
    service keeps its lock; `StoreMissing` when there is none or it holds nothing."""
    import pyoxigraph as ox

    if not store_dir.is_dir() or not any(store_dir.iterdir()):
        raise StoreMissing(f"no store at {store_dir}; run 'reskg build' first")
    store = ox.Store.read_only(str(store_dir))
    if next(iter(store.quads_for_pattern(None, None, None)), None) is None:
        raise StoreMissing(f"the store {store_dir} is empty; run 'reskg build' first")
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
        raise StoreMissing(  # its merged copy would count every triple twice in the union
            f"the store {store_dir} was built by an earlier reskg (its default graph holds "
            "triples); rebuild it with 'reskg build'"
        )
    return store


def run_named(
    store: ox.Store, query: NamedQuery, values: Mapping[str, str], fmt: str, max_results: int
) -> str:
    """Run `query` as the endpoint's workers do and format the answer as `fmt`."""
    from app.sparql.errors import SparqlError
    from app.sparql.guard import check_query
    from app.sparql.worker import QueryJob, answer
    from app.store.bindings import bind

    text = bind(query.text, query.bindings(values))
    checked = check_query(text)
    media_type = _MEDIA[fmt][1 if checked.returns_graph else 0]
    job = QueryJob(
        query=text,
        media_type=media_type,
        own_dataset=bool(checked.from_graphs or checked.from_named_graphs),
        prefixes=tuple(checked.prefixes.items()),
        max_results=max_results,
    )
    status, kind, body = answer(store, job)
    if status != 200:
        raise SparqlError(status, kind, body.decode("utf-8", "replace"))
    if fmt == "table" and not checked.returns_graph:
        return _results_table(body)
    return body.decode("utf-8")


def cmd_query(args: argparse.Namespace) -> int:
    """`reskg query NAME [--param k=v ...] [--format table|csv|json] [--store DIR]`."""
    from app.sparql.errors import SparqlError

    settings = get_settings()
    if args.store:
        settings = settings.model_copy(update={"store_dir": args.store})
    try:
        queries = load_queries(settings.queries_dir)
    except QueryLibraryError as error:
        print(f"reskg: {error}", file=sys.stderr)
        return 2
    if args.list or not args.name:
        print(_listing(queries))
        return 0
    if args.name not in queries:
        print(
            f"reskg: no named query {args.name!r}; the named queries are: {', '.join(queries)}",
            file=sys.stderr,
        )
        return 2
    try:
        values = _pairs(args.param)
        queries[args.name].bindings(values)
        store = open_read_only(settings.store_dir)
        output = run_named(store, queries[args.name], values, args.format, settings.max_results)
    except (ParameterError, StoreMissing) as error:
        print(f"reskg: {error}", file=sys.stderr)
        return 2
    except SparqlError as error:
        print(f"reskg: {error.error}: {error.detail}", file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0


def add_query_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `reskg query` on the CLI's sub-commands."""
    query = subparsers.add_parser(
        "query",
        help="run a named query of queries/ (reskg query --list)",
        description="Run one of the named queries in queries/ on the store. SELECT answers as "
        "a table, CSV or SPARQL JSON results; CONSTRUCT answers as Turtle (table), "
        "N-Triples (csv) or JSON-LD (json).",
    )
    query.add_argument("name", nargs="?", help="the query's name (its file name without .rq)")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter's value (repeatable); parameters not given take their defaults",
    )
    query.add_argument("--format", default="table", choices=list(_MEDIA))
    query.add_argument("--store", type=Path, help="store directory (default: RESKG_STORE_DIR)")
    query.add_argument("--list", action="store_true", help="list the named queries and exit")
    query.set_defaults(run=cmd_query)
