"""`/sparql` on a SPARQL 1.1 server (`RESKG_BACKEND=sparql`): the checked query is forwarded.

The query goes to `sparql_query_url` over the dataset the embedded endpoint offers: the merged
graph (`{base}graph/merged`, each triple once) as `default-graph-uri` and the store's graphs as
`named-graph-uri` (a query with its own `FROM` keeps it; protocol graphs given by the client are
passed on; every graph named must be one of the store's). The server is asked for SPARQL
results XML (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE); pyoxigraph parses the answer as it
streams in and serializes it in the negotiated format, so the answers look as the embedded
backend's do and a result past `max_results` stops the transfer (422) instead of being read to
the end. A server slower than `timeout_s`, in total, is a 504.
"""

from __future__ import annotations

import io
import time
from itertools import islice
from typing import Any

import httpx
import pyoxigraph as ox

from app.settings import Settings
from app.sparql.errors import SparqlError
from app.sparql.executor import QueryExecutor
from app.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS
from app.sparql.worker import QueryJob
from app.store import StoreError, open_store
from app.store.remote import RemoteStore

_XML = "application/sparql-results+xml"
_NT = "application/n-triples"
_BOOLEAN = (
    b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
    b"<head/><boolean>%s</boolean></sparql>"
)


class _Deadline(Exception):
    pass


class _Stream(io.RawIOBase):
    """The body of a streamed response as a raw binary file, given up past a deadline; `data`
    keeps everything read."""

    def __init__(self, response: httpx.Response, deadline: float) -> None:
        super().__init__()
        self._chunks = response.iter_bytes()
        self._pending = b""
        self._deadline = deadline
        self.timed_out = False
        self.data = bytearray()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._pending:
            if time.monotonic() > self._deadline:
                self.timed_out = True
                raise _Deadline
            self._pending = next(self._chunks, b"")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self.data += self._pending[:size]
        self._pending = self._pending[size:]
        return size


class RemoteExecutor(QueryExecutor):
    """Answers the executor's jobs by forwarding them to the store's SPARQL server."""

    def __init__(self, settings: Settings) -> None:
        store = open_store(settings)
        if not isinstance(store, RemoteStore):
            raise StoreError("the remote executor needs RESKG_BACKEND=sparql")
        self.store = store
        self.timeout_s = settings.query_timeout_s
        self.max_results = settings.max_results
        auth: httpx.Auth | None = None
        if settings.sparql_user and settings.sparql_auth != "none":
            password = settings.sparql_password
            secret = password.get_secret_value() if password is not None else ""
            kind = httpx.DigestAuth if settings.sparql_auth == "digest" else httpx.BasicAuth
            auth = kind(settings.sparql_user, secret)
        self._http = httpx.Client(auth=auth, timeout=self.timeout_s)

    def _dataset(self, job: QueryJob) -> dict[str, Any]:
        graphs = {str(g) for g in self.store.graph_names()}
        missing = [g for g in job.required_graphs if g not in graphs]
        if missing:
            raise SparqlError(
                400, "unknown graph",
                f"<{missing[0]}> is not a graph of this store, and this endpoint fetches nothing",
            )
        if job.default_graphs is not None or job.named_graphs is not None:
            return {
                "default-graph-uri": list(job.default_graphs or ()),
                "named-graph-uri": list(job.named_graphs or ()),
            }
        if job.required_graphs:  # the query's own FROM / FROM NAMED
            return {}
        return {"default-graph-uri": [str(self.store.merged)], "named-graph-uri": sorted(graphs)}

    def execute(self, job: QueryJob) -> tuple[bytes, str]:
        """The answer's bytes and media type, or a `SparqlError` (timeout, refused, too large)."""
        try:
            dataset = self._dataset(job)
        except StoreError as error:
            raise SparqlError(502, "SPARQL server unavailable", str(error)) from None
        graph = job.media_type in GRAPH_FORMATS
        deadline = time.monotonic() + self.timeout_s
        try:
            with self._http.stream(
                "POST",
                self.store.query_url,
                data={"query": job.query, **dataset},
                headers={"Accept": _NT if graph else _XML},
            ) as response:
                if response.status_code >= 400:
                    detail = response.read().decode("utf-8", "replace").strip()[:500]
                    raise SparqlError(400, "refused by the SPARQL server", detail)
                stream = _Stream(response, deadline)
                try:
                    return self._convert(job, stream, graph)
                except _Deadline:
                    raise self._timeout() from None
                except (SyntaxError, ValueError, OSError) as error:
                    if stream.timed_out:
                        raise self._timeout() from None
                    raise SparqlError(
                        502, "bad answer from the SPARQL server", str(error)
                    ) from None
        except httpx.TimeoutException:
            raise self._timeout() from None
        except httpx.HTTPError as error:
            raise SparqlError(502, "SPARQL server unavailable", str(error)) from None

    def _timeout(self) -> SparqlError:
        return SparqlError(
            504, "query timed out",
            f"the SPARQL server did not answer within {self.timeout_s:g} s",
        )

    def _too_many(self, what: str) -> SparqlError:
        limit = self.max_results
        return SparqlError(
            422, "result too large",
            f"the answer has more than {limit} {what}; narrow the query or add LIMIT {limit}",
        )

    def _convert(self, job: QueryJob, stream: _Stream, graph: bool) -> tuple[bytes, str]:
        reader = io.BufferedReader(stream)
        if graph:
            triples = list(islice(ox.parse(reader, format=ox.RdfFormat.N_TRIPLES),
                                  self.max_results + 1))
            if len(triples) > self.max_results:
                raise self._too_many("triples")
            body = ox.serialize(
                triples, format=GRAPH_FORMATS[job.media_type], prefixes=dict(job.prefixes)
            )
            return body or b"", job.media_type
        result = ox.parse_query_results(reader, ox.QueryResultsFormat.XML)
        if isinstance(result, ox.QuerySolutions):
            rows = list(islice(result, self.max_results + 1))
            if len(rows) > self.max_results:
                raise self._too_many("rows")
            reader.read()  # the parser saw the end: now `data` is the whole document
            document = bytes(stream.data)
            if [v.value for v in result.variables] == ["__ASK_RETVAL"]:  # Virtuoso's ASK
                true = any(r[0] is not None and r[0].value not in ("0", "false") for r in rows)
                document = _BOOLEAN % (b"true" if true else b"false")
            result = ox.parse_query_results(document, ox.QueryResultsFormat.XML)
        body = result.serialize(format=RESULTS_FORMATS[job.media_type])
        return body or b"", job.media_type

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()
        self.store.close()
