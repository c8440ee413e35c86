"""``tvf init`` and ``tvf new``."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import TvfError
from ..i18n import N_, _
from .common import HandbookOption, TodayOption, english, handle_errors, load, parse_today


class NewType(enum.StrEnum):
    procedure = "procedure"
    attachment = "attachment"
    measure = "measure"
    plan = "plan"
    network = "network"
    prosedyre = "prosedyre"
    vedlegg = "vedlegg"
    tiltak = "tiltak"
    nettverk = "nettverk"


@handle_errors
def init_command(
    municipality: Annotated[
        str, typer.Option("--municipality", "-m", help=N_("Kommunen, f.eks. «Harstad kommune»."))
    ],
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar=N_("[MAPPE]"),
            help=N_("Mappen håndboka lages i (standard: denne mappen)."),
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help=N_("Håndbokas tittel (standard: «Håndbok for tverrfaglig samarbeid»)."),
            show_default=False,
        ),
    ] = None,
    coordinator: Annotated[
        str | None,
        typer.Option(
            "--coordinator",
            help=N_("Hvem som eier håndboka (standard: «Koordinator for tverrfaglig samarbeid»)."),
            show_default=False,
        ),
    ] = None,
    recipient: Annotated[
        str | None,
        typer.Option(
            "--recipient",
            help=N_(
                "Hvem nettverkenes referater sendes til, f.eks. «Tverrfaglig "
                "samarbeidsgruppe barn og unge v/ leder» (tvf spør om den "
                "mangler)."
            ),
            show_default=False,
        ),
    ] = None,
    approving_body: Annotated[
        str | None,
        typer.Option(
            "--approving-body",
            help=N_(
                "Organet som godkjenner dokumentene, f.eks. «Forebyggende "
                "forum»: det tvf stamp skriver i approved_by (tvf spør om "
                "det mangler)."
            ),
            show_default=False,
        ),
    ] = None,
    no_git: Annotated[
        bool,
        typer.Option("--no-git", help=N_("Ikke lag et git-repo, selv om mappen ikke er i et.")),
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help=N_("Ikke spør: det som mangler, er en feil (for skript).")),
    ] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Make a new, valid handbook (the help text is the command's ``help``)."""
    from ..render.console import console
    from ..render.scaffold import render_init
    from ..scaffold import InitOptions, init_handbook  # Jinja2 only when it is needed

    def ask(value: str | None, option: str, question: str) -> str:
        if value and value.strip():
            return value.strip()
        if no_input:
            raise TvfError(
                _("Mangler {option} (med --no-input spør ikke tvf).").format(option=option)
            )
        answer: str = typer.prompt(question)
        return answer.strip()

    root = directory or handbook or Path()
    recipient = ask(recipient, "--recipient", _("Hvem skal nettverkenes referater sendes til"))
    approving_body = ask(
        approving_body, "--approving-body", _("Hvilket organ godkjenner dokumentene i håndboka")
    )
    result = init_handbook(
        root,
        InitOptions(
            municipality=municipality,
            title=title,
            coordinator=coordinator,
            recipient=recipient,
            approving_body=approving_body,
            git=not no_git,
        ),
        today=parse_today(today),
    )
    render_init(result, console())


@handle_errors
def new_command(
    doc_type: Annotated[
        NewType,
        typer.Argument(
            metavar="TYPE",
            help=N_(
                "procedure, attachment, measure, plan eller network (eller "
                "prosedyre, vedlegg, tiltak, nettverk)."
            ),
        ),
    ],
    title: Annotated[str | None, typer.Option("--title", help=N_("Tittel."))] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help=N_("Ansvarlig enhet eller rolle (dokumenter)."))
    ] = None,
    chapter: Annotated[
        str | None,
        typer.Option(
            "--chapter", help=N_("Kapittel, f.eks. IV.7: dokumentet får neste ledige ID der.")
        ),
    ] = None,
    doc_id: Annotated[str | None, typer.Option("--id", help=N_("En bestemt ID i stedet."))] = None,
    code: Annotated[
        str | None, typer.Option("--code", help=N_("Tiltakskode (tiltak; standard: neste ledige)."))
    ] = None,
    applies_to: Annotated[
        list[str] | None,
        typer.Option("--applies-to", help=N_("Tjeneste dokumentet gjelder for; kan gjentas.")),
    ] = None,
    slug: Annotated[
        str | None, typer.Option("--slug", help=N_("Nettverkets ID, f.eks. sentrum (nettverk)."))
    ] = None,
    leader_name: Annotated[
        str | None, typer.Option("--leader-name", help=N_("Lederens navn (nettverk)."))
    ] = None,
    leader_role: Annotated[
        str | None,
        typer.Option("--leader-role", help=N_("Lederens rolle, f.eks. Rektor (nettverk).")),
    ] = None,
    mandate: Annotated[
        str | None,
        typer.Option("--mandate", help=N_("Dokument-ID-en til nettverkets mandat (nettverk).")),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help=N_("Ikke spør: det som mangler, er en feil (for skript).")),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Vis dokumentet uten å skrive det."))
    ] = False,
    handbook: HandbookOption = None,
    today: TodayOption = None,
) -> None:
    """Make a new document from a template (the help text is the command's ``help``)."""
    from ..render.console import console
    from ..render.scaffold import render_new
    from ..scaffold import NewDocument, NewNetwork, new_document, new_network, usual_chapter

    book = load(handbook)
    day = parse_today(today)

    def ask(value: str | None, option: str, question: str, default: str | None = None) -> str:
        """``value``, else ``default`` with --no-input, else the answer to ``question``."""
        if value:
            return value
        if no_input:
            if default:
                return default
            raise TvfError(
                _("Mangler {option} (med --no-input spør ikke tvf).").format(option=option)
            )
        answer: str = typer.prompt(question, default=default)
        return answer

    kind = english(doc_type.value)
    if kind == NewType.network:
        created = new_network(
            book,
            NewNetwork(
                slug=ask(slug, "--slug", _("Nettverkets ID (små bokstaver, f.eks. sentrum)")),
                title=ask(title, "--title", _("Tittel")),
                leader_name=ask(leader_name, "--leader-name", _("Lederens navn")),
                leader_role=ask(leader_role, "--leader-role", _("Lederens rolle")),
                mandate=mandate,
            ),
            today=day,
            dry_run=dry_run,
        )
    else:
        if doc_id is None:
            chapter = ask(
                chapter, "--chapter", _("Kapittel (f.eks. IV.7)"), usual_chapter(book, kind)
            )
        created = new_document(
            book,
            NewDocument(
                type=kind,
                title=ask(title, "--title", _("Tittel")),
                owner=ask(
                    owner, "--owner", _("Ansvarlig (enhet eller rolle)"), book.config.coordinator
                ),
                chapter=chapter,
                id=doc_id,
                code=code,
                applies_to=tuple(applies_to or ()),
            ),
            today=day,
            dry_run=dry_run,
        )
    render_new(created, console(), dry_run=dry_run)


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        help=N_(
            "Lag en ny, gyldig håndbok: tvf.toml, laws.yaml, mapper, README, eksempler og git-repo."
        ),
    )(init_command)
    app.command(
        "new",
        help=N_(
            "Lag et nytt dokument med neste ledige ID (eller tiltakskode) fra en mal, og vis stien."
        ),
    )(new_command)
