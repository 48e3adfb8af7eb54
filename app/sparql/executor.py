"""Time-bounded query execution in worker processes over a read-only view of the store.

pyoxigraph cannot stop a running query, and some queries overflow its stack and kill the
process. So queries never run in the service's process: a small pool of worker processes
(`python -m app.sparql.worker`) each open the store with `pyoxigraph.Store.read_only`
(re-opened when the store's files change) and answer one query at a time. A worker that
overruns `timeout_s` is killed (SIGKILL) and replaced; its request gets a 504. A worker that
dies on a query is replaced; the request gets a 400. Results are capped at `max_results` rows
(or triples): past that the query is stopped and answered with a 422, never truncated.
"""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from app.sparql.errors import SparqlError
from app.sparql.formats import negotiate_answer
from app.sparql.guard import check_query
from app.sparql.worker import QueryJob

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection


class QueryExecutor:
    """A pool of worker processes answering queries over the store in `store_dir`."""

    def __init__(
        self,
        store_dir: Path,
        *,
        workers: int = 2,
        timeout_s: float = 10.0,
        max_results: int = 10_000,
    ) -> None:
        self.store_dir = store_dir
        self.timeout_s = timeout_s
        self.max_results = max_results
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: dict[int, _Worker] = {}
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = socket.socketpair()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p
            ),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "app.sparql.worker", str(child.fileno()), str(self.store_dir)],
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        child.close()
        worker = _Worker(process, Connection(parent.detach()))
        with self._lock:
            self._workers[id(worker)] = worker
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.wait(5)
        worker.conn.close()
        with self._lock:
            self._workers.pop(id(worker), None)
        if not self._closed:
            self._idle.put(self._start())

    def execute(self, job: QueryJob) -> tuple[bytes, str]:
        """The answer's bytes and media type, or a `SparqlError` (timeout, busy, refused)."""
        if self._closed:
            raise SparqlError(503, "service stopping", "the query executor is closed")
        try:
            worker = self._idle.get(timeout=self.timeout_s)
        except queue.Empty:
            raise SparqlError(
                503, "busy", "every query worker is busy; try again", {"Retry-After": "5"}
            ) from None
        try:
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout_s):
                self._discard(worker)
                raise SparqlError(
                    504,
                    "query timed out",
                    f"the query ran longer than {self.timeout_s:g} s and was stopped",
                )
            status, kind, body = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._discard(worker)
            raise SparqlError(
                400,
                "query too complex",
                "the query engine gave up on this query (out of stack or memory); simplify it",
            ) from None
        self._idle.put(worker)
        if status != 200:
            raise SparqlError(status, kind, body.decode("utf-8", "replace"))
        return body, kind

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._workers.values())
            self._workers.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in workers:
            try:
                worker.process.wait(2)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait(2)
            worker.conn.close()


def run_query(
    executor: QueryExecutor,
    query: str,
    accept: str | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
) -> tuple[bytes, str]:
    """Check, negotiate and run one query: `(body, media_type)` or a `SparqlError`.

    `default_graphs` / `named_graphs` (the protocol's `default-graph-uri` / `named-graph-uri`)
    replace the query's FROM / FROM NAMED; without either, the default graph is the union of all
    graphs and every named graph is available. Every graph named must be in the store.
    """
    checked = check_query(query)
    media_type = negotiate_answer(accept, checked.returns_graph)
    protocol = default_graphs is not None or named_graphs is not None
    job = QueryJob(
        query=query,
        media_type=media_type,
        default_graphs=tuple(default_graphs or ()) if protocol else None,
        named_graphs=tuple(named_graphs or ()) if protocol else None,
        required_graphs=(
            *(default_graphs or ()),
            *(named_graphs or ()),
            *checked.from_graphs,
            *checked.from_named_graphs,
        ),
        own_dataset=bool(checked.from_graphs or checked.from_named_graphs),
        prefixes=tuple(checked.prefixes.items()),
        max_results=executor.max_results,
    )
    return executor.execute(job)
