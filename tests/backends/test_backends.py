"""The same behaviour on every backend: graph writes, queries over the union, dumps, the build."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from app.iris import Iris
from app.settings import Settings
from app.store import Store, StoreError
from app.store.embedded import EmbeddedStore
from app.store.remote import RemoteStore

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PREFIXES = """
PREFIX reskg: <https://w3id.org/reskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def names(base: str) -> tuple[URIRef, URIRef, URIRef, URIRef]:
    """Two graph names and two subjects under `base`."""
    return (
        URIRef(base + "graph/g1"),
        URIRef(base + "graph/g2"),
        URIRef(base + "a"),
        URIRef(base + "b"),
    )


def test_graphs_are_replaced_whole_and_queried_as_a_union(store: Store, base: str) -> None:
    g1, g2, a, b = names(base)
    store.replace_graphs(
        {g1: [(a, RDFS.label, Literal("one"))], g2: [(b, RDFS.label, Literal("two"))]}
    )
    store.replace_graphs({g1: [(a, RDFS.label, Literal("uno"))]})
    rows = store.select(f"SELECT ?s ?l WHERE {{ ?s {LABEL} ?l }} ORDER BY ?l")
    assert rows == [{"s": b, "l": Literal("two")}, {"s": a, "l": Literal("uno")}]
    assert store.graph_names() == [g1, g2]
    assert len(store) == 2
    assert not store.is_empty()


def test_queries_read_the_union_of_the_graphs(store: Store, base: str) -> None:
    # the application never puts a triple in two graphs (app/rdf/work_graphs.py)
    g1, g2, a, b = names(base)
    store.replace_graphs({g1: [(a, RDFS.seeAlso, b)], g2: [(a, RDFS.label, Literal("two"))]})
    count = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert count == [{"n": Literal(2, datatype=XSD.integer)}]
    assert len(store) == 2
    store.replace_graphs({g2: []})
    assert store.ask(f"ASK {{ ?s {LABEL} ?l }}") is False
    assert store.ask("ASK { ?s ?p ?o }") is True
    store.drop_graphs([g1])
    assert store.graph_names() == []
    assert store.is_empty() and len(store) == 0


def test_a_failed_replace_changes_nothing(store: Store, base: str) -> None:
    g1, g2, a, _ = names(base)
    store.replace_graphs({g1: [(a, RDFS.label, Literal("one"))]})
    bad = URIRef("relative")  # no base IRI: the whole replacement is refused
    with pytest.raises((SyntaxError, StoreError)):
        store.replace_graphs({g1: [(a, RDFS.label, Literal("new"))], g2: [(bad, RDFS.label, a)]})
    assert store.select("SELECT ?l WHERE { ?s ?p ?l }") == [{"l": Literal("one")}]
    assert store.graph_names() == [g1]


def test_a_refused_write_changes_nothing_on_the_server(store: Store, base: str) -> None:
    if not isinstance(store, RemoteStore) or store.user is None:
        pytest.skip("a refusal needs a server that asks who writes")
    g1, _, a, _ = names(base)
    store.replace_graphs({g1: [(a, RDFS.label, Literal("one"))]})
    intruder = RemoteStore(
        store.query_url,
        store.update_url,
        base_iri=base,
        gsp_url=store.gsp_url,
        user="nobody",
        password="wrong",
        auth="digest",
    )
    try:
        with pytest.raises(StoreError):
            intruder.replace_graphs({g1: [(a, RDFS.label, Literal("new"))]})
    finally:
        intruder.close()
    assert store.select("SELECT ?l WHERE { ?s ?p ?l }") == [{"l": Literal("one")}]


def test_bindings_ask_construct_and_blank_nodes(store: Store, base: str) -> None:
    g1, _, a, b = names(base)
    node = BNode("n1")
    store.replace_graphs(
        {
            g1: [
                (a, RDFS.label, Literal("one", lang="en")),
                (a, RDFS.seeAlso, b),
                (a, RDFS.comment, Literal('quote " and\nnewline \\ é')),
                (a, RDFS.member, node),
                (node, RDFS.label, Literal(7)),
            ]
        }
    )
    assert store.ask("ASK { ?s ?p ?o }", {"s": b}) is False
    assert store.ask("ASK { ?s ?p ?o }", {"s": a}) is True
    graph = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"p": RDFS.seeAlso})
    assert set(graph) == {(a, RDFS.seeAlso, b)}
    labels = store.select("SELECT ?l WHERE { ?s ?p ?l }", {"s": a, "p": RDFS.label})
    assert labels == [{"l": Literal("one", lang="en")}]
    rows = store.select(
        "SELECT ?n ?v WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#member> ?n . ?n ?p ?v }"
    )
    assert len(rows) == 1 and isinstance(rows[0]["n"], BNode)
    assert rows[0]["v"] == Literal(7)
    comment = store.select(
        "SELECT ?c WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#comment> ?c }"
    )
    assert comment == [{"c": Literal('quote " and\nnewline \\ é')}]


def test_a_bound_parameter_need_not_be_projected(store: Store, base: str) -> None:
    g1, _, a, b = names(base)
    store.replace_graphs({g1: [(a, RDFS.label, Literal("one")), (b, RDFS.label, Literal("two"))]})
    assert store.select("SELECT ?l WHERE { ?s ?p ?l }", {"s": b}) == [{"l": Literal("two")}]


def test_dump_round_trips(store: Store, base: str) -> None:
    g1, g2, a, b = names(base)
    node = BNode("x")
    store.replace_graphs(
        {
            g1: [(a, RDFS.label, Literal("one")), (a, RDFS.member, node), (node, RDFS.label, a)],
            g2: [(b, RDFS.label, Literal(2))],
        }
    )
    dataset = Dataset()
    dataset.parse(data=store.dump("nquads"), format="nquads")
    expected = Dataset()
    expected.graph(g1).add((a, RDFS.label, Literal("one")))
    expected.graph(g1).add((a, RDFS.member, node))
    expected.graph(g1).add((node, RDFS.label, a))
    expected.graph(g2).add((b, RDFS.label, Literal(2)))
    for name in (g1, g2):
        assert isomorphic(dataset.graph(name), expected.graph(name))
    merged = Graph().parse(data=store.dump("turtle"), format="turtle")
    assert len(merged) == 4 and (b, RDFS.label, Literal(2)) in merged
    with pytest.raises(StoreError, match="unknown format 'yaml'"):
        store.dump("yaml")


# -- the bundled build, on every backend ---------------------------------------------------


def test_revision_chain_of_pp_resolution_140(
    backend_store: Store, backend_settings: Settings
) -> None:
    iris = Iris(backend_settings.base_iri)
    rows = backend_store.select(
        PREFIXES
        + """SELECT ?later ?earlier WHERE {
            ?later reskg:versionOf ?work ; reskg:revises ?earlier .
        } ORDER BY ?later""",
        {"work": iris.instrument("PP", "140")},
    )
    chain = [(r["earlier"], r["later"]) for r in rows]
    v = [iris.version("PP", "140", y) for y in (2006, 2010, 2014, 2018, 2022)]
    assert chain == [(v[0], v[1]), (v[1], v[2]), (v[2], v[3]), (v[3], v[4])]


def test_the_eight_plenipotentiary_conferences(backend_store: Store) -> None:
    rows = backend_store.select(
        PREFIXES
        + """SELECT ?id ?place ?year WHERE {
            ?m a reskg:Meeting ; reskg:meetingOf ?pp ; skos:notation ?id ;
               reskg:place ?place ; reskg:year ?year .
            FILTER (STRENDS(STR(?pp), "/body/pp"))
        } ORDER BY ?year"""
    )
    assert [(str(r["id"]), str(r["place"]), int(r["year"])) for r in rows] == [
        ("PP-94", "Kyoto", 1994),
        ("PP-98", "Minneapolis", 1998),
        ("PP-02", "Marrakesh", 2002),
        ("PP-06", "Antalya", 2006),
        ("PP-10", "Guadalajara", 2010),
        ("PP-14", "Busan", 2014),
        ("PP-18", "Dubai", 2018),
        ("PP-22", "Bucharest", 2022),
    ]


CITATIONS_PER_KIND = (
    PREFIXES
    + """SELECT ?kind (COUNT(?c) AS ?n) WHERE {
    ?c a reskg:Citation ; reskg:referenceKind ?kind .
} GROUP BY ?kind ORDER BY ?kind"""
)


def test_citations_per_kind_are_the_same_as_embedded(
    backend_store: Store, bundled_store: Store
) -> None:
    def counts(store: Store) -> Counter[str]:
        return Counter({str(r["kind"]): int(r["n"]) for r in store.select(CITATIONS_PER_KIND)})

    embedded = counts(bundled_store)
    assert sum(embedded.values()) > 500
    assert counts(backend_store) == embedded


def test_the_same_graphs_and_triples_as_embedded(
    backend_store: Store, bundled_store: Store
) -> None:
    assert backend_store.graph_names() == bundled_store.graph_names()
    assert len(backend_store) == len(bundled_store)


def test_the_dump_is_the_embedded_dump(backend_store: Store, bundled_store: Store) -> None:
    ours, theirs = Dataset(), Dataset()
    ours.parse(data=backend_store.dump("nquads"), format="nquads")
    theirs.parse(data=bundled_store.dump("nquads"), format="nquads")
    for name in bundled_store.graph_names():
        assert isomorphic(ours.graph(name), theirs.graph(name)), name


def test_open_store_picks_the_backend(backend_store: Store, backend_settings: Settings) -> None:
    expected = RemoteStore if backend_settings.backend == "sparql" else EmbeddedStore
    assert isinstance(backend_store, expected)
