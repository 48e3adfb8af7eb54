"""The validation report: results that point to the text, rendered as JSON, text or Turtle.

A result says which shape fired on which node and, whenever the node came from a text, the
source file, line and character span of the clause it was read from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

SHAPES_NS = "https://w3id.org/reskg/shapes#"
"""Where every shape's IRI lives: `{SHAPES_NS}V01-version-has-one-number`."""

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class SourceSpan:
    """Where a node was read: file (relative to the sources folder), line and offsets."""

    file: str
    line: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Result:
    """One problem: severity, shape IRI, focus node, path, value, message and source."""

    severity: str
    shape: str
    focus: str
    path: str | None
    value: str | None
    message: str
    source: SourceSpan | None

    @property
    def shape_id(self) -> str:
        """The stable id: `C02-no-citation-of-the-future`."""
        return self.shape.removeprefix(SHAPES_NS)


Locator = Callable[[Iterable[Node]], Mapping[Node, SourceSpan]]
"""Finds where nodes came from (see `shacl.locate`)."""


@dataclass
class Report:
    """The results of one validation and pySHACL's report graph."""

    results: list[Result]
    graph: Graph

    @property
    def conforms(self) -> bool:
        """True when nothing is a Violation (warnings and infos are allowed)."""
        return all(r.severity != "Violation" for r in self.results)

    def count(self, severity: str) -> int:
        """How many results have `severity`."""
        return sum(r.severity == severity for r in self.results)

    def to_json(self) -> dict[str, Any]:
        """`{"conforms", "results": [{severity, shape, focus, path, value, message, source}]}`."""
        return {
            "conforms": self.conforms,
            "results": [
                {
                    "severity": r.severity,
                    "shape": r.shape,
                    "focus": r.focus,
                    "path": r.path,
                    "value": r.value,
                    "message": r.message,
                    "source": None
                    if r.source is None
                    else {
                        "file": r.source.file,
                        "line": r.source.line,
                        "start": r.source.start,
                        "end": r.source.end,
                    },
                }
                for r in self.results
            ],
        }

    def to_text(self) -> str:
        """For people: grouped by file, one line per problem, then a summary line."""
        lines: list[str] = []
        groups: dict[str | None, list[Result]] = {}
        for result in self.results:
            groups.setdefault(result.source.file if result.source else None, []).append(result)
        for file in sorted(groups, key=lambda f: (f is None, f or "")):
            lines.append(file if file is not None else "(not from a text)")
            for r in groups[file]:
                where = f"line {r.source.line}" if r.source and r.source.line else "no line"
                about = f" {r.value}" if r.value and r.value not in r.message else ""
                problem = f"{r.severity.lower()}: {r.message}{about}"
                lines.append(f"  {where}: {problem} [{r.shape_id}] ({r.focus})")
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(
            f"{verdict}: {self.count('Violation')} violations, {self.count('Warning')} warnings, "
            f"{self.count('Info')} notes"
        )
        return "\n".join(lines) + "\n"

    def to_turtle(self) -> str:
        """The SHACL validation report graph."""
        return self.graph.serialize(format="turtle")


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _path(graph: Graph, path: Node | None) -> str | None:
    """A predicate path as its IRI, an inverse path as `^IRI`; other paths as None."""
    if path is None or isinstance(path, URIRef):
        return _text(path)
    inverse = graph.value(path, SH.inversePath)
    return f"^{inverse}" if isinstance(inverse, URIRef) else None


def _sort_key(r: Result) -> tuple[Any, ...]:
    source = r.source
    return (
        source is None,
        source.file if source else "",
        (source.line or 0) if source else 0,
        _ORDER.get(r.severity, 3),
        r.shape,
        r.focus,
        r.path or "",
        r.value or "",
    )


def report_from_graph(graph: Graph, locate: Locator) -> Report:
    """Read pySHACL's report graph into results, each located by `locate`, sorted by place."""
    raw: list[tuple[Node, Node, Node | None, Node | None, str, str]] = []
    top = (r for report in graph.subjects(RDF.type, SH.ValidationReport)
           for r in graph.objects(report, SH.result))
    for node in top:  # nested sh:detail results are part of their parent's
        severity = SEVERITIES.get(graph.value(node, SH.resultSeverity), "Violation")  # type: ignore[call-overload]
        shape = graph.value(node, SH.sourceShape)
        focus = graph.value(node, SH.focusNode)
        messages = sorted(str(m) for m in graph.objects(node, SH.resultMessage))
        if shape is None or focus is None:
            continue
        raw.append(
            (
                shape,
                focus,
                graph.value(node, SH.resultPath),
                graph.value(node, SH.value),
                severity,
                " ".join(messages),
            )
        )
    places = locate({focus for _, focus, *_ in raw})
    results = {
        Result(
            severity=severity,
            shape=str(shape),
            focus=str(focus),
            path=_path(graph, path),
            value=_text(value),
            message=message,
            source=places.get(focus),
        )
        for shape, focus, path, value, severity, message in raw
    }
    return Report(sorted(results, key=_sort_key), graph)
