"""The one user-facing error class.

Anything the user can fix (a missing handbook, a bad option, an unknown ID) is raised as
:class:`TvfError`. The CLI catches it in one place, prints the message and the hint, and exits
with status 2. Every other exception is a bug in tvf and keeps its traceback.
"""

from __future__ import annotations


class TvfError(Exception):
    """An error the user can act on. ``message`` and ``hint`` are already translated
    (``_()`` where they are raised), so they are in the language in use."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}\n{self.hint}"
