"""`app.progress`: a bar on terminals, nothing when quiet or piped."""

from __future__ import annotations

import io

import pytest

from app.progress import progress


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_quiet_writes_nothing_and_advance_still_works() -> None:
    out = Terminal()
    with progress(3, "reading", quiet=True, file=out) as advance:
        for _ in range(3):
            advance()
        advance(2)
    assert out.getvalue() == ""


def test_not_a_terminal_writes_nothing() -> None:
    out = io.StringIO()
    with progress(2, "reading", file=out) as advance:
        advance()
        advance()
    assert out.getvalue() == ""


def test_a_terminal_shows_the_description_and_the_count() -> None:
    out = Terminal()
    with progress(2, "reading sources", file=out) as advance:
        advance()
        advance()
    shown = out.getvalue()
    assert "reading sources" in shown
    assert "2/2" in shown


def test_unknown_total_is_accepted() -> None:
    out = Terminal()
    with progress(None, "loading", file=out) as advance:
        advance(5)
    assert "loading" in out.getvalue()


def test_an_error_inside_propagates() -> None:
    out = Terminal()
    with pytest.raises(ValueError, match="bad source"), progress(1, "reading", file=out):
        raise ValueError("bad source")
