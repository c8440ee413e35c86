"""The one Jinja2 environment factory.

Templates run sandboxed with ``StrictUndefined`` (a missing variable is an error naming the
template and line, never an empty string) and ``keep_trailing_newline``. The loader tries the
handbook's own ``templates/`` first and the templates that ship with tvf second, so a
municipality can override any template by putting a file of the same name in its handbook.

Text from documents and inputs is passed to templates as data and never compiled, so
``{{ … }}`` inside an input shows literally in the result.

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
from jinja2.sandbox import SandboxedEnvironment

from . import i18n
from .errors import TvfError
from .resources import packaged_templates

HANDBOOK_TEMPLATES = "templates"


def environment(handbook_root: Path | None = None, *, autoescape: bool = False
                ) -> SandboxedEnvironment:
    """A sandboxed environment; ``autoescape=True`` for HTML output."""
    loaders: list[jinja2.BaseLoader] = []
    if handbook_root is not None and (handbook_root / HANDBOOK_TEMPLATES).is_dir():
        loaders.append(jinja2.FileSystemLoader(handbook_root / HANDBOOK_TEMPLATES))
    loaders.append(jinja2.FileSystemLoader(packaged_templates()))
    env = SandboxedEnvironment(
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
        gettext=i18n._, ngettext=i18n.ngettext, newstyle=True)
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
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise TvfError(i18n._("Malen {template}, linje {line}: {problem}").format(
            template=where, line=exc.lineno, problem=exc.message)) from None
    except jinja2.TemplateNotFound as exc:
        raise TvfError(i18n._("Fant ikke malen {template}.").format(template=exc.name),
                       hint=i18n._("Malene ligger i håndbokas templates/ eller følger med tvf.")
                       ) from None
    except jinja2.TemplateError as exc:
        where = _template_line(exc) or name
        raise TvfError(i18n._("Malen {template}: {problem}").format(
            template=where, problem=exc.message or exc)) from None


def _template_line(exc: BaseException) -> str | None:
    """``file:line`` of the innermost template frame (Jinja2 rewrites tracebacks to them)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            return i18n._("{file}, linje {line}").format(file=frame.filename,
                                                         line=frame.lineno)
    return None
