"""The ``tvf`` command line.

Each command parses its options, calls one library function and prints the result; user errors
(:class:`~tverrfaglig.errors.TvfError`) are caught by :func:`common.handle_errors` and exit with
status 2. Commands live in one module per area and are registered here. The group is
:class:`language.LocalisedGroup`: it sets the language (``--lang``, ``TVF_LANG``, ``LANG``)
before anything else runs and translates the help texts, which are marked with ``N_``.
"""

import contextlib
import enum
from collections.abc import Iterator, Sequence
from typing import Annotated

import typer
import typer.main

from .. import __version__
from ..i18n import N_
from . import (
    build_commands,
    completion,
    confirmations_commands,
    export_commands,
    handbook_commands,
    language,
    laws_commands,
    mail_commands,
    meetings_commands,
    report_commands,
    revisions_commands,
    scaffold_commands,
)

app = typer.Typer(
    name="tvf",
    cls=language.LocalisedGroup,
    help=N_(
        "tvf holder håndboka for tverrfaglig samarbeid i orden: skjema, ID-er, referanser, "
        "lovhenvisninger og revisjonsdatoer."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tvf {__version__}")
        raise typer.Exit()


class Language(enum.StrEnum):
    nb = "nb"
    en = "en"


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=N_("Vis versjonen og avslutt.")
        ),
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            language.LANG_OPTION,
            show_default=False,
            help=N_(
                "Språket tvf snakker: nb (bokmål, standard) eller en (engelsk). Kan stå hvor som "
                "helst på kommandolinjen. Ellers avgjør TVF_LANG, og så LANGUAGE, LC_ALL, "
                "LC_MESSAGES og LANG (en_* gir engelsk)."
            ),
        ),
    ] = None,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar=N_("SKALL"),
            callback=completion.install_callback,
            is_eager=True,
            show_default=False,
            help=N_(
                "Legg inn fullføring med Tab (kommandoer, valg, dokument-ID-er og nettverk) "
                "for skallet: bash, zsh, fish eller powershell."
            ),
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar=N_("SKALL"),
            callback=completion.show_callback,
            is_eager=True,
            show_default=False,
            help=N_(
                "Skriv ut fullføringsskriptet for skallet (bash, zsh, fish eller "
                "powershell), for å legge det inn selv."
            ),
        ),
    ] = None,
) -> None:
    """The root of the command line; --lang has already been applied by LocalisedGroup."""


handbook_commands.register(app)
laws_commands.register(app)
build_commands.register(app)
scaffold_commands.register(app)
meetings_commands.register(app)
revisions_commands.register(app)
report_commands.register(app)
export_commands.register(app)
mail_commands.register(app)
confirmations_commands.register(app)


@contextlib.contextmanager
def narrowed(args: Sequence[str]) -> Iterator[None]:
    """While in the block, the app builds only the command or group that ``args`` (the
    command line after ``tvf``) begin with, with the root's own options: typer builds every
    command's options from its signature on each run, and a run uses one. The command line
    runs the same (its usage, help and errors are those of that command); with anything else
    first (an option, an unknown word, nothing) the app is whole."""
    first = args[0] if args else ""
    commands = [
        info
        for info in app.registered_commands
        if (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")))
        == first
    ]
    groups = [info for info in app.registered_groups if info.name == first]
    if len(commands) + len(groups) != 1:
        yield
        return
    every_command, every_group = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = commands, groups
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = every_command, every_group


__all__ = ["app", "narrowed"]
