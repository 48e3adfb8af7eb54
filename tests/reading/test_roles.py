"""Block headings -> (role, addressee); addressees -> registry bodies; glued headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading.roles import (
    addressee_body,
    addressee_parts,
    find_glued_heading,
    is_operative,
    parse_heading,
)
from app.registry import Registry

REGISTRY = Registry.load(Path(__file__).parents[2] / "data" / "reference")

HEADINGS = [
    # seeds (Council style with Markdown emphasis, conference style plain)
    ("*recalling*", "recalling", None),
    ("*having examined*", "having examined", None),
    ("recognizing further", "recognizing further", None),
    ("taking into account", "taking into account", None),
    ("noting further", "noting further", None),
    ("*resolves*", "resolves", None),
    ("*instructs the Secretary-General*", "instructs", "the Secretary-General"),
    (
        "*encourages Member States and Sector Members*",
        "encourages",
        "Member States and Sector Members",
    ),
    (
        "resolves to invite the ITU Telecommunication Development Sector",
        "resolves to invite",
        "the ITU Telecommunication Development Sector",
    ),
    (
        "further instructs the Director of the Telecommunication Development Bureau",
        "further instructs",
        "the Director of the Telecommunication Development Bureau",
    ),
    ("calls upon Member States", "calls upon", "Member States"),
    ("requests the Secretary-General", "requests", "the Secretary-General"),
    # PP-18 Final Acts (AKN intros and headings)
    ("aware", "aware", None),
    ("bearing in mind", "bearing in mind", None),
    ("noting with concern", "noting with concern", None),
    ("recalling further", "recalling further", None),
    ("having considered", "having considered", None),
    ("decides", "decides", None),
    ("recommends", "recommends", None),
    ("resolves further", "resolves further", None),
    ("further resolves", "further resolves", None),
    ("invites", "invites", None),
    ("urges", "urges", None),
    ("authorizes the Secretary-General", "authorizes", "the Secretary-General"),
    ("instructs the ITU Council", "instructs", "the ITU Council"),
    (
        "resolves to instruct the Directors of the three Bureaux",
        "resolves to instruct",
        "the Directors of the three Bureaux",
    ),
]


@pytest.mark.parametrize(("heading", "role", "addressee"), HEADINGS)
def test_parse_heading(heading: str, role: str, addressee: str | None) -> None:
    parsed = parse_heading(heading)
    assert parsed is not None
    assert (parsed.role, parsed.addressee) == (role, addressee)
    if addressee:
        assert heading[parsed.addressee_start : parsed.addressee_end] == addressee


@pytest.mark.parametrize(
    "text",
    [
        "to develop a roadmap;",
        "resolves that ITU should",
        "that the Council endorsed",
        "a)",
        "instructs the Secretary-General to report;",
        "",
    ],
)
def test_not_a_heading(text: str) -> None:
    assert parse_heading(text) is None


def test_operative_or_preamble() -> None:
    assert [
        is_operative(r)
        for r in ("recalling", "noting with concern", "resolves", "further instructs", "calls upon")
    ] == [False, False, True, True, True]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "the Secretary-General and the Directors of the Bureaux",
            ["the Secretary-General", "the Directors of the Bureaux"],
        ),
        (
            "Member States, Sector Members, Associates and Academia",
            ["Member States", "Sector Members", "Associates", "Academia"],
        ),
        (
            "the Secretary-General, in close consultation with the Directors of the three Bureaux",
            ["the Secretary-General"],
        ),
        (
            "the Directors of the Radiocommunication Bureau and the Telecommunication "
            "Standardization Bureau",
            [
                "the Directors of the Radiocommunication Bureau and the Telecommunication "
                "Standardization Bureau"
            ],
        ),
    ],
)
def test_addressee_parts(text: str, parts: list[str]) -> None:
    assert [text[s:e] for s, e in addressee_parts(text)] == parts


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("the Secretary-General", "SG"),
        ("the Director of the Telecommunication Development Bureau", "BDT"),
        ("the ITU Telecommunication Development Sector", "ITU-D"),
        ("the ITU Council", "COUNCIL"),
        ("the Council", "COUNCIL"),
        ("TDAG", "TDAG"),
        ("Member States", None),
        ("Sector Members", None),
        ("the Directors of the Bureaux", None),
    ],
)
def test_addressee_body(text: str, body: str | None) -> None:
    assert addressee_body(text, REGISTRY) == body


@pytest.mark.parametrize(
    ("text", "heading", "item"),
    [
        (
            "to prepare a report in 2022, instructs the Directors of the Bureaux",
            "instructs the Directors of the Bureaux",
            "",
        ),
        (
            "sales. instructs the Director of the Telecommunication Development Bureau to "
            "implement, as a priority",
            "instructs the Director of the Telecommunication Development Bureau",
            "to implement, as a priority",
        ),
        (
            "(FG NET-2030), resolves to instruct the Directors of the three Bureaux, in line "
            "with their mandates 1 to continue",
            "resolves to instruct the Directors of the three Bureaux, in line with their mandates",
            "1 to continue",
        ),
        (
            "budget reports, further resolves to strengthen the project execution function",
            "further resolves",
            "to strengthen the project execution function",
        ),
        (
            "as appropriate, invites Member States Parties to the Tampere Convention to take steps",
            "invites Member States Parties to the Tampere Convention",
            "to take steps",
        ),
    ],
)
def test_glued_heading(text: str, heading: str, item: str) -> None:
    glued = find_glued_heading(text)
    assert glued is not None
    assert (glued.heading, text[glued.start : glued.end], text[glued.item_start :]) == (
        heading,
        heading,
        item,
    )


@pytest.mark.parametrize(
    "text",
    [
        "the Council, at its 2016 session, resolved to use the WSIS framework",
        "Resolution 102 (Rev. Antalya 2006) invites the Council Working Group on WSIS:",
        "the conference resolved, inter alia, to incorporate a gender perspective",
    ],
)
def test_no_glued_heading(text: str) -> None:
    assert find_glued_heading(text) is None
