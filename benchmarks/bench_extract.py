"""Documents per second of `extract_references` over 10-20 KB texts, on one core.

Texts come from `../shared/bench/gen_texts.py` (synthetic, in the seeds' two styles), joined
into documents of 10-20 KB. Also checks what was found against the generator's truth file.

    .venv/bin/python benchmarks/bench_extract.py [--versions 200] [--seed 1] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.reading.references import Context, extract_references  # noqa: E402
from app.registry import Registry  # noqa: E402

GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "gen_texts.py"
"""The generator of synthetic texts, in ../shared beside the project."""


def generate(folder: Path, versions: int, seed: int) -> list[dict[str, object]]:
    """Run the generator into `folder`; its truth records."""
    command = [sys.executable, str(GENERATOR), str(folder), "--versions", str(versions)]
    subprocess.run([*command, "--seed", str(seed)], check=True, capture_output=True)
    truth: list[dict[str, object]] = json.loads(folder.with_suffix(".truth.json").read_text())
    return truth


def documents(texts: list[str], seed: int) -> list[str]:
    """Join texts into documents of 10-20 KB."""
    rng = random.Random(seed)
    docs: list[str] = []
    pool = texts[:]
    while len(docs) < max(20, len(texts) // 5):
        rng.shuffle(pool)
        doc, target = "", rng.randint(10_000, 20_000)
        for text in pool:
            if len(doc) + len(text) > 20_000:
                continue
            doc += text + "\n\n"
            if len(doc) >= target:
                break
        docs.append(doc)
    return docs


def recall(folder: Path, truth: list[dict[str, object]], registry: Registry) -> tuple[int, int]:
    """How many of the generator's citations were found with the right body, number, year."""
    hits = total = 0
    for record in truth:
        text = (folder / str(record["file"])).read_text(encoding="utf-8")
        context = Context(str(record["body"]), None, int(str(record["year"])))
        found = {
            (r.body, r.number, r.year)
            for r in extract_references(text, 0, None, context, registry)
            if r.kind == "resolution"
        }
        for cite in record["cites"]:  # type: ignore[attr-defined]
            if "number" not in cite:
                continue
            total += 1
            hits += (cite["body"], str(cite["number"]), cite["year"]) in found
    return hits, total


def main() -> None:
    """Print a Markdown table of the throughput."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    registry = Registry.load(ROOT / "data" / "reference")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        truth = generate(folder, args.versions, args.seed)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
        docs = documents(texts, args.seed)
        hits, total = recall(folder, truth, registry)
    context = Context("PP", "PP-18", 2018)
    size = sum(len(d) for d in docs)
    refs = 0
    best = float("inf")
    for _ in range(args.rounds):
        start = time.process_time()
        refs = sum(len(extract_references(d, 0, None, context, registry)) for d in docs)
        best = min(best, time.process_time() - start)
    print("| documents | mean size | references | best of | CPU seconds | docs/s | KB/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(docs)} | {size / len(docs) / 1000:.1f} KB | {refs} | {args.rounds} "
        f"| {best:.3f} | {len(docs) / best:.0f} | {size / 1000 / best:.0f} |"
    )
    print(f"\nGenerator citations found (body, number, year): {hits}/{total}")


if __name__ == "__main__":
    main()
