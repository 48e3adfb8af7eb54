"""Media types the endpoint answers in, and content negotiation over them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from app.sparql.errors import SparqlError

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""SELECT and ASK answers, in order of preference (the first is the default)."""

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
"""CONSTRUCT and DESCRIBE answers (and the service description), in order of preference."""

_W3C_FORMATS = "http://www.w3.org/ns/formats/"
FORMAT_IRIS = {
    "application/sparql-results+json": _W3C_FORMATS + "SPARQL_Results_JSON",
    "application/sparql-results+xml": _W3C_FORMATS + "SPARQL_Results_XML",
    "text/csv": _W3C_FORMATS + "SPARQL_Results_CSV",
    "text/tab-separated-values": _W3C_FORMATS + "SPARQL_Results_TSV",
    "text/turtle": _W3C_FORMATS + "Turtle",
    "application/n-triples": _W3C_FORMATS + "N-Triples",
    "application/ld+json": _W3C_FORMATS + "JSON-LD",
    "application/rdf+xml": _W3C_FORMATS + "RDF_XML",
}
"""Each answer format's W3C IRI, for the service description's `sd:resultFormat`."""

RESULTS_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/ld+json",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
}
"""Media types some clients ask for, answered with the canonical type they stand for."""

HTML = "text/html"


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching `offer` (0 if none does)."""
    best: tuple[int, float] = (-1, 0.0)
    kind = offer.split("/")[0]
    for media, quality in ranges:
        if media == offer:
            specificity = 2
        elif media == f"{kind}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, quality)
    return best[1]


def negotiate(
    accept: str | None, offers: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str:
    """The offer (or the offer an alias stands for) `accept` prefers; ties go to offer order.

    No Accept header means the first offer; nothing acceptable is a 406 `SparqlError`.
    """
    choices = list(offers)
    if not accept or not accept.strip():
        return choices[0]
    ranges = _ranges(accept)
    candidates = [(offer, offer) for offer in choices]
    candidates += [(alias, target) for alias, target in (aliases or {}).items()]
    best: tuple[float, int, str] | None = None
    for order, (media, target) in enumerate(candidates):
        quality = _quality(media, ranges)
        if quality > 0 and (best is None or quality > best[0]):
            best = (quality, order, target)
    if best is None:
        raise SparqlError(
            406,
            "not acceptable",
            f"cannot answer in {accept!r}; this answer is available as {', '.join(choices)}",
        )
    return best[2]


def negotiate_answer(accept: str | None, returns_graph: bool) -> str:
    """The media type to answer a query in: RDF for CONSTRUCT/DESCRIBE, results otherwise."""
    if returns_graph:
        return negotiate(accept, GRAPH_FORMATS, GRAPH_ALIASES)
    return negotiate(accept, RESULTS_FORMATS, RESULTS_ALIASES)
