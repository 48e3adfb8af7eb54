"""The `reskg` command: build, export, extract, query, validate and serve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app.settings import Settings, get_settings


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    store = getattr(args, "store", None)
    return settings.model_copy(update={"store_dir": store}) if store else settings


def cmd_build(args: argparse.Namespace) -> int:
    """Read the bundled data (or the given sources) and write the store."""
    from app.build import build

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] if args.paths else None
    report = build(settings, paths, quiet=args.quiet)
    print(
        f"built {settings.store_dir}: {report.documents} documents from {report.sources} "
        f"sources, {report.references} references, {report.graphs} graphs, "
        f"{report.triples} triples",
        file=sys.stderr,
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the whole dataset to standard output."""
    from app.store import open_store

    settings = _settings(args)
    store = open_store(settings)
    try:
        if store.is_empty():
            print(
                f"reskg: the store {settings.store_dir} is empty; run 'reskg build'",
                file=sys.stderr,
            )
            return 2
        sys.stdout.buffer.write(store.dump(args.format))
    finally:
        store.close()
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print one source file's documents and references, as JSON or Turtle."""
    from app.reading.json_view import documents_json
    from app.reading.pipeline import read_documents
    from app.registry import Registry

    settings = _settings(args)
    registry = Registry.load(settings.reference_dir)
    path = Path(args.file)
    documents = read_documents(path, settings.sources_dir, registry)
    if args.format == "json":
        payload = documents_json(documents, settings.base_iri)
        print(
            json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False)
        )
    else:
        from rdflib import Graph

        from app.iris import Iris
        from app.rdf.document_triples import document_triples
        from app.rdf.work_graphs import work_graphs_of

        iris = Iris(settings.base_iri)
        graph = Graph()
        graph.bind("reskg", "https://w3id.org/reskg/ontology#")
        graph.bind("role", "https://w3id.org/reskg/role/")
        for doc in documents:
            for triple in document_triples(doc, iris):
                graph.add(triple)
        # what the works' graphs would settle from these texts alone: identity and labels
        for settled in work_graphs_of(documents, registry, iris, frozenset()).values():
            for fact in settled:
                graph.add(fact)
        sys.stdout.write(graph.serialize(format="turtle"))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the service under uvicorn (building the bundled data into an empty store)."""
    import uvicorn

    from app.api.main import create_app
    from app.build import open_built

    settings = _settings(args)
    # before the server starts: an empty store gets the bundled data, and a store that cannot
    # serve (one an earlier reskg built) is refused in one line, not inside uvicorn's start-up
    open_built(settings, lambda message: print(f"reskg: {message}", file=sys.stderr)).close()
    uvicorn.run(create_app(settings), host=args.host, port=args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per task."""
    top = argparse.ArgumentParser(prog="reskg", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the store from the bundled data or given files")
    build.add_argument("paths", nargs="*", help="source files (default: data/sources/*)")
    build.add_argument("--store", type=Path, help="store directory (default: RESKG_STORE_DIR)")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    build.set_defaults(run=cmd_build)

    export = sub.add_parser("export", help="write the whole dataset to standard output")
    export.add_argument(
        "--format", default="nquads", choices=["nquads", "trig", "turtle", "jsonld"]
    )
    export.add_argument("--store", type=Path)
    export.set_defaults(run=cmd_export)

    extract = sub.add_parser("extract", help="print one file's documents and references")
    extract.add_argument("file")
    extract.add_argument("--format", default="json", choices=["json", "turtle"])
    extract.set_defaults(run=cmd_extract)

    from app.ingest import add_ingest_parser
    from app.named_queries import add_query_parser
    from app.validation.command import add_validate_parser

    add_query_parser(sub)
    add_validate_parser(sub)
    add_ingest_parser(sub)

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--store", type=Path)
    serve.set_defaults(run=cmd_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reskg` console script."""
    from app.reading.model import ReadError
    from app.store import StoreError

    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (ReadError, StoreError) as error:
        print(f"reskg: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `reskg export | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except OSError as error:
        print(f"reskg: {error}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
