"""`POST /api/validate`: faults are reported by file and line, nothing is stored or fetched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import RDF, SH

from app.api.main import create_app
from app.build import build
from app.settings import Settings, get_settings

FAULTS = Path(__file__).parent.parent / "shapes" / "faults"
SHAPES = "https://w3id.org/reskg/shapes#"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a store of the bundled data, for this module only."""
    chosen = Settings(store_dir=tmp_path_factory.mktemp("validate-api") / "store")
    build(chosen)
    return chosen


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """The app on that store."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def post(client: TestClient, body: bytes | str, media: str, **params: str) -> object:
    return client.post(
        "/api/validate", content=body, headers={"Content-Type": media}, params=params
    )


@pytest.mark.parametrize(
    ("fault", "media", "shape"),
    [
        ("future-citation.txt", "text/plain", "C02-no-citation-of-the-future"),
        ("second-text-res30.txt", "text/markdown", "V08-version-has-one-text"),
        ("meeting-never-held.ttl", "text/turtle", "M02-meeting-in-registry"),
        ("unknown-action-line.ttl", "text/turtle", "C04-action-line-known"),
        ("meeting-never-held.txt", "text/plain", "C06-cited-label-agrees-with-meeting"),
        ("unknown-action-line.txt", "text/plain", "C04-action-line-known"),
    ],
)
def test_each_fault_does_not_conform_and_names_its_file(
    client: TestClient, fault: str, media: str, shape: str
) -> None:
    response = post(client, (FAULTS / fault).read_bytes(), media, name=fault)
    report = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert report["conforms"] is False
    [violation] = [r for r in report["results"] if r["severity"] == "Violation"]
    assert violation["shape"] == SHAPES + shape
    assert violation["source"]["file"] == fault


def test_a_citation_of_the_future_points_to_its_line(client: TestClient) -> None:
    response = post(client, (FAULTS / "future-citation.txt").read_bytes(), "text/plain")
    [result] = response.json()["results"]  # type: ignore[attr-defined]
    assert result == {
        "severity": "Violation",
        "shape": SHAPES + "C02-no-citation-of-the-future",
        "focus": "https://w3id.org/reskg/id/source/request/citation/1",
        "path": None,
        "value": "https://w3id.org/reskg/id/resolution/pp/71/2014",
        "message": "Cites https://w3id.org/reskg/id/resolution/pp/71/2014, adopted in 2014, "
        "after the citing version (2010): a text cannot cite a later version.",
        "source": {"file": "request.txt", "line": 9, "start": result["source"]["start"],
                   "end": result["source"]["end"]},
    }
    text = (FAULTS / "future-citation.txt").read_text(encoding="utf-8")
    cited = text[result["source"]["start"] : result["source"]["end"]]
    assert cited.startswith("Resolution 71 (Rev. Busan, 2014)")


def test_a_well_formed_text_conforms(client: TestClient) -> None:
    response = post(client, (FAULTS / "well-formed.txt").read_bytes(), "text/plain")
    assert response.json() == {"conforms": True, "results": []}  # type: ignore[attr-defined]


def test_turtle_is_answered_when_asked_for(client: TestClient) -> None:
    response = client.post(
        "/api/validate",
        content=(FAULTS / "second-text-res30.txt").read_bytes(),
        headers={"Content-Type": "text/plain", "Accept": "text/turtle"},
    )
    graph = Graph().parse(data=response.text, format="turtle")
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    [result] = graph.objects(report, SH.result)
    assert response.headers["content-type"].startswith("text/turtle")
    assert str(graph.value(result, SH.sourceShape)) == SHAPES + "V08-version-has-one-text"
    assert str(graph.value(result, SH.focusNode)) == "https://w3id.org/reskg/id/resolution/wtdc/30/2014"


def test_nothing_is_stored(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    before = (len(store), store.graph_names())
    post(client, (FAULTS / "second-text-res30.txt").read_bytes(), "text/plain")
    post(client, (FAULTS / "meeting-never-held.ttl").read_bytes(), "text/turtle")
    assert (len(store), store.graph_names()) == before
    again = post(client, (FAULTS / "well-formed.txt").read_bytes(), "text/plain")
    assert again.json()["conforms"] is True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("body", "media", "detail"),
    [
        ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", "text/turtle",
         "request.ttl:3: not turtle"),
        ("<http://e/a> <http://e/b> .\n", "application/n-triples", "request.nt:1: not ntriples"),
        ('{"@id": "http://e/a",\n "http://e/b": }', "application/ld+json",
         "request.jsonld:2: not JSON"),
        ("hello\n", "text/plain", "request.txt:1: not a resolution"),
        ("<akomaNtoso><act>\n<p>unclosed</act></akomaNtoso>", "application/akn+xml",
         "request.xml:2: not well-formed XML"),
    ],
)
def test_malformed_input_is_a_400_that_says_where(
    client: TestClient, body: str, media: str, detail: str
) -> None:
    response = post(client, body, media)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert response.json()["detail"].startswith(detail)  # type: ignore[attr-defined]


def test_nothing_is_fetched(client: TestClient) -> None:
    remote = '{"@context": "https://schema.org/", "@id": "http://e/a", "name": "x"}'
    response = post(client, remote, "application/ld+json")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "remote JSON-LD contexts are not fetched" in response.json()["detail"]  # type: ignore[attr-defined]
    owl = "http://www.w3.org/2002/07/owl#"
    imports = f"<http://e/a> <{owl}imports> <https://example.org/big.ttl> .\n"
    response = post(client, imports, "application/n-triples")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "owl:imports is not followed" in response.json()["detail"]  # type: ignore[attr-defined]


def test_xml_entities_are_refused(client: TestClient) -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<akomaNtoso>&lol2;</akomaNtoso>"
    )
    response = post(client, laughs, "application/xml")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "DTD or entities is refused" in response.json()["detail"]  # type: ignore[attr-defined]


def test_unknown_media_types_are_a_415(client: TestClient) -> None:
    response = post(client, "<rdf:RDF/>", "application/rdf+xml")
    assert response.status_code == 415  # type: ignore[attr-defined]


def test_too_large_a_body_is_a_413(client: TestClient, settings: Settings) -> None:
    app = client.app
    app.dependency_overrides[get_settings] = lambda: settings.model_copy(  # type: ignore[attr-defined]
        update={"max_body_bytes": 100}
    )
    try:
        response = post(client, (FAULTS / "well-formed.txt").read_bytes(), "text/plain")
    finally:
        app.dependency_overrides[get_settings] = lambda: settings  # type: ignore[attr-defined]
    assert response.status_code == 413  # type: ignore[attr-defined]
