"""The ingest on every store backend (embedded, Virtuoso, Oxigraph's server), and `/sparql`
forwarded to the SPARQL server on the remote ones.

Each backend gets the bundled build of its own: a copy of the template for the embedded store,
a build under a base IRI of this module's on the servers (the shared `backend_settings` stores
are read by other tests and must not be written)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.build import build
from app.ingest import SourceInput, delete_document, ingest
from app.settings import Settings
from app.store import Store, open_store
from tests.backends.fixtures import BACKENDS, remote_settings, server_for
from tests.ingest.conftest import AUTH, FUTURE_CITATION, TOKEN, wtdc_99


@pytest.fixture(scope="module", params=BACKENDS)
def built(
    request: pytest.FixtureRequest, template_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings on a bundled build of this module's own, on each backend."""
    server = server_for(request, request.param)
    if server is None:
        store_dir = tmp_path_factory.mktemp("ingest-embedded") / "store"
        shutil.copytree(template_dir, store_dir)
        return Settings(store_dir=store_dir, write_token=SecretStr(TOKEN))
    base = f"https://w3id.org/reskg/ingest-test/{uuid.uuid4().hex}/"
    settings = remote_settings(server, base_iri=base, write_token=SecretStr(TOKEN))
    build(settings)
    return settings


@pytest.fixture
def opened(built: Settings) -> Iterator[Store]:
    """The built store, opened for one test."""
    store = open_store(built)
    yield store
    store.close()


def _citations(built: Settings) -> str:
    return (
        "PREFIX reskg: <https://w3id.org/reskg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { "
        f"?c reskg:citingVersion <{built.base_iri}resolution/wtdc/99/2017> }}"
    )


def test_ingest_replace_reject_and_delete_on_every_backend(built: Settings, opened: Store) -> None:
    before = set(opened.dump("nquads").splitlines())
    rejected = ingest(opened, built, [SourceInput("res-90.txt", FUTURE_CITATION)], cached=False)
    assert rejected.landed is False
    assert set(opened.dump("nquads").splitlines()) == before
    first = ingest(opened, built, [SourceInput("wtdc-99.txt", wtdc_99(3))], cached=False)
    second = ingest(opened, built, [SourceInput("wtdc-99.txt", wtdc_99(1))], cached=False)
    assert (first.landed, second.landed) == (True, True)
    assert second.replaced == (f"{built.base_iri}source/wtdc-99",)
    assert int(opened.select(_citations(built))[0]["n"]) == 4
    delete_document(opened, built, "wtdc-99")
    assert set(opened.dump("nquads").splitlines()) == before


def test_sparql_answers_from_the_store_of_every_backend(built: Settings) -> None:
    graph = f"{built.base_iri}source/wtdc-99"
    # Rows, not a COUNT: Virtuoso counts 1 in a graph outside the protocol's named graphs.
    in_graph = f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT 1"
    csv = {"Accept": "text/csv"}
    with TestClient(create_app(built)) as client:

        def count(query: str) -> int:
            answer = client.get("/sparql", params={"query": query}, headers=csv)
            assert answer.status_code == 200, answer.text
            return int(answer.text.split()[1])

        def rows(query: str) -> int:
            answer = client.get("/sparql", params={"query": query}, headers=csv)
            assert answer.status_code == 200, answer.text
            return len(answer.text.split()) - 1

        assert (count(_citations(built)), rows(in_graph)) == (0, 0)
        posted = client.post(
            "/api/documents?name=wtdc-99.txt",
            content=wtdc_99(),
            headers={**AUTH, "Content-Type": "text/plain"},
        )
        assert posted.status_code == 201, posted.text
        assert count(_citations(built)) == 4
        assert rows(in_graph) == 1
        json_answer = client.get(
            "/sparql",
            params={"query": _citations(built)},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert json_answer.json()["results"]["bindings"][0]["n"]["value"] == "4"
        ask = client.get(
            "/sparql",
            params={"query": f"ASK {{ <{built.base_iri}resolution/wtdc/99/2017> ?p ?o }}"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert ask.json() == {"head": {}, "boolean": True}
        assert client.delete("/api/documents/wtdc-99", headers=AUTH).status_code == 200
        assert count(_citations(built)) == 0


def test_remote_sparql_limits_rows_and_time(
    built: Settings, request: pytest.FixtureRequest
) -> None:
    if built.backend != "sparql":
        pytest.skip("the embedded endpoint's limits are tested in tests/api")
    every = "SELECT * WHERE { ?s ?p ?o }"
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    small = built.model_copy(update={"max_results": 10, "query_timeout_s": 1.0})
    with TestClient(create_app(small)) as client:
        capped = client.get("/sparql", params={"query": every})
        limited = client.get("/sparql", params={"query": every + " LIMIT 10"})
        late = client.get("/sparql", params={"query": slow})
    assert (capped.status_code, capped.json()["error"]) == (422, "result too large")
    assert len(limited.json()["results"]["bindings"]) == 10
    stopped = (late.status_code, late.json()["error"])
    if "virtuoso" in request.node.callspec.id:
        # Virtuoso may refuse the cross product up front on its own cost estimate
        # (MaxQueryCostEstimationTime) before the time limit is reached: stopped either way
        assert stopped in {(504, "query timed out"), (400, "refused by the SPARQL server")}
    else:
        assert stopped == (504, "query timed out")
