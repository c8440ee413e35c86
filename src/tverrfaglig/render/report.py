"""The check report (:class:`~tverrfaglig.findings.Report`) as text for people, JSON (the
contract) and GitHub annotations; SARIF and JUnit are in :mod:`.machine`.

Renderers only format; they decide nothing. Human output uses rich; machine output (JSON,
GitHub annotations) is plain text with a stable shape. The text report and the annotations
name files as SARIF and JUnit do (:func:`.machine.report_paths`); JSON keeps the contract's
paths, relative to the handbook root.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding, Report, Severity
from ..i18n import N_, _, ngettext
from .text import count_documents, json_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# rich and the report paths are imported where they are used: a ``tvf check`` with nothing
# to say prints one line (:func:`plain_human`), and needs neither.

#: What rich's :class:`~rich.text.Text` removes from every text it is given
#: (``rich.control.strip_control_codes``: bell, backspace, vertical tab, form feed, carriage
#: return), before tvf's console escapes the other control characters.
_RICH_STRIPS = dict.fromkeys([7, 8, 11, 12, 13])
SEVERITY_NO = {Severity.ERROR: N_("feil"), Severity.WARNING: N_("advarsel")}
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render_human(report: Report, console: Console, root: Path | None = None) -> None:
    """Findings grouped by file, each as ``path:line``, then a one-line summary. With the
    handbook's ``root``, paths are those of every report (:func:`.machine.report_paths`);
    without it, relative to the handbook root."""
    from rich.text import Text

    for path, findings, locations in _groups(report, root):
        console.print(Text(path, style="bold underline"))
        width = max(len(location) for location in locations)
        for finding, location in zip(findings, locations, strict=True):
            line = Text("  ")
            line.append(location.ljust(width), style="cyan")
            line.append("  ")
            line.append(finding.code, style=STYLE[finding.severity])
            line.append(f" {_(SEVERITY_NO[finding.severity]):<8} ", style=STYLE[finding.severity])
            line.append(finding.message)
            console.print(line)
        console.print()
    console.print(summary(report))


def _groups(report: Report, root: Path | None) -> list[tuple[str, list[Finding], list[str]]]:
    """The findings by file: the path shown, the findings, and each one's ``path:line``."""
    if not report.findings:
        return []
    from .machine import report_paths

    paths = report_paths(root) if root is not None else None
    groups = []
    for handbook_path, group in groupby(report.findings, key=lambda f: f.path):
        path = paths.of(handbook_path) if paths else handbook_path
        findings = list(group)
        groups.append((path, findings, [f"{path}:{f.line}" if f.line else path for f in findings]))
    return groups


def plain_human(report: Report, root: Path | None = None) -> str:
    """What :func:`render_human` prints to a console that is not a terminal (no colours, no
    wrapping: tvf's consoles soft-wrap), as one text, without rich: each line made safe as
    :class:`.console.SafeConsole` makes it (:func:`.safe.printable`). ``tests/render/
    test_report.py`` holds the two to the same bytes."""
    from .safe import printable

    def shown(text: str) -> str:
        return printable(text.translate(_RICH_STRIPS))

    lines = []
    for path, findings, locations in _groups(report, root):
        lines.append(shown(path))
        width = max(len(location) for location in locations)
        for finding, location in zip(findings, locations, strict=True):
            severity = f" {_(SEVERITY_NO[finding.severity]):<8} "
            lines.append(
                shown(f"  {location.ljust(width)}  {finding.code}{severity}{finding.message}")
            )
        lines.append("")
    mark, text, _style = _summary_parts(report)
    lines.append(shown(f"{mark} {text}"))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> Text:
    from rich.text import Text

    mark, text, style = _summary_parts(report)
    return Text(f"{mark} {text}", style=style)


def _summary_parts(report: Report) -> tuple[str, str, str]:
    """The summary line's mark, text and style."""
    docs = count_documents(report.documents)
    if not report.findings:
        return "✔", _("Ingen funn i {documents}.").format(documents=docs), "bold green"
    errors = ngettext("{n} feil", "{n} feil", report.errors).format(n=report.errors)
    warnings = ngettext("{n} advarsel", "{n} advarsler", report.warnings).format(n=report.warnings)
    files = ngettext("{n} fil", "{n} filer", len(report.files)).format(n=len(report.files))
    if report.errors and report.warnings:
        text = _("{errors} og {warnings} i {files} ({documents} sjekket).").format(
            errors=errors, warnings=warnings, files=files, documents=docs
        )
    else:
        text = _("{findings} i {files} ({documents} sjekket).").format(
            findings=errors if report.errors else warnings, files=files, documents=docs
        )
    style = "bold red" if report.errors else "bold yellow"
    mark = "✖" if report.errors else "!"
    return mark, text, style


def render_json(report: Report) -> str:
    """The contract's JSON: one array of {code, severity, path, line, message}."""
    return json_text([f.as_json() for f in report.findings])


def render_github(report: Report, root: Path) -> str:
    """GitHub Actions workflow commands, one ``::error``/``::warning`` line per finding.

    Paths are relative to the repository root (:func:`.machine.report_paths`), which is what
    GitHub resolves them from, so the annotations land on the right file in a pull request
    wherever in the repository tvf runs. Property values and messages are escaped as the
    runner expects (``%``, CR, LF; also ``:`` and ``,`` in properties), so no text from a
    document can end the command or start another.
    """
    from .machine import report_paths

    paths = report_paths(root)
    lines = []
    for finding in report.findings:
        level = "error" if finding.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(paths.of(finding.path))}"]
        if finding.line:
            props.append(f"line={finding.line}")
        props.append(f"title={finding.code}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(finding.message)}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
