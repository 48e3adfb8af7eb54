"""A bounded load test: uvicorn on 127.0.0.1, concurrent lineage, named-query and SPARQL readers
while a writer replaces a document in a loop. No request may fail and no answer may come from a
half-written state (the document's citation count is always its old or its new one). The figures
are printed (`pytest -s -m load`)."""

from __future__ import annotations

import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn

from app.api.main import create_app
from app.settings import Settings
from tests.backends.servers import free_port
from tests.ingest.conftest import AUTH, NEW_VERSION, named_count, wtdc_99

DURATION_S = 15.0
READERS = 8
MAX_REQUESTS = 4000
"""The readers stop at this many requests even if time is left."""

SPARQL = (
    "PREFIX reskg: <https://w3id.org/reskg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { "
    f"?c reskg:citingVersion <{NEW_VERSION}> ; reskg:target "
    "<https://w3id.org/reskg/id/resolution/pp/140/2014> }"
)


@pytest.fixture
def served(settings: Settings) -> Iterator[str]:
    """The app on this test's store, served by uvicorn on 127.0.0.1 (stopped afterwards)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning"
    ))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


def _lineage(http: httpx.Client) -> int:
    answer = http.get("/api/resolutions/pp/140/lineage")
    assert answer.status_code == 200, answer.text
    (busan,) = [v for v in answer.json()["versions"] if v["year"] == 2014]
    return len([c for c in busan["cited_by"] if c["citing"] == NEW_VERSION])


def _sparql(http: httpx.Client) -> int:
    answer = http.post("/sparql", data={"query": SPARQL}, headers={"Accept": "text/csv"})
    assert answer.status_code == 200, answer.text
    return int(answer.text.split()[1])


@pytest.mark.load
def test_readers_under_an_ingest_loop_never_fail_nor_see_half_a_document(served: str) -> None:
    with httpx.Client(base_url=served, timeout=60) as http:
        first = http.post("/api/documents?name=wtdc-99.txt", content=wtdc_99(1),
                          headers={**AUTH, "Content-Type": "text/plain"})
        assert first.status_code == 201
    # lineage: versions citing 2014 once per role (always "recalling"); sparql and the named
    # query count citations of PP Resolution 140 (Rev. Busan, 2014): 1 or 3.
    allowed: dict[str, set[int]] = {"lineage": {1}, "sparql": {1, 3}, "named": {1, 3}}
    probes: dict[str, Callable[[httpx.Client], int]] = {
        "lineage": _lineage, "sparql": _sparql, "named": named_count,
    }
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    issued = 0
    lock = threading.Lock()
    stop = threading.Event()
    ingests: list[float] = []

    def reader(index: int) -> None:
        nonlocal issued
        kinds = list(probes)
        with httpx.Client(base_url=served, timeout=60) as http:
            step = index
            while not stop.is_set():
                with lock:
                    if issued >= MAX_REQUESTS:
                        return
                    issued += 1
                kind = kinds[step % len(kinds)]
                step += 1
                start = time.perf_counter()
                try:
                    value = probes[kind](http)
                    if value not in allowed[kind]:
                        failures.append(f"{kind} answered {value}: a half-written state")
                except (AssertionError, httpx.HTTPError) as error:
                    failures.append(f"{kind}: {error}")
                with lock:
                    latencies[kind].append(time.perf_counter() - start)

    def writer() -> None:
        with httpx.Client(base_url=served, timeout=120) as http:
            k = 3
            while not stop.is_set():
                start = time.perf_counter()
                answer = http.post("/api/documents?name=wtdc-99.txt", content=wtdc_99(k),
                                   headers={**AUTH, "Content-Type": "text/plain"})
                if answer.status_code != 201:
                    failures.append(f"ingest: {answer.status_code} {answer.text[:200]}")
                ingests.append(time.perf_counter() - start)
                k = 4 - k

    with ThreadPoolExecutor(READERS + 1) as pool:
        done = [pool.submit(writer), *(pool.submit(reader, i) for i in range(READERS))]
        time.sleep(DURATION_S)
        stop.set()
        for future in done:
            future.result(timeout=180)

    every = sorted(t for times in latencies.values() for t in times)
    print(f"\nload: {len(every)} reads in {DURATION_S:g} s by {READERS} readers, "
          f"{len(failures)} errors, {len(ingests)} ingests "
          f"(median {statistics.median(ingests) * 1000:.0f} ms)")
    for kind, times in [("all", every), *sorted(latencies.items())]:
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f"  {kind:8} n={len(ordered):5}  p50 {statistics.median(ordered) * 1000:7.1f} ms"
              f"  p99 {p99 * 1000:7.1f} ms")
    assert failures == []
    assert len(ingests) >= 3
    assert len(every) >= 100
