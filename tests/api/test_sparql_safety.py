"""What `/sparql` must never do: fetch anything, crash, run forever, answer without bounds."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from app.api.main import create_app
from app.store import Triple
from tests.api.conftest import EX, SMALL_GRAPHS, make_settings, make_store

SLOW_GRAPH = URIRef("https://example.org/graph/generated")
GENERATED: list[Triple] = [(EX[f"item{i}"], EX.value, Literal(i)) for i in range(3000)]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
TIMEOUT_S = 1.0


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def _record(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("content-type", "text/turtle")
        self.end_headers()
        self.wfile.write(b"<https://leak.example/s> <https://leak.example/p> 'LEAKED' .")

    do_GET = do_POST = _record

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def outside() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server (its base URL) and the requests it receives: there must be none."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", _Recorder.requests
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app with a 1 s time limit, 1,000 results at most, on 3,006 triples."""
    store_dir = tmp_path_factory.mktemp("safety") / "store"
    make_store(store_dir, {**SMALL_GRAPHS, SLOW_GRAPH: GENERATED})
    settings = make_settings(store_dir, query_timeout_s=TIMEOUT_S, max_results=1000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def patient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The same store with a 60 s limit: a crash must be told from a timeout on a busy machine."""
    store_dir = tmp_path_factory.mktemp("patient") / "store"
    make_store(store_dir, {**SMALL_GRAPHS, SLOW_GRAPH: GENERATED})
    settings = make_settings(store_dir, query_timeout_s=60, max_results=1000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _count(client: TestClient) -> str:
    response = client.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200
    value: str = response.json()["results"]["bindings"][0]["n"]["value"]
    return value


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE { SERVICE <{url}sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <{url}sparql> { ?s ?p ?o } }",
        "select * where { ?s ?p ?o . service<{url}>{ ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 1SERVICE <{url}> { ?s ?p ?o } }",
        "PREFIX e: <{url}> SELECT * WHERE { SERVICE e:x { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<{url}> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_before_any_fetch(
    guarded: TestClient, outside: tuple[str, list[str]], template: str
) -> None:
    url, requests = outside
    response = guarded.get("/sparql", params={"query": template.replace("{url}", url)})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "SERVICE is not allowed"
    time.sleep(0.1)
    assert requests == []


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM <{url}data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <{url}data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX e: <{url}> SELECT * FROM e:data.ttl WHERE { ?s ?p ?o }",
        "BASE <{url}> SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }",
    ],
)
def test_from_outside_the_store_is_refused(
    guarded: TestClient, outside: tuple[str, list[str]], template: str
) -> None:
    url, requests = outside
    response = guarded.get("/sparql", params={"query": template.replace("{url}", url)})
    assert response.status_code == 400
    assert response.json()["error"] == "unknown graph"
    assert "LEAKED" not in response.text
    time.sleep(0.1)
    assert requests == []


def test_protocol_graphs_outside_the_store_are_refused(
    guarded: TestClient, outside: tuple[str, list[str]]
) -> None:
    url, requests = outside
    for parameter in ("default-graph-uri", "named-graph-uri"):
        response = guarded.post("/sparql", data={"query": COUNT, parameter: f"{url}data.ttl"})
        assert response.status_code == 400
        assert response.json()["error"] == "unknown graph"
    time.sleep(0.1)
    assert requests == []


def test_load_and_updates_fetch_and_change_nothing(
    guarded: TestClient, outside: tuple[str, list[str]]
) -> None:
    url, requests = outside
    before = _count(guarded)
    load = f"LOAD <{url}data.ttl>"
    answers = [
        guarded.post("/sparql", data={"update": load}),
        guarded.post("/sparql", data={"query": load}),
        guarded.get("/sparql", params={"query": load}),
        guarded.post(
            "/sparql", content=load.encode(), headers={"content-type": "application/sparql-update"}
        ),
    ]
    assert [a.status_code for a in answers] == [403, 400, 400, 403]
    assert {a.json()["error"] for a in answers} == {"SPARQL Update is not accepted"}
    time.sleep(0.1)
    assert requests == []
    assert _count(guarded) == before == "3006"


def test_local_files_are_never_read(guarded: TestClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<https://leak.example/s> <https://leak.example/p> 'SECRET-FILE' .")
    queries = [
        f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{secret.as_uri()}> {{ ?s ?p ?o }} }}",
        f"LOAD <{secret.as_uri()}>",
    ]
    answers = [guarded.get("/sparql", params={"query": q}) for q in queries]
    assert [a.status_code for a in answers] == [400, 400, 400, 400]
    assert [a.json()["error"] for a in answers] == [
        "unknown graph",
        "unknown graph",
        "SERVICE is not allowed",
        "SPARQL Update is not accepted",
    ]
    assert all("SECRET-FILE" not in a.text for a in answers)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { FILTER(" + "!" * 100_000 + "true) }",
    ],
    ids=["braces", "parentheses", "negations"],
)
def test_deep_nesting_is_refused_and_the_service_lives_on(guarded: TestClient, query: str) -> None:
    response = guarded.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert response.json()["error"] == "query too deeply nested"
    assert _count(guarded) == "3006"


def test_a_query_that_kills_the_engine_is_a_400_and_the_worker_is_replaced(
    patient: TestClient,
) -> None:
    # 250,000 flat UNIONs (1.75 MB, under the body limit): pyoxigraph overflows its stack.
    query = "SELECT * WHERE { " + "UNION".join(["{}"] * 250_000) + " }"
    response = patient.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "query too complex"
    assert [_count(patient) for _ in range(4)] == ["3006"] * 4


def test_a_runaway_query_is_stopped_while_others_are_served(guarded: TestClient) -> None:
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        response = guarded.get("/sparql", params={"query": CROSS_PRODUCT})
        slow.update(
            status=response.status_code, body=response.json(), took=time.monotonic() - started
        )

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert _count(guarded) == "3006"
    assert time.monotonic() - started < TIMEOUT_S
    thread.join(30)
    assert slow["status"] == 504
    assert slow["body"] == {
        "error": "query timed out",
        "detail": "the query ran longer than 1 s and was stopped",
    }
    assert TIMEOUT_S <= slow["took"] < TIMEOUT_S + 2  # type: ignore[operator]
    assert _count(guarded) == "3006"


def test_results_past_the_limit_are_an_error_not_a_truncation(guarded: TestClient) -> None:
    rows = guarded.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    triples = guarded.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    limited = guarded.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1000"})
    assert (rows.status_code, triples.status_code, limited.status_code) == (422, 422, 200)
    assert rows.json() == {
        "error": "result too large",
        "detail": "the answer has more than 1000 rows; narrow the query or add LIMIT 1000",
    }
    assert triples.json()["detail"].startswith("the answer has more than 1000 triples")
    assert len(limited.json()["results"]["bindings"]) == 1000


def test_a_body_past_the_limit_is_a_413(guarded: TestClient) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 2_000_001
    response = guarded.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert response.json()["error"] == "request too large"
