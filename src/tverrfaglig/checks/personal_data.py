"""Personal data rule (TVF501): a possible national identity number anywhere in a file.

It cannot be silenced by ``[check] ignore`` (:data:`.engine.UNSILENCEABLE`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..findings import Finding, Severity
from ..i18n import N_, _
from ..pii import find_national_ids
from .registry import rule

TVF501 = rule("TVF501", Severity.ERROR, N_("Mulig fødselsnummer, D- eller H-nummer i et dokument"))


def check_pii(doc: Document) -> Iterator[Finding]:
    for hit in find_national_ids(doc.text):
        yield TVF501(doc.path, hit.line,
                     _("Mulig {kind} ({masked}). Håndboka skal aldri inneholde opplysninger "
                       "som identifiserer et barn eller en person: fjern nummeret, og slett det "
                       "fra git-historikken om det er delt.").format(kind=hit.label,
                                                                    masked=hit.masked))
