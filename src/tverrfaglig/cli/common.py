"""What every command shares: the --handbook and --today options, the one parser of date
options, error handling and the progress bar (the consoles are in :mod:`..render.console`)."""

from __future__ import annotations

import contextlib
import enum
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from ..day_options import parse_date as parse_date
from ..day_options import parse_today as parse_today
from ..errors import TvfError
from ..i18n import N_, _

if TYPE_CHECKING:
    from ..handbook import Handbook

# What a command needs is imported inside it (rich, the checks, the laws, git), so that
# ``tvf --help`` and every command start without the libraries they do not use.

P = ParamSpec("P")
R = TypeVar("R")

HandbookOption = Annotated[
    Path | None,
    typer.Option(
        "--handbook",
        "-H",
        help=N_(
            "Mappen med håndboka (der tvf.toml ligger). "
            "Ellers: TVF_HANDBOOK, nærmeste mappe oppover med tvf.toml, eller ./handbook/."
        ),
        show_default=False,
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="TVF_TODAY",
        metavar=N_("ÅÅÅÅ-MM-DD"),
        help=N_("Datoen som regnes som i dag (for reproduserbare kjøringer)."),
        show_default=False,
    ),
]


class TableFormat(enum.StrEnum):
    table = "table"
    json = "json"


#: The Norwegian words tvf shows for the contract's English values (types, statuses, …), which
#: options accept alongside the English ones: ``tvf list --type prosedyre --status godkjent``.
NORWEGIAN_VALUES = {
    "prosedyre": "procedure",
    "vedlegg": "attachment",
    "tiltak": "measure",
    "nettverk": "network",
    "utkast": "draft",
    "godkjent": "approved",
    "utgått": "retired",
    "utgatt": "retired",
    "ansvarlig": "owner",
    "eier": "owner",
}


def english(value: str) -> str:
    """The contract's (English) value for an option value given in Norwegian or English."""
    return NORWEGIAN_VALUES.get(value, value)


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help=N_("table eller json."))]


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print a :class:`TvfError` in red on stderr and exit 2; let real bugs through."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TvfError as exc:
            from ..render.console import error_console, print_error

            print_error(exc, error_console())
            raise typer.Exit(exc.exit_code) from None

    return wrapper


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; ``None`` (quiet) otherwise.

    Yields a ``callback(advance, total)`` for the library function that does the work.
    """
    import os
    import sys

    # Not a terminal, nor told to act as one (rich's rules): quiet, without importing rich.
    if not (
        sys.stderr.isatty()
        or "FORCE_COLOR" in os.environ
        or os.environ.get("TTY_COMPATIBLE") == "1"
    ):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    err = Console(stderr=True)
    if not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def advance(step: int, total: int) -> None:
            bar.update(task, advance=step, total=total)

        yield advance


def parse_count(value: int, option: str, *, lowest: int, highest: int) -> int:
    """``value`` of the whole-number option ``option`` when it is ``lowest``–``highest``;
    otherwise a refusal (exit 2) that says the range."""
    if not lowest <= value <= highest:
        raise TvfError(
            _("{option} {value} er utenfor det tvf tillater ({lowest} til {highest}).").format(
                option=option, value=value, lowest=lowest, highest=highest
            )
        )
    return value


def load(handbook: Path | None) -> Handbook:
    """Find the handbook as the contract says, and read it."""
    from ..config import find_handbook
    from ..handbook import load_handbook

    return load_handbook(find_handbook(handbook))
