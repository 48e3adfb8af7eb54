"""Typed dependencies shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.iris import Iris
from app.lineage.queries import Queries
from app.lineage.service import LineageService
from app.settings import Settings, get_settings
from app.store import Store


def get_store(request: Request) -> Store:
    """The store the app opened at start-up."""
    store: Store = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def get_lineage(store: StoreDep, settings: SettingsDep) -> LineageService:
    """The lineage service on the app's store, with the settings' queries and base IRI."""
    return LineageService(store, Queries(settings.queries_dir), Iris(settings.base_iri))


ServiceDep = Annotated[LineageService, Depends(get_lineage)]
