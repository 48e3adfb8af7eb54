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


def test_unseen_texts_precision_and_recall() -> None:
    """Thirty-eight texts annotated blind after development (tests/golden/unseen; all partial).

    The three gold references marked BORDERLINE are ITU-T Recommendations D.50 and X.1255 and
    the World Health Assembly's "Resolution 58/28". A WHO resolution has no ITU meeting to
    place a version at, so the extractor cites the work and keeps the year ("Geneva, 2005") in
    its label.

    First contact, measured before any change for these texts: (tp, fp, fn) = (80, 3, 41),
    borderline 0 found / 3 missed; eight headings did not read (31 of the misses).
    Now (119, 0, 2), borderline 1 / 2. Council Res. 1179 still does not read: its heading has
    no session, nor have the lines before "The Council,", and the registry does not know the
    number; its two references are the two misses. The ITU-T Recommendations (technical
    standards) are out of scope.
    """
    score = score_blind_set(GOLDEN / "unseen")
    assert score.unread == [
        (
            "c01_res1179",
            1,
            "Council resolution without a session: none in 'RESOLUTION 1179', in the lines "
            "before 'The Council,' or in the registry",
        )
    ]
    assert (score.tp, score.fp, score.fn, score.hit, score.missed) == (119, 0, 2, 1, 2)


def test_third_blind_set_precision_and_recall() -> None:
    """Nineteen texts annotated blind in session 4 (tests/golden/unseen3): WRC and
    Radiocommunication Assembly texts, PP-98/PP-10, WTSA-08, WTDC-06, Council 2008.

    First contact, on its 32 references that are not BORDERLINE, before anyone had read the
    texts: with the reader as the session found it, (tp, fp, fn) = (5, 0, 27), P 1.000,
    R 0.156 (16 of 19 headings did not read: WRC and ITU-R headings were unknown); with the
    WRC/ITU-R headings and citation forms written that session before the set was seen,
    (15, 0, 17), P 1.000, R 0.469 (seven headings did not read). Fixed from its lessons: a
    bare "RESOLUTION 68" under a conference's formula, a label on a line of its own,
    "[COM6/7]", "[*]", lower-case headings, "(MOD)", "ITURadiocommunication", "Resolution26",
    "(Rev.Dubai2014)", "Resolution ITUT7", "A/52/250", and a registry row for Council
    Res. 1291 (C08).

    Still missed: RA Res. 67, whose stored copy has no line of years (its heading was supplied
    by the annotator), so no Radiocommunication Assembly can be named for it; and the citation
    inside the WTSA-08 title (titles are not clauses; borderline). The five ITU-R technical
    Recommendations (S.1323 ...) are out of scope, like the ITU-T ones.
    """
    score = score_blind_set(GOLDEN / "unseen3")
    assert score.unread == [
        (
            "ra15_res67",
            1,
            "'RESOLUTION ITU-R 67' names no version: expected one line of years such as "
            "'(1993-2000-2015)' before 'The ITU Radiocommunication Assembly,'",
        )
    ]
    assert (score.tp, score.fp, score.fn, score.hit, score.missed) == (28, 0, 4, 0, 6)


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
