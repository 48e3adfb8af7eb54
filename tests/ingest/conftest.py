"""Fixtures of the ingest tests: the bundled store built once, a fresh copy of it per test, an app
on the copy with a write token, and the texts the tests ingest."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.build import build
from app.settings import Settings

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "https://w3id.org/reskg/id/"
NEW_VERSION = BASE + "resolution/wtdc/99/2017"
"""The version `wtdc_99()` reads as."""


def wtdc_99(citing_busan: int = 1) -> bytes:
    """A new WTDC text citing PP Resolution 140 (Rev. Busan, 2014) in `citing_busan` clauses (1
    to 3), and Resolution 71 (Rev. Busan, 2014) and Action Lines C2 and C5 once each."""
    recitals = [
        "a) Resolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference, on the strategic "
        "plan for the Union;",
        *(
            f"{letter}) Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference, on "
            "ITU's role in implementing the outcomes of the World Summit on the Information "
            "Society;"
            for letter in "bcd"[:citing_busan]
        ),
    ]
    text = (
        "RESOLUTION 99 (Buenos Aires, 2017)\n\n"
        "Connecting the unconnected through the outcomes of the World Summit on the Information "
        "Society\n\n"
        "The World Telecommunication Development Conference (Buenos Aires, 2017),\n\n"
        "recalling\n\n" + "\n".join(recitals) + "\n\n"
        "resolves\n\n"
        "1 to invite Member States to implement Action Lines C2 and C5;\n"
        "2 to instruct the Director of the Telecommunication Development Bureau to report on "
        "this resolution.\n"
    )
    return text.encode()


FUTURE_CITATION = (
    b"RESOLUTION 90 (Hyderabad, 2010)\n\nKeeping the strategic plan in view\n\n"
    b"The World Telecommunication Development Conference (Hyderabad, 2010),\n\nrecalling\n\n"
    b"a) Resolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference, on the strategic "
    b"plan for the Union,\n\nresolves\n\n1 to take the strategic plan for the Union into account "
    b"in its work.\n"
)
"""A 2010 text citing a 2014 version: rejected by C02-no-citation-of-the-future."""


def named_count(client: Any) -> int:
    """How many citations of PP Resolution 140 the new version makes, by the named query
    `cited-by-across-versions` (0 when it is not in the store); `client` is a TestClient or an
    httpx.Client on the service."""
    answer = client.get(
        "/api/queries/cited-by-across-versions",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    rows = [r for r in answer.json()["results"]["bindings"] if r["citing"]["value"] == NEW_VERSION]
    return sum(int(r["citations"]["value"]) for r in rows)


def quads(store_dir: Path) -> set[str]:
    """Every quad of a closed store directory, as `<s> <p> <o> <g>`."""
    store = ox.Store(str(store_dir))
    try:
        return {str(q) for q in store}
    finally:
        del store


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store of the bundled data, built once; copy it, never open it."""
    store_dir = tmp_path_factory.mktemp("ingest-template") / "store"
    build(Settings(store_dir=store_dir))
    return store_dir


@pytest.fixture(scope="session")
def template_quads(template_dir: Path) -> set[str]:
    """The template's quads."""
    return quads(template_dir)


@pytest.fixture
def store_dir(template_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the bundled store for this test."""
    target = tmp_path / "store"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture
def settings(store_dir: Path) -> Settings:
    """Settings on this test's copy, with writes enabled by `TOKEN`."""
    return Settings(store_dir=store_dir, write_token=SecretStr(TOKEN))


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """An app on this test's copy."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def pytest_configure(config: pytest.Config) -> None:
    """The `load` marker: a short, bounded load test that CI runs (deselect with -m 'not load')."""
    config.addinivalue_line("markers", "load: a bounded load test against uvicorn (about 20 s)")
