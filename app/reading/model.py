"""The document model: what a resolution says, with spans, and no RDF in it.

Every element keeps its character span `[start, end)` in the source file's text (the file decoded
as UTF-8, exactly as stored), so `source_text[start:end]` gives back what was read. For Akoma
Ntoso files the span is over the raw XML text; `text` then holds the unescaped characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ReferenceKind = Literal["resolution", "action-line", "document", "paragraph", "internal"]
ResolutionStatus = Literal["resolved", "ambiguous", "unresolved"]
ClauseKind = Literal["preamble", "operative", "annex", "footnote"]
InstrumentKind = Literal["resolution", "decision", "recommendation", "opinion"]


class ReadError(ValueError):
    """Input that cannot be read as a resolution; the message names file and line."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Reference:
    """One reference found in a clause, resolved as far as the registry allows.

    `kind` says what is referred to. For `resolution`: `body` (`PP`, `WTDC`, `WTSA`, `RA`,
    `Council`, `UNGA`, ...), `number` ("140", "70/125"), `year` of the cited version (None when
    the text names none), `meeting` (registry id, e.g. `PP-10`), `label` as written
    ("Rev. Guadalajara, 2010"), `instrument` kind, `annex` ("2" for "Annex 2 to ...").
    For `action-line` and `document`: `code` ("C5", "C07/21"). For `paragraph`: `instrument`
    (e.g. "Tunis Agenda") and `paragraphs` ("113-118"). `internal` points inside the same text
    ("resolves 2 above"). `status` says whether the target was resolved; `note` why not.
    """

    kind: ReferenceKind
    text: str
    start: int
    end: int
    role: str | None = None
    body: str | None = None
    number: str | None = None
    year: int | None = None
    meeting: str | None = None
    label: str | None = None
    instrument: str | None = None
    annex: str | None = None
    code: str | None = None
    paragraphs: str | None = None
    status: ResolutionStatus = "resolved"
    note: str | None = None


@dataclass(frozen=True)
class Addressee:
    """Who an operative block speaks to: the words, and the registry body they name."""

    text: str
    start: int
    end: int
    body: str | None = None


@dataclass
class Clause:
    """A recital or operative paragraph (or an annex item, or a footnote).

    `clause_id` is stable within its document: `recalling-a`, `considering-further-c`,
    `resolves-1`, `instructs-the-secretary-general-2`, `annex-1-b`, `footnote-1`.
    `role` is the controlled role of its block ("recalling", "considering further",
    "instructs", ...), `heading` the block heading as written, `num` its own label ("a)", "1").
    """

    clause_id: str
    kind: ClauseKind
    role: str | None
    heading: str | None
    num: str | None
    text: str
    start: int
    end: int
    line: int
    addressees: list[Addressee] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


@dataclass
class Document:
    """One resolution, decision or recommendation as read from one source.

    `source_file` is the path relative to the sources folder; `source_id` is unique across the
    sources and safe in an IRI (file stem, plus `/component` for one component of an AKN
    collection). `meeting` is the registry id of the adopting meeting (e.g. `WTDC-14`, `C07`).
    """

    source_file: str
    source_id: str
    instrument: InstrumentKind
    body: str
    number: str
    year: int
    meeting: str
    place: str | None
    label: str
    title: str
    start: int
    end: int
    line: int
    clauses: list[Clause] = field(default_factory=list)

    @property
    def references(self) -> list[Reference]:
        """All references of all clauses, in text order."""
        refs = [r for c in self.clauses for r in c.references]
        return sorted(refs, key=lambda r: (r.start, r.end))
