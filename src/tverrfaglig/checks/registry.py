"""The rule registry: every check code, declared once with its severity and description.

Each rule module declares its codes where it checks them (after yamllint's ``rules/``)::

    TVF101 = rule("TVF101", Severity.ERROR, N_("Referanse til et dokument som ikke finnes"))

and makes its findings by calling that object (``TVF101(path, line, message)``), so a code
cannot be emitted with another severity than the one it is documented with. The catalogue
that reports name their rules from (SARIF, JUnit) and that ``docs/check.md`` is checked
against is derived from the registry: :data:`CODES`, :func:`describe`, :func:`rules`.

The descriptions are Norwegian message IDs (marked with ``N_``); :meth:`Rule.describe` and
:func:`describe` give them in the language in use. The full meaning of each code is in
``docs/check.md`` and the documents it links to.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..i18n import _

#: The modules that declare rules, by concern (yamllint's ``rules/__init__.py``).
MODULES = (
    "schema",
    "identity",
    "references",
    "citations",
    "review",
    "fingerprints",
    "networks",
    "personal_data",
    "services",
)


@dataclass(frozen=True)
class Rule:
    """One check code: its severity and one-line description (a Norwegian message ID)."""

    code: str
    severity: Severity
    description: str

    def __call__(self, path: str, line: int | None, message: str) -> Finding:
        """A finding of this rule, with the rule's severity."""
        return Finding(self.code, self.severity, path, line, message)

    def describe(self) -> str:
        """The description in the language in use."""
        return _(self.description)


_RULES: dict[str, Rule] = {}
#: code → (severity, description), in code order: the catalogue as ``codes.py`` gave it.
CODES: dict[str, tuple[str, str]] = {}


def rule(code: str, severity: Severity, description: str) -> Rule:
    """Declare the rule ``code``; each code is declared once, in the module that checks it."""
    if code in _RULES:
        raise ValueError(f"{code} is declared twice")
    declared = _RULES[code] = Rule(code, severity, description)
    entries = {**CODES, code: (str(severity), description)}
    CODES.clear()
    CODES.update(sorted(entries.items()))
    return declared


def rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order (imports every rule module)."""
    for name in MODULES:
        importlib.import_module(f"{__package__}.{name}")
    return dict(sorted(_RULES.items()))


def describe(code: str) -> str:
    """The one-line description of ``code`` in the language in use (the code if unknown)."""
    entry = rules().get(code)
    return code if entry is None else entry.describe()
