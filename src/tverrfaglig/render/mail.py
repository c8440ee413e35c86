"""What ``tvf agenda send``, ``tvf minutes send`` and ``tvf outdated --mail`` tell the user."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ..i18n import _, ngettext
from ..mail.jobs import Batch
from ..mail.sender import BatchResult


def render_missing(batch: Batch, out: Console) -> None:
    """A note on the recipients with no address, before anything is sent."""
    if batch.missing:
        out.print(
            _("Merk: ingen e-postadresse for {names}; de får ingenting.").format(
                names=", ".join(batch.missing)
            ),
            style="yellow",
            markup=False,
        )


def render_delivery(result: BatchResult, out: Console, *, dry_run: bool, eml: Path) -> None:
    """Who got the messages, who had them before, or where the .eml files of a dry run are."""
    if dry_run:
        out.print(
            ngettext(
                "Sendte ingenting; skrev {n} e-post til {folder}.",
                "Sendte ingenting; skrev {n} e-poster til {folder}.",
                len(result.files),
            ).format(n=len(result.files), folder=eml),
            markup=False,
        )
        return
    if result.sent:
        out.print(
            ngettext(
                "Sendte {n} e-post: {to}.", "Sendte {n} e-poster: {to}.", len(result.sent)
            ).format(n=len(result.sent), to=", ".join(m.recipient for m in result.sent)),
            markup=False,
        )
    if result.skipped:
        out.print(
            _(
                "Allerede sendt tidligere, ikke sendt på nytt: {to} (--resend sender likevel)."
            ).format(to=", ".join(m.recipient for m in result.skipped)),
            markup=False,
        )
