"""``tvf --help`` without loading the command line: the text typer prints, kept in a file.

``tvf --help`` alone is what a new user types first, and building the command tree takes
typer, its click, and every command module: several times as long as Python takes to start.
:data:`HELP_FILE` holds the root help exactly as typer prints it in each language in a
terminal of 80 columns or more (click wraps help at 78 there); ``make docs``
(``tools/generate_docs.py``) writes it from the app, and ``tests/test_quick_help.py`` runs
the real ``tvf --help`` and typer's side by side and fails when they differ. In a narrower
terminal, or when the file is missing or unreadable, :func:`print_help` returns False and
typer prints the help itself.

Imports only the standard library and :mod:`tverrfaglig.i18n` (for the language).
"""

from __future__ import annotations

import json
import os
import sys

HELP_FILE = os.path.join(os.path.dirname(__file__), "help.json")  # noqa: PTH118, PTH120
#: The width click wraps help at, as in ``click.formatting.HelpFormatter``: the terminal's
#: columns (at most 80) less 2, at least 50.
HELP_WIDTH = 78


def columns() -> int:
    """The terminal's columns as ``shutil.get_terminal_size()`` finds them (``COLUMNS``, else
    the terminal of standard output, else 80), without importing shutil."""
    try:
        found = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        found = 0
    if found > 0:
        return found
    try:
        found = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return found or 80


def click_width() -> int:
    """The width click would wrap help at in this terminal."""
    return max(min(columns(), 80) - 2, 50)


def print_help() -> bool:
    """Print ``tvf --help`` from :data:`HELP_FILE` in the language the environment picks;
    False (nothing printed) when typer must do it."""
    if click_width() != HELP_WIDTH:
        return False
    from .i18n import resolve

    try:
        with open(HELP_FILE, encoding="utf-8") as handle:  # noqa: PTH123
            texts = json.load(handle)
        text = texts[resolve()]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not isinstance(text, str):
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True
