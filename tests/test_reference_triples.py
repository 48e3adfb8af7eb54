"""The reference tables as triples: types, labels, SKOS structure, revision chains, provenance."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from app.iris import Iris
from app.rdf.reference_triples import Triple, clean_title, reference_triples, source_terms
from app.registry import Registry
from app.vocab import RESKG

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
BASE = "https://example.org/kg/"


@pytest.fixture(scope="module")
def iris() -> Iris:
    return Iris(BASE)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(REFERENCE)


@pytest.fixture(scope="module")
def triples(registry: Registry, iris: Iris) -> list[Triple]:
    return reference_triples(registry, iris)


def objects(triples: list[Triple], subject: URIRef, predicate: URIRef) -> list[object]:
    return [o for s, p, o in triples if s == subject and p == predicate]


def test_deterministic_and_without_duplicates(
    triples: list[Triple], registry: Registry, iris: Iris
) -> None:
    assert reference_triples(registry, iris) == triples
    assert reference_triples(Registry.load(REFERENCE), Iris(BASE)) == triples
    assert len(set(triples)) == len(triples)


def test_no_blank_nodes(triples: list[Triple]) -> None:
    assert not any(isinstance(term, BNode) for triple in triples for term in triple)
    assert all(str(s).startswith(BASE) for s, _, _ in triples)


def test_pp_140_revision_chain(triples: list[Triple], iris: Iris) -> None:
    revises = [
        (str(s).removeprefix(BASE), str(o).removeprefix(BASE))
        for s, p, o in triples
        if p == RESKG.revises and str(s).startswith(f"{BASE}resolution/pp/140/")
    ]
    assert revises == [
        ("resolution/pp/140/2010", "resolution/pp/140/2006"),
        ("resolution/pp/140/2014", "resolution/pp/140/2010"),
        ("resolution/pp/140/2018", "resolution/pp/140/2014"),
        ("resolution/pp/140/2022", "resolution/pp/140/2018"),
    ]
    first = iris.version("PP", "140", 2006)
    assert objects(triples, first, RESKG.revises) == []


def test_version_description(triples: list[Triple], iris: Iris) -> None:
    version = iris.version("PP", "140", 2010)
    work = iris.instrument("PP", "140")
    assert objects(triples, version, RDF.type) == [RESKG.ResolutionVersion]
    assert objects(triples, version, RESKG.versionOf) == [work]
    assert objects(triples, version, RESKG.number) == [Literal("140")]
    assert objects(triples, version, RESKG.versionLabel) == [Literal("Rev. Guadalajara, 2010")]
    assert objects(triples, version, RESKG.year) == [Literal(2010)]
    assert Literal(2010).datatype == URIRef("http://www.w3.org/2001/XMLSchema#integer")
    assert objects(triples, version, RESKG.adoptedAt) == [iris.meeting("PP-10")]
    assert objects(triples, version, RDFS.label) == [
        Literal("Resolution 140 (Rev. Guadalajara, 2010)")
    ]
    assert objects(triples, version, DCTERMS.title) == [
        Literal(
            "ITU's role in implementing the outcomes of the World Summit on the Information Society"
        )
    ]
    assert objects(triples, version, RESKG.verified) == [Literal(True)]
    assert Literal("data/sources/003_f80033ae4421c55d.txt") in objects(
        triples, version, DCTERMS.source
    )
    assert objects(triples, work, RDF.type) == [RESKG.Resolution]
    assert objects(triples, work, RESKG.adoptedBy) == [iris.body("PP")]
    assert objects(triples, work, RESKG.number) == [Literal("140")]


def test_council_versions_and_suppression(triples: list[Triple], iris: Iris) -> None:
    res1282 = iris.version("Council", "1282", 2007)
    assert objects(triples, res1282, RESKG.adoptedAt) == [iris.meeting("C07")]
    assert objects(triples, iris.version("Council", "1282", 2008), RESKG.revises) == [res1282]
    res1334 = iris.instrument("Council", "1334")
    assert objects(triples, res1334, RESKG.adoptedBy) == [iris.body("Council")]
    assert objects(triples, res1334, RESKG.suppressedAt) == [iris.meeting("C16")]
    assert not any(s == iris.version("Council", "1334", 2016) for s, _, _ in triples)


def test_ra_61_is_the_2012_version(triples: list[Triple], iris: Iris) -> None:
    ra61 = iris.version("RA", "61", 2012)
    assert objects(triples, ra61, RESKG.adoptedAt) == [iris.meeting("RA-12")]
    assert objects(triples, ra61, RESKG.versionLabel) == [Literal("Geneva, 2012")]
    assert not any(s == iris.version("RA", "61", 2007) for s, _, _ in triples)


def test_unverified_rows_stay_marked(triples: list[Triple], iris: Iris) -> None:
    assert objects(triples, iris.version("WTSA", "75", 2016), RESKG.verified) == [Literal(False)]
    assert objects(triples, iris.meeting("C07"), RESKG.verified) == [Literal(False)]
    assert objects(triples, iris.body("WHO"), RESKG.verified) == [Literal(False)]
    assert objects(triples, iris.version("PP", "71", 2018), RESKG.verified) == [Literal(True)]


def test_meetings(triples: list[Triple], iris: Iris) -> None:
    pp10 = iris.meeting("PP-10")
    assert objects(triples, pp10, RDF.type) == [RESKG.Meeting]
    assert objects(triples, pp10, RDFS.label) == [
        Literal("Plenipotentiary Conference (Guadalajara, 2010)")
    ]
    assert objects(triples, pp10, SKOS.notation) == [Literal("PP-10")]
    assert objects(triples, pp10, RESKG.place) == [Literal("Guadalajara")]
    assert objects(triples, pp10, RESKG.year) == [Literal(2010)]
    assert objects(triples, pp10, RESKG.startDate) == [Literal(date(2010, 10, 4))]
    assert objects(triples, pp10, RESKG.endDate) == [Literal(date(2010, 10, 22))]
    assert objects(triples, pp10, RESKG.meetingOf) == [iris.body("PP")]
    assert objects(triples, iris.meeting("WTSA-16"), RDFS.label) == [
        Literal("World Telecommunication Standardization Assembly (Hammamet, 2016)")
    ]
    # the spelling of the place texts use beside the registry's, for the label shapes
    assert objects(triples, iris.meeting("WTDC-98"), SKOS.hiddenLabel) == [Literal("Valetta")]
    assert objects(triples, pp10, SKOS.hiddenLabel) == []
    c07 = iris.meeting("C07")
    assert objects(triples, c07, RESKG.meetingOf) == [iris.body("COUNCIL")]
    assert objects(triples, c07, RESKG.startDate) == []
    assert iris.body("COUNCIL") == iris.body("Council") == URIRef(f"{BASE}body/council")


def test_bodies(triples: list[Triple], iris: Iris) -> None:
    cwg = iris.body("CWG-WSIS")
    assert objects(triples, cwg, RDF.type) == [RESKG.Body]
    assert objects(triples, cwg, SKOS.altLabel) == [
        Literal("WG-WSIS"),
        Literal("CWG-WSIS"),
        Literal("CWG-WSIS&SDG"),
    ]
    assert objects(triples, cwg, ORG.subOrganizationOf) == [iris.body("COUNCIL")]
    assert URIRef("http://www.itu.int/council/groups/wsis/tor.html") in objects(
        triples, cwg, DCTERMS.source
    )
    # "UN" is not a known body: no parent link is made up for it.
    assert objects(triples, iris.body("UNESCO"), ORG.subOrganizationOf) == []


def test_action_lines(triples: list[Triple], iris: Iris) -> None:
    scheme = iris.action_line_scheme()
    assert objects(triples, scheme, RDF.type) == [SKOS.ConceptScheme]
    tops = [s for s, p, o in triples if p == SKOS.topConceptOf and o == scheme]
    assert tops == [iris.action_line(f"C{n}") for n in range(1, 12)]
    health = iris.action_line("C7-e-health")
    assert objects(triples, health, RDF.type) == [RESKG.ActionLine]
    assert objects(triples, health, SKOS.broader) == [iris.action_line("C7")]
    assert objects(triples, health, SKOS.inScheme) == [scheme]
    assert objects(triples, health, SKOS.notation) == [Literal("C7-e-health")]
    assert objects(triples, health, RESKG.facilitators) == [Literal("WHO/ITU")]
    assert objects(triples, health, RESKG.facilitatorsVerified) == [Literal(False)]
    c5 = iris.action_line("C5")
    assert objects(triples, c5, SKOS.prefLabel) == [
        Literal("Building confidence and security in the use of ICTs")
    ]
    assert objects(triples, c5, RESKG.ituRole) == [Literal("sole moderator/facilitator")]
    assert objects(triples, c5, RESKG.facilitatorsVerified) == [Literal(True)]
    assert objects(triples, iris.action_line("C7"), RESKG.facilitators) == []


def test_helpers() -> None:
    assert source_terms("https://a.example/x (note); data/sources/f.txt (recalling a);  ") == [
        URIRef("https://a.example/x"),
        Literal("data/sources/f.txt"),
    ]
    assert clean_title("ITU's role [title not verified]; basis for X") == "ITU's role; basis for X"
    assert clean_title("[WSIS-related; title not found]") is None
