"""Fixtures of the lineage tests: the bundled data built once, a client on it, and the app
served by uvicorn on 127.0.0.1 (free port) for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.build import build
from app.settings import Settings

BASE = "https://w3id.org/reskg/id/"


@pytest.fixture(scope="session")
def lineage_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a store of the bundled data, built once for these tests."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("lineage") / "store")
    build(settings)
    return settings


@pytest.fixture(scope="session")
def client(lineage_settings: Settings) -> Iterator[TestClient]:
    """A client of the app on the bundled store."""
    with TestClient(create_app(lineage_settings)) as test_client:
        yield test_client


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(client: TestClient, lineage_settings: Settings) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1; yields its root URL.

    A store directory can be opened once per process, so uvicorn serves the client's app
    (whose lifespan already opened the store) with its own lifespan off.
    """
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(client.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
