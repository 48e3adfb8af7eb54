"""IRIs: minted in one place, readable, and read back (mint -> parse -> mint)."""

from __future__ import annotations

import pytest

from app.iris import IriError, Iris, ParsedIri

BASE = "https://example.org/kg/"
iris = Iris(BASE)

MINTED = [
    (iris.instrument("PP", "140"), "resolution/pp/140", ParsedIri("resolution", ("PP", "140"))),
    (
        iris.version("PP", "140", 2010),
        "resolution/pp/140/2010",
        ParsedIri("resolution-version", ("PP", "140", "2010")),
    ),
    (
        iris.version("Council", "1282", 2007),
        "resolution/council/1282/2007",
        ParsedIri("resolution-version", ("Council", "1282", "2007")),
    ),
    (
        iris.instrument("UNGA", "70/125"),
        "resolution/unga/70-125",
        ParsedIri("resolution", ("UNGA", "70/125")),
    ),
    (
        iris.version("PP", "5", 2018, "decision"),
        "decision/pp/5/2018",
        ParsedIri("decision-version", ("PP", "5", "2018")),
    ),
    (iris.meeting("PP-10"), "meeting/pp-10", ParsedIri("meeting", ("PP-10",))),
    (iris.meeting("C07"), "meeting/c07", ParsedIri("meeting", ("C07",))),
    (iris.body("WTDC"), "body/wtdc", ParsedIri("body", ("WTDC",))),
    (iris.body("COUNCIL"), "body/council", ParsedIri("body", ("Council",))),
    (iris.body("CWG-WSIS"), "body/cwg-wsis", ParsedIri("body", ("CWG-WSIS",))),
    (iris.action_line("C5"), "action-line/C5", ParsedIri("action-line", ("C5",))),
    (
        iris.action_line("C7-e-health"),
        "action-line/C7-e-health",
        ParsedIri("action-line", ("C7-e-health",)),
    ),
    (iris.document("C07/21"), "document/C07-21", ParsedIri("document", ("C07-21",))),
    (
        iris.source("pp18_final_acts_akn/res-140"),
        "source/pp18_final_acts_akn/res-140",
        ParsedIri("source", ("pp18_final_acts_akn/res-140",)),
    ),
    (
        iris.clause("000_e465f37a3d75a274", "recalling-a"),
        "source/000_e465f37a3d75a274/clause/recalling-a",
        ParsedIri("clause", ("000_e465f37a3d75a274", "recalling-a")),
    ),
    (
        iris.citation("pp18_final_acts_akn/res-140", 3),
        "source/pp18_final_acts_akn/res-140/citation/3",
        ParsedIri("citation", ("pp18_final_acts_akn/res-140", "3")),
    ),
    (iris.graph("reference"), "graph/reference", ParsedIri("graph", ("reference",))),
]


@pytest.mark.parametrize(("iri", "path", "parsed"), MINTED)
def test_minted_iri_is_readable_and_parses_back(iri: str, path: str, parsed: ParsedIri) -> None:
    assert str(iri) == BASE + path
    assert iris.parse(iri) == parsed


@pytest.mark.parametrize(
    "mint",
    [
        lambda i: i.instrument("PP", "140"),
        lambda i: i.version("WTDC", "30", 2014),
        lambda i: i.instrument("UNGA", "70/125"),
        lambda i: i.meeting("WTSA-2000"),
        lambda i: i.body("UNGA"),
    ],
)
def test_round_trip_mint_parse_mint(mint: object) -> None:
    iri = mint(iris)  # type: ignore[operator]
    parsed = iris.parse(iri)
    kind, parts = parsed.kind, parsed.parts
    if kind == "resolution":
        again = iris.instrument(parts[0], parts[1])
    elif kind == "resolution-version":
        again = iris.version(parts[0], parts[1], int(parts[2]))
    elif kind == "meeting":
        again = iris.meeting(parts[0])
    else:
        again = iris.body(parts[0])
    assert again == iri


def test_base_is_configurable() -> None:
    other = Iris("http://localhost:8000/")
    assert str(other.version("PP", "140", 2006)) == "http://localhost:8000/resolution/pp/140/2006"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Iris("https://example.org/kg"), "must end with '/' or '#'"),
        (lambda: Iris("example.org/kg/"), "is not an absolute IRI"),
        (lambda: Iris("https://example.org/my kg/"), "is not an absolute IRI"),
        (lambda: iris.action_line("C14x"), "is not of the form C5"),
        (lambda: iris.instrument("PP", "1 40"), "cannot go into an IRI"),
        (lambda: iris.instrument("PP", "140", "treaty"), "unknown instrument kind"),
        (lambda: iris.parse("https://elsewhere.org/resolution/pp/140"), "is not under the base"),
        (lambda: iris.parse(BASE + "nonsense/1/2/3/4"), "is not an IRI this scheme mints"),
    ],
)
def test_bad_parts_are_refused_with_a_clear_message(call: object, message: str) -> None:
    with pytest.raises(IriError, match=message):
        call()  # type: ignore[operator]
