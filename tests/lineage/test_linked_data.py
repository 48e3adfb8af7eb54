"""Dereferenceable IRIs and server-rendered pages on the bundled data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from app.api.main import create_app
from app.build import build
from app.lineage.negotiate import NotAcceptable, choose
from app.settings import Settings
from app.vocab import RESKG

B = "https://w3id.org/reskg/id/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    "path",
    [
        "/resolution/pp/140",
        "/resolution/pp/140/2010",
        "/meeting/pp-10",
        "/body/wtdc",
        "/action-line/C5",
        "/document/C07-21",
        "/decision/pp/5",
    ],
)
def test_every_minted_iri_dereferences(client: TestClient, path: str) -> None:
    html = client.get(path, headers={"Accept": BROWSER})
    assert html.status_code == 200
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.headers["etag"]
    node = URIRef(B + path.lstrip("/"))
    for accept, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ):
        response = client.get(path, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        graph = Graph().parse(data=response.text, format=fmt)
        assert any(graph.predicate_objects(node)), (path, accept)


def test_description_holds_triples_labels_and_inward_links(client: TestClient) -> None:
    text = client.get("/meeting/pp-10", headers={"Accept": "text/turtle"}).text
    graph = Graph().parse(data=text, format="turtle")
    meeting = URIRef(B + "meeting/pp-10")
    assert graph.value(meeting, RDFS.label) == Literal(
        "Plenipotentiary Conference (Guadalajara, 2010)"
    )
    v2010 = URIRef(B + "resolution/pp/140/2010")
    assert (v2010, RESKG.adoptedAt, meeting) in graph
    assert graph.value(v2010, RDFS.label) == Literal("Resolution 140 (Rev. Guadalajara, 2010)")
    body = URIRef(B + "body/pp")
    assert graph.value(body, RDFS.label) is not None


def test_unknown_iris_are_404(client: TestClient) -> None:
    assert client.get("/resolution/pp/9999", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/meeting/xx-99").status_code == 404
    assert client.get("/resolution/pp").status_code == 404


def test_resolution_page_draws_the_lineage(client: TestClient) -> None:
    page = client.get("/resolution/pp/140", headers={"Accept": BROWSER}).text
    svg = page[page.index("<svg") : page.index("</svg>")]
    versions = re.findall(r'class="node version[^"]*" data-iri="([^"]+)"', svg)
    assert versions == [f"{B}resolution/pp/140/{y}" for y in (2006, 2010, 2014, 2018, 2022)]
    assert svg.count('class="revises"') == 4
    assert 'href="/resolution/council/1282/2007"' in svg
    assert 'href="/resolution/wtdc/30/2017"' in svg
    assert 'class="edge cites role-resolves"' in svg


def test_version_page_highlights_and_links_references(client: TestClient) -> None:
    page = client.get("/resolution/pp/140/2018", headers={"Accept": BROWSER}).text
    links = re.findall(r'<a class="ref resolved" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert ("/resolution/wtdc/30/2017", "Resolution 30 (Rev. Buenos Aires, 2017) of WTDC") in links
    assert (
        "/resolution/pp/140/2014",
        "Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference",
    ) in links
    assert "&lt;" not in page.split('<article class="text">')[1]


def test_home_and_html_search(client: TestClient) -> None:
    home = client.get("/", headers={"Accept": BROWSER}).text
    assert 'action="/api/resolutions"' in home
    results = client.get("/api/resolutions?q=140", headers={"Accept": BROWSER})
    assert results.headers["content-type"] == "text/html; charset=utf-8"
    assert '<a href="/resolution/pp/140">PP Resolution 140</a>' in results.text
    assert client.get("/static/reskg.css").headers["content-type"] == "text/css; charset=utf-8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "turtle"),
        ("*/*", "turtle"),
        (BROWSER, "html"),
        ("application/ld+json", "jsonld"),
        ("text/turtle;q=0.5, application/n-triples", "ntriples"),
        ("text/*", "turtle"),
    ],
)
def test_choose(accept: str | None, expected: str) -> None:
    assert choose(accept, ("turtle", "html", "jsonld", "ntriples")) == expected


def test_choose_refuses_what_is_not_offered() -> None:
    with pytest.raises(NotAcceptable):
        choose("image/png", ("json", "html"))


def test_paths_follow_a_configured_base(tmp_path: Path) -> None:
    """`/resolution/pp/140` <-> `{base}resolution/pp/140` for another base."""
    source = Path(__file__).resolve().parents[2] / "data" / "sources" / "000_e465f37a3d75a274.txt"
    settings = Settings(store_dir=tmp_path / "store", base_iri="http://example.org/kg/")
    build(settings, [source])
    with TestClient(create_app(settings)) as other:
        lineage = other.get("/api/resolutions/council/1282/lineage").json()
        assert lineage["resolution"]["id"] == "http://example.org/kg/resolution/council/1282"
        response = other.get("/resolution/council/1282/2007", headers={"Accept": "text/turtle"})
        graph = Graph().parse(data=response.text, format="turtle")
        node = URIRef("http://example.org/kg/resolution/council/1282/2007")
        assert graph.value(node, RESKG.versionOf) == URIRef(
            "http://example.org/kg/resolution/council/1282"
        )
        page = other.get("/resolution/council/1282", headers={"Accept": BROWSER}).text
        assert 'href="/resolution/pp/140/2006"' in page
        assert (
            json.loads(other.get("/api/resolutions/council/1282").text)["versions"][0]["year"]
            == 2007
        )
