"""Writers take turns, readers go on: concurrent ingests of different documents both land, and
readers of a document being replaced in a loop see its old or its new citations, never a part.

The CLI cannot run beside the service on one store directory (RocksDB lets one process open it
for writing), so concurrent writers are threads of the service, serialized by `WRITE_LOCK`."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from app.ingest import stored_sources
from app.settings import Settings
from tests.ingest.conftest import AUTH, named_count, wtdc_99

TEXT = {**AUTH, "Content-Type": "text/plain"}


def other_text(number: int) -> bytes:
    """A second new WTDC text, Resolution `number`, citing PP Resolution 71 (Rev. Busan, 2014)."""
    return (
        f"RESOLUTION {number} (Buenos Aires, 2017)\n\nAnother new text\n\n"
        "The World Telecommunication Development Conference (Buenos Aires, 2017),\n\nrecalling\n\n"
        "a) Resolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference, on the strategic "
        "plan for the Union,\n\nresolves\n\n1 to take the strategic plan into account.\n"
    ).encode()


def test_concurrent_ingests_of_different_documents_both_land(
    client: TestClient, settings: Settings
) -> None:
    bodies = {"wtdc-99.txt": wtdc_99(), **{f"wtdc-{n}.txt": other_text(n) for n in (97, 96, 95)}}
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(
            lambda item: client.post(f"/api/documents?name={item[0]}", content=item[1],
                                     headers=TEXT),
            bodies.items(),
        ))
    assert [a.status_code for a in answers] == [201, 201, 201, 201]
    ids = {d.source_id for d in stored_sources(client.app.state.store, settings)}  # type: ignore[attr-defined]
    assert {"wtdc-99", "wtdc-97", "wtdc-96", "wtdc-95"} <= ids


def test_readers_see_the_old_or_the_new_document_never_a_part(client: TestClient) -> None:
    assert client.post("/api/documents?name=wtdc-99.txt", content=wtdc_99(1),
                       headers=TEXT).status_code == 201
    seen: set[int] = set()
    errors: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.add(named_count(client))
            except AssertionError as error:  # pragma: no cover - reported below
                errors.append(str(error))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        statuses = [
            client.post("/api/documents?name=wtdc-99.txt", content=wtdc_99(k),
                        headers=TEXT).status_code
            for k in (3, 1, 3, 1, 3, 1)
        ]
    finally:
        stop.set()
        for reader in readers:
            reader.join(60)
    assert statuses == [201] * 6
    assert errors == []
    assert seen == {1, 3}
