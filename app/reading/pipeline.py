"""Read a source file into documents whose clauses carry their resolved references.

The readers give the structure (clauses with spans); the reference extractor runs on each
clause's text; spans are then mapped back onto the source file. In Akoma Ntoso files a clause's
text is unescaped (`&amp;` -> `&`), so offsets are mapped through the escaped source.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

from app.reading.model import Clause, Document, Reference
from app.reading.references import extract_references
from app.reading.resolve import Context
from app.reading.sources import decode, read_source_text, source_name
from app.registry import Registry

_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);")


def unescaped_offsets(raw: str) -> tuple[str, list[int]]:
    """The text of `raw` with XML entities replaced, and each character's index in `raw`.

    The list has one more entry than the text, for the end position.
    """
    text: list[str] = []
    where: list[int] = []
    pos = 0
    for match in _ENTITY.finditer(raw):
        for i in range(pos, match.start()):
            text.append(raw[i])
            where.append(i)
        text.append(html.unescape(match.group(0)))
        where.append(match.start())
        pos = match.end()
    for i in range(pos, len(raw)):
        text.append(raw[i])
        where.append(i)
    where.append(len(raw))
    return "".join(text), where


def _place(refs: list[Reference], clause: Clause, source_text: str) -> list[Reference]:
    """Shift clause-relative reference spans onto the source file."""
    raw = source_text[clause.start : clause.end]
    if raw == clause.text:
        return [
            dataclasses.replace(r, start=r.start + clause.start, end=r.end + clause.start)
            for r in refs
        ]
    text, where = unescaped_offsets(raw)
    if text != clause.text:
        raise ValueError(f"clause {clause.clause_id} does not match its span in the source")
    return [
        dataclasses.replace(r, start=clause.start + where[r.start], end=clause.start + where[r.end])
        for r in refs
    ]


def read_documents(path: Path, sources_root: Path, registry: Registry) -> list[Document]:
    """Every document in `path`, each clause with its references resolved."""
    file = source_name(path, sources_root)
    return read_text_documents(decode(path.read_bytes(), file), file, path.stem, registry)


def read_text_documents(
    source_text: str, file: str, stem: str, registry: Registry
) -> list[Document]:
    """Every document in an already decoded source, references resolved."""
    documents = read_source_text(source_text, file, stem, registry)
    for doc in documents:
        context = Context(
            body=doc.body, meeting=doc.meeting, year=doc.year, instrument=doc.instrument
        )
        for clause in doc.clauses:
            found = extract_references(clause.text, 0, clause.role, context, registry)
            clause.references = _place(found, clause, source_text)
    return documents
