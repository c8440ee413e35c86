"""The old home of the Lovdata import and the views of what the handbook cites, kept while
``render`` and ``cli.laws_commands`` import from it: they live in :mod:`tverrfaglig.laws.lovdata`
and :mod:`tverrfaglig.laws.queries`."""

from .laws.lovdata import ImportResult, import_laws, law_id_of
from .laws.queries import (
    CitedProvision,
    CitingDocument,
    LawOverview,
    cited_provisions,
    law_overview,
)

__all__ = [
    "CitedProvision",
    "CitingDocument",
    "ImportResult",
    "LawOverview",
    "cited_provisions",
    "import_laws",
    "law_id_of",
    "law_overview",
]
