"""One source file -> its documents: Akoma Ntoso XML or plain text/Markdown, decided by content."""

from __future__ import annotations

import re
from pathlib import Path

from app.reading.akn_reader import read_akn
from app.reading.model import Document, ReadError
from app.reading.text_reader import read_text, source_stem
from app.registry import Registry

# An XML file whose root element is akomaNtoso (after declaration, comments, doctype).
_AKN_ROOT = re.compile(r"<(?:[\w.-]+:)?akomaNtoso[\s>/]")


def decode(data: bytes, file: str) -> str:
    """The file's text, strictly UTF-8; a bad byte is reported with its line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ReadError(
            file, line, f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None


def source_name(path: Path, sources_root: Path) -> str:
    """How a file is named in the graph: relative to the sources folder, or as given."""
    try:
        return path.resolve().relative_to(sources_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_source(path: Path, sources_root: Path, registry: Registry) -> list[Document]:
    """Read `path` as an AKN collection or one text resolution."""
    file = source_name(path, sources_root)
    return read_source_text(decode(path.read_bytes(), file), file, path.stem, registry)


def read_source_text(text: str, file: str, stem: str, registry: Registry) -> list[Document]:
    """Read decoded `text` named `file`; `stem` makes the source id of a text resolution."""
    if not text.strip():
        raise ReadError(file, None, "empty: no text to read")
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        if not _AKN_ROOT.search(text[:4096]) and not re.search(r"<!DOCTYPE|<!ENTITY", text[:4096]):
            raise ReadError(file, 1, "not a resolution: XML without an <akomaNtoso> root")
        return read_akn(text, file, registry)
    return [read_text(text, file, source_stem(stem), registry)]
