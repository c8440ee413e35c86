"""``tvf check`` without loading the command line, for the common invocations.

A ``tvf check`` that replays its cache does almost no work: most of its time was importing
typer with its click, rich and every command module to parse a handful of options and print
one line. :func:`run` parses the command line of ``tvf check`` itself when it is one of the
plain shapes below, and prints the text report without rich when standard output is not a
terminal (where rich prints no colours and wraps nothing, so the bytes are the same), and
JSON and GitHub annotations as typer's ``echo`` prints them. In every
other case it returns ``None`` before doing anything, and typer runs the command as before:

* any word it does not know, an option given twice, ``--opt=value`` forms other than the long
  options', glued short options (``-fjson``), ``--``, ``--help``, ``--lang`` (the language
  is set by the group), a value that begins with ``-`` or is empty, a ``--jobs`` that is not
  a plain positive number, ``--format`` ``sarif`` or ``junit``;
* shell completion (``_TVF_COMPLETE``), an empty ``TVF_TODAY`` (click ignores it);
* standard output or error a terminal, or told to act as one (``FORCE_COLOR``,
  ``TTY_COMPATIBLE`` other than 0: rich's rules), or standard output not UTF-8;
* a refusal (:class:`~tverrfaglig.errors.TvfError`: no handbook, a bad ``--today``, an unknown
  ``--changed-since``): typer runs the command again and prints it in red as always (nothing
  has been printed yet).

Exit codes are typer's: the report's, 130 on Ctrl-C (typer's ``Exit(130)``), 1 when standard
output is a closed pipe. ``tests/test_quick_check.py`` runs both paths side by side.

Imports only the standard library and what the check itself needs.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from .findings import Report

#: The options of ``tvf check`` that take a value, by every name, and the keyword they fill.
VALUED = {
    "--handbook": "handbook",
    "-H": "handbook",
    "--format": "format",
    "-f": "format",
    "--jobs": "jobs",
    "-j": "jobs",
    "--changed-since": "changed_since",
    "--today": "today",
}
#: The flags of ``tvf check``.
FLAGS = {"--strict": "strict", "--no-cache": "no_cache"}
_JOBS_RE = re.compile(r"[1-9][0-9]{0,5}")


def parse(args: Sequence[str]) -> dict[str, Any] | None:
    """The options of ``tvf check`` in ``args`` (the command line after ``tvf``), or None when
    they are not a shape parsed here (see the module docstring)."""
    if not args or args[0] != "check":
        return None
    found: dict[str, Any] = {}
    index = 1
    while index < len(args):
        arg = args[index]
        value: str | bool
        if arg in FLAGS:
            name, value = FLAGS[arg], True
        else:
            option, equals, given = arg.partition("=")
            if equals and option.startswith("--") and option in VALUED:
                name = VALUED[option]
            elif arg in VALUED and index + 1 < len(args):
                name, given = VALUED[arg], args[index + 1]
                index += 1
            else:
                return None
            if not given or given.startswith("-"):
                return None
            value = given
        if name in found:
            return None
        found[name] = value
        index += 1
    if found.setdefault("format", "text") not in ("text", "json", "github"):
        return None
    jobs = found.get("jobs")
    if jobs is not None:
        if not _JOBS_RE.fullmatch(jobs):
            return None
        found["jobs"] = int(jobs)
    if "today" not in found and "TVF_TODAY" in os.environ:
        if not os.environ["TVF_TODAY"]:
            return None
        found["today"] = os.environ["TVF_TODAY"]
    return found


def _plain_output() -> bool:
    """Whether rich would print to standard output without colours or a terminal's ways, and
    the progress bar on standard error stays away (both are rich's rules)."""
    env = os.environ
    if "FORCE_COLOR" in env or env.get("TTY_COMPATIBLE", "0") != "0" or "_TVF_COMPLETE" in env:
        return False
    try:
        if sys.stdout.isatty() or sys.stderr.isatty():
            return False
        encoding = sys.stdout.encoding
    except (AttributeError, ValueError):
        return False
    import codecs

    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _output(report: Report, root: Path, output_format: str) -> str:
    """What ``tvf check`` prints in ``output_format``: as :func:`.render.console.echo` prints
    JSON and annotations (typer's echo adds the newline), and the text report as rich does."""
    if output_format == "text":
        from .render.report import plain_human

        return plain_human(report, root)
    from .render.report import render_github, render_json
    from .render.safe import formatted

    text = render_json(report) if output_format == "json" else render_github(report, root)
    if output_format == "github" and not text:
        return ""  # the command prints nothing at all then
    return formatted(text) + "\n"


def run(args: Sequence[str]) -> int | None:
    """Run ``tvf check`` with ``args`` and return its exit code; None (nothing done, nothing
    printed) when typer must run it."""
    options = parse(args)
    if options is None or not _plain_output():
        return None
    from .workers import collector_off_for_the_process

    with collector_off_for_the_process():  # the process ends with the command
        return _run(options)


def _run(options: dict[str, Any]) -> int | None:
    """:func:`run` with the options parsed."""
    from . import i18n

    i18n.activate(i18n.resolve())
    from pathlib import Path

    from .checks import check_path
    from .config import find_handbook
    from .errors import TvfError

    try:
        handbook = options.get("handbook")
        root = find_handbook(Path(handbook) if handbook is not None else None)
        from .day_options import parse_today

        report = check_path(
            root,
            today=parse_today(options.get("today")),
            jobs=options.get("jobs"),
            changed_since=options.get("changed_since"),
            progress=None,
            cache=not options.get("no_cache", False),
        )
    except TvfError:
        return None
    except KeyboardInterrupt:
        return 130  # as typer: Exit(130), nothing printed
    try:
        sys.stdout.write(_output(report, root, options["format"]))
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        return 1
    return report.exit_code(strict=bool(options.get("strict", False)))
