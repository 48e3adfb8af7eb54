"""Request bodies: read with a size limit, and the media types documents and RDF come in."""

from __future__ import annotations

from fastapi import Request

INPUT_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "text/plain": "text",
    "text/markdown": "text",
    "application/xml": "akn",
    "application/akn+xml": "akn",
}
"""What a request body is read as, by its media type."""

DOCUMENT_MEDIA_TYPES = {m: kind for m, kind in INPUT_MEDIA_TYPES.items() if kind in ("text", "akn")}
"""The media types of resolution texts: plain text, Markdown, Akoma Ntoso XML."""


class BodyTooLarge(ValueError):
    """The body passed the configured limit (each router answers 413 in its own style)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the body is larger than {limit} bytes")
        self.limit = limit


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or `BodyTooLarge` as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise BodyTooLarge(limit)
    return bytes(data)
