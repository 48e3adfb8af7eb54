"""The one error type of the SPARQL service: an HTTP status with a short error and a detail."""

from __future__ import annotations


class SparqlError(Exception):
    """A request the service refuses or could not answer; nothing was changed or fetched."""

    def __init__(
        self, status: int, error: str, detail: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(f"{status} {error}: {detail}")
        self.status = status
        self.error = error
        self.detail = detail
        self.headers = headers or {}

    def as_json(self) -> dict[str, str]:
        """The body every error response carries: `{"error": ..., "detail": ...}`."""
        return {"error": self.error, "detail": self.detail}
