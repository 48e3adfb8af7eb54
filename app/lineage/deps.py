"""Typed dependencies of the lineage routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from app.api.deps import SettingsDep, StoreDep
from app.iris import Iris
from app.lineage.queries import Queries
from app.lineage.service import LineageService


def get_service(store: StoreDep, settings: SettingsDep) -> LineageService:
    """The lineage service on the app's store, with the settings' queries and base IRI."""
    return LineageService(store, Queries(settings.queries_dir), Iris(settings.base_iri))


ServiceDep = Annotated[LineageService, Depends(get_service)]
