"""The PP-18 Final Acts in Akoma Ntoso: 59 documents, identities, ids, exact spans."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest

from app.reading.akn_reader import read_akn
from app.reading.model import Document, ReadError
from app.registry import Registry

ROOT = Path(__file__).parents[2]
REGISTRY = Registry.load(ROOT / "data" / "reference")
SOURCE = ROOT / "data" / "sources" / "pp18_final_acts_akn.xml"


@pytest.fixture(scope="module")
def raw() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docs(raw: str) -> dict[str, Document]:
    read = read_akn(raw, "pp18_final_acts_akn.xml", REGISTRY)
    return {d.source_id: d for d in read}


def test_counts(docs: dict[str, Document]) -> None:
    assert len(docs) == 59
    assert Counter(d.instrument for d in docs.values()) == {
        "resolution": 56,
        "decision": 2,
        "recommendation": 1,
    }
    assert sum(len(d.clauses) for d in docs.values()) == 2595


@pytest.mark.parametrize(
    ("component", "identity"),
    [
        ("res-140", ("resolution", "PP", "140", 2018, "PP-18", "Dubai", "Rev. Dubai, 2018")),
        ("res-204", ("resolution", "PP", "204", 2018, "PP-18", "Dubai", "Dubai, 2018")),
        ("dec-5", ("decision", "PP", "5", 2018, "PP-18", "Dubai", "Rev. Dubai, 2018")),
        ("rec-7", ("recommendation", "PP", "7", 2018, "PP-18", "Dubai", "Dubai, 2018")),
    ],
)
def test_identity(docs: dict[str, Document], component: str, identity: tuple[object, ...]) -> None:
    doc = docs[f"pp18_final_acts_akn/{component}"]
    assert (
        doc.instrument,
        doc.body,
        doc.number,
        doc.year,
        doc.meeting,
        doc.place,
        doc.label,
    ) == identity
    assert doc.source_file == "pp18_final_acts_akn.xml"


def test_title_and_document_span(docs: dict[str, Document], raw: str) -> None:
    doc = docs["pp18_final_acts_akn/res-204"]
    assert doc.title == (
        "Use of information and communication technologies to bridge the financial inclusion gap"
    )
    assert raw[doc.start : doc.end].startswith('<component eId="cmp_res_204">')
    assert raw[doc.start : doc.end].endswith("</component>")
    assert raw.count("\n", 0, doc.start) + 1 == doc.line


ITU_T = "instructs-the-relevant-study-groups-of-the-itu-telecommunication-standardization-sector"
DIRECTORS = (
    "instructs-the-directors-of-the-telecommunication-standardization-and-"
    "telecommunication-development-bureaux"
)
RES_204 = [
    "recalling-a",
    "recalling-b",
    "recognizing-a",
    "footnote-1",
    *(f"recognizing-{x}" for x in "bcd"),
    *(f"considering-{x}" for x in "abcdef"),
    *(f"considering-further-{x}" for x in "abcde"),
    *(f"noting-{x}" for x in "abcdef"),
    *(f"resolves-{n}" for n in "123"),
    *(f"{ITU_T}-{n}" for n in "1234"),
    "instructs-the-relevant-study-groups-of-the-itu-telecommunication-development-sector",
    *(f"{DIRECTORS}-{n}" for n in "1234"),
    *(f"instructs-the-secretary-general-{n}" for n in "123"),
    *(f"invites-member-states-sector-members-and-associates-{n}" for n in "123"),
    *(f"invites-member-states-{n}" for n in "1234"),
]


def test_res_204_clause_ids(docs: dict[str, Document]) -> None:
    doc = docs["pp18_final_acts_akn/res-204"]
    assert [c.clause_id for c in doc.clauses] == RES_204
    roles = Counter(c.role for c in doc.clauses)
    assert roles == {
        "recalling": 2,
        "recognizing": 4,
        "footnote": 1,
        "considering": 6,
        "considering further": 5,
        "noting": 6,
        "resolves": 3,
        "instructs": 12,
        "invites": 7,
    }


def test_every_span_exact(docs: dict[str, Document], raw: str) -> None:
    for doc in docs.values():
        for clause in doc.clauses:
            assert html.unescape(raw[clause.start : clause.end]) == clause.text, clause.clause_id
            assert raw.count("\n", 0, clause.start) + 1 == clause.line
            for who in clause.addressees:
                assert html.unescape(raw[who.start : who.end]) == who.text
        ids = [c.clause_id for c in doc.clauses]
        assert len(ids) == len(set(ids)), doc.source_id


def test_escaped_text_span(docs: dict[str, Document], raw: str) -> None:
    clause = next(
        c
        for c in docs["pp18_final_acts_akn/res-140"].clauses
        if c.clause_id == "instructs-the-secretary-general-4"
    )
    assert clause.text == (
        "to contribute annually on relevant ITU activities to the High-Level "
        "Political Forum, and provide the report to the Council through "
        "CWG-WSIS&SDG;"
    )
    assert raw[clause.end - 13 : clause.end] == "WSIS&amp;SDG;"


def test_glued_num_and_run_together(docs: dict[str, Document], raw: str) -> None:
    clauses = {c.clause_id: c for c in docs["pp18_final_acts_akn/res-140"].clauses}
    first = clauses["recalling-a"]
    assert (first.num, first.text[:13]) == ("a)", "Resolution 73")
    assert raw[first.start - 3 : first.start] == "a) "
    assert clauses["instructs-the-secretary-general-10"].text.startswith(
        "to maintain the special WSIS trust fund"
    )
    assert clauses["resolves-10"].text.startswith(
        "that the ITU Telecommunication Development Sector (ITU-D)"
    )
    glued = clauses["instructs-the-directors-of-the-bureaux-1"]
    assert [(a.text, a.body) for a in glued.addressees] == [("the Directors of the Bureaux", None)]
    bdt = clauses["instructs-the-director-of-the-telecommunication-development-bureau"]
    assert [(a.text, a.body) for a in bdt.addressees] == [
        ("the Director of the Telecommunication Development Bureau", "BDT")
    ]
    assert clauses["requests-the-itu-council-9-i"].num == "i)"


def test_footnotes_split(docs: dict[str, Document]) -> None:
    notes = [c for d in docs.values() for c in d.clauses if c.kind == "footnote"]
    assert len(notes) == 68
    assert not any("_____" in c.text for d in docs.values() for c in d.clauses)
    res_140 = {c.clause_id: c for c in docs["pp18_final_acts_akn/res-140"].clauses}
    assert res_140["considering-further-h"].text.endswith("achievement of the SDGs;")
    assert res_140["footnote-1"].text == (
        "These include the least developed countries, small island developing states, "
        "landlocked developing countries and countries with economies in transition."
    )
    assert (res_140["footnote-3"].text, res_140["footnote-3"].role) == (
        "See requests the ITU Council 3 below.",
        "footnote",
    )


def test_annex(docs: dict[str, Document]) -> None:
    doc = docs["pp18_final_acts_akn/res-25"]
    annex = [c for c in doc.clauses if c.kind == "annex"]
    assert annex[0].heading == "ANNEX TO RESOLUTION 25 (REV. DUBAI, 2018)"
    assert annex[0].text.startswith("Elements for review of the ITU regional presence")
    assert {c.role for c in annex} == {"annex"}


AKN = '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (f"{AKN}<documentCollection>", 1, "broken XML: no element found: line 1, column 89"),
        (
            '<!DOCTYPE x [<!ENTITY e "boom">]>' + AKN + "</akomaNtoso>",
            None,
            "refused: the XML has a DTD, which is never read",
        ),
        ("<html/>", 1, "not Akoma Ntoso: the root is <html>"),
        (
            f"{AKN}</akomaNtoso>",
            None,
            "not a resolution: no <component> with a <preamble> in the collection",
        ),
    ],
)
def test_bad_akn(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(ReadError) as error:
        read_akn(text, "bad.xml", REGISTRY)
    assert (error.value.line, error.value.problem) == (line, problem)


def test_heading_glued_into_last_recital(docs: dict[str, Document]) -> None:
    doc = docs["pp18_final_acts_akn/res-136"]
    first = next(c for c in doc.clauses if c.role == "resolves to instruct")
    assert (first.clause_id, first.kind, first.num, first.heading) == (
        "resolves-to-instruct-the-secretary-general-1",
        "operative",
        "1",
        "resolves to instruct the Secretary-General",
    )
    assert [(a.text, a.body) for a in first.addressees] == [("the Secretary-General", "SG")]
