"""`/api/resolutions`: the resolutions, one work with its versions, one version's document, and
a work's lineage (JSON, JSON-LD, Turtle, N-Triples). Answers are cached per store generation
and carry an ETag; `If-None-Match` gets a 304."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from rdflib import URIRef

from app.api.deps import ServiceDep, SettingsDep
from app.lineage import views
from app.lineage.cache import CORS_HEADERS, cached_response
from app.lineage.models import (
    BodySlug,
    Lineage,
    Problem,
    Resolution,
    ResolutionList,
    VersionDocument,
)
from app.lineage.negotiate import MEDIA_TYPES, NotAcceptable, choose
from app.lineage.rdf import context_document, lineage_graph, lineage_jsonld, serialize
from app.lineage.service import MAX_DEPTH, cached_index

router = APIRouter(prefix="/api/resolutions", tags=["resolutions"])

BODY_OR_EMPTY = "^(" + "|".join(slug.value for slug in BodySlug) + ")?$"
"""A body slug, or empty (the search form sends `body=` for any body)."""
PAGE_SIZE = 50
"""Resolutions per page of the list."""

NumberPath = Annotated[
    str, Path(pattern=r"^[0-9A-Za-z][0-9A-Za-z-]*$", description="140, or 70-125 for UNGA")
]
YearPath = Annotated[int, Path(ge=1865, le=2100)]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "No such resolution or version"},
    304: {"description": "Not modified (the `If-None-Match` ETag matches)"},
    406: {"model": Problem, "description": "No acceptable representation"},
}
_RDF_CONTENT: dict[str, dict[str, object]] = {
    "application/json": {},
    "application/ld+json": {},
    "text/turtle": {},
    "application/n-triples": {},
}


def _variant(request: Request, offered: tuple[str, ...], fmt: str | None = None) -> str:
    try:
        return choose(request.headers.get("accept"), offered, fmt)
    except NotAcceptable as error:
        raise HTTPException(406, str(error), headers=CORS_HEADERS) from error


def _missing(what: str) -> HTTPException:
    return HTTPException(404, f"{what} is not in the graph", headers=CORS_HEADERS)


@router.get(
    "",
    response_model=ResolutionList,
    summary="The resolutions, filtered and paginated",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}, **_NOT_FOUND},
)
def list_resolutions(
    request: Request,
    service: ServiceDep,
    settings: SettingsDep,
    body: Annotated[str | None, Query(pattern=BODY_OR_EMPTY, description="body slug")] = None,
    year: Annotated[
        str | None, Query(pattern=r"^(\d{4})?$", description="a version's year")
    ] = None,
    action_line: Annotated[
        str | None, Query(pattern=r"^(C\d{1,2}(-[a-z-]+)?)?$", description="C5, C7-e-health")
    ] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    """Resolutions by body, by a version's year, by an action line any version mentions, and
    by words of the label, number or titles (`q`); `page` pages of 50, with next/prev links.
    Browsers (Accept: text/html) get the results as a page."""
    variant = _variant(request, ("json", "html"))
    body, action_line = body or None, action_line or None
    wanted_year = int(year) if year else None
    query = {
        k: v for k, v in request.query_params.items() if k in ("body", "year", "action_line", "q")
    }

    def render() -> tuple[bytes, str]:
        index = cached_index(service, router.prefix)
        words = (q or "").casefold().split()
        items = [
            w
            for w in index.works
            if (body is None or w.body == body)
            and (wanted_year is None or wanted_year in index.years.get(w.id, set()))
            and (action_line is None or action_line in index.action_lines.get(w.id, set()))
            and all(word in index.text.get(w.id, "") for word in words)
        ]
        start = (page - 1) * PAGE_SIZE
        link = router.prefix + "?"
        results = ResolutionList(
            items=items[start : start + PAGE_SIZE],
            total=len(items),
            page=page,
            page_size=PAGE_SIZE,
            next=link + views.query_string(query, page=page + 1)
            if start + PAGE_SIZE < len(items)
            else None,
            prev=link + views.query_string(query, page=page - 1) if page > 1 else None,
        )
        if variant == "html":
            page_html = views.results_page(results, query, views.Links(settings.base_iri))
            return page_html.encode(), "text/html; charset=utf-8"
        return results.model_dump_json().encode(), MEDIA_TYPES["json"]

    return cached_response(request, service.store, variant, render)


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context of the lineage answers",
    responses={200: {"content": {"application/ld+json": {}}}},
)
def context(request: Request, service: ServiceDep) -> Response:
    """The context that `application/ld+json` lineages refer to."""
    return cached_response(
        request,
        service.store,
        "jsonld",
        lambda: (json.dumps(context_document(), indent=2).encode(), MEDIA_TYPES["jsonld"]),
    )


@router.get(
    "/{body}/{number}",
    response_model=Resolution,
    summary="One resolution with its versions",
    responses=_NOT_FOUND,
)
def get_resolution(
    request: Request, service: ServiceDep, body: BodySlug, number: NumberPath
) -> Response:
    """The work and its versions in chronological order, with links to their documents."""
    work = service.work_iri(body.value, number)

    def render() -> tuple[bytes, str]:
        found = service.resolution(work, router.prefix)
        if found is None:
            raise _missing(f"Resolution {number} of {body.value}")
        return found.model_dump_json().encode(), MEDIA_TYPES["json"]

    return cached_response(request, service.store, "json", render)


@router.get(
    "/{body}/{number}/versions/{year}",
    response_model=VersionDocument,
    summary="One version's document",
    responses=_NOT_FOUND,
)
def get_version(
    request: Request, service: ServiceDep, body: BodySlug, number: NumberPath, year: YearPath
) -> Response:
    """Clauses with roles, mandates, action lines and references with their spans in the
    source file, for one version."""
    iri = URIRef(f"{service.work_iri(body.value, number)}/{year:04d}")

    def render() -> tuple[bytes, str]:
        doc = service.version_document(iri)
        if doc is None:
            raise _missing(f"Resolution {number} ({year}) of {body.value}")
        return doc.model_dump_json().encode(), MEDIA_TYPES["json"]

    return cached_response(request, service.store, "json", render)


@router.get(
    "/{body}/{number}/lineage",
    response_model=Lineage,
    summary="A resolution's lineage",
    responses={200: {"content": _RDF_CONTENT}, **_NOT_FOUND},
)
def get_lineage(
    request: Request,
    service: ServiceDep,
    body: BodySlug,
    number: NumberPath,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH)] = 0,
    format: Annotated[str | None, Query(pattern="^(json|jsonld|turtle|ntriples)$")] = None,
) -> Response:
    """The versions in chronological order with what each revises, cites and is cited by;
    `depth` (1-3) adds the versions reached along citations, both ways. JSON by default,
    JSON-LD (`application/ld+json`), Turtle or N-Triples on request."""
    variant = _variant(request, ("json", "jsonld", "turtle", "ntriples"), format)
    work = service.work_iri(body.value, number)

    def render() -> tuple[bytes, str]:
        lineage = service.lineage(work, depth)
        if lineage is None:
            raise _missing(f"Resolution {number} of {body.value}")
        if variant == "json":
            return lineage.model_dump_json().encode(), MEDIA_TYPES["json"]
        if variant == "jsonld":
            url = f"{request.base_url}api/resolutions/context.jsonld"
            return json.dumps(lineage_jsonld(lineage, url), indent=1).encode(), MEDIA_TYPES[
                "jsonld"
            ]
        return serialize(lineage_graph(lineage), variant), MEDIA_TYPES[variant]

    return cached_response(request, service.store, variant, render)


@router.options("", include_in_schema=False)
@router.options("/{rest:path}", include_in_schema=False)
def preflight() -> Response:
    """CORS preflight: any origin may GET with `Accept` and `If-None-Match`."""
    return Response(
        status_code=204,
        headers={
            **CORS_HEADERS,
            "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
            "Access-Control-Allow-Headers": "Accept, If-None-Match, Content-Type",
            "Access-Control-Max-Age": "86400",
        },
    )
