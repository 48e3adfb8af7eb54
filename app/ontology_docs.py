"""Human documentation of the ontology: one HTML page made by pyLODE, plus a section of roles.

pyLODE's OntPub profile documents the OWL classes and properties of `reskg.ttl`; it does not
show SKOS concepts, so the role concepts of `roles.ttl` are added as a "Roles" section of their
own. Nothing is fetched and nothing of ours is written to disk (the caller caches the page).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from app.gen_vocab import ROLE_NS, load_ontology

ONTOLOGY_IRI = URIRef("https://w3id.org/reskg/ontology")
ROLE_SCHEME = URIRef(ROLE_NS + "scheme")
_TOP_ORDER = ("preamble", "operative", "annex", "footnote")


@contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Keep pyLODE from configuring the root logger; put its level and handlers back after.

    pyLODE 3.3.4 runs `logging.basicConfig(level=DEBUG)` on import (its supermodel loader) and
    logs through the root logger, which adds a stderr handler when there is none. A
    NullHandler meanwhile makes both of those no-ops.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    root.addHandler(logging.NullHandler())
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _pylode_html(graph: Graph) -> str:
    """pyLODE's OntPub page for `graph` (an in-memory graph: nothing is fetched)."""
    with _root_logging_kept():
        from pylode import OntPub

        return str(OntPub(graph).make_html())


def _owl_part(graph: Graph) -> Graph:
    """The graph without the concept scheme's own description.

    pyLODE takes every owl:Ontology and skos:ConceptScheme as the documented ontology, so the
    scheme would otherwise be merged into the page's title and metadata.
    """
    schemes = {s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if s != ONTOLOGY_IRI}
    part = Graph()
    for prefix, namespace in graph.namespaces():
        part.bind(prefix, namespace, override=True)
    for triple in graph:
        if triple[0] not in schemes:
            part.add(triple)
    return part


def _label(graph: Graph, concept: URIRef) -> str:
    """The concept's preferred label, or its IRI."""
    labels = sorted(str(o) for o in graph.objects(concept, SKOS.prefLabel))
    return labels[0] if labels else str(concept)


def _anchor(concept: URIRef) -> str:
    """The page anchor of a role concept."""
    return "role-" + str(concept).removeprefix(ROLE_NS)


def _top(graph: Graph, concept: URIRef) -> str:
    """The name of the top concept a role falls under (itself when it is one)."""
    seen: set[URIRef] = set()
    todo = [concept]
    while todo:
        current = todo.pop()
        name = str(current).removeprefix(ROLE_NS)
        if name in _TOP_ORDER:
            return name
        seen.add(current)
        todo += [b for b in graph.objects(current, SKOS.broader) if isinstance(b, URIRef)]
        todo = [t for t in todo if t not in seen]
    return ""


def _role_concepts(graph: Graph) -> list[URIRef]:
    """The concepts of the role scheme, grouped by top concept, then by label."""
    concepts = {c for c in graph.subjects(SKOS.inScheme, ROLE_SCHEME) if isinstance(c, URIRef)}

    def key(concept: URIRef) -> tuple[int, int, str]:
        top = _top(graph, concept)
        rank = _TOP_ORDER.index(top) if top in _TOP_ORDER else len(_TOP_ORDER)
        is_top = 0 if str(concept).removeprefix(ROLE_NS) == top else 1
        return rank, is_top, _label(graph, concept)

    return sorted(concepts, key=key)


def _roles_section(graph: Graph) -> tuple[str, str]:
    """The HTML of the "Roles" section and of its table-of-contents entry."""
    concepts = _role_concepts(graph)
    intro = " ".join(escape(str(o)) for o in graph.objects(ROLE_SCHEME, SKOS.definition))
    parts = [
        '<div class="section" id="roles">',
        "<h2>Roles</h2>",
        f"<p>Concept scheme <code>{escape(str(ROLE_SCHEME))}</code>. {intro}</p>",
    ]
    toc = ['<li><h4><a href="#roles">Roles</a></h4><ul class="second">']
    for concept in concepts:
        label = escape(_label(graph, concept))
        rows = [f"<tr><th>IRI</th><td><code>{escape(str(concept))}</code></td></tr>"]
        for definition in sorted(str(o) for o in graph.objects(concept, SKOS.definition)):
            rows.append(f"<tr><th>Definition</th><td><p>{escape(definition)}</p></td></tr>")
        broader = sorted(
            (b for b in graph.objects(concept, SKOS.broader) if isinstance(b, URIRef)),
            key=lambda b: _label(graph, b),
        )
        if broader:
            links = ", ".join(
                f'<a href="#{_anchor(b)}">{escape(_label(graph, b))}</a>' for b in broader
            )
            rows.append(f"<tr><th>Broader</th><td>{links}</td></tr>")
        if (concept, SKOS.topConceptOf, ROLE_SCHEME) in graph:
            rows.append("<tr><th>Top concept</th><td>yes</td></tr>")
        parts.append(
            f'<div class="property entity" id="{_anchor(concept)}"><h3>{label}</h3>'
            f"<table>{''.join(rows)}</table></div>"
        )
        toc.append(f'<li><a href="#{_anchor(concept)}">{label}</a></li>')
    parts.append("</div>")
    toc.append("</ul></li>")
    return "\n".join(parts) + "\n", "".join(toc)


def _insert_before(html: str, pattern: str, fragment: str, fallback: str | None) -> str:
    """Insert `fragment` before the first match of `pattern` (else before `fallback`, if any)."""
    match = re.search(pattern, html)
    at = match.start() if match else (html.rfind(fallback) if fallback else -1)
    return html[:at] + fragment + html[at:] if at >= 0 else html


def render_ontology_html(ontology_dir: Path) -> str:
    """One HTML page documenting `ontology_dir/*.ttl`: classes, properties and roles."""
    graph = load_ontology(ontology_dir)
    html = _pylode_html(_owl_part(graph))
    section, toc_entry = _roles_section(graph)
    html = _insert_before(html, r'<div id="namespaces">', section, "</body>")
    return _insert_before(html, r'<li>\s*<h4>\s*<a href="#namespaces">', toc_entry, None)
