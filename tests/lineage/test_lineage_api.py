"""The lineage API on the bundled data: exact lineages, formats, errors and caching."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from app.vocab import RESKG

B = "https://w3id.org/reskg/id/"
PP140 = B + "resolution/pp/140"
WTDC30 = B + "resolution/wtdc/30"
C1282 = B + "resolution/council/1282/2007"


def lineage(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/resolutions/{path}/lineage", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def citing(version: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(c["citing"], c["role"]) for c in version["cited_by"]]


def test_pp_140_versions_in_order_with_their_revisions(client: TestClient) -> None:
    data = lineage(client, "pp/140")
    assert data["resolution"] == {
        "id": PP140,
        "kind": "resolution",
        "body": "pp",
        "number": "140",
        "label": "PP Resolution 140",
        "title": "ITU's role in implementing the outcomes of the World Summit on the Information "
        "Society and the 2030 Agenda for Sustainable Development, as well as in their follow-up "
        "and review processes",
        "cited_by": [],
    }
    rows = [
        (v["id"], v["label"], v["year"], v["meeting"], v["revises"], v["has_text"])
        for v in data["versions"]
    ]
    assert rows == [
        (PP140 + "/2006", "Antalya, 2006", 2006, B + "meeting/pp-06", None, False),
        (
            PP140 + "/2010",
            "Rev. Guadalajara, 2010",
            2010,
            B + "meeting/pp-10",
            PP140 + "/2006",
            False,
        ),
        (PP140 + "/2014", "Rev. Busan, 2014", 2014, B + "meeting/pp-14", PP140 + "/2010", False),
        (PP140 + "/2018", "Rev. Dubai, 2018", 2018, B + "meeting/pp-18", PP140 + "/2014", True),
        (
            PP140 + "/2022",
            "Rev. Bucharest, 2022",
            2022,
            B + "meeting/pp-22",
            PP140 + "/2018",
            False,
        ),
    ]


def test_pp_140_cited_by(client: TestClient) -> None:
    v2006, v2010, v2014, v2018, v2022 = lineage(client, "pp/140")["versions"]
    assert citing(v2006) == [(C1282, "considering"), (C1282, "instructs"), (C1282, "recalling")]
    assert v2006["cited_by"][0] == {
        "citing": C1282,
        "body": "council",
        "number": "1282",
        "year": 2007,
        "label": "Resolution 1282 (C07)",
        "role": "considering",
    }
    wtdc30_2014 = WTDC30 + "/2014"
    assert citing(v2010) == [
        (wtdc30_2014, "instructs"),
        (wtdc30_2014, "recalling"),
        (wtdc30_2014, "recognizing"),
        (wtdc30_2014, "recognizing-further"),
        (wtdc30_2014, "requests"),
    ]
    assert citing(v2014) == [(PP140 + "/2018", "recalling")]
    assert [c["citing"] for c in v2018["cited_by"]] == [
        B + "resolution/pp/130/2018",
        B + "resolution/pp/130/2018",
        B + "resolution/pp/201/2018",
        B + "resolution/pp/205/2018",
    ]
    assert citing(v2022) == []


def test_pp_140_2018_cites_with_roles_and_spans(client: TestClient) -> None:
    v2018 = lineage(client, "pp/140")["versions"][3]
    assert [v["cites"] for v in lineage(client, "pp/140")["versions"][:3]] == [[], [], []]
    to_2014 = [c for c in v2018["cites"] if c["target"] == PP140 + "/2014"]
    assert {(c["body"], c["number"], c["year"], c["role"]) for c in to_2014} == {
        ("pp", "140", 2014, "recalling")
    }
    to_wtdc = [c for c in v2018["cites"] if c["target"] == WTDC30 + "/2017"]
    assert [(c["role"], c["text"]) for c in to_wtdc] == [
        ("resolves", "Resolution 30 (Rev. Buenos Aires, 2017) of WTDC"),
        ("instructs", "Resolution 30 (Rev. Buenos Aires, 2017)"),
    ]
    for c in v2018["cites"]:
        assert c["span"]["file"] == "pp18_final_acts_akn.xml"
        assert 0 < c["span"]["start"] < c["span"]["end"]


def test_wtdc_30_lineage(client: TestClient) -> None:
    versions = {v["year"]: v for v in lineage(client, "wtdc/30")["versions"]}
    assert list(versions) == [2002, 2006, 2010, 2014, 2017, 2022]
    assert citing(versions[2006]) == [(C1282, "instructs")]
    assert [v["has_text"] for v in versions.values()] == [False, False, False, True, False, False]
    assert citing(versions[2017]) == [(PP140 + "/2018", "instructs"), (PP140 + "/2018", "resolves")]
    assert versions[2017]["revises"] == WTDC30 + "/2014"
    assert [c["target"] for c in versions[2014]["cites"] if c["number"] == "140"] == [
        PP140 + "/2010"
    ] * 5


def test_depth_adds_ancestry_and_descendants(client: TestClient) -> None:
    data = lineage(client, "pp/140", depth=2)
    assert data["depth"] == 2
    descendants = {(n["id"], n["distance"]) for n in data["descendants"]}
    assert (C1282, 1) in descendants
    assert (WTDC30 + "/2014", 1) in descendants
    ancestors = {(n["id"], n["distance"]) for n in data["ancestors"]}
    assert (WTDC30 + "/2017", 1) in ancestors
    assert {"citing": PP140 + "/2018", "cited": WTDC30 + "/2017"} in data["edges"]
    assert {n["distance"] for n in data["ancestors"] + data["descendants"]} <= {1, 2}
    assert lineage(client, "pp/140")["ancestors"] is None
    assert client.get("/api/resolutions/pp/140/lineage?depth=4").status_code == 422


def test_a_wrc_resolution_cited_by_pp_18_has_its_lineage(client: TestClient) -> None:
    """WRC works (cited "(Rev.WRC-15)" by PP-18) are served like the others, and listed."""
    data = lineage(client, "wrc/646")
    assert (data["resolution"]["id"], data["resolution"]["label"]) == (
        B + "resolution/wrc/646",
        "WRC Resolution 646",
    )
    assert [(v["id"], v["label"], v["meeting"], citing(v)) for v in data["versions"]] == [
        (
            B + "resolution/wrc/646/2015",
            "Rev. WRC-15",
            B + "meeting/wrc-15",
            [(B + "resolution/pp/136/2018", "recalling")],
        )
    ]
    listed = client.get("/api/resolutions", params={"body": "wrc"})
    assert [w["number"] for w in listed.json()["items"]] == ["49", "646", "647", "673", "958"]


def test_unknown_resolution_is_404_and_bad_body_422(client: TestClient) -> None:
    missing = client.get("/api/resolutions/pp/9999/lineage")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Resolution 9999 of pp is not in the graph"}
    assert client.get("/api/resolutions/itu/140/lineage").status_code == 422
    assert client.get("/api/resolutions/pp/9999").status_code == 404
    assert client.get("/api/resolutions/pp/140/versions/1999").status_code == 404


def test_lineage_as_turtle(client: TestClient) -> None:
    response = client.get("/api/resolutions/pp/140/lineage", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    v = {year: URIRef(f"{PP140}/{year}") for year in (2006, 2010, 2014, 2018, 2022)}
    assert set(graph.objects(v[2010], RESKG.revises)) == {v[2006]}
    assert set(graph.objects(v[2022], RESKG.revises)) == {v[2018]}
    assert set(graph.subjects(RESKG.versionOf, URIRef(PP140))) == set(v.values())
    assert (v[2018], RESKG.year, Literal(2018, datatype=XSD.integer)) in graph
    citations = set(graph.subjects(RESKG.target, v[2014]))
    assert {c for c in citations if (c, RDF.type, RESKG.Citation) in graph} == citations
    assert {graph.value(c, RESKG.citingVersion) for c in citations} == {v[2018]}


def test_lineage_as_json_ld_with_the_served_context(client: TestClient) -> None:
    response = client.get(
        "/api/resolutions/pp/140/lineage", headers={"Accept": "application/ld+json"}
    )
    assert response.headers["content-type"] == "application/ld+json"
    doc = response.json()
    url = doc["@context"][0]
    assert url == "http://testserver/api/resolutions/context.jsonld"
    served = client.get("/api/resolutions/context.jsonld").json()
    doc["@context"][0] = served["@context"]
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    v2010, v2006 = URIRef(PP140 + "/2010"), URIRef(PP140 + "/2006")
    assert (v2010, RESKG.revises, v2006) in graph
    assert (v2010, RESKG.versionOf, URIRef(PP140)) in graph
    roles = {graph.value(c, RESKG.role) for c in graph.subjects(RESKG.target, v2006)}
    assert roles == {
        URIRef("https://w3id.org/reskg/role/" + r)
        for r in ("considering", "instructs", "recalling")
    }


def test_etag_304_cache_control_and_cors(client: TestClient) -> None:
    first = client.get("/api/resolutions/pp/140/lineage")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, max-age=60"
    assert first.headers["access-control-allow-origin"] == "*"
    again = client.get("/api/resolutions/pp/140/lineage", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["etag"] == etag
    assert (
        client.get("/api/resolutions/pp/140/lineage", headers={"Accept": "text/turtle"}).headers[
            "etag"
        ]
        != etag
    )
    preflight = client.options(
        "/api/resolutions/pp/140/lineage",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert "If-None-Match" in preflight.headers["access-control-allow-headers"]


def test_invalidate_drops_cached_answers(client: TestClient) -> None:
    from app.lineage import cache

    client.get("/api/resolutions/pp/140/lineage")
    before = cache.generation()
    cache.invalidate()
    assert cache.generation() == before + 1
    assert client.get("/api/resolutions/pp/140/lineage").status_code == 200


def test_list_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/api/resolutions").json()
    assert everything["page_size"] == 50
    assert everything["prev"] is None
    assert everything["next"] == "/api/resolutions?page=2"
    pp = client.get("/api/resolutions", params={"body": "pp", "page": 2}).json()
    assert pp["prev"] == "/api/resolutions?body=pp&page=1"
    assert {i["body"] for i in pp["items"]} == {"pp"}
    found = client.get("/api/resolutions", params={"q": "140"}).json()
    assert [i["id"] for i in found["items"]][:1] == [PP140]
    assert client.get("/api/resolutions", params={"body": "wtdc", "q": "30"}).json()["items"][0][
        "years"
    ] == [2002, 2006, 2010, 2014, 2017, 2022]
    with_c5 = client.get("/api/resolutions", params={"action_line": "C5"}).json()
    assert PP140 in [i["id"] for i in with_c5["items"]]
    in_2006 = client.get("/api/resolutions", params={"year": 2006, "body": "pp"}).json()
    assert PP140 in [i["id"] for i in in_2006["items"]]
    assert client.get("/api/resolutions", params={"body": "nope"}).status_code == 422


def test_resolution_and_version_document(client: TestClient) -> None:
    work = client.get("/api/resolutions/pp/140").json()
    assert [v["year"] for v in work["versions"]] == [2006, 2010, 2014, 2018, 2022]
    assert work["versions"][3]["href"] == "/api/resolutions/pp/140/versions/2018"
    assert work["lineage"] == "/api/resolutions/pp/140/lineage"
    doc = client.get("/api/resolutions/pp/140/versions/2018").json()
    assert doc["source"]["id"] == B + "source/pp18_final_acts_akn/res-140"
    assert doc["source"]["span"]["file"] == "pp18_final_acts_akn.xml"
    assert doc["revises"] == PP140 + "/2014"
    assert {a["notation"] for a in doc["action_lines"]} >= {"C1", "C5", "C11"}
    clause_ids = {c["id"] for c in doc["clauses"]}
    assert all(r["clause"] in clause_ids for r in doc["references"])
    assert all(m["clause"] in clause_ids for m in doc["mandates"])
    assert {c["kind"] for c in doc["clauses"]} <= {
        "Recital",
        "OperativeParagraph",
        "AnnexItem",
        "Footnote",
    }


def test_openapi_documents_the_response_models(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    lineage_op = schema["paths"]["/api/resolutions/{body}/{number}/lineage"]["get"]
    content = lineage_op["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Lineage"}
    assert {"application/ld+json", "text/turtle"} <= set(content)
    assert "Problem" in schema["components"]["schemas"]
