"""Revision rules (TVF302, TVF103): approved documents changed without a new approval, and
references to documents approved again after the referring one (see ``docs/revisions.md``).

The fingerprint itself is computed by :mod:`tverrfaglig.fingerprint`, which ``tvf stamp``
writes with.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..document import HANDBOOK_TYPES, Document
from ..findings import Finding, Severity
from ..i18n import N_, _
from .registry import rule
from .summary import Summary

TVF103 = rule(
    "TVF103",
    Severity.WARNING,
    N_("Mistenkelig referanse: dokumentet det vises til, er godkjent på nytt"),
)
TVF302 = rule(
    "TVF302", Severity.ERROR, N_("Godkjent dokument endret uten ny godkjenning (fingeravtrykk)")
)


def _name(doc_id: str | None, path: str) -> str:
    return doc_id or path


def check_fingerprint(doc: Document) -> Iterator[Finding]:
    """TVF302: an approved document whose fingerprint no longer matches its content.

    Approved documents without a fingerprint (made before tvf) are not reported.
    """
    if doc.meta is None or doc.type not in HANDBOOK_TYPES or doc.status != "approved":
        return
    stored = doc.get("fingerprint")
    if not isinstance(stored, str):
        return  # missing: made before tvf; malformed: TVF003 says so
    # Imported when a document has a fingerprint (it brings frontmatter_edit, about 10 ms).
    from ..fingerprint import FINGERPRINT_RE, fingerprint

    if not FINGERPRINT_RE.match(stored):
        return
    if fingerprint(doc.meta, doc.body) != stored:
        name = _name(doc.id, doc.path)
        yield TVF302(
            doc.path,
            doc.line_of("fingerprint"),
            _(
                "Dokumentet er endret etter at det ble godkjent: innholdet stemmer ikke "
                "med fingeravtrykket. Gå gjennom endringene (tvf history {name}), og "
                "godkjenn dem med «tvf stamp {name}», eller sett teksten tilbake."
            ).format(name=name),
        )


def check_suspect_references(summary: Summary, by_id: Mapping[str, Summary]) -> Iterator[Finding]:
    """TVF103: a reference to a document approved after the referring document was.

    Only between approved handbook documents that both have an approval date; each target
    is reported once per referring document, at its first reference.
    """
    mine = summary.approved_on
    if mine is None or summary.status != "approved" or not summary.is_handbook_document:
        return
    seen: set[str] = set()
    for ref, line in summary.references:
        target = by_id.get(ref)
        if target is None:
            continue
        theirs = target.approved_on
        if (
            theirs is None
            or theirs <= mine
            or target.status != "approved"
            or ref in seen
            or target.path == summary.path
        ):
            continue
        seen.add(ref)
        name = _name(summary.id, summary.path)
        if target.version:
            message = _(
                "Mistenkelig referanse: {ref} «{title}» ble godkjent på nytt {theirs} "
                "(versjon {version}), etter at dette dokumentet ble godkjent {mine}. "
                "Les gjennom dette dokumentet mot endringene i {ref}, og godkjenn det "
                "på nytt med «tvf stamp {name}»."
            )
        else:
            message = _(
                "Mistenkelig referanse: {ref} «{title}» ble godkjent på nytt {theirs}, "
                "etter at dette dokumentet ble godkjent {mine}. Les gjennom dette "
                "dokumentet mot endringene i {ref}, og godkjenn det på nytt med "
                "«tvf stamp {name}»."
            )
        yield TVF103(
            summary.path,
            line,
            message.format(
                ref=ref,
                title=target.title,
                theirs=theirs,
                version=target.version,
                mine=mine,
                name=name,
            ),
        )
