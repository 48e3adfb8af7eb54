"""The embedded default store: Oxigraph (pyoxigraph), persisted to a directory, no server."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from app.store import Row, Store, StoreError, Triple
from app.store.bindings import bind

_OX_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_DATASET_FORMATS = {"nquads", "trig", "jsonld"}
_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store the term {term!r}")


def from_ox(term: object) -> Node:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"cannot read the term {term!r}")


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt(term: Node) -> str:
    """An rdflib term in N-Triples syntax (what `bulk_load` feeds Oxigraph's parser)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise StoreError(f"cannot store the term {term!r}")


def nquads(graphs: Mapping[URIRef, Iterable[Triple]]) -> str:
    """Graphs as N-Quads, each triple in its graph.

    Blank nodes would be relabelled by the parser: `EmbeddedStore.bulk_load` keeps them apart.
    """
    lines: list[str] = []
    for name, triples in graphs.items():
        graph = f" <{name}> .\n"
        lines += [
            f"{f'<{s}>' if type(s) is URIRef else nt(s)} <{p}> "
            f"{f'<{o}>' if type(o) is URIRef else nt(o)}{graph}"
            for s, p, o in triples
        ]
    return "".join(lines)


_DEFAULT = ox.DefaultGraph()


class EmbeddedStore(Store):
    """Oxigraph on disk; `store_dir=None` keeps it in memory (tests, validation).

    Every triple is in one named graph (see `app.rdf.work_graphs`), and queries read the union
    of the named graphs as their default graph; the store's own default graph stays empty.
    """

    def __init__(self, store_dir: Path | None) -> None:
        if store_dir is None:
            self._ox = ox.Store()
        else:
            store_dir.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(store_dir))
            if next(iter(self._ox.quads_for_pattern(None, None, None, _DEFAULT)), None):
                del self._ox
                raise StoreError(
                    f"the store {store_dir} was built by an earlier reskg (its default graph "
                    "holds triples); rebuild it with 'reskg build'"
                )

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for the SPARQL endpoint's serializers."""
        return self._ox

    def bulk_load(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Add many graphs fast, without a transaction: only for a store nobody reads yet."""
        blank: list[ox.Quad] = []  # a parser would relabel blank nodes: keep their labels
        plain: dict[URIRef, list[Triple]] = {}
        for name, triples in graphs.items():
            for s, p, o in triples:
                if isinstance(s, BNode) or isinstance(o, BNode):
                    terms = (to_ox(s), to_ox(p), to_ox(o))
                    blank.append(ox.Quad(*terms, ox.NamedNode(str(name))))  # type: ignore[arg-type]
                else:
                    plain.setdefault(name, []).append((s, p, o))
        self.bulk_load_nquads(nquads(plain))
        if blank:
            self._ox.bulk_extend(blank)
        self._ox.flush()

    def bulk_load_nquads(self, text: str) -> None:
        """Add N-Quads made by `nquads` (Oxigraph's parser is much faster than Python terms).

        Parsed leniently (IRIs not checked again): `nquads` escapes every literal, and every
        IRI is minted and checked by `app.iris` or comes from the ontology's parsed files."""
        if text:
            self._ox.bulk_load(input=text.encode(), format=ox.RdfFormat.N_QUADS, lenient=True)

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        parts = [f"DROP SILENT GRAPH <{name}>" for name in graphs]
        inserts: list[str] = []
        for name, triples in graphs.items():
            body = " .\n".join(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in triples)
            if body:
                inserts.append(f"GRAPH <{name}> {{\n{body} .\n}}")
        if inserts:
            parts.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        if parts:
            self._ox.update(";\n".join(parts))

    def drop_graphs(self, names: Iterable[URIRef]) -> None:
        update = ";\n".join(f"DROP SILENT GRAPH <{name}>" for name in names)
        if update:
            self._ox.update(update)

    def graph_names(self) -> list[URIRef]:
        names = sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))
        return [URIRef(name) for name in names]

    def graph_triples(self, name: URIRef) -> list[Triple]:
        quads = self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads]

    def _query(self, query: str, bindings: Mapping[str, Node] | None) -> object:
        return self._ox.query(bind(query, bindings), use_default_graph_as_union=True)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for solution in result:
            row: Row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def dump(self, fmt: str) -> bytes:
        if fmt not in _OX_FORMATS:
            raise StoreError(f"unknown format {fmt!r}; use one of {', '.join(_OX_FORMATS)}")
        if fmt in _DATASET_FORMATS:
            return ox.serialize(iter(self._ox), format=_OX_FORMATS[fmt]) or b""
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self._ox)
        return ox.serialize(triples, format=_OX_FORMATS[fmt]) or b""

    def is_empty(self) -> bool:
        return next(iter(self._ox.quads_for_pattern(None, None, None)), None) is None

    def __len__(self) -> int:
        return len(self._ox)

    def close(self) -> None:
        self._ox.flush()
        del self._ox
