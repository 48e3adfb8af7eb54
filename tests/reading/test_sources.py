"""Dispatch on content and the ReadError of each kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading.model import ReadError
from app.reading.sources import read_source
from app.registry import Registry

ROOT = Path(__file__).parents[2]
REGISTRY = Registry.load(ROOT / "data" / "reference")
SOURCES = ROOT / "data" / "sources"


def test_text_source() -> None:
    [doc] = read_source(SOURCES / "003_f80033ae4421c55d.txt", SOURCES, REGISTRY)
    assert (doc.source_file, doc.source_id, doc.meeting) == (
        "003_f80033ae4421c55d.txt",
        "003_f80033ae4421c55d",
        "WTDC-14",
    )


def test_akn_source() -> None:
    docs = read_source(SOURCES / "pp18_final_acts_akn.xml", SOURCES, REGISTRY)
    assert (len(docs), docs[0].source_id, docs[-1].source_id) == (
        59,
        "pp18_final_acts_akn/dec-5",
        "pp18_final_acts_akn/rec-7",
    )


AKN = '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "latin1.txt",
            "RESOLUTION 1\nline two é\n".encode("latin-1"),
            "sub/latin1.txt:2: not UTF-8: byte 0xe9 at offset 22",
        ),
        ("empty.txt", b" \n\n", "sub/empty.txt: empty: no text to read"),
        (
            "letter.txt",
            b"Dear colleagues,\n",
            "sub/letter.txt:1: not a resolution: expected a first line like 'RESOLUTION 30 "
            "(Rev. Dubai, 2014)' or '**R 1282** Title', found 'Dear colleagues,'",
        ),
        (
            "broken.xml",
            f"<?xml version='1.0'?>\n{AKN}\n<p>open".encode(),
            "sub/broken.xml:3: broken XML: no element found: line 3, column 7",
        ),
        (
            "dtd.xml",
            f'<!DOCTYPE akomaNtoso [<!ENTITY x "y">]>\n{AKN}</akomaNtoso>'.encode(),
            "sub/dtd.xml: refused: the XML has a DTD, which is never read",
        ),
        (
            "other.xml",
            b"<?xml version='1.0'?>\n<html><body/></html>",
            "sub/other.xml:1: not a resolution: XML without an <akomaNtoso> root",
        ),
    ],
)
def test_bad_sources(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / "sub" / name
    path.parent.mkdir()
    path.write_bytes(data)
    with pytest.raises(ReadError) as error:
        read_source(path, tmp_path, REGISTRY)
    assert str(error.value) == message
