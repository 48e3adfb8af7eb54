"""`/healthz`: liveness of the service and its store."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/healthz", summary="Liveness")
def healthz(store: StoreDep) -> dict[str, str]:
    """`{"status": "ok"}` once the store is open (cheap: benchmarks use it as their floor)."""
    return {"status": "ok" if not store.is_empty() else "empty"}
