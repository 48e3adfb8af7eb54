"""The home page (search form and bodies) and the static files of the pages."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response

from app.api.deps import ServiceDep, SettingsDep
from app.api.routes.resolutions import router as resolutions_router
from app.lineage import views
from app.lineage.cache import cached_response, etag_of
from app.lineage.service import cached_index

router = APIRouter(tags=["pages"])

STATIC = Path(__file__).resolve().parents[2] / "static"


@router.get(
    "/",
    summary="Home page",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}},
)
def home(request: Request, service: ServiceDep, settings: SettingsDep) -> Response:
    """Search the resolutions; browse them by body."""

    def render() -> tuple[bytes, str]:
        counts: dict[str, int] = {}
        for work in cached_index(service, resolutions_router.prefix).works:
            counts[work.body] = counts.get(work.body, 0) + 1
        page = views.home_page(sorted(counts.items()), views.Links(settings.base_iri))
        return page.encode(), "text/html; charset=utf-8"

    return cached_response(request, service.store, "html", render)


@router.get("/static/{path:path}", include_in_schema=False)
def static(path: str, request: Request) -> Response:
    """A file of `app/static/` (stylesheets), with an ETag."""
    root = STATIC.resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        raise HTTPException(404, f"no static file {path}")
    body = file.read_bytes()
    etag = etag_of(body)
    headers = {"ETag": etag, "Cache-Control": "public, max-age=3600"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return Response(body, media_type=media, headers=headers)
