"""A progress bar for long command-line work, silent when asked to be (`--quiet`).

    with progress(len(paths), "reading", quiet=args.quiet) as advance:
        for path in paths:
            ...
            advance()

The bar goes to standard error (standard output stays clean for `reskg export`) and only when
that is a terminal, so logs and pipes get no control characters.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

Advance = Callable[..., None]
"""`advance()` moves the bar one step; `advance(n)` n steps."""


def _nothing(steps: int = 1) -> None:
    """The `advance` of a quiet run: does nothing."""


@contextmanager
def progress(
    total: int | None, description: str, quiet: bool = False, file: TextIO | None = None
) -> Iterator[Advance]:
    """A bar of `total` steps (None: unknown) labelled `description`; yields `advance`.

    Quiet runs, and runs whose `file` (standard error by default) is not a terminal, show
    nothing. The bar is removed when the block ends, normally or by an exception.
    """
    stream = file if file is not None else sys.stderr
    console = Console(file=stream, stderr=file is None)
    if quiet or not console.is_terminal:
        yield _nothing
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(steps: int = 1) -> None:
            bar.advance(task, steps)

        yield advance
