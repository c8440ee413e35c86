"""The one Jinja2 environment factory.

Templates run sandboxed with ``StrictUndefined`` (a missing variable is an error naming the
template and line, never an empty string) and ``keep_trailing_newline``. The loader tries the
handbook's own ``templates/`` first and the templates that ship with tvf second, so a
municipality can override any template by putting a file of the same name in its handbook.

Text from documents and inputs is passed to templates as data and never compiled, so
``{{ … }}`` inside an input shows literally in the result.

A handbook's own template cannot exhaust tvf either: the sandbox refuses a ``range`` of more
than 100,000 numbers, a string or list multiplied past :data:`OUTPUT_LIMIT` and a power of more
than :data:`POWER_LIMIT` bits; a template writes at most :data:`OUTPUT_LIMIT` characters; and
a macro that calls itself without end stops at Python's recursion limit. Each is a
:class:`TvfError` naming the template.

Templates speak the language in use (:mod:`tverrfaglig.i18n`): Jinja2's i18n extension gives
them ``{% trans %}``, ``_()`` and ``ngettext()`` backed by tvf's catalog, the global
``language`` (``nb`` or ``en``, for ``<html lang>``) and the filter ``long_date``.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment

from . import i18n
from .errors import TvfError
from .resources import packaged_templates

HANDBOOK_TEMPLATES = "templates"
#: The most characters one template may write, or one expression may build by ``*``.
OUTPUT_LIMIT = 20_000_000
#: The largest power (in bits) one expression may compute with ``**``.
POWER_LIMIT = 100_000


class _LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with limits on what ``*`` and ``**`` may build."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: object, right: object
    ) -> object:
        if operator == "*" and _product_size(left, right) > OUTPUT_LIMIT:
            raise SecurityError(
                i18n._(
                    "Uttrykket ville laget en tekst eller liste på mer enn {limit} tegn."
                ).format(limit=_number(OUTPUT_LIMIT))
            )
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and left.bit_length() * right > POWER_LIMIT
        ):
            raise SecurityError(
                i18n._("Potensen er for stor (mer enn {limit} biter).").format(
                    limit=_number(POWER_LIMIT)
                )
            )
        return super().call_binop(context, operator, left, right)


def _number(value: int) -> str:
    """A whole number with spaces between the thousands (``20 000 000``)."""
    return f"{value:,}".replace(",", "\u00a0")


def _product_size(left: object, right: object) -> int:
    """How long ``left * right`` would be when it repeats a sequence; 0 for numbers."""
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int):
            return len(seq) * max(times, 0)
    return 0


def environment(
    handbook_root: Path | None = None, *, autoescape: bool = False
) -> SandboxedEnvironment:
    """A sandboxed environment; ``autoescape=True`` for HTML output."""
    loaders: list[jinja2.BaseLoader] = []
    if handbook_root is not None and (handbook_root / HANDBOOK_TEMPLATES).is_dir():
        loaders.append(jinja2.FileSystemLoader(handbook_root / HANDBOOK_TEMPLATES))
    loaders.append(jinja2.FileSystemLoader(packaged_templates()))
    env = _LimitedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext=i18n._, ngettext=i18n.ngettext, newstyle=True
    )
    env.globals["language"] = i18n.language()
    env.filters["yaml"] = yaml_scalar
    env.filters["long_date"] = i18n.long_date
    return env


def yaml_scalar(value: object) -> str:
    """A value as a YAML flow scalar that reads back as the same value, whatever it holds.

    JSON is a subset of YAML, so a JSON string is a safe double-quoted YAML string: a title
    with a colon, a quote or a leading dash cannot break the front matter. Dates stay plain
    (``2026-11-25``) so YAML reads them as dates.
    """
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return str(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def render(env: jinja2.Environment, name: str, context: Mapping[str, object]) -> str:
    """Render template ``name``; any template problem is a :class:`TvfError` with its line."""
    try:
        template = env.get_template(name)
        parts: list[str] = []
        written = 0
        for part in template.generate(**context):
            written += len(part)
            if written > OUTPUT_LIMIT:
                raise TvfError(
                    i18n._(
                        "Malen {template} skriver mer enn {limit} tegn; tvf stoppet den."
                    ).format(template=name, limit=_number(OUTPUT_LIMIT)),
                    hint=i18n._(
                        "Se etter en løkke eller et uttrykk i malen som "
                        "gjentar seg for mange ganger."
                    ),
                )
            parts.append(part)
        return "".join(parts)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise TvfError(
            i18n._("Malen {template}, linje {line}: {problem}").format(
                template=where, line=exc.lineno, problem=exc.message
            )
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TvfError(
            i18n._("Fant ikke malen {template}.").format(template=exc.name),
            hint=i18n._("Malene ligger i håndbokas templates/ eller følger med tvf."),
        ) from None
    except jinja2.TemplateError as exc:
        where = _template_line(exc) or name
        raise TvfError(
            i18n._("Malen {template}: {problem}").format(template=where, problem=exc.message or exc)
        ) from None
    except OverflowError as exc:  # the sandbox's range limit
        raise TvfError(
            i18n._("Malen {template}: range() med mer enn {limit} tall er ikke tillatt.").format(
                template=_template_line(exc) or name, limit=_number(MAX_RANGE)
            )
        ) from None
    except RecursionError:
        raise TvfError(
            i18n._(
                "Malen {template} kaller seg selv uten ende (en makro som kaller "
                "seg selv?); tvf stoppet den."
            ).format(template=name)
        ) from None


def _template_line(exc: BaseException) -> str | None:
    """``file:line`` of the innermost template frame (Jinja2 rewrites tracebacks to them)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            return i18n._("{file}, linje {line}").format(file=frame.filename, line=frame.lineno)
    return None
