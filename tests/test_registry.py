"""The reference tables load, index and hang together (checked against the bundled texts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.registry import Registry

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(REFERENCE)


def test_the_eight_plenipotentiary_conferences(registry: Registry) -> None:
    pps = sorted((m.year, m.id, m.place) for m in registry.meetings.values() if m.body == "PP")
    assert pps == [
        (1994, "PP-94", "Kyoto"),
        (1998, "PP-98", "Minneapolis"),
        (2002, "PP-02", "Marrakesh"),
        (2006, "PP-06", "Antalya"),
        (2010, "PP-10", "Guadalajara"),
        (2014, "PP-14", "Busan"),
        (2018, "PP-18", "Dubai"),
        (2022, "PP-22", "Bucharest"),
    ]


@pytest.mark.parametrize(
    ("place", "year", "expected"),
    [
        ("Dubai", 2014, ["WTDC-14"]),
        ("Buenos Aires", 2017, ["WTDC-17"]),
        ("Hammamet", 2016, ["WTSA-16"]),
        ("Dubai", 2018, ["PP-18"]),
        ("Dubai", 2012, ["WTSA-12", "WCIT-12"]),
        ("Buenos Aires", 1994, ["WTDC-94"]),
        ("Florianopolis", 2004, ["WTSA-04"]),
        ("Geneva", 2012, ["RA-12", "WRC-12", "C12"]),
        ("Geneva", 2013, ["WTPF-13", "C13"]),
        ("Lisbon", 2009, ["WTPF-09"]),
        ("Istanbul", 2000, ["RA-2000", "WRC-2000"]),
        ("Sharm el-Sheikh", 2019, ["RA-19", "WRC-19"]),
        # other spellings that texts use, from the rows' place_spellings
        ("Valetta", 1998, ["WTDC-98"]),
        ("Marrakech", 2002, ["PP-02"]),
        ("Yasmine Hammamet", 2016, ["WTSA-16"]),
    ],
)
def test_meetings_at(registry: Registry, place: str, year: int, expected: list[str]) -> None:
    assert [m.id for m in registry.meetings_at(place, year)] == expected


def test_meetings_at_with_body(registry: Registry) -> None:
    assert [m.id for m in registry.meetings_at("Geneva", 2012, body="RA")] == ["RA-12"]
    assert registry.meetings_at("Dubai", 2014, body="PP") == []


def test_meeting_lookups(registry: Registry) -> None:
    assert [m.id for m in registry.meetings_of("Council", 2007)] == ["C07"]
    wtdc21 = registry.meeting("WTDC-21")
    assert wtdc21 is not None and wtdc21.id == "WTDC-22"
    pp10 = registry.meeting("pp10")
    assert pp10 is not None
    assert (pp10.start_date, pp10.end_date) == (date(2010, 10, 4), date(2010, 10, 22))
    assert registry.knows_place("Hammamet")
    assert not registry.knows_place("Atlantis")


def test_meetings_added_for_pp18_citations(registry: Registry) -> None:
    wrcs = sorted((m.year, m.id) for m in registry.meetings.values() if m.body == "WRC")
    assert [i for _, i in wrcs] == [
        "WRC-95",
        "WRC-97",
        "WRC-2000",
        "WRC-03",
        "WRC-07",
        "WRC-12",
        "WRC-15",
        "WRC-19",
        "WRC-23",
    ]
    assert [m.id for m in registry.meetings_of("WCIT", 2012)] == ["WCIT-12"]
    assert [m.id for m in registry.meetings_of("WTPF", 2009)] == ["WTPF-09"]
    # Council sessions before C02 keep the two-digit scheme; the year-in-full forms are aliases
    council = sorted((m.year, m.id) for m in registry.meetings.values() if m.body == "Council")
    assert [i for _, i in council][:9] == [
        "C94",
        "C95",
        "C96",
        "C97",
        "C98",
        "C99",
        "C00",
        "C01",
        "C02",
    ]
    assert [m.id for m in registry.meetings_of("Council", 1999)] == ["C99"]
    for alias, meeting_id in [
        ("C-1997", "C97"),
        ("C2000", "C00"),
        ("C2001", "C01"),
        ("C07", "C07"),
        ("wrc-00", "WRC-2000"),
        ("WRC-2015", "WRC-15"),
    ]:
        found = registry.meeting(alias)
        assert found is not None and found.id == meeting_id, alias
    assert not any(registry.meetings[i].verified for _, i in council[:8])
    assert registry.bodies["WCIT"].parent == registry.bodies["WTPF"].parent == "ITU"


def test_c07_is_still_unverified(registry: Registry) -> None:
    c07 = registry.meetings["C07"]
    assert (c07.year, c07.start_date, c07.verified) == (2007, None, False)
    assert "data/sources/000_e465f37a3d75a274.txt" in c07.source


def test_bodies(registry: Registry) -> None:
    council = registry.bodies["COUNCIL"]
    assert (council.name, council.parent) == ("ITU Council", "PP")
    assert registry.bodies["CWG-WSIS"].abbreviations == ("WG-WSIS", "CWG-WSIS", "CWG-WSIS&SDG")
    assert not registry.bodies["WHO"].verified


def test_action_lines(registry: Registry) -> None:
    assert len(registry.action_lines) == 19
    assert [a.code for a in registry.action_lines.values() if a.parent is None] == [
        f"C{n}" for n in range(1, 12)
    ]
    health = registry.action_lines["C7-e-health"]
    assert (health.parent, health.title, health.facilitators_verified) == ("C7", "E-health", False)


def _chain(registry: Registry, body: str, number: str) -> list[tuple[str, int, str | None]]:
    return [
        (v.label, v.year, v.revises)
        for v in registry.versions
        if (v.body, v.number) == (body, number)
    ]


def test_pp_140_chain(registry: Registry) -> None:
    assert _chain(registry, "PP", "140") == [
        ("Antalya, 2006", 2006, None),
        ("Rev. Guadalajara, 2010", 2010, "Antalya, 2006"),
        ("Rev. Busan, 2014", 2014, "Rev. Guadalajara, 2010"),
        ("Rev. Dubai, 2018", 2018, "Rev. Busan, 2014"),
        ("Rev. Bucharest, 2022", 2022, "Rev. Dubai, 2018"),
    ]


def test_corrections_from_the_bundled_texts(registry: Registry) -> None:
    versions = {(v.body, v.number, v.year): v for v in registry.versions}
    ra61 = versions[("RA", "61", 2012)]
    assert (ra61.label, ra61.meeting, ra61.verified) == ("Geneva, 2012", "RA-12", True)
    assert ("RA", "61", 2007) not in versions
    res1282 = versions[("Council", "1282", 2007)]
    assert (res1282.label, res1282.meeting, res1282.verified) == ("C07", "C07", True)
    assert versions[("Council", "1282", 2008)].revises == "C07"
    assert versions[("Council", "1336", 2011)].verified
    assert versions[("PP", "139", 2010)].title.startswith("Telecommunications/information")
    assert versions[("WTSA", "75", 2016)].verified is False


def test_versions_hang_together(registry: Registry) -> None:
    keys = {(v.body, v.number, v.label) for v in registry.versions}
    years = [(v.body, v.number, v.year) for v in registry.versions]
    assert len(years) == len(set(years))
    for v in registry.versions:
        assert v.meeting in registry.meetings, v
        assert registry.meetings[v.meeting].year == v.year, v
        assert v.revises is None or (v.body, v.number, v.revises) in keys, v
