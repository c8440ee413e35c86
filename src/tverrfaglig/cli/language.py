"""The command line in the user's language.

* ``--lang nb|en`` is a global option that may stand anywhere before ``--``
  (``tvf check --lang en`` as well as ``tvf --lang en check``); without it the environment
  decides (:func:`tverrfaglig.i18n.resolve`). The language is set before anything is parsed,
  so even ``--help`` and usage errors speak it.
* Help texts and metavars are written in Norwegian and marked with ``N_``; :func:`localise`
  translates the whole command tree when a command line is run.
* typer and its vendored click speak English of their own ("Usage:", "Show this message and
  exit.", "No such option"). Their strings are the message IDs of the ``click`` domain, whose
  bokmål catalog lives in ``locale/nb/LC_MESSAGES/click.po``: typer looks its strings up with
  gettext (we give it ours), the help formatter and the error printer here look up the rest.
  A click error is matched against the catalog's patterns (``No such option: {name}``) and
  printed in the same shape as click's own, in the language in use.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer
import typer.core
from typer._click import exceptions as click_exceptions
from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter

from .. import i18n
from . import completion
from .coercion import quicken

LANG_OPTION = "--lang"
#: What click writes in a usage line for the options and subcommands of a command.
USAGE_PIECES = ("[OPTIONS]", "COMMAND [ARGS]...")
#: typer puts this before the message of a value it could not convert; it tells nobody anything.
VALUE_ERROR_PREFIX = "Value error, "

# typer looks its own strings up with gettext's ``_``; let it look in our catalog instead.
typer.core._ = i18n.click_text  # type: ignore[attr-defined]


def pop_lang(args: Sequence[str]) -> tuple[list[str], str | None]:
    """``args`` without any ``--lang X`` / ``--lang=X`` before ``--``, and the last X given.

    A ``--lang`` without a value is left where it is, for click to complain about.
    """
    rest: list[str] = []
    chosen: str | None = None
    items = list(args)
    index = 0
    while index < len(items):
        arg = items[index]
        if arg == "--":
            rest.extend(items[index:])
            break
        if arg.startswith(LANG_OPTION + "="):
            chosen = arg.partition("=")[2]
        elif arg == LANG_OPTION and index + 1 < len(items):
            chosen = items[index + 1]
            index += 1
        else:
            rest.append(arg)
        index += 1
    return rest, chosen


# --- Help texts ----------------------------------------------------------------------------


def localise(command: Command) -> None:
    """Make ``command`` and everything under it speak the language in use: translate their
    help texts and metavars, and give them the context whose help formatter translates
    click's own words.

    The Norwegian originals are kept on the objects, so a command tree can be localised again
    in another language.
    """
    for item in _walk(command):
        item.context_class = LocalisedContext
        for attribute in ("help", "short_help", "epilog"):
            _translate_attribute(item, attribute)
        for param in item.params:
            _translate_attribute(param, "help")
            _translate_attribute(param, "metavar")


def _walk(command: Command) -> Iterator[Command]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def _translate_attribute(obj: object, attribute: str) -> None:
    original_key = f"_tvf_original_{attribute}"
    original = obj.__dict__.get(original_key, getattr(obj, attribute, None))
    if not isinstance(original, str) or not original:
        return
    obj.__dict__[original_key] = original
    setattr(obj, attribute, i18n._(original))


class LocalisedHelpFormatter(HelpFormatter):
    """click's help formatter, with click's and typer's own words in the language in use:
    "Usage:", "[OPTIONS]", the text of ``--help`` and the names of value types."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for piece in USAGE_PIECES:
            args = args.replace(piece, i18n.click_text(piece))
        super().write_usage(
            prog, _type_names(args), i18n.click_text("Usage: ") if prefix is None else prefix
        )

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl(
            [
                (_type_names(first), i18n.click_text(second) if second else second)
                for first, second in rows
            ],
            col_max,
            col_spacing,
        )


_TYPE_NAME = re.compile(r"<[^<>\s|]+(?: range)?>")


def _type_names(text: str) -> str:
    """typer's names for value types (``<path>``, ``<str>``) in the language in use."""
    return _TYPE_NAME.sub(lambda match: i18n.click_text(match.group(0)), text)


class LocalisedContext(Context):
    formatter_class = LocalisedHelpFormatter


# --- Errors --------------------------------------------------------------------------------

#: A placeholder in a message (``{name}``, ``{name!r}``), and the same after ``re.escape``.
_PLACEHOLDER_PLAIN = re.compile(r"\{(\w+)(?:!r)?\}")
_PLACEHOLDER = re.compile(r"\\\{(\w+)(?:!r)?\\\}")


@functools.cache
def _patterns(language: str) -> list[tuple[re.Pattern[str], str]]:
    """The catalog's messages with placeholders as regular expressions, longest first."""
    del language  # part of the cache key: the catalog differs per language
    patterns = []
    for english, translated in i18n.click_catalog().items():
        if "{" not in english:
            continue
        regex = _PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(english))
        patterns.append((re.compile(f"^{regex}$", re.DOTALL), translated))
    patterns.sort(key=lambda item: -len(item[0].pattern))
    return patterns


def translate_click_message(message: str) -> str:
    """A message click or typer wrote in English, in the language in use."""
    message = message.replace(VALUE_ERROR_PREFIX, "")
    exact = i18n.click_text(message)
    if exact != message:
        return exact
    for pattern, translated in _patterns(i18n.language()):
        match = pattern.match(message)
        if match:
            values = {
                name: translate_click_message(value) if name == "message" else value
                for name, value in match.groupdict().items()
            }
            return _format(translated, values)
    return message


def _format(template: str, values: dict[str, str]) -> str:
    """``template`` with its placeholders filled from ``values`` (captured text, used as is)."""
    return _PLACEHOLDER_PLAIN.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def show_usage_error(error: click_exceptions.ClickException) -> None:
    """Print a click error the way click does, in the language in use."""
    echo = functools.partial(typer.echo, err=True)
    if isinstance(error, click_exceptions.NoArgsIsHelpError):
        echo(error.format_message())
        return
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = (
                i18n.click_text("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
                + "\n"
            )
        echo(f"{ctx.get_usage()}\n{hint}")
    echo(
        i18n.click_text("Error: {message}").format(
            message=translate_click_message(error.format_message())
        )
    )


# --- The root group ------------------------------------------------------------------------


class LocalisedGroup(typer.core.TyperGroup):
    """The ``tvf`` group: picks the language first, then runs the command line in it."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        rest, chosen = pop_lang(sys.argv[1:] if args is None else args)
        i18n.activate(i18n.resolve(chosen))
        localise(self)
        quicken(_walk(self))  # option values without pydantic when they are plain
        completion.attach(self)
        if chosen is not None:
            rest = [LANG_OPTION, chosen, *rest]  # the option itself checks the value
        run = functools.partial(
            super().main,
            rest,
            prog_name,
            complete_var,
            standalone_mode=False,
            windows_expand_args=windows_expand_args,
            **extra,
        )
        if not standalone_mode:
            return run()
        try:
            result = run()
        except click_exceptions.ClickException as error:
            show_usage_error(error)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo(i18n.click_text("Aborted!"), err=True)
            sys.exit(1)
        # Without standalone mode typer returns the exit code of a typer.Exit; tvf's
        # commands themselves return nothing.
        sys.exit(result if isinstance(result, int) else 0)
