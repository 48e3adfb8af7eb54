"""Fuzz every operation of the service's own OpenAPI schema with Schemathesis, in process.

Each operation gets a bounded number of generated requests (valid and invalid ones), on the
embedded store with the bundled data and on every SPARQL-server backend, and must answer:

- never a 5xx;
- every 4xx as a JSON object carrying a message: `{"detail": "..."}` (FastAPI's
  `HTTPException`), `{"detail": [{"msg": ...}, ...]}` (request validation) or
  `{"error": "...", "detail": "..."}` (`/sparql` and `/api/queries`);
- the write operations (those that declare `security`, and POST/PUT/PATCH/DELETE under
  `/api/documents`), sent without a token: 401 or 403, as JSON with a message.

Schemathesis sends the requests straight to the ASGI app: no socket, no network.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import Case as AnyCase

from app.api.main import create_app
from app.settings import Settings
from tests.fuzz.conftest import WithoutLifespan

Case = AnyCase[Any]

MAX_EXAMPLES = 10
"""Generated requests per operation and backend (the whole file stays well under 90 s)."""

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
TOKEN_PREFIXES = ("/api/documents",)
"""Paths whose write operations need a token (the ingest routes)."""

def own_openapi() -> dict[str, Any]:
    """The app's own `/openapi.json`, fetched through ASGI. Producing it needs no store (the
    lifespan is not run), so the operations are known when the tests are collected."""
    response = TestClient(create_app(Settings())).get("/openapi.json")
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    return document


def undeclared_path_parameters(document: dict[str, Any]) -> dict[str, list[str]]:
    """`{"GET /resolution/{rest}": ["rest"]}`: templated path segments no parameter declares."""
    missing: dict[str, list[str]] = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            names = [n for n in re.findall(r"{([^}]+)}", path) if n not in declared]
            if names:
                missing[f"{method.upper()} {path}"] = names
    return missing


OPENAPI = own_openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)


def needs_token(case: Case) -> bool:
    """Whether the operation writes and so must refuse a request without a token."""
    operation = case.operation
    raw = operation.definition.raw
    declared = isinstance(raw, dict) and bool(raw.get("security"))
    assert isinstance(declared, bool)
    method = operation.method.upper()
    return declared or (method in WRITE_METHODS and operation.path.startswith(TOKEN_PREFIXES))


def error_message(body: Any) -> str | None:
    """The message an error body carries, None when it carries none."""
    if not isinstance(body, dict):
        return None
    error, detail = body.get("error"), body.get("detail")
    if isinstance(error, str) and error.strip():
        return f"{error}: {detail}" if isinstance(detail, str) else error
    if isinstance(detail, str) and detail.strip():
        return detail
    if isinstance(detail, list) and detail:
        messages = [d.get("msg") for d in detail if isinstance(d, dict)]
        if len(messages) == len(detail) and all(isinstance(m, str) and m for m in messages):
            return "; ".join(str(m) for m in messages)
    return None


def describe(case: Case, status: int, content_type: str, text: str) -> str:
    """The failing example, precisely: the request as curl, and what came back."""
    return (
        f"{case.operation.method.upper()} {case.operation.path} answered {status} "
        f"({content_type or 'no Content-Type'}): {text[:300]!r}\n"
        f"reproduce: {case.as_curl_command()}"
    )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_operation_answers_without_server_errors(
    case: Case, fuzz_app: tuple[str, WithoutLifespan]
) -> None:
    _backend, app = fuzz_app
    try:
        response = case.call(app=app)
    except Exception as error:  # the app raised: the client would get a plain 500
        raise AssertionError(f"500 (unhandled {error!r}) on {case.as_curl_command()}") from error
    status = response.status_code
    content_type = ", ".join(response.headers.get("content-type", []))
    text = response.text
    assert status < 500, describe(case, status, content_type, text)
    if needs_token(case):
        assert status in (401, 403), describe(case, status, content_type, text)
    if 400 <= status < 500:
        assert content_type.split(";")[0].strip().endswith(("/json", "+json")), describe(
            case, status, content_type, text
        )
        try:
            body = json.loads(text)
        except ValueError:
            body = None
        assert error_message(body) is not None, describe(case, status, content_type, text)


def test_path_parameters_are_declared() -> None:
    assert undeclared_path_parameters(OPENAPI) == {}


@pytest.fixture(scope="module")
def embedded_client(bundled_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A running service on a copy of the bundled store (see `conftest._own_copy`)."""
    from tests.fuzz.conftest import _own_copy

    settings = _own_copy(bundled_settings, tmp_path_factory.mktemp("fuzz-iri"))
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


# Regression: a path segment that cannot be part of an IRI (a quote, a space, a lone %, bytes
# that are not UTF-8) was an unhandled exception and a plain-text 500, found by the fuzz test.
@pytest.mark.parametrize(
    "path",
    [
        "/meeting/%22",
        "/meeting/%1F",
        "/meeting/%25",
        "/meeting/%FF",
        "/source/a%20b",
        "/graph/%7B",
        "/resolution/pp/%3C",
    ],
)
def test_linked_data_path_not_an_iri_is_a_404(embedded_client: TestClient, path: str) -> None:
    response = embedded_client.get(path)
    assert response.status_code == 404
    assert error_message(response.json()) is not None
