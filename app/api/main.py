"""The FastAPI application: opens the store (building the bundled data when it is empty)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api.routes import (
    documents,
    health,
    linked_data,
    ontology,
    pages,
    queries,
    resolutions,
    sparql,
    validate,
)
from app.build import open_built
from app.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """A service on the store of `settings` (the environment's when None)."""
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_built(chosen)
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="reskg",
        summary="A knowledge graph of the ITU's cross-referenced resolutions",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.dependency_overrides[get_settings] = lambda: chosen
    for router in (
        health.router,
        ontology.router,
        sparql.router,
        queries.router,
        validate.router,
        documents.router,
        resolutions.router,
        pages.router,
        linked_data.router,
    ):
        app.include_router(router)
    return app
