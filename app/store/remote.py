"""A store on any SPARQL 1.1 server with Query, Update and (optionally) the Graph Store Protocol.

Plain HTTP (httpx), each query form asked for in the format it needs: SELECT and ASK as
`application/sparql-results+json`, CONSTRUCT and DESCRIBE as `application/n-triples`.

Layout on the server, all under the configured base IRI:

- one named graph per graph of the dataset, as in the embedded store;
- `{base}graph/merged`, the RDF merge of all of them (each triple once); every query is sent
  with `default-graph-uri` naming it, so the union counts each triple once on every server
  (and, as the protocol defines that dataset, `GRAPH` patterns in queries match nothing);
- `{base}graph/merged/staging/...`, short-lived graphs a write fills before it commits;
- blank nodes are stored as skolem IRIs `{base}.well-known/genid/{label}` and read back as blank
  nodes (Virtuoso refuses blank nodes in `INSERT DATA`, and chunked writes need stable names).

A write first fills one staging graph per graph written, in as many requests as the server's
limits require (nothing a reader sees changes, and a failure drops them). Then it commits: each
staging graph is added to the merged graph (a build drops that first) and MOVEd into place.
Servers that run an update request in one transaction (Oxigraph, Fuseki, GraphDB) get the
commit as ONE request, so readers see all of it or nothing.

Virtuoso (told by its `Server` header) applies no request atomically anyway (an operation that
fails leaves those before it applied), and cannot take a large one: it compiles a whole request
into one SQL procedure, refusing more than a few hundred operations ("SQ156/SQ200: Query too
large, variables in state over the limit", from about 800 graph operations; "SP031: The length
of generated SQL text has exceeded 10000 lines of code", from about 5,000) and taking time that
grows with the square of their number (3,000 operations: over 40 s); and it aborts a request
whose transaction log grows over its `TransactionAfterImageLimit` (50 MB by default: "SR325:
Transaction aborted because it's log after image size went above the limit"), which copying the
3.2 million triples of 10,000 documents into the merged graph in one request does. So there a
commit goes in requests of at most `operations_per_request` operations, in order, each on one
graph of the dataset (some 30 bytes of log a triple copied, twice that moved onto a graph that
held as many: 100 operations on graphs of a few hundred triples log a few MB); the merged graph
is dropped in a request of its own (a DROP alone is not logged row by row: 240,000 triples pass
a limit of 1 MB, not always with other operations in its request) and filled a graph at a time,
from the staging graphs (adding graphs just MOVEd can take Virtuoso seconds a request). A failure
in the middle leaves the requests before it applied (`rebuild_merged` makes the merged graph the
union of the graphs again; rebuilding repairs all).

Listing the graphs goes a page at a time, in order (Virtuoso cuts any answer at its
`ResultSetMaxRows`, 10,000 by default, and a build of 3,000 documents has 6,500 graphs).
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from typing import Literal as TypingLiteral

import httpx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from app.store import RDF_FORMATS, Row, Store, StoreError, Triple
from app.store.bindings import bind

AuthKind = TypingLiteral["digest", "basic"]

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
_XSD_STRING = str(XSD.string)
_DATASET_FORMATS = {"nquads", "trig", "jsonld"}
_RDFLIB_FORMATS = {
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "turtle": "turtle",
    "ntriples": "nt",
    "rdfxml": "xml",
}
# An absolute IRI as N-Triples and SPARQL accept it: a scheme, then no forbidden character.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*$')


class RemoteStore(Store):
    """The dataset on a SPARQL 1.1 server; see the module docstring for the layout."""

    def __init__(
        self,
        query_url: str,
        update_url: str,
        *,
        base_iri: str,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: AuthKind | None = "digest",
        timeout_s: float = 60.0,
        triples_per_request: int = 1000,
        bytes_per_request: int = 4_000_000,
        page_size: int = 5000,
        operations_per_request: int = 100,
        virtuoso: bool | None = None,
    ) -> None:
        """`triples_per_request` and `bytes_per_request` bound each request that stages
        triples; `operations_per_request`, each request of a commit on Virtuoso. `virtuoso`
        says whether the server is one (None: its `Server` header tells)."""
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.user = user
        self.prefix = base_iri
        self.merged = URIRef(base_iri + "graph/merged")
        self._staging = str(self.merged) + "/staging/"
        self._genid = base_iri + ".well-known/genid/"
        self._triples_per_request = triples_per_request
        self._bytes_per_request = bytes_per_request
        self._page_size = page_size
        self._operations_per_request = max(1, operations_per_request)
        self._virtuoso = virtuoso
        credentials: httpx.Auth | None = None
        if user is not None and auth is not None:
            pw = password or ""
            credentials = (
                httpx.DigestAuth(user, pw) if auth == "digest" else httpx.BasicAuth(user, pw)
            )
        self._http = httpx.Client(auth=credentials, timeout=timeout_s)

    # -- HTTP ------------------------------------------------------------------------------

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreError(f"the SPARQL server at {url} cannot be reached: {exc}") from exc
        if self._virtuoso is None:
            self._virtuoso = response.headers.get("server", "").startswith("Virtuoso")
        if response.status_code >= 400:
            detail = response.text.strip()[:500]
            raise StoreError(f"the SPARQL server answered {response.status_code}: {detail}")
        return response

    def _update(self, operations: Sequence[str]) -> None:
        """One update request holding `operations`."""
        if operations:
            self._send(
                "POST",
                self.update_url,
                content=";\n".join(operations).encode(),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            )

    def _is_virtuoso(self) -> bool:
        """Whether the server is Virtuoso (its first answer tells)."""
        if self._virtuoso is None:
            self._query("ASK {}", _JSON, union=False)  # any answer names the server
        return bool(self._virtuoso)

    def _apply(self, *groups: Sequence[str]) -> None:
        """A change readers see: the operations of `groups` in ONE request, which the server
        applies atomically; on Virtuoso, in order, in requests of at most
        `operations_per_request` operations, each group starting a request of its own."""
        if not self._is_virtuoso():
            self._update([operation for group in groups for operation in group])
            return
        step = self._operations_per_request
        for group in groups:
            for start in range(0, len(group), step):
                self._update(group[start : start + step])

    def _query(self, query: str, accept: str, union: bool = True) -> httpx.Response:
        data = {"query": query}
        if union:
            data["default-graph-uri"] = str(self.merged)
        return self._send("POST", self.query_url, data=data, headers={"Accept": accept})

    # -- terms -----------------------------------------------------------------------------

    def _check(self, term: Node) -> None:
        if isinstance(term, URIRef) and not _IRI.match(term):
            raise StoreError(f"not an absolute IRI: {str(term)!r}")
        if not isinstance(term, URIRef | BNode | Literal):
            raise StoreError(f"cannot store the term {term!r}")

    def _out(self, term: Node) -> Node:
        """A term as stored: blank nodes become skolem IRIs."""
        if isinstance(term, BNode):
            return URIRef(self._genid + str(term))
        self._check(term)
        return term

    def _in(self, term: Node) -> Node:
        """A term as read: skolem IRIs become blank nodes, xsd:string literals plain ones."""
        if isinstance(term, URIRef) and term.startswith(self._genid):
            return BNode(term[len(self._genid) :])
        if isinstance(term, Literal) and str(term.datatype) == _XSD_STRING:
            return Literal(str(term))
        return term

    def _json_term(self, value: Mapping[str, str]) -> Node:
        kind = value["type"]
        if kind == "uri":
            return self._in(URIRef(value["value"]))
        if kind == "bnode":
            return BNode(value["value"])
        lang = value.get("xml:lang")
        datatype = value.get("datatype")
        if lang:
            return Literal(value["value"], lang=lang)
        if datatype and datatype != _XSD_STRING:
            return Literal(value["value"], datatype=URIRef(datatype))
        return Literal(value["value"])

    def _nt(self, term: Node) -> str:
        """A term in N-Triples syntax (also valid in SPARQL `INSERT DATA`)."""
        term = self._out(term)
        if isinstance(term, Literal):
            text = str(term).translate(_ESCAPES)
            if term.language:
                return f'"{text}"@{term.language}'
            if term.datatype is not None and str(term.datatype) != _XSD_STRING:
                return f'"{text}"^^<{term.datatype}>'
            return f'"{text}"'
        return f"<{term}>"

    def _parse_ntriples(self, data: bytes) -> Iterator[Triple]:
        graph = Graph()
        graph.parse(data=data, format="nt")
        for s, p, o in graph:
            yield self._in(s), self._in(p), self._in(o)

    # -- graph names -----------------------------------------------------------------------

    def _owned(self, name: str) -> bool:
        merged = str(self.merged)
        return name.startswith(self.prefix) and not (
            name == merged or name.startswith(merged + "/")
        )

    def _check_names(self, names: Iterable[URIRef]) -> list[URIRef]:
        checked = list(dict.fromkeys(names))
        for name in checked:
            if not _IRI.match(name) or not self._owned(str(name)):
                raise StoreError(
                    f"graph {str(name)!r} is not a graph this store may hold "
                    f"(it must start with {self.prefix!r} and not be {str(self.merged)!r})"
                )
        return checked

    def _retract(self, name: URIRef) -> list[str]:
        """Operations that drop a graph and the merged triples only it held."""
        return [
            f"DELETE {{ GRAPH <{self.merged}> {{ ?s ?p ?o }} }} WHERE {{ "
            f"GRAPH <{name}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
            f"FILTER (?other != <{name}> && ?other != <{self.merged}> "
            f'&& !STRSTARTS(STR(?other), "{self._staging}")) }} }}',
            f"DROP SILENT GRAPH <{name}>",
        ]

    # -- writing ---------------------------------------------------------------------------

    def _chunks(self, triples: Iterable[Triple]) -> Iterator[str]:
        """N-Triples documents within the per-request limits (a line per triple: literals may
        hold line separators other than the escaped `\\n`, so no `splitlines`)."""
        lines: list[str] = []
        size = 0
        for s, p, o in triples:
            line = f"{self._nt(s)} {self._nt(p)} {self._nt(o)} .\n"
            length = len(line.encode())
            if lines and (
                len(lines) >= self._triples_per_request or size + length > self._bytes_per_request
            ):
                yield "".join(lines)
                lines, size = [], 0
            lines.append(line)
            size += length
        if lines:
            yield "".join(lines)

    def _stage(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> dict[URIRef, URIRef | None]:
        """Write each graph's triples into a staging graph of its own, in as many requests as
        the limits need: for each graph, that staging graph (None: it has no triples)."""
        run = f"{self._staging}{uuid.uuid4().hex}/"
        staged: dict[URIRef, URIRef | None] = {}
        try:
            for count, (name, triples) in enumerate(graphs.items()):
                staged[name] = None
                for document in self._chunks(triples):
                    staged[name] = part = URIRef(f"{run}{count}")
                    self._write(part, document)
        except BaseException:
            self._drop_quietly(staged)
            raise
        return staged

    def _write(self, target: URIRef, document: str) -> None:
        """Add an N-Triples document to a new graph: GSP POST when available, else INSERT DATA."""
        if self.gsp_url:
            self._send(
                "POST",
                self.gsp_url,
                params={"graph": str(target)},
                content=document.encode(),
                headers={"Content-Type": _NT},
            )
        else:
            self._update([f"INSERT DATA {{ GRAPH <{target}> {{\n{document}}} }}"])

    def _drop_quietly(self, staged: Mapping[URIRef, URIRef | None]) -> None:
        """Drop the staging graphs of `staged`, as far as the server lets us (the clean-up
        after a failure)."""
        with contextlib.suppress(StoreError):
            self._apply([f"DROP SILENT GRAPH <{part}>" for part in staged.values() if part])

    def _commit(self, staged: Mapping[URIRef, URIRef | None], *groups: Sequence[str]) -> None:
        """Apply `groups` (see `_apply`); on failure drop the staging graphs of `staged` (and
        re-raise)."""
        try:
            self._apply(*groups)
        except BaseException:
            self._drop_quietly(staged)
            raise

    def _refill_merged(self, sources: Iterable[URIRef]) -> tuple[list[str], list[str]]:
        """Operations that make the merged graph the union of the graphs `sources`: the drop
        (alone, see the module docstring), then the copies."""
        return (
            [f"DROP SILENT GRAPH <{self.merged}>"],
            [f"ADD SILENT <{source}> TO <{self.merged}>" for source in sources],
        )

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        names = self._check_names(graphs)
        staged = self._stage({name: graphs[name] for name in names})
        operations: list[str] = []
        for name in names:
            operations += self._retract(name)
            if part := staged[name]:
                operations.append(f"ADD SILENT <{part}> TO <{self.merged}>")
                operations.append(f"MOVE SILENT <{part}> TO <{name}>")
        self._commit(staged, operations)

    def replace_all(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Make the dataset exactly `graphs`: others of this store are dropped, and the merged
        graph is filled again from scratch (what a build does)."""
        names = self._check_names(graphs)
        existing = self.graph_names()
        staged = self._stage({name: graphs[name] for name in names})
        parts = {name: part for name, part in staged.items() if part}
        self._commit(
            staged,
            [f"DROP SILENT GRAPH <{old}>" for old in existing if old not in parts],
            *self._refill_merged(parts.values()),
            [f"MOVE SILENT <{part}> TO <{name}>" for name, part in parts.items()],
        )

    def rebuild_merged(self) -> None:
        """Recompute the merged graph from the named graphs (repairs an interrupted commit)."""
        self._apply(*self._refill_merged(self.graph_names()))

    def drop_graphs(self, names: Iterable[URIRef]) -> None:
        self._apply([op for name in self._check_names(names) for op in self._retract(name)])

    # -- reading ---------------------------------------------------------------------------

    def _owned_graph_pattern(self) -> str:
        """A pattern binding `?g` to the graphs of this store (not merged, not staging)."""
        return (
            f'GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{self.prefix}") '
            f'&& ?g != <{self.merged}> && !STRSTARTS(STR(?g), "{self.merged}/"))'
        )

    def graph_names(self) -> list[URIRef]:
        """The graphs of this store, a page at a time (Virtuoso cuts any answer at its
        `ResultSetMaxRows`), in order, each page after the last name of the one before: pages
        by OFFSET overlap on Virtuoso unless sorted, and it sorts no more than its
        `MaxSortedTopRows` (10,000) rows, offset included."""
        names: list[URIRef] = []
        while True:
            after = str(names[-1]).translate(_ESCAPES) if names else ""
            rows = self._bindings(
                self._query(
                    f"SELECT DISTINCT ?g WHERE {{ {self._owned_graph_pattern()} "
                    f'FILTER (STR(?g) > "{after}") }} ORDER BY STR(?g) LIMIT {self._page_size}',
                    _JSON,
                    union=False,
                )
            )
            names += [URIRef(b["g"]["value"]) for b in rows if "g" in b]
            if len(rows) < self._page_size:
                return sorted(names)

    def _bindings(self, response: httpx.Response) -> list[dict[str, Any]]:
        try:
            payload = json.loads(response.content)
        except ValueError as exc:
            raise StoreError("the SPARQL server did not answer SPARQL JSON results") from exc
        if not isinstance(payload, dict):
            raise StoreError("the SPARQL server did not answer SPARQL JSON results")
        if "boolean" in payload:
            return [{"boolean": payload["boolean"]}]
        if response.headers.get("X-SPARQL-MaxRows"):
            raise StoreError(
                "the SPARQL server cut the results at its row limit "
                f"({response.headers['X-SPARQL-MaxRows']} rows)"
            )
        results = payload.get("results", {})
        bindings = results.get("bindings", []) if isinstance(results, dict) else []
        return [b for b in bindings if isinstance(b, dict)]

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        response = self._query(bind(query, bindings), _JSON)
        try:
            payload = json.loads(response.content)
        except ValueError as exc:
            raise StoreError("select() needs a SELECT query") from exc
        if not isinstance(payload, dict) or "results" not in payload:
            raise StoreError("select() needs a SELECT query")
        return [
            {name: self._json_term(value) for name, value in row.items()}
            for row in self._bindings(response)
        ]

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        rows = self._bindings(self._query(bind(query, bindings), _JSON))
        if rows and "boolean" in rows[0]:
            return bool(rows[0]["boolean"])
        # Virtuoso 7.2 answers an ASK in JSON as a one-column result: `__ASK_RETVAL` = 1 or none.
        return any(
            value.get("value") not in ("0", "false")
            for row in rows
            for value in row.values()
            if isinstance(value, dict)
        )

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        response = self._query(bind(query, bindings), _NT)
        graph = Graph()
        for triple in self._parse_ntriples(response.content):
            graph.add(triple)
        return graph

    def graph_triples(self, name: URIRef) -> list[Triple]:
        return self._graph_triples(name)

    def _graph_triples(self, name: URIRef) -> list[Triple]:
        """Every triple of one graph, a page at a time (servers cap the size of an answer).

        Pages are not ordered (Virtuoso refuses to sort beyond its `MaxSortedTopRows`); the count
        taken first guards against pages that overlap."""
        count_rows = self._bindings(
            self._query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}",
                _JSON,
                union=False,
            )
        )
        expected = int(count_rows[0]["n"]["value"]) if count_rows else 0
        triples: set[Triple] = set()
        offset = 0
        while offset < expected:
            response = self._query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }} "
                f"LIMIT {self._page_size} OFFSET {offset}",
                _NT,
                union=False,
            )
            page = list(self._parse_ntriples(response.content))
            if not page:
                break
            triples.update(page)
            offset += self._page_size
        if len(triples) != expected:
            raise StoreError(
                f"read {len(triples)} of the {expected} triples of {name}; the server's pages "
                "overlap (is it being written?)"
            )
        return list(triples)

    def dump(self, fmt: str) -> bytes:
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        if fmt in _DATASET_FORMATS:
            dataset = Dataset()
            for name in self.graph_names():
                graph = dataset.graph(name)
                for triple in self._graph_triples(name):
                    graph.add(triple)
            return dataset.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
        merged = Graph()
        for triple in self._graph_triples(self.merged):
            merged.add(triple)
        return merged.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")

    def __len__(self) -> int:
        rows = self._bindings(
            self._query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{self.merged}> {{ ?s ?p ?o }} }}",
                _JSON,
                union=False,
            )
        )
        return int(rows[0]["n"]["value"]) if rows else 0

    def is_empty(self) -> bool:
        rows = self._bindings(
            self._query(
                f"SELECT ?g WHERE {{ {self._owned_graph_pattern()} }} LIMIT 1", _JSON, union=False
            )
        )
        return not rows

    def close(self) -> None:
        self._http.close()
