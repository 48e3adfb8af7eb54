"""Plain text / Markdown resolutions: identity, clause ids and roles, spans, noise."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.reading.model import Document, ReadError
from app.reading.text_reader import read_text
from app.registry import Registry

ROOT = Path(__file__).parents[2]
REGISTRY = Registry.load(ROOT / "data" / "reference")
COUNCIL = "000_e465f37a3d75a274"
WTDC = "003_f80033ae4421c55d"


def read(stem: str) -> tuple[str, Document]:
    text = (ROOT / "data" / "sources" / f"{stem}.txt").read_text(encoding="utf-8")
    return text, read_text(text, f"{stem}.txt", stem, REGISTRY)


def test_council_identity() -> None:
    _, doc = read(COUNCIL)
    assert (
        doc.instrument,
        doc.body,
        doc.number,
        doc.year,
        doc.meeting,
        doc.place,
        doc.label,
        doc.source_id,
        doc.line,
    ) == ("resolution", "Council", "1282", 2007, "C07", "Geneva", "C07", COUNCIL, 3)
    assert doc.title == (
        "ITU's role in implementing the outcomes of the World Summit on the Information Society"
    )


def test_wtdc_identity() -> None:
    _, doc = read(WTDC)
    assert (doc.instrument, doc.body, doc.number, doc.year, doc.meeting, doc.place, doc.label) == (
        "resolution",
        "WTDC",
        "30",
        2014,
        "WTDC-14",
        "Dubai",
        "Rev. Dubai, 2014",
    )
    assert doc.title == (
        "Role of the ITU Telecommunication Development Sector in implementing "
        "the outcomes of the World Summit on the Information Society"
    )


SG2 = "instructs-the-secretary-general-and-the-directors-of-the-bureaux"
COUNCIL_CLAUSES = [
    *(f"recalling-{x}" for x in "abc"),
    *(f"considering-{x}" for x in "abcdefg"),
    "having-examined",
    "recognizing",
    "noting",
    "resolves",
    *(f"instructs-the-secretary-general-{n}" for n in "1234"),
    "invites-the-secretary-general",
    *(f"{SG2}-{n}" for n in "12345"),
    "encourages-member-states-and-sector-members",
    *(f"annex-{x}" for x in "abcdefghi"),
    "ref",  # "*Ref.:* Documents C07/94 and C07/104."
]
COUNCIL_ROLES = (
    ["recalling"] * 3
    + ["considering"] * 7
    + ["having examined", "recognizing", "noting", "resolves"]
    + ["instructs"] * 4
    + ["invites"]
    + ["instructs"] * 5
    + ["encourages"]
    + ["annex"] * 10
)


def test_council_clauses() -> None:
    _, doc = read(COUNCIL)
    assert [c.clause_id for c in doc.clauses] == COUNCIL_CLAUSES
    assert [c.role for c in doc.clauses] == COUNCIL_ROLES
    assert [c.kind for c in doc.clauses] == (
        ["preamble"] * 13 + ["operative"] * 12 + ["annex"] * 10
    )
    assert all(c.references == [] for c in doc.clauses)


BDT = "the-director-of-the-telecommunication-development-bureau"
ITUD = "resolves-to-invite-the-itu-telecommunication-development-sector"
WTDC_CLAUSES = [
    *(f"recalling-{x}" for x in "abcdefgh"),
    *(f"recognizing-{x}" for x in "abcd"),
    "recognizing-further",
    *(f"taking-into-account-{x}" for x in "abcd"),
    *(f"noting-{x}" for x in "abc"),
    "noting-further",
    *(f"{ITUD}-{n}" for n in "123456789"),
    "footnote-1",
    *(f"instructs-{BDT}-{n}" for n in "1234"),
    *(f"further-instructs-{BDT}-{n}" for n in "123456"),
    *(f"calls-upon-member-states-{n}" for n in "12345"),
    "requests-the-secretary-general",
]
WTDC_ROLES = (
    ["recalling"] * 8
    + ["recognizing"] * 4
    + ["recognizing further"]
    + ["taking into account"] * 4
    + ["noting"] * 3
    + ["noting further"]
    + ["resolves to invite"] * 9
    + ["footnote"]
    + ["instructs"] * 4
    + ["further instructs"] * 6
    + ["calls upon"] * 5
    + ["requests"]
)


def test_wtdc_clauses() -> None:
    _, doc = read(WTDC)
    assert [c.clause_id for c in doc.clauses] == WTDC_CLAUSES
    assert [c.role for c in doc.clauses] == WTDC_ROLES


@pytest.mark.parametrize("stem", [COUNCIL, WTDC])
def test_spans_exact(stem: str) -> None:
    text, doc = read(stem)
    for clause in doc.clauses:
        assert text[clause.start : clause.end] == clause.text
        assert text.count("\n", 0, clause.start) + 1 == clause.line
        for who in clause.addressees:
            assert text[who.start : who.end] == who.text


def test_label_outside_span() -> None:
    text, doc = read(WTDC)
    first = doc.clauses[0]
    assert (first.num, first.heading, first.line) == ("a)", "recalling", 11)
    assert text[first.start - 3 : first.start] == "a) "
    assert first.text == (
        "Resolution 71 (Rev. Guadalajara, 2010) of the Plenipotentiary "
        "Conference, on the strategic plan for the Union for 2012-2015;"
    )


def test_sub_items_and_page_break_stay_in_parent() -> None:
    _, doc = read(WTDC)
    clauses = {c.clause_id: c for c in doc.clauses}
    assert clauses["recalling-f"].text.endswith(
        "namely:\n - the Geneva Declaration of Principles and Geneva Plan of Action;\n"
        " - the Tunis Commitment and Tunis Agenda for the Information Society;"
    )
    assert "pursuant to the ITU\n\nConstitution and Convention, and also" in (
        clauses["recognizing-c"].text
    )
    assert clauses["recognizing-c"].line == 26
    _, council = read(COUNCIL)
    e = next(c for c in council.clauses if c.clause_id == "considering-e")
    assert e.text.endswith(
        "- ii) elaborate proposals to the Council that may be necessary for "
        "adapting ITU to its role in building the information society;"
    )


def test_footnote() -> None:
    _, doc = read(WTDC)
    note = next(c for c in doc.clauses if c.kind == "footnote")
    assert (note.clause_id, note.role, note.num, note.heading, note.line) == (
        "footnote-1",
        "footnote",
        "1",
        None,
        84,
    )
    assert note.text == (
        "These include the least developed countries, small island developing "
        "states, landlocked developing countries and countries with economies "
        "in transition."
    )


def test_addressees() -> None:
    _, doc = read(WTDC)
    by_role = {c.heading: [(a.text, a.body) for a in c.addressees] for c in doc.clauses}
    assert by_role["resolves to invite the ITU Telecommunication Development Sector"] == [
        ("the ITU Telecommunication Development Sector", "ITU-D")
    ]
    assert by_role[
        "further instructs the Director of the Telecommunication Development Bureau"
    ] == [("the Director of the Telecommunication Development Bureau", "BDT")]
    assert by_role["calls upon Member States"] == [("Member States", None)]
    assert by_role["recalling"] == []
    _, council = read(COUNCIL)
    sg2 = next(c for c in council.clauses if c.clause_id == f"{SG2}-1")
    assert [(a.text, a.body) for a in sg2.addressees] == [
        ("the Secretary-General", "SG"),
        ("the Directors of the Bureaux", None),
    ]
    encourages = council.clauses[
        COUNCIL_CLAUSES.index("encourages-member-states-and-sector-members")
    ]
    assert [(a.text, a.body) for a in encourages.addressees] == [
        ("Member States", None),
        ("Sector Members", None),
    ]


HEAD = (
    "RESOLUTION 30 (Rev. Dubai, 2014)\n\nTitle\n\nThe World Telecommunication "
    "Development Conference (Dubai, 2014),\n\n"
)


def body(text: str) -> Document:
    return read_text(HEAD + text, "x.txt", "x", REGISTRY)


def test_a_bullet_with_nothing_after_it_is_skipped() -> None:
    # found by test_arbitrary_body_spans_in_range: "- " alone made a line that ended before it
    # started, and the next line, read as its continuation, had no offsets to start from
    doc = body("- \na")
    assert [(c.text, c.start) for c in doc.clauses] == [("a", len(HEAD) + 3)]


def test_pdf_noise() -> None:
    doc = body(
        "resolves\n\n1 that one; 2 that two; ____________________ 1 A note. "
        "2 Another note. instructs the Secretary-General to act, ANNEX 1 TO "
        "RESOLUTION 30 (REV. DUBAI, 2014) Annex text\n"
    )
    assert [(c.clause_id, c.text) for c in doc.clauses] == [
        ("resolves-1", "that one;"),
        ("resolves-2", "that two;"),
        ("footnote-1", "A note."),
        ("footnote-2", "Another note."),
        ("instructs-the-secretary-general", "to act,"),
        ("annex-1", "Annex text"),
    ]
    assert [c.kind for c in doc.clauses] == [
        "operative",
        "operative",
        "footnote",
        "footnote",
        "operative",
        "annex",
    ]


COUNCIL_FORMULA = "\n\nThe Council,\n\nrecalling\n\na) that one;\n"
PP_FORMULA = "The Plenipotentiary Conference of the International Telecommunication Union"
WRC_FORMULA = "The World Radiocommunication Conference"

HEADINGS: list[tuple[str, tuple[object, ...]]] = [
    # (instrument, body, number, year, meeting, label, title)
    # the session on the heading, as a code or after "ITU Council"
    (
        "Council RESOLUTION 1343 (C12)\n\nPlace, dates and agenda of WRC-15" + COUNCIL_FORMULA,
        ("resolution", "Council", "1343", 2012, "C12", "C12", "Place, dates and agenda of WRC-15"),
    ),
    (
        "Resolution 1158, ITU Council 2000\n\nApproved at the eleventh Plenary Meeting"
        + COUNCIL_FORMULA,
        ("resolution", "Council", "1158", 2000, "C00", "C00", ""),
    ),
    (
        "Council DECISION 588 (C16)\n\nNew building" + COUNCIL_FORMULA,
        ("decision", "Council", "588", 2016, "C16", "C16", "New building"),
    ),
    # none on the heading: the Council document's header before "The Council,"
    (
        "RESOLUTION 1305\n\nCouncil 2009\nDocument C09/105-E\n\nRole of the Dedicated Group"
        + COUNCIL_FORMULA,
        ("resolution", "Council", "1305", 2009, "C09", "C09", "Role of the Dedicated Group"),
    ),
    (
        "RESOLUTION 1196\n\nDocument C02/81-E\nGENEVA 2002 SESSION\n\nT" + COUNCIL_FORMULA,
        ("resolution", "Council", "1196", 2002, "C02", "C02", "T"),
    ),
    # "(MOD)": as modified; the session from the registry, which knows one for 1291
    (
        "RESOLUTION 1291 (MOD)\n\n(adopted by correspondence)\n\nT" + COUNCIL_FORMULA,
        ("resolution", "Council", "1291", 2008, "C08", "C08", "T"),
    ),
    # ... or the registry, which knows one session of Council Resolution 1196
    (
        "RESOLUTION 1196\n\n(approved at the fourteenth Plenary Meeting)" + COUNCIL_FORMULA,
        ("resolution", "Council", "1196", 2002, "C02", "C02", ""),
    ),
    # provisional numbers of a conference, kept as written; "GT‑PLEN" with U+2011
    (
        "Resolution PLEN/7 (Marrakesh, 2002)\n\nWorld Summit on the Information Society\n\n"
        f"{PP_FORMULA} (Marrakesh, 2002),\n\nrecalling\n\nthat one,\n",
        (
            "resolution",
            "PP",
            "PLEN/7",
            2002,
            "PP-02",
            "Marrakesh, 2002",
            "World Summit on the Information Society",
        ),
    ),
    (
        f"DECISION GT-PLEN/A (Antalya, 2006)\n\nFourth WTPF\n\n{PP_FORMULA} (Antalya, 2006),\n",
        ("decision", "PP", "GT-PLEN/A", 2006, "PP-06", "Antalya, 2006", "Fourth WTPF"),
    ),
    (
        f"RESOLUTION GT\u2011PLEN/6 (Antalya, 2006)\n\nT\n\n{PP_FORMULA} (Antalya, 2006),\n",
        ("resolution", "PP", "GT-PLEN/6", 2006, "PP-06", "Antalya, 2006", "T"),
    ),
    # "Rev" without its full stop
    (
        "RESOLUTION 50 (Rev Dubai, 2014)\n\nT\n\nThe World Telecommunication Development"
        " Conference (Dubai, 2014),\n",
        ("resolution", "WTDC", "50", 2014, "WTDC-14", "Rev Dubai, 2014", "T"),
    ),
    # WRC texts are versioned by the conference's code, labelled as citations spell it
    (
        f"RESOLUTION 28 (REV.WRC-15)*\n\nT\n\n{WRC_FORMULA} (Geneva, 2015),\n",
        ("resolution", "WRC", "28", 2015, "WRC-15", "Rev. WRC-15", "T"),
    ),
    (
        f"RECOMMENDATION 34 (WRC-12)\n\nT\n\n{WRC_FORMULA} (Geneva, 2012),\n",
        ("recommendation", "WRC", "34", 2012, "WRC-12", "WRC-12", "T"),
    ),
    (
        f"Resolution 958 (WRC\u20112000)\n\nT\n\n{WRC_FORMULA},\n",
        ("resolution", "WRC", "958", 2000, "WRC-2000", "WRC-2000", "T"),
    ),
    # a bare number: the conference's enacting formula names the meeting, or a label line
    # under the title (ITU-T's layout)
    (
        "RESOLUTION 30\n\nT\n\nThe World Telecommunication Development Conference (Dubai, 2014),\n",
        ("resolution", "WTDC", "30", 2014, "WTDC-14", "Dubai, 2014", "T"),
    ),
    (
        "RESOLUTION 68\n\nT\n\n(Johannesburg, 2008)\n\n"
        "The World Telecommunication Standardization Assembly,\n",
        ("resolution", "WTSA", "68", 2008, "WTSA-08", "Johannesburg, 2008", "T"),
    ),
    # no comma in the heading's label
    (
        f"RESOLUTION 70 (Rev. Guadalajara 2010)\n\nT\n\n{PP_FORMULA} (Guadalajara, 2010),\n",
        ("resolution", "PP", "70", 2010, "PP-10", "Rev. Guadalajara 2010", "T"),
    ),
    # a word split in the enacting formula
    (
        "RESOLUTION 38 (Rev. Hyderabad, 2010)\n\nT\n\nThe World Telecommunication Devel opment"
        " Conference (Hyderabad, 2010),\n",
        ("resolution", "WTDC", "38", 2010, "WTDC-10", "Rev. Hyderabad, 2010", "T"),
    ),
    # the Council's compendium: "D 482" over the title and the sessions; or all on one line
    (
        "D 482\n\nT\n\n(C-2001, last modified C-2002)\n\nconsidering\n\na) one;\n",
        ("decision", "Council", "482", 2002, "C02", "C-2001, last modified C-2002", "T"),
    ),
    (
        "Non-payment of fees D 545 (C07)\n\nThe Council\n\nconsidering\n\na) one;\n",
        ("decision", "Council", "545", 2007, "C07", "C07", "Non-payment of fees"),
    ),
    (
        "Decision 482 (Modified 2004)\n\n(approved at the Eleventh Plenary Meeting)\n\nT"
        + COUNCIL_FORMULA,
        ("decision", "Council", "482", 2004, "C04", "C04", "T"),
    ),
    # a WTPF opinion, its title on the heading's line, an ordinal in the formula
    (
        "OPINION 1 ON INTERNET MATTERS\n\nThe fourth World Telecommunication Policy Forum"
        " (Lisbon, 2009),\n\nrecognizing\n\na) one;\n",
        ("opinion", "WTPF", "1", 2009, "WTPF-09", "Lisbon, 2009", "ON INTERNET MATTERS"),
    ),
    # a committee's number in brackets
    (
        f"RESOLUTION [COM6/7] (WRC-07)\n\nT\n\n{WRC_FORMULA} (Geneva, 2007),\n",
        ("resolution", "WRC", "COM6/7", 2007, "WRC-07", "WRC-07", "T"),
    ),
    # Radiocommunication Assembly texts: the last of the years under the title is the version
    (
        "RESOLUTION ITU-R 2-7\n\nConference Preparatory Meeting\n\n"
        "(1993-1995-1997-2000-2003-2007-2012-2015)\n\n"
        "The ITU Radiocommunication Assembly,\n\nconsidering\n\na) that one;\n",
        (
            "resolution",
            "RA",
            "2",
            2015,
            "RA-15",
            "Rev. Geneva, 2015",
            "Conference Preparatory Meeting",
        ),
    ),
    # in lower case, with a footnote mark; "ITU" glued to the body's name in the formula
    (
        "resolution ITU-R 9-5[*]\n\nT\n\n(1993-2015)\n\nThe ITURadiocommunication Assembly,\n",
        ("resolution", "RA", "9", 2015, "RA-15", "Rev. Geneva, 2015", "T"),
    ),
    (
        "RESOLUTION ITU-R 72\n\nT\n(2019)\nThe Radiocommunication Assembly,\n",
        ("resolution", "RA", "72", 2019, "RA-19", "Sharm el-Sheikh, 2019", "T"),
    ),
]


@pytest.mark.parametrize(("text", "identity"), HEADINGS)
def test_heading_forms(text: str, identity: tuple[object, ...]) -> None:
    doc = read_text(text, "h.txt", "h", REGISTRY)
    assert (
        doc.instrument,
        doc.body,
        doc.number,
        doc.year,
        doc.meeting,
        doc.label,
        doc.title,
    ) == identity
    assert text[doc.start : doc.start + len(text.split("\n")[0])] == text.split("\n")[0]


def test_cyrillic_item_labels() -> None:
    """ "а)" with a Cyrillic a (U+0430), as in Council Res. 1207: label "a)", next "b)"."""
    text = HEAD + "recalling\n\n- \u0430) that one;\n- b) that two;\n- \u0441) that three;\n"
    doc = read_text(text, "x.txt", "x", REGISTRY)
    assert [(c.clause_id, c.num, c.text) for c in doc.clauses] == [
        ("recalling-a", "a)", "that one;"),
        ("recalling-b", "b)", "that two;"),
        ("recalling-c", "c)", "that three;"),
    ]
    assert text[doc.clauses[0].start - 3 : doc.clauses[0].start] == "\u0430) "


def test_repeated_ids_get_suffix() -> None:
    doc = body("noting\n\nthat one,\n\nthat two,\n\nnoting\n\na) three,\n")
    assert [c.clause_id for c in doc.clauses] == ["noting", "noting-2", "noting-a"]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("", None, "empty: no text to read"),
        (
            "hello\nworld\n",
            1,
            "not a resolution: expected a first line like 'RESOLUTION 30 "
            "(Rev. Dubai, 2014)' or '**R 1282** Title', found 'hello'",
        ),
        (
            "RESOLUTION 9 (Paris, 1901)\n\nT\n\nThe Plenipotentiary Conference (Paris, 1901),\n",
            5,
            "no meeting of PP at Paris, 1901 in the registry",
        ),
        (
            "RESOLUTION 9 (Dubai, 2018)\n\nT\n\nrecalling\n",
            1,
            "no enacting formula such as 'The World Telecommunication Development Conference "
            "(Dubai, 2014),' after the title",
        ),
        (
            "**R 9999**  **T**\n(C89)\n",
            2,
            "Council resolution without a known session code such as '(C07)'",
        ),
        (
            "RESOLUTION 9 (Dubai, 2018)\n\nThe Martian Conference (Dubai, 2018),\n",
            3,
            "unknown body in the enacting formula: 'Martian Conference'",
        ),
        # a Council heading without session, none in the header lines, and a number the
        # registry does not know (Council Res. 1305 as stored in tests/golden/fresh) ...
        (
            "RESOLUTION 1305\n\nRole of the Dedicated Group\n\nThe Council,\n",
            1,
            "Council resolution without a session: none in 'RESOLUTION 1305', in the lines "
            "before 'The Council,' or in the registry",
        ),
        # ... or knows in several versions
        (
            "RESOLUTION 1282\n\nT\n\nThe Council,\n",
            1,
            "Council resolution without a session: none in 'RESOLUTION 1282', in the lines "
            "before 'The Council,' or in the registry (the registry knows C07, C08)",
        ),
        # header lines that disagree decide nothing
        (
            "RESOLUTION 1305\n\nCouncil 2009\nDocument C08/12\n\nThe Council,\n",
            1,
            "Council resolution without a session: none in 'RESOLUTION 1305', in the lines "
            "before 'The Council,' or in the registry",
        ),
        (
            "Council RESOLUTION 1343 (C93)\n\nThe Council,\n",
            1,
            "no Council session in 1993 in the registry",
        ),
        # a WRC heading whose formula names another meeting or another body
        (
            f"RESOLUTION 28 (Rev.WRC-15)\n\nT\n\n{WRC_FORMULA} (Geneva, 2012),\n",
            5,
            "the heading names WRC-15 but the enacting formula names "
            "'The World Radiocommunication Conference (Geneva, 2012),'",
        ),
        (
            "RESOLUTION 28 (Rev.WRC-15)\n\nT\n\nThe Radiocommunication Assembly,\n",
            5,
            "the heading names WRC-15 but the enacting formula names "
            "'The Radiocommunication Assembly,'",
        ),
        (
            f"RESOLUTION 28 (WRC-93)\n\n{WRC_FORMULA},\n",
            3,
            "no meeting of WRC in 1993 in the registry",
        ),
        (
            "RESOLUTION 28 (WRC-15)\n\nT\n\nconsidering\n",
            1,
            "no enacting formula such as 'The World Telecommunication Development Conference "
            "(Dubai, 2014),' after the title",
        ),
        # an ITU-R heading with two lines of years
        (
            "RESOLUTION ITU-R 2-7\n\nT\n\n(1993-2012)\n\n(2015)\n\n"
            "The ITU Radiocommunication Assembly,\n",
            1,
            "2 lines of years under the title, expected one",
        ),
        # an ITU-R heading without the years of its versions
        (
            "RESOLUTION ITU-R 2-7\n\nT\n\nThe ITU Radiocommunication Assembly,\n",
            1,
            "'RESOLUTION ITU-R 2-7' names no version: expected one line of years such as "
            "'(1993-2000-2015)' before 'The ITU Radiocommunication Assembly,'",
        ),
        # a bare number and a conference's formula that names no meeting either
        (
            "RESOLUTION 30\n\nThe Role of ITU\n\n"
            "The World Telecommunication Development Conference,\n",
            5,
            "the enacting formula 'The World Telecommunication Development Conference,' names "
            "no meeting and no label line such as '(Johannesburg, 2008)' gives one",
        ),
        # ... or a label line that says otherwise
        (
            "RESOLUTION 68\n\n(Johannesburg, 2008)\n\n"
            "The World Telecommunication Standardization Assembly (Hammamet, 2016),\n",
            5,
            "the label line and the enacting formula disagree: WTSA-08 and WTSA-16",
        ),
    ],
)
def test_bad_text(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(ReadError) as error:
        read_text(text, "bad.txt", "bad", REGISTRY)
    assert (error.value.line, error.value.problem) == (line, problem)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_reads_or_raises_read_error(text: str) -> None:
    with contextlib.suppress(ReadError):
        read_text(text, "h.txt", "h", REGISTRY)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"ab1 2)-;.,_\n¹",
                "recalling",
                "resolves",
                "i) ",
                "instructs the Council",
                "____",
                "ANNEX",
            ]
        )
    )
)
def test_arbitrary_body_spans_in_range(words: list[str]) -> None:
    source = HEAD + "".join(words)
    doc = read_text(source, "h.txt", "h", REGISTRY)
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    for clause in doc.clauses:
        assert 0 <= clause.start <= clause.end <= len(source)
        assert source[clause.start : clause.end] == clause.text
