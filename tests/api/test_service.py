"""The service around the routers: liveness, the ontology's documentation, OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from app.api.main import create_app
from app.settings import Settings


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ontology_is_documented_for_people(client: TestClient) -> None:
    response = client.get("/ontology")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Resolution version" in response.text and "revises" in response.text


def test_ontology_turtle_parses(client: TestClient) -> None:
    response = client.get("/ontology.ttl")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef("https://w3id.org/reskg/ontology"), RDF.type, OWL.Ontology) in graph


def test_an_empty_store_is_built_at_start_up(tmp_path: object, bundled_settings: Settings) -> None:
    from pathlib import Path

    settings = bundled_settings.model_copy(update={"store_dir": Path(str(tmp_path)) / "fresh"})
    with TestClient(create_app(settings)) as fresh:
        assert fresh.get("/healthz").json() == {"status": "ok"}
