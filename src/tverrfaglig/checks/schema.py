"""Schema rules (TVF001–TVF004): required fields and the form of every field, by document type.

TVF001 is found while a file is read (:func:`tverrfaglig.document.parse_document`,
:func:`tverrfaglig.handbook.discover`, the law registry); it is declared here with the other
schema codes. :func:`text_list` and the date checks are shared with :mod:`.networks`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .. import yamlio
from ..document import ALL_TYPES, HANDBOOK_TYPES, ID_RE, NETWORK_TYPE, Document, as_date
from ..findings import Finding, Severity
from ..i18n import N_, _
from ..limits import EARLIEST, LATEST
from .registry import rule

TVF001 = rule(
    "TVF001",
    Severity.ERROR,
    N_("Filen kan ikke leses, eller front matter mangler eller er ugyldig"),
)
TVF002 = rule("TVF002", Severity.ERROR, N_("Påkrevd felt mangler"))
TVF003 = rule("TVF003", Severity.ERROR, N_("Felt med feil form (dato, versjon, type, status …)"))
TVF004 = rule("TVF004", Severity.ERROR, N_("Dokument-ID med feil form"))
# Found while the handbook's files are listed (tverrfaglig.handbook.discover).
TVF006 = rule(
    "TVF006", Severity.WARNING, N_("Midlertidig fil igjen etter en skriving som ble avbrutt")
)

STATUSES = ("draft", "approved", "retired")
#: Status values in Norwegian (translate with ``_()`` where shown).
STATUS_NO = {"draft": N_("utkast"), "approved": N_("godkjent"), "retired": N_("utgått")}
VERSION_RE = re.compile(r"^[0-9]+\.[0-9]+$")
CODE_RE = re.compile(r"^V[0-9]{2}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_schema(doc: Document) -> Iterator[Finding]:
    kind = doc.get("type")
    if kind is None:
        yield TVF002(
            doc.path,
            2,
            _(
                "Feltet «type» mangler (procedure, attachment, "
                "measure, plan, network, agenda, minutes eller "
                "input)."
            ),
        )
        return
    if kind not in ALL_TYPES:
        yield TVF003(
            doc.path,
            doc.line_of("type"),
            _("Ukjent type «{kind}»: bruk en av {types}.").format(
                kind=kind, types=", ".join(ALL_TYPES)
            ),
        )
        return
    if kind in HANDBOOK_TYPES:
        yield from _check_handbook_document(doc)
    elif kind == NETWORK_TYPE:
        yield from _check_network(doc)
    else:
        yield from _check_meeting(doc)


def _require(doc: Document, *keys: str, approved: bool = False) -> Iterator[Finding]:
    """TVF002 for each key that is missing or blank (``approved``: required by that status)."""
    for key in keys:
        value = doc.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            message = (
                _("Feltet «{key}» mangler (påkrevd når status er approved).")
                if approved
                else _("Feltet «{key}» mangler.")
            )
            yield TVF002(doc.path, doc.line_of(key) or 2, message.format(key=key))


def _check_handbook_document(doc: Document) -> Iterator[Finding]:
    yield from _require(doc, "id", "title", "type", "status", "version", "owner")
    status = doc.get("status")
    if status is not None and status not in STATUSES:
        yield TVF003(
            doc.path,
            doc.line_of("status"),
            _(
                "Ukjent status «{status}»: bruk draft (utkast), approved (godkjent) "
                "eller retired (utgått)."
            ).format(status=status),
        )
    if status == "approved":
        yield from _require(doc, "approved_by", "valid_from", "review_by", approved=True)

    doc_id = doc.get("id")
    if doc_id is not None and not (isinstance(doc_id, str) and ID_RE.match(doc_id)):
        yield TVF004(
            doc.path,
            doc.line_of("id"),
            _(
                "Dokument-ID «{id}» har feil form: den skal se ut som IV.7-2 eller "
                "IV.7.1-5 (romertall, punktum og tall, bindestrek, løpenummer)."
            ).format(id=doc_id),
        )
    code = doc.get("code")
    if code is not None:
        if doc.type != "measure":
            yield TVF003(
                doc.path,
                doc.line_of("code"),
                _("Feltet «code» brukes bare på tiltak (type: measure)."),
            )
        elif not (isinstance(code, str) and CODE_RE.match(code)):
            yield TVF003(
                doc.path,
                doc.line_of("code"),
                _("Tiltakskoden «{code}» har feil form: skriv V og to sifre, f.eks. V01.").format(
                    code=code
                ),
            )
    version = doc.get("version")
    if version is not None and not (isinstance(version, str) and VERSION_RE.match(version)):
        message = (
            _(
                'Versjonen «{version}» har feil form: den skal være tekst som "1.0". '
                'Skriv den i anførselstegn, f.eks. version: "1.0", ellers leser YAML '
                "den som et tall."
            )
            if isinstance(version, int | float)
            else _('Versjonen «{version}» har feil form: den skal være tekst som "1.0".')
        )
        yield TVF003(doc.path, doc.line_of("version"), message.format(version=version))
    for key in ("title", "owner", "approved_by"):
        value = doc.get(key)
        if value is not None and not isinstance(value, str):
            yield TVF003(
                doc.path, doc.line_of(key), _("Feltet «{key}» må være tekst.").format(key=key)
            )
    yield from _check_dates(doc, "valid_from", "review_by")
    valid_from, review_by = as_date(doc.get("valid_from")), as_date(doc.get("review_by"))
    if valid_from and review_by and review_by < valid_from:
        yield TVF003(
            doc.path,
            doc.line_of("review_by"),
            _("review_by ({review_by}) er før valid_from ({valid_from}).").format(
                review_by=review_by, valid_from=valid_from
            ),
        )
    yield from text_list(doc, "applies_to")
    yield from text_list(doc, "references")
    if doc.get("legal_basis") is not None and not isinstance(doc.get("legal_basis"), list):
        yield TVF003(
            doc.path,
            doc.line_of("legal_basis"),
            _("Feltet «legal_basis» må være en liste av lovhenvisninger."),
        )
    source = doc.get("source")
    if source is not None and not (
        isinstance(source, str) and source.startswith(("http://", "https://"))
    ):
        yield TVF003(
            doc.path,
            doc.line_of("source"),
            _("Feltet «source» må være en nettadresse (https://…)."),
        )
    fingerprint = doc.get("fingerprint")
    if fingerprint is not None and not (
        isinstance(fingerprint, str) and _fingerprint_re().match(fingerprint)
    ):
        yield TVF003(
            doc.path,
            doc.line_of("fingerprint"),
            _(
                "Feltet «fingerprint» har feil form: det skal være "
                "sha256:<64 heks-sifre>, skrevet av tvf stamp."
            ),
        )
    yield from _check_changes(doc)


def _fingerprint_re() -> re.Pattern[str]:
    """:data:`tverrfaglig.fingerprint.FINGERPRINT_RE`, imported when a document has a
    fingerprint (the module brings frontmatter_edit, about 10 ms)."""
    from ..fingerprint import FINGERPRINT_RE

    return FINGERPRINT_RE


def _check_dates(
    doc: Document,
    *keys: str,
    within: dict[str, object] | None = None,
    key_prefix: str = "",
    line: int | None = None,
) -> Iterator[Finding]:
    source = doc.meta if within is None else within
    for key in keys:
        value = source.get(key) if source is not None else None
        if value is None or as_date(value) is not None:
            continue
        if isinstance(value, dt.datetime):
            message = _(
                "«{key}: {value}» har klokkeslett; skriv bare datoen (skriv ÅÅÅÅ-MM-DD, "
                "f.eks. 2026-09-01)."
            )
        elif yamlio.as_date(value) is not None:  # a date, but not one tvf works with
            message = _(
                "«{key}: {value}» er utenfor datoene tvf regner med ({earliest} til {latest})."
            ).format(key="{key}", value="{value}", earliest=EARLIEST, latest=LATEST)
        else:
            message = _("«{key}: {value}» er ikke en dato (skriv ÅÅÅÅ-MM-DD, f.eks. 2026-09-01).")
        yield TVF003(
            doc.path,
            line or doc.line_of(key),
            message.format(key=f"{key_prefix}{key}", value=value),
        )


def _check_changes(doc: Document) -> Iterator[Finding]:
    changes = doc.get("changes")
    if changes is None:
        return
    if not isinstance(changes, list):
        yield TVF003(
            doc.path,
            doc.line_of("changes"),
            _("Feltet «changes» må være en liste av {version, date, by, summary}."),
        )
        return
    for i, entry in enumerate(changes):
        line = doc.line_of("changes", i)
        if not isinstance(entry, dict):
            yield TVF003(
                doc.path,
                line,
                _("Punkt {n} i «changes» må ha feltene version, date, by og summary.").format(
                    n=i + 1
                ),
            )
            continue
        missing = [k for k in ("version", "date", "by", "summary") if k not in entry]
        if missing:
            yield TVF002(
                doc.path,
                line,
                _("Punkt {n} i «changes» mangler {fields}.").format(
                    n=i + 1, fields=", ".join(missing)
                ),
            )
        yield from _check_dates(doc, "date", within=entry, key_prefix="changes: ", line=line)


def _check_network(doc: Document) -> Iterator[Finding]:
    yield from _require(doc, "id", "title", "leader")
    slug = doc.get("id")
    if slug is not None and not (isinstance(slug, str) and SLUG_RE.match(slug)):
        yield TVF004(
            doc.path,
            doc.line_of("id"),
            _(
                "Nettverks-ID «{id}» har feil form: bruk små bokstaver, sifre og "
                "bindestrek, f.eks. sentrum."
            ).format(id=slug),
        )
    leader = doc.get("leader")
    if leader is not None:
        if not isinstance(leader, dict):
            yield TVF003(
                doc.path,
                doc.line_of("leader"),
                _("Feltet «leader» må ha name, role, term_start og term_end."),
            )
        else:
            for key in ("name", "role", "term_start", "term_end"):
                if leader.get(key) in (None, ""):
                    yield TVF002(
                        doc.path, doc.line_of("leader"), _("Leder mangler «{key}».").format(key=key)
                    )
            yield from _check_dates(
                doc,
                "term_start",
                "term_end",
                within=leader,
                key_prefix="leader: ",
                line=doc.line_of("leader"),
            )
    members = doc.get("members")
    if members is not None:
        if not isinstance(members, list):
            yield TVF003(
                doc.path,
                doc.line_of("members"),
                _("Feltet «members» må være en liste av {service, name}."),
            )
        else:
            for i, member in enumerate(members):
                if not (isinstance(member, dict) and isinstance(member.get("service"), str)):
                    yield TVF003(
                        doc.path,
                        doc.line_of("members", i),
                        _("Medlem {n} må ha «service» (tjenesten) og gjerne «name».").format(
                            n=i + 1
                        ),
                    )
    per_year = doc.get("meetings_per_year")
    if per_year is not None and (
        isinstance(per_year, bool) or not isinstance(per_year, int) or per_year < 1
    ):
        yield TVF003(
            doc.path,
            doc.line_of("meetings_per_year"),
            _("Feltet «meetings_per_year» må være et helt tall større enn 0."),
        )
    report_to = doc.get("report_to")
    if report_to is not None and not isinstance(report_to, str):
        yield TVF003(doc.path, doc.line_of("report_to"), _("Feltet «report_to» må være tekst."))
    mandate = doc.get("mandate")
    if mandate is not None and not (isinstance(mandate, str) and ID_RE.match(mandate)):
        yield TVF004(
            doc.path,
            doc.line_of("mandate"),
            _("«mandate: {mandate}» er ikke en dokument-ID (f.eks. IV.7-15).").format(
                mandate=mandate
            ),
        )


def _check_meeting(doc: Document) -> Iterator[Finding]:
    yield from _require(doc, "network", "date")
    yield from _check_dates(doc, "date")
    network = doc.get("network")
    if network is not None and not (isinstance(network, str) and SLUG_RE.match(network)):
        yield TVF004(
            doc.path,
            doc.line_of("network"),
            _("«network: {network}» er ikke en nettverks-ID (f.eks. sentrum).").format(
                network=network
            ),
        )


# --- Field forms ------------------------------------------------------------------------


def text_list(doc: Document, key: str) -> Iterator[Finding]:
    """The field, when present, must be a list of texts."""
    value = doc.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        yield TVF003(
            doc.path,
            doc.line_of(key),
            _("Feltet «{key}» må være en liste av tekster.").format(key=key),
        )
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            yield TVF003(
                doc.path,
                doc.line_of(key, i),
                _(
                    "Punkt {n} i «{key}» må være tekst, ikke «{item}». Skriv det i "
                    "anførselstegn om det har kolon."
                ).format(n=i + 1, key=key, item=item),
            )
