"""The build: the bundled data in one store, deterministic, and safe on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from app.build import build
from app.iris import Iris
from app.reading.model import ReadError
from app.settings import Settings
from app.store import Store, open_store

PREFIXES = """
PREFIX reskg: <https://w3id.org/reskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


# The revision chain of PP Resolution 140 and the eight Plenipotentiary Conferences are asserted
# on every backend, the embedded one included: tests/backends/test_backends.py.


def test_bundled_build_reads_every_document(
    bundled_store: Store, bundled_settings: Settings
) -> None:
    iris = Iris(bundled_settings.base_iri)
    graphs = bundled_store.graph_names()
    sources = [g for g in graphs if str(g).startswith(iris.base + "source/")]
    assert len(sources) == 61  # 2 seeds + 59 components of the PP-18 Final Acts
    assert iris.graph("reference") in graphs and iris.graph("ontology") in graphs
    assert iris.source("000_e465f37a3d75a274") in graphs
    assert iris.source("pp18_final_acts_akn/res-140") in graphs


def test_every_term_outside_standard_vocabularies_is_declared(bundled_store: Store) -> None:
    rows = bundled_store.select(
        PREFIXES
        + """SELECT DISTINCT ?term WHERE {
            { ?s ?term ?o } UNION { ?s a ?term }
            FILTER (STRSTARTS(STR(?term), "https://w3id.org/reskg/ontology#"))
            FILTER NOT EXISTS {
                ?term rdfs:label ?label ; skos:definition ?definition .
            }
        }"""
    )
    assert rows == []


def test_no_triple_is_in_two_graphs(bundled_store: Store) -> None:
    # queries read the union of the named graphs: a triple in two graphs would count twice
    dataset = bundled_store.dump("nquads").decode().splitlines()
    triples = {line.rsplit(" ", 2)[0] for line in dataset}
    assert len(dataset) == len(triples) > 50_000


def test_build_is_deterministic(bundled_store: Store, tmp_path: Path) -> None:
    again = Settings(store_dir=tmp_path / "again")
    build(again)
    second = open_store(again.store_dir)
    try:
        assert sorted(bundled_store.dump("nquads").splitlines()) == sorted(
            second.dump("nquads").splitlines()
        )
    finally:
        second.close()


def test_bad_input_stops_the_build_and_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    seed = settings.sources_dir / "000_e465f37a3d75a274.txt"
    build(settings, [seed])
    before = open_store(settings.store_dir)
    try:
        quads_before = before.dump("nquads")
    finally:
        before.close()
    bad = tmp_path / "broken.xml"
    bad.write_text("<akomaNtoso>\n  <unclosed>\n</akomaNtoso>\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"broken\.xml:3"):
        build(settings, [seed, bad])
    after = open_store(settings.store_dir)
    try:
        assert after.dump("nquads") == quads_before
    finally:
        after.close()


def test_export_round_trips_through_turtle(bundled_store: Store) -> None:
    graph = Graph().parse(data=bundled_store.dump("turtle"), format="turtle")
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, again)
    label = (
        URIRef("https://w3id.org/reskg/ontology#revises"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
        Literal("revises", lang="en"),
    )
    assert label in graph


def test_parallel_reading_gives_the_same_dataset(
    bundled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.build

    monkeypatch.setattr(app.build, "PARALLEL_FROM", 2)  # the 3 bundled files in 2 processes
    settings = Settings(store_dir=tmp_path / "parallel")
    build(settings)
    store = open_store(settings.store_dir)
    try:
        assert sorted(store.dump("nquads").splitlines()) == sorted(
            bundled_store.dump("nquads").splitlines()
        )
    finally:
        store.close()
