"""The remote store at a scale the bundled data does not reach, in small: more graphs than the
server answers at once, commits of more operations than Virtuoso compiles in one request, more
triples than Virtuoso's transaction log takes in one request, and the clean-up after a failed
write. (A build of 10,000 documents into Virtuoso ran into all three.)"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from app.store import StoreError, Triple
from app.store.remote import RemoteStore
from tests.backends.fixtures import server_for
from tests.backends.servers import VIRTUOSO_SPARQL_DEFAULTS, Server, start_virtuoso

REMOTE = ["oxigraph-server", "virtuoso"]
"""Each SPARQL server: Virtuoso applies an update request in bounded parts, the others whole."""
OPERATIONS = 50
"""`operations_per_request` of the `remote` store."""
ROW_LIMIT = 100
"""`ResultSetMaxRows` of the Virtuoso with small limits (the default is 10,000)."""
LOG_LIMIT = 1_000_000
"""Its `TransactionAfterImageLimit`, in bytes (the default is 50 MB): ADDing 40,000 triples in one
request goes over it (30,000 do not), and so does MOVEing 16,000 onto graphs that hold as many."""


def open_remote(
    server: Server,
    base: str,
    *,
    page_size: int = 5000,
    triples_per_request: int = 1000,
    operations_per_request: int = 100,
) -> RemoteStore:
    """A remote store on `server` under `base`, with the limits given."""
    return RemoteStore(
        server.query_url,
        server.update_url,
        base_iri=base,
        gsp_url=server.gsp_url,
        user=server.user,
        password=server.password,
        auth="digest" if server.auth == "digest" else None,
        page_size=page_size,
        triples_per_request=triples_per_request,
        operations_per_request=operations_per_request,
    )


@pytest.fixture(params=REMOTE)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of each SPARQL server."""
    return str(request.param)


@pytest.fixture
def remote_server(request: pytest.FixtureRequest, backend: str) -> Server:
    """Each SPARQL server."""
    server = server_for(request, backend)
    assert server is not None
    return server


@pytest.fixture
def remote(remote_server: Server, base: str) -> Iterator[RemoteStore]:
    """An empty remote store on each server, with small pages (so that listing the graphs
    takes several) and at most `OPERATIONS` operations a request where that is bounded."""
    store = open_remote(remote_server, base, page_size=40, operations_per_request=OPERATIONS)
    yield store
    store.drop_graphs(store.graph_names())
    store.close()


@pytest.fixture(scope="module")
def small_virtuoso(
    virtuoso_server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A Virtuoso of its own with small limits: `ROW_LIMIT` rows an answer, `LOG_LIMIT` bytes
    of transaction log a request (started after the shared one, which installs Virtuoso or
    skips)."""
    rows = VIRTUOSO_SPARQL_DEFAULTS.replace(
        "ResultSetMaxRows = 10000", f"ResultSetMaxRows = {ROW_LIMIT}"
    )
    assert f"ResultSetMaxRows = {ROW_LIMIT}" in rows
    server = start_virtuoso(
        tmp_path_factory.mktemp("virtuoso-small"),
        secrets.token_hex(8),
        rows,
        f"TransactionAfterImageLimit = {LOG_LIMIT}",
    )
    yield server
    server.stop()


def graphs_of(base: str, count: int, label: str, size: int = 1) -> dict[URIRef, list[Triple]]:
    """`count` graphs, each with `size` triples of its own and one they all share."""
    shared = (URIRef(base + "shared"), RDFS.label, Literal("shared"))
    return {
        URIRef(f"{base}id/{i:04d}"): [
            *(
                (
                    URIRef(f"{base}s/{i}/{j}"),
                    RDFS.label,
                    Literal(f"{label} {i}.{j}" if j else f"{label} {i}"),
                )
                for j in range(size)
            ),
            shared,
        ]
        for i in range(count)
    }


def staging_graphs(store: RemoteStore) -> int:
    """How many graphs the server holds under `store`'s merged graph (its staging graphs)."""
    rows = store._bindings(
        store._query(
            f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER (STRSTARTS(STR(?g), "{store.merged}/")) }}',
            "application/sparql-results+json",
            union=False,
        )
    )
    return int(rows[0]["n"]["value"])


def labels(store: RemoteStore) -> int:
    """How many rdfs:label triples the union holds."""
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{RDFS.label}> ?l }}")
    return int(str(rows[0]["n"]))


def record_updates(store: RemoteStore, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The operations of each update request `store` sends from now on."""
    requests: list[list[str]] = []
    send = store._update

    def recorded(operations: Sequence[str]) -> None:
        if operations:
            requests.append(list(operations))
        send(operations)

    monkeypatch.setattr(store, "_update", recorded)
    return requests


def sizes(requests: Iterable[Sequence[str]]) -> list[int]:
    """The number of operations of each request."""
    return [len(request) for request in requests]


def verbs(requests: Iterable[Sequence[str]]) -> list[str]:
    """The operations of `requests` in order, each by its first word."""
    return [operation.split()[0] for request in requests for operation in request]


def test_more_graphs_than_the_server_answers_at_once(small_virtuoso: Server, base: str) -> None:
    store = open_remote(small_virtuoso, base, page_size=ROW_LIMIT // 2)
    try:
        first = graphs_of(base, ROW_LIMIT + 50, "first")
        store.replace_all(first)
        with pytest.raises(StoreError, match="row limit"):  # what one answer would do
            store.select("SELECT ?s WHERE { ?s ?p ?o }")
        assert store.graph_names() == sorted(first)
        assert not store.is_empty()
        assert len(store) == len(first) + 1  # the shared triple once
        # Again, with some graphs gone: the stale ones are found (more than a page) and dropped.
        second = graphs_of(base, ROW_LIMIT + 20, "second")
        store.replace_all(second)
        assert store.graph_names() == sorted(second)
        assert labels(store) == len(second) + 1
        assert not store.ask('ASK { ?s ?p "first 0" }')
        assert store.ask('ASK { ?s ?p "second 0" }')
        assert staging_graphs(store) == 0
        store.drop_graphs(store.graph_names())
        assert store.is_empty() and len(store) == 0
    finally:
        store.close()


def test_no_request_outgrows_the_transaction_log(
    small_virtuoso: Server, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merged graph of 72,000 triples, built twice (the second time over the first), at most
    10 graphs of 601 triples moved or copied a request, the merged graph dropped alone: Virtuoso
    takes copying it in one request no more than copying the merged graph of 10,000 documents
    with its default limit."""
    store = open_remote(small_virtuoso, base, page_size=ROW_LIMIT // 2, operations_per_request=10)
    graphs = graphs_of(base, 120, "big", size=600)
    try:
        for _ in range(2):
            requests = record_updates(store, monkeypatch)
            store.replace_all(graphs)
            assert sizes(requests) == [1] + [10] * 24
            assert verbs(requests) == ["DROP"] + ["ADD"] * 120 + ["MOVE"] * 120
            monkeypatch.undo()
            assert len(store) == labels(store) == 120 * 600 + 1
            assert staging_graphs(store) == 0
        # What one request copying it does. (Last: this server is discarded after the module.)
        with pytest.raises(StoreError, match="SR325"):
            store._update([f"ADD <{store.merged}> TO <{base}graph/copy>"])
    finally:
        store.close()


def test_a_commit_of_many_operations(
    remote: RemoteStore, backend: str, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four operations a graph: 1,200, beyond the ~800 Virtuoso compiles in one request."""
    assert remote._is_virtuoso() is (backend == "virtuoso")  # told by the server
    graphs = graphs_of(base, 300, "one")
    remote.replace_graphs(graphs)
    requests = record_updates(remote, monkeypatch)
    remote.replace_graphs(graphs_of(base, 300, "two"))
    assert verbs(requests) == ["DELETE", "DROP", "ADD", "MOVE"] * 300
    if backend == "virtuoso":
        assert sizes(requests) == [OPERATIONS] * (4 * 300 // OPERATIONS)
        many = [f"ADD SILENT <{base}none/{i}> TO <{base}none>" for i in range(4 * 300)]
        with pytest.raises(StoreError, match="SQ156"):  # what one request would do
            remote._update(many)
    else:
        assert sizes(requests) == [4 * 300]  # one request: applied atomically
    assert remote.graph_names() == sorted(graphs)
    assert labels(remote) == 300 + 1
    assert not remote.ask('ASK { ?s ?p "one 7" }')
    assert remote.ask('ASK { ?s ?p "two 7" }')
    assert staging_graphs(remote) == 0
    remote.drop_graphs(graphs)
    assert remote.is_empty() and len(remote) == 0


def test_a_build_and_a_repair_of_the_merged_graph(
    remote: RemoteStore, backend: str, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build drops the merged graph, adds each staged graph to it, then moves each one in; a
    repair drops the merged graph and adds each graph to it."""
    graphs = graphs_of(base, 30, "one")
    requests = record_updates(remote, monkeypatch)
    remote.replace_all(graphs)
    assert verbs(requests) == ["DROP"] + ["ADD"] * 30 + ["MOVE"] * 30
    assert sizes(requests) == ([1, 30, 30] if backend == "virtuoso" else [61])
    assert labels(remote) == len(remote) == 30 + 1
    requests.clear()
    remote.rebuild_merged()
    assert verbs(requests) == ["DROP"] + ["ADD"] * 30
    assert sizes(requests) == ([1, 30] if backend == "virtuoso" else [31])
    assert labels(remote) == len(remote) == 30 + 1
    assert remote.graph_names() == sorted(graphs)
    assert staging_graphs(remote) == 0


def test_a_failed_commit_drops_its_staging_graphs(
    remote: RemoteStore, backend: str, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit that fails on the server after the merged graph is filled again, before the
    graphs are moved in: nothing applied where requests are atomic; on Virtuoso the stale
    graphs are gone and the merged graph is new, the others are old until `rebuild_merged`
    makes it their union again. No staging graph is left."""
    before = graphs_of(base, OPERATIONS, "before")
    after = graphs_of(base, 30, "after")  # 20 stale graphs dropped
    remote.replace_all(before)
    refill = remote._refill_merged
    existing = next(iter(after))

    def failing(sources: Iterable[URIRef]) -> tuple[list[str], list[str]]:
        drop, fill = refill(sources)
        return drop, [*fill, f"CREATE GRAPH <{existing}>"]  # not SILENT: fails, as it exists

    monkeypatch.setattr(remote, "_refill_merged", failing)
    with pytest.raises(StoreError, match=r"already exists|contains triples already"):
        remote.replace_all(after)
    monkeypatch.undo()
    assert staging_graphs(remote) == 0
    if backend == "virtuoso":
        assert remote.graph_names() == sorted(after)
        assert labels(remote) == 30 + 1
        assert remote.ask('ASK { ?s ?p "after 1" }')
        assert not remote.ask('ASK { ?s ?p "before 1" }')
        remote.rebuild_merged()
        assert remote.ask('ASK { ?s ?p "before 1" }')
        assert not remote.ask('ASK { ?s ?p "after 1" }')
    else:
        assert remote.graph_names() == sorted(before)
        assert remote.ask('ASK { ?s ?p "before 40" }')
        assert not remote.ask('ASK { ?s ?p "after 1" }')
    assert labels(remote) == len(remote.graph_names()) + 1


def test_a_failed_staging_leaves_nothing_behind(remote: RemoteStore, base: str) -> None:
    """A triple that cannot be stored, in the second graph: the first one, already staged, is
    dropped, and the store is as it was."""
    before = graphs_of(base, 3, "before")
    remote.replace_all(before)
    after = graphs_of(base, 2, "after")
    after[URIRef(base + "id/0001")].append((URIRef("relative"), RDFS.label, Literal("x")))
    with pytest.raises(StoreError, match="not an absolute IRI"):
        remote.replace_all(after)
    assert staging_graphs(remote) == 0
    assert remote.graph_names() == sorted(before)
    assert labels(remote) == 3 + 1 and remote.ask('ASK { ?s ?p "before 2" }')


def test_line_separators_in_literals_survive_chunking(remote_server: Server, base: str) -> None:
    """One triple a request: a literal with U+2028, U+0085, VT and FF is still one line."""
    store = open_remote(remote_server, base, triples_per_request=1)
    text = "a\u2028b\x85c\x0bd\x0ce\u2029f"
    graph = URIRef(base + "graph/text")
    a, b = URIRef(base + "a"), URIRef(base + "b")
    try:
        store.replace_graphs({graph: [(a, RDFS.label, Literal(text)), (b, RDFS.label, a)]})
        assert store.select(f"SELECT ?l WHERE {{ <{a}> ?p ?l }}") == [{"l": Literal(text)}]
        assert len(store) == 2
        store.drop_graphs([graph])
    finally:
        store.close()
