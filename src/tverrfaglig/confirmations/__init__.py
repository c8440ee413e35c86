"""Reading confirmations (lesebekreftelser): who has read the version in force of a routine.

* :mod:`.model`: a confirmation, and which versions it counts for;
* :mod:`.store`: the files under ``lesebekreftelser/`` (one per document), ``forget``, and
  ``settle`` (a stamp moves confirmations that no longer count to the history);
* :mod:`.importer`: ``tvf confirmations import`` from ``.xlsx`` and ``.csv``;
* :mod:`.coverage`: who must read what (``applies_to`` and the units of ``tvf.toml``), and how
  many have, per document and unit;
* :mod:`.report`: ``tvf confirmations status`` as a table, JSON, CSV or Markdown;
* :mod:`.site`: the «Jeg har lest» link and the counts on the website's document page.

See ``docs/confirmations.md``.
"""

from __future__ import annotations

from .coverage import (
    CoverageReport,
    DocumentCoverage,
    Readable,
    UnitCoverage,
    coverage,
    handbook_coverage,
    percent,
    readers,
    select,
)
from .importer import ImportResult, RowProblem, import_file, parse_map
from .model import Confirmation, counts_for
from .store import FOLDER, Forgotten, forget, settle

__all__ = [
    "FOLDER",
    "Confirmation",
    "CoverageReport",
    "DocumentCoverage",
    "Forgotten",
    "ImportResult",
    "Readable",
    "RowProblem",
    "UnitCoverage",
    "counts_for",
    "coverage",
    "forget",
    "handbook_coverage",
    "import_file",
    "parse_map",
    "percent",
    "readers",
    "select",
    "settle",
]
