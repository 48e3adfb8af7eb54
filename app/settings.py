"""Settings read from `RESKG_*` environment variables (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout: holds ontology/, data/, shapes/ and queries/ beside app/."""


class Settings(BaseSettings):
    """Everything the CLI and the service may be configured with."""

    model_config = SettingsConfigDict(env_prefix="RESKG_")

    base_iri: str = "https://w3id.org/reskg/id/"
    store_dir: Path = PROJECT_ROOT / "var" / "store"
    data_dir: Path = PROJECT_ROOT / "data"
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    queries_dir: Path = PROJECT_ROOT / "queries"
    query_timeout_s: float = 10.0
    max_results: int = 10_000
    max_body_bytes: int = 2_000_000
    backend: Literal["embedded", "sparql"] = "embedded"
    """`embedded`: Oxigraph in `store_dir`; `sparql`: a SPARQL 1.1 server (the `sparql_*` URLs)."""
    sparql_query_url: str | None = None
    """The server's SPARQL Query endpoint, e.g. Virtuoso's `http://host:8890/sparql`."""
    sparql_update_url: str | None = None
    """Its SPARQL Update endpoint, e.g. Virtuoso's `http://host:8890/sparql-auth`."""
    sparql_gsp_url: str | None = None
    """Its Graph Store Protocol endpoint (optional: writes then go by GSP, faster)."""
    sparql_user: str | None = None
    sparql_password: SecretStr | None = None
    sparql_auth: Literal["digest", "basic", "none"] = "digest"
    """How `sparql_user` authenticates: HTTP Digest (Virtuoso), Basic (Fuseki, GraphDB)."""
    sparql_timeout_s: float = 60.0
    write_token: SecretStr | None = None
    """The bearer token `POST`/`DELETE /api/documents` require; unset (or empty): writes are off."""

    @property
    def sources_dir(self) -> Path:
        """The bundled resolution texts and Akoma Ntoso files."""
        return self.data_dir / "sources"

    @property
    def reference_dir(self) -> Path:
        """The reference tables (meetings, bodies, action lines, versions)."""
        return self.data_dir / "reference"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests override the FastAPI dependency instead."""
    return Settings()
