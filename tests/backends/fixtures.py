"""Every store backend behind the same fixtures: the embedded store, Virtuoso, Oxigraph's server.

Servers start once per session (on 127.0.0.1, in temporary directories) and stop at its end.
A server that cannot be had is a skip with the reason, unless `CI` is set: then it fails.

- `store`: an empty store on each backend (its graphs go under the per-test `base`);
- `backend_settings`: Settings for a store holding the bundled build, on each backend;
- `backend_store`: that store, opened once (read it, do not write it).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from app.build import build
from app.settings import PROJECT_ROOT, Settings
from app.store import Store, open_store
from app.store.embedded import EmbeddedStore
from tests.backends.servers import Server, start_oxigraph, start_virtuoso

BACKENDS = ["embedded", "virtuoso", "oxigraph-server"]
"""Every backend the parametrized fixtures run on."""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Virtuoso on a fresh database, `dba` with a random password (installed if missing and
    we are root)."""
    if shutil.which("virtuoso-t") is None and os.geteuid() == 0:
        subprocess.run(
            [str(PROJECT_ROOT / ".ci" / "install-virtuoso")],
            check=False,
            timeout=600,
            stdout=subprocess.DEVNULL,
        )
    if shutil.which("virtuoso-t") is None:
        _unavailable("virtuoso-t is not installed (run .ci/install-virtuoso as root)")
    # 16 characters: longer passwords set by `+pwddba` (over 20) then fail authentication.
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), secrets.token_hex(8))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`oxigraph serve` on a fresh directory (the `oxigraph` package provides the command)."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    if shutil.which("oxigraph") is None and not beside_python.exists():
        _unavailable("the oxigraph command is not installed (pip install oxigraph)")
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


def server_for(request: pytest.FixtureRequest, backend: str) -> Server | None:
    """The running server of a backend (started on first use); None for the embedded one."""
    if backend == "embedded":
        return None
    fixture = {"virtuoso": "virtuoso_server", "oxigraph-server": "oxigraph_server"}[backend]
    server = request.getfixturevalue(fixture)
    assert isinstance(server, Server)
    return server


def remote_settings(server: Server, **overrides: object) -> Settings:
    """Settings that point the service at `server` (as `RESKG_*` variables would)."""
    values: dict[str, object] = {
        "backend": "sparql",
        "sparql_query_url": server.query_url,
        "sparql_update_url": server.update_url,
        "sparql_gsp_url": server.gsp_url,
        "sparql_user": server.user,
        "sparql_password": SecretStr(server.password) if server.password else None,
        "sparql_auth": server.auth or "none",
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def base() -> str:
    """A base IRI of this test's own: tests on one server do not see each other's graphs."""
    return f"https://w3id.org/reskg/test/{uuid.uuid4().hex}/"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, base: str, tmp_path: Path) -> Iterator[Store]:
    """An empty store on each backend."""
    server = server_for(request, request.param)
    if server is None:
        opened: Store = EmbeddedStore(tmp_path / "store")
    else:
        opened = open_store(remote_settings(server, base_iri=base))
    yield opened
    if server is not None:
        opened.drop_graphs(opened.graph_names())
    opened.close()


@pytest.fixture(scope="session", params=BACKENDS)
def backend_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings for a store holding the bundled build, on each backend (built once)."""
    server = server_for(request, request.param)
    if server is None:
        settings = request.getfixturevalue("bundled_settings")
        assert isinstance(settings, Settings)
        return settings
    settings = remote_settings(server)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def backend_store(request: pytest.FixtureRequest, backend_settings: Settings) -> Iterator[Store]:
    """The built store of `backend_settings`, opened once (read it, do not write it); the
    embedded one is `bundled_store` (a store directory opens once per process)."""
    if backend_settings.backend == "embedded":
        shared = request.getfixturevalue("bundled_store")
        assert isinstance(shared, Store)
        yield shared
        return
    opened = open_store(backend_settings)
    yield opened
    opened.close()
