"""``tvf audit``: the tilsynsrapport as Markdown or as one self-contained HTML file, from the
templates ``audit.md.j2`` and ``audit.html.j2`` (a handbook's own ``templates/`` may override
them) and the plain data :func:`context` gives them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from .. import i18n
from ..audit import STATUS_NO, STATUSES, AuditReport, Evidence
from ..errors import TvfError
from ..i18n import _
from ..pii import guard
from .text import markdown_escape


def md(text: object) -> str:
    """Text safe inside Markdown (and in a Markdown table cell)."""
    return markdown_escape(str(text))


def _href(path: str, root: Path, base: Path) -> str:
    target = (root / path).resolve()
    try:
        rel = Path(os.path.relpath(target, base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        rel = target.as_posix()
    return quote(rel, safe="/._-~")


def context(report: AuditReport, link_base: Path) -> dict[str, object]:
    """What the templates get: plain data, links relative to ``link_base``."""

    def evidence(items: Iterable[Evidence]) -> list[dict[str, object]]:
        return [
            {
                "text": e.text,
                "links": [
                    {
                        "label": link.label,
                        "href": _href(link.path, report.root, link_base),
                        "path": link.path,
                    }
                    for link in e.links
                ],
            }
            for e in items
        ]

    return {
        "title": _("Tilsynsrapport"),
        "handbook": {"title": report.title, "municipality": report.municipality},
        "today": report.today.isoformat(),
        "today_text": i18n.long_date(report.today),
        "documents": report.documents,
        "networks": report.networks,
        "notes": list(report.notes),
        "summary": [
            {"status": s, "text": _(STATUS_NO[s]), "count": report.count(s)} for s in STATUSES
        ],
        "criteria": [
            {
                "number": c.number,
                "key": c.key,
                "title": c.title,
                "status": c.status,
                "status_text": c.status_text,
                "reason": c.reason,
                "rule": c.rule,
                "evidence": evidence(c.evidence),
                "missing": evidence(c.missing),
                "not_judged": c.not_judged,
                "would_help": list(c.would_help),
                "source": c.source,
            }
            for c in report.criteria
        ],
    }


def render_audit(report: AuditReport, fmt: str, *, link_base: Path) -> str:
    """The report as ``markdown`` or ``html`` (one self-contained file), from the templates
    ``audit.md.j2`` and ``audit.html.j2`` (a handbook's own ``templates/`` may override them).
    A report that would hold what looks like a national identity number is refused."""
    if fmt not in ("markdown", "html"):
        raise TvfError(
            _("Ukjent format «{format}» for tilsynsrapporten.").format(format=fmt),
            hint=_("Bruk --format markdown eller --format html."),
        )
    html = fmt == "html"
    from ..templating import environment, render  # Jinja2 only when a report is rendered

    env = environment(report.root, autoescape=html)
    env.filters["md"] = md
    text = render(env, "audit.html.j2" if html else "audit.md.j2", context(report, link_base))
    guard(
        text,
        _(
            "Tilsynsrapporten ville inneholdt det som ser ut som et fødselsnummer "
            "(TVF501), så den er ikke skrevet."
        ),
        hint=_("Kjør tvf check for å finne dokumentet, og fjern nummeret."),
    )
    return text
