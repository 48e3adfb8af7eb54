"""`/api/queries`: the named queries of `queries/`, listed and run with URL parameters.

A query runs through the `/sparql` router's executor (`request.app.state.sparql_executor`) by
`run_query`, so it has the endpoint's guard, negotiation (SPARQL results JSON/XML, CSV, TSV;
RDF for CONSTRUCT), time limit and result cap. Errors answer `{"error": ..., "detail": ...}`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from app.api.deps import SettingsDep
from app.named_queries import NamedQuery, ParameterError, QueryLibraryError, load_queries
from app.sparql.errors import SparqlError
from app.sparql.executor import QueryExecutor, run_query
from app.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS
from app.store.bindings import bind

router = APIRouter(prefix="/api/queries", tags=["queries"])

_CORS = {"Access-Control-Allow-Origin": "*"}
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": text, "content": {"application/json": {}}}
    for status, text in {
        400: "Unknown or repeated parameter, or a value of the wrong kind",
        404: "No named query of that name",
        406: "No acceptable media type",
        422: "Result larger than the service's limit",
        503: "Every query worker busy",
        504: "Query timed out and was stopped",
    }.items()
}


def _error(error: SparqlError) -> JSONResponse:
    return JSONResponse(error.as_json(), error.status, headers={**_CORS, **error.headers})


def describe(query: NamedQuery) -> dict[str, Any]:
    """A named query as the listing shows it: name, title, description and parameters."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "parameters": [
            {"name": p.name, "kind": p.kind, "default": p.default, "description": p.doc}
            for p in query.params
        ],
    }


@router.get("", summary="The named queries and their parameters")
def list_queries(settings: SettingsDep) -> list[dict[str, Any]]:
    """Every named query, sorted by name (a broken query file is a 500)."""
    return [describe(q) for q in load_queries(settings.queries_dir).values()]


@router.get(
    "/{name}",
    summary="Run one named query; parameters as URL query parameters",
    responses={
        200: {
            "description": "SELECT/ASK results or CONSTRUCT RDF, as negotiated",
            "content": {media: {} for media in (*RESULTS_FORMATS, *GRAPH_FORMATS)},
        },
        **_ERRORS,
    },
)
async def run_named_query(name: str, request: Request, settings: SettingsDep) -> Response:
    """The answer of `queries/{name}.rq`, its parameters bound from the URL (defaults else)."""
    try:
        try:
            library = load_queries(settings.queries_dir)
        except QueryLibraryError as error:
            raise SparqlError(500, "broken query library", str(error)) from None
        query = library.get(name)
        if query is None:
            known = ", ".join(library)
            raise SparqlError(
                404, "unknown query", f"no named query {name!r}; the named queries are: {known}"
            )
        values: dict[str, str] = {}
        for key, value in request.query_params.multi_items():
            if key in values:
                raise SparqlError(400, "bad parameter", f"parameter {key!r} is given twice")
            values[key] = value
        try:
            text = bind(query.text, query.bindings(values))
        except ParameterError as error:
            raise SparqlError(400, "bad parameter", str(error)) from None
        executor: QueryExecutor = request.app.state.sparql_executor
        body, media_type = await run_in_threadpool(
            run_query, executor, text, request.headers.get("accept")
        )
    except SparqlError as error:
        return _error(error)
    return Response(body, media_type=media_type, headers={**_CORS, "Vary": "Accept"})
