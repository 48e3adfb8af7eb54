"""HTML pages rendered on the server with Jinja2 (no CDN, no script needed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from app.lineage.drawing import ROLE_COLOURS, draw, role_colour, role_family
from app.lineage.models import Lineage, ResolutionList, VersionDocument
from app.lineage.text import clause_texts

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of `app/templates/`."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["role_colour"] = role_colour
    env.filters["role_family"] = role_family
    return env


class Links:
    """Turns graph IRIs into the links of their pages (paths under the site root)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, iri: str | None) -> str:
        if not iri:
            return "#"
        return "/" + iri[len(self.base) :] if iri.startswith(self.base) else iri


def render(template: str, **context: Any) -> str:
    """A template rendered with `context`."""
    return environment().get_template(template).render(roles=ROLE_COLOURS, **context)


def resolution_page(lineage: Lineage, links: Links) -> str:
    """The page of a work: its lineage drawn, then versions and citations listed."""
    svg = Markup(draw(lineage, links))
    return render("resolution.html", lineage=lineage, r=lineage.resolution, svg=svg, link=links)


def version_page(
    doc: VersionDocument, lineage: Lineage | None, sources_dir: Path, links: Links
) -> str:
    """The page of a version: its text with references highlighted and linked."""
    texts = clause_texts(sources_dir, doc.clauses, doc.references)
    addressees: dict[str, list[str]] = {}
    for mandate in doc.mandates:
        addressees.setdefault(mandate.clause, []).append(mandate.addressee_text)
    here = next((v for v in lineage.versions if v.id == doc.id), None) if lineage else None
    return render(
        "version.html",
        doc=doc,
        texts=texts,
        addressees=addressees,
        link=links,
        lineage=lineage,
        here=here,
    )


def results_page(results: ResolutionList, query: Mapping[str, str], links: Links) -> str:
    """The search results (the resolution list as HTML)."""
    return render("results.html", results=results, query=query, link=links)


def home_page(bodies: list[tuple[str, int]], links: Links) -> str:
    """The home page: the search form and the bodies with their resolution counts."""
    return render("home.html", bodies=bodies, link=links, query={})


@dataclass
class Description:
    """A resource as a page shows it: label, types, properties and what links to it."""

    iri: str
    label: str
    kind: str
    types: list[str] = field(default_factory=list)
    properties: list[tuple[str, list[tuple[str, str | None]]]] = field(default_factory=list)
    inward: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


INWARD_HEADINGS = {
    "versionOf": "Versions",
    "adoptedAt": "Versions adopted at this meeting",
    "meetingOf": "Meetings",
    "adoptedBy": "Instruments",
    "revises": "Revised by",
    "cites": "Cited by",
    "mentionsActionLine": "Mentioned by",
    "broader": "Narrower action lines",
}


def _local(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def _label(graph: Graph, node: URIRef) -> str | None:
    for predicate in (RDFS.label, SKOS.prefLabel):
        values = sorted(str(v) for v in graph.objects(node, predicate))
        if values:
            return values[0]
    return None


def describe(graph: Graph, iri: str, kind: str, links: Links) -> Description:
    """The page model of a described resource."""
    node = URIRef(iri)
    desc = Description(iri, _label(graph, node) or iri, kind)
    desc.types = sorted(_local(t) for t in graph.objects(node, RDF.type) if isinstance(t, URIRef))
    props: dict[str, list[tuple[str, str | None]]] = {}
    for predicate, value in sorted(graph.predicate_objects(node)):
        if predicate == RDF.type or not isinstance(predicate, URIRef):
            continue
        if isinstance(value, URIRef):
            shown: tuple[str, str | None] = (_label(graph, value) or str(value), links(str(value)))
        elif isinstance(value, Literal):
            shown = (str(value), None)
        else:
            continue
        props.setdefault(_local(predicate), []).append(shown)
    desc.properties = sorted(props.items())
    inward: dict[str, list[tuple[str, str]]] = {}
    for subject, predicate in graph.subject_predicates(node):
        if isinstance(subject, URIRef) and isinstance(predicate, URIRef) and subject != node:
            name = INWARD_HEADINGS.get(_local(predicate), _local(predicate))
            inward.setdefault(name, []).append(
                (_label(graph, subject) or str(subject), links(str(subject)))
            )
    desc.inward = [(k, sorted(set(v))) for k, v in sorted(inward.items())]
    return desc


def resource_page(desc: Description, links: Links) -> str:
    """The page of a meeting, body, action line or any other described resource."""
    return render("resource.html", d=desc, link=links)


def query_string(query: Mapping[str, str | int | None], **changes: str | int | None) -> str:
    """A query string from `query` with `changes` (None drops a key)."""
    merged = {**query, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})
