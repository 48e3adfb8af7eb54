"""The worker process of `app.sparql.executor`: runs queries on a read-only store, one at a time.

Started as `python -m app.sparql.worker FD STORE_DIR`; reads `QueryJob`s from the socket FD and
answers each with `(status, media type or error title, body or detail)`. Queries run on a thread
with a large stack, so big (flat) queries fit; a query that still overflows kills only this
process, which the executor replaces.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection

import pyoxigraph as ox

from app.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS

_STACK_BYTES = 256 * 1024 * 1024
"""The stack of the thread a worker runs queries on: room for large (flat) queries."""

_Outcome = tuple[int, str, bytes]
"""(HTTP status, media type or error title, body or error detail as UTF-8)."""


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker: what to run, over which graphs, answered how."""

    query: str
    media_type: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    required_graphs: tuple[str, ...] = ()
    own_dataset: bool = False
    """The query names its own graphs (FROM, FROM NAMED)."""
    prefixes: tuple[tuple[str, str], ...] = ()
    max_results: int = 10_000


class _TooManyResults(Exception):
    pass


class _LineBudget:
    """A binary writer that keeps what it is given and stops past `max_lines` lines."""

    def __init__(self, max_lines: int) -> None:
        self.data = bytearray()
        self.lines = 0
        self.max_lines = max_lines
        self.exceeded = False

    def write(self, chunk: bytes) -> int:
        self.lines += bytes(chunk).count(b"\n")
        if self.lines > self.max_lines:
            self.exceeded = True
            raise _TooManyResults
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        return None


def _too_many(limit: int, what: str) -> _Outcome:
    detail = f"the answer has more than {limit} {what}; narrow the query or add LIMIT {limit}"
    return 422, "result too large", detail.encode()


def _solutions(result: ox.QuerySolutions, media_type: str, limit: int) -> _Outcome:
    """Serialize through TSV (one line per row) so counting rows can stop the query early."""
    budget = _LineBudget(limit + 1)
    try:
        result.serialize(budget, ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]
    except Exception:
        if budget.exceeded:
            return _too_many(limit, "rows")
        raise
    tsv = bytes(budget.data)
    if media_type == "text/tab-separated-values":
        return 200, media_type, tsv
    parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return 200, media_type, parsed.serialize(format=RESULTS_FORMATS[media_type]) or b""


def _dataset(job: QueryJob) -> dict[str, object]:
    """pyoxigraph's dataset arguments: the protocol's graphs (an empty default graph when only
    named graphs are given), else the query's own FROM / FROM NAMED, else the store's dataset,
    whose default graph is the union of its named graphs (no triple is in two of them)."""
    if job.default_graphs is None and job.named_graphs is None:
        return {} if job.own_dataset else {"use_default_graph_as_union": True}
    return {
        "default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
        "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()],
    }


def answer(store: ox.Store, job: QueryJob) -> _Outcome:
    """Run `job` on `store` and serialize the answer (in the worker process)."""
    missing = [g for g in job.required_graphs if not store.contains_named_graph(ox.NamedNode(g))]
    if missing:
        detail = f"<{missing[0]}> is not a graph of this store, and this endpoint fetches nothing"
        return 400, "unknown graph", detail.encode()
    try:
        result = store.query(job.query, **_dataset(job))  # type: ignore[arg-type]
        if isinstance(result, ox.QueryBoolean):
            if job.media_type not in RESULTS_FORMATS:
                return 406, "not acceptable", b"an ASK query answers with SPARQL results"
            body = result.serialize(format=RESULTS_FORMATS[job.media_type]) or b""
            return 200, job.media_type, body
        if isinstance(result, ox.QuerySolutions):
            if job.media_type not in RESULTS_FORMATS:
                return 406, "not acceptable", b"a SELECT query answers with SPARQL results"
            return _solutions(result, job.media_type, job.max_results)
        if job.media_type not in GRAPH_FORMATS:
            return 406, "not acceptable", b"a CONSTRUCT or DESCRIBE query answers with RDF"
        triples = list(islice(result, job.max_results + 1))
        if len(triples) > job.max_results:
            return _too_many(job.max_results, "triples")
        graph = ox.serialize(
            triples, format=GRAPH_FORMATS[job.media_type], prefixes=dict(job.prefixes)
        )
        return 200, job.media_type, graph or b""
    except SyntaxError as error:
        return 400, "syntax error", str(error).encode()
    except Exception as error:
        return 500, "query failed", f"{type(error).__name__}: {error}".encode()


def _signature(store_dir: str) -> tuple[int, int]:
    """Changes when the store's files do: the newest modification time and the file count.
    A file the writer compacts away between the listing and its stat is left out (the count
    still changes, so the next job reopens the store)."""
    times: list[int] = []
    for entry in os.scandir(store_dir):
        with contextlib.suppress(FileNotFoundError):
            times.append(entry.stat().st_mtime_ns)
    return max(times, default=0), len(times)


def _open(store_dir: str, attempts: int = 5) -> ox.Store:
    """The store, read-only. The writer may be compacting (files vanish under a reader that
    opens at that moment): try again a few times before giving up."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(store_dir)
        except (RuntimeError, OSError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _serve(conn: Connection, store_dir: str) -> None:
    store = _open(store_dir)
    signature = _signature(store_dir)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        current = _signature(store_dir)
        if current != signature:
            # on failure answer from the snapshot held; the next job tries again
            with contextlib.suppress(RuntimeError, OSError):
                store, signature = _open(store_dir), current
        outcome = answer(store, job)
        if outcome[0] == 500 and b"No such file" in outcome[2]:
            # a file of the snapshot was compacted away by the writer: read afresh, once
            store, signature = _open(store_dir), _signature(store_dir)
            outcome = answer(store, job)
        conn.send(outcome)


def main(argv: list[str]) -> None:
    """Serve jobs from the socket given by file descriptor until told to stop."""
    fd, store_dir = int(argv[0]), argv[1]
    conn = Connection(socket.socket(fileno=fd).detach())
    threading.stack_size(_STACK_BYTES)
    thread = threading.Thread(target=_serve, args=(conn, store_dir), name="sparql-worker")
    thread.start()
    thread.join()


if __name__ == "__main__":
    main(sys.argv[1:])
