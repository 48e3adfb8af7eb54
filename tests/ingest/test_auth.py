"""Writes need the configured bearer token; without one they are disabled; reads stay open."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.settings import Settings
from tests.ingest.conftest import AUTH, TOKEN, wtdc_99

TEXT = {"Content-Type": "text/plain"}


@pytest.mark.parametrize("configured", [None, SecretStr("")])
def test_without_a_configured_token_writes_are_disabled(
    store_dir: Path, configured: SecretStr | None
) -> None:
    settings = Settings(store_dir=store_dir, write_token=configured)
    with TestClient(create_app(settings)) as client:
        posted = client.post(
            "/api/documents?name=w.txt", content=wtdc_99(), headers={**TEXT, **AUTH}
        )
        deleted = client.delete("/api/documents/pp18_final_acts_akn/res-140", headers=AUTH)
        listed = client.get("/api/documents")
    assert (posted.status_code, posted.json()) == (
        403, {"detail": "writes are disabled: the service has no RESKG_WRITE_TOKEN"}
    )
    assert deleted.status_code == 403
    assert listed.status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer", f"bearer  {TOKEN[:-1]}"],
)
def test_a_missing_or_wrong_token_is_401_with_a_bearer_challenge(
    client: TestClient, header: str | None
) -> None:
    headers = {**TEXT, **({"Authorization": header} if header else {})}
    posted = client.post("/api/documents?name=w.txt", content=wtdc_99(), headers=headers)
    deleted = client.delete("/api/documents/w", headers=headers)
    for answer in (posted, deleted):
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == 'Bearer realm="reskg"'
        assert answer.json() == {"detail": "a valid bearer token is required to write"}
    assert client.get("/api/documents/w").status_code == 404


def test_the_right_token_writes_and_reads_need_none(client: TestClient) -> None:
    posted = client.post("/api/documents?name=w.txt", content=wtdc_99(), headers={**TEXT, **AUTH})
    lowercase = client.post(
        "/api/documents?name=w.txt", content=wtdc_99(),
        headers={**TEXT, "Authorization": f"bearer {TOKEN}"},
    )
    assert (posted.status_code, lowercase.status_code) == (201, 201)
    assert client.get("/api/documents/w").status_code == 200
    assert client.get("/api/resolutions/pp/140/lineage").status_code == 200
    assert client.delete("/api/documents/w", headers=AUTH).status_code == 200
