"""Personal data rule (TVF501): a possible national identity number anywhere in a file, the
handbook's ``tvf.toml`` included (its settings are shown, written into minutes and published).

It cannot be silenced by ``[check] ignore`` (:data:`.engine.UNSILENCEABLE`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..config import CONFIG_NAME
from ..document import Document
from ..findings import Finding, Severity
from ..i18n import N_, _
from ..pii import find_national_ids
from .registry import rule

TVF501 = rule("TVF501", Severity.ERROR, N_("Mulig fødselsnummer, D- eller H-nummer i et dokument"))


def _scan(path: str, text: str) -> Iterator[Finding]:
    for hit in find_national_ids(text):
        yield TVF501(path, hit.line,
                     _("Mulig {kind} ({masked}). Håndboka skal aldri inneholde opplysninger "
                       "som identifiserer et barn eller en person: fjern nummeret, og slett det "
                       "fra git-historikken om det er delt.").format(kind=hit.label,
                                                                    masked=hit.masked))


def check_pii(doc: Document) -> Iterator[Finding]:
    return _scan(doc.path, doc.text)


def check_config(root: Path) -> Iterator[Finding]:
    """TVF501 for ``tvf.toml`` (read as text: a number in a comment counts too)."""
    try:
        text = (root / CONFIG_NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:  # load_config has said what is wrong with it
        return iter(())
    return _scan(CONFIG_NAME, text)
