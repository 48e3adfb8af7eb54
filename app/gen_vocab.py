"""Generate `app/vocab.py`, the typed namespaces of `ontology/*.ttl`: `python -m app.gen_vocab`.

`RESKG` holds every class and property of the ontology, `ROLE` every role concept (names with
hyphens go into `_extras`, so `ROLE["considering-further"]` works). Both are closed: an unknown
term raises instead of minting a wrong IRI. The output is sorted, so it only changes when the
ontology does.
"""

from __future__ import annotations

import keyword
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from app.settings import PROJECT_ROOT

RESKG_NS = "https://w3id.org/reskg/ontology#"
ROLE_NS = "https://w3id.org/reskg/role/"
VOCAB_PATH = PROJECT_ROOT / "app" / "vocab.py"

_HEADER = '''"""Typed namespaces of the reskg ontology and its roles.

Generated from ontology/*.ttl by `python -m app.gen_vocab`; do not edit by hand.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef
'''


def load_ontology(ontology_dir: Path) -> Graph:
    """Parse every `*.ttl` file of `ontology_dir` into one graph."""
    graph = Graph()
    for path in sorted(ontology_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _terms(graph: Graph, namespace: str, label: URIRef) -> dict[str, str]:
    """Local names of the subjects in `namespace`, each with its label (or "")."""
    terms: dict[str, str] = {}
    for subject in set(graph.subjects()):
        if isinstance(subject, URIRef) and str(subject).startswith(namespace):
            name = str(subject)[len(namespace) :]
            if name:
                labels = sorted(str(o) for o in graph.objects(subject, label))
                terms[name] = labels[0] if labels else ""
    return terms


def _is_attribute(name: str) -> bool:
    """Whether `name` can be a class attribute (else it goes into `_extras`)."""
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_")


def _comment(label: str) -> str:
    """A one-line trailing comment for a label."""
    text = " ".join(label.split())
    return f"  # {text}" if text else ""


def _namespace_class(name: str, doc: str, namespace: str, terms: dict[str, str]) -> list[str]:
    """Source lines of one `DefinedNamespace` subclass."""
    attributes = sorted(t for t in terms if _is_attribute(t))
    extras = sorted(t for t in terms if not _is_attribute(t))
    lines = [
        "",
        "",
        f"class {name}(DefinedNamespace):",
        f'    """{doc}"""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{namespace}")',
    ]
    if extras:
        lines.append("    _extras = [")
        lines += [f'        "{term}",{_comment(terms[term])}' for term in extras]
        lines.append("    ]")
    lines.append("")
    lines += [f"    {term}: URIRef{_comment(terms[term])}" for term in attributes]
    return lines


def render_vocab(graph: Graph) -> str:
    """The source of `app/vocab.py` for the ontology in `graph`."""
    reskg = _terms(graph, RESKG_NS, RDFS.label)
    roles = _terms(graph, ROLE_NS, SKOS.prefLabel)
    lines: list[str] = [_HEADER.rstrip("\n")]
    lines += _namespace_class(
        "RESKG", "Classes and properties of the reskg ontology.", RESKG_NS, reskg
    )
    lines += _namespace_class(
        "ROLE", "Role concepts of `role:scheme`; hyphenated names via `ROLE[...]`.", ROLE_NS, roles
    )
    return "\n".join(lines) + "\n"


def write_vocab(ontology_dir: Path, target: Path = VOCAB_PATH) -> bool:
    """Regenerate `target` from `ontology_dir`; return whether its content changed."""
    source = render_vocab(load_ontology(ontology_dir))
    if target.exists() and target.read_text(encoding="utf-8") == source:
        return False
    target.write_text(source, encoding="utf-8")
    return True


def main() -> None:
    """Write `app/vocab.py` from the checkout's `ontology/` folder."""
    changed = write_vocab(PROJECT_ROOT / "ontology")
    print(f"{VOCAB_PATH}: {'written' if changed else 'up to date'}")


if __name__ == "__main__":
    main()
