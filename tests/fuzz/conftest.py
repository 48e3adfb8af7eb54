"""Fixtures of the fuzz tests: the service on each backend, running, with the bundled data.

The backend fixtures (`backend_settings` and the servers) come from `tests/backends/fixtures.py`
through `tests/conftest.py`, so one set of servers serves the whole session.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class WithoutLifespan:
    """An ASGI app that forwards HTTP to `app` and refuses the lifespan protocol.

    Schemathesis starts an app's lifespan on first use and keeps it until the process exits;
    the store would stay open (and locked) for the rest of the session. Refusing the lifespan
    scope before reading a message is how an app says it has none: the real lifespan is run by
    the `fuzz_app` fixture instead, for this module only.
    """

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            raise RuntimeError("the lifespan is run by the test fixture")
        await self.app(scope, receive, send)


def _own_copy(settings: Settings, folder: Path) -> Settings:
    """Settings on a copy of the embedded store (the session's `bundled_store` may hold the
    original's lock); remote backends get an empty local store directory, never var/store."""
    target = folder / "store"
    if settings.backend == "embedded":
        shutil.copytree(settings.store_dir, target, ignore=shutil.ignore_patterns("LOCK"))
    else:
        target.mkdir()
    return settings.model_copy(update={"store_dir": target})


@pytest.fixture(scope="module")
def fuzz_app(
    backend_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, WithoutLifespan]]:
    """The service started on each backend (its lifespan run here): backend name and app."""
    settings = _own_copy(backend_settings, tmp_path_factory.mktemp("fuzz"))
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        yield _backend_name(settings), WithoutLifespan(app)


def _backend_name(settings: Settings) -> str:
    if settings.backend == "embedded":
        return "embedded"
    return "virtuoso" if settings.sparql_auth == "digest" else "oxigraph-server"
