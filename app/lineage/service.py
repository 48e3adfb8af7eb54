"""Lineage, resolution lists and version documents, read from the store by the query files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from app.iris import IriError, Iris, ParsedIri, body_code, body_slug
from app.lineage.cache import memo
from app.lineage.models import (
    ActionLineOut,
    BodySlug,
    Cited,
    Citing,
    ClauseOut,
    Lineage,
    LineageEdge,
    LineageNode,
    LineageResolution,
    LineageVersion,
    MandateOut,
    ReferenceOut,
    Resolution,
    ResolutionSummary,
    Source,
    Span,
    VersionDocument,
    VersionSummary,
)
from app.lineage.queries import Queries
from app.rdf.work_graphs import instrument_label
from app.store import Row, Store

ROLE_BASE = "https://w3id.org/reskg/role/"
RESKG_BASE = "https://w3id.org/reskg/ontology#"
MAX_DEPTH = 3
"""The deepest `?depth` a lineage walks."""
MAX_NODES = 400
"""The most nodes a lineage walk collects before it stops."""


def role_slug(role: Node | None) -> str | None:
    """`role:considering-further` -> `considering-further`."""
    if role is None:
        return None
    return str(role).removeprefix(ROLE_BASE)


def _str(row: Row, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def _int(row: Row, name: str) -> int | None:
    value = row.get(name)
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def _least(rows: Iterable[Row], name: str) -> str | None:
    values = sorted({str(r[name]) for r in rows if name in r})
    return values[0] if values else None


@dataclass(frozen=True)
class Named:
    """What an IRI minted here names, in the API's words."""

    kind: str
    body: str | None = None
    number: str | None = None
    year: int | None = None


@dataclass
class ResolutionIndex:
    """Every work with its versions and action lines, for filtering the list in memory."""

    works: list[ResolutionSummary]
    years: dict[str, set[int]] = field(default_factory=dict)
    action_lines: dict[str, set[str]] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)


class LineageService:
    """Answers about instruments, from one store, with IRIs of one base."""

    def __init__(self, store: Store, queries: Queries, iris: Iris) -> None:
        self.store = store
        self.queries = queries
        self.iris = iris

    # -- naming ---------------------------------------------------------------------------

    def named(self, iri: str) -> Named:
        """The kind, body slug, number and year an IRI names (kind `other` when not minted)."""
        try:
            parsed: ParsedIri = self.iris.parse(iri)
        except IriError:
            return Named("other")
        if parsed.kind.endswith("-version"):
            body, number, year = parsed.parts
            return Named(parsed.kind, body_slug(body), number, int(year))
        if parsed.kind in ("resolution", "decision", "recommendation"):
            body, number = parsed.parts
            return Named(parsed.kind, body_slug(body), number)
        return Named(parsed.kind)

    def work_iri(self, body: str, number: str, kind: str = "resolution") -> URIRef:
        """The work IRI for a body slug and a number slug (`unga`, `70-125`)."""
        return URIRef(f"{self.iris.base}{kind}/{body}/{number}")

    def exists(self, iri: URIRef) -> bool:
        """Whether the graph says anything about (or links to) `iri`."""
        return bool(self.queries.select(self.store, "resolution-exists", resource=iri))

    # -- lineage --------------------------------------------------------------------------

    def lineage(self, work: URIRef, depth: int = 0) -> Lineage | None:
        """The lineage of a work; None when the graph knows no version of it."""
        rows = self.queries.select(self.store, "lineage-versions", resolution=work)
        if not rows:
            return None
        named = self.named(str(work))
        by_version: dict[str, list[Row]] = {}
        for row in rows:
            by_version.setdefault(str(row["version"]), []).append(row)
        cites = self._cites(work)
        cited_by = self._cited_by(work)
        versions = []
        for vid, vrows in by_version.items():
            versions.append(
                LineageVersion(
                    id=vid,
                    label=_least(vrows, "label"),
                    year=min(_int(r, "year") or 0 for r in vrows),
                    meeting=_least(vrows, "meeting"),
                    meeting_label=_least(vrows, "meetingLabel"),
                    revises=_least(vrows, "revises"),
                    has_text=any("text" in r for r in vrows),
                    title=_least(vrows, "title"),
                    cites=cites.get(vid, []),
                    cited_by=cited_by.get(vid, []),
                )
            )
        versions.sort(key=lambda v: (v.year, v.id))
        titles = [v.title for v in versions if v.title]
        kind = named.kind
        resolution = LineageResolution(
            id=str(work),
            kind=kind,
            body=named.body or "",
            number=named.number or "",
            label=self._work_label(kind, named),
            title=titles[-1] if titles else None,
            cited_by=cited_by.get(str(work), []),
        )
        lineage = Lineage(resolution=resolution, versions=versions, depth=depth)
        if depth > 0:
            self._walk(lineage, min(depth, MAX_DEPTH))
        return lineage

    def _work_label(self, kind: str, named: Named) -> str:
        return instrument_label(kind, body_code(named.body or ""), named.number or "")

    def _cites(self, work: URIRef) -> dict[str, list[Cited]]:
        rows = self.queries.select(self.store, "lineage-cites", resolution=work)
        grouped: dict[str, dict[str, Cited]] = {}
        for row in rows:
            citation = str(row["citation"])
            seen = grouped.setdefault(str(row["citing"]), {})
            label = _str(row, "targetLabel")
            if citation in seen:
                old = seen[citation]
                if label is not None and (old.label is None or label < old.label):
                    seen[citation] = old.model_copy(update={"label": label})
                continue
            target = str(row["target"])
            named = self.named(target)
            seen[citation] = Cited(
                citation=citation,
                target=target,
                kind=named.kind,
                body=named.body,
                number=named.number,
                year=named.year,
                label=label,
                role=role_slug(row.get("role")),
                text=str(row["text"]),
                span=Span(
                    file=str(row["file"]), start=_int(row, "start") or 0, end=_int(row, "end") or 0
                ),
            )
        return {
            vid: sorted(items.values(), key=lambda c: (c.span.file, c.span.start, c.citation))
            for vid, items in grouped.items()
        }

    def _cited_by(self, work: URIRef) -> dict[str, list[Citing]]:
        rows = self.queries.select(self.store, "lineage-cited-by", resolution=work)
        grouped: dict[str, dict[tuple[str, str | None], Citing]] = {}
        for row in rows:
            citing = str(row["citing"])
            role = role_slug(row.get("role"))
            seen = grouped.setdefault(str(row["target"]), {})
            label = _str(row, "citingLabel")
            old = seen.get((citing, role))
            if old is not None:
                if label is not None and (old.label is None or label < old.label):
                    seen[(citing, role)] = old.model_copy(update={"label": label})
                continue
            named = self.named(citing)
            seen[(citing, role)] = Citing(
                citing=citing,
                body=named.body,
                number=named.number,
                year=named.year,
                label=label,
                role=role,
            )

        def order(c: Citing) -> tuple[int, str, str, str]:
            return (c.year or 0, c.body or "", c.number or "", c.role or "")

        return {target: sorted(items.values(), key=order) for target, items in grouped.items()}

    def _neighbours(self, version: str) -> list[Row]:
        return self.queries.select(self.store, "lineage-neighbours", version=URIRef(version))

    def _walk(self, lineage: Lineage, depth: int) -> None:
        """Fill ancestors, descendants and edges by walking citations up to `depth` steps."""
        own = {v.id for v in lineage.versions} | {lineage.resolution.id}
        edges: set[tuple[str, str]] = set()
        found: dict[str, dict[str, tuple[int, str | None]]] = {"cites": {}, "cited-by": {}}
        for direction, nodes in found.items():
            frontier = sorted(v.id for v in lineage.versions)
            for distance in range(1, depth + 1):
                following: list[str] = []
                for current in frontier:
                    for row in self._neighbours(current):
                        if str(row["direction"]) != direction:
                            continue
                        other = str(row["other"])
                        pair = (current, other) if direction == "cites" else (other, current)
                        edges.add(pair)
                        if other in own or other in nodes or len(nodes) >= MAX_NODES:
                            continue
                        nodes[other] = (distance, _str(row, "otherLabel"))
                        if self.named(other).kind.endswith("-version"):
                            following.append(other)
                frontier = sorted(set(following))

        def as_nodes(nodes: dict[str, tuple[int, str | None]]) -> list[LineageNode]:
            out = []
            for iri, (distance, label) in nodes.items():
                named = self.named(iri)
                out.append(
                    LineageNode(
                        id=iri,
                        kind=named.kind,
                        body=named.body,
                        number=named.number,
                        year=named.year,
                        label=label,
                        distance=distance,
                    )
                )
            return sorted(out, key=lambda n: (n.distance, n.year or 0, n.id))

        lineage.ancestors = as_nodes(found["cites"])
        lineage.descendants = as_nodes(found["cited-by"])
        lineage.edges = [LineageEdge(citing=a, cited=b) for a, b in sorted(edges)]

    # -- works and lists ------------------------------------------------------------------

    def resolution(self, work: URIRef, api_base: str) -> Resolution | None:
        """A work with its versions; None when the graph knows no version of it."""
        lineage = self.lineage(work)
        if lineage is None:
            return None
        r = lineage.resolution
        return Resolution(
            id=r.id,
            kind=r.kind,
            body=r.body,
            number=r.number,
            label=r.label,
            title=r.title,
            versions=[
                VersionSummary(
                    id=v.id,
                    year=v.year,
                    label=v.label,
                    meeting=v.meeting,
                    revises=v.revises,
                    has_text=v.has_text,
                    title=v.title,
                    href=f"{api_base}/{r.body}/{r.number}/versions/{v.year}",
                )
                for v in lineage.versions
            ],
            lineage=f"{api_base}/{r.body}/{r.number}/lineage",
        )

    def index(self, api_base: str) -> ResolutionIndex:
        """Every resolution (kind `resolution`) with its years, action lines and searchable text."""
        rows = self.queries.select(self.store, "resolution-list")
        per_work: dict[str, list[Row]] = {}
        for row in rows:
            if str(row["kind"]) == RESKG_BASE + "Resolution":
                per_work.setdefault(str(row["work"]), []).append(row)
        index = ResolutionIndex(works=[])
        for work, wrows in per_work.items():
            named = self.named(work)
            if named.kind != "resolution" or named.body is None or named.number is None:
                continue
            years = {y for r in wrows if (y := _int(r, "year")) is not None}
            titled = sorted((_int(r, "year") or 0, str(r["title"])) for r in wrows if "title" in r)
            summary = ResolutionSummary(
                id=work,
                kind=named.kind,
                body=named.body,
                number=named.number,
                label=_least(wrows, "label") or self._work_label(named.kind, named),
                title=titled[-1][1] if titled else None,
                years=sorted(years),
                href=f"{api_base}/{named.body}/{named.number}",
            )
            index.works.append(summary)
            index.years[work] = years
            words = [summary.label, summary.number, *(t for _, t in titled)]
            words += [str(r["versionLabel"]) for r in wrows if "versionLabel" in r]
            index.text[work] = " ".join(words).casefold()
        for row in self.queries.select(self.store, "resolution-list-action-lines"):
            code = str(row["actionLine"]).rsplit("/", 1)[-1]
            index.action_lines.setdefault(str(row["work"]), set()).add(code)
        index.works.sort(key=_work_order)
        return index

    # -- one version ----------------------------------------------------------------------

    def version_document(self, version: URIRef) -> VersionDocument | None:
        """A version's clauses, mandates, action lines and references; None if unknown."""
        rows = self.queries.select(self.store, "resolution-version", version=version)
        if not rows:
            return None
        named = self.named(str(version))
        source = None
        with_text = sorted((r for r in rows if "text" in r), key=lambda r: str(r["text"]))
        if with_text:
            r = with_text[0]
            source = Source(
                id=str(r["text"]),
                span=Span(
                    file=str(r["file"]), start=_int(r, "start") or 0, end=_int(r, "end") or 0
                ),
            )
        q = self.queries
        clauses = [
            ClauseOut(
                id=str(r["clause"]),
                kind=str(r["kind"]).removeprefix(RESKG_BASE),
                role=role_slug(r.get("role")),
                heading=_str(r, "heading"),
                number=_str(r, "number"),
                text=str(r["text"]),
                line=_int(r, "line"),
                span=Span(
                    file=str(r["file"]), start=_int(r, "start") or 0, end=_int(r, "end") or 0
                ),
            )
            for r in _first_per(
                q.select(self.store, "resolution-version-clauses", version=version), "clause"
            )
        ]
        mandates = [
            MandateOut(
                id=str(r["mandate"]),
                clause=str(r["clause"]),
                role=role_slug(r.get("role")),
                addressee_text=str(r["addresseeText"]),
                addressee=_str(r, "addressee"),
            )
            for r in _first_per(
                q.select(self.store, "resolution-version-mandates", version=version), "mandate"
            )
        ]
        action_lines = [
            ActionLineOut(
                id=str(r["actionLine"]), notation=_str(r, "notation"), title=_str(r, "title")
            )
            for r in _first_per(
                q.select(self.store, "resolution-version-action-lines", version=version),
                "actionLine",
            )
        ]
        references = [
            ReferenceOut(
                id=str(r["citation"]),
                clause=str(r["clause"]),
                kind=str(r["kind"]),
                status=str(r["status"]),
                note=_str(r, "note"),
                target=_str(r, "target"),
                target_label=_str(r, "targetLabel"),
                role=role_slug(r.get("role")),
                text=str(r["text"]),
                span=Span(
                    file=str(r["file"]), start=_int(r, "start") or 0, end=_int(r, "end") or 0
                ),
            )
            for r in _first_per(
                q.select(self.store, "resolution-version-citations", version=version), "citation"
            )
        ]
        return VersionDocument(
            id=str(version),
            resolution=_least(rows, "work") or "",
            body=named.body or "",
            number=named.number or "",
            year=named.year or (_int(rows[0], "year") or 0),
            label=_least(rows, "label"),
            title=_least(rows, "title"),
            meeting=_least(rows, "meeting"),
            meeting_label=_least(rows, "meetingLabel"),
            revises=_least(rows, "revises"),
            source=source,
            clauses=clauses,
            mandates=mandates,
            action_lines=action_lines,
            references=references,
        )


def _first_per(rows: list[Row], key: str) -> list[Row]:
    """The first row for each value of `key`, in query order (rows repeat on extra values)."""
    seen: dict[str, Row] = {}
    for row in rows:
        seen.setdefault(str(row[key]), row)
    return list(seen.values())


_BODY_ORDER = {slug.value: i for i, slug in enumerate(BodySlug)}


def _work_order(work: ResolutionSummary) -> tuple[int, str, int, str]:
    digits = "".join(ch for ch in work.number.split("-")[0] if ch.isdigit())
    return (_BODY_ORDER.get(work.body, 9), work.body, int(digits or 0), work.number)


def cached_index(service: LineageService, api_base: str) -> ResolutionIndex:
    """The service's resolution index, kept for the store's generation."""
    return memo(service.store, ("index", api_base), lambda: service.index(api_base))
