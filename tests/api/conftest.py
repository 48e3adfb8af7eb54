"""Fixtures for the API tests: a small store of a few named graphs, and apps on it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from app.api.main import create_app
from app.settings import Settings
from app.store import Triple
from app.store.embedded import EmbeddedStore

EX = Namespace("https://example.org/")
GRAPH_1 = URIRef("https://example.org/graph/res1")
GRAPH_2 = URIRef("https://example.org/graph/res2")

SMALL_GRAPHS: dict[URIRef, list[Triple]] = {
    GRAPH_1: [
        (EX.res1, RDF.type, EX.Resolution),
        (EX.res1, EX.title, Literal("Resolution 1", lang="en")),
        (EX.res1, EX.cites, EX.res2),
    ],
    GRAPH_2: [
        (EX.res2, RDF.type, EX.Resolution),
        (EX.res2, EX.title, Literal("Resolution 2", lang="en")),
        (EX.res2, EX.number, Literal(2, datatype=XSD.integer)),
    ],
}


def make_store(store_dir: Path, graphs: Mapping[URIRef, list[Triple]]) -> Path:
    """A store in `store_dir` holding `graphs`, closed again so an app can open it."""
    store = EmbeddedStore(store_dir)
    store.bulk_load(graphs)
    store.close()
    return store_dir


def make_settings(store_dir: Path, **overrides: object) -> Settings:
    """Settings on `store_dir` with an empty queries folder beside it."""
    queries = store_dir.parent / "queries"
    queries.mkdir(exist_ok=True)
    return Settings(store_dir=store_dir, queries_dir=queries, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store directory holding `SMALL_GRAPHS`."""
    return make_store(tmp_path_factory.mktemp("small") / "store", SMALL_GRAPHS)


@pytest.fixture(scope="module")
def client(small_store: Path) -> Iterator[TestClient]:
    """A running app on the small store."""
    with TestClient(create_app(make_settings(small_store))) as test_client:
        yield test_client
