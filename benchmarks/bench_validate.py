"""Validation timings: the bundled graph, a 5,000-document synthetic graph, one new document.

    python benchmarks/bench_validate.py [--versions 5000] [--seed 1] [--skip-full-synthetic]

The synthetic texts come from ../shared/bench/gen_texts.py (see its README); one extra text
is generated and held out of the build, to be validated as a new document against the rest
(the goal: under 2 s). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.build import build_into, bundled_sources
from app.registry import Registry
from app.settings import Settings
from app.store.embedded import EmbeddedStore
from app.validation import candidate_from_paths, validate_candidate, validate_dataset
from app.validation.report import Report

GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "gen_texts.py"
"""The generator of synthetic texts, in ../shared beside the project."""
T = TypeVar("T")


def timed(run: Callable[[], T]) -> tuple[float, T]:
    """Seconds taken by `run`, and what it returned."""
    start = time.perf_counter()
    value = run()
    return time.perf_counter() - start, value


def summary(report: Report) -> str:
    """`3 violations, 12 warnings, 1 notes`."""
    return (
        f"{report.count('Violation')} violations, {report.count('Warning')} warnings, "
        f"{report.count('Info')} notes"
    )


def main() -> int:
    """Build, validate, print the table."""
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--versions", type=int, default=5000)
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--skip-full-synthetic", action="store_true",
                         help="skip the (slow) full validation of the synthetic graph")
    args = options.parse_args()
    settings = Settings()
    rows: list[tuple[str, str, float, str]] = []

    bundled = EmbeddedStore(None)
    build_into(bundled, settings, bundled_sources(settings))
    seconds, report = timed(lambda: validate_dataset(bundled, settings))
    rows.append(("full: bundled graph", f"{len(bundled):,} quads", seconds, summary(report)))

    work = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        texts = work / "texts"
        subprocess.run(
            [sys.executable, str(GENERATOR), str(texts), "--versions", str(args.versions + 1),
             "--seed", str(args.seed)],
            check=True, capture_output=True,
        )
        paths = sorted(texts.iterdir())
        middle = len(paths) // 2
        new, built = paths[middle], paths[:middle] + paths[middle + 1 :]
        synthetic = EmbeddedStore(None)
        seconds, _ = timed(lambda: build_into(synthetic, settings, built))
        size = f"{len(built):,} texts, {len(synthetic):,} quads"
        rows.append(("build: synthetic graph", size, seconds, "-"))
        if not args.skip_full_synthetic:
            seconds, report = timed(lambda: validate_dataset(synthetic, settings))
            rows.append(("full: synthetic graph", size, seconds, summary(report)))
        registry = Registry.load(settings.reference_dir)
        candidate = candidate_from_paths([new], settings, registry)
        seconds, report = timed(lambda: validate_candidate(synthetic, candidate, settings))
        rows.append(("one new document, first call (copies the store)", new.name, seconds,
                     summary(report)))
        seconds, report = timed(lambda: validate_candidate(synthetic, candidate, settings))
        rows.append(("one new document, store copy cached (service)", new.name, seconds,
                     summary(report)))
        if not args.skip_full_synthetic:
            seconds, report = timed(
                lambda: validate_candidate(synthetic, candidate, settings, everything=True)
            )
            rows.append(("one new document, whole graph re-validated", new.name, seconds,
                         summary(report)))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| validation | data | seconds | result |")
    print("|---|---|---:|---|")
    for name, data, seconds, result in rows:
        print(f"| {name} | {data} | {seconds:.2f} | {result} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
