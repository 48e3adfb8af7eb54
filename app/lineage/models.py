"""The response models of the resolutions API (pydantic, so OpenAPI documents every answer)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class BodySlug(StrEnum):
    """The bodies whose instruments the API serves, as their IRIs spell them: the ITU's
    conferences, assemblies and Council, and the outside bodies whose resolutions ITU texts
    cite."""

    pp = "pp"
    council = "council"
    wtdc = "wtdc"
    wtsa = "wtsa"
    ra = "ra"
    wrc = "wrc"
    wcit = "wcit"
    wtpf = "wtpf"
    unga = "unga"
    unsc = "unsc"
    ecosoc = "ecosoc"
    hrc = "hrc"
    who = "who"


class Span(BaseModel):
    """Characters `[start, end)` of a source file (relative to `data/sources/`)."""

    file: str
    start: int
    end: int


class Cited(BaseModel):
    """One citation a version makes: what it cites, in which role, with the words as written."""

    citation: str = Field(description="IRI of the citation")
    target: str = Field(description="IRI of what is cited: a version, work, document or line")
    kind: str = Field(description="what the target is: resolution-version, resolution, ...")
    body: str | None = None
    number: str | None = None
    year: int | None = None
    label: str | None = None
    role: str | None = Field(None, description="role slug: recalling, instructs, ...")
    text: str
    span: Span


class Citing(BaseModel):
    """A version that cites (a version of) the resolution, in one role."""

    citing: str
    body: str | None = None
    number: str | None = None
    year: int | None = None
    label: str | None = None
    role: str | None = None


class LineageVersion(BaseModel):
    """One version in a lineage."""

    id: str
    label: str | None = Field(None, description='e.g. "Rev. Guadalajara, 2010"')
    year: int
    meeting: str | None = None
    meeting_label: str | None = None
    revises: str | None = Field(None, description="id of the version it revises")
    has_text: bool
    title: str | None = None
    cites: list[Cited]
    cited_by: list[Citing]


class LineageResolution(BaseModel):
    """The work a lineage is about; `cited_by` holds citations of the work without a year."""

    id: str
    kind: str
    body: str
    number: str
    label: str
    title: str | None = None
    cited_by: list[Citing]


class LineageNode(BaseModel):
    """A version or work reached along citations, `distance` citations away."""

    id: str
    kind: str
    body: str | None = None
    number: str | None = None
    year: int | None = None
    label: str | None = None
    distance: int


class LineageEdge(BaseModel):
    """`citing` cites `cited`."""

    citing: str
    cited: str


class Lineage(BaseModel):
    """A resolution's versions in order, their revisions and citations; with `depth` > 0 also the
    transitive ancestry (what is cited) and descendants (what cites), up to `depth` steps."""

    resolution: LineageResolution
    versions: list[LineageVersion]
    depth: int = 0
    ancestors: list[LineageNode] | None = None
    descendants: list[LineageNode] | None = None
    edges: list[LineageEdge] | None = None


class VersionSummary(BaseModel):
    """A version as listed under its work."""

    id: str
    year: int
    label: str | None = None
    meeting: str | None = None
    revises: str | None = None
    has_text: bool
    title: str | None = None
    href: str = Field(description="the API path of this version's document")


class Resolution(BaseModel):
    """A work with its versions."""

    id: str
    kind: str
    body: str
    number: str
    label: str
    title: str | None = None
    versions: list[VersionSummary]
    lineage: str = Field(description="the API path of its lineage")


class ResolutionSummary(BaseModel):
    """A work as listed."""

    id: str
    kind: str
    body: str
    number: str
    label: str
    title: str | None = None
    years: list[int]
    href: str


class ResolutionList(BaseModel):
    """One page of the (filtered) resolutions."""

    items: list[ResolutionSummary]
    total: int
    page: int
    page_size: int
    next: str | None = None
    prev: str | None = None


class Source(BaseModel):
    """The source text a version was read from."""

    id: str
    span: Span


class ClauseOut(BaseModel):
    """A recital, operative paragraph, annex item or footnote."""

    id: str
    kind: str = Field(description="Recital, OperativeParagraph, AnnexItem or Footnote")
    role: str | None = None
    heading: str | None = None
    number: str | None = None
    text: str
    line: int | None = None
    span: Span


class MandateOut(BaseModel):
    """An operative instruction and whom it addresses."""

    id: str
    clause: str
    role: str | None = None
    addressee_text: str
    addressee: str | None = None


class ActionLineOut(BaseModel):
    """A WSIS action line the version mentions."""

    id: str
    notation: str | None = None
    title: str | None = None


class ReferenceOut(BaseModel):
    """A reference read from the text, resolved or not."""

    id: str
    clause: str
    kind: str
    status: str
    note: str | None = None
    target: str | None = None
    target_label: str | None = None
    role: str | None = None
    text: str
    span: Span


class VersionDocument(BaseModel):
    """One version's document: clauses, mandates, action lines and references, with spans."""

    id: str
    resolution: str
    body: str
    number: str
    year: int
    label: str | None = None
    title: str | None = None
    meeting: str | None = None
    meeting_label: str | None = None
    revises: str | None = None
    source: Source | None = None
    clauses: list[ClauseOut]
    mandates: list[MandateOut]
    action_lines: list[ActionLineOut]
    references: list[ReferenceOut]


class Problem(BaseModel):
    """An error answer."""

    detail: str
