"""The query worker's view of the store's files while the writer compacts them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.sparql import worker


def test_a_file_compacted_away_while_listed_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RocksDB deletes SST files during compaction; one gone between the listing and its stat
    once killed the worker's thread (FileNotFoundError), failing the query it was serving."""
    (tmp_path / "000009.sst").write_bytes(b"a")
    (tmp_path / "000010.sst").write_bytes(b"b")
    os.utime(tmp_path / "000009.sst", ns=(5_000, 5_000))
    os.utime(tmp_path / "000010.sst", ns=(9_000, 9_000))
    assert worker._signature(str(tmp_path)) == (9_000, 2)
    listed = list(os.scandir(tmp_path))
    (tmp_path / "000010.sst").unlink()  # compacted away after the listing
    monkeypatch.setattr(worker.os, "scandir", lambda _: iter(listed))
    assert worker._signature(str(tmp_path)) == (5_000, 1)
