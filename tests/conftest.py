"""Shared fixtures: settings on a temporary store, and the bundled data built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.build import build
from app.settings import Settings
from app.store import Store, open_store
from tests.backends.fixtures import (  # noqa: F401  (one set of servers for the whole session)
    backend_settings,
    backend_store,
    base,
    oxigraph_server,
    store,
    virtuoso_server,
)


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose store holds the bundled data, built once per test session."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("bundled") / "store")
    build(settings)
    return settings


@pytest.fixture(scope="session")
def bundled_store(bundled_settings: Settings) -> Iterator[Store]:
    """The bundled store, opened once (read it, do not write it)."""
    opened = open_store(bundled_settings.store_dir)
    yield opened
    opened.close()


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    """Settings on a store directory that does not exist yet."""
    return Settings(store_dir=tmp_path / "store")
