"""Reports for CI dashboards: SARIF 2.1.0 (code scanning) and JUnit XML (GitLab test reports).

Paths are made relative to the working directory, which is the repository root in CI, so
results land on the right files when the handbook is a sub-folder of the repository. The
structure and field names are fixed; the texts people read (rule descriptions, messages) are
in the language in use.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import __version__
from ..checks.registry import describe
from ..findings import Report, Severity
from ..i18n import _, ngettext
from .text import json_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` with ``/``, or as it is when that is not possible."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def render_sarif(report: Report, root: Path, cwd: Path | None = None) -> str:
    base = Path.cwd() if cwd is None else cwd
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    rules = [{
        "id": code,
        "name": code,
        "shortDescription": {"text": describe(code)},
    } for code in codes]
    results = []
    for finding in report.findings:
        region = {"startLine": finding.line} if finding.line else None
        location: dict[str, object] = {
            "artifactLocation": {"uri": display_path(root / finding.path, base)},
        }
        if region:
            location["region"] = region
        results.append({
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": "error" if finding.severity is Severity.ERROR else "warning",
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": location}],
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tvf",
                "version": __version__,
                "rules": rules,
            }},
            "results": results,
        }],
    }
    return json_text(log)


def render_junit(report: Report, *, strict: bool = False) -> str:
    """One test case per finding (errors fail; warnings fail under ``--strict``), or one
    passing case for a clean handbook, so a GitLab merge request shows each problem."""
    suite = ET.Element("testsuite", name="tvf check")
    failures = 0
    for finding in report.findings:
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        case = ET.SubElement(suite, "testcase", classname=finding.path,
                             name=f"{finding.code} {where}", file=finding.path)
        if finding.line:
            case.set("line", str(finding.line))
        fails = finding.severity is Severity.ERROR or strict
        if fails:
            failures += 1
            failure = ET.SubElement(case, "failure", type=finding.code, message=finding.message)
            failure.text = f"{where}: {finding.code} {finding.message}"
        else:
            ET.SubElement(case, "system-out").text = _("advarsel: {message}").format(
                message=finding.message)
    if not report.findings:
        # The same Norwegian for one document and many (as it always was).
        ET.SubElement(suite, "testcase", classname="tvf", name=ngettext(
            "{n} dokumenter", "{n} dokumenter", report.documents).format(n=report.documents))
    tests = max(len(report.findings), 1)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites = ET.Element("testsuites", name="tvf", tests=str(tests), failures=str(failures),
                        errors="0")
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
