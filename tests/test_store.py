"""The embedded store: graphs replaced atomically, queries over their union, dumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from app.store import StoreError
from app.store.bindings import BindingError, bind
from app.store.embedded import EmbeddedStore

EX = "https://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
A, B = URIRef(EX + "a"), URIRef(EX + "b")


def test_graphs_are_replaced_whole_and_queried_as_a_union(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs(
        {G1: [(A, RDFS.label, Literal("one"))], G2: [(B, RDFS.label, Literal("two"))]}
    )
    store.replace_graphs({G1: [(A, RDFS.label, Literal("uno"))]})
    rows = store.select(
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
    )
    assert rows == [{"s": B, "l": Literal("two")}, {"s": A, "l": Literal("uno")}]
    assert store.graph_names() == [G1, G2]
    assert len(store) == 2


def test_a_failed_replace_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs({G1: [(A, RDFS.label, Literal("one"))]})
    bad = URIRef("relative")  # no base IRI: the store refuses the whole update
    with pytest.raises(SyntaxError):
        store.replace_graphs(
            {G1: [(A, RDFS.label, Literal("new"))], G2: [(bad, RDFS.label, Literal("x"))]}
        )
    assert store.select("SELECT ?l WHERE { ?s ?p ?l }") == [{"l": Literal("one")}]


def test_bindings_ask_construct_and_persistence(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs({G1: [(A, RDFS.label, Literal("one", lang="en")), (A, RDFS.seeAlso, B)]})
    assert store.ask("ASK { ?s ?p ?o }", {"s": B}) is False
    assert store.ask("ASK { ?s ?p ?o }", {"s": A}) is True
    graph = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"p": RDFS.seeAlso})
    assert set(graph) == {(A, RDFS.seeAlso, B)}
    store.close()
    reopened = EmbeddedStore(tmp_path / "store")
    assert len(reopened) == 2
    assert reopened.select("SELECT ?l WHERE { ?s ?p ?l FILTER isLiteral(?l) }") == [
        {"l": Literal("one", lang="en")}
    ]


def test_dump_round_trips_as_nquads(tmp_path: Path) -> None:
    store = EmbeddedStore(None)
    store.bulk_load({G1: [(A, RDFS.label, Literal("one"))], G2: [(B, RDFS.label, Literal(2))]})
    dataset = Dataset()
    dataset.parse(data=store.dump("nquads"), format="nquads")
    assert set(dataset.quads()) == {
        (A, RDFS.label, Literal("one"), G1),
        (B, RDFS.label, Literal(2), G2),
    }
    turtle = store.dump("turtle").decode()
    assert '"one"' in turtle and "rdf-schema#label" in turtle
    with pytest.raises(StoreError, match="unknown format 'yaml'"):
        store.dump("yaml")


def test_wrong_query_form_is_an_error() -> None:
    store = EmbeddedStore(None)
    with pytest.raises(StoreError, match="needs a SELECT query"):
        store.select("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "SELECT ?l WHERE { ?s ?p ?l }",
            "SELECT ?l WHERE { VALUES (?s) { (<https://example.org/a>) }  ?s ?p ?l }",
        ),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<https://example.org/a>) }  ?s ?p ?o }",
        ),
        (
            'ASK { ?s ?p "{ WHERE }" } # { where',
            'ASK { VALUES (?s) { (<https://example.org/a>) }  ?s ?p "{ WHERE }" } # { where',
        ),
        (
            "SELECT * { { SELECT ?s WHERE { ?s ?p ?o } } }",
            "SELECT * { VALUES (?s) { (<https://example.org/a>) }  "
            "{ SELECT ?s WHERE { ?s ?p ?o } } }",
        ),
    ],
)
def test_parameters_are_bound_in_the_outer_group(query: str, expected: str) -> None:
    assert bind(query, {"s": A}) == expected


def test_a_bound_parameter_need_not_be_projected() -> None:
    store = EmbeddedStore(None)
    store.bulk_load({G1: [(A, RDFS.label, Literal("one")), (B, RDFS.label, Literal("two"))]})
    assert store.select("SELECT ?l WHERE { ?s ?p ?l }", {"s": B}) == [{"l": Literal("two")}]


def test_bad_parameter_names_are_refused() -> None:
    with pytest.raises(BindingError, match="'s p' is not a SPARQL variable name"):
        bind("SELECT * { ?s ?p ?o }", {"s p": A})
