"""Shell completion: ``tvf --install-completion`` and ``--show-completion``, and what they
complete besides commands and options: document IDs and network IDs from the handbook.

The completion script the shell runs calls ``tvf`` again with ``_TVF_COMPLETE`` set (click's
protocol, through typer's shell classes for bash, zsh, fish and PowerShell). The candidates are
read from the documents' front matter only, without the law registry or any check, so a
completion on the bundled handbook takes about as long as Python takes to start. Completion
never fails: whatever goes wrong (no handbook, an unreadable file) gives no candidates.

Which parameters complete what is written once, in :data:`DOCUMENT_PARAMETERS` and
:data:`NETWORK_PARAMETERS`, and :func:`attach` gives the command tree those completers, so
the commands themselves need not know about completion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer import _completion_classes, _completion_shared
from typer._click.core import Command, Context, Parameter
from typer._click.shell_completion import CompletionItem

from ..i18n import _

PROG_NAME = "tvf"
COMPLETE_VAR = "_TVF_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
#: (command path below tvf, parameter name): parameters whose value is a document ID.
DOCUMENT_PARAMETERS = {("show", "doc_id"), ("stamp", "targets"), ("history", "doc_id")}
#: Parameters whose value is a network ID: every ``--network`` and ``tvf network show ID``.
NETWORK_PARAMETERS = {("network show", "slug"), ("*", "network")}


def attach(root: Command) -> None:
    """Give the document and network parameters of the command tree under ``root`` their
    completers, and register typer's shell classes (bash, zsh, fish, PowerShell)."""
    _completion_classes.completion_init()
    for path, command in _walk(root, ()):
        where = " ".join(path)
        for param in command.params:
            key = param.name or ""
            if (where, key) in DOCUMENT_PARAMETERS:
                _set_completer(param, complete_documents)
            elif (where, key) in NETWORK_PARAMETERS or ("*", key) in NETWORK_PARAMETERS:
                _set_completer(param, complete_networks)


def _walk(command: Command, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Command]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found.extend(_walk(sub, (*path, name)))
    return found


def _set_completer(param: Parameter, completer: Any) -> None:
    # click keeps a parameter's custom completer here (``shell_complete=`` when it is made).
    param._custom_shell_complete = completer


# --- The candidates ------------------------------------------------------------------------


def candidates(root: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The handbook's documents and networks as (ID, title), read from front matter only.

    Handbook documents (procedures, attachments, measures, plans) come by ID and, for
    measures, also by code (V01); networks by ID. Files that cannot be read are left out.
    """
    from ..config import load_config  # the library only when a completion is asked for
    from ..document import HANDBOOK_TYPES, NETWORK_TYPE
    from ..handbook import discover, read_document

    config = load_config(root)
    documents: list[tuple[str, str]] = []
    networks: list[tuple[str, str]] = []
    for rel, path, problem in discover(root, config.exclude):
        if problem is not None:
            continue
        doc, _problems = read_document(rel, path)
        if doc is None or doc.id is None:
            continue
        if doc.type in HANDBOOK_TYPES:
            documents.append((doc.id, doc.title))
            code = doc.get("code")
            if isinstance(code, str) and code:
                documents.append((code, doc.title))
        elif doc.type == NETWORK_TYPE:
            networks.append((doc.id, doc.title))
    return sorted(set(documents)), sorted(set(networks))


def _handbook_of(ctx: Context) -> Path:
    """The handbook the command line names (``--handbook`` given before the word being
    completed), else the one tvf would find."""
    from ..config import find_handbook

    explicit = None
    while ctx is not None:
        value = ctx.params.get("handbook")
        if value:
            explicit = Path(value)
            break
        ctx = ctx.parent  # type: ignore[assignment]
    return find_handbook(explicit)


def _complete(ctx: Context, incomplete: str, which: int) -> list[CompletionItem]:
    try:
        found = candidates(_handbook_of(ctx))[which]
    except Exception:  # completion must never fail: no handbook, no candidates
        return []
    return [
        CompletionItem(value, help=title or None)
        for value, title in found
        if value.startswith(incomplete)
    ]


def complete_documents(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    """Document IDs and measure codes that start with ``incomplete``."""
    del param
    return _complete(ctx, incomplete, 0)


def complete_networks(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
    """Network IDs that start with ``incomplete``."""
    del param
    return _complete(ctx, incomplete, 1)


# --- --install-completion and --show-completion --------------------------------------------


def _shell(value: str) -> str:
    if value not in SHELLS:
        raise typer.BadParameter(
            _("Skallet «{shell}» støttes ikke; velg bash, zsh, fish eller powershell.").format(
                shell=value
            )
        )
    return value


def install_callback(ctx: Context, param: Parameter, value: str | None) -> None:
    del param
    if value is None or ctx.resilient_parsing:
        return
    shell, path = _completion_shared.install(
        shell=_shell(value), prog_name=PROG_NAME, complete_var=COMPLETE_VAR
    )
    typer.echo(
        _(
            "Fullføring for {shell} er lagt inn i {path}. Den virker fra neste gang du "
            "åpner et terminalvindu."
        ).format(shell=shell, path=path)
    )
    raise typer.Exit()


def show_callback(ctx: Context, param: Parameter, value: str | None) -> None:
    del param
    if value is None or ctx.resilient_parsing:
        return
    typer.echo(
        _completion_shared.get_completion_script(
            prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=_shell(value)
        )
    )
    raise typer.Exit()
