"""The SPARQL 1.1 Protocol at `/sparql`: operations, datasets, negotiation and its errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from tests.api.conftest import EX, GRAPH_1, GRAPH_2

SELECT_TITLES = (
    "PREFIX ex: <https://example.org/> SELECT ?s ?title WHERE { ?s ex:title ?title } ORDER BY ?s"
)
JSON_RESULTS = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"


def titles(response_text: str) -> list[tuple[str, str]]:
    """(subject, title) rows of a JSON results answer."""
    rows = json.loads(response_text)["results"]["bindings"]
    return [(row["s"]["value"], row["title"]["value"]) for row in rows]


def test_get_select_answers_json_results_by_default(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT_TITLES})
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON_RESULTS
    assert response.headers["access-control-allow-origin"] == "*"
    assert titles(response.text) == [
        (str(EX.res1), "Resolution 1"),
        (str(EX.res2), "Resolution 2"),
    ]


def test_post_form_and_direct_post_give_the_same_rows(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": SELECT_TITLES})
    direct = client.post(
        "/sparql",
        content=SELECT_TITLES.encode(),
        headers={"content-type": "application/sparql-query"},
    )
    assert (form.status_code, direct.status_code) == (200, 200)
    assert form.headers["content-type"] == direct.headers["content-type"] == JSON_RESULTS
    assert (
        titles(form.text)
        == titles(direct.text)
        == [
            (str(EX.res1), "Resolution 1"),
            (str(EX.res2), "Resolution 2"),
        ]
    )


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        ("application/sparql-results+json", JSON_RESULTS, "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "tsv"),
        ("application/json", JSON_RESULTS, "json"),
        ("*/*", JSON_RESULTS, "json"),
        (
            "text/html;q=0.9, application/sparql-results+xml;q=0.5",
            "application/sparql-results+xml",
            "xml",
        ),
    ],
)
def test_select_results_parse_back(
    client: TestClient, accept: str, media_type: str, rdflib_format: str
) -> None:
    response = client.get("/sparql", params={"query": SELECT_TITLES}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    result = Result.parse(io.BytesIO(response.content), format=rdflib_format)
    assert [(row[0], row[1]) for row in result] == [  # type: ignore[index]
        (URIRef(EX.res1), Literal("Resolution 1", lang="en")),
        (URIRef(EX.res2), Literal("Resolution 2", lang="en")),
    ]


def test_select_as_csv(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": SELECT_TITLES}, headers={"accept": "text/csv"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(response.text))) == [
        ["s", "title"],
        [str(EX.res1), "Resolution 1"],
        [str(EX.res2), "Resolution 2"],
    ]


def test_ask(client: TestClient) -> None:
    query = "ASK { <https://example.org/res1> <https://example.org/cites> ?x }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON_RESULTS
    assert json.loads(response.text) == {"head": {}, "boolean": True}
    xml = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+xml"}
    )
    assert Result.parse(io.BytesIO(xml.content), format="xml").askAnswer is True


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        (None, "text/turtle; charset=utf-8", "turtle"),
        ("*/*", "text/turtle; charset=utf-8", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_parses_back_into_a_graph(
    client: TestClient, accept: str | None, media_type: str, rdflib_format: str
) -> None:
    query = "CONSTRUCT { ?s a ?type } WHERE { ?s a ?type }"
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert set(graph) == {
        (EX.res1, RDF.type, EX.Resolution),
        (EX.res2, RDF.type, EX.Resolution),
    }


def test_describe(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "DESCRIBE <https://example.org/res2>"},
        headers={"accept": "application/n-triples"},
    )
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format="nt")
    assert (EX.res2, EX.title, Literal("Resolution 2", lang="en")) in graph
    assert len(graph) == 3


def test_default_graph_uri_selects_store_graphs(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": SELECT_TITLES, "default-graph-uri": str(GRAPH_2)}
    )
    assert response.status_code == 200
    assert titles(response.text) == [(str(EX.res2), "Resolution 2")]


def test_named_graph_uri_limits_graph_patterns(client: TestClient) -> None:
    query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    everything = client.get("/sparql", params={"query": query})
    only_first = client.post("/sparql", data={"query": query, "named-graph-uri": str(GRAPH_1)})
    rows = [r["g"]["value"] for r in json.loads(everything.text)["results"]["bindings"]]
    assert rows == [str(GRAPH_1), str(GRAPH_2)]
    rows = [r["g"]["value"] for r in json.loads(only_first.text)["results"]["bindings"]]
    assert rows == [str(GRAPH_1)]


def test_from_a_store_graph_is_allowed(client: TestClient) -> None:
    query = (
        "PREFIX ex: <https://example.org/> SELECT ?s ?title "
        "FROM <https://example.org/graph/res1> WHERE { ?s ex:title ?title }"
    )
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert titles(response.text) == [(str(EX.res1), "Resolution 1")]


def test_unknown_graph_is_refused(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": SELECT_TITLES, "default-graph-uri": "https://example.org/nowhere"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "unknown graph"


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.text, format="turtle")
    rows = graph.query(
        """PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
        SELECT ?endpoint ?name WHERE {
            ?service a sd:Service ; sd:endpoint ?endpoint ;
                sd:supportedLanguage sd:SPARQL11Query ;
                sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ;
                sd:defaultDataset/sd:namedGraph/sd:name ?name .
        } ORDER BY ?name"""
    )
    assert [(str(r[0]), r[1]) for r in rows] == [  # type: ignore[index]
        ("http://testserver/sparql", GRAPH_1),
        ("http://testserver/sparql", GRAPH_2),
    ]


def test_yasgui_page_is_served_locally(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert 'const endpoint = "http://testserver/sparql";' in response.text
    assert 'src="http://testserver/sparql/static/yasgui.min.js"' in response.text
    script = client.get("/sparql/static/yasgui.min.js")
    assert script.status_code == 200
    assert script.headers["content-type"] == "application/javascript"
    assert client.get("/sparql/static/..%2Fsparql.html").status_code == 404


# The protocol's negative tests (and ours): status, JSON error body, clear message.
@pytest.mark.parametrize(
    ("method", "kwargs", "status", "error"),
    [
        ("get", {"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "syntax error"),
        (
            "get",
            {"params": [("query", "ASK {}"), ("query", "SELECT * {}")]},
            400,
            "more than one query",
        ),
        ("put", {"params": {"query": "ASK {}"}}, 405, "method not allowed"),
        ("delete", {}, 405, "method not allowed"),
        (
            "post",
            {"content": b"ASK {}", "headers": {"content-type": "text/plain"}},
            415,
            "unsupported media type",
        ),
        ("post", {"content": b"query=ASK%20%7B%7D"}, 400, "missing media type"),
        ("post", {"content": b"ASK {}"}, 400, "missing media type"),
        (
            "post",
            {
                "content": "ASK {}".encode("utf-16"),
                "headers": {"content-type": "application/sparql-query; charset=UTF-16"},
            },
            400,
            "not UTF-8",
        ),
        (
            "post",
            {
                "content": 'ASK { FILTER("é") }'.encode("latin-1"),
                "headers": {"content-type": "application/sparql-query"},
            },
            400,
            "not UTF-8",
        ),
        ("post", {"content": b"query=%E9", "headers": {"content-type": FORM}}, 400, "not UTF-8"),
        ("get", {"params": {"update": "CLEAR ALL"}}, 403, "SPARQL Update is not accepted"),
        ("post", {"data": {"update": "CLEAR ALL"}}, 403, "SPARQL Update is not accepted"),
        (
            "post",
            {"content": b"CLEAR ALL", "headers": {"content-type": "application/sparql-update"}},
            403,
            "SPARQL Update is not accepted",
        ),
        (
            "post",
            {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
            400,
            "SPARQL Update is not accepted",
        ),
        ("post", {"data": {"nothing": "here"}}, 400, "missing query"),
        (
            "get",
            {"params": {"query": SELECT_TITLES}, "headers": {"accept": "text/turtle"}},
            406,
            "not acceptable",
        ),
        (
            "get",
            {
                "params": {"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                "headers": {"accept": JSON_RESULTS},
            },
            406,
            "not acceptable",
        ),
    ],
)
def test_errors_answer_json(
    client: TestClient, method: str, kwargs: dict[str, object], status: int, error: str
) -> None:
    response = client.request(method.upper(), "/sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert body["error"] == error
    assert "Traceback" not in body["detail"]


def test_syntax_error_gives_the_parser_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p }"})
    assert response.status_code == 400
    assert response.json() == {"error": "syntax error", "detail": response.json()["detail"]}
    assert response.json()["detail"].startswith("error at 2:")


def test_updates_change_nothing(client: TestClient) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = client.get("/sparql", params={"query": count}).json()
    client.post("/sparql", data={"update": "CLEAR ALL"})
    client.post("/sparql", data={"query": "CLEAR ALL"})
    client.post(
        "/sparql", content=b"DROP ALL", headers={"content-type": "application/sparql-update"}
    )
    assert client.get("/sparql", params={"query": count}).json() == before
    assert before["results"]["bindings"][0]["n"]["value"] == "6"


def test_preflight_allows_any_origin(client: TestClient) -> None:
    response = client.options("/sparql")
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET, POST, OPTIONS"
