"""Identity rule (TVF005): document IDs, measure codes and network ids are unique."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..document import NETWORK_TYPE
from ..findings import Finding, Severity
from ..i18n import N_, _
from .registry import rule
from .summary import Summary

TVF005 = rule(
    "TVF005", Severity.ERROR, N_("Dokument-ID, tiltakskode eller nettverks-ID brukt to ganger")
)

DUPLICATE = {
    "id": N_("Dokument-ID {value} brukes også i {path}; den må være unik."),
    "code": N_("Tiltakskoden {value} brukes også i {path}; den må være unik."),
    "network": N_("Nettverks-ID {value} brukes også i {path}; den må være unik."),
}


def check_unique(summaries: Iterable[Summary]) -> Iterator[Finding]:
    """Duplicate document IDs, measure codes and network ids; the first file keeps its claim."""
    seen: dict[tuple[str, str], Summary] = {}
    for summary in summaries:
        keys: list[tuple[str, str, int | None]] = []
        if summary.is_handbook_document and summary.id:
            keys.append(("id", summary.id, summary.line_of_id))
            if summary.type == "measure" and summary.code:
                keys.append(("code", summary.code, summary.line_of_code))
        elif summary.type == NETWORK_TYPE and summary.id:
            keys.append(("network", summary.id, summary.line_of_id))
        for space, value, line in keys:
            first = seen.setdefault((space, value), summary)
            if first is not summary:
                yield TVF005(
                    summary.path, line, _(DUPLICATE[space]).format(value=value, path=first.path)
                )
