"""Real clients against a running server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from app.api.main import create_app
from tests.api.conftest import EX, make_settings

TITLES = (
    "PREFIX ex: <https://example.org/> SELECT ?s ?title WHERE { ?s ex:title ?title } ORDER BY ?s"
)


@pytest.fixture(scope="module")
def endpoint(small_store: Path) -> Iterator[str]:
    """The `/sparql` URL of the app served by uvicorn on a free local port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(make_settings(small_store)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}/sparql"
    server.should_exit = True
    thread.join(10)


def test_sparqlwrapper_json(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(TITLES)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    assert isinstance(answer, dict)
    rows = answer["results"]["bindings"]
    assert [(r["s"]["value"], r["title"]["value"], r["title"]["xml:lang"]) for r in rows] == [
        (str(EX.res1), "Resolution 1", "en"),
        (str(EX.res2), "Resolution 2", "en"),
    ]


def test_sparqlwrapper_xml_by_post(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery(TITLES)
    client.setReturnFormat(XML)
    document = client.query().convert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert values == ["Resolution 1", "Resolution 2"]


def test_sparqlwrapper_construct_into_a_graph(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery("CONSTRUCT { ?s a ?type } WHERE { ?s a ?type }")
    graph = client.queryAndConvert()
    assert isinstance(graph, Graph)
    assert set(graph) == {(EX.res1, RDF.type, EX.Resolution), (EX.res2, RDF.type, EX.Resolution)}


def test_rdflib_sparqlstore_reads(endpoint: str) -> None:
    graph = Graph(SPARQLStore(endpoint, returnFormat="json"))
    rows = graph.query(TITLES)
    assert [(row[0], row[1]) for row in rows] == [  # type: ignore[index]
        (EX.res1, Literal("Resolution 1", lang="en")),
        (EX.res2, Literal("Resolution 2", lang="en")),
    ]
    assert (EX.res1, EX.cites, EX.res2) in graph
    assert graph.query("ASK { ?s <https://example.org/number> 2 }").askAnswer is True
