"""`reskg validate`: the bundled data conforms; each fault file is caught and named."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from app.build import build
from app.cli import main
from app.settings import Settings

FAULTS = Path(__file__).parent / "shapes" / "faults"
SHAPES = "https://w3id.org/reskg/shapes#"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled data, for this module only (the CLI opens it itself)."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("validate-cli") / "store")
    build(settings)
    return settings.store_dir


def run(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `reskg validate ...` in-process: exit code, standard output and error."""
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_bundled_data_conforms_and_lists_its_warnings(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--store", str(store_dir), "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 0
    assert report["conforms"] is True
    severities = {r["severity"] for r in report["results"]}
    assert "Violation" not in severities
    warnings = [r for r in report["results"] if r["severity"] == "Warning"]
    assert warnings, "the bundled data still has unresolved references"
    assert {r["shape"].removeprefix(SHAPES) for r in warnings} <= {
        "C05-reference-resolved",
        "V09-version-has-a-label",
    }
    unresolved = [r for r in warnings if r["shape"].endswith("C05-reference-resolved")]
    assert all(r["source"] and r["source"]["file"] and r["source"]["line"] for r in unresolved)
    code, text, _ = run(["--store", str(store_dir)], capsys)
    assert code == 0
    assert text.count(": warning: ") == len(warnings)
    assert text.splitlines()[-1].startswith(f"conforms: 0 violations, {len(warnings)} warnings")


@pytest.mark.parametrize(
    ("fault", "shape", "focus"),
    [
        (
            "future-citation.txt",
            "C02-no-citation-of-the-future",
            "https://w3id.org/reskg/id/source/future-citation/citation/1",
        ),
        (
            "second-text-res30.txt",
            "V08-version-has-one-text",
            "https://w3id.org/reskg/id/resolution/wtdc/30/2014",
        ),
        (
            "meeting-never-held.ttl",
            "M02-meeting-in-registry",
            "https://w3id.org/reskg/id/resolution/wtdc/91/2014",
        ),
        (
            "unknown-action-line.ttl",
            "C04-action-line-known",
            "https://w3id.org/reskg/id/source/unknown-action-line/citation/1",
        ),
        (
            "meeting-never-held.txt",
            "C06-cited-label-agrees-with-meeting",
            "https://w3id.org/reskg/id/source/meeting-never-held/citation/1",
        ),
        (
            "unknown-action-line.txt",
            "C04-action-line-known",
            "https://w3id.org/reskg/id/source/unknown-action-line/citation/1",
        ),
    ],
)
def test_each_fault_is_caught_and_names_its_file(
    store_dir: Path, capsys: pytest.CaptureFixture[str], fault: str, shape: str, focus: str | None
) -> None:
    code, out, _ = run(["--store", str(store_dir), "--format", "json", str(FAULTS / fault)], capsys)
    report = json.loads(out)
    assert code == 1
    assert report["conforms"] is False
    [violation] = [r for r in report["results"] if r["severity"] == "Violation"]
    assert violation["shape"] == SHAPES + shape
    if focus is not None:
        assert violation["focus"] == focus
    assert violation["source"]["file"].endswith(f"faults/{fault}")


def test_the_busan_text_is_also_an_unresolved_warning_on_line_9(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["--store", str(store_dir), "--format", "json", str(FAULTS / "meeting-never-held.txt")],
        capsys,
    )
    results = json.loads(out)["results"]
    assert code == 1
    assert sorted((r["severity"], r["shape"].removeprefix(SHAPES)) for r in results) == [
        ("Violation", "C06-cited-label-agrees-with-meeting"),
        ("Warning", "C05-reference-resolved"),
    ]
    assert {
        (r["source"]["file"].endswith("faults/meeting-never-held.txt"), r["source"]["line"])
        for r in results
    } == {(True, 9)}


def test_a_well_formed_text_passes(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--store", str(store_dir), str(FAULTS / "well-formed.txt")], capsys)
    assert code == 0
    assert out == "conforms: 0 violations, 0 warnings, 0 notes\n"


def test_the_text_report_is_grouped_by_file(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fault = FAULTS / "future-citation.txt"
    code, out, _ = run(["--store", str(store_dir), str(fault)], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("faults/future-citation.txt")
    assert lines[1].startswith(
        "  line 9: violation: Cites https://w3id.org/reskg/id/resolution/pp/71/2014"
    )
    assert lines[1].endswith(
        "[C02-no-citation-of-the-future] "
        "(https://w3id.org/reskg/id/source/future-citation/citation/1)"
    )
    assert lines[-1] == "does not conform: 1 violations, 0 warnings, 0 notes"


def test_the_turtle_report_is_the_shacl_report(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fault = FAULTS / "second-text-res30.txt"
    code, out, _ = run(["--store", str(store_dir), "--format", "turtle", str(fault)], capsys)
    graph = Graph().parse(data=out, format="turtle")
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    [result] = graph.objects(report, SH.result)
    assert code == 1
    assert str(graph.value(result, SH.sourceShape)) == SHAPES + "V08-version-has-one-text"


def test_a_file_that_cannot_be_read_exits_2(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    code, out, err = run(["--store", str(store_dir), str(broken)], capsys)
    assert (code, out) == (2, "")
    assert "broken.ttl:2: not turtle" in err
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK")
    assert run(["--store", str(store_dir), str(odd)], capsys)[0] == 2


def test_an_empty_store_is_built_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--store", str(tmp_path / "store"), "--format", "json"], capsys)
    assert code == 0
    assert "building the empty store" in err
