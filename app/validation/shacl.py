"""Run pySHACL over the dataset: the shapes of `shapes/`, the store's union, and candidates.

The shapes graph is parsed once per process (and again only when a file in `shapes/` changes).
The data graph is an in-memory Oxigraph copy of the stored dataset's union, as one set of triples
in the default graph: the store repeats a cited version's identity in every graph that cites it,
and Oxigraph's union view would return each repeat (a popular version, cited by 50 texts, turned
one SPARQL row into 2,500). A candidate's triples are put in (replacing a stored graph of the same
name) and taken out again, so nothing is ever written to the store, and it is validated only at
the nodes it mentions (pySHACL's `focus_nodes` with `use_shapes`), not the whole graph again.

pySHACL settings: `inference="none"` and `advanced=False` (no SHACL-AF: the shapes need only Core
and SHACL-SPARQL constraints, and advanced mode would clone the whole data graph); the data graph
is an Oxigraph store, which pySHACL 0.40 queries natively and, in this mode, never writes to;
`allow_warnings` and `allow_infos` so that `sh:conforms` is false only for Violations.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from pyshacl.graph_abstraction import OxigraphDataGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from app.store import Store, Triple
from app.store.embedded import EmbeddedStore, from_ox, to_ox
from app.validation.report import SHAPES_NS, Report, SourceSpan, report_from_graph
from app.vocab import RESKG


class ValidationError(RuntimeError):
    """Validation could not run (bad shapes, pySHACL failure)."""


def _stamp(shapes_dir: Path) -> tuple[tuple[str, float], ...]:
    return tuple((p.name, p.stat().st_mtime) for p in sorted(shapes_dir.glob("*.ttl")))


@lru_cache(maxsize=4)
def _parse_shapes(shapes_dir: Path, stamp: tuple[tuple[str, float], ...]) -> Graph:
    graph = Graph()
    for name, _ in stamp:
        graph.parse(shapes_dir / name, format="turtle")
    return graph


def load_shapes(shapes_dir: Path) -> Graph:
    """Every `shapes/*.ttl` in one graph, parsed once (until a file changes)."""
    if not shapes_dir.is_dir():
        raise ValidationError(f"no shapes folder at {shapes_dir}")
    return _parse_shapes(shapes_dir, _stamp(shapes_dir))


def shape_iris(shapes: Graph) -> list[URIRef]:
    """The named shapes (IRIs under the shapes namespace), sorted."""
    found = {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(SHAPES_NS)
    }
    return sorted(found)


_DEFAULT = ox.DefaultGraph()


def copy_store(store: Store) -> ox.Store:
    """An in-memory copy of the dataset's union: every triple once, in the default graph."""
    copy = ox.Store()
    if isinstance(store, EmbeddedStore):
        quads = store.oxigraph.quads_for_pattern(None, None, None, None)
    else:
        quads = ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
    copy.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in quads)
    return copy


REACH = 3
"""How many hops from a candidate's nodes the shapes read: C02 goes from a citation to its
target, the target's meeting and that meeting's dates."""
_REVISES = ox.NamedNode(str(RESKG.revises))


def backward(shapes: Graph) -> list[URIRef]:
    """The predicates shapes follow from object to subject (`sh:targetObjectsOf`,
    `sh:inversePath`): a focus node's incoming edges along them decide what is validated."""
    found = {
        o
        for p in (SH.targetObjectsOf, SH.inversePath)
        for o in shapes.objects(None, p)
        if isinstance(o, URIRef)
    }
    return sorted(found)


def neighbourhood(
    store: EmbeddedStore,
    focus: Collection[URIRef],
    whole: Iterable[URIRef],
    incoming: Iterable[URIRef] = (),
) -> ox.Store:
    """An in-memory copy of what validating `focus` can read, not of the whole store.

    That is the graphs `whole` (the ontology and the reference data: classes, roles, meetings),
    the focus nodes' incoming edges along `incoming` (see `backward`), every triple up to `REACH`
    hops forward of a focus node, and the revision chains through the nodes reached, both ways
    (R03 follows `revises+`). No shape looks further, so the results at `focus` are those a copy
    of the whole store gives (tests/shapes/test_neighbourhood.py compares the two).
    """
    source = store.oxigraph
    found: set[ox.Quad] = set()  # as stored, in their named graphs
    for name in whole:
        found.update(source.quads_for_pattern(None, None, None, ox.NamedNode(str(name))))
    seen: set[ox.NamedNode] = set()
    frontier = {ox.NamedNode(str(node)) for node in focus}
    for predicate in (ox.NamedNode(str(p)) for p in incoming):
        for node in frontier:
            found.update(source.quads_for_pattern(None, predicate, node, None))
    for _ in range(REACH):
        ahead: set[ox.NamedNode] = set()
        for node in frontier - seen:
            seen.add(node)
            for quad in source.quads_for_pattern(node, None, None, None):
                found.add(quad)
                if isinstance(quad.object, ox.NamedNode):
                    ahead.add(quad.object)
        frontier = ahead
    links: dict[object, list[ox.Quad]] = {}  # every revision link, by both its ends
    for quad in source.quads_for_pattern(None, _REVISES, None, None):
        links.setdefault(quad.subject, []).append(quad)
        links.setdefault(quad.object, []).append(quad)
    chain = [node for node in seen | frontier if node in links]
    linked: set[object] = set(seen | frontier)
    while chain:
        for quad in links.get(chain.pop(), ()):
            found.add(quad)
            for end in (quad.subject, quad.object):
                if isinstance(end, ox.NamedNode) and end not in linked:
                    linked.add(end)
                    chain.append(end)
                    found.update(source.quads_for_pattern(end, None, None, None))
    data = ox.Store()
    data.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, _DEFAULT) for q in found)
    return data


def _quad(triple: Triple) -> ox.Quad:
    s, p, o = triple
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), _DEFAULT)  # type: ignore[arg-type]


def graphs_store(graphs: Mapping[URIRef, Iterable[Triple]]) -> ox.Store:
    """An in-memory union of `graphs`, as `copy_store` makes it (tests, examples)."""
    store = ox.Store()
    store.bulk_extend(_quad(t) for triples in graphs.values() for t in triples)
    return store


class _DataGraph(OxigraphDataGraph):
    """pySHACL's Oxigraph data graph over the default graph only, and always true.

    The copy holds the union in its default graph, so the union view is never wanted. And
    pySHACL 0.40 writes `datagraph or shapes` for every result, which calls `len()`: on an
    Oxigraph store a COUNT over the whole dataset, 0.5 s per result on the bundled data.
    """

    @property
    def default_union(self) -> bool:
        return False

    @default_union.setter
    def default_union(self, value: bool) -> None:
        pass

    def __bool__(self) -> bool:
        return True


_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_MATCH = {
    SH.targetClass: "?node rdf:type/rdfs:subClassOf* <%s>",
    SH.targetSubjectsOf: "?node <%s> ?any",
    SH.targetObjectsOf: "?any <%s> ?node",
    SH.targetNode: "FILTER (?node = <%s>)",
}
Target = tuple[tuple[URIRef, URIRef], ...]


def target_groups(shapes: Graph) -> dict[Target, list[URIRef]]:
    """The named shapes grouped by their target declarations (Core targets only)."""
    groups: dict[Target, list[URIRef]] = {}
    for shape in shape_iris(shapes):
        target = tuple(
            sorted(
                (kind, value)
                for kind in _TARGETS
                for value in shapes.objects(shape, kind)
                if isinstance(value, URIRef)
            )
        )
        groups.setdefault(target, []).append(shape)
    return groups


def targeted(data: ox.Store, target: Target, nodes: Collection[URIRef]) -> list[URIRef]:
    """Which of `nodes` the target declarations select in `data`."""
    if not target or not nodes:
        return []
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    union = " UNION ".join("{ %s }" % (_MATCH[kind] % value) for kind, value in target)
    query = (
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"SELECT DISTINCT ?node WHERE {{ VALUES ?node {{ {values} }} {union} }}"
    )
    rows = data.query(query)
    return sorted(URIRef(row["node"].value) for row in rows)  # type: ignore[union-attr]


def _pyshacl(
    data: ox.Store,
    shapes: Graph,
    use_shapes: list[str | URIRef] | None = None,
    focus_nodes: list[str | URIRef] | None = None,
) -> Graph:
    try:
        _, report, _ = pyshacl_validate(
            _DataGraph(data),
            shacl_graph=shapes,
            inference="none",
            advanced=False,
            allow_warnings=True,
            allow_infos=True,
            use_shapes=use_shapes,
            focus_nodes=focus_nodes,
        )
    except Exception as error:  # pySHACL raises plain RuntimeErrors for broken shapes
        raise ValidationError(f"SHACL validation failed: {error}") from error
    if not isinstance(report, Graph):
        raise ValidationError(f"SHACL validation failed: {report}")
    return report


def run_shacl(data: ox.Store, shapes: Graph, focus: Collection[URIRef] | None = None) -> Graph:
    """pySHACL's report graph for `data` (the union of its graphs), at `focus` nodes if given.

    With `focus`, each group of shapes sharing targets gets only the focus nodes its targets
    select (pySHACL's `use_shapes` + `focus_nodes` mode): with `focus_nodes` alone pySHACL still
    collects every shape's full target set before filtering it, which grows with the graph.
    """
    if focus is None:
        return _pyshacl(data, shapes)
    reports = []
    for target, group in target_groups(shapes).items():
        nodes = targeted(data, target, focus)
        if nodes:
            reports.append(_pyshacl(data, shapes, use_shapes=list(group), focus_nodes=list(nodes)))
    return merge_reports(reports)


def merge_reports(reports: Iterable[Graph]) -> Graph:
    """One SHACL report graph with the results of several."""
    merged = _empty_report()
    top = next(merged.subjects(RDF.type, SH.ValidationReport))
    conforms = True
    for report in reports:
        tops = set(report.subjects(RDF.type, SH.ValidationReport))
        for node in tops:
            conforms = conforms and report.value(node, SH.conforms) != Literal(False)
            for result in report.objects(node, SH.result):
                merged.add((top, SH.result, result))
        for triple in report:
            if triple[0] not in tops:
                merged.add(triple)
    merged.set((top, SH.conforms, Literal(conforms)))
    return merged


def _empty_report() -> Graph:
    graph = Graph(bind_namespaces="core")
    graph.bind("sh", SH)
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(True)))
    return graph


_LOCATE = """
PREFIX reskg: <https://w3id.org/reskg/ontology#>
SELECT ?node ?rank ?file ?line ?start ?end WHERE {
    VALUES ?node { %s }
    {
        ?node reskg:sourceFile ?file .
        OPTIONAL { ?node reskg:start ?start }
        OPTIONAL { ?node reskg:end ?end }
        OPTIONAL { ?node reskg:line ?own }
        OPTIONAL { ?node reskg:inClause/reskg:line ?clauseLine }
        BIND (COALESCE(?own, ?clauseLine) AS ?line)
        BIND (0 AS ?rank)
    } UNION {
        ?node reskg:hasText ?text .
        ?text reskg:sourceFile ?file .
        OPTIONAL { ?text reskg:start ?start }
        OPTIONAL { ?text reskg:end ?end }
        OPTIONAL { ?text reskg:line ?line }
        BIND (1 AS ?rank)
    }
}
"""


def _int(term: object) -> int | None:
    return int(term.value) if isinstance(term, ox.Literal) else None


def locate(
    data: ox.Store,
    nodes: Iterable[Node],
    prefer: Collection[str] = (),
    mentioned: Mapping[Node, str] | None = None,
) -> dict[Node, SourceSpan]:
    """Where each node was read: its own span, its clause's line, or its version's text.

    A version with several texts points to a file in `prefer` first (the candidate's). Nodes
    with no span fall back to the input file that `mentioned` them (RDF inputs).
    """
    iris = sorted({n for n in nodes if isinstance(n, URIRef)})
    best: dict[Node, tuple[tuple[bool, int, str], SourceSpan]] = {}
    for chunk in range(0, len(iris), 500):
        values = " ".join(f"<{iri}>" for iri in iris[chunk : chunk + 500])
        rows = data.query(_LOCATE % values)
        for row in rows:  # type: ignore[union-attr]
            node = from_ox(row["node"])
            file = str(row["file"].value)
            span = SourceSpan(file, _int(row["line"]), _int(row["start"]), _int(row["end"]))
            key = (file not in prefer, _int(row["rank"]) or 0, file)
            if node not in best or key < best[node][0]:
                best[node] = (key, span)
    found: dict[Node, SourceSpan] = {node: span for node, (_, span) in best.items()}
    for node, file in (mentioned or {}).items():
        found.setdefault(node, SourceSpan(file))
    return found


def validate_store(
    data: ox.Store,
    shapes: Graph,
    focus: Collection[URIRef] | None = None,
    prefer: Collection[str] = (),
    mentioned: Mapping[Node, str] | None = None,
) -> Report:
    """Validate `data` (at `focus` if given) and locate every result in the texts."""
    graph = run_shacl(data, shapes, focus)
    return report_from_graph(graph, lambda nodes: locate(data, nodes, prefer, mentioned))


@dataclass
class Candidate:
    """Graphs read from inputs as if they were being added, and where they came from.

    `graphs` replace stored graphs of the same name (a source text read again); `settled` are
    what the works' graphs would say about what the inputs mention (identity, labels, revision
    links), added to the stored facts, labels only where a version has none yet.
    """

    graphs: dict[URIRef, list[Triple]] = field(default_factory=dict)
    settled: list[Triple] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    mentioned: dict[Node, str] = field(default_factory=dict)

    def focus(self) -> set[URIRef]:
        """Every IRI the candidate's triples mention: the nodes whose validity it can change."""
        nodes: set[URIRef] = set()
        for triples in (*self.graphs.values(), self.settled):
            for s, _, o in triples:
                if isinstance(s, URIRef):
                    nodes.add(s)
                if isinstance(o, URIRef):
                    nodes.add(o)
        return nodes


_LABELS = (RESKG.versionLabel, RDFS.label)


def _labelled(data: ox.Store, node: Node) -> bool:
    pattern = data.quads_for_pattern(to_ox(node), to_ox(RESKG.versionLabel), None, _DEFAULT)  # type: ignore[arg-type]
    return next(iter(pattern), None) is not None


_ELSEWHERE = "ASK { GRAPH ?g { ?s ?p ?o } FILTER (?g != ?graph) }"
_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }"


class Workspace:
    """A private in-memory union of a dataset that candidates are validated against.

    A candidate's triples are put in, validated at the candidate's nodes and taken out again, so
    the copy is made once and reused; a lock keeps concurrent validations apart. `source` (the
    store copied) tells which triples only a replaced graph held.
    """

    def __init__(self, data: ox.Store, source: Store | None = None) -> None:
        self.data = data
        self.source = source
        self._names: set[URIRef] | None = None  # a server's graphs, listed when first needed
        self._lock = threading.Lock()

    @classmethod
    def of(cls, store: Store) -> Workspace:
        """A workspace on a copy of `store`."""
        return cls(copy_store(store), store)

    @classmethod
    def around(
        cls,
        store: EmbeddedStore,
        focus: Collection[URIRef],
        whole: Iterable[URIRef],
        shapes: Graph,
    ) -> Workspace:
        """A workspace on the `neighbourhood` of `focus` in `store`: enough to validate there
        with `shapes`."""
        return cls(neighbourhood(store, focus, whole, backward(shapes)), store)

    def _holds(self, name: URIRef) -> bool:
        """Whether the store copied holds the graph `name`."""
        if self.source is None:
            return False
        if isinstance(self.source, EmbeddedStore):
            return self.source.oxigraph.contains_named_graph(ox.NamedNode(str(name)))
        if self._names is None:
            self._names = set(self.source.graph_names())
        return name in self._names

    def _only_in(self, name: URIRef) -> list[ox.Quad]:
        """The triples of stored graph `name` in the copy that no other stored graph states."""
        if self.source is None or not self._holds(name):
            return []
        if isinstance(self.source, EmbeddedStore):
            return self._only_in_embedded(self.source.oxigraph, ox.NamedNode(str(name)))
        graph = self.source.construct(_GRAPH, {"graph": name})
        return [
            _quad((s, p, o))
            for s, p, o in graph
            if not self.source.ask(_ELSEWHERE, {"s": s, "p": p, "o": o, "graph": name})
        ]

    def _only_in_embedded(self, source: ox.Store, name: ox.NamedNode) -> list[ox.Quad]:
        only: list[ox.Quad] = []
        for quad in source.quads_for_pattern(None, None, None, name):
            merged = ox.Quad(quad.subject, quad.predicate, quad.object, _DEFAULT)
            if merged not in self.data:
                continue
            holders = source.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)
            if all(h.graph_name in (name, _DEFAULT) for h in holders):
                only.append(merged)
        return only

    def validate(self, candidate: Candidate, shapes: Graph, everything: bool = False) -> Report:
        """Validate the dataset with `candidate` added, at the candidate's nodes (or everywhere)."""
        with self._lock:
            removed = [q for name in candidate.graphs for q in self._only_in(name)]
            for quad in removed:
                self.data.remove(quad)
            added: dict[ox.Quad, None] = {}
            try:
                for triples in candidate.graphs.values():
                    added.update((q, None) for t in triples if (q := _quad(t)) not in self.data)
                self.data.extend(added)
                settled = [
                    _quad(t)
                    for t in candidate.settled
                    if t[1] not in _LABELS or not _labelled(self.data, t[0])
                ]
                settled = [q for q in settled if q not in self.data]
                self.data.extend(settled)
                added.update((q, None) for q in settled)
                focus = None if everything else candidate.focus()
                return validate_store(
                    self.data, shapes, focus, candidate.files, candidate.mentioned
                )
            finally:
                for quad in added:
                    self.data.remove(quad)
                self.data.extend(removed)

    def update(self, graphs: Mapping[URIRef, Sequence[Triple]], gone: Iterable[Triple]) -> None:
        """Keep the copy in step with a write that replaced `graphs` (an empty one: dropped)
        and after which no graph states the triples `gone` any more."""
        with self._lock:
            for triple in gone:
                self.data.remove(_quad(triple))
            self.data.extend(_quad(t) for triples in graphs.values() for t in triples)
            for name, triples in graphs.items():
                if self._names is None:
                    break
                if triples:
                    self._names.add(name)
                else:
                    self._names.discard(name)


_WORKSPACES: dict[int, tuple[Store, int, Workspace]] = {}
_WORKSPACES_LOCK = threading.Lock()


def workspace_for(store: Store) -> Workspace:
    """The cached workspace of an open store, copied again when its graphs have changed.

    The check compares graph names only (counting quads takes seconds on a large store): writes
    through this process call `store_written`, which updates the copy or forgets it.
    """
    key = hash(tuple(store.graph_names()))
    with _WORKSPACES_LOCK:
        cached = _WORKSPACES.get(id(store))
        if cached is not None and cached[0] is store and cached[1] == key:
            return cached[2]
        workspace = Workspace.of(store)
        _WORKSPACES[id(store)] = (store, key, workspace)
        return workspace


def store_written(
    store: Store,
    graphs: Mapping[URIRef, Sequence[Triple]],
    gone: Iterable[Triple] | None,
) -> None:
    """`store` was written (`graphs` replaced): update its cached workspace in place when the
    triples `gone` from the union are known, else forget it (copied again on next use)."""
    with _WORKSPACES_LOCK:
        cached = _WORKSPACES.pop(id(store), None)
        if cached is None or cached[0] is not store or gone is None:
            return
        cached[2].update(graphs, gone)
        _WORKSPACES[id(store)] = (store, hash(tuple(store.graph_names())), cached[2])
