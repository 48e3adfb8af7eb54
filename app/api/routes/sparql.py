"""`/sparql`: a read-only SPARQL 1.1 Protocol endpoint, its service description and YASGUI page.

Queries come by `GET ?query=`, by `POST` form-encoded or by `POST application/sparql-query`;
they are checked by `app.sparql.guard` and run by `app.sparql.executor` in worker processes.
Every error answers `{"error": ..., "detail": ...}` as JSON. `FROM` / `FROM NAMED` and
`default-graph-uri` / `named-graph-uri` may only name graphs of the store: nothing is fetched.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from app.api.bodies import BodyTooLarge, read_body
from app.api.deps import SettingsDep, StoreDep
from app.settings import get_settings
from app.sparql.errors import SparqlError
from app.sparql.executor import QueryExecutor, run_query
from app.sparql.formats import (
    FORMAT_IRIS,
    GRAPH_ALIASES,
    GRAPH_FORMATS,
    HTML,
    RESULTS_FORMATS,
    negotiate,
)
from app.sparql.remote import RemoteExecutor

_PACKAGE = Path(__file__).resolve().parents[2]
_STATIC = {
    "yasgui.min.js": ("application/javascript", _PACKAGE / "static" / "yasgui" / "yasgui.min.js"),
    "yasgui.min.css": ("text/css", _PACKAGE / "static" / "yasgui" / "yasgui.min.css"),
}
_TEMPLATE = _PACKAGE / "templates" / "sparql.html"
_CORS = {"Access-Control-Allow-Origin": "*"}
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the query workers (or the remote forwarder) once the app's store is open, stop
    them at shutdown."""
    settings = app.dependency_overrides.get(get_settings, get_settings)()
    executor: QueryExecutor
    if settings.backend == "sparql":  # forwarded to the server: `app.sparql.remote`
        executor = RemoteExecutor(settings)
    else:
        executor = QueryExecutor(
            settings.store_dir,
            workers=max(2, min(4, os.cpu_count() or 2)),
            timeout_s=settings.query_timeout_s,
            max_results=settings.max_results,
        )
    app.state.sparql_executor = executor
    try:
        yield
    finally:
        executor.close()


router = APIRouter(tags=["sparql"], lifespan=_lifespan)

_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SELECT/ASK results or CONSTRUCT/DESCRIBE RDF, as negotiated",
        "content": {media: {} for media in (*RESULTS_FORMATS, *GRAPH_FORMATS)},
    },
    **{
        status: {"description": text, "content": {"application/json": {}}}
        for status, text in {
            400: "Syntax error, refused query (SERVICE, update, unknown graph, too deep)",
            406: "No acceptable media type",
            413: "Request body too large",
            415: "Unsupported request media type",
            422: "Result larger than the service's limit",
            503: "Every query worker busy",
            504: "Query timed out and was stopped",
        }.items()
    },
}


def _error(error: SparqlError) -> JSONResponse:
    return JSONResponse(error.as_json(), error.status, headers={**_CORS, **error.headers})


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SparqlError(400, "not UTF-8", f"{what} must be UTF-8 ({exc.reason})") from None


def _pairs(raw: bytes, what: str) -> list[tuple[str, str]]:
    """Form or URL parameters, decoded strictly as UTF-8."""
    try:
        return parse_qsl(
            _decode(raw, what), keep_blank_values=True, encoding="utf-8", errors="strict"
        )
    except UnicodeDecodeError as exc:
        raise SparqlError(400, "not UTF-8", f"{what} must be UTF-8 ({exc.reason})") from None


def _values(pairs: Sequence[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in pairs if key == name]


async def _answer(
    request: Request,
    query_values: list[str],
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    if len(query_values) > 1:
        raise SparqlError(400, "more than one query", "give exactly one `query` parameter")
    executor: QueryExecutor = request.app.state.sparql_executor
    body, media_type = await run_in_threadpool(
        run_query,
        executor,
        query_values[0],
        request.headers.get("accept"),
        default_graphs or None,
        named_graphs or None,
    )
    return Response(body, media_type=media_type, headers={**_CORS, "Vary": "Accept"})


def _refuse_update() -> SparqlError:
    return SparqlError(
        403, "SPARQL Update is not accepted", "this endpoint is read-only; nothing was changed"
    )


@router.get(
    "/sparql",
    summary="Query by GET (no query: the service description or the YASGUI page)",
    responses={
        **_ANSWERS,
        200: {
            "description": "Query answer; without `query`, the service description "
            "(RDF) or the YASGUI query page (text/html)",
            "content": {m: {} for m in (*RESULTS_FORMATS, *GRAPH_FORMATS, HTML)},
        },
    },
)
async def sparql_get(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """A query by `GET ?query=...&default-graph-uri=...&named-graph-uri=...`."""
    try:
        pairs = _pairs(request.scope.get("query_string", b""), "the URL's query string")
        if _values(pairs, "update"):
            raise _refuse_update()
        queries = _values(pairs, "query")
        if not queries:
            return _describe(request, settings.queries_dir, store.graph_names())
        return await _answer(
            request,
            queries,
            _values(pairs, "default-graph-uri"),
            _values(pairs, "named-graph-uri"),
        )
    except SparqlError as error:
        return _error(error)


@router.post(
    "/sparql",
    summary="Query by POST (form-encoded, or the query as application/sparql-query)",
    responses=_ANSWERS,
    openapi_extra={
        "requestBody": {
            "content": {
                _FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
                _QUERY: {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(request: Request, settings: SettingsDep) -> Response:
    """A query posted as a form (`query=...`) or directly as `application/sparql-query`."""
    try:
        content_type = request.headers.get("content-type", "")
        media, *params = (p.strip().lower() for p in content_type.split(";"))
        charsets = [p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")]
        if any(c not in ("utf-8", "utf8", "us-ascii") for c in charsets):
            raise SparqlError(400, "not UTF-8", "the request body must be UTF-8")
        if not media:
            raise SparqlError(
                400, "missing media type", f"POST needs Content-Type {_FORM} or {_QUERY}"
            )
        if media == _UPDATE:
            raise _refuse_update()
        if media not in (_FORM, _QUERY):
            raise SparqlError(
                415,
                "unsupported media type",
                f"POST a query as {_FORM} or {_QUERY}, not {media}",
            )
        try:
            body = await read_body(request, settings.max_body_bytes)
        except BodyTooLarge as error:
            raise SparqlError(413, "request too large", str(error)) from error
        url = _pairs(request.scope.get("query_string", b""), "the URL's query string")
        if media == _QUERY:
            if _values(url, "query"):
                raise SparqlError(400, "more than one query", "the query is the body alone")
            query = _decode(body, "the request body")
            return await _answer(
                request,
                [query],
                _values(url, "default-graph-uri"),
                _values(url, "named-graph-uri"),
            )
        form = _pairs(body, "the form")
        if _values(form, "update"):
            raise _refuse_update()
        queries = _values(form, "query")
        if not queries:
            raise SparqlError(400, "missing query", "the form has no `query` parameter")
        return await _answer(
            request,
            queries,
            _values(form, "default-graph-uri"),
            _values(form, "named-graph-uri"),
        )
    except SparqlError as error:
        return _error(error)


@router.options("/sparql", include_in_schema=False)
def sparql_preflight() -> Response:
    """CORS preflight: any origin may GET or POST queries."""
    return Response(
        status_code=204,
        headers={
            **_CORS,
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Accept, Content-Type",
            "Access-Control-Max-Age": "86400",
        },
    )


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
def sparql_other_method(request: Request) -> Response:
    """Only GET and POST carry queries."""
    error = SparqlError(
        405,
        "method not allowed",
        f"{request.method} is not a SPARQL query operation; use GET or POST",
        {"Allow": "GET, POST, OPTIONS"},
    )
    return _error(error)


@router.get("/sparql/static/{name}", include_in_schema=False)
def sparql_static(name: str) -> Response:
    """The vendored YASGUI files (a fixed list: nothing else is served)."""
    if name not in _STATIC:
        return _error(SparqlError(404, "not found", f"no static file {name!r}"))
    media_type, path = _STATIC[name]
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=86400"})


def _endpoint(request: Request) -> str:
    """The absolute URL of this endpoint, as the client reached it."""
    return str(request.url.replace(query="", fragment=""))


def _describe(request: Request, queries_dir: Path, graphs: Sequence[object]) -> Response:
    """The service description (RDF) or, for browsers, the YASGUI page."""
    offers = [*GRAPH_FORMATS, HTML]
    media_type = negotiate(request.headers.get("accept"), offers, GRAPH_ALIASES)
    endpoint = _endpoint(request)
    if media_type == HTML:
        return Response(_page(endpoint, queries_dir), media_type=HTML, headers={"Vary": "Accept"})
    body = ox.serialize(
        service_description(endpoint, [str(g) for g in graphs]),
        format=GRAPH_FORMATS[media_type],
        prefixes={"sd": _SD, "formats": "http://www.w3.org/ns/formats/"},
    )
    return Response(body, media_type=media_type, headers={**_CORS, "Vary": "Accept"})


def service_description(endpoint: str, graphs: Sequence[str]) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description triples for this endpoint and the store's graphs."""
    sd = ox.NamedNode
    a = sd(_RDF_TYPE)
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, a, sd(_SD + "Service")),
        ox.Triple(service, sd(_SD + "endpoint"), sd(endpoint)),
        ox.Triple(service, sd(_SD + "supportedLanguage"), sd(_SD + "SPARQL11Query")),
        ox.Triple(service, sd(_SD + "feature"), sd(_SD + "UnionDefaultGraph")),
        ox.Triple(service, sd(_SD + "defaultDataset"), dataset),
        ox.Triple(dataset, a, sd(_SD + "Dataset")),
        ox.Triple(dataset, sd(_SD + "defaultGraph"), default),
        ox.Triple(default, a, sd(_SD + "Graph")),
    ]
    triples += [
        ox.Triple(service, sd(_SD + "resultFormat"), sd(iri)) for iri in FORMAT_IRIS.values()
    ]
    for number, graph in enumerate(graphs):
        named = ox.BlankNode(f"graph{number}")
        triples += [
            ox.Triple(dataset, sd(_SD + "namedGraph"), named),
            ox.Triple(named, a, sd(_SD + "NamedGraph")),
            ox.Triple(named, sd(_SD + "name"), sd(graph)),
        ]
    return triples


def named_queries(queries_dir: Path) -> list[dict[str, str]]:
    """The `queries/*.rq` files as `{"name", "query"}`, sorted by name."""
    if not queries_dir.is_dir():
        return []
    return [
        {"name": path.stem, "query": path.read_text(encoding="utf-8")}
        for path in sorted(queries_dir.glob("*.rq"))
    ]


def _script_json(value: object) -> str:
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def _page(endpoint: str, queries_dir: Path) -> str:
    """The YASGUI page, its endpoint absolute and the named queries as ready-made tabs."""
    static = html.escape(endpoint.rstrip("/") + "/static")
    return (
        _TEMPLATE.read_text(encoding="utf-8")
        .replace("{{ static }}", static)
        .replace("{{ endpoint_json }}", _script_json(endpoint))
        .replace("{{ queries_json }}", _script_json(named_queries(queries_dir)))
        .replace("{{ endpoint }}", html.escape(endpoint))
    )
