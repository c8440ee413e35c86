"""The consoles tvf prints to, and how a refusal (a :class:`~tverrfaglig.errors.TvfError`)
looks on standard error."""

from __future__ import annotations

import os

from rich.console import Console

from ..errors import TvfError


def console() -> Console:
    """Standard output for people: no wrapping of long lines, no guessing of highlights.

    Piped into a file or a CI log there is no terminal width; tables then get room to breathe
    instead of rich's 80 columns (``COLUMNS`` still wins when set).
    """
    out = Console(highlight=False, soft_wrap=True)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = 160
    return out


def error_console() -> Console:
    """Standard error: for refusals, warnings and notes beside the output."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(error: TvfError, err: Console) -> None:
    """``tvf: message`` in bold red, then the hint (if any) on a line of its own."""
    err.print(f"tvf: {error.message}", style="bold red", markup=False)
    if error.hint:
        err.print(error.hint, markup=False)
