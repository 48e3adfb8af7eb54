"""Facts settled across sources, one graph per work: identity, labels, revision links."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDFS

from app.iris import Iris
from app.rdf.reference_triples import reference_triples
from app.rdf.work_graphs import work_graphs_of
from app.reading.model import Clause, Document, Reference
from app.registry import Registry
from app.settings import Settings
from app.vocab import RESKG

REGISTRY = Registry.load(Settings().reference_dir)
IRIS = Iris("https://example.org/kg/")
REFERENCE = set(reference_triples(REGISTRY, IRIS))


def settled(doc: Document) -> list[tuple[object, object, object]]:
    """Every triple of every work graph `doc` alone makes."""
    return [t for ts in work_graphs_of([doc], REGISTRY, IRIS, REFERENCE).values() for t in ts]


def cite(number: str, year: int, meeting: str, label: str, start: int) -> Reference:
    return Reference(
        "resolution",
        f"Resolution {number} ({label})",
        start,
        start + 10,
        body="PP",
        number=number,
        year=year,
        meeting=meeting,
        label=label,
    )


def citing(*refs: Reference) -> Document:
    clause = Clause(
        "recalling-a",
        "preamble",
        "recalling",
        "recalling",
        "a)",
        "…",
        0,
        500,
        1,
        references=list(refs),
    )
    return Document(
        "x.txt",
        "x",
        "resolution",
        "WTDC",
        "99",
        2022,
        "WTDC-22",
        "Kigali",
        "Kigali, 2022",
        "A test",
        0,
        500,
        1,
        [clause],
    )


def test_a_revision_links_to_the_version_of_the_previous_meeting_only() -> None:
    doc = citing(
        cite("500", 2010, "PP-10", "Guadalajara, 2010", 0),
        cite("500", 2014, "PP-14", "Rev. Busan, 2014", 20),
        cite("501", 2006, "PP-06", "Antalya, 2006", 40),
        cite("501", 2014, "PP-14", "Rev. Busan, 2014", 60),  # PP-10 unknown: no link
    )
    revises = [t for t in settled(doc) if t[1] == RESKG.revises]
    assert revises == [
        (IRIS.version("PP", "500", 2014), RESKG.revises, IRIS.version("PP", "500", 2010))
    ]


def test_a_cited_version_gets_the_label_most_citations_use() -> None:
    doc = citing(
        cite("502", 2014, "PP-14", "Rev. Busan 2014", 0),
        cite("502", 2014, "PP-14", "Rev. Busan, 2014", 20),
        cite("502", 2014, "PP-14", "Rev. Busan, 2014", 40),
    )
    version = IRIS.version("PP", "502", 2014)
    labels = {
        (p, o)
        for s, p, o in settled(doc)
        if s == version and p in (RESKG.versionLabel, RDFS.label)
    }
    assert labels == {
        (RESKG.versionLabel, Literal("Rev. Busan, 2014")),
        (RDFS.label, Literal("Resolution 502 (Rev. Busan, 2014)")),
    }


def test_versions_the_reference_tables_know_are_left_to_them() -> None:
    doc = citing(cite("140", 2010, "PP-10", "Rev. Guadalajara, 2010", 0))
    graphs = work_graphs_of([doc], REGISTRY, IRIS, REFERENCE)
    assert graphs[IRIS.instrument("PP", "140")] == []  # the reference graph states it all
