"""Validating at a candidate's nodes on their neighbourhood finds what a copy of the store finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from app.build import ontology_triples
from app.iris import Iris
from app.registry import Registry
from app.settings import Settings
from app.store import Store
from app.store.embedded import EmbeddedStore
from app.validation import candidate_from_paths
from app.validation.report import Report, Result
from app.validation.shacl import Candidate, Workspace, load_shapes
from tests.shapes.test_shapes import EXAMPLES, SHAPE_IDS

SETTINGS = Settings()
SHAPES = load_shapes(SETTINGS.shapes_dir)
IRIS = Iris(SETTINGS.base_iri)
WHOLE = (IRIS.graph("ontology"), IRIS.graph("reference"))
FAULTS = Path(__file__).parent / "faults"


def _results(report: Report) -> list[tuple[object, ...]]:
    return [(r.shape_id, r.severity, r.focus, r.value, r.message, r.source) for r in report.results]


def _both(store: Store, candidate: Candidate) -> tuple[Report, Report]:
    assert isinstance(store, EmbeddedStore)
    whole_copy = Workspace.of(store).validate(candidate, SHAPES)
    around = Workspace.around(store, candidate.focus(), WHOLE, SHAPES).validate(candidate, SHAPES)
    return whole_copy, around


@pytest.mark.parametrize("sid", SHAPE_IDS)
def test_a_fault_one_node_away_is_found_from_its_neighbourhood(sid: str) -> None:
    """The candidate is only the triples of the node the shape fires at; the rest of the
    example (targets, meetings, other versions) is in the store and must be reached."""
    example = Graph().parse(EXAMPLES / f"{sid}-invalid.ttl", format="turtle")
    focus = min(URIRef(r.focus) for r in _example_results(example))
    own = [t for t in example if t[0] == focus]
    rest = [t for t in example if t[0] != focus]
    store = EmbeddedStore(None)
    store.bulk_load(
        {
            IRIS.graph("ontology"): ontology_triples(SETTINGS.ontology_dir),
            URIRef("urn:test:stored"): rest,
        }
    )
    candidate = Candidate(graphs={URIRef("urn:test:candidate"): own})
    whole_copy, around = _both(store, candidate)
    assert {r.shape_id for r in around.results} == {sid}, "the candidate's fault is found"
    assert _results(around) == _results(whole_copy)


def _example_results(example: Graph) -> list[Result]:
    store = EmbeddedStore(None)
    store.bulk_load(
        {
            IRIS.graph("ontology"): ontology_triples(SETTINGS.ontology_dir),
            URIRef("urn:test:example"): list(example),
        }
    )
    report = Workspace.of(store).validate(Candidate(), SHAPES, everything=True)
    return list(report.results)


@pytest.mark.parametrize(
    ("fault", "shape"),
    [
        ("future-citation.txt", "C02-no-citation-of-the-future"),
        ("meeting-never-held.txt", "C06-cited-label-agrees-with-meeting"),
        ("second-text-res30.txt", "V08-version-has-one-text"),
        ("unknown-action-line.txt", "C04-action-line-known"),
        ("well-formed.txt", None),
    ],
)
def test_the_fault_texts_get_the_same_report_against_the_bundled_store(
    bundled_store: Store, fault: str, shape: str | None
) -> None:
    registry = Registry.load(SETTINGS.reference_dir)
    candidate = candidate_from_paths([FAULTS / fault], SETTINGS, registry)
    whole_copy, around = _both(bundled_store, candidate)
    violations = [r.shape_id for r in around.results if r.severity == "Violation"]
    assert violations == ([shape] if shape else [])
    assert _results(around) == _results(whole_copy)
