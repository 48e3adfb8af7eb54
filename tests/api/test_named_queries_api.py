"""`/api/queries`: the named queries listed, and run like `/sparql` with URL parameters."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from app.api.main import create_app
from app.build import build
from app.named_queries import load_queries
from app.settings import PROJECT_ROOT, Settings
from app.sparql.executor import QueryExecutor
from app.sparql.worker import QueryJob
from app.vocab import RESKG

BASE = "https://w3id.org/reskg/id/"
JSON_RESULTS = "application/sparql-results+json"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The service on its own build of the bundled data (the session store is held open)."""
    settings = Settings(
        store_dir=tmp_path_factory.mktemp("named") / "store",
        queries_dir=PROJECT_ROOT / "queries",
    )
    build(settings)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_listing_gives_every_query_with_its_parameters(client: TestClient) -> None:
    response = client.get("/api/queries")
    assert response.status_code == 200
    listing = response.json()
    assert [q["name"] for q in listing] == list(load_queries(PROJECT_ROOT / "queries"))
    by_name = {q["name"]: q for q in listing}
    assert by_name["citation-path"] == {
        "name": "citation-path",
        "title": "Citation paths between two resolutions",
        "description": by_name["citation-path"]["description"],
        "parameters": [
            {
                "name": "from",
                "kind": "iri",
                "default": BASE + "resolution/council/1282",
                "description": "the citing resolution as a work",
            },
            {
                "name": "to",
                "kind": "iri",
                "default": BASE + "resolution/pp/71",
                "description": "the resolution cited, directly or not",
            },
        ],
    }
    assert by_name["citation-path"]["description"].startswith("How one resolution leads")
    assert by_name["action-line-coverage"]["parameters"] == []


def test_who_cites_pp_140_guadalajara(client: TestClient) -> None:
    response = client.get(
        "/api/queries/cited-by-across-versions",
        params={"resolution": BASE + "resolution/pp/140"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON_RESULTS
    rows = [
        (b["cited"]["value"], b["citing"]["value"], b["citations"]["value"])
        for b in response.json()["results"]["bindings"]
    ]
    guadalajara = [row for row in rows if row[0] == BASE + "resolution/pp/140/2010"]
    assert guadalajara == [(BASE + "resolution/pp/140/2010", BASE + "resolution/wtdc/30/2014", "5")]


def test_defaults_apply_and_parameters_override_them(client: TestClient) -> None:
    default = client.get("/api/queries/most-cited", headers={"accept": "text/csv"})
    narrowed = client.get(
        "/api/queries/most-cited", params={"minimum": "16"}, headers={"accept": "text/csv"}
    )
    assert default.headers["content-type"].startswith("text/csv")
    assert [r[0] for r in csv.reader(io.StringIO(default.text))] == [
        "resolution",
        BASE + "resolution/unga/70-1",
        BASE + "resolution/pp/71",
        BASE + "resolution/unga/70-125",
    ]
    assert list(csv.reader(io.StringIO(narrowed.text))) == [
        ["resolution", "label", "citingVersions", "citations"],
        [BASE + "resolution/unga/70-1", "UNGA Resolution 70/1", "16", "20"],
    ]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", JSON_RESULTS),
    ],
)
def test_results_are_negotiated_like_sparql(
    client: TestClient, accept: str, media_type: str
) -> None:
    response = client.get("/api/queries/co-citations", headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.headers["vary"] == "Accept"
    assert BASE + "resolution/unga/70-125" in response.text


def test_construct_answers_rdf(client: TestClient) -> None:
    response = client.get("/api/queries/citation-network")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    citing = URIRef(BASE + "resolution/wtdc/30/2014")
    assert len(set(graph.objects(citing, RESKG.cites))) == 11
    assert (citing, RDFS.label, Literal("Resolution 30 (Rev. Dubai, 2014)")) in graph
    ntriples = client.get(
        "/api/queries/citation-network", headers={"accept": "application/n-triples"}
    )
    assert ntriples.headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=ntriples.text, format="nt")) == len(graph)


def test_an_unacceptable_media_type_is_406(client: TestClient) -> None:
    response = client.get("/api/queries/most-cited", headers={"accept": "text/turtle"})
    assert response.status_code == 406
    assert response.json()["error"] == "not acceptable"


def test_an_unknown_query_is_404_json(client: TestClient) -> None:
    response = client.get("/api/queries/most-citd")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "unknown query"
    assert body["detail"].startswith("no named query 'most-citd'; the named queries are: ")
    assert "most-cited" in body["detail"]


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"minimum": "many"}, "parameter 'minimum' needs an integer, not 'many'"),
        ({"limit": "5"}, "query 'most-cited' has no parameter 'limit' (its parameters: minimum)"),
    ],
)
def test_a_bad_parameter_is_400_json(
    client: TestClient, params: dict[str, str], detail: str
) -> None:
    response = client.get("/api/queries/most-cited", params=params)
    assert response.status_code == 400
    assert response.json() == {"error": "bad parameter", "detail": detail}


def test_an_iri_parameter_must_be_an_iri(client: TestClient) -> None:
    response = client.get(
        "/api/queries/instrument-history", params={"resolution": "PP Resolution 140"}
    )
    assert response.status_code == 400
    assert "needs an absolute IRI" in response.json()["detail"]
    injected = client.get(
        "/api/queries/instrument-history",
        params={"resolution": "https://x.org/a> } ?s ?p ?o { <https://x.org/b"},
    )
    assert injected.status_code == 400


def test_a_repeated_parameter_is_400(client: TestClient) -> None:
    response = client.get("/api/queries/most-cited?minimum=1&minimum=2")
    assert response.status_code == 400
    assert json.loads(response.text)["detail"] == "parameter 'minimum' is given twice"


def test_queries_run_on_the_sparql_executor(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    executor: QueryExecutor = client.app.state.sparql_executor  # type: ignore[attr-defined]
    jobs: list[QueryJob] = []
    execute = executor.execute

    def spy(job: QueryJob) -> tuple[bytes, str]:
        jobs.append(job)
        return execute(job)

    monkeypatch.setattr(executor, "execute", spy)
    response = client.get("/api/queries/instrument-history")
    assert response.status_code == 200
    [job] = jobs
    assert f"VALUES (?resolution) {{ (<{BASE}resolution/pp/140>) }}" in job.query
    assert job.max_results == executor.max_results
    rows = response.json()["results"]["bindings"]
    assert [r["year"]["value"] for r in rows] == ["2006", "2010", "2014", "2018", "2022"]
