"""Personal data rules: a possible national identity number anywhere in a file, the
handbook's ``tvf.toml`` included (its settings are shown, written into minutes and published)
(TVF501), and text that looks like it names a child (TVF502).

TVF501 cannot be silenced by ``[check] ignore`` (:data:`.engine.UNSILENCEABLE`); TVF502 is a
warning, since a name cannot be recognised with certainty (:mod:`tverrfaglig.child_mentions`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..child_mentions import find_child_mentions
from ..config import CONFIG_NAME
from ..document import HANDBOOK_TYPES, INPUT_TYPE, MEETING_TYPES, Document
from ..findings import Finding, Severity
from ..i18n import N_, _
from ..pii import find_national_ids
from .registry import rule

TVF501 = rule("TVF501", Severity.ERROR, N_("Mulig fødselsnummer, D- eller H-nummer i et dokument"))
TVF502 = rule(
    "TVF502",
    Severity.WARNING,
    N_("Teksten ser ut til å nevne et barn: et fornavn ved en klasse, en alder eller en diagnose"),
)
#: The documents TVF502 reads: inputs, agendas, minutes and handbook documents.
CHILD_CHECKED_TYPES = frozenset({INPUT_TYPE, *MEETING_TYPES, *HANDBOOK_TYPES})


def _scan(path: str, text: str) -> Iterator[Finding]:
    for hit in find_national_ids(text):
        yield TVF501(
            path,
            hit.line,
            _(
                "Mulig {kind} ({masked}). Håndboka skal aldri inneholde opplysninger "
                "som identifiserer et barn eller en person: fjern nummeret, og slett det "
                "fra git-historikken om det er delt."
            ).format(kind=hit.label, masked=hit.masked),
        )


def check_child_mentions(doc: Document) -> Iterator[Finding]:
    """TVF502 for the body of an input, agenda, minutes or handbook document."""
    if doc.meta is None or doc.type not in CHILD_CHECKED_TYPES:
        return
    for mention in find_child_mentions(doc.body):
        yield TVF502(
            doc.path,
            doc.body_line + mention.line - 1,
            _(
                "«{name}» står ved «{marker}»: det kan se ut som teksten handler om et bestemt "
                "barn. "
                "Nettverkene og håndboka arbeider på systemnivå; skriv om grupper og tjenester, "
                "ikke om enkeltbarn (ingen navn, klasse, alder eller diagnose som kan identifisere "
                "et barn)."
            ).format(name=mention.name, marker=mention.marker),
        )


def check_pii(doc: Document) -> Iterator[Finding]:
    return _scan(doc.path, doc.text)


def check_config(root: Path) -> Iterator[Finding]:
    """TVF501 for ``tvf.toml`` (read as text: a number in a comment counts too)."""
    try:
        text = (root / CONFIG_NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:  # load_config has said what is wrong with it
        return iter(())
    return _scan(CONFIG_NAME, text)
