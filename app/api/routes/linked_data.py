"""Dereferenceable IRIs: every IRI minted under the base answers at its path.

`GET /resolution/pp/140` (and versions, meetings, bodies, action lines, documents, decisions,
source texts and their clauses) gives HTML to browsers and Turtle, JSON-LD or N-Triples to
clients that ask for them: the resource's triples, the labels of what it links to and the
structural links into it. The path maps to `{settings.base_iri}{path}`. Include this router
last: its paths catch whole subtrees.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from rdflib import URIRef

from app.api.deps import ServiceDep, SettingsDep
from app.iris import INSTRUMENT_KINDS, IriError, Iris
from app.lineage import views
from app.lineage.cache import CORS_HEADERS, cached_response
from app.lineage.negotiate import MEDIA_TYPES, NotAcceptable, choose
from app.lineage.rdf import serialize

router = APIRouter(tags=["linked data"])

OFFERED = ("turtle", "html", "jsonld", "ntriples")
"""What an IRI can answer with; `*/*` gets Turtle, browsers ask for HTML."""

_CONTENT: dict[str, dict[str, object]] = {MEDIA_TYPES[name]: {} for name in OFFERED}


Format = Annotated[str | None, Query(pattern="^(turtle|html|jsonld|ntriples)$")]


def dereference_path(
    rest: str, request: Request, service: ServiceDep, settings: SettingsDep, format: Format = None
) -> Response:
    """Describe the resource this path names under the base IRI (404 when the graph lacks it)."""
    return dereference(request, service, settings, format)


def dereference(
    request: Request, service: ServiceDep, settings: SettingsDep, format: Format = None
) -> Response:
    """Describe the resource this path names under the base IRI (404 when the graph lacks it)."""
    try:
        variant = choose(request.headers.get("accept"), OFFERED, format)
    except NotAcceptable as error:
        raise HTTPException(406, str(error), headers=CORS_HEADERS) from error
    iri = settings.base_iri + request.url.path.lstrip("/")
    try:
        parsed = Iris(settings.base_iri).parse(iri)
    except IriError as error:
        raise HTTPException(
            404, f"{iri} is not an IRI of this graph", headers=CORS_HEADERS
        ) from error
    links = views.Links(settings.base_iri)

    def render() -> tuple[bytes, str]:
        node = URIRef(iri)
        if not service.exists(node):
            raise HTTPException(404, f"{iri} is not in the graph", headers=CORS_HEADERS)
        if variant == "html":
            return _html(service, settings, parsed.kind, node, links).encode(), (
                "text/html; charset=utf-8"
            )
        graph = service.queries.construct(service.store, "lineage-describe", resource=node)
        return serialize(graph, variant), MEDIA_TYPES[variant]

    return cached_response(request, service.store, variant, render)


def _html(
    service: ServiceDep, settings: SettingsDep, kind: str, node: URIRef, links: views.Links
) -> str:
    if kind in INSTRUMENT_KINDS:
        lineage = service.lineage(node, depth=0)
        if lineage is not None:
            return views.resolution_page(lineage, links)
    if kind.endswith("-version"):
        doc = service.version_document(node)
        if doc is not None:
            lineage = service.lineage(URIRef(doc.resolution)) if doc.resolution else None
            return views.version_page(doc, lineage, settings.sources_dir, links)
    graph = service.queries.construct(service.store, "lineage-describe", resource=node)
    return views.resource_page(views.describe(graph, str(node), kind, links), links)


_HEADS = (*INSTRUMENT_KINDS, "meeting", "body", "action-line", "document", "source", "graph")
for _head in _HEADS:
    router.add_api_route(
        f"/{_head}/{{rest:path}}",
        dereference_path,
        methods=["GET"],
        summary=f"Dereference a {_head} IRI",
        responses={200: {"content": _CONTENT}, 404: {"description": "Not in the graph"}},
        name=f"dereference_{_head.replace('-', '_')}",
    )
router.add_api_route(
    "/action-line",
    dereference,
    methods=["GET"],
    summary="Dereference the action-line scheme",
    responses={200: {"content": _CONTENT}, 404: {"description": "Not in the graph"}},
    name="dereference_action_line_scheme",
)
