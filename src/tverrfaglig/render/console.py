"""The consoles tvf prints to, the one way out for plain text (:func:`echo`), and how a
refusal (a :class:`~tverrfaglig.errors.TvfError`) looks on standard error.

Everything tvf shows passes through here, so two rules hold for all of it, whatever a file
name or a field holds:

* **No identity number on screen**: a national identity number is shown masked
  (:func:`tverrfaglig.pii.mask`), as ``tvf check`` shows it in a finding.
* **No control characters from data**: a text printed to a :func:`console` is one line per
  renderable; a newline, carriage return, escape (``\\x1b``) or other control character, and the
  Unicode line separators and bidirectional overrides, are shown escaped (``\\n``, ``\\x1b``,
  ``\\u202e``). So no file name or value can forge a CI workflow command (``::error::``), a
  terminal escape or a line of its own. Renderers that want several lines print several
  renderables (or a :class:`rich.console.Group`). :func:`echo` (JSON, CSV, Markdown, SARIF,
  JUnit, GitHub annotations: formats with their own escaping and line structure) keeps
  newlines and tabs and escapes the other control characters.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from rich.console import Console, ConsoleOptions, RenderableType
from rich.text import Span, Text

from ..errors import TvfError
from ..pii import mask
from .safe import _UNSAFE_RE, escape_char, formatted
from .safe import printable as printable


def _safe_text(text: Text) -> Text:
    """``text`` (a rich :class:`Text`) masked and escaped as :func:`printable`, its styles kept
    on the same characters."""
    plain = text.plain
    masked = mask(plain)
    if not _UNSAFE_RE.search(masked):
        if masked == plain:
            return text
        copy = text.copy()
        copy.plain = masked  # the same length: the styles stay where they were
        return copy
    offsets = [0]
    pieces = []
    for char in masked:
        piece = escape_char(char) if _UNSAFE_RE.match(char) else char
        pieces.append(piece)
        offsets.append(offsets[-1] + len(piece))
    safe = Text(
        "".join(pieces),
        style=text.style,
        justify=text.justify,
        overflow=text.overflow,
        no_wrap=text.no_wrap,
        end=text.end,
        tab_size=text.tab_size,
    )
    safe.spans = [
        Span(offsets[min(span.start, len(masked))], offsets[min(span.end, len(masked))], span.style)
        for span in text.spans
    ]
    return safe


class SafeConsole(Console):
    """A rich console that shows every text it renders through :func:`_safe_text`: the one
    place where text reaches the terminal (tables render their cells through here too)."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Any:
        if isinstance(renderable, str):
            renderable = self.render_str(renderable, highlight=False, markup=False)
        if isinstance(renderable, Text):
            renderable = _safe_text(renderable)
        segments: Any = super().render(renderable, options)
        return segments


def console() -> Console:
    """Standard output for people: no wrapping of long lines, no guessing of highlights.

    Piped into a file or a CI log there is no terminal width; tables then get room to breathe
    instead of rich's 80 columns (``COLUMNS`` still wins when set).
    """
    out = SafeConsole(highlight=False, soft_wrap=True)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = 160
    return out


def error_console() -> Console:
    """Standard error: for refusals, warnings and notes beside the output."""
    return SafeConsole(stderr=True, highlight=False, soft_wrap=True)


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` in a format of its own (JSON, CSV, Markdown, SARIF, JUnit, GitHub
    annotations) with identity numbers masked and control characters escaped, newlines, tabs
    and CRLF line ends kept."""
    typer.echo(formatted(text), err=err, nl=nl)


def print_error(error: TvfError, err: Console) -> None:
    """``tvf: message`` in bold red, then the hint (if any) on a line of its own."""
    err.print(f"tvf: {error.message}", style="bold red", markup=False)
    if error.hint:
        err.print(error.hint, markup=False)
