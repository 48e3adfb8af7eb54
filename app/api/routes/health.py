"""`/healthz`: liveness, and the size of the graph the service answers from."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/healthz", summary="Liveness and store size")
def healthz(store: StoreDep) -> dict[str, object]:
    """`{"status": "ok", "quads": N}`."""
    return {"status": "ok", "quads": len(store)}
