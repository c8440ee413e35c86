"""The checks of ``tvf check``: the engine and the rules, one module per concern.

* :mod:`.engine`: discovery, worker processes and scanning (``tvf check``, ``tvf outdated``);
* :mod:`.registry`: every code with its severity and description, declared by the rules;
* :mod:`.summary`: what the checks across documents know of each document;
* the rules: :mod:`.schema` (TVF001–TVF004), :mod:`.identity` (TVF005), :mod:`.references`
  (TVF101, TVF102), :mod:`.citations` (TVF201–TVF206), :mod:`.review` (TVF301),
  :mod:`.fingerprints` (TVF103, TVF302), :mod:`.networks` (TVF401–TVF408) and
  :mod:`.personal_data` (TVF501) and :mod:`.services` (TVF601, ``applies_to`` against the
  units of ``tvf.toml``).

A new rule goes in the module of its concern (or a new one listed in
:data:`.registry.MODULES`), is declared there with :func:`.registry.rule`, is called from
:func:`.engine.check_document` or :func:`.engine.check_across`, and gets a row in
``docs/check.md`` and a firing test in ``tests/checks/``.
"""

from __future__ import annotations

from .citations import citations
from .engine import (
    UNSILENCEABLE,
    Scan,
    check,
    check_across,
    check_document,
    check_path,
    scan_path,
)
from .networks import SEND_WITHIN_DAYS
from .registry import CODES, Rule, describe, rules
from .schema import SLUG_RE, STATUS_NO
from .summary import Index, Summary, approved_on, references

__all__ = [
    "CODES",
    "SEND_WITHIN_DAYS",
    "SLUG_RE",
    "STATUS_NO",
    "UNSILENCEABLE",
    "Index",
    "Rule",
    "Scan",
    "Summary",
    "approved_on",
    "check",
    "check_across",
    "check_document",
    "check_path",
    "citations",
    "describe",
    "references",
    "rules",
    "scan_path",
]
