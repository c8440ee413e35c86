"""``tvf laws``: the law registry."""

from __future__ import annotations

import json

import typer

from ..render import laws_table
from .common import (
    FormatOption,
    HandbookOption,
    TableFormat,
    TodayOption,
    console,
    handle_errors,
    load,
    parse_today,
)

laws_app = typer.Typer(
    help="Lovregisteret: pakkens lover slått sammen med håndbokas laws.yaml.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@laws_app.callback()
@handle_errors
def laws_command(
    ctx: typer.Context,
    handbook: HandbookOption = None,
    output_format: FormatOption = TableFormat.table,
    today: TodayOption = None,
) -> None:
    """List lovregisteret: pakkens lover slått sammen med håndbokas laws.yaml."""
    if ctx.invoked_subcommand is not None:
        return
    laws = load(handbook).laws
    day = parse_today(today)
    repealed = {law.id for law in laws if law.is_repealed(day)}
    if output_format is TableFormat.json:
        typer.echo(json.dumps([
            {"id": law.id, "title": law.title, "names": list(law.names),
             "repealed": law.repealed.isoformat() if law.repealed else None,
             "replaced_by": law.replaced_by, "in_force": law.id not in repealed,
             "url": law.url()}
            for law in laws
        ], ensure_ascii=False, indent=2))
    else:
        console().print(laws_table(laws, today_repealed=repealed))


def register(app: typer.Typer) -> None:
    app.add_typer(laws_app, name="laws")
