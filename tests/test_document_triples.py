"""A read document as triples: citations, their targets, mandates, and contradicted claims;
what it says about the versions it cites is settled in their works' graphs."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF

from app.iris import Iris
from app.rdf.document_triples import document_triples
from app.rdf.work_graphs import work_graphs_of
from app.reading.model import Addressee, Clause, Document, Reference
from app.registry import Registry
from app.settings import Settings
from app.vocab import RESKG, ROLE

IRIS = Iris("https://example.org/kg/")
REGISTRY = Registry.load(Settings().reference_dir)
SOURCE = "fault"


def document(*refs: Reference, addressees: list[Addressee] | None = None) -> Document:
    clause = Clause(
        "instructs-the-secretary-general-1",
        "operative",
        "instructs",
        "instructs the Secretary-General",
        "1",
        "to act",
        10,
        200,
        3,
        addressees=addressees or [],
        references=list(refs),
    )
    return Document(
        "fault.txt",
        SOURCE,
        "resolution",
        "WTDC",
        "99",
        2014,
        "WTDC-14",
        "Dubai",
        "Dubai, 2014",
        "A test",
        0,
        200,
        1,
        [clause],
    )


VERSION = IRIS.version("WTDC", "99", 2014)


def test_a_resolved_citation_states_its_target_role_span_and_the_cites_edge() -> None:
    ref = Reference(
        "resolution",
        "Resolution 140 (Rev. Guadalajara, 2010)",
        20,
        59,
        role="instructs",
        body="PP",
        number="140",
        year=2010,
        meeting="PP-10",
    )
    triples = set(document_triples(document(ref), IRIS))
    citation = IRIS.citation(SOURCE, 1)
    target = IRIS.version("PP", "140", 2010)
    assert {
        (citation, RDF.type, RESKG.Citation),
        (citation, RESKG.target, target),
        (citation, RESKG.role, ROLE.instructs),
        (citation, RESKG.start, Literal(20)),
        (citation, RESKG.end, Literal(59)),
        (citation, RESKG.resolutionStatus, Literal("resolved")),
        (VERSION, RESKG.cites, target),
        (citation, RESKG.statedMeeting, IRIS.meeting("PP-10")),
    } <= triples
    assert not [t for t in triples if t[0] == target]  # its identity is its work's graph's


def test_a_version_at_a_meeting_that_never_was_is_kept_without_a_meeting() -> None:
    ref = Reference(
        "resolution",
        "Resolution 5 (Rev. Busan, 2014)",
        20,
        50,
        body="WTDC",
        number="5",
        year=2014,
        status="unresolved",
        note="no WTDC meeting at (Busan, 2014) in the registry",
    )
    triples = set(document_triples(document(ref), IRIS))
    claimed = IRIS.version("WTDC", "5", 2014)
    assert (IRIS.citation(SOURCE, 1), RESKG.target, claimed) in triples
    assert not [t for t in triples if t[1] == RESKG.statedMeeting and t[0] != IRIS.source(SOURCE)]
    work = work_graphs_of([document(ref)], REGISTRY, IRIS, set())[IRIS.instrument("WTDC", "5")]
    assert (claimed, RDF.type, RESKG.ResolutionVersion) in work
    assert not [t for t in work if t[0] == claimed and t[1] == RESKG.adoptedAt]


def test_an_action_line_wsis_never_had_is_kept_for_validation() -> None:
    ref = Reference(
        "action-line",
        "Action Line C14",
        20,
        35,
        code="C14",
        status="unresolved",
        note="no action line C14 in the registry",
    )
    triples = set(document_triples(document(ref), IRIS))
    assert (VERSION, RESKG.mentionsActionLine, IRIS.action_line("C14")) in triples


def test_an_unresolved_reference_of_unknown_body_points_nowhere() -> None:
    ref = Reference(
        "resolution",
        "its Recommendation 13/2016",
        20,
        46,
        number="13/2016",
        instrument="recommendation",
        status="unresolved",
        note="unknown body",
    )
    triples = set(document_triples(document(ref), IRIS))
    citation = IRIS.citation(SOURCE, 1)
    assert not [t for t in triples if t[0] == citation and t[1] == RESKG.target]
    assert (citation, RESKG.statusNote, Literal("unknown body")) in triples


def test_one_mandate_per_addressee_of_an_operative_clause() -> None:
    addressees = [
        Addressee("the Secretary-General", 30, 51, "SG"),
        Addressee("Member States", 56, 69, None),
    ]
    triples = set(document_triples(document(addressees=addressees), IRIS))
    first, second = IRIS.mandate(SOURCE, 1), IRIS.mandate(SOURCE, 2)
    assert {
        (first, RESKG.addressee, IRIS.body("SG")),
        (first, RESKG.role, ROLE.instructs),
        (second, RESKG.addresseeText, Literal("Member States")),
    } <= triples
    assert not [t for t in triples if t[0] == second and t[1] == RESKG.addressee]
