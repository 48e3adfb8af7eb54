"""The ontology, the role scheme, the typed namespaces generated from them, and their HTML page."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from app.gen_vocab import RESKG_NS, ROLE_NS, load_ontology, render_vocab
from app.ontology_docs import render_ontology_html
from app.settings import PROJECT_ROOT
from app.vocab import RESKG, ROLE

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_IRI = URIRef("https://w3id.org/reskg/ontology")
SCHEME = URIRef(ROLE_NS + "scheme")

STANDARD = {
    "eli": "http://data.europa.eu/eli/ontology#",
    "frbr": "http://purl.org/vocab/frbr/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "cito": "http://purl.org/spar/cito/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

# term -> its standard super-classes / super-properties (compact IRIs), from docs/terms.md.
ALIGNMENTS = {
    "Instrument": {"eli:LegalResource", "frbr:Work"},
    "ResolutionVersion": {"eli:LegalExpression", "frbr:Expression", "prov:Entity"},
    "Meeting": {"prov:Activity"},
    "Body": {"org:Organization", "prov:Agent"},
    "ActionLine": {"skos:Concept"},
    "Document": {"foaf:Document"},
    "SourceText": {"prov:Entity", "frbr:Manifestation"},
    "Clause": {"eli:LegalResourceSubdivision"},
    "Citation": {"cito:Citation"},
    "Mandate": {"prov:Entity"},
    "Role": {"skos:Concept"},
    "versionOf": {"eli:realizes", "frbr:realizationOf"},
    "revises": {"prov:wasRevisionOf"},
    "adoptedAt": {"prov:wasGeneratedBy"},
    "adoptedBy": {"dcterms:creator"},
    "suppressedAt": {"prov:wasInvalidatedBy"},
    "meetingOf": {"prov:wasAssociatedWith"},
    "cites": {"cito:cites", "dcterms:references"},
    "citingVersion": {"cito:hasCitingEntity"},
    "target": {"cito:hasCitedEntity"},
    "role": {"dcterms:type"},
    "hasText": {"eli:is_embodied_by"},
    "clauseOf": {"dcterms:isPartOf"},
    "inClause": {"dcterms:isPartOf"},
    "inVersion": {"dcterms:isPartOf"},
    "mentionsActionLine": {"dcterms:subject"},
    "number": {"eli:number"},
}

ROLE_NAMES = {
    # top concepts
    "preamble", "operative", "annex", "footnote",
    # preamble headings
    "recalling", "recalling further", "considering", "considering further", "noting",
    "noting further", "noting also", "noting with concern", "noting with appreciation",
    "noting with satisfaction and appreciation", "recognizing", "recognizing further",
    "recognizing also", "taking into account", "taking into account also",
    "taking into account further", "bearing in mind", "aware", "concerned", "convinced",
    "emphasizing", "mindful", "observing", "reaffirming", "welcoming", "having considered",
    "having examined", "having noted",
    # operative verbs
    "resolves", "resolves further", "further resolves", "resolves to instruct",
    "resolves to invite", "decides", "instructs", "further instructs", "invites",
    "further invites", "requests", "encourages", "calls upon", "urges", "recommends",
    "authorizes", "expresses", "confirms",
}  # fmt: skip


def _compact(iri: object) -> str:
    """`prefix:name` for an IRI in a standard namespace, else the IRI itself."""
    for prefix, namespace in STANDARD.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)


def _terms_md() -> dict[str, list[str]]:
    """The terms of docs/terms.md's tables, by section ("Classes", "Object properties", ...)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (PROJECT_ROOT / "docs" / "terms.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.startswith("|") and current:
            first = line.split("|")[1].strip()
            if first == "term" or set(first) <= {"-", " "}:
                continue
            sections.setdefault(current, []).extend(t.strip() for t in first.split(","))
    return sections


TERMS_MD = _terms_md()
TERM_TYPES = {
    "Classes": OWL.Class,
    "Object properties": OWL.ObjectProperty,
    "Datatype properties": OWL.DatatypeProperty,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    """Both ontology files in one graph."""
    return load_ontology(ONTOLOGY_DIR)


@pytest.fixture(scope="module")
def html() -> str:
    """The documentation page, rendered with the network made unreachable."""
    mp = pytest.MonkeyPatch()

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access while rendering the ontology page")

    mp.setattr(socket.socket, "connect", refuse)
    mp.setattr(socket, "create_connection", refuse)
    try:
        return render_ontology_html(ONTOLOGY_DIR)
    finally:
        mp.undo()


def _ours(graph: Graph, namespace: str) -> set[URIRef]:
    """Subjects of `graph` in `namespace` (terms or concepts, not the ontology IRI)."""
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(namespace)}


def test_both_files_parse_and_are_the_only_ones() -> None:
    names = sorted(p.name for p in ONTOLOGY_DIR.glob("*.ttl"))
    assert names == ["reskg.ttl", "roles.ttl"]
    for name in names:
        assert len(Graph().parse(ONTOLOGY_DIR / name, format="turtle")) > 100


def test_ontology_header(graph: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY_IRI, DCTERMS.title) == Literal("reskg ontology", lang="en")
    assert graph.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://opensource.org/licenses/MIT"
    )
    assert graph.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("reskg contributors")
    assert graph.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(ONTOLOGY_IRI, DCTERMS.description) is not None


def test_no_owl_imports(graph: Graph) -> None:
    assert list(graph.triples((None, OWL.imports, None))) == []
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        assert "owl:imports" not in path.read_text(encoding="utf-8")


def test_every_term_has_label_and_definition(graph: Graph) -> None:
    terms = _ours(graph, RESKG_NS)
    assert len(terms) == 62
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, term
        assert graph.value(term, SKOS.definition) is not None, term
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in graph, term


def test_every_concept_has_label_definition_and_scheme(graph: Graph) -> None:
    concepts = _ours(graph, ROLE_NS) - {SCHEME}
    assert len(concepts) == len(ROLE_NAMES)
    for concept in concepts:
        assert graph.value(concept, SKOS.prefLabel) is not None, concept
        assert graph.value(concept, SKOS.definition) is not None, concept
        assert (concept, SKOS.inScheme, SCHEME) in graph, concept
        assert (concept, RDF.type, SKOS.Concept) in graph, concept
        assert (concept, RDF.type, RESKG.Role) in graph, concept
    assert graph.value(SCHEME, SKOS.prefLabel) == Literal("reskg roles", lang="en")
    assert graph.value(SCHEME, SKOS.definition) is not None


@pytest.mark.parametrize(
    ("section", "term"), [(s, t) for s, terms in TERMS_MD.items() for t in terms if s in TERM_TYPES]
)
def test_terms_md_term_is_in_the_ontology(graph: Graph, section: str, term: str) -> None:
    assert (URIRef(RESKG_NS + term), RDF.type, TERM_TYPES[section]) in graph


def test_terms_md_tables_were_read() -> None:
    assert {s: len(TERMS_MD[s]) for s in TERM_TYPES} == {
        "Classes": 19,
        "Object properties": 16,
        "Datatype properties": 24,
    }


def test_alignments_are_the_expected_standard_terms(graph: Graph) -> None:
    found: dict[str, set[str]] = {}
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
        for sub, sup in graph.subject_objects(predicate):
            if str(sub).startswith(RESKG_NS) and not str(sup).startswith(RESKG_NS):
                found.setdefault(str(sub)[len(RESKG_NS) :], set()).add(_compact(sup))
    assert found == ALIGNMENTS


def test_alignment_targets_are_in_standard_namespaces(graph: Graph) -> None:
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
        for _, sup in graph.subject_objects(predicate):
            assert str(sup).startswith(RESKG_NS) or _compact(sup) != str(sup), sup


def test_kinds_are_subclasses(graph: Graph) -> None:
    kinds = {
        "Resolution": "Instrument",
        "Decision": "Instrument",
        "Recommendation": "Instrument",
        "Recital": "Clause",
        "OperativeParagraph": "Clause",
        "AnnexItem": "Clause",
        "Footnote": "Clause",
    }
    for kind, parent in kinds.items():
        assert set(graph.objects(RESKG[kind], RDFS.subClassOf)) == {RESKG[parent]}


def test_domains_and_ranges(graph: Graph) -> None:
    assert graph.value(RESKG.revises, RDFS.domain) == RESKG.ResolutionVersion
    assert graph.value(RESKG.revises, RDFS.range) == RESKG.ResolutionVersion
    assert graph.value(RESKG.versionOf, RDFS.range) == RESKG.Instrument
    assert graph.value(RESKG.role, RDFS.range) == RESKG.Role
    assert graph.value(RESKG.addressee, RDFS.range) == RESKG.Body
    assert graph.value(RESKG.year, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#integer")


def test_role_names_and_iris(graph: Graph) -> None:
    labels = {}
    for concept in _ours(graph, ROLE_NS) - {SCHEME}:
        label = str(graph.value(concept, SKOS.prefLabel))
        assert concept == URIRef(ROLE_NS + label.replace(" ", "-"))
        labels[label] = concept
    assert set(labels) == ROLE_NAMES


def test_role_top_concepts(graph: Graph) -> None:
    tops = set(graph.subjects(SKOS.topConceptOf, SCHEME))
    assert tops == {ROLE.preamble, ROLE.operative, ROLE.annex, ROLE.footnote}
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == tops


@pytest.mark.parametrize(
    ("role", "broader"),
    [
        ("considering-further", {"considering"}),
        ("noting-with-concern", {"noting"}),
        ("taking-into-account-also", {"taking-into-account"}),
        ("further-instructs", {"instructs"}),
        ("resolves-further", {"resolves"}),
        ("further-resolves", {"resolves"}),
        ("resolves-to-invite", {"invites"}),
        ("resolves-to-instruct", {"instructs"}),
        ("recalling", {"preamble"}),
        ("instructs", {"operative"}),
        ("calls-upon", {"operative"}),
    ],
)
def test_role_broader(graph: Graph, role: str, broader: set[str]) -> None:
    assert set(graph.objects(ROLE[role], SKOS.broader)) == {ROLE[b] for b in broader}


def test_every_role_reaches_a_top_concept(graph: Graph) -> None:
    tops = set(graph.subjects(SKOS.topConceptOf, SCHEME))
    for concept in _ours(graph, ROLE_NS) - {SCHEME} - tops:
        reached = set(graph.transitive_objects(concept, SKOS.broader))
        assert len(reached & tops) == 1, concept


def test_vocab_is_up_to_date(graph: Graph) -> None:
    expected = render_vocab(graph)
    assert (PROJECT_ROOT / "app" / "vocab.py").read_text(encoding="utf-8") == expected


def test_vocab_terms() -> None:
    assert RESKG.ResolutionVersion == URIRef("https://w3id.org/reskg/ontology#ResolutionVersion")
    assert RESKG["revises"] == URIRef("https://w3id.org/reskg/ontology#revises")
    assert ROLE["considering-further"] == URIRef("https://w3id.org/reskg/role/considering-further")
    assert ROLE.scheme == SCHEME
    assert ROLE.recalling == URIRef("https://w3id.org/reskg/role/recalling")


def test_vocab_unknown_terms_raise() -> None:
    with pytest.raises(AttributeError):
        _ = RESKG.noSuchTerm
    with pytest.raises(AttributeError):
        _ = ROLE["no-such-role"]


def test_vocab_covers_the_graph(graph: Graph) -> None:
    for term in _ours(graph, RESKG_NS):
        assert RESKG[str(term)[len(RESKG_NS) :]] == term
    for concept in _ours(graph, ROLE_NS):
        assert ROLE[str(concept)[len(ROLE_NS) :]] == concept


def test_html_page(html: str) -> None:
    assert re.search(r"<title>reskg ontology</title>", html)
    assert "<h3>Resolution version" in html
    assert "<h3>revises" in html
    assert '<div class="section" id="roles">' in html
    assert '<div class="property entity" id="role-considering-further">' in html
    assert "<h3>considering further</h3>" in html
    assert '<a href="#roles">Roles</a>' in html
    assert "reskg roles" not in re.search(r"<h1>.*?</h1>", html, re.S).group(0)  # type: ignore[union-attr]


def test_html_page_lists_every_role(graph: Graph, html: str) -> None:
    for concept in _ours(graph, ROLE_NS) - {SCHEME}:
        anchor = "role-" + str(concept)[len(ROLE_NS) :]
        assert f'id="{anchor}"' in html
        assert f'href="#{anchor}"' in html


def test_html_render_reads_the_given_folder(tmp_path: Path) -> None:
    for name in ("reskg.ttl", "roles.ttl"):
        (tmp_path / name).write_text(
            (ONTOLOGY_DIR / name).read_text(encoding="utf-8").replace("version of", "edition of"),
            encoding="utf-8",
        )
    page = render_ontology_html(tmp_path)
    assert "edition of" in page
    assert "<h3>version of" not in page


def test_alignment_targets_exist_where_rdflib_knows_the_vocabulary() -> None:
    known = {"prov": PROV, "org": ORG, "foaf": FOAF, "dcterms": DCTERMS, "skos": SKOS}
    for targets in ALIGNMENTS.values():
        for target in targets:
            prefix, name = target.split(":")
            if prefix in known:
                assert name in known[prefix], target
