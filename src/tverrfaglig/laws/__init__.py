"""The laws a handbook cites (handbook-format.md, section 4), one module per concern:

- :mod:`.model`: a law, its sections, chapters and amendments, and their names as Lovdata writes
  them;
- :mod:`.parser`: the citation parser (``legal_basis`` entries and citations in a body);
- :mod:`.registry`: the law registry, looked up by ID, name, title or link, and loaded from
  tvf's ``data/laws.yaml`` with a handbook's ``laws.yaml`` merged in;
- :mod:`.registry_file`: ``laws.yaml`` itself: reading, checking and merging its entries, and
  writing it;
- :mod:`.lovdata`: ``tvf laws import``, reading Lovdata's open data (XML files, the archive);
- :mod:`.queries`: what the handbook cites (``tvf laws cited``, ``tvf laws show``).

The names below are the ones the rest of tvf uses. :mod:`.lovdata` and :mod:`.queries` are
imported by their own names, only by the commands that need them: they read the handbook and
its citations (:mod:`tverrfaglig.checks`), which need this package first.
"""

from .model import (
    LOVDATA_ARCHIVE,
    LOVDATA_ARCHIVE_URL,
    LOVDATA_LAW,
    Amendment,
    Chapter,
    Law,
    Section,
    is_repealed_title,
    law_label,
    normalise_chapter,
    normalise_section,
)
from .parser import Citation, find_citations, parse_legal_basis
from .registry import LAWS_FILE, LawRegistry, listed_ids, load_registry, read_registry_text
from .registry_file import law_yaml, registry_yaml

__all__ = [
    "LAWS_FILE",
    "LOVDATA_ARCHIVE",
    "LOVDATA_ARCHIVE_URL",
    "LOVDATA_LAW",
    "Amendment",
    "Chapter",
    "Citation",
    "Law",
    "LawRegistry",
    "Section",
    "find_citations",
    "is_repealed_title",
    "law_label",
    "law_yaml",
    "listed_ids",
    "load_registry",
    "normalise_chapter",
    "normalise_section",
    "parse_legal_basis",
    "read_registry_text",
    "registry_yaml",
]
