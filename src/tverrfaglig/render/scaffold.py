"""``tvf init`` and ``tvf new``: what was made, for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from ..i18n import _
from .console import echo

if TYPE_CHECKING:  # Jinja2 (the templates) is imported only when a document is made
    from ..scaffold import Created, InitResult


def render_init(result: InitResult, out: Console) -> None:
    """``tvf init``: the files written, and the next step."""
    out.print(_("Laget en ny håndbok i {root}:").format(root=result.root), markup=False)
    for name in result.written:
        out.print(f"  {name}", markup=False)
    if result.git_initialised:
        out.print(_("og et nytt git-repo."))
    out.print(_("Neste steg: cd {root} && tvf check").format(root=result.root), markup=False)


def render_new(created: Created, out: Console, *, dry_run: bool) -> None:
    """``tvf new``: the document (on a dry run), or its ID and path."""
    if dry_run:
        echo(created.text, nl=False)
        return
    if created.code:
        message = _("Laget {id} ({code}): {path}").format(
            id=created.id, code=created.code, path=created.path
        )
    else:
        message = _("Laget {id}: {path}").format(id=created.id, path=created.path)
    out.print(message, markup=False)
