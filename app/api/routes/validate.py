"""`POST /api/validate`: check RDF, a resolution text or AKN XML against the stored graph.

Nothing is stored. The body is read as if it were being added and validated at the nodes it
touches. Nothing in it is fetched (no remote JSON-LD contexts, no owl:imports) and XML is
parsed with defusedxml.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from app.api.bodies import INPUT_MEDIA_TYPES, BodyTooLarge, read_body
from app.api.deps import SettingsDep, StoreDep
from app.registry import load_registry
from app.validation import (
    InputError,
    Report,
    ValidationError,
    candidate_from_inputs,
    validate_candidate,
)

router = APIRouter(prefix="/api", tags=["validation"])


_SUFFIXES = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
    "text": ".txt",
    "akn": ".xml",
}
REPORT_MEDIA_TYPES = {"application/json": "json", "text/turtle": "turtle"}
"""Report formats by the media type asked for in `Accept`."""

_REPORT_EXAMPLE = {
    "conforms": False,
    "results": [
        {
            "severity": "Violation",
            "shape": "https://w3id.org/reskg/shapes#C02-no-citation-of-the-future",
            "focus": "https://w3id.org/reskg/id/source/request/citation/1",
            "path": None,
            "value": "https://w3id.org/reskg/id/resolution/pp/71/2014",
            "message": "Cites ... after the citing version (2010): ...",
            "source": {"file": "request.txt", "line": 9, "start": 160, "end": 220},
        }
    ],
}


def _wants_turtle(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    kinds = [part.split(";")[0].strip() for part in accept.split(",")]
    return "text/turtle" in kinds and "application/json" not in kinds[: kinds.index("text/turtle")]


@router.post(
    "/validate",
    summary="Validate RDF, a resolution text or AKN XML with the stored graph (stores nothing)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "string"}} for media in INPUT_MEDIA_TYPES},
        }
    },
    responses={
        200: {
            "description": "The validation report (conforms is false when there are violations)",
            "content": {"application/json": {"example": _REPORT_EXAMPLE}, "text/turtle": {}},
        },
        400: {"description": "Malformed input; the message says where (file:line)"},
        413: {"description": "The body is larger than the configured limit"},
        415: {"description": "A media type that cannot be validated"},
    },
)
async def validate(
    request: Request, store: StoreDep, settings: SettingsDep, name: str | None = None
) -> Response:
    """Read the body by its Content-Type, validate it with the stored graph, report."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    kind = INPUT_MEDIA_TYPES.get(media)
    if kind is None:
        supported = ", ".join(INPUT_MEDIA_TYPES)
        what = media or "a body without a type"
        raise HTTPException(415, f"cannot validate {what}; send one of {supported}")
    try:
        data = await read_body(request, settings.max_body_bytes)
    except BodyTooLarge as error:
        raise HTTPException(413, str(error)) from error
    file = name or f"request{_SUFFIXES[kind]}"

    def run() -> Report:
        registry = load_registry(settings.reference_dir)
        candidate = candidate_from_inputs([(file, data, kind)], settings, registry)
        return validate_candidate(store, candidate, settings)

    try:
        report = await run_in_threadpool(run)
    except InputError as error:
        raise HTTPException(400, str(error)) from None
    except ValidationError as error:
        raise HTTPException(500, str(error)) from None
    if _wants_turtle(request):
        return Response(report.to_turtle(), media_type="text/turtle")
    return JSONResponse(report.to_json())
