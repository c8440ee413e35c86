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

The names below are imported when first used, not with the package: a warm ``tvf check``
that replays its cache (:mod:`.cache`) needs none of the rules, nor the law registry they
import.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Each public name and the module it comes from.
_FROM = {
    "CODES": "registry",
    "SEND_WITHIN_DAYS": "networks",
    "SLUG_RE": "schema",
    "STATUS_NO": "schema",
    "UNSILENCEABLE": "engine",
    "Index": "summary",
    "Rule": "registry",
    "Scan": "engine",
    "Summary": "summary",
    "approved_on": "summary",
    "check": "engine",
    "check_across": "engine",
    "check_document": "engine",
    "check_path": "engine",
    "citations": "citations",
    "describe": "registry",
    "references": "summary",
    "rules": "registry",
    "scan_path": "engine",
}


def __getattr__(name: str) -> Any:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package, where the names :func:`citations` and :func:`references` stay the
    functions: importing the submodules of the same names (whenever that happens, now that it
    is not done here first) would otherwise bind the modules to them."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _FROM and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
