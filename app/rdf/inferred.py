"""Facts settled across all sources at once: labels of versions known only by citation.

A version that no text and no reference row describes is still cited, often in several ways
("Rev. Antalya 2006", "Rev. Antalya, 2006"). It gets one label: the form most citations use,
ties broken alphabetically, so the build stays deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from app.iris import Iris
from app.reading.model import Document
from app.registry import Registry
from app.vocab import RESKG

Triple = tuple[URIRef, URIRef, Literal]


def inferred_triples(documents: Iterable[Document], registry: Registry, iris: Iris) -> list[Triple]:
    """Labels for the cited versions that neither a text nor the registry labels."""
    documents = list(documents)
    labelled = {iris.version(v.body, v.number, v.year) for v in registry.versions}
    labelled |= {iris.version(d.body, d.number, d.year, d.instrument) for d in documents}
    forms: dict[URIRef, Counter[str]] = {}
    names: dict[URIRef, str] = {}
    for doc in documents:
        for ref in doc.references:
            if ref.kind != "resolution" or ref.status != "resolved" or ref.year is None:
                continue
            if not (ref.body and ref.number and ref.label):
                continue
            kind = ref.instrument or "resolution"
            version = iris.version(ref.body, ref.number, ref.year, kind)
            if version in labelled:
                continue
            forms.setdefault(version, Counter())[ref.label] += 1
            names[version] = f"{kind.capitalize()} {ref.number}"
    triples: list[Triple] = []
    for version in sorted(forms):
        label = min(forms[version].items(), key=lambda item: (-item[1], item[0]))[0]
        triples += [
            (version, RESKG.versionLabel, Literal(label)),
            (version, RDFS.label, Literal(f"{names[version]} ({label})")),
        ]
    return triples
