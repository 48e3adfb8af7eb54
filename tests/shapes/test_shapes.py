"""Every shape has a valid and an invalid example; the invalid one fires exactly that shape."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from app.build import ontology_triples
from app.settings import Settings
from app.store import Triple
from app.store.embedded import EmbeddedStore
from app.validation.report import SHAPES_NS
from app.validation.shacl import (
    Candidate,
    Workspace,
    copy_store,
    graphs_store,
    load_shapes,
    run_shacl,
    shape_iris,
    target_groups,
    validate_store,
)
from app.vocab import RESKG

EXAMPLES = Path(__file__).parent / "examples"
SETTINGS = Settings()
SHAPES = load_shapes(SETTINGS.shapes_dir)
SHAPE_IDS = [str(s).removeprefix(SHAPES_NS) for s in shape_iris(SHAPES)]
ONTOLOGY = ontology_triples(SETTINGS.ontology_dir)


def example_store(name: str) -> ox.Store:
    """An example file with the ontology beside it, as in the store."""
    example = Graph().parse(EXAMPLES / name, format="turtle")
    return graphs_store(
        {URIRef("urn:test:example"): list(example), URIRef("urn:test:ontology"): ONTOLOGY}
    )


def fired(report: Graph) -> set[str]:
    """The ids of the shapes of the report's top-level results (`sh:sourceShape`)."""
    return {
        str(report.value(result, SH.sourceShape)).removeprefix(SHAPES_NS)
        for top in report.subjects(RDF.type, SH.ValidationReport)
        for result in report.objects(top, SH.result)
    }


def test_every_shape_has_a_valid_and_an_invalid_example() -> None:
    missing = [
        f"{sid}-{kind}.ttl"
        for sid in SHAPE_IDS
        for kind in ("valid", "invalid")
        if not (EXAMPLES / f"{sid}-{kind}.ttl").is_file()
    ]
    assert missing == []
    orphans = {p.name.rsplit("-", 1)[0] for p in EXAMPLES.glob("*.ttl")} - set(SHAPE_IDS)
    assert orphans == set()


def test_the_shape_list_is_the_documented_one() -> None:
    assert SHAPE_IDS == [
        "A01-addressee-is-known-body",
        "C01-citation-target-exists",
        "C02-no-citation-of-the-future",
        "C03-role-is-controlled",
        "C04-action-line-known",
        "C05-reference-resolved",
        "C06-cited-label-agrees-with-meeting",
        "M01-meeting-of-own-body",
        "M02-meeting-in-registry",
        "M03-meeting-has-one-year",
        "M04-adopting-meeting-verified",
        "R01-revises-same-instrument",
        "R02-revises-earlier-version",
        "R03-revisions-without-cycle",
        "R04-one-direct-successor",
        "T01-terms-in-vocabulary",
        "V01-version-has-one-number",
        "V02-version-has-one-meeting",
        "V03-version-has-one-year",
        "V04-version-year-is-meeting-year",
        "V05-version-has-one-label",
        "V06-label-agrees-with-meeting",
        "V07-version-of-one-instrument",
        "V08-version-has-one-text",
        "V09-version-has-a-label",
    ]


@pytest.mark.parametrize("shape", shape_iris(SHAPES), ids=SHAPE_IDS)
def test_every_shape_has_message_severity_comment_and_a_core_target(shape: URIRef) -> None:
    assert isinstance(SHAPES.value(shape, SH.message), Literal)
    assert SHAPES.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info)
    assert isinstance(SHAPES.value(shape, RDFS.comment), Literal)
    groups = [target for target, members in target_groups(SHAPES).items() if shape in members]
    assert groups and groups[0], "focused validation needs Core targets (see shacl.targeted)"


@pytest.mark.parametrize("sid", SHAPE_IDS)
def test_the_invalid_example_fires_exactly_its_shape(sid: str) -> None:
    assert fired(run_shacl(example_store(f"{sid}-invalid.ttl"), SHAPES)) == {sid}


@pytest.mark.parametrize("sid", SHAPE_IDS)
def test_the_valid_example_fires_nothing(sid: str) -> None:
    assert fired(run_shacl(example_store(f"{sid}-valid.ttl"), SHAPES)) == set()


@pytest.mark.parametrize("sid", SHAPE_IDS)
def test_focused_validation_finds_what_full_validation_finds(sid: str) -> None:
    store = example_store(f"{sid}-invalid.ttl")
    example = Graph().parse(EXAMPLES / f"{sid}-invalid.ttl", format="turtle")
    focus = {n for t in example for n in (t[0], t[2]) if isinstance(n, URIRef)}
    full = validate_store(store, SHAPES).results
    focused = validate_store(store, SHAPES, focus).results
    assert [(r.shape, r.focus, r.value) for r in focused] == [
        (r.shape, r.focus, r.value) for r in full
    ]


def test_results_name_shape_focus_and_source() -> None:
    report = validate_store(example_store("C02-no-citation-of-the-future-invalid.ttl"), SHAPES)
    [result] = report.results
    base = "https://w3id.org/reskg/id/"
    assert result.severity == "Violation"
    assert result.shape_id == "C02-no-citation-of-the-future"
    assert result.focus == base + "source/new/citation/1"
    assert result.value == base + "resolution/wtdc/30/2014"
    assert result.message == (
        f"Cites {base}resolution/wtdc/30/2014, adopted in 2014, after the citing version (2010):"
        " a text cannot cite a later version."
    )
    assert (result.source.file, result.source.start, result.source.end) == ("new.txt", 10, 20)  # type: ignore[union-attr]
    assert report.conforms is False


def test_a_second_text_points_to_the_preferred_file() -> None:
    store = example_store("V08-version-has-one-text-invalid.ttl")
    report = validate_store(store, SHAPES, prefer=["res30-copy.txt"])
    [result] = report.results
    assert result.shape_id == "V08-version-has-one-text"
    assert result.source is not None
    assert (result.source.file, result.source.line) == ("res30-copy.txt", 1)


def test_warnings_and_infos_do_not_break_conformance() -> None:
    report = validate_store(example_store("C05-reference-resolved-invalid.ttl"), SHAPES)
    assert [r.severity for r in report.results] == ["Warning"]
    assert report.conforms is True
    assert (None, SH.conforms, Literal(True)) in report.graph


def test_identity_repeated_in_many_graphs_is_validated_once() -> None:
    """Regression: Oxigraph's union view repeats a triple once per graph that states it."""
    example = list(Graph().parse(EXAMPLES / "C02-no-citation-of-the-future-invalid.ttl"))
    stored = EmbeddedStore(None)
    graphs = {URIRef(f"urn:test:g{i}"): example for i in range(30)}
    stored.bulk_load({**graphs, URIRef("urn:test:ontology"): ONTOLOGY})
    copy = copy_store(stored)
    assert len(copy) == len(set(example) | set(ONTOLOGY))
    [result] = validate_store(copy, SHAPES).results
    assert result.shape_id == "C02-no-citation-of-the-future"


def test_a_candidate_replaces_its_stored_graph_and_is_taken_out_again() -> None:
    base = "https://w3id.org/reskg/id/"
    version, label = URIRef(base + "resolution/wtdc/30/2014"), RESKG.versionLabel
    example = Graph().parse(EXAMPLES / "V05-version-has-one-label-valid.ttl")
    example.remove((version, label, None))
    text = URIRef(base + "source/res30")
    read: list[Triple] = [
        (version, label, Literal("Rev. Dubai, 2014")),
        (version, RESKG.hasText, text),
    ]
    stored = EmbeddedStore(None)
    stored.bulk_load({URIRef("urn:test:reference"): [*example, *ONTOLOGY], text: read})
    workspace = Workspace.of(stored)
    before = set(workspace.data)
    again: list[Triple] = [(version, label, Literal("Rev. Dubai, 2014 (read again)"))]
    read_again = Candidate(graphs={text: again})
    assert workspace.validate(read_again, SHAPES).results == []
    copy = URIRef(base + "source/copy")
    claim: list[Triple] = [(version, RESKG.hasText, copy)]
    second = Candidate(graphs={copy: claim})
    assert [r.shape_id for r in workspace.validate(second, SHAPES).results] == [
        "V08-version-has-one-text"
    ]
    assert set(workspace.data) == before
