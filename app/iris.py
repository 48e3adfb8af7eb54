"""The one place that mints (and parses back) the graph's IRIs.

Every IRI is readable and stable, under a configurable base:

- `{base}resolution/pp/140` the work, `{base}resolution/pp/140/2010` one version
  (decisions and recommendations alike: `{base}decision/pp/5/2018`);
- `{base}meeting/pp-10`, `{base}body/wtdc`, `{base}action-line/C5`, `{base}document/C07-21`;
- `{base}source/{source_id}` one source text (also the name of its graph), with its clauses,
  citations and mandates below it; `{base}graph/reference` and `{base}graph/ontology`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

INSTRUMENT_KINDS = ("resolution", "decision", "recommendation", "opinion")
"""The kinds of instrument a body adopts, as they appear in IRIs."""

BODY_CODES = {
    "PP": "pp",
    "WTDC": "wtdc",
    "WTSA": "wtsa",
    "RA": "ra",
    "Council": "council",
    "UNGA": "unga",
}
"""Body codes of the document model and the slugs minted for them; others are lower-cased."""

_SLUG_TO_CODE = {slug: code for code, slug in BODY_CODES.items()}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.&-]*$")
_YEAR = re.compile(r"^\d{4}$")
_PATH = re.compile(r"[0-9A-Za-z_.&/-]*")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
"""What every IRI minted here is: the store loads them without checking again."""


class IriError(ValueError):
    """An IRI that this scheme did not mint, or a part that cannot go into one."""


def body_slug(body: str) -> str:
    """The slug of a body code or registry id: `PP` -> `pp`, `CWG-WSIS` -> `cwg-wsis`."""
    slug = BODY_CODES.get(body, body.lower())
    if not _SLUG.match(slug):
        raise IriError(f"body {body!r} cannot be turned into an IRI slug")
    return slug


def body_code(slug: str) -> str:
    """The document-model body code for a slug: `pp` -> `PP`, `cwg-wsis` -> `CWG-WSIS`."""
    return _SLUG_TO_CODE.get(slug, slug.upper())


def number_slug(number: str) -> str:
    """`140` stays `140`; a UN symbol `70/125` becomes `70-125`."""
    slug = number.strip().replace("/", "-")
    if not re.match(r"^[0-9A-Za-z][0-9A-Za-z-]*$", slug):
        raise IriError(f"resolution number {number!r} cannot go into an IRI")
    return slug


def document_slug(code: str) -> str:
    """`C07/21` -> `C07-21`; `Tunis Agenda` -> `Tunis-Agenda`."""
    slug = re.sub(r"[^0-9A-Za-z]+", "-", code.strip()).strip("-")
    if not slug:
        raise IriError(f"document code {code!r} cannot go into an IRI")
    return slug


@dataclass(frozen=True)
class ParsedIri:
    """What an IRI minted here names: its `kind` and the parts it was minted from."""

    kind: str
    parts: tuple[str, ...]


class Iris:
    """Mints IRIs under one base; `parse` reads them back."""

    def __init__(self, base: str) -> None:
        if not base.endswith(("/", "#")):
            raise IriError(f"base IRI {base!r} must end with '/' or '#'")
        if not _ABSOLUTE.match(base):
            raise IriError(f"base IRI {base!r} is not an absolute IRI without spaces or <>")
        self.base = base

    def _mint(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def instrument(self, body: str, number: str, kind: str = "resolution") -> URIRef:
        """The work: `{base}resolution/pp/140`."""
        if kind not in INSTRUMENT_KINDS:
            raise IriError(f"unknown instrument kind {kind!r}")
        return self._mint(f"{kind}/{body_slug(body)}/{number_slug(number)}")

    def version(self, body: str, number: str, year: int, kind: str = "resolution") -> URIRef:
        """One adopted version: `{base}resolution/pp/140/2010`."""
        return URIRef(f"{self.instrument(body, number, kind)}/{year:04d}")

    def meeting(self, meeting_id: str) -> URIRef:
        """`PP-10` -> `{base}meeting/pp-10`; `C07` -> `{base}meeting/c07`."""
        return self._mint(f"meeting/{body_slug(meeting_id)}")

    def body(self, body: str) -> URIRef:
        """`{base}body/wtdc`, `{base}body/cwg-wsis`."""
        return self._mint(f"body/{body_slug(body)}")

    def action_line(self, code: str) -> URIRef:
        """`{base}action-line/C5`, `{base}action-line/C7-e-health`."""
        if not re.match(r"^C\d{1,2}(-[a-z-]+)?$", code):
            raise IriError(f"action line code {code!r} is not of the form C5 or C7-e-health")
        return self._mint(f"action-line/{code}")

    def action_line_scheme(self) -> URIRef:
        """The SKOS concept scheme of the WSIS action lines."""
        return self._mint("action-line")

    def document(self, code: str) -> URIRef:
        """`C07/21` -> `{base}document/C07-21`."""
        return self._mint(f"document/{document_slug(code)}")

    def source(self, source_id: str) -> URIRef:
        """One source text, and the named graph that holds what was read from it."""
        if not re.match(r"^[0-9A-Za-z_.-]+(/[0-9A-Za-z_.-]+)*$", source_id):
            raise IriError(f"source id {source_id!r} cannot go into an IRI")
        return self._mint(f"source/{source_id}")

    def clause(self, source_id: str, clause_id: str) -> URIRef:
        """A clause of a source text: `{base}source/000_x/clause/recalling-a`."""
        return URIRef(f"{self.source(source_id)}/clause/{clause_id}")

    def citation(self, source_id: str, index: int) -> URIRef:
        """The `index`-th reference read from a source text (1-based, in text order)."""
        return URIRef(f"{self.source(source_id)}/citation/{index}")

    def mandate(self, source_id: str, index: int) -> URIRef:
        """The `index`-th operative instruction of a source text (1-based, in text order)."""
        return URIRef(f"{self.source(source_id)}/mandate/{index}")

    def graph(self, name: str) -> URIRef:
        """A graph that holds no source text: `reference` or `ontology`."""
        return self._mint(f"graph/{name}")

    def parse(self, iri: str) -> ParsedIri:
        """Read back what an IRI minted here names; `IriError` for anything else."""
        if not iri.startswith(self.base):
            raise IriError(f"{iri!r} is not under the base {self.base!r}")
        path = iri[len(self.base) :]
        if not _PATH.fullmatch(path):
            raise IriError(f"{iri!r} holds characters this scheme never mints")
        head, _, rest = path.partition("/")
        parts = tuple(rest.split("/")) if rest else ()
        if head in INSTRUMENT_KINDS and len(parts) in (2, 3):
            body = body_code(parts[0])
            number = parts[1].replace("-", "/") if body == "UNGA" else parts[1]
            if len(parts) == 3 and _YEAR.match(parts[2]):
                return ParsedIri(f"{head}-version", (body, number, parts[2]))
            if len(parts) == 2:
                return ParsedIri(head, (body, number))
        elif head == "meeting" and len(parts) == 1:
            return ParsedIri(head, (parts[0].upper(),))
        elif head == "body" and len(parts) == 1:
            return ParsedIri(head, (body_code(parts[0]),))
        elif head in ("action-line", "document", "graph") and len(parts) == 1:
            return ParsedIri(head, parts)
        elif head == "action-line" and not parts:
            return ParsedIri("action-line-scheme", ())
        elif head == "source" and parts:
            for marker in ("clause", "citation", "mandate"):
                if len(parts) >= 3 and parts[-2] == marker:
                    return ParsedIri(marker, ("/".join(parts[:-2]), parts[-1]))
            return ParsedIri("source", ("/".join(parts),))
        raise IriError(f"{iri!r} is not an IRI this scheme mints")
