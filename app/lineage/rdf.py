"""Lineages and resource descriptions as RDF: JSON-LD with the app's context, Turtle, N-Triples."""

from __future__ import annotations

import json
from typing import Any

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD

from app.lineage.models import Lineage
from app.vocab import RESKG

ROLE_NS = "https://w3id.org/reskg/role/"

CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "reskg": str(RESKG),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "id": "@id",
    "type": "@type",
    "Resolution": "reskg:Resolution",
    "Decision": "reskg:Decision",
    "Recommendation": "reskg:Recommendation",
    "ResolutionVersion": "reskg:ResolutionVersion",
    "Citation": "reskg:Citation",
    "label": "rdfs:label",
    "number": "reskg:number",
    "title": "dcterms:title",
    "adopted_by": {"@id": "reskg:adoptedBy", "@type": "@id"},
    "versions": {"@reverse": "reskg:versionOf"},
    "version_label": "reskg:versionLabel",
    "year": {"@id": "reskg:year", "@type": "xsd:integer"},
    "meeting": {"@id": "reskg:adoptedAt", "@type": "@id"},
    "revises": {"@id": "reskg:revises", "@type": "@id"},
    "text_source": {"@id": "reskg:hasText", "@type": "@id"},
    "cites": {"@reverse": "reskg:citingVersion"},
    "cited_by": {"@reverse": "reskg:target"},
    "citing": {"@id": "reskg:citingVersion", "@type": "@id"},
    "target": {"@id": "reskg:target", "@type": "@id"},
    "role": {"@id": "reskg:role", "@type": "@vocab"},
    "text": "reskg:text",
    "file": "reskg:sourceFile",
    "start": {"@id": "reskg:start", "@type": "xsd:integer"},
    "end": {"@id": "reskg:end", "@type": "xsd:integer"},
    "links_to": {"@id": "reskg:cites", "@type": "@id"},
}
"""The JSON-LD context of the API's RDF answers (served at `/api/resolutions/context.jsonld`).
Role slugs expand against `@vocab`, which the lineage document sets to the role namespace."""


def context_document() -> dict[str, Any]:
    """The context as a JSON-LD document."""
    return {"@context": CONTEXT}


def _kind_type(kind: str) -> str:
    return kind.capitalize() if kind in ("resolution", "decision", "recommendation") else kind


def lineage_jsonld(lineage: Lineage, context: str | dict[str, Any]) -> dict[str, Any]:
    """A lineage as JSON-LD: the work, its versions, their citations both ways.

    `context` is the context's URL (or the context itself, inline). With a depth, the nodes
    reached and the direct citation edges between them come as `@included` nodes.
    """
    r = lineage.resolution
    doc: dict[str, Any] = {
        "@context": [context, {"@vocab": ROLE_NS}],
        "id": r.id,
        "type": _kind_type(r.kind),
        "label": r.label,
        "number": r.number,
        "versions": [],
    }
    if r.title:
        doc["title"] = r.title
    if r.cited_by:
        doc["cited_by"] = [_citing(c.citing, c.role) for c in r.cited_by]
    for v in lineage.versions:
        node: dict[str, Any] = {"id": v.id, "type": "ResolutionVersion", "year": v.year}
        for key, value in (
            ("version_label", v.label),
            ("meeting", v.meeting),
            ("revises", v.revises),
            ("title", v.title),
        ):
            if value is not None:
                node[key] = value
        if v.cites:
            node["cites"] = [
                {
                    "id": c.citation,
                    "type": "Citation",
                    "target": c.target,
                    "text": c.text,
                    "file": c.span.file,
                    "start": c.span.start,
                    "end": c.span.end,
                    **({"role": c.role} if c.role else {}),
                }
                for c in v.cites
            ]
        if v.cited_by:
            node["cited_by"] = [_citing(c.citing, c.role) for c in v.cited_by]
        doc["versions"].append(node)
    if lineage.edges is not None:
        labels = {n.id: n.label for n in [*(lineage.ancestors or []), *(lineage.descendants or [])]}
        out: dict[str, list[str]] = {}
        for edge in lineage.edges:
            out.setdefault(edge.citing, []).append(edge.cited)
        included = []
        for node_id in sorted(set(out) | set(labels)):
            item: dict[str, Any] = {"id": node_id}
            if labels.get(node_id):
                item["label"] = labels[node_id]
            if node_id in out:
                item["links_to"] = sorted(out[node_id])
            included.append(item)
        doc["@included"] = included
    return doc


def _citing(citing: str, role: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "Citation", "citing": citing}
    if role:
        item["role"] = role
    return item


def lineage_graph(lineage: Lineage) -> Graph:
    """A lineage as an rdflib graph (the JSON-LD document, read with its context inline)."""
    graph = Graph()
    bind_prefixes(graph)
    data = json.dumps(lineage_jsonld(lineage, CONTEXT))
    graph.parse(data=data, format="json-ld")
    return graph


def bind_prefixes(graph: Graph) -> None:
    """The prefixes our Turtle uses."""
    graph.bind("reskg", str(RESKG))
    graph.bind("role", ROLE_NS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("skos", SKOS)


def serialize(graph: Graph, fmt: str) -> bytes:
    """`turtle`, `ntriples` or `jsonld` bytes of a graph (JSON-LD compacted with our context)."""
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True).encode()
    if fmt == "ntriples":
        return graph.serialize(format="nt").encode()
    bind_prefixes(graph)
    return graph.serialize(format="turtle").encode()
