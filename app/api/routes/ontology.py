"""`/ontology`: the ontology's human documentation (HTML) and its Turtle source."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from app.api.deps import SettingsDep
from app.ontology_docs import render_ontology_html

router = APIRouter(tags=["ontology"])


@lru_cache(maxsize=4)
def _html(ontology_dir: Path) -> str:
    return render_ontology_html(ontology_dir)


@router.get(
    "/ontology",
    response_class=HTMLResponse,
    summary="The ontology, documented for people",
    responses={200: {"content": {"text/html": {}}}},
)
def ontology_html(settings: SettingsDep) -> HTMLResponse:
    """pyLODE's rendering of `ontology/*.ttl`."""
    return HTMLResponse(_html(settings.ontology_dir))


@router.get(
    "/ontology.ttl",
    summary="The ontology in Turtle",
    responses={200: {"content": {"text/turtle": {}}}},
)
def ontology_turtle(settings: SettingsDep) -> Response:
    """The ontology files, concatenated as they are."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(settings.ontology_dir.glob("*.ttl"))]
    return Response("\n".join(parts), media_type="text/turtle")
