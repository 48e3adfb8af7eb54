"""Ingest through the library, the command line and the API: lands as a build would, replaces,
rejects without a trace, deletes, and every reader sees the change at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.build import build
from app.cli import main
from app.ingest import SourceConflict, SourceInput, UnknownSource, delete_document, ingest
from app.settings import PROJECT_ROOT, Settings
from app.store.embedded import EmbeddedStore
from app.validation import InputError
from app.validation.shacl import copy_store, workspace_for
from tests.ingest.conftest import (
    AUTH,
    FUTURE_CITATION,
    NEW_VERSION,
    named_count,
    quads,
    wtdc_99,
)

TEXT = {**AUTH, "Content-Type": "text/plain"}
CITATIONS = (
    "PREFIX reskg: <https://w3id.org/reskg/ontology#> "
    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c reskg:citingVersion <{NEW_VERSION}> }}"
)


def _cited_by_2014(client: TestClient) -> list[dict[str, Any]]:
    answer = client.get("/api/resolutions/pp/140/lineage")
    assert answer.status_code == 200
    (busan,) = [v for v in answer.json()["versions"] if v["year"] == 2014]
    return [c for c in busan["cited_by"] if c["citing"] == NEW_VERSION]


def _sparql_count(client: TestClient) -> int:
    answer = client.get("/sparql", params={"query": CITATIONS}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200
    return int(answer.text.split()[1])


def test_an_ingest_lands_exactly_as_a_build_with_the_file(
    settings: Settings, store_dir: Path, tmp_path: Path
) -> None:
    store = EmbeddedStore(store_dir)
    result = ingest(store, settings, [SourceInput("wtdc-99.txt", wtdc_99())], cached=False)
    store.close()
    assert result.landed
    assert [d.to_json() for d in result.documents] == [{
        "id": "wtdc-99", "graph": "https://w3id.org/reskg/id/source/wtdc-99",
        "version": NEW_VERSION, "file": "wtdc-99.txt",
    }]
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "sources", data / "sources")
    (data / "reference").symlink_to(PROJECT_ROOT / "data" / "reference")
    (data / "sources" / "wtdc-99.txt").write_bytes(wtdc_99())
    built = Settings(store_dir=tmp_path / "built", data_dir=data)
    build(built)
    assert quads(store_dir) == quads(built.store_dir)
    triples = {q.rsplit(" ", 1)[0] for q in quads(store_dir)}  # (quads end with their graph)
    assert len(triples) == len(quads(store_dir))  # still no triple in two graphs


def test_reingesting_a_file_replaces_its_graph_and_deleting_restores_the_store(
    settings: Settings, store_dir: Path, template_quads: set[str]
) -> None:
    store = EmbeddedStore(store_dir)
    first = ingest(store, settings, [SourceInput("wtdc-99.txt", wtdc_99(3))], cached=False)
    second = ingest(store, settings, [SourceInput("wtdc-99.txt", wtdc_99(1))], cached=False)
    count = store.select(CITATIONS)[0]["n"]
    deleted = delete_document(store, settings, "wtdc-99")
    with pytest.raises(UnknownSource):
        delete_document(store, settings, "wtdc-99")
    store.close()
    assert (first.landed, first.replaced) == (True, ())
    assert second.replaced == ("https://w3id.org/reskg/id/source/wtdc-99",)
    assert int(count) == 4  # 71, one 140, C2, C5: nothing of the first text's three 140s is left
    assert deleted.removed == ("https://w3id.org/reskg/id/source/wtdc-99",)
    assert quads(store_dir) == template_quads


def test_a_rejected_text_changes_nothing_and_answers_the_report(
    settings: Settings, store_dir: Path, template_quads: set[str]
) -> None:
    store = EmbeddedStore(store_dir)
    result = ingest(store, settings, [SourceInput("res-90.txt", FUTURE_CITATION)], cached=False)
    store.close()
    assert result.landed is False
    violations = [r for r in result.report.results if r.severity == "Violation"]
    assert [r.shape_id for r in violations] == ["C02-no-citation-of-the-future"]
    assert violations[0].source is not None
    assert (violations[0].source.file, violations[0].source.line) == ("res-90.txt", 9)
    assert quads(store_dir) == template_quads


def test_unreadable_input_names_file_and_line(settings: Settings, store_dir: Path) -> None:
    store = EmbeddedStore(store_dir)
    try:
        with pytest.raises(InputError, match=r"^bad\.txt:3: not UTF-8: byte 0xff at offset 14$"):
            ingest(store, settings, [SourceInput("bad.txt", b"RESOLUTION\n\nab\xff")])
        with pytest.raises(InputError, match=r"^x\.xml:1: not well-formed XML"):
            ingest(store, settings, [SourceInput("x.xml", b"<akomaNtoso><unclosed>")])
        with pytest.raises(InputError, match=r"plain file name ending in \.txt, \.md or \.xml"):
            ingest(store, settings, [SourceInput("../up.txt", wtdc_99())])
        with pytest.raises(SourceConflict, match=r"'wtdc-99' is already held by 'wtdc-99\.txt'"):
            ingest(store, settings, [SourceInput("wtdc-99.txt", wtdc_99())], cached=False)
            ingest(store, settings, [SourceInput("wtdc-99.md", wtdc_99())], cached=False)
    finally:
        store.close()


def test_the_validation_workspace_follows_every_write(settings: Settings, store_dir: Path) -> None:
    store = EmbeddedStore(store_dir)
    try:
        workspace_for(store)  # cached before the writes
        ingest(store, settings, [SourceInput("wtdc-99.txt", wtdc_99(3))])
        ingest(store, settings, [SourceInput("wtdc-99.txt", wtdc_99(1))])
        assert set(workspace_for(store).data) == set(copy_store(store))
        delete_document(store, settings, "wtdc-99")
        assert set(workspace_for(store).data) == set(copy_store(store))
    finally:
        store.close()


def test_lineage_named_queries_and_sparql_see_an_ingest_at_once(client: TestClient) -> None:
    before = (_cited_by_2014(client), _sparql_count(client))
    landed = client.post("/api/documents?name=wtdc-99.txt", content=wtdc_99(), headers=TEXT)
    after = (_cited_by_2014(client), _sparql_count(client))
    named = named_count(client)
    deleted = client.delete("/api/documents/wtdc-99", headers=AUTH)
    assert before == ([], 0)
    assert landed.status_code == 201
    assert landed.headers["location"] == "/api/documents/wtdc-99"
    assert landed.json()["documents"][0]["version"] == NEW_VERSION
    assert after == ([{
        "citing": NEW_VERSION, "body": "wtdc", "number": "99", "year": 2017,
        "label": "Resolution 99 (Buenos Aires, 2017)", "role": "recalling",
    }], 4)
    assert named == 1
    assert deleted.status_code == 200
    assert deleted.json() == {
        "id": "wtdc-99", "removed": ["https://w3id.org/reskg/id/source/wtdc-99"]
    }
    assert (_cited_by_2014(client), _sparql_count(client), named_count(client)) == ([], 0, 0)


def test_documents_api_answers(client: TestClient) -> None:
    rejected = client.post("/api/documents?name=res-90.txt", content=FUTURE_CITATION, headers=TEXT)
    assert rejected.status_code == 422
    assert rejected.json()["landed"] is False
    assert [r["shape"].split("#")[1] for r in rejected.json()["report"]["results"]
            if r["severity"] == "Violation"] == ["C02-no-citation-of-the-future"]
    malformed = client.post("/api/documents?name=bad.txt", content=b"R\n\n\xff", headers=TEXT)
    assert (malformed.status_code, malformed.json()) == (
        400, {"detail": "bad.txt:3: not UTF-8: byte 0xff at offset 3"}
    )
    assert client.post("/api/documents", content=wtdc_99(), headers=TEXT).status_code == 400
    xml = {**AUTH, "Content-Type": "application/xml"}
    assert client.post("/api/documents?name=a.txt", content=b"<a/>", headers=xml).status_code == 400
    json_body = {**AUTH, "Content-Type": "application/json"}
    assert client.post("/api/documents?name=a.txt", content=b"{}", headers=json_body
                       ).status_code == 415
    big = b"x" * 2_000_001
    assert client.post("/api/documents?name=a.txt", content=big, headers=TEXT).status_code == 413
    assert client.post("/api/documents?name=w.txt", content=wtdc_99(), headers=TEXT
                       ).status_code == 201
    conflict = client.post("/api/documents?name=w.md", content=wtdc_99(), headers=TEXT)
    assert conflict.status_code == 409
    assert client.get("/api/documents/w").json()[0]["file"] == "w.txt"
    collection = client.get("/api/documents/pp18_final_acts_akn")
    assert collection.status_code == 200
    assert "pp18_final_acts_akn/res-140" in [d["id"] for d in collection.json()]
    assert client.get("/api/documents/nothing-here").status_code == 404
    assert client.delete("/api/documents/nothing-here", headers=AUTH).status_code == 404
    component = client.delete("/api/documents/pp18_final_acts_akn/res-140", headers=AUTH)
    assert component.json()["removed"] == [
        "https://w3id.org/reskg/id/source/pp18_final_acts_akn/res-140"
    ]
    assert client.get("/api/documents/pp18_final_acts_akn/res-140").status_code == 404


def test_the_command_line_exits_0_landed_1_rejected_2_unreadable(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad, broken = tmp_path / "wtdc-99.txt", tmp_path / "res-90.txt", tmp_path / "b.txt"
    good.write_bytes(wtdc_99())
    bad.write_bytes(FUTURE_CITATION)
    broken.write_bytes(b"\xff")
    assert main(["ingest", str(good), "--store", str(store_dir), "--format", "json"]) == 0
    landed = json.loads(capsys.readouterr().out)
    assert (landed["landed"], landed["documents"][0]["id"]) == (True, "wtdc-99")
    assert main(["ingest", str(bad), "--store", str(store_dir)]) == 1
    assert capsys.readouterr().out.startswith("rejected (nothing was changed): 1 document(s)\n")
    assert main(["ingest", str(broken), "--store", str(store_dir)]) == 2
    assert capsys.readouterr().err == "reskg ingest: b.txt:1: not UTF-8: byte 0xff at offset 0\n"
