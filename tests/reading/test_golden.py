"""The extractor against hand-made golden files: the seeds exactly, held-out texts by P/R.

The golden files (tests/golden/) were annotated without looking at the extractor; the eight
held-out PP-18 documents were kept out of its tuning.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.reading.model import Document, ReadError, Reference
from app.reading.pipeline import read_documents
from app.registry import Registry
from app.settings import Settings

GOLDEN = Path(__file__).parent.parent / "golden"
DATA = Path(__file__).parent / "data"
SETTINGS = Settings()
REGISTRY = Registry.load(SETTINGS.reference_dir)


def _read(name: str) -> list[Document]:
    return read_documents(SETTINGS.sources_dir / name, SETTINGS.sources_dir, REGISTRY)


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document]:
    """The PP-18 documents by component name (`res-140`)."""
    return {d.source_id.split("/")[1]: d for d in _read("pp18_final_acts_akn.xml")}


def _key(ref: dict[str, Any] | Reference) -> tuple[object, ...]:
    get = ref.get if isinstance(ref, dict) else lambda name: getattr(ref, name)
    kind = get("kind")
    if kind == "resolution":
        fields = ("body", "instrument", "number", "year", "meeting", "role")
    elif kind in ("action-line", "document"):
        fields = ("code", "role")
    else:
        fields = ("instrument", "paragraphs", "role")
    return (kind, *(get(f) or ("resolution" if f == "instrument" else None) for f in fields))


@pytest.mark.parametrize("name", ["000_e465f37a3d75a274", "003_f80033ae4421c55d"])
def test_seed_references_match_the_golden_file_exactly(name: str) -> None:
    gold = json.loads((GOLDEN / "seeds" / f"{name}.json").read_text(encoding="utf-8"))
    source = (SETTINGS.sources_dir / f"{name}.txt").read_text(encoding="utf-8")
    (doc,) = _read(f"{name}.txt")
    found = [r for r in doc.references if r.kind != "internal"]
    assert [_key(r) for r in found] == [_key(g) for g in gold["references"]]
    cursor = 0
    for ref, expected in zip(found, gold["references"], strict=True):
        at = source.index(expected["text"], cursor)
        cursor = at + len(expected["text"])
        assert source[ref.start : ref.end] == ref.text
        assert ref.start < cursor and at < ref.end, (ref.text, expected["text"])


def test_held_out_precision_and_recall_of_resolution_references(
    corpus: dict[str, Document],
) -> None:
    tp = fp = fn = 0
    for path in sorted((GOLDEN / "heldout").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))["references"]
        doc = corpus[path.stem.removeprefix("cmp_").replace("_", "-")]

        def keys(refs: list[Any]) -> Counter[tuple[object, ...]]:
            return Counter(_key(r)[:5] for r in refs if _key(r)[0] == "resolution")

        # only resolved references claim a (body, number, year); unresolved ones are reported
        resolved = [r for r in doc.references if r.status == "resolved"]
        expected, got = keys(gold), keys(resolved)
        hits = sum((expected & got).values())
        tp, fp, fn = tp + hits, fp + sum(got.values()) - hits, fn + sum(expected.values()) - hits
    # "Council Decision 588" takes its year (2016) from its sentence ("the ordinary session of
    # the Council in 2016 ... approved Council Decision 588"; it was (47, 1, 2) before that was
    # read). The one miss: "its Recommendation 13/2016" is IMAC's, a body the registry does not
    # know, so it is reported unresolved.
    assert (tp, fp, fn) == (48, 0, 1)


def test_fresh_texts_precision_and_recall() -> None:
    """Thirteen texts found after development (PP-10, WTDC-10, WTSA-12; mostly partial copies).

    Measured before any change for them: 28 of 29 found in the 11 texts that read, none wrong
    (P 1.000, R 0.966); two headings did not read. Both gaps were then fixed ("(MOD 2008)",
    WTSA's "(Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)"), so this is now a
    regression pin. Council 1305 carries no session on its heading, the stored copy dropped the
    page header that had it ("Council 2009 / … / Document C09/105-E"), and the registry does not
    know the number: it cannot be placed, and says so.
    """
    tp = fp = fn = 0
    for path in sorted((GOLDEN / "fresh").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))["references"]
        if path.stem == "c09_res1305":
            with pytest.raises(ReadError) as error:
                read_documents(path.with_suffix(".txt"), SETTINGS.sources_dir, REGISTRY)
            assert (error.value.line, error.value.problem) == (
                1,
                "Council resolution without a session: none in 'RESOLUTION 1305', in the lines "
                "before 'The Council,' or in the registry",
            )
            continue
        (doc,) = read_documents(path.with_suffix(".txt"), SETTINGS.sources_dir, REGISTRY)

        def keys(refs: list[Any]) -> Counter[tuple[object, ...]]:
            return Counter(_key(r)[1:5] for r in refs if _key(r)[0] == "resolution")

        resolved = [r for r in doc.references if r.status == "resolved"]
        expected, got = keys(gold), keys(resolved)
        hits = sum((expected & got).values())
        tp, fp, fn = tp + hits, fp + sum(got.values()) - hits, fn + sum(expected.values()) - hits
    assert (tp, fp, fn) == (34, 0, 0)


@dataclass
class Score:
    """Resolution references of a blind set against the reader: true and false positives,
    misses, BORDERLINE references found and missed, and the texts that did not read."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    hit: int = 0
    missed: int = 0
    unread: list[tuple[str, int | None, str]] = field(default_factory=list)


def _blind_key(ref: dict[str, Any] | Reference) -> tuple[object, ...]:
    get = ref.get if isinstance(ref, dict) else lambda name: getattr(ref, name)
    return (get("body"), get("instrument") or "resolution", get("number"), get("year"))


def score_blind_set(folder: Path) -> Score:
    """Score every text of `folder` by (body, instrument, number, year), resolved references of
    the resolution kind only; the extractor's WTPF opinions are left out (the sets do not
    annotate them). Gold references marked BORDERLINE are scored apart, by body, instrument and
    number, from what is left once the others are matched: an extracted reference naming one
    is a borderline hit (neither a true nor a false positive), one not found a borderline miss
    (not a false negative). A text that does not read misses all its references."""
    score = Score()
    for path in sorted(folder.glob("*.json")):
        gold = [
            r
            for r in json.loads(path.read_text(encoding="utf-8"))["references"]
            if r.get("kind", "resolution") == "resolution"
        ]
        border = Counter(
            _blind_key(r) for r in gold if (r.get("note") or "").startswith("BORDERLINE")
        )
        expected = Counter(_blind_key(r) for r in gold) - border
        try:
            (doc,) = read_documents(path.with_suffix(".txt"), SETTINGS.sources_dir, REGISTRY)
        except ReadError as error:
            score.unread.append((path.stem, error.line, error.problem))
            score.fn += sum(expected.values())
            score.missed += sum(border.values())
            continue
        got = Counter(
            _blind_key(r)
            for r in doc.references
            if r.kind == "resolution" and r.status == "resolved" and r.instrument != "opinion"
        )
        hits = expected & got
        rest = got - hits
        borderline = Counter(k[:3] for k in border)
        for found in list(rest.elements()):
            if borderline[found[:3]] > 0:
                borderline[found[:3]] -= 1
                rest[found] -= 1
                score.hit += 1
        score.tp += sum(hits.values())
        score.fp += sum((+rest).values())
        score.fn += sum((expected - hits).values())
        score.missed += sum(borderline.values())
    return score


def _no_session(number: str) -> str:
    return (
        f"Council resolution without a session: none in {number!r}, in the lines before "
        "'The Council,' or in the registry"
    )


BLIND_SETS = [
    # unseen/: 38 texts (PP 1994-2014, WTDC-10/14, WTSA-12, Council 2000-2012), 121 refs.
    # First contact (80, 3, 41) with borderline 0 found / 3 missed; eight headings did not read
    # (31 of the misses). The BORDERLINE references: ITU-T Recommendations D.50 and X.1255
    # (technical standards, out of scope) and the World Health Assembly's "Resolution 58/28",
    # which is found: WHO has no ITU meeting to place a version at, so the work is cited and
    # the year kept in the label. Council Res. 1179 still does not read: no session in its
    # heading or the lines before "The Council,", and the registry does not know the number.
    pytest.param("unseen", [("c01_res1179", 1, _no_session("RESOLUTION 1179"))], (119, 0, 2, 1, 2)),
    # unseen3/: 19 texts (WRC-2000/07/12/15, RA 2000-2015, PP-98/10, WTSA-08, WTDC-06, C08),
    # 32 refs not BORDERLINE. First contact, before anyone had read the texts: (5, 0, 27) with
    # the reader as session 4 found it (16 of 19 headings did not read: WRC and ITU-R headings
    # were unknown); (15, 0, 17) with that session's WRC/ITU-R work written before the set was
    # seen (seven headings did not read). Fixed from its lessons: a bare "RESOLUTION 68" under a
    # conference's formula, a label line, "[COM6/7]", "[*]", lower-case and "(MOD)" headings,
    # "ITURadiocommunication", "Resolution26", "(Rev.Dubai2014)", "Resolution ITUT7",
    # "A/52/250", a registry row for Council Res. 1291 (C08). RA Res. 67's copy has no line of
    # years (its heading was supplied by the annotator), so no Assembly can be named; the
    # BORDERLINE ones are five ITU-R technical Recommendations and a citation in a title.
    pytest.param(
        "unseen3",
        [
            (
                "ra15_res67",
                1,
                "'RESOLUTION ITU-R 67' names no version: expected one line of years such as "
                "'(1993-2000-2015)' before 'The ITU Radiocommunication Assembly,'",
            )
        ],
        (28, 0, 4, 0, 6),
    ),
    # unseen4/: 23 texts (PP 1994-2014, WTDC-10/14, WTSA-08, WRC-12/15, C15), 58 refs not
    # BORDERLINE. First contact with the reader after the third set's lessons (commit 0689e18):
    # (54, 2, 4), P 0.964, R 0.931; as session 4 found it: (49, 1, 9). Fixed from its lessons:
    # "(Council-12)", the General Assembly's "1721 (XVI)" read as number 1721, a word split in
    # the enacting formula ("Devel opment"). Council Res. 1306 as amended in 2015 names no
    # session and the registry does not know the number: its one reference is the miss.
    pytest.param("unseen4", [("c15_res1306", 1, _no_session("Resolution 1306"))], (57, 0, 1, 0, 2)),
    # unseen5/: 12 texts (PP 1994-2010, WTSA-12, Council decisions 2001-2007, a WTPF-09
    # opinion), 30 refs not BORDERLINE. First contact with the reader after the fourth set's
    # lessons (commit 3125d18): (4, 0, 26), P 1.000, R 0.133: five headings of kinds not met
    # before did not read (the Council compendium's "D 482" and "... D 545 (C07)", "Decision
    # 482 (Modified 2004)", a WTPF opinion), nor did Council Decision 504, which names no
    # session; every reference in the texts that read was found. Fixed from its lessons: those
    # headings, "(rev. Johannesburg, 2008)", "modified by the Council at its 2002 session", and a
    # bare "Resolution 88" in a Council text is no longer given to the Council (ambiguous when
    # the text names no body), the sentence's subject names the body and version: "the
    # Plenipotentiary Conference (Minneapolis, 1998), by Resolution 88". The one miss left in
    # c02_dec482 is "according to Resolution 88" later on, which names neither.
    pytest.param(
        "unseen5",
        [
            (
                "c01_dec504",
                1,
                "Council decision without a session: none in 'Decision 504', in the lines "
                "before 'The Council,' or in the registry",
            )
        ],
        (27, 0, 3, 2, 2),
    ),
    # unseen6/: 12 texts (WTDC-06/10, PP-02/10, WRC-15), 29 refs. First contact with the reader
    # after the fifth set's lessons (commit 76e78c2), before anyone had read the texts:
    # (29, 0, 0), P 1.000, R 1.000; one heading without a comma in its label, "RESOLUTION 70
    # (Rev. Guadalajara 2010)", did not read (a text with no references). Fixed since.
    pytest.param("unseen6", [], (29, 0, 0, 0, 0)),
]


@pytest.mark.parametrize(("folder", "unread", "expected"), BLIND_SETS)
def test_blind_set_precision_and_recall(
    folder: str, unread: list[tuple[str, int, str]], expected: tuple[int, ...]
) -> None:
    """A set annotated blind, scored after its lessons: (tp, fp, fn, borderline found, missed),
    and the texts that do not read (first-contact figures in the comments above)."""
    score = score_blind_set(GOLDEN / folder)
    assert score.unread == unread
    assert (score.tp, score.fp, score.fn, score.hit, score.missed) == expected


def test_reference_counts_per_corpus_document(corpus: dict[str, Document]) -> None:
    pinned = json.loads((DATA / "pp18_reference_counts.json").read_text(encoding="utf-8"))
    counts = {}
    for name, doc in corpus.items():
        kinds = Counter(r.kind for r in doc.references)
        row = {
            k: kinds.get(k, 0)
            for k in ("resolution", "action-line", "document", "paragraph", "internal")
        }
        row["unresolved"] = sum(
            1 for r in doc.references if r.kind == "resolution" and r.status != "resolved"
        )
        counts[name] = row
    assert counts == pinned
