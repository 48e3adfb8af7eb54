"""Lineage latency against `/healthz`, in one run, over HTTP to uvicorn on 127.0.0.1.

Two datasets: the bundled data, and a synthetic graph of N versions written by
`../shared/bench/gen_texts.py` and built with `app.build.build(settings, paths)`. For each,
the lineages of up to 20 works are asked for in turn (the first ask of each is the cold one,
the rest are served from the per-generation cache), interleaved with `/healthz`, with a bounded
number of requests. Prints a Markdown table; the goal is lineage p50 within 1.5x of /healthz.

    .venv/bin/python benchmarks/bench_lineage.py [--requests 400] [--versions 5000] [--seed 1]
        [--synthetic-store DIR] [--skip-synthetic]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.build import build  # noqa: E402
from app.settings import Settings  # noqa: E402

GENERATOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "gen_texts.py"
"""The generator of synthetic texts, in ../shared beside the project."""
BUNDLED_WORKS = ["pp/140", "wtdc/30", "council/1282", "pp/130", "pp/71", "pp/201"]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def synthetic_data(folder: Path, versions: int, seed: int) -> Path:
    """A data dir whose sources are generated texts and whose reference tables are ours."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(GENERATOR), str(data / "sources"), "--versions", str(versions)]
    subprocess.run([*command, "--seed", str(seed)], check=True, capture_output=True)
    (data / "reference").symlink_to(ROOT / "data" / "reference")
    return data


def serve(store: Path, data: Path | None) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn on 127.0.0.1 serving the app on `store`; the process and its root URL."""
    port = free_port()
    env = {**os.environ, "RESKG_STORE_DIR": str(store), "PYTHONPATH": str(ROOT)}
    if data is not None:
        env["RESKG_DATA_DIR"] = str(data)
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
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("uvicorn did not start")


def timed(client: httpx.Client, path: str) -> float:
    """Milliseconds of one GET (which must succeed)."""
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    return elapsed


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(url: str, works: list[str], requests: int) -> dict[str, list[float]]:
    """Interleaved timings of /healthz and the lineages (cold = first ask of each work)."""
    timings: dict[str, list[float]] = {"/healthz": [], "lineage (cold)": [], "lineage": []}
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(20):
            timed(client, "/healthz")
        for work in works:
            timings["lineage (cold)"].append(timed(client, f"/api/resolutions/{work}/lineage"))
        for index in range(requests):
            work = works[index % len(works)]
            timings["/healthz"].append(timed(client, "/healthz"))
            timings["lineage"].append(timed(client, f"/api/resolutions/{work}/lineage"))
    return timings


def pick_works(url: str, count: int) -> list[str]:
    """Up to `count` works of the first page of the resolution list."""
    items = httpx.get(f"{url}/api/resolutions", timeout=120).json()["items"]
    return [f"{item['body']}/{item['number']}" for item in items[:count]]


def run(
    name: str, store: Path, data: Path | None, works: list[str] | None, requests: int
) -> list[str]:
    """Serve one store, measure, and give its table rows."""
    process, url = serve(store, data)
    try:
        chosen = works or pick_works(url, 20)
        timings = measure(url, chosen, requests)
    finally:
        process.terminate()
        process.wait(timeout=30)
    base = statistics.median(timings["/healthz"])
    rows = []
    for endpoint, values in timings.items():
        p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
        rows.append(
            f"| {name} | {endpoint} | {len(values)} | {p50:.2f} | {p99:.2f} | {p50 / base:.2f}x |"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--versions", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synthetic-store", type=Path, help="reuse a synthetic store built before")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-lineage-") as tmp:
        folder = Path(tmp)
        bundled = Settings(store_dir=folder / "bundled")
        build(bundled)
        rows += run("bundled", bundled.store_dir, None, BUNDLED_WORKS, args.requests)
        if not args.skip_synthetic:
            data = synthetic_data(folder / "synthetic", args.versions, args.seed)
            store = args.synthetic_store
            if store is None or not store.exists():
                settings = Settings(
                    store_dir=store or folder / "synthetic" / "store", data_dir=data
                )
                started = time.perf_counter()
                report = build(settings, sorted(settings.sources_dir.iterdir()))
                print(
                    f"built {report.documents} synthetic documents, {report.triples} quads in "
                    f"{time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                )
                store = settings.store_dir
            rows += run(f"synthetic {args.versions}", store, data, None, args.requests)
    print("| data | endpoint | requests | p50 ms | p99 ms | p50 / healthz p50 |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
