"""Entry point of the ``tvf`` command: maps what escapes the CLI to exit codes.

Ctrl-C exits with 130. Any other exception is a bug in tvf: it is printed with its traceback
and a plea to report it, and exits with 3, so it can never be mistaken for findings (1) or a
user error (2).
"""

from __future__ import annotations

import sys
import traceback

from .cli import app
from .i18n import _


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("\n" + _("tvf: avbrutt."), file=sys.stderr)
        sys.exit(130)
    except Exception:
        traceback.print_exc()
        print("\n" + _("tvf: dette er en feil i tvf, ikke i håndboka. Meld den gjerne, med "
                        "teksten over."), file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
