"""``tvf init`` and ``tvf new``."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import TvfError
from .common import HandbookOption, TodayOption, console, handle_errors, load, parse_today


class NewType(enum.StrEnum):
    procedure = "procedure"
    attachment = "attachment"
    measure = "measure"
    plan = "plan"
    network = "network"


@handle_errors
def init_command(
    municipality: Annotated[str, typer.Option(
        "--municipality", "-m", help="Kommunen, f.eks. «Harstad kommune».")],
    directory: Annotated[Path | None, typer.Argument(
        metavar="[MAPPE]", help="Mappen håndboka lages i (standard: denne mappen).",
        show_default=False)] = None,
    title: Annotated[str, typer.Option("--title", help="Håndbokas tittel.")] =
        "Håndbok for tverrfaglig samarbeid",
    coordinator: Annotated[str, typer.Option(
        "--coordinator", help="Hvem som eier håndboka.")] =
        "Koordinator for tverrfaglig samarbeid",
    no_git: Annotated[bool, typer.Option(
        "--no-git", help="Ikke lag et git-repo, selv om mappen ikke er i et.")] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Lag en ny, gyldig håndbok: tvf.toml, laws.yaml, mapper, README, eksempler og git-repo."""
    from ..scaffold import InitOptions, init_handbook  # Jinja2 only when it is needed

    root = directory or handbook or Path()
    result = init_handbook(root, InitOptions(municipality=municipality, title=title,
                                             coordinator=coordinator, git=not no_git),
                           today=parse_today(today))
    out = console()
    out.print(f"Laget en ny håndbok i {result.root}:", markup=False)
    for name in result.written:
        out.print(f"  {name}", markup=False)
    if result.git_initialised:
        out.print("og et nytt git-repo.")
    out.print(f"Neste steg: cd {result.root} && tvf check", markup=False)


@handle_errors
def new_command(
    doc_type: Annotated[NewType, typer.Argument(
        metavar="TYPE", help="procedure, attachment, measure, plan eller network.")],
    title: Annotated[str | None, typer.Option("--title", help="Tittel.")] = None,
    owner: Annotated[str | None, typer.Option(
        "--owner", help="Ansvarlig enhet eller rolle (dokumenter).")] = None,
    chapter: Annotated[str | None, typer.Option(
        "--chapter", help="Kapittel, f.eks. IV.7: dokumentet får neste ledige ID der.")] = None,
    doc_id: Annotated[str | None, typer.Option("--id", help="En bestemt ID i stedet.")] = None,
    code: Annotated[str | None, typer.Option(
        "--code", help="Tiltakskode (tiltak; standard: neste ledige).")] = None,
    applies_to: Annotated[list[str] | None, typer.Option(
        "--applies-to", help="Tjeneste dokumentet gjelder for; kan gjentas.")] = None,
    slug: Annotated[str | None, typer.Option(
        "--slug", help="Nettverkets ID, f.eks. sentrum (nettverk).")] = None,
    leader_name: Annotated[str | None, typer.Option(
        "--leader-name", help="Lederens navn (nettverk).")] = None,
    leader_role: Annotated[str | None, typer.Option(
        "--leader-role", help="Lederens rolle, f.eks. Rektor (nettverk).")] = None,
    mandate: Annotated[str | None, typer.Option(
        "--mandate", help="Dokument-ID-en til nettverkets mandat (nettverk).")] = None,
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Ikke spør: det som mangler, er en feil (for skript).")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Vis dokumentet uten å skrive det.")] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Lag et nytt dokument med neste ledige ID (eller tiltakskode) fra en mal, og vis stien."""
    from ..scaffold import NewDocument, NewNetwork, new_document, new_network, usual_chapter

    book = load(handbook)
    day = parse_today(today)

    def ask(value: str | None, option: str, question: str, default: str | None = None) -> str:
        if value:
            return value
        if no_input:
            if default:
                return default
            raise TvfError(f"Mangler {option} (med --no-input spør ikke tvf).")
        answer: str = typer.prompt(question, default=default)
        return answer

    if doc_type is NewType.network:
        created = new_network(book, NewNetwork(
            slug=ask(slug, "--slug", "Nettverkets ID (små bokstaver, f.eks. sentrum)"),
            title=ask(title, "--title", "Tittel"),
            leader_name=ask(leader_name, "--leader-name", "Lederens navn"),
            leader_role=ask(leader_role, "--leader-role", "Lederens rolle"),
            mandate=mandate,
        ), today=day, dry_run=dry_run)
    else:
        if doc_id is None:
            chapter = ask(chapter, "--chapter", "Kapittel (f.eks. IV.7)",
                          usual_chapter(book, doc_type.value))
        created = new_document(book, NewDocument(
            type=doc_type.value, title=ask(title, "--title", "Tittel"),
            owner=ask(owner, "--owner", "Ansvarlig (enhet eller rolle)",
                      book.config.coordinator),
            chapter=chapter, id=doc_id, code=code, applies_to=tuple(applies_to or ()),
        ), today=day, dry_run=dry_run)
    if dry_run:
        typer.echo(created.text, nl=False)
        return
    code_note = f" ({created.code})" if created.code else ""
    console().print(f"Laget {created.id}{code_note}: {created.path}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
    app.command("new")(new_command)
