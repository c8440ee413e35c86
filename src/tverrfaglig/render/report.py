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

from rich.console import Console
from rich.text import Text

from ..findings import Report, Severity
from ..i18n import N_, _, ngettext
from .machine import report_paths
from .text import count_documents, json_text

SEVERITY_NO = {Severity.ERROR: N_("feil"), Severity.WARNING: N_("advarsel")}
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render_human(report: Report, console: Console, root: Path | None = None) -> None:
    """Findings grouped by file, each as ``path:line``, then a one-line summary. With the
    handbook's ``root``, paths are those of every report (:func:`.machine.report_paths`);
    without it, relative to the handbook root."""
    paths = report_paths(root) if root is not None else None
    for handbook_path, group in groupby(report.findings, key=lambda f: f.path):
        path = paths.of(handbook_path) if paths else handbook_path
        console.print(Text(path, style="bold underline"))
        findings = list(group)
        locations = [f"{path}:{f.line}" if f.line else path for f in findings]
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


def summary(report: Report) -> Text:
    docs = count_documents(report.documents)
    if not report.findings:
        return Text(
            "✔ " + _("Ingen funn i {documents}.").format(documents=docs), style="bold green"
        )
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
    return Text(f"{mark} {text}", style=style)


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
