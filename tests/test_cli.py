"""The `reskg` command line: build, export, extract, and clear errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset

from app.cli import main
from app.settings import Settings

SOURCES = Settings().sources_dir


def test_build_then_export_nquads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    assert main(["build", str(SOURCES / "003_f80033ae4421c55d.txt"), "--store", str(store)]) == 0
    assert "1 documents from 1 sources, 54 references, 5 graphs" in capsys.readouterr().err
    assert main(["export", "--store", str(store), "--format", "nquads"]) == 0
    dataset = Dataset()
    dataset.parse(data=capsys.readouterr().out, format="nquads")
    names = sorted(str(g.identifier) for g in dataset.graphs() if len(g))
    assert names == [  # what it says of its own and cited works, the reference tables say
        "https://w3id.org/reskg/id/document/Tunis-Agenda",
        "https://w3id.org/reskg/id/document/Tunis-Commitment",
        "https://w3id.org/reskg/id/graph/ontology",
        "https://w3id.org/reskg/id/graph/reference",
        "https://w3id.org/reskg/id/source/003_f80033ae4421c55d",
    ]
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == len({(s, p, o) for s, p, o, _ in quads})  # no triple in two graphs


def test_export_of_an_empty_store_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--store", str(tmp_path / "none")]) == 2
    assert "is empty; run 'reskg build'" in capsys.readouterr().err


def test_extract_prints_the_documented_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SOURCES / "003_f80033ae4421c55d.txt")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["document"] == {
        "instrument": "resolution",
        "body": "WTDC",
        "number": "30",
        "year": 2014,
        "meeting": "WTDC-14",
        "place": "Dubai",
        "label": "Rev. Dubai, 2014",
        "title": "Role of the ITU Telecommunication Development Sector in implementing the "
        "outcomes of the World Summit on the Information Society",
        "id": "https://w3id.org/reskg/id/resolution/wtdc/30/2014",
    }
    first = out["references"][0]
    assert first == {
        "kind": "resolution",
        "text": "Resolution 71 (Rev. Guadalajara, 2010) of the Plenipotentiary Conference",
        "start": first["start"],
        "end": first["start"] + len(first["text"]),
        "role": "recalling",
        "status": "resolved",
        "body": "PP",
        "number": "71",
        "year": 2010,
        "meeting": "PP-10",
        "instrument": "resolution",
        "target": "https://w3id.org/reskg/id/resolution/pp/71/2010",
    }
    source = (SOURCES / "003_f80033ae4421c55d.txt").read_text(encoding="utf-8")
    assert source[first["start"] : first["end"]] == first["text"]
    kinds = [r["kind"] for r in out["references"] if r["kind"] != "internal"]
    assert (kinds.count("resolution"), kinds.count("action-line"), kinds.count("paragraph")) == (
        16,
        33,
        3,
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"RESOLUTION 1 (Dubai, 2014)\n\xff\xfe\n", "bad.txt:2: not UTF-8: byte 0xff at offset 27"),
        (b"   \n", "bad.txt: empty: no text to read"),
        (b"Minutes of the meeting\n", "bad.txt:1: not a resolution"),
    ],
)
def test_bad_input_gets_a_clear_error_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["extract", str(bad)]) == 2
    assert message in capsys.readouterr().err


def test_serve_refuses_a_store_of_an_earlier_reskg_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check runs before uvicorn starts: one line and exit 2, no start-up traceback."""
    import pyoxigraph as ox

    old = ox.Store(str(tmp_path / "old"))  # earlier builds kept a merged copy in the default graph
    node = ox.NamedNode("https://example.org/a")
    old.add(ox.Quad(node, node, ox.Literal("x")))
    old.flush()
    del old
    assert main(["serve", "--store", str(tmp_path / "old"), "--port", "1"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"reskg: the store {tmp_path / 'old'} was built by an earlier reskg (its default graph "
        "holds triples); rebuild it with 'reskg build'\n",
    )
