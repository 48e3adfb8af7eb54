"""The extractor against hand-made golden files: the seeds exactly, held-out texts by P/R.

The golden files (tests/golden/) were annotated without looking at the extractor; the eight
held-out PP-18 documents were kept out of its tuning.
"""

from __future__ import annotations

import json
from collections import Counter
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


def test_unseen_texts_precision_and_recall() -> None:
    """Thirty-eight texts annotated blind after development (tests/golden/unseen; all partial).

    Scored on resolution-kind references by (body, instrument, number, year), resolved ones
    only; the extractor's WTPF opinions ("Opinion 3 (Geneva, 2013)") are left out, as the gold
    deliberately does not annotate them. The three gold references marked BORDERLINE (ITU-T
    Recommendations D.50 and X.1255, the World Health Assembly's "Resolution 58/28") are scored
    apart, by body, instrument and number: an extracted reference naming one is a borderline hit
    (neither a true nor a false positive), one not found a borderline miss (not a false
    negative). A WHO resolution has no ITU meeting to place a version at, so the extractor
    cites the work and keeps the year ("Geneva, 2005") in its label.

    First contact, measured with these rules before any change for these texts: (tp, fp, fn) =
    (80, 3, 41), borderline 0 found / 3 missed; eight headings did not read (31 of the misses).
    Now (119, 0, 2), borderline 1 / 2. Council Res. 1179 still does not read: its heading has
    no session, nor have the lines before "The Council,", and the registry does not know the
    number; its two references are the two misses. The ITU-T Recommendations (technical
    standards) are out of scope.
    """
    tp = fp = fn = hit = missed = 0
    unread = []
    for path in sorted((GOLDEN / "unseen").glob("*.json")):
        gold = [
            r
            for r in json.loads(path.read_text(encoding="utf-8"))["references"]
            if r["kind"] == "resolution"
        ]

        def key(ref: dict[str, Any] | Reference) -> tuple[object, ...]:
            get = ref.get if isinstance(ref, dict) else lambda name: getattr(ref, name)
            return (get("body"), get("instrument") or "resolution", get("number"), get("year"))

        border = Counter(key(r) for r in gold if (r.get("note") or "").startswith("BORDERLINE"))
        expected = Counter(key(r) for r in gold) - border
        try:
            (doc,) = read_documents(path.with_suffix(".txt"), SETTINGS.sources_dir, REGISTRY)
        except ReadError as error:
            unread.append((path.stem, error.line, error.problem))
            fn, missed = fn + sum(expected.values()), missed + sum(border.values())
            continue
        got = Counter(
            key(r)
            for r in doc.references
            if r.kind == "resolution" and r.status == "resolved" and r.instrument != "opinion"
        )
        borderline = Counter(k[:3] for k in border)  # by body, instrument and number
        for found in list(got.elements()):
            if borderline[found[:3]] > 0:
                borderline[found[:3]] -= 1
                got[found] -= 1
                hit += 1
        got = +got
        missed += sum(borderline.values())
        hits = sum((expected & got).values())
        tp, fp, fn = tp + hits, fp + sum(got.values()) - hits, fn + sum(expected.values()) - hits
    assert unread == [
        (
            "c01_res1179",
            1,
            "Council resolution without a session: none in 'RESOLUTION 1179', in the lines "
            "before 'The Council,' or in the registry",
        )
    ]
    assert (tp, fp, fn) == (119, 0, 2)
    assert (hit, missed) == (1, 2)


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
