"""``tvf build``: what building the site did, for people."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from .. import i18n
from ..i18n import _, ngettext

if TYPE_CHECKING:  # the site (markdown-it, the templates) is imported only by tvf build
    from ..site import BuildResult


def render_build(result: BuildResult, out: Path, con: Console) -> None:
    """What ``tvf build`` did (or would do) in ``out``: the check's findings, pages skipped,
    broken links, the summary, and where to open the site."""
    report = result.report
    if report.errors:
        if result.dry_run:
            text = ngettext(
                "Advarsel: tvf check fant {n} feil; ville bygd likevel fordi --force er gitt.",
                "Advarsel: tvf check fant {n} feil; ville bygd likevel fordi --force er gitt.",
                report.errors,
            )
        else:
            text = ngettext(
                "Advarsel: tvf check fant {n} feil; bygd likevel fordi --force er gitt.",
                "Advarsel: tvf check fant {n} feil; bygd likevel fordi --force er gitt.",
                report.errors,
            )
        con.print(text.format(n=report.errors), style="bold yellow", markup=False)
    elif report.warnings:
        con.print(
            ngettext(
                "tvf check: {n} advarsel (se tvf check).",
                "tvf check: {n} advarsler (se tvf check).",
                report.warnings,
            ).format(n=report.warnings),
            markup=False,
        )
    for skipped in result.skipped:
        con.print(_("Uten side: {reason}").format(reason=skipped), style="yellow", markup=False)
    for broken in result.broken_links:
        con.print(
            _("Lenke til en fil som mangler: {problem}").format(problem=broken),
            style="yellow",
            markup=False,
        )
    seconds = _decimal(result.seconds)
    pages = ngettext("{n} side", "{n} sider", result.pages).format(n=result.pages)
    files = ngettext("{n} fil", "{n} filer", len(result.written)).format(n=len(result.written))
    if result.dry_run:
        summary = _(
            "Ville bygd {pages} i {out}/ på {seconds} s: {files} ville blitt skrevet, "
            "{unchanged} uendret, {removed} ville blitt fjernet."
        )
    else:
        summary = _(
            "Bygde {pages} i {out}/ på {seconds} s: {files} skrevet, {unchanged} "
            "uendret, {removed} fjernet."
        )
    con.print(
        summary.format(
            pages=pages,
            out=out,
            seconds=seconds,
            files=files,
            unchanged=result.unchanged,
            removed=len(result.removed),
        ),
        markup=False,
    )
    if result.dry_run:
        for rel in result.written:
            con.print("  " + _("skriv  {path}").format(path=rel), markup=False)
        for rel in result.removed:
            con.print("  " + _("fjern  {path}").format(path=rel), markup=False)
    else:
        con.print(
            _("Åpne {path} i en nettleser, eller legg mappen på intranettet.").format(
                path=out / "index.html"
            ),
            markup=False,
        )


def _decimal(seconds: float) -> str:
    """Seconds with two decimals: a decimal comma in Norwegian, a point in English."""
    text = f"{seconds:.2f}"
    return text if i18n.language() == "en" else text.replace(".", ",")
