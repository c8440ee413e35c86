"""Entry point of the ``tvf`` command: maps what escapes the CLI to exit codes.

Ctrl-C exits with 130, and SIGTERM (what ``kill``, a CI runner's timeout or a service manager
sends) with 143: it is raised as :class:`Terminated` in the running code, so the same clean-up
runs as for Ctrl-C and no temporary file is left behind. Any other exception is a bug in tvf:
it is printed with its traceback and a plea to report it, and exits with 3, so it can never be
mistaken for findings (1) or a user error (2).
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

from .i18n import _


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, through every ``finally`` and clean-up."""


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


def _tolerant_streams() -> None:
    """A terminal or pipe in another encoding than UTF-8 (``PYTHONIOENCODING=latin-1``, an old
    Windows console) gets what it cannot show as ``\\uXXXX``, not a crash in the middle of a
    report: the text stays readable and JSON stays JSON."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").replace("_", "-").lower()
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    _tolerant_streams()
    if sys.argv[1:] == ["--help"]:
        from .quick_help import print_help

        if print_help():  # the same text as typer's, without loading the command line
            return
    try:
        if sys.argv[1:2] == ["check"]:
            from .quick_check import run

            code = run(sys.argv[1:])  # the plain cases, without typer; None: typer's turn
            if code is not None:
                sys.exit(code)
        from .cli import app, narrowed

        with narrowed(sys.argv[1:]):  # only the command that runs is built
            app()
    except KeyboardInterrupt:
        print("\n" + _("tvf: avbrutt."), file=sys.stderr)
        sys.exit(130)
    except Terminated:
        print("\n" + _("tvf: avbrutt."), file=sys.stderr)
        sys.exit(128 + signal.SIGTERM)
    except Exception:
        import traceback

        traceback.print_exc()
        print(
            "\n"
            + _("tvf: dette er en feil i tvf, ikke i håndboka. Meld den gjerne, med teksten over."),
            file=sys.stderr,
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
