"""`reskg query`: named queries from the command line, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from app.named_queries import add_query_parser, load_queries
from app.settings import PROJECT_ROOT, Settings

BASE = "https://w3id.org/reskg/id/"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of `reskg query ARGS`."""
    top = argparse.ArgumentParser(prog="reskg")
    add_query_parser(top.add_subparsers(dest="command", required=True))
    namespace = top.parse_args(["query", *args])
    code: int = namespace.run(namespace)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_every_query_with_its_title_and_parameters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["--list"], capsys)
    assert code == 0
    library = load_queries(PROJECT_ROOT / "queries")
    lines = out.splitlines()
    titled = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert titled == list(library)
    assert "most-cited" in out and "The most-cited resolutions" in out
    assert "--param minimum=… (integer, default 10)" in out


def test_unknown_name_exits_2_naming_the_known_queries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["most-citd"], capsys)
    assert (code, out) == (2, "")
    assert "no named query 'most-citd'" in err
    assert "most-cited" in err and "instrument-history" in err


def test_table_is_aligned_columns_for_people(
    bundled_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["most-cited", "--store", str(bundled_settings.store_dir)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["resolution", "label", "citingVersions", "citations"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == [
        BASE + "resolution/unga/70-1",
        "UNGA",
        "Resolution",
        "70/1",
        "16",
        "20",
    ]
    assert lines[-1] == "(3 rows)"
    # Columns line up: each column starts where its header does.
    label_at = lines[0].index("label")
    assert lines[2][label_at:].startswith("UNGA Resolution 70/1")
    assert lines[3][label_at:].startswith("PP Resolution 71")


def test_csv_with_parameters(
    bundled_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "cited-by-across-versions",
        "--param",
        f"resolution={BASE}resolution/wtdc/30",
        "--format",
        "csv",
        "--store",
        str(bundled_settings.store_dir),
    ]
    code, out, _ = run(args, capsys)
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["cited", "citing", "citingLabel", "citingYear", "citations"],
        [
            BASE + "resolution/wtdc/30/2006",
            BASE + "resolution/council/1282/2007",
            "Resolution 1282 (C07)",
            "2007",
            "1",
        ],
        [
            BASE + "resolution/wtdc/30/2017",
            BASE + "resolution/pp/140/2018",
            "Resolution 140 (Rev. Dubai, 2018)",
            "2018",
            "2",
        ],
    ]


def test_json_is_sparql_results(
    bundled_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["co-citations", "--format", "json", "--store", str(bundled_settings.store_dir)]
    code, out, _ = run([*args, "--param", "minimum=9"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == [
        "first",
        "firstLabel",
        "second",
        "secondLabel",
        "citingVersions",
    ]
    [row] = data["results"]["bindings"]
    assert (row["first"]["value"], row["second"]["value"], row["citingVersions"]["value"]) == (
        BASE + "resolution/unga/70-1",
        BASE + "resolution/unga/70-125",
        "9",
    )


def test_construct_prints_turtle(
    bundled_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["citation-network", "--store", str(bundled_settings.store_dir)], capsys)
    assert code == 0
    graph = Graph().parse(data=out, format="turtle")
    cites = URIRef("https://w3id.org/reskg/ontology#cites")
    assert len(list(graph.triples((URIRef(BASE + "resolution/wtdc/30/2014"), cites, None)))) == 11


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("minimum=ten", "parameter 'minimum' needs an integer, not 'ten'"),
        ("maximum=3", "query 'most-cited' has no parameter 'maximum' (its parameters: minimum)"),
        ("minimum", "--param needs NAME=VALUE, not 'minimum'"),
    ],
)
def test_bad_parameters_exit_2_with_a_message(
    param: str, message: str, bundled_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["most-cited", "--param", param, "--store", str(bundled_settings.store_dir)]
    code, out, err = run(args, capsys)
    assert (code, out, err) == (2, "", f"reskg: {message}\n")


def test_a_missing_store_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["most-cited", "--store", str(tmp_path / "nowhere")], capsys)
    assert (code, out) == (2, "")
    assert "run 'reskg build' first" in err
    assert not (tmp_path / "nowhere").exists()


def test_a_store_of_an_earlier_reskg_exits_2_asking_for_a_rebuild(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyoxigraph as ox

    old = ox.Store(str(tmp_path / "old"))  # earlier builds kept a merged copy in the default graph
    old.add(
        ox.Quad(
            ox.NamedNode("https://example.org/a"),
            ox.NamedNode("https://example.org/p"),
            ox.Literal("x"),
        )
    )
    old.flush()
    del old
    code, out, err = run(["most-cited", "--store", str(tmp_path / "old")], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"reskg: the store {tmp_path / 'old'} was built by an earlier reskg (its default graph "
        "holds triples); rebuild it with 'reskg build'\n"
    )
