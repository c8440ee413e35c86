"""The catalogue of check codes, derived from the rule registry (:mod:`.checks.registry`)."""

from __future__ import annotations

from .checks.registry import CODES, describe

__all__ = ["CODES", "describe"]
