"""`/api/documents`: data stewards add, replace and remove source texts.

`POST /api/documents?name=FILE` reads the body (a resolution text as `text/plain` or
`text/markdown`, Akoma Ntoso as `application/xml` or `application/akn+xml`), validates it with
the stored graph and lands it in one transaction (`app.ingest`). `name` is required: it is the
file name the graph records and decides the source id, and a second `POST` of the same name
replaces what the first one landed. A rejected document changes nothing: 422 with the
validation report. `DELETE /api/documents/{id}` removes one source text (the id may hold
slashes: `pp18_final_acts_akn/res-140`). Writes need `Authorization: Bearer <RESKG_WRITE_TOKEN>`;
without a configured token they are disabled (403). Reads are open.
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from app.api.bodies import DOCUMENT_MEDIA_TYPES, BodyTooLarge, read_body
from app.api.deps import SettingsDep, StoreDep
from app.ingest import (
    SUFFIXES,
    DeleteResult,
    IngestResult,
    SourceConflict,
    SourceInput,
    UnknownSource,
    delete_document,
    ingest,
    stored_sources,
)
from app.registry import load_registry
from app.store import StoreError
from app.validation import InputError, ValidationError

router = APIRouter(prefix="/api/documents", tags=["documents"])


_BEARER = {"WWW-Authenticate": 'Bearer realm="reskg"'}


def _problem(text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {}}}


_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _problem("No or a wrong bearer token (`WWW-Authenticate: Bearer`)"),
    403: _problem("Writes are disabled: no RESKG_WRITE_TOKEN is configured"),
}


def require_writer(request: Request, settings: SettingsDep) -> None:
    """Let the request write only with the configured bearer token (compared in constant time)."""
    secret = settings.write_token.get_secret_value() if settings.write_token else ""
    if not secret:
        raise HTTPException(403, "writes are disabled: the service has no RESKG_WRITE_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), secret.encode()
    ):
        raise HTTPException(401, "a valid bearer token is required to write", headers=_BEARER)


WriterDep = Annotated[None, Depends(require_writer)]


def _kind(request: Request, name: str | None) -> tuple[str, str]:
    """The file name and what the body is read as; 415 or 400 when they do not fit."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    kind = DOCUMENT_MEDIA_TYPES.get(media)
    if kind is None:
        raise HTTPException(
            415,
            f"cannot ingest {media or 'a body without a type'}; send one of "
            + ", ".join(DOCUMENT_MEDIA_TYPES),
        )
    if not name:
        raise HTTPException(400, "give the file name as ?name=, e.g. ?name=my-resolution.txt")
    if SUFFIXES.get(Path(name).suffix.lower()) != kind:
        wanted = ".xml" if kind == "akn" else ".txt or .md"
        raise HTTPException(400, f"{name}: a {media} body needs a name ending in {wanted}")
    return name, kind


@router.get("", summary="The stored source texts")
def list_documents(store: StoreDep, settings: SettingsDep) -> list[dict[str, str]]:
    """Every stored source text: id, graph, version and file, sorted by id."""
    return [d.to_json() for d in stored_sources(store, settings)]


@router.get(
    "/{source_id:path}",
    summary="One stored source text (or the components of an AKN collection)",
    responses={404: _problem("No source text of that id")},
)
def get_document(source_id: str, store: StoreDep, settings: SettingsDep) -> list[dict[str, str]]:
    """The source text `source_id` (a list: an AKN collection's id gives its components)."""
    found = stored_sources(store, settings, source_id)
    if not found:
        raise HTTPException(404, f"no source text {source_id!r} is stored")
    return [d.to_json() for d in found]


@router.post(
    "",
    status_code=201,
    summary="Add or replace a source text: validated, then landed in one transaction",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "string"}} for media in DOCUMENT_MEDIA_TYPES},
        }
    },
    responses={
        201: _problem("Landed: the documents' ids, graphs and versions, and the report"),
        400: _problem("Malformed input or name; the message says where (file:line)"),
        409: _problem("A source id the store holds from another file"),
        413: _problem("The body is larger than the configured limit"),
        415: _problem("A media type that cannot be ingested"),
        422: _problem("Rejected by validation (nothing changed): the report"),
        **_WRITE_ERRORS,
    },
)
async def add_document(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    _writer: WriterDep,
    name: str | None = None,
) -> JSONResponse:
    """Read the body by its Content-Type as file `name`, validate it and land it."""
    file, _ = _kind(request, name)
    try:
        data = await read_body(request, settings.max_body_bytes)
    except BodyTooLarge as error:
        raise HTTPException(413, str(error)) from error
    registry = load_registry(settings.reference_dir)

    def run() -> IngestResult:
        return ingest(store, settings, [SourceInput(file, data)], registry=registry)

    try:
        result = await run_in_threadpool(run)
    except InputError as error:
        raise HTTPException(400, str(error)) from None
    except SourceConflict as error:
        raise HTTPException(409, str(error)) from None
    except (ValidationError, StoreError) as error:
        raise HTTPException(503, f"the store could not be written: {error}") from None
    if not result.landed:
        return JSONResponse(result.to_json(), status_code=422)
    first = result.documents[0].source_id if result.documents else ""
    return JSONResponse(
        result.to_json(), status_code=201, headers={"Location": f"{router.prefix}/{first}"}
    )


@router.delete(
    "/{source_id:path}",
    summary="Remove a source text (and recompute what depends on all texts)",
    responses={404: _problem("No source text of that id"), **_WRITE_ERRORS},
)
async def remove_document(
    source_id: str, store: StoreDep, settings: SettingsDep, _writer: WriterDep
) -> dict[str, Any]:
    """Remove `source_id`'s graph (every component's, for an AKN collection's id)."""

    def run() -> DeleteResult:
        return delete_document(store, settings, source_id)

    try:
        result = await run_in_threadpool(run)
    except UnknownSource as error:
        raise HTTPException(404, str(error)) from None
    except StoreError as error:
        raise HTTPException(503, f"the store could not be written: {error}") from None
    return {"id": result.source_id, "removed": list(result.removed)}
