"""Answers cached per store state, with ETags.

A cached answer is keyed by the store it came from, the store's *generation* and the request
(path, query string, negotiated format). The generation is a counter kept here: whatever changes
the store (ingest) calls `invalidate()`, which bumps it and drops every cached answer.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast
from weakref import WeakKeyDictionary

from fastapi import Request, Response

from app.store import Store

T = TypeVar("T")

CACHE_CONTROL = "public, max-age=60"
MAX_ANSWERS = 4096
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Content-Type, Link",
}

_lock = threading.Lock()
_generation = 0
_answers: OrderedDict[tuple[object, ...], object] = OrderedDict()
_tokens: WeakKeyDictionary[Store, str] = WeakKeyDictionary()


@dataclass(frozen=True)
class Answer:
    """A rendered answer: its bytes, media type and entity tag."""

    body: bytes
    media_type: str
    etag: str


def generation() -> int:
    """The current store generation."""
    return _generation


def invalidate() -> None:
    """The store changed: forget every cached answer."""
    global _generation
    with _lock:
        _generation += 1
        _answers.clear()


def _token(store: Store) -> str:
    with _lock:
        token = _tokens.get(store)
        if token is None:
            token = _tokens[store] = uuid.uuid4().hex
        return token


def etag_of(body: bytes) -> str:
    """A strong entity tag for a body."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def memo(store: Store, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """The value kept for `key` on `store` in this generation, computing it when missing."""
    full = (_token(store), _generation, *key)
    with _lock:
        if full in _answers:
            _answers.move_to_end(full)
            return cast(T, _answers[full])
    made = compute()
    with _lock:
        if full[1] == _generation:
            _answers[full] = made
            while len(_answers) > MAX_ANSWERS:
                _answers.popitem(last=False)
    return made


def answer(
    store: Store, key: tuple[object, ...], render: Callable[[], tuple[bytes, str]]
) -> Answer:
    """The cached answer for `key` on `store`, rendering (and keeping) it when missing."""

    def make() -> Answer:
        body, media_type = render()
        return Answer(body, media_type, etag_of(body))

    return memo(store, ("answer", *key), make)


def request_key(request: Request, variant: str) -> tuple[str, str, str, str]:
    """What identifies a request's answer: site, path, query string and negotiated variant."""
    return (str(request.base_url), request.url.path, request.url.query, variant)


def respond(request: Request, found: Answer, status_code: int = 200) -> Response:
    """The answer as a response: 304 when the client's `If-None-Match` matches the ETag."""
    headers = {
        "ETag": found.etag,
        "Cache-Control": CACHE_CONTROL,
        "Vary": "Accept",
        **CORS_HEADERS,
    }
    match = request.headers.get("if-none-match")
    if match and status_code == 200 and _matches(match, found.etag):
        return Response(status_code=304, headers=headers)
    return Response(
        found.body, status_code=status_code, media_type=found.media_type, headers=headers
    )


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def cached_response(
    request: Request,
    store: Store,
    variant: str,
    render: Callable[[], tuple[bytes, str]],
) -> Response:
    """Render (or reuse) the answer to this request and send it with caching headers."""
    return respond(request, answer(store, request_key(request, variant), render))
