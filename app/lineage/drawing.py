"""A lineage drawn as SVG on the server: versions on a timeline, revision arrows, the
resolutions it cites (above) and the versions citing it (below), edges coloured by role."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from app.lineage.models import Lineage

ROLE_COLOURS = (
    ("recalling", "#1f77b4"),
    ("considering", "#17becf"),
    ("noting", "#9467bd"),
    ("recognizing", "#8c564b"),
    ("resolves", "#d62728"),
    ("instructs", "#ff7f0e"),
    ("invites", "#2ca02c"),
    ("requests", "#e377c2"),
    ("encourages", "#bcbd22"),
)
"""Role families (a role slug starting with the family's name) and their colours."""
OTHER_COLOUR = "#7f7f7f"

WIDTH = 1000
MARGIN = 70
BOX_W = 132
BOX_H = 34
ROW_GAP = 10
MAX_PER_BAND = 48
INSTRUMENT_KINDS = ("resolution", "decision", "recommendation")


def role_family(role: str | None) -> str:
    """The family a role slug is coloured by (`other` when none matches)."""
    for family, _ in ROLE_COLOURS:
        if role and role.startswith(family):
            return family
    return "other"


def role_colour(role: str | None) -> str:
    """The colour of a role slug's family."""
    return dict(ROLE_COLOURS).get(role_family(role), OTHER_COLOUR)


@dataclass
class Box:
    """A node of the drawing."""

    iri: str
    title: str
    subtitle: str
    year: int | None
    css: str
    roles: list[str] = field(default_factory=list)
    x: float = 0
    y: float = 0


def _short(body: str | None, number: str | None, kind: str) -> str:
    name = (body or "").upper() if body != "council" else "Council"
    word = "Dec." if kind.startswith("decision") else "Res."
    return f"{name} {word} {number or '?'}".strip()


def draw(lineage: Lineage, href: Callable[[str], str]) -> str:
    """The SVG markup of a lineage; `href` maps an IRI to the link of its page."""
    r = lineage.resolution
    versions = [
        Box(
            v.id,
            f"{_short(r.body, r.number, r.kind)}",
            v.label or str(v.year),
            v.year,
            "version" + (" has-text" if v.has_text else ""),
        )
        for v in lineage.versions
    ]
    own = {v.id for v in lineage.versions} | {r.id}
    cited: dict[str, Box] = {}
    citing: dict[str, Box] = {}
    edges: list[tuple[str, str, str | None, str]] = []
    for v in lineage.versions:
        for c in v.cites:
            if not c.kind.startswith(INSTRUMENT_KINDS):
                continue
            edges.append((v.id, c.target, c.role, "cites"))
            if c.target in own:
                continue
            box = cited.setdefault(
                c.target,
                Box(
                    c.target,
                    _short(c.body, c.number, c.kind),
                    str(c.year) if c.year else "any version",
                    c.year,
                    "cited",
                ),
            )
            if c.role and c.role not in box.roles:
                box.roles.append(c.role)
        for by in v.cited_by:
            edges.append((by.citing, v.id, by.role, "cited-by"))
            if by.citing in own:
                continue
            box = citing.setdefault(
                by.citing,
                Box(
                    by.citing,
                    _short(by.body, by.number, "resolution"),
                    str(by.year or ""),
                    by.year,
                    "citing",
                ),
            )
            if by.role and by.role not in box.roles:
                box.roles.append(by.role)
    years = [b.year for b in [*versions, *cited.values(), *citing.values()] if b.year]
    low, high = (min(years), max(years)) if years else (2000, 2020)
    if high == low:
        low, high = low - 1, high + 1

    width = max(WIDTH, len(versions) * (BOX_W + 8) + 2 * MARGIN)

    def x_of(year: int | None) -> float:
        span = width - 2 * MARGIN - BOX_W
        return MARGIN + (span * ((year or high) - low) / (high - low))

    def place(boxes: list[Box], top: float, downwards: bool) -> float:
        """Stack boxes per year column; the height the band takes."""
        columns: dict[int, int] = {}
        rows = 0
        for box in sorted(boxes, key=lambda b: (b.year or high + 1, b.title, b.iri)):
            column = round(x_of(box.year) / (BOX_W + 6))
            row = columns.get(column, 0)
            columns[column] = row + 1
            rows = max(rows, row + 1)
            box.x = column * (BOX_W + 6)
            step = row * (BOX_H + ROW_GAP)
            box.y = top + step if downwards else top - step
        return rows * (BOX_H + ROW_GAP)

    shown_cited = sorted(cited.values(), key=lambda b: (b.year or 0, b.iri))[:MAX_PER_BAND]
    shown_citing = sorted(citing.values(), key=lambda b: (b.year or 0, b.iri))[:MAX_PER_BAND]
    up_rows = max(1, _rows(shown_cited, x_of))
    top_band = 40 + up_rows * (BOX_H + ROW_GAP)
    place(shown_cited, top_band - BOX_H - ROW_GAP, downwards=False)
    version_y = top_band + 70
    for box in versions:
        box.x, box.y = x_of(box.year), version_y
    _spread(versions, width)
    down_height = place(shown_citing, version_y + BOX_H + 80, downwards=True)
    height = version_y + BOX_H + 80 + max(down_height, BOX_H) + 60
    boxes = {b.iri: b for b in [*versions, *shown_cited, *shown_citing]}

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage" viewBox="0 0 {width} '
        f'{height:.0f}" width="{width}" height="{height:.0f}" role="img" '
        f'aria-label="Lineage of {escape(r.label)}">',
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#333"/></marker>',
        "</defs>",
        f'<text x="{MARGIN}" y="20" class="band-label">cites ({len(cited)})</text>',
        f'<text x="{MARGIN}" y="{version_y - 12:.0f}" class="band-label">versions</text>',
        f'<text x="{MARGIN}" y="{version_y + BOX_H + 70:.0f}" class="band-label">'
        f"cited by ({len(citing)})</text>",
    ]
    axis_y = version_y + BOX_H + 24
    out.append(
        f'<line x1="{MARGIN}" y1="{axis_y}" x2="{width - MARGIN}" y2="{axis_y}" '
        'class="axis" stroke="#999"/>'
    )
    for year in sorted({b.year for b in versions if b.year}):
        cx = x_of(year) + BOX_W / 2
        out.append(
            f'<text x="{cx:.0f}" y="{axis_y + 16}" text-anchor="middle" class="tick">{year}</text>'
        )
    for source, target, role, kind in edges:
        a, b = boxes.get(source), boxes.get(target)
        if a is None or b is None:
            continue
        x1, y1, x2, y2 = a.x + BOX_W / 2, a.y, b.x + BOX_W / 2, b.y + BOX_H
        out.append(
            f'<line class="edge {kind} role-{role_family(role)}" x1="{x1:.0f}" y1="{y1:.0f}" '
            f'x2="{x2:.0f}" y2="{y2:.0f}" stroke="{role_colour(role)}" stroke-opacity="0.55" '
            f'marker-end="url(#arrow)"><title>{escape(role or "cites")}</title></line>'
        )
    for v in lineage.versions:
        if v.revises and v.revises in boxes and v.id in boxes:
            a, b = boxes[v.id], boxes[v.revises]
            x1, x2, low_y = a.x + BOX_W / 2, b.x + BOX_W / 2, version_y + BOX_H
            out.append(
                f'<path class="revises" d="M{x1:.0f},{low_y:.0f} C{x1:.0f},{low_y + 22:.0f} '
                f'{x2:.0f},{low_y + 22:.0f} {x2:.0f},{low_y + 2:.0f}" fill="none" '
                'stroke="#333" stroke-width="2" marker-end="url(#arrow)"><title>revises</title>'
                "</path>"
            )
    for box in boxes.values():
        colour = role_colour(box.roles[0]) if box.roles else "#333"
        fill = "#fff8e1" if box.css.startswith("version") else "#ffffff"
        tip = box.iri + (f" — {', '.join(box.roles)}" if box.roles else "")
        out.append(
            f'<a href="{escape(href(box.iri))}" class="node {box.css}" '
            f'data-iri="{escape(box.iri)}"><title>{escape(tip)}</title>'
            f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="5" '
            f'fill="{fill}" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{box.x + BOX_W / 2:.0f}" y="{box.y + 14:.0f}" text-anchor="middle" '
            f'class="node-title">{escape(box.title)}</text>'
            f'<text x="{box.x + BOX_W / 2:.0f}" y="{box.y + 28:.0f}" text-anchor="middle" '
            f'class="node-sub">{escape(_clip(box.subtitle, 24))}</text></a>'
        )
    hidden = len(cited) - len(shown_cited) + len(citing) - len(shown_citing)
    legend_y = height - 24
    x = MARGIN
    for family, colour in (*ROLE_COLOURS, ("other", OTHER_COLOUR)):
        out.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{legend_y}" class="legend">{family}</text>'
        )
        x += 14 + 8 * len(family) + 14
    if hidden:
        out.append(
            f'<text x="{width - MARGIN}" y="{legend_y}" text-anchor="end" '
            f'class="legend">+{hidden} more not drawn</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _rows(boxes: list[Box], x_of: Callable[[int | None], float]) -> int:
    columns: dict[int, int] = {}
    for box in boxes:
        column = round(x_of(box.year) / (BOX_W + 6))
        columns[column] = columns.get(column, 0) + 1
    return max(columns.values(), default=0)


def _spread(boxes: list[Box], width: int) -> None:
    """Push apart version boxes that would overlap on the timeline."""
    boxes.sort(key=lambda b: (b.x, b.iri))
    for before, after in itertools.pairwise(boxes):
        if after.x < before.x + BOX_W + 8:
            after.x = before.x + BOX_W + 8
    overflow = (boxes[-1].x + BOX_W + MARGIN - width) if boxes else 0
    if overflow > 0:
        for box in boxes:
            box.x -= overflow


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
