"""Reports for CI dashboards: SARIF 2.1.0 (code scanning) and JUnit XML (GitLab, Jenkins), and
the one rule for the paths every report of ``tvf check`` names (:func:`report_paths`).

Paths are relative to the root of the git repository that holds the handbook, or to the
handbook root when it is in none, whatever the working directory: so the text report, GitHub
annotations, SARIF and JUnit name a file the same way, and a result lands on the right file in
a pull request when the handbook is a sub-folder of the repository. (JSON keeps paths relative
to the handbook root, as the contract says; see docs/ci.md.)

The structure and field names are fixed; the texts people read (rule descriptions, messages)
are in the language in use. SARIF is checked by Microsoft's SARIF Multitool and JUnit by the
Jenkins xUnit schema (``junit-10.xsd``) and junitparser in the tests.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import __version__, i18n
from ..checks.registry import describe, rules
from ..findings import Report, Severity
from ..i18n import _, ngettext
from .text import json_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Where to learn about tvf (SARIF ``tool.driver.informationUri``): the package's page.
INFORMATION_URI = "https://pypi.org/project/tverrfaglig/"
#: The SARIF name of the folder the result URIs are relative to (``uriBaseId``).
URI_BASE_ID = "SRCROOT"

#: A readable SARIF ``name`` for each rule (SARIF wants it to differ from the opaque ``id``).
#: A code missing here gets one made from its English description (:func:`rule_name`).
RULE_NAMES = {
    "TVF001": "UnreadableFile",
    "TVF002": "MissingField",
    "TVF003": "MalformedField",
    "TVF004": "MalformedDocumentId",
    "TVF005": "DuplicateId",
    "TVF006": "LeftoverTemporaryFile",
    "TVF101": "UnknownReference",
    "TVF102": "ReferenceToRetiredDocument",
    "TVF103": "SuspectReference",
    "TVF201": "UnknownLaw",
    "TVF202": "UnknownSection",
    "TVF203": "RepealedLaw",
    "TVF204": "UnusualCitation",
    "TVF205": "RepealedSection",
    "TVF206": "AmendedSection",
    "TVF301": "ReviewOverdue",
    "TVF302": "ChangedAfterApproval",
    "TVF401": "LeaderTermOver",
    "TVF402": "TooFewMeetings",
    "TVF403": "MissingMinutes",
    "TVF404": "ActionItemOverdue",
    "TVF405": "NoAnnualEvaluation",
    "TVF406": "MinutesNotSent",
    "TVF407": "MalformedTaskLine",
    "TVF408": "DuplicateMeetingDocument",
    "TVF501": "PossibleNationalId",
}

# Characters XML 1.0 cannot hold at all (not even as a character reference): C0 controls but
# tab, newline and carriage return, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class ReportPaths:
    """How a report names the files of a handbook: relative to ``base``, which is the git
    repository's root when the handbook is in one (``in_repository``), else the handbook root.
    ``prefix`` is the handbook folder relative to ``base`` (``""`` when they are the same)."""

    base: Path
    prefix: str
    in_repository: bool

    def of(self, path: str) -> str:
        """The report's path for ``path`` (relative to the handbook root, with ``/``)."""
        return f"{self.prefix}/{path}" if self.prefix else path


def repository_root(path: Path) -> Path | None:
    """The folder of the git repository that holds ``path`` (the nearest folder at or above it
    with a ``.git``), or None. Only looks at the file system, so no git is imported or run, and
    a repository git cannot read still has a root (reports name paths from it)."""
    start = path.absolute()
    return next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), None)


def report_paths(root: Path) -> ReportPaths:
    """The path rule for the reports of the handbook at ``root`` (see the module docstring)."""
    handbook = root.resolve()
    repository = repository_root(handbook)
    if repository is None:
        return ReportPaths(handbook, "", in_repository=False)
    prefix = handbook.relative_to(repository).as_posix()
    return ReportPaths(repository, "" if prefix == "." else prefix, in_repository=True)


def uri_reference(path: str) -> str:
    """``path`` (with ``/``) as a relative URI reference (RFC 3986): every byte of its UTF-8
    but the unreserved characters and ``/`` percent-encoded, so a space, æ/ø/å, ``,``, ``:``
    (which would read as a scheme) and ``%`` itself are all safe."""
    return quote(path, safe="/")


def rule_name(code: str) -> str:
    """The SARIF ``name`` of ``code``: :data:`RULE_NAMES`, or its English description in
    PascalCase for a code not listed there."""
    if code in RULE_NAMES:
        return RULE_NAMES[code]
    with i18n.using("en"):
        words = re.findall(r"[^\W_]+", describe(code).split("(")[0])
    return "".join(word[:1].upper() + word[1:] for word in words) or f"Rule{code}"


def _rule(code: str) -> dict[str, object]:
    rule = rules().get(code)
    description = describe(code)
    severity = _("feil") if rule is None or rule.severity is Severity.ERROR else _("advarsel")
    full = _(
        "{code}: {description} ({severity}). Hva koden betyr og hva du gjør med den, står "
        "i docs/check.md."
    ).format(code=code, description=description, severity=severity)
    return {
        "id": code,
        "name": rule_name(code),
        "shortDescription": {"text": description},
        "fullDescription": {"text": full},
        "help": {"text": full},
        "defaultConfiguration": {
            "level": "error" if rule is None or rule.severity is Severity.ERROR else "warning"
        },
    }


def render_sarif(report: Report, root: Path) -> str:
    """The report as SARIF 2.1.0: one rule per code that occurs, and one result per finding
    with a percent-encoded URI relative to :data:`URI_BASE_ID` (:func:`report_paths`)."""
    paths = report_paths(root)
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for finding in report.findings:
        location: dict[str, object] = {
            "artifactLocation": {
                "uri": uri_reference(paths.of(finding.path)),
                "uriBaseId": URI_BASE_ID,
            }
        }
        if finding.line:
            location["region"] = {"startLine": finding.line}
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": "error" if finding.severity is Severity.ERROR else "warning",
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    base = {
        "uri": paths.base.as_uri() + "/",
        "description": {
            "text": _("Roten til git-repoet med håndboka.")
            if paths.in_repository
            else _("Håndboka (den er ikke i et git-repo).")
        },
    }
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tvf",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "originalUriBaseIds": {URI_BASE_ID: base},
                "results": results,
            }
        ],
    }
    return json_text(log)


def xml_text(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold written as ``\\xNN`` (or ``\\uNNNN``), so the
    report is always well-formed XML whatever a document holds."""
    return _NOT_XML.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def render_junit(report: Report, root: Path, *, strict: bool = False) -> str:
    """One test case per finding (errors fail; warnings fail under ``--strict``), or one
    passing case for a clean handbook, so a merge request shows each problem.

    The shape is the one the Jenkins xUnit schema (``junit-10.xsd``) accepts: a test case has a
    name and a class name only (the file is the class name, the line is in the name)."""
    paths = report_paths(root)
    suite = ET.Element("testsuite", name="tvf check")
    failures = 0
    for finding in report.findings:
        path = xml_text(paths.of(finding.path))
        where = f"{path}:{finding.line}" if finding.line else path
        message = xml_text(finding.message)
        case = ET.SubElement(suite, "testcase", classname=path, name=f"{finding.code} {where}")
        if finding.severity is Severity.ERROR or strict:
            failures += 1
            failure = ET.SubElement(case, "failure", type=finding.code, message=message)
            failure.text = f"{where}: {finding.code} {message}"
        else:
            ET.SubElement(case, "system-out").text = _("advarsel: {message}").format(
                message=message
            )
    if not report.findings:
        # The same Norwegian for one document and many (as it always was).
        ET.SubElement(
            suite,
            "testcase",
            classname="tvf",
            name=ngettext("{n} dokumenter", "{n} dokumenter", report.documents).format(
                n=report.documents
            ),
        )
    tests = max(len(report.findings), 1)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites = ET.Element(
        "testsuites", name="tvf", tests=str(tests), failures=str(failures), errors="0"
    )
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
