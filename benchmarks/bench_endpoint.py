"""Endpoint benchmark: our `/sparql` against rdflib-endpoint on the same synthetic graph.

    python benchmarks/bench_endpoint.py [--work DIR] [--versions 5000] [--requests 300]

Generates the synthetic corpus (`../shared/bench/gen_texts.py`, seed 1), builds it into a
store, dumps the store as N-Quads and loads those into rdflib's own `Dataset(default_union=True)`
behind `rdflib_endpoint.SparqlEndpoint` (the peer). Each server runs under uvicorn on 127.0.0.1,
started and stopped by this script, one at a time. Three named queries (parameters picked from the
data; `instrument-history` is the lineage-sized one) are sent as the same SPARQL text to both
`/sparql` endpoints; our `/healthz` is the floor. Prints p50/p99 latency and requests/s as a
Markdown table, then the goals: >= 5x the peer's requests/s, p50 within 2x of the floor for the
lineage-sized query. The work directory is reused, so later runs skip generating and building.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "gen_texts.py"
"""The generator of synthetic texts, in ../shared beside the project."""
LINEAGE = "instrument-history"
JSON_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Measure:
    """One target's timings: what was asked, of which server, and how fast."""

    target: str
    server: str
    latencies: list[float]
    wall: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def prepare(work: Path, versions: int, seed: int) -> tuple[Path, Path]:
    """The built store and its N-Quads dump, made once in `work`."""
    sys.path.insert(0, str(ROOT))
    from app.build import build
    from app.settings import Settings
    from app.store import open_store

    texts, store_dir, dump = work / "texts", work / "store", work / "dump.nq"
    if not texts.is_dir():
        command = [sys.executable, str(GENERATOR), str(texts), "--versions", str(versions)]
        subprocess.run([*command, "--seed", str(seed)], check=True)
    if not store_dir.is_dir():
        started = time.perf_counter()
        report = build(Settings(store_dir=store_dir), sorted(texts.iterdir()))
        print(
            f"built {report.triples} triples in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    if not dump.exists():
        store = open_store(store_dir)
        try:
            dump.write_bytes(store.dump("nquads"))
        finally:
            store.close()
    return store_dir, dump


def pick_queries(store_dir: Path) -> dict[str, str]:
    """Three named queries bound to busy parts of the synthetic graph, as SPARQL text."""
    import pyoxigraph as ox

    from app.named_queries import load_queries
    from app.settings import PROJECT_ROOT
    from app.store.bindings import bind

    store = ox.Store.read_only(str(store_dir))

    def top(query: str) -> str:
        result = store.query("PREFIX reskg: <https://w3id.org/reskg/ontology#> " + query)
        assert isinstance(result, ox.QuerySolutions)
        term = next(iter(result))[0]
        assert isinstance(term, ox.NamedNode)
        return term.value

    lineage = top(
        "SELECT ?w WHERE { ?v reskg:versionOf ?w ; reskg:hasText [] } "
        "GROUP BY ?w ORDER BY DESC(COUNT(?v)) ?w LIMIT 1"
    )
    version = top(
        "SELECT ?v WHERE { ?c reskg:citingVersion ?v } "
        "GROUP BY ?v ORDER BY DESC(COUNT(?c)) ?v LIMIT 1"
    )
    cited = top(
        "SELECT ?w WHERE { ?c reskg:target/reskg:versionOf ?w } "
        "GROUP BY ?w ORDER BY DESC(COUNT(?c)) ?w LIMIT 1 OFFSET 1"
    )
    library = load_queries(PROJECT_ROOT / "queries")
    chosen = {
        LINEAGE: {"resolution": lineage},
        "version-citations-by-role": {"version": version},
        "cited-by-across-versions": {"resolution": cited},
    }
    return {
        name: bind(library[name].text, library[name].bindings(params))
        for name, params in chosen.items()
    }


@contextmanager
def server(args: list[str], ready: str, timeout_s: float) -> Iterator[str]:
    """Run `this script ARGS PORT` for the block; yields its base URL once `ready` answers."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, *args, str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server {args[0]} exited with {process.returncode}")
            try:
                if httpx.get(base + ready, timeout=5).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server {args[0]} not ready after {timeout_s:.0f} s")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def load(
    target: str,
    server_name: str,
    call: Callable[[httpx.Client], httpx.Response],
    requests: int,
    concurrency: int,
) -> Measure:
    """`requests` calls over `concurrency` connections (after a short warm-up), each timed."""
    clients = [httpx.Client(timeout=300) for _ in range(concurrency)]
    for client in clients[:1]:
        for _ in range(min(3, requests)):
            call(client).raise_for_status()

    def one(index: int) -> float:
        client = clients[index % concurrency]
        started = time.perf_counter()
        response = call(client)
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        return elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    for client in clients:
        client.close()
    return Measure(target, server_name, latencies, wall)


def sparql_call(base: str, query: str) -> Callable[[httpx.Client], httpx.Response]:
    """A GET of `query` at `base/sparql`, asking for SPARQL JSON results."""
    return lambda client: client.get(
        base + "/sparql", params={"query": query}, headers={"accept": JSON_RESULTS}
    )


def table(measures: list[Measure]) -> str:
    """The Markdown table of the run."""
    lines = [
        "| target | server | requests | p50 ms | p99 ms | requests/s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for m in measures:
        lines.append(
            f"| {m.target} | {m.server} | {len(m.latencies)} | {m.p50:.1f} | {m.p99:.1f} "
            f"| {m.rate:.1f} |"
        )
    return "\n".join(lines)


def goals(measures: list[Measure]) -> str:
    """Whether each goal holds, with the numbers behind it."""
    by = {(m.target, m.server): m for m in measures}
    floor = by[("/healthz (floor)", "reskg")]
    lines = []
    for target in sorted({m.target for m in measures if m.server == "rdflib-endpoint"}):
        ours, peer = by[(target, "reskg")], by[(target, "rdflib-endpoint")]
        ratio = ours.rate / peer.rate
        mark = "met" if ratio >= 5 else "NOT met"
        lines.append(f"- {target}: {ratio:.1f}x the peer's requests/s (goal >= 5x: {mark})")
    lineage = by[(LINEAGE, "reskg")]
    factor = lineage.p50 / floor.p50
    mark = "met" if factor <= 2 else "NOT met"
    lines.append(f"- {LINEAGE}: p50 {factor:.1f}x the floor's (goal <= 2x: {mark})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> None:
    """Prepare the data, measure both servers in turn, print the table and the goals."""
    store_dir, dump = prepare(args.work, args.versions, args.seed)
    queries = pick_queries(store_dir)
    measures: list[Measure] = []
    with server(["--serve-ours", str(store_dir)], "/healthz", 120) as base:
        measures.append(
            load(
                "/healthz (floor)",
                "reskg",
                lambda c: c.get(base + "/healthz"),
                args.requests,
                args.concurrency,
            )
        )
        for name, query in queries.items():
            call = sparql_call(base, query)
            measures.append(load(name, "reskg", call, args.requests, args.concurrency))
    with server(["--serve-peer", str(dump)], "/sparql", 1800) as base:
        for name, query in queries.items():
            call = sparql_call(base, query)
            measures.append(
                load(name, "rdflib-endpoint", call, args.peer_requests, args.concurrency)
            )
    print(table(measures))
    print()
    print(goals(measures))


def serve_ours(store_dir: str, port: str) -> None:
    """Our service on the built store."""
    import uvicorn

    from app.api.main import create_app
    from app.settings import Settings

    app = create_app(Settings(store_dir=Path(store_dir)))
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")


def serve_peer(dump: str, port: str) -> None:
    """rdflib-endpoint on rdflib's in-memory Dataset, its default graph the union."""
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=True)
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")


def main(argv: list[str]) -> None:
    """Measure, or (called by the script itself) serve one side."""
    if argv[:1] == ["--serve-ours"]:
        serve_ours(argv[1], argv[2])
        return
    if argv[:1] == ["--serve-peer"]:
        serve_peer(argv[1], argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/reskg-bench-endpoint"))
    parser.add_argument("--versions", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=300, help="per target, our server")
    parser.add_argument("--peer-requests", type=int, default=30, help="per query, the peer")
    parser.add_argument("--concurrency", type=int, default=4)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main(sys.argv[1:])
