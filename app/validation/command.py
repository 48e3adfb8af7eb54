"""`reskg validate`: check the stored graph, or files as if they were being added to it.

Exit status: 0 conforms (warnings and notes allowed), 1 violations, 2 could not run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.settings import Settings, get_settings

if TYPE_CHECKING:
    from app.validation.report import Report

FORMATS = ("text", "json", "turtle")


def add_validate_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `reskg validate [PATH ...] [--format text|json|turtle] [--store DIR] [--all]`."""
    validate = subparsers.add_parser(
        "validate",
        help="check the graph (and files as if added) against the SHACL shapes",
        description=__doc__,
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="resolution texts, AKN XML, or RDF (.ttl, .nt, .jsonld) to check as if added",
    )
    validate.add_argument("--format", default="text", choices=FORMATS)
    validate.add_argument("--store", type=Path, help="store directory (default: RESKG_STORE_DIR)")
    validate.add_argument(
        "--all",
        action="store_true",
        help="with PATHs: check the whole graph, not only the nodes the files touch",
    )
    validate.set_defaults(run=cmd_validate)
    return validate  # type: ignore[no-any-return]


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    return settings.model_copy(update={"store_dir": args.store}) if args.store else settings


def render(report: Report, fmt: str) -> str:
    """The report in `fmt`: text, json or turtle."""
    if fmt == "json":
        return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "turtle":
        return report.to_turtle()
    return report.to_text()


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate; print the report on standard output; 0 conforms, 1 violations, 2 failed."""
    from app.build import open_built
    from app.reading.model import ReadError
    from app.registry import Registry
    from app.store import StoreError
    from app.validation import (
        InputError,
        ValidationError,
        candidate_from_paths,
        validate_candidate,
        validate_dataset,
    )

    settings = _settings(args)
    try:
        store = open_built(settings, lambda text: print(f"reskg validate: {text}", file=sys.stderr))
    except (OSError, StoreError) as error:
        where = settings.store_dir
        print(f"reskg validate: cannot open the store {where}: {error}", file=sys.stderr)
        return 2
    try:
        if args.paths:
            registry = Registry.load(settings.reference_dir)
            candidate = candidate_from_paths(args.paths, settings, registry)
            report = validate_candidate(
                store, candidate, settings, everything=args.all, cached=False
            )
        else:
            report = validate_dataset(store, settings)
    except (InputError, ReadError, ValidationError, StoreError, OSError) as error:
        print(f"reskg validate: {error}", file=sys.stderr)
        return 2
    finally:
        store.close()
    sys.stdout.write(render(report, args.format))
    return 0 if report.conforms else 1
