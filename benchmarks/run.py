"""Scale benchmarks in one command: build, correctness, latency, validation, ingest.

    python benchmarks/run.py [--sizes 1000,10000,50000]
        [--backends embedded,virtuoso,oxigraph-server] [--quick] [--requests 300] [--seed 7]
        [--validate-limit-s 600]

For each size N, `../shared/bench/gen_texts.py` writes N+1 synthetic texts (cached under
`benchmarks/out/corpus-N/`); N are built and the last one is held out, to be validated and
ingested as a new document. For each backend it measures:

- build: documents/s and the build process's peak RSS (the build runs in a child process;
  `os.wait4` gives that child's `ru_maxrss`, the figure `getrusage(RUSAGE_CHILDREN)` reports
  for it), and the store's size on disk (embedded);
- correctness: precision and recall of the resolution citations the graph holds (citing
  version -> cited body, number, year) against `truth.json`;
- latency: `/api/resolutions/{body}/{number}/lineage` and three named queries, p50/p99 and
  requests/s, beside `/healthz` in the same run (uvicorn on 127.0.0.1, a bounded number of
  requests from a small thread pool);
- validation of the whole graph and of the held-out document (`app.validation`);
- ingest of the held-out document into a copy of the store (`app.ingest.ingest`: read,
  validate, write), timed inside a child process and with its start-up.

Results go to standard output and `benchmarks/out/results.md`, with the machine. `--quick` is
the smoke run: 1,000 documents on the embedded backend.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out"
GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "gen_texts.py"
"""The generator of synthetic texts, in ../shared beside the project."""
BACKENDS = ("embedded", "virtuoso", "oxigraph-server")
QUERIES = ("instrument-history", "version-citations-by-role", "cited-by-across-versions")
GOALS = {
    "build": "10,000 docs in < 60 s, < 2 GiB",
    "correctness": ">= 0.999",
    "lineage": "p50 <= 2x /healthz p50",
    "ingest": "one document with validation < 2 s",
    "validate-one": "< 2 s",
}
PACKAGES = (
    "pyoxigraph",
    "rdflib",
    "pyshacl",
    "fastapi",
    "starlette",
    "uvicorn",
    "httpx",
    "oxigraph",
)
POOL = 4
"""Threads sending requests at once."""
PHASE_LIMIT_S = 60.0
"""No endpoint is measured for longer than this."""


# ----------------------------------------------------------------------------- results


@dataclass
class Row:
    """One line of the results table."""

    size: int
    backend: str
    what: str
    value: str
    goal: str = ""
    met: bool | None = None

    def markdown(self) -> str:
        mark = "" if self.met is None else ("yes" if self.met else "**no**")
        return (
            f"| {self.size:,} | {self.backend} | {self.what} | {self.value} | {self.goal} | "
            f"{mark} |"
        )


@dataclass
class Results:
    """Rows gathered so far, printed as they come."""

    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(row.markdown(), flush=True)

    def na(self, size: int, backend: str, what: str, reason: str) -> None:
        self.add(Row(size, backend, what, f"n/a ({reason})", GOALS.get(what.split()[0], "")))


# ----------------------------------------------------------------------------- machine


def machine() -> list[str]:
    """The machine and versions, as Markdown bullet points."""
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    virtuoso = shutil.which("virtuoso-t")
    if virtuoso:
        probe = subprocess.run(
            [virtuoso, "-?"], capture_output=True, text=True, timeout=10, check=False
        )
        first = (probe.stdout + probe.stderr).strip().splitlines()
        versions += [
            "virtuoso-t " + line.strip().removeprefix("Version ")
            for line in first[:2]
            if "Version" in line
        ]
    return [
        f"- nproc: {os.cpu_count()}; memory: {memory}; CPU: {cpu}",
        f"- {platform.platform()}; Python {platform.python_version()}",
        f"- packages: {', '.join(versions)}",
    ]


# ----------------------------------------------------------------------------- corpora


@dataclass(frozen=True)
class Corpus:
    """N synthetic texts to build and one held out, with the truth of their citations."""

    size: int
    data: Path
    built: list[Path]
    held_out: Path
    truth: list[dict[str, Any]]


def corpus(size: int, seed: int) -> Corpus:
    """The corpus of `size` (+1 held out) texts, generated once and cached under `OUT`."""
    data = OUT / f"corpus-{size}" / "data"
    sources = data / "sources"
    truth_file = data / "sources.truth.json"
    cached = truth_file.exists() and len(list(sources.glob("*.md"))) == size + 1
    if not cached:
        shutil.rmtree(sources, ignore_errors=True)
        data.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(GENERATOR), str(sources), "--versions", str(size + 1)]
        subprocess.run([*command, "--seed", str(seed)], check=True, capture_output=True)
    reference = data / "reference"
    if not reference.exists():
        reference.symlink_to(ROOT / "data" / "reference")
    truth: list[dict[str, Any]] = json.loads(truth_file.read_text(encoding="utf-8"))
    held = truth[-1]
    return Corpus(
        size=size,
        data=data,
        built=[sources / entry["file"] for entry in truth[:-1]],
        held_out=sources / held["file"],
        truth=truth[:-1],
    )


# ----------------------------------------------------------------------------- backends


@dataclass
class Backend:
    """Where a store lives: environment variables that point `Settings` at it."""

    name: str
    env: dict[str, str]
    stop: Callable[[], None] = lambda: None

    @property
    def embedded(self) -> bool:
        return self.name == "embedded"


def backend_for(name: str, store: Path, folder: Path) -> Backend:
    """The backend `name`, its server started (on 127.0.0.1) in `folder` when it has one."""
    if name == "embedded":
        return Backend(name, {"RESKG_STORE_DIR": str(store)})
    from tests.backends.servers import start_oxigraph, start_virtuoso

    folder.mkdir(parents=True, exist_ok=True)
    if name == "virtuoso":
        if shutil.which("virtuoso-t") is None:
            raise RuntimeError("virtuoso-t is not installed")
        server = start_virtuoso(folder, secrets.token_hex(8))
    else:
        server = start_oxigraph(folder)
    env = {
        "RESKG_BACKEND": "sparql",
        "RESKG_SPARQL_QUERY_URL": server.query_url,
        "RESKG_SPARQL_UPDATE_URL": server.update_url,
        "RESKG_SPARQL_AUTH": server.auth or "none",
        "RESKG_STORE_DIR": str(store),  # unused by the remote store; keeps var/store untouched
    }
    if server.gsp_url:
        env["RESKG_SPARQL_GSP_URL"] = server.gsp_url
    if server.user:
        env["RESKG_SPARQL_USER"] = server.user
    if server.password:
        env["RESKG_SPARQL_PASSWORD"] = server.password
    return Backend(name, env, server.stop)


def settings_for(backend: Backend, data: Path) -> Any:
    """Settings as the child processes see them (from the same variables)."""
    from app.settings import Settings

    saved = dict(os.environ)
    try:
        os.environ.update({**backend.env, "RESKG_DATA_DIR": str(data)})
        return Settings()
    finally:
        os.environ.clear()
        os.environ.update(saved)


# ----------------------------------------------------------------------------- children


@dataclass(frozen=True)
class Child:
    """What a child process printed (JSON) and its peak RSS."""

    output: dict[str, Any]
    wall_s: float
    max_rss_mib: float


def child(mode: str, payload: dict[str, Any], env: dict[str, str], timeout_s: float) -> Child:
    """Run `run.py --child MODE` with `payload` on stdin; its JSON answer and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", mode],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        stdout, stderr = process.communicate(json.dumps(payload).encode(), timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise TimeoutError(f"{mode} took more than {timeout_s:.0f} s") from None
    # communicate() has reaped the child: its rusage is in RUSAGE_CHILDREN (a maximum over
    # every child so far), so the child reports its own peak from inside as well.
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{mode} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    output: dict[str, Any] = json.loads(stdout.decode().strip().splitlines()[-1])
    return Child(output, wall, float(output.get("max_rss_mib", 0.0)))


def _own_max_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_main(mode: str) -> int:
    """The child side: read the payload, do one thing, print one JSON line."""
    payload = json.loads(sys.stdin.read())
    from app.settings import Settings

    settings = Settings()
    answer: dict[str, Any] = {}
    if mode == "build":
        from app.build import build

        started = time.perf_counter()
        built = build(settings, [Path(p) for p in payload["paths"]])
        answer = {
            "seconds": time.perf_counter() - started,
            "documents": built.documents,
            "references": built.references,
            "triples": built.triples,
        }
    elif mode in ("validate-full", "validate-one"):
        from app.registry import Registry
        from app.store import open_store
        from app.validation import candidate_from_paths, validate_candidate, validate_dataset

        store = open_store(settings)
        try:
            if mode == "validate-full":
                started = time.perf_counter()
                report = validate_dataset(store, settings)
                answer = {"seconds": time.perf_counter() - started}
            else:
                registry = Registry.load(settings.reference_dir)
                path = [Path(payload["path"])]
                started = time.perf_counter()
                report = validate_candidate(
                    store, candidate_from_paths(path, settings, registry), settings
                )
                cold = time.perf_counter() - started
                started = time.perf_counter()
                validate_candidate(store, candidate_from_paths(path, settings, registry), settings)
                answer = {"seconds": cold, "warm_seconds": time.perf_counter() - started}
            answer["violations"] = report.count("Violation")
            answer["conforms"] = report.count("Violation") == 0
        finally:
            store.close()
    elif mode == "ingest":
        from app.ingest import SourceInput, ingest
        from app.store import open_store

        path = Path(payload["path"])
        store = open_store(settings)
        try:
            started = time.perf_counter()
            result = ingest(store, settings, [SourceInput(path.name, path.read_bytes())])
            answer = {"seconds": time.perf_counter() - started, "landed": result.landed}
        finally:
            store.close()
    else:
        raise SystemExit(f"unknown child mode {mode}")
    answer["max_rss_mib"] = _own_max_rss_mib()
    print(json.dumps(answer))
    return 0


# ----------------------------------------------------------------------------- correctness


def citations_found(settings: Any) -> Counter[tuple[Any, ...]]:
    """(citing body, number, year, cited body, number, year or None) of every resolved
    resolution citation the store holds."""
    from app.iris import IriError, Iris
    from app.store import open_store

    iris = Iris(settings.base_iri)
    query = """
        PREFIX reskg: <https://w3id.org/reskg/ontology#>
        SELECT ?citing ?target WHERE {
          ?citation a reskg:Citation ; reskg:citingVersion ?citing ; reskg:target ?target ;
                    reskg:referenceKind "resolution" .
        }"""
    found: Counter[tuple[Any, ...]] = Counter()
    store = open_store(settings)
    try:
        rows = store.select(query)
    finally:
        store.close()
    for row in rows:
        try:
            citing = iris.parse(str(row["citing"])).parts
            cited = iris.parse(str(row["target"])).parts
        except IriError:
            continue
        year = int(cited[2]) if len(cited) == 3 else None
        found[(citing[0], citing[1], int(citing[2]), cited[0], cited[1], year)] += 1
    return found


def citations_expected(truth: list[dict[str, Any]]) -> Counter[tuple[Any, ...]]:
    """The same keys from `truth.json`; the cited year only when the text names it (a Council
    resolution cited without "(Modified YYYY)" is the work, not a version; in "Council
    Resolution 2017" the number is no year)."""
    expected: Counter[tuple[Any, ...]] = Counter()
    for entry in truth:
        for cite in entry["cites"]:
            rest = cite["text"].replace(str(cite["number"]), "", 1)
            year = cite["year"] if str(cite["year"]) in rest else None
            key = (entry["body"], str(entry["number"]), entry["year"])
            expected[(*key, cite["body"], str(cite["number"]), year)] += 1
    return expected


def precision_recall(
    found: Counter[tuple[Any, ...]], expected: Counter[tuple[Any, ...]]
) -> tuple[float, float, int, int]:
    """Precision, recall, false positives, false negatives."""
    hits = sum((found & expected).values())
    total_found, total_expected = sum(found.values()), sum(expected.values())
    precision = hits / total_found if total_found else 0.0
    recall = hits / total_expected if total_expected else 0.0
    return precision, recall, total_found - hits, total_expected - hits


# ----------------------------------------------------------------------------- latency


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """uvicorn on 127.0.0.1 serving the app with `env`; its root URL. Stopped on exit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT)}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {process.returncode}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start within 300 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Timing:
    """Latencies (ms) of one endpoint's requests and their throughput."""

    p50: float
    p99: float
    per_s: float
    count: int
    errors: int


def measure(client: httpx.Client, paths: list[str], requests: int) -> Timing:
    """`requests` GETs cycling over `paths`, `POOL` at a time, for at most PHASE_LIMIT_S."""
    deadline = time.monotonic() + PHASE_LIMIT_S

    def one(index: int) -> tuple[float, bool]:
        if time.monotonic() > deadline:
            return -1.0, True
        started = time.perf_counter()
        response = client.get(paths[index % len(paths)])
        return (time.perf_counter() - started) * 1000, response.status_code != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(POOL) as pool:
        results = list(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    latencies = [ms for ms, _ in results if ms >= 0]
    errors = sum(1 for ms, failed in results if failed and ms >= 0)
    if not latencies:
        return Timing(0, 0, 0, 0, errors)
    return Timing(
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        len(latencies) / wall,
        len(latencies),
        errors,
    )


def works_to_ask(truth: list[dict[str, Any]], count: int) -> list[tuple[str, str, int]]:
    """(body slug, number, latest year) of the `count` works with the most versions."""
    versions: dict[tuple[str, str], list[int]] = {}
    for entry in truth:
        versions.setdefault((entry["body"].lower(), str(entry["number"])), []).append(entry["year"])
    ranked = sorted(versions.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(body, number, max(years)) for (body, number), years in ranked[:count]]


def latency_rows(
    results: Results, size: int, backend: Backend, data: Path, corpus: Corpus, requests: int
) -> None:
    """Serve the store, measure /healthz, lineage and the named queries."""
    base = "https://w3id.org/reskg/id/"
    works = works_to_ask(corpus.truth, 20)
    lineage = [f"/api/resolutions/{b}/{n}/lineage" for b, n, _ in works]
    queries = {
        "instrument-history": [
            f"/api/queries/instrument-history?resolution={base}resolution/{b}/{n}"
            for b, n, _ in works
        ],
        "version-citations-by-role": [
            f"/api/queries/version-citations-by-role?version={base}resolution/{b}/{n}/{y}"
            for b, n, y in works
        ],
        "cited-by-across-versions": [
            f"/api/queries/cited-by-across-versions?resolution={base}resolution/{b}/{n}"
            for b, n, _ in works
        ],
    }
    accept = {"Accept": "application/json"}
    with (
        served({**backend.env, "RESKG_DATA_DIR": str(data)}) as url,
        httpx.Client(base_url=url, timeout=60, headers=accept) as c,
    ):
        for path in ["/healthz", *lineage, *(p for ps in queries.values() for p in ps)]:
            c.get(path)  # warm: the first ask of each is the cold one
        healthz = measure(c, ["/healthz"], requests)
        timings = {"/healthz": healthz, "lineage": measure(c, lineage, requests)}
        for name, paths in queries.items():
            if not backend.embedded:
                continue
            timings[f"query {name}"] = measure(c, paths, requests)
    for what, timing in timings.items():
        ratio = timing.p50 / healthz.p50 if healthz.p50 else 0.0
        goal, met = ("", None)
        if what == "lineage":
            goal, met = GOALS["lineage"], ratio <= 2.0
        errors = f", {timing.errors} non-200" if timing.errors else ""
        results.add(
            Row(
                size,
                backend.name,
                f"{what} p50 / p99 ms, req/s",
                f"{timing.p50:.1f} / {timing.p99:.1f} ms, {timing.per_s:.0f}/s "
                f"({timing.count} req{errors}; p50 {ratio:.1f}x /healthz)",
                goal,
                met,
            )
        )
    if not backend.embedded:
        results.na(
            size,
            backend.name,
            "named queries",
            "/api/queries runs on the /sparql executor, which reads the embedded store_dir, "
            "not the SPARQL server",
        )


# ----------------------------------------------------------------------------- one size


def run_size(
    results: Results,
    size: int,
    backend_name: str,
    seed: int,
    requests: int,
    quick: bool,
    validate_limit: float,
) -> None:
    """Everything for one corpus size on one backend."""
    data = corpus(size, seed)
    store = OUT / f"store-{size}-{backend_name}"
    folder = Path(tempfile.mkdtemp(prefix=f"server-{backend_name}-", dir=OUT))
    try:
        backend = backend_for(backend_name, store, folder)
    except Exception as error:
        shutil.rmtree(folder, ignore_errors=True)
        results.na(size, backend_name, "everything", f"backend not available: {error}")
        return
    try:
        _run_on(results, data, backend, store, requests, quick, validate_limit)
    except (RuntimeError, TimeoutError, OSError) as error:  # one backend's failure, reported
        last = str(error).strip().splitlines()[-1] if str(error).strip() else repr(error)
        results.na(size, backend_name, "the rest", f"failed: {last[:300]}")
    finally:
        backend.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _run_on(
    results: Results,
    data: Corpus,
    backend: Backend,
    store: Path,
    requests: int,
    quick: bool,
    validate_limit: float,
) -> None:
    size, name = data.size, backend.name
    env = {**backend.env, "RESKG_DATA_DIR": str(data.data)}
    settings = settings_for(backend, data.data)
    stamp = store / ".built-from"
    fresh = backend.embedded and stamp.exists() and stamp.read_text() == str(size)
    if fresh:
        results.add(Row(size, name, "build", "cached store reused (delete it to re-measure)"))
    else:
        built = child("build", {"paths": [str(p) for p in data.built]}, env, 3600)
        seconds = built.output["seconds"]
        goal_ok = None
        if size == 10_000:
            goal_ok = seconds < 60 and built.max_rss_mib < 2048
        results.add(
            Row(
                size,
                name,
                "build docs/s, time, peak RSS",
                f"{size / seconds:,.0f} docs/s ({seconds:.1f} s build, {built.wall_s:.1f} s "
                f"with start-up), {built.max_rss_mib:,.0f} MiB, "
                f"{built.output['triples']:,} triples",
                GOALS["build"],
                goal_ok,
            )
        )
        if backend.embedded:
            stamp.write_text(str(size))
    if backend.embedded:
        on_disk = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
        results.add(Row(size, name, "store size on disk", f"{on_disk / 2**20:,.0f} MiB"))

    found = citations_found(settings)
    precision, recall, false_pos, false_neg = precision_recall(
        found, citations_expected(data.truth)
    )
    results.add(
        Row(
            size,
            name,
            "citations precision / recall",
            f"{precision:.4f} / {recall:.4f} ({sum(found.values()):,} found, {false_pos} "
            f"false positives, {false_neg} missed)",
            GOALS["correctness"],
            precision >= 0.999 and recall >= 0.999,
        )
    )

    latency_rows(results, size, backend, data.data, data, requests)

    if not backend.embedded:
        results.na(size, name, "validation", "measured on the embedded backend only")
        results.na(size, name, "ingest", "measured on the embedded backend only")
        return
    try:
        one = child("validate-one", {"path": str(data.held_out)}, env, 600)
        seconds = one.output["seconds"]
        results.add(
            Row(
                size,
                name,
                "validate-one new document",
                f"{seconds:.2f} s cold (a new process: reads its neighbourhood), "
                f"{one.output['warm_seconds']:.2f} s warm; "
                f"{one.output['violations']} violations; {one.max_rss_mib:,.0f} MiB",
                GOALS["validate-one"],
                seconds < 2,
            )
        )
    except (RuntimeError, TimeoutError) as error:
        results.na(size, name, "validate-one new document", str(error)[:200])
    full_limit = 300 if quick else validate_limit
    try:
        full = child("validate-full", {}, env, full_limit)
        results.add(
            Row(
                size,
                name,
                "validate full graph",
                f"{full.output['seconds']:.1f} s, {full.output['violations']} violations, "
                f"{full.max_rss_mib:,.0f} MiB",
            )
        )
    except TimeoutError:
        results.na(size, name, "validate full graph", f"over {full_limit} s, stopped")
    except RuntimeError as error:
        results.na(size, name, "validate full graph", str(error)[:200])

    copy = Path(tempfile.mkdtemp(prefix="ingest-", dir=OUT)) / "store"
    try:
        shutil.copytree(store, copy)
        into = {**env, "RESKG_STORE_DIR": str(copy)}
        done = child("ingest", {"path": str(data.held_out)}, into, 600)
        seconds = done.output["seconds"]
        value = (
            f"{seconds:.2f} s (the ingest call: read, validate, write; {done.wall_s:.1f} s with "
            f"the process's start-up), landed: {done.output['landed']}"
        )
        results.add(
            Row(
                size,
                name,
                "ingest one document",
                value,
                GOALS["ingest"],
                bool(done.output["landed"]) and seconds < 2,
            )
        )
    except (RuntimeError, TimeoutError) as error:
        results.na(size, name, "ingest one document", str(error)[:200])
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run every size on every backend, write the table."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="1000,10000")
    options.add_argument("--backends", default="embedded")
    options.add_argument("--quick", action="store_true", help="1,000 documents, embedded only")
    options.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    options.add_argument("--seed", type=int, default=7)
    options.add_argument(
        "--validate-limit-s", type=float, default=600, help="stop a full validation after this"
    )
    options.add_argument("--child", help=argparse.SUPPRESS)
    args = options.parse_args(argv)
    if args.child:
        return child_main(args.child)
    sizes = [1000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",")]
    backends = ["embedded"] if args.quick else args.backends.split(",")
    unknown = set(backends) - set(BACKENDS)
    if unknown:
        options.error(f"unknown backends {sorted(unknown)}; choose from {', '.join(BACKENDS)}")
    requests = min(args.requests, 100) if args.quick else args.requests
    OUT.mkdir(parents=True, exist_ok=True)
    header = [
        "| documents | backend | measure | value | goal | met |",
        "|---:|---|---|---|---|---|",
    ]
    print("\n".join(header), flush=True)
    results = Results()
    started = time.perf_counter()
    for size in sizes:
        for backend in backends:
            run_size(results, size, backend, args.seed, requests, args.quick, args.validate_limit_s)
    lines = [
        f"# reskg benchmarks ({time.strftime('%Y-%m-%d %H:%M')}, "
        f"{time.perf_counter() - started:.0f} s)",
        "",
        *machine(),
        f"- command: `python benchmarks/run.py {' '.join(argv or sys.argv[1:])}`; "
        f"{requests} requests per endpoint, {POOL} threads",
        "",
        *header,
        *(row.markdown() for row in results.rows),
        "",
    ]
    (OUT / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[:5]))
    print(f"written to {OUT / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
