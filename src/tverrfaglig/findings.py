"""Findings and reports: the data that checks produce and renderers print.

Checks never print or write; they yield :class:`Finding` objects. A :class:`Report` is the
sorted collection of them, and the renderers in :mod:`tverrfaglig.render` turn it into text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file. ``path`` is relative to the handbook root, with ``/``."""

    code: str
    severity: Severity
    path: str
    line: int | None
    message: str

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.code, self.message)

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }


def error(code: str, path: str, line: int | None, message: str) -> Finding:
    return Finding(code, Severity.ERROR, path, line, message)


def warning(code: str, path: str, line: int | None, message: str) -> Finding:
    return Finding(code, Severity.WARNING, path, line, message)


@dataclass(frozen=True)
class Report:
    """The result of checking a handbook: sorted findings and how many documents were read."""

    findings: tuple[Finding, ...]
    documents: int
    files: tuple[str, ...] = field(default=())

    @classmethod
    def build(cls, findings: Iterable[Finding], documents: int) -> Report:
        unique = sorted(set(findings), key=Finding.sort_key)
        return cls(tuple(unique), documents, tuple(dict.fromkeys(f.path for f in unique)))

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def exit_code(self, *, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0
