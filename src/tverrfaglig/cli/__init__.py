"""The ``tvf`` command line.

Each command parses its options, calls one library function and prints the result; user errors
(:class:`~tverrfaglig.errors.TvfError`) are caught by :func:`common.handle_errors` and exit with
status 2. Commands live in one module per area and are registered here.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from . import (
    build_commands,
    handbook_commands,
    laws_commands,
    meetings_commands,
    report_commands,
    revisions_commands,
    scaffold_commands,
)

app = typer.Typer(
    name="tvf",
    help="tvf holder håndboka for tverrfaglig samarbeid i orden: skjema, ID-er, referanser, "
         "lovhenvisninger og revisjonsdatoer.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tvf {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Vis versjonen og avslutt.")] = False,
) -> None:
    """tvf: verktøy for håndboka for tverrfaglig samarbeid."""


handbook_commands.register(app)
laws_commands.register(app)
build_commands.register(app)
scaffold_commands.register(app)
meetings_commands.register(app)
revisions_commands.register(app)
report_commands.register(app)

__all__ = ["app"]
