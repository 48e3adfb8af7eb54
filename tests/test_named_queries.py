"""Every named query of `queries/` answers exactly what the bundled texts say.

The expected rows were worked out from the sources, not copied from the queries:
`003_f80033ae4421c55d.txt` (WTDC Resolution 30 (Rev. Dubai, 2014)), `000_e465f37a3d75a274.txt`
(Council Resolution 1282 (C07)), the PP-18 Final Acts (`pp18_final_acts_akn.xml`, counted per
`<component>`) and the registry tables. A query file without a test here fails the suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from app.named_queries import (
    NamedQuery,
    Param,
    ParameterError,
    QueryLibraryError,
    is_library_file,
    load_queries,
    parse_query,
)
from app.settings import PROJECT_ROOT
from app.sparql.guard import check_query
from app.store import Store
from app.vocab import RESKG

QUERIES_DIR = PROJECT_ROOT / "queries"
BASE = "https://w3id.org/reskg/id/"
ROLE = "https://w3id.org/reskg/role/"
LIBRARY = load_queries(QUERIES_DIR)
TESTED: set[str] = set()

Value = str | int | None


def answers(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Mark a test as the one that pins the answer of the named query `name`."""
    TESTED.add(name)

    def mark(test: Callable[..., None]) -> Callable[..., None]:
        return test

    return mark


def short(term: Node | None) -> Value:
    """An IRI under the data base without the base, a role as `role:x`, a literal's value."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(BASE):
            return text[len(BASE) :]
        return "role:" + text[len(ROLE) :] if text.startswith(ROLE) else text
    assert isinstance(term, Literal)
    value = term.toPython()
    return value if isinstance(value, int) else str(term)


def rows(store: Store, name: str, *columns: str, **params: str) -> list[tuple[Value, ...]]:
    """The named query's rows (the given columns, all by default) with parameters bound."""
    query = LIBRARY[name]
    result = store.select(query.text, query.bindings(params))
    names = columns or tuple(query_variables(query))
    return [tuple(short(row.get(c)) for c in names) for row in result]


def query_variables(query: NamedQuery) -> list[str]:
    """The projected variables of a SELECT, in order (`?x` and `(... AS ?x)`)."""
    head = query.text[query.text.index("SELECT") + 6 : query.text.index("WHERE")]
    inner = re.compile(r"\((?![^()]*\bAS\b)[^()]*\)")
    while inner.search(head):
        head = inner.sub(" ", head)
    head = re.sub(r"\([^()]*\bAS\s+\?(\w+)\s*\)", r"?\1", head)
    return re.findall(r"\?(\w+)", head)


# ---------------------------------------------------------------------------------------------
# The library itself
# ---------------------------------------------------------------------------------------------


def test_the_library_has_at_least_twelve_queries() -> None:
    assert len(LIBRARY) >= 12


def test_every_library_file_loads_with_a_complete_header() -> None:
    files = sorted(p.stem for p in QUERIES_DIR.glob("*.rq") if is_library_file(p))
    assert list(LIBRARY) == files
    for query in LIBRARY.values():
        assert query.title and query.description, query.name
        assert query.text.lstrip().startswith("# title:"), query.name
        for param in query.params:
            assert param.default and param.doc, (query.name, param.name)
            assert param.kind in ("iri", "literal", "integer")


def test_every_query_passes_the_endpoint_guard() -> None:
    for query in LIBRARY.values():
        checked = check_query(query.text)
        assert checked.form in ("SELECT", "CONSTRUCT"), query.name


def test_every_query_has_a_test() -> None:
    assert sorted(set(LIBRARY) - TESTED) == []


def test_app_page_queries_and_checks_are_not_in_the_library(tmp_path: Path) -> None:
    for name in ("lineage-versions.rq", "resolution-list.rq", "dangling-violation.rq"):
        (tmp_path / name).write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / "mine.rq").write_text(
        "# title: Mine\n# description: All.\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8"
    )
    assert list(load_queries(tmp_path)) == ["mine"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "exactly one '# title:'"),
        ("# title: T\nSELECT * WHERE { ?s ?p ?o }", "exactly one '# description:'"),
        ("# title: T\n# description: D\n# param: s (iri) https://x.org/ — no equals\n", "is not"),
        ("# title: T\n# description: D\n# param: s (node) = x — kind\n?s", "has kind 'node'"),
        ("# title: T\n# description: D\n# param: n (integer) = ten — the n\n?n", "bad default"),
        ("# title: T\n# description: D\n# param: gone (literal) = x — unused\n?s", "not in the"),
    ],
)
def test_a_broken_header_is_refused_with_the_file_named(text: str, message: str) -> None:
    with pytest.raises(QueryLibraryError, match=r"queries/broken\.rq") as error:
        parse_query("broken", text)
    assert message in str(error.value)


def test_header_fields_continue_on_indented_lines() -> None:
    query = parse_query(
        "two-lines",
        "# title: T\n# description: First half\n#   and second half.\n"
        "# param: v (iri) = https://example.org/v — the v\nSELECT ?v WHERE { ?v ?p ?o }\n",
    )
    assert query.description == "First half and second half."
    assert query.params == [Param("v", "iri", "https://example.org/v", "the v")]


def test_parameters_bind_from_strings_and_unknown_ones_are_refused() -> None:
    query = LIBRARY["citation-path"]
    bound = query.bindings({"to": f"<{BASE}resolution/pp/140>"})
    assert bound == {
        "from": URIRef(BASE + "resolution/council/1282"),
        "to": URIRef(BASE + "resolution/pp/140"),
    }
    with pytest.raises(ParameterError, match=r"has no parameter 'resolution'.*from, to"):
        query.bindings({"resolution": BASE + "resolution/pp/140"})
    with pytest.raises(ParameterError, match="needs an absolute IRI"):
        query.bindings({"from": "resolution 140"})
    with pytest.raises(ParameterError, match="needs an integer"):
        LIBRARY["most-cited"].bindings({"minimum": "2.5"})
    assert LIBRARY["most-cited"].bindings({"minimum": " 7 "})["minimum"] == Literal(7)


# ---------------------------------------------------------------------------------------------
# The answers
# ---------------------------------------------------------------------------------------------


@answers("instrument-history")
def test_instrument_history_of_pp_140(bundled_store: Store) -> None:
    # The registry's five PP Resolution 140 rows, each revising the one before; only the
    # Dubai (2018) text is in the corpus (component cmp_res_140 of the PP-18 Final Acts).
    assert rows(bundled_store, "instrument-history") == [
        ("resolution/pp/140/2006", 2006, "Antalya, 2006", "meeting/pp-06", None, None),
        (
            "resolution/pp/140/2010",
            2010,
            "Rev. Guadalajara, 2010",
            "meeting/pp-10",
            "resolution/pp/140/2006",
            None,
        ),
        (
            "resolution/pp/140/2014",
            2014,
            "Rev. Busan, 2014",
            "meeting/pp-14",
            "resolution/pp/140/2010",
            None,
        ),
        (
            "resolution/pp/140/2018",
            2018,
            "Rev. Dubai, 2018",
            "meeting/pp-18",
            "resolution/pp/140/2014",
            "source/pp18_final_acts_akn/res-140",
        ),
        (
            "resolution/pp/140/2022",
            2022,
            "Rev. Bucharest, 2022",
            "meeting/pp-22",
            "resolution/pp/140/2018",
            None,
        ),
    ]


@answers("version-citations-by-role")
def test_what_wtdc_30_cites_by_role(bundled_store: Store) -> None:
    def lines(role: str, counts: dict[str, int]) -> list[tuple[Value, ...]]:
        return [(f"role:{role}", f"action-line/{c}", n) for c, n in sorted(counts.items())]

    # recognizing a) C2, C5; C1, C3, C4, C6, C7, C11; C8 and Res. 140; b) C6;
    # c) C2, C5, C6; C1, C3, C4, C7, C8, C9, C11.
    recognizing = {"C1": 2, "C11": 2, "C2": 2, "C3": 2, "C4": 2, "C5": 2, "C6": 3}
    recognizing |= {"C7": 2, "C8": 2, "C9": 1}
    # resolves to invite 6) C5; 9 i) C2, C5, C6; 9 ii) C1, C3, C4, C6, C7, C11, C8, C9.
    invite = {"C1": 1, "C11": 1, "C2": 1, "C3": 1, "C4": 1, "C5": 2, "C6": 2}
    invite |= {"C7": 1, "C8": 1, "C9": 1}
    assert rows(bundled_store, "version-citations-by-role", "role", "target", "citations") == [
        ("role:calls-upon", "action-line/C5", 1),
        ("role:instructs", "resolution/pp/140/2010", 1),
        ("role:noting", "resolution/council/1332", 1),
        ("role:noting", "resolution/council/1334/2013", 1),
        ("role:noting", "resolution/council/1336", 1),
        ("role:noting-further", "resolution/council/1332", 1),
        ("role:recalling", "resolution/pp/130/2010", 1),
        ("role:recalling", "resolution/pp/139/2010", 1),
        ("role:recalling", "resolution/pp/140/2010", 1),
        ("role:recalling", "resolution/pp/172/2010", 1),
        ("role:recalling", "resolution/pp/71/2010", 1),
        *lines("recognizing", recognizing),
        ("role:recognizing", "resolution/pp/140/2010", 1),
        ("role:recognizing-further", "resolution/pp/140/2010", 1),
        ("role:requests", "resolution/pp/140/2010", 1),
        *lines("resolves-to-invite", invite),
        ("role:resolves-to-invite", "document/Tunis-Agenda", 2),
        ("role:resolves-to-invite", "document/Tunis-Commitment", 1),
        ("role:resolves-to-invite", "resolution/wtdc/8/2014", 1),
        ("role:taking-into-account", "resolution/ra/61/2012", 1),
        ("role:taking-into-account", "resolution/wtsa/75/2012", 1),
    ]
    labelled = rows(bundled_store, "version-citations-by-role", "roleLabel", "targetLabel")
    assert ("recalling", "Resolution 140 (Rev. Guadalajara, 2010)") in labelled
    assert ("taking into account", "Resolution 61 (Geneva, 2012)") in labelled
    assert all(role and target for role, target in labelled)


@answers("cited-by-across-versions")
def test_what_cites_pp_140(bundled_store: Store) -> None:
    # Res. 140 (Rev. Guadalajara, 2010) is cited only by WTDC Res. 30 (2014): recalling d),
    # recognizing a), recognizing further, instructs 2 and requests. Council Res. 1282 cites the
    # Antalya text in recalling a), considering d) and e) and instructs ... Bureaux 3. In the
    # PP-18 Final Acts: cmp_res_140 cites "(Rev. Busan, 2014)"; cmp_res_130 (twice),
    # cmp_res_201 and cmp_res_205 cite "(Rev. Dubai, 2018)".
    assert rows(bundled_store, "cited-by-across-versions") == [
        (
            "resolution/pp/140/2006",
            "resolution/council/1282/2007",
            "Resolution 1282 (C07)",
            2007,
            4,
        ),
        (
            "resolution/pp/140/2010",
            "resolution/wtdc/30/2014",
            "Resolution 30 (Rev. Dubai, 2014)",
            2014,
            5,
        ),
        (
            "resolution/pp/140/2014",
            "resolution/pp/140/2018",
            "Resolution 140 (Rev. Dubai, 2018)",
            2018,
            1,
        ),
        (
            "resolution/pp/140/2018",
            "resolution/pp/130/2018",
            "Resolution 130 (Rev. Dubai, 2018)",
            2018,
            2,
        ),
        (
            "resolution/pp/140/2018",
            "resolution/pp/201/2018",
            "Resolution 201 (Rev. Dubai, 2018)",
            2018,
            1,
        ),
        (
            "resolution/pp/140/2018",
            "resolution/pp/205/2018",
            "Resolution 205 (Dubai, 2018)",
            2018,
            1,
        ),
    ]
    wtdc_30 = rows(
        bundled_store,
        "cited-by-across-versions",
        "citing",
        resolution=BASE + "resolution/wtdc/30",
    )
    # Council Res. 1282 instructs 4 (Res. 30 (Rev. Doha, 2006)); cmp_res_140 twice and
    # cmp_res_211 "Resolution 30 (Rev. Dubai, 2018) of this conference" is PP Res. 30.
    assert wtdc_30 == [("resolution/council/1282/2007",), ("resolution/pp/140/2018",)]


@answers("most-cited")
def test_most_cited_resolutions(bundled_store: Store) -> None:
    # UNGA 70/1: 20 mentions in 16 PP-18 components; PP Res. 71: 20 mentions in 14 PP-18
    # components other than cmp_res_71, plus WTDC Res. 30 recalling a); UNGA 70/125: 14 in 10.
    assert rows(bundled_store, "most-cited") == [
        ("resolution/unga/70-1", "UNGA Resolution 70/1", 16, 20),
        ("resolution/pp/71", "PP Resolution 71", 15, 21),
        ("resolution/unga/70-125", "UNGA Resolution 70/125", 10, 14),
    ]
    assert rows(bundled_store, "most-cited", "resolution", minimum="16") == [
        ("resolution/unga/70-1",)
    ]


@answers("co-citations")
def test_resolutions_cited_together(bundled_store: Store) -> None:
    # 70/1 and 70/125 both appear in cmp_res_70, 71, 101, 133, 135, 140, 180, 203 and 205;
    # PP Res. 71 and 70/1 in cmp_res_48, 140, 197, 203 and 205 (cmp_res_71 is PP 71 itself).
    assert rows(bundled_store, "co-citations", "first", "second", "citingVersions") == [
        ("resolution/unga/70-1", "resolution/unga/70-125", 9),
        ("resolution/pp/71", "resolution/unga/70-1", 5),
    ]


@answers("action-line-mentions")
def test_versions_that_mention_c5(bundled_store: Store) -> None:
    # Council Res. 1282: instructs ... Bureaux 1, annex c) and e). WTDC Res. 30: recognizing
    # a) and c), resolves to invite 6 and 9, calls upon 2. PP-18: "C5" in cmp_res_130 (4 clauses),
    # cmp_res_71 and cmp_res_140 (3), cmp_res_64, cmp_res_135 and cmp_res_179 (1).
    assert rows(bundled_store, "action-line-mentions", "version", "notation", "clauses") == [
        ("resolution/council/1282/2007", "C5", 3),
        ("resolution/wtdc/30/2014", "C5", 5),
        ("resolution/pp/130/2018", "C5", 4),
        ("resolution/pp/135/2018", "C5", 1),
        ("resolution/pp/140/2018", "C5", 3),
        ("resolution/pp/179/2018", "C5", 1),
        ("resolution/pp/64/2018", "C5", 1),
        ("resolution/pp/71/2018", "C5", 3),
    ]


@answers("mandated-bodies")
def test_what_resolutions_ask_of_itu_d(bundled_store: Store) -> None:
    # WTDC Res. 30 "resolves to invite the ITU Telecommunication Development Sector" 1 to 9.
    found = rows(
        bundled_store, "mandated-bodies", "version", "roleLabel", "addresseeText", "number"
    )
    assert found == [
        (
            "resolution/wtdc/30/2014",
            "resolves to invite",
            "the ITU Telecommunication Development Sector",
            str(n),
        )
        for n in range(1, 10)
    ]
    texts = rows(bundled_store, "mandated-bodies", "text")
    assert str(texts[0][0]).startswith("to continue working in cooperation with the other ITU")
    assert str(texts[8][0]).startswith("to continue to propose at the forthcoming plenipotentiary")


@answers("meeting-adoptions")
def test_what_wtdc_14_adopted(bundled_store: Store) -> None:
    # The registry's WTDC-14 rows (Res. 8, 30, 37) and the "(Rev. Dubai, 2014)" WTDC versions
    # the PP-18 Final Acts cite (Res. 18, 45, 52, 61): all revisions.
    assert rows(bundled_store, "meeting-adoptions", "version", "outcome", "revises", "title") == [
        ("resolution/wtdc/18/2014", "revised", "resolution/wtdc/18/2010", None),
        (
            "resolution/wtdc/30/2014",
            "revised",
            "resolution/wtdc/30/2010",
            "Role of the ITU Telecommunication Development Sector in implementing the outcomes "
            "of the World Summit on the Information Society",
        ),
        ("resolution/wtdc/37/2014", "revised", None, "Bridging the digital divide"),
        ("resolution/wtdc/45/2014", "revised", None, None),
        ("resolution/wtdc/52/2014", "revised", None, None),
        ("resolution/wtdc/61/2014", "revised", None, None),
        (
            "resolution/wtdc/8/2014",
            "revised",
            "resolution/wtdc/8/2010",
            "Collection and dissemination of information and statistics",
        ),
    ]
    pp_18 = rows(bundled_store, "meeting-adoptions", "outcome", meeting=BASE + "meeting/pp-18")
    assert pp_18.count(("new",)) == 11  # Res. 204 to 213 and Recommendation 7 (Dubai, 2018)


@answers("superseded-citations")
def test_pp_18_citations_of_superseded_versions(bundled_store: Store) -> None:
    # PP-18 met from 29 October 2018: WTDC-17 (to 20 October 2017), WTSA-16 and PP-14 had
    # already revised what these clauses name.
    assert rows(bundled_store, "superseded-citations", "citing", "cited", "latest", "text") == [
        ("resolution/pp/125/2018", "resolution/pp/125/2010", "resolution/pp/125/2014",
         "125 (Rev. Guadalajara, 2010)"),
        ("resolution/pp/125/2018", "resolution/pp/125/2006", "resolution/pp/125/2014",
         "125 (Rev. Antalya, 2006)"),
        ("resolution/pp/125/2018", "resolution/pp/125/2002", "resolution/pp/125/2014",
         "125 (Marrakesh, 2002)"),
        ("resolution/pp/125/2018", "resolution/pp/99/2010", "resolution/pp/99/2014",
         "99 (Rev. Guadalajara, 2010)"),
        ("resolution/pp/125/2018", "resolution/wtdc/18/2014", "resolution/wtdc/18/2017",
         "18 (Rev. Dubai, 2014)"),
        ("resolution/pp/125/2018", "resolution/wtdc/18/2010", "resolution/wtdc/18/2017",
         "18 (Rev. Hyderabad, 2010)"),
        ("resolution/pp/125/2018", "resolution/wtdc/18/2006", "resolution/wtdc/18/2017",
         "18 (Rev. Doha, 2006)"),
        ("resolution/pp/125/2018", "resolution/wtdc/18/2002", "resolution/wtdc/18/2017",
         "18 (Rev. Istanbul, 2002)"),
        ("resolution/pp/125/2018", "resolution/wtdc/18/1998", "resolution/wtdc/18/2017",
         "18 (Valletta, 1998)"),
        ("resolution/pp/130/2018", "resolution/wtsa/52/2012", "resolution/wtsa/52/2016",
         "Resolution 52 (Rev. Dubai, 2012)"),
        ("resolution/pp/160/2018", "resolution/pp/34/1998", "resolution/pp/34/2014",
         "Resolution 34 (Rev. Minneapolis, 1998) of the Plenipotentiary Conference"),
        ("resolution/pp/169/2018", "resolution/pp/158/2010", "resolution/pp/158/2014",
         "Resolution 158 (Rev. Guadalajara, 2010)"),
        ("resolution/pp/175/2018", "resolution/wtdc/58/2010", "resolution/wtdc/58/2017",
         "Resolution 58 (Hyderabad, 2010) of the World Telecommunication Development "
         "Conference (WTDC)"),
        ("resolution/pp/64/2018", "resolution/wtdc/37/2014", "resolution/wtdc/37/2017",
         "Resolution 37 (Rev. Dubai, 2014)"),
        ("resolution/pp/64/2018", "resolution/wtsa/69/2012", "resolution/wtsa/69/2016",
         "Resolution 69 (Rev. Dubai, 2012) of the World Telecommunication Standardization "
         "Assembly"),
    ]  # fmt: skip
    # WTDC-14 (March-April 2014) cites Res. 140 (Rev. Guadalajara, 2010) before PP-14 (October):
    # not superseded yet. Council 2007 cites the Antalya (2006) texts, the latest then.
    for meeting in ("wtdc-14", "c07"):
        assert (
            rows(bundled_store, "superseded-citations", citingMeeting=BASE + f"meeting/{meeting}")
            == []
        )


@answers("citation-path")
def test_paths_from_council_1282_to_pp_71(bundled_store: Store) -> None:
    # 1282 cites PP Res. 140 (Antalya) and WTDC Res. 30 (Rev. Doha); PP Res. 140 (2018) cites
    # Res. 71 (Rev. Dubai, 2018) and WTDC Res. 30 (Rev. Buenos Aires, 2017); WTDC Res. 30 (2014)
    # cites Res. 71 (Rev. Guadalajara, 2010) and Res. 140 (Rev. Guadalajara, 2010).
    assert rows(bundled_store, "citation-path") == [
        (2, "resolution/pp/140", None),
        (2, "resolution/wtdc/30", None),
        (3, "resolution/pp/140", "resolution/wtdc/30"),
        (3, "resolution/wtdc/30", "resolution/pp/140"),
    ]
    direct = rows(bundled_store, "citation-path", **{"from": BASE + "resolution/wtdc/30"})
    assert direct[0] == (1, None, None)


@answers("action-line-coverage")
def test_action_line_coverage(bundled_store: Store) -> None:
    # Council 2007 (Res. 1282): C1-C8 and C11. WTDC 2014 (Res. 30): C1-C9 and C11. PP 2018,
    # components naming each line: C2 in 64, 71, 135, 137, 140, 201; C5 in 64, 71, 130, 135,
    # 140, 179; C6 in 64, 71, 135, 137, 140; C7 in 64, 135, 140, 201; C8 in 64, 133, 140;
    # C1, C3, C4, C9 and C11 in 140 only.
    pp = {"C1": 1, "C2": 6, "C3": 1, "C4": 1, "C5": 6, "C6": 5, "C7": 4, "C8": 3, "C9": 1, "C11": 1}
    expected: list[tuple[Value, ...]] = []
    for number in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11):
        line = f"C{number}"
        if number != 9:
            expected.append((line, "body/council", 2007, 1))
        expected.append((line, "body/pp", 2018, pp[line]))
        expected.append((line, "body/wtdc", 2014, 1))
    found = rows(bundled_store, "action-line-coverage", "notation", "body", "year", "versions")
    assert found == expected


@answers("cited-without-text")
def test_ra_resolutions_cited_without_a_text(bundled_store: Store) -> None:
    # "Resolution ITU-R 7-3 (Rev. Geneva, 2015)" in cmp_res_25, 123, 167 and 191; the others
    # once each (48-2 in 25, 15-6 in 208, 62 in 177, 6-2 in 191, 66 in 197, 67 in 175, 69 in
    # 203); Res. 61 (Geneva, 2012) in WTDC Res. 30 taking into account b).
    assert rows(bundled_store, "cited-without-text") == [
        ("resolution/ra/7/2015", "Resolution 7 (Rev. Geneva, 2015)", 4),
        ("resolution/ra/15/2015", "Resolution 15 (Rev. Geneva, 2015)", 1),
        ("resolution/ra/48/2015", "Resolution 48 (Rev. Geneva, 2015)", 1),
        ("resolution/ra/6/2015", "Resolution 6 (Rev. Geneva, 2015)", 1),
        ("resolution/ra/61/2012", "Resolution 61 (Geneva, 2012)", 1),
        ("resolution/ra/62/2015", "Resolution 62 (Rev. Geneva, 2015)", 1),
        ("resolution/ra/66/2015", "Resolution 66 (Geneva, 2015)", 1),
        ("resolution/ra/67/2015", "Resolution 67 (Geneva, 2015)", 1),
        ("resolution/ra/69/2015", "Resolution 69 (Geneva, 2015)", 1),
    ]
    # WTDC Res. 30 (2014) has a text, so WTDC's list leaves it out.
    wtdc = rows(bundled_store, "cited-without-text", "cited", body=BASE + "body/wtdc")
    assert ("resolution/wtdc/30/2014",) not in wtdc
    assert ("resolution/wtdc/30/2006",) in wtdc


@answers("unresolved-references")
def test_references_left_for_stewards(bundled_store: Store) -> None:
    # Bare paragraph signs name no instrument (cmp_res_64 "§§ 4 and 8", cmp_res_208 "§ 1"), and
    # the registry has no Independent Management Advisory Committee (cmp_res_212).
    no_instrument = "no instrument named for the paragraph"
    assert rows(bundled_store, "unresolved-references", "citing", "kind", "text", "note") == [
        ("resolution/pp/64/2018", "paragraph", "§§ 4 and 8", no_instrument),
        ("resolution/pp/208/2018", "paragraph", "§ 1", no_instrument),
        (
            "resolution/pp/212/2018",
            "resolution",
            "its Recommendation 13/2016",
            "unknown body 'Independent Management Advisory Committee'",
        ),
    ]
    assert {status for (status,) in rows(bundled_store, "unresolved-references", "status")} == {
        "unresolved"
    }
    # Every reference in the WTDC Res. 30 text resolved.
    assert rows(bundled_store, "unresolved-references", file="003_f80033ae4421c55d.txt") == []


@answers("citation-network")
def test_citation_network_of_wtdc_14(bundled_store: Store) -> None:
    query = LIBRARY["citation-network"]
    graph = bundled_store.construct(query.text, query.bindings())
    citing = URIRef(BASE + "resolution/wtdc/30/2014")
    cited = {
        # recalling a)-e), taking into account a)-b), noting a)-c), resolves to invite 7
        "resolution/pp/71/2010": "Resolution 71 (Rev. Guadalajara, 2010)",
        "resolution/pp/130/2010": "Resolution 130 (Rev. Guadalajara, 2010)",
        "resolution/pp/139/2010": "Resolution 139 (Rev. Guadalajara, 2010)",
        "resolution/pp/140/2010": "Resolution 140 (Rev. Guadalajara, 2010)",
        "resolution/pp/172/2010": "Resolution 172 (Guadalajara, 2010)",
        "resolution/wtsa/75/2012": "Resolution 75 (Rev. Dubai, 2012)",
        "resolution/ra/61/2012": "Resolution 61 (Geneva, 2012)",
        "resolution/council/1332": "Council Resolution 1332",
        "resolution/council/1334/2013": "Resolution 1334 (Modified 2013)",
        "resolution/council/1336": "Council Resolution 1336",
        "resolution/wtdc/8/2014": "Resolution 8 (Rev. Dubai, 2014)",
    }
    expected = Graph()
    expected.add((citing, RDFS.label, Literal("Resolution 30 (Rev. Dubai, 2014)")))
    for path, label in cited.items():
        expected.add((citing, RESKG.cites, URIRef(BASE + path)))
        expected.add((URIRef(BASE + path), RDFS.label, Literal(label)))
    assert set(graph) == set(expected)
