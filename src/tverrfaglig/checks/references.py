"""Reference rules (TVF101, TVF102): references to documents and networks that exist and are
in force. Which IDs a document refers to is gathered once, by :func:`.summary.references`."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import ID_RE, MEETING_TYPES
from ..findings import Finding, Severity
from ..i18n import N_, _
from .registry import rule
from .schema import SLUG_RE, TVF004
from .summary import Index, Summary

TVF101 = rule("TVF101", Severity.ERROR, N_("Referanse til et dokument som ikke finnes"))
TVF102 = rule("TVF102", Severity.WARNING, N_("Referanse til et utgått dokument"))


def check_references(summary: Summary, index: Index) -> Iterator[Finding]:
    retired_self = summary.status == "retired"
    by_id, valid = index.by_id, index.valid_ids
    for ref, line in summary.references:
        if ref in valid:  # an ID of a document of the handbook: the common case
            target = by_id[ref]
            if target.status == "retired" and not retired_self:
                yield TVF102(
                    summary.path,
                    line,
                    _(
                        "Referanse til {ref} «{title}», som er utgått (retired). "
                        "Vis til dokumentet som erstatter det."
                    ).format(ref=ref, title=target.title),
                )
        elif not ID_RE.match(ref):
            yield TVF004(
                summary.path,
                line,
                _("Referansen «{ref}» er ikke en dokument-ID (f.eks. IV.7-2).").format(ref=ref),
            )
        else:  # of the form of an ID, and no document has it
            yield TVF101(
                summary.path,
                line,
                _("Referanse til {ref}, som ikke finnes i håndboka.").format(ref=ref),
            )
    doc = summary.document
    if doc is not None and doc.type in MEETING_TYPES:
        network = doc.get("network")
        if isinstance(network, str) and SLUG_RE.match(network) and network not in index.networks:
            yield TVF101(
                doc.path,
                doc.line_of("network"),
                _("Nettverket «{network}» finnes ikke i håndboka.").format(network=network),
            )
