"""Revisions: ``tvf stamp`` and ``tvf history``.

The contract's section 5: stamping a document bumps its version, records who approved it and
when, appends to its change log and writes a *fingerprint* of everything else in the file
(:mod:`tverrfaglig.fingerprint`), so that ``tvf check`` can tell when an approved document has
changed without a new approval (TVF302), and when a document refers to one that was approved
again after it (TVF103): those rules are in :mod:`tverrfaglig.checks.fingerprints`.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import confirmations, vcs
from .checks import Summary, check_across, check_document
from .config import load_config
from .document import NETWORK_TYPE, Document, as_date, parse_document
from .errors import TvfError
from .files import signals_held, temp_beside
from .findings import Finding
from .fingerprint import fingerprint
from .frontmatter_edit import AppendItem, Edit, SetValue, edit_front_matter
from .handbook import Handbook, load_handbook
from .i18n import _, ngettext
from .pii import guard

# Findings that make a document impossible to stamp: it cannot be read or is not well formed
# (TVF001–TVF005), or it holds what may be a national identity number (TVF501).
REFUSING_CODES = frozenset({"TVF001", "TVF002", "TVF003", "TVF004", "TVF005", "TVF501"})

_VERSION_RE = re.compile(r"^([0-9]+)\.([0-9]+)$")


# --- Finding a document -------------------------------------------------------------------------


def find_document(handbook: Handbook, target: str, *, cwd: Path | None = None) -> Document:
    """A document by ID, measure code or path (relative to ``cwd`` or to the handbook root)."""
    wanted = target.strip()
    for doc in handbook.documents:
        if doc.id == wanted and doc.is_handbook_document:
            return doc
    for doc in handbook.documents:
        if doc.id == wanted and doc.type == NETWORK_TYPE:
            return doc
    for doc in handbook.documents:
        if doc.type == "measure" and doc.get("code") == wanted.upper():
            return doc
    root = handbook.root.resolve()
    here = Path.cwd() if cwd is None else cwd
    by_path = {doc.path: doc for doc in handbook.documents}
    for candidate in (here / wanted, root / wanted):
        try:
            rel = candidate.resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            continue
        if rel in by_path:
            return by_path[rel]
    raise TvfError(
        _("Fant ikke dokumentet «{target}» i håndboka {root}.").format(
            target=target, root=handbook.root
        ),
        hint=_(
            "Oppgi en dokument-ID (f.eks. IV.7-2), en tiltakskode (V01) eller "
            "stien til filen. Se alle dokumentene med tvf list."
        ),
    )


# --- tvf stamp ------------------------------------------------------------------------------------


class StampRefused(TvfError):
    """Stamping was refused before anything was written; exit status 1 like failed checks."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        findings: Sequence[Finding] = (),
        reasons: Sequence[str] = (),
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.findings = tuple(findings)
        self.reasons = tuple(reasons)


@dataclass(frozen=True)
class StampResult:
    """One stamped document; ``diff`` is the unified diff of the file, ``written`` False on a
    dry run."""

    path: str
    id: str
    title: str
    old_version: str
    version: str
    approved_by: str
    valid_from: dt.date
    review_by: dt.date
    summary: str
    fingerprint: str
    diff: str
    written: bool
    to_history: int = 0  # reading confirmations that no longer count (lesebekreftelser/)
    warnings: tuple[str, ...] = ()  # references to drafts or retired documents


@dataclass
class _Plan:
    doc: Document
    file: Path
    original: bytes
    new: bytes = b""
    result: StampResult | None = None


def bump_version(version: str, *, major: bool = False, first_approval: bool = False) -> str:
    """``1.3`` → ``1.4`` (minor) or ``2.0`` (major). The first approval of a draft (version
    ``0.x``) gives ``1.0``."""
    match = _VERSION_RE.match(version)
    if match is None:
        raise TvfError(
            _('Versjonen «{version}» har feil form; den skal være som "1.0".').format(
                version=version
            )
        )
    first, second = int(match.group(1)), int(match.group(2))
    if first_approval and first == 0:
        return "1.0"
    return f"{first + 1}.0" if major else f"{first}.{second + 1}"


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus whole months; the 31st becomes the last day of a shorter month."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def stamp(
    targets: Sequence[str],
    *,
    root: Path,
    major: bool = False,
    by: str | None = None,
    date: dt.date | None = None,
    review_by: dt.date | None = None,
    summary: str | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
    cwd: Path | None = None,
    confirm: Callable[[Sequence[str]], bool] | None = None,
) -> list[StampResult]:
    """Approve the documents ``targets`` (IDs, measure codes or paths): all or none.

    Every document is validated before any is written; one with TVF001–TVF005 or TVF501
    errors, a retired one, or one that is not a handbook document makes the whole call raise
    :class:`StampRefused`. Each file is then written to a temporary file beside it and renamed
    over it; if any write fails, the files already written get their original bytes back.
    With ``dry_run`` nothing is written and the results carry the diffs.

    The approver is ``by``, else the approving body of ``tvf.toml`` (``[handbook]
    approving_body``), else git's ``user.name``. When a document refers to a draft or a
    retired document, ``confirm`` gets the warnings before anything is written; when it
    returns False, nothing is written (:class:`StampRefused`). Without ``confirm`` the
    warnings are only in the results.
    """
    if not targets:
        raise TvfError(_("Oppgi minst ett dokument å godkjenne (ID, tiltakskode eller sti)."))
    today = dt.date.today() if today is None else today
    valid_from = today if date is None else date
    config = load_config(root)
    handbook = load_handbook(root, config)
    docs: list[Document] = []
    for target in targets:
        doc = find_document(handbook, target, cwd=cwd)
        if all(doc is not d for d in docs):
            docs.append(doc)
    _validate(handbook, docs, today)

    review = (
        add_months(valid_from, config.review_interval_months) if review_by is None else review_by
    )
    if review <= valid_from:
        raise TvfError(
            _("Revisjonsdatoen {review} må være etter gyldig-fra-datoen {valid_from}.").format(
                review=review, valid_from=valid_from
            ),
            hint=_("Velg en senere dato med --review-by."),
        )
    if by is not None:
        approver = by.strip()
    else:
        approver = config.approving_body or (vcs.user_name(root) or "").strip()
    if not approver:
        raise TvfError(
            _("Vet ikke hvem som godkjenner."),
            hint=_(
                "Oppgi hvem med --by NAVN, eller skriv organet som godkjenner "
                "dokumentene i tvf.toml: [handbook] approving_body = "
                '"Forebyggende forum".'
            ),
        )
    _refuse_personal_data(
        approver, _("Navnet i --by inneholder det som kan være et fødselsnummer eller D-nummer.")
    )
    if summary is not None:
        summary = " ".join(summary.split())
        if not summary:
            raise TvfError(_("Sammendraget (-m) er tomt."), hint=_("Skriv hva som er endret."))
        _refuse_personal_data(
            summary,
            _("Sammendraget (-m) inneholder det som kan være et fødselsnummer eller D-nummer."),
        )

    warnings = reference_warnings(handbook, docs)
    if warnings and confirm is not None and not confirm(warnings):
        raise StampRefused(
            ngettext(
                "Godkjente ikke {n} dokument. Ingen filer er endret.",
                "Godkjente ikke {n} dokumenter. Ingen filer er endret.",
                len(docs),
            ).format(n=len(docs))
        )
    plans = []
    for doc in docs:
        file = root / doc.path
        try:
            plan = _Plan(doc=doc, file=file, original=file.read_bytes())
        except OSError as exc:
            raise TvfError(
                _("{path} kan ikke leses: {reason}.").format(path=doc.path, reason=exc.strerror)
            ) from None
        _prepare(
            plan,
            major=major,
            approver=approver,
            valid_from=valid_from,
            review=review,
            summary=summary if summary is not None else _summary_from_git(doc, file),
        )
        plans.append(plan)
    if not dry_run:
        _write_all(plans)
    # A major version asks again (a minor one too with [confirmations] minor_keeps = false):
    # the confirmations that no longer count move to the history, after the documents are.
    minor_keeps = config.confirmations.minor_keeps if config.confirmations else True
    results = []
    for plan in plans:
        assert plan.result is not None
        moved = confirmations.settle(
            root, plan.result.id, plan.result.version, minor_keeps=minor_keeps, dry_run=dry_run
        )
        mine = tuple(w for w in warnings if w.startswith(f"{plan.doc.path}:"))
        results.append(
            dataclasses.replace(plan.result, written=not dry_run, to_history=moved, warnings=mine)
        )
    return results


def reference_warnings(handbook: Handbook, docs: Sequence[Document]) -> list[str]:
    """A sentence for each reference from ``docs`` to a draft or a retired document (one that
    is not approved in the same call), ``path:line: …``: approving a document that points to
    one not in force is worth a second thought."""
    by_id: dict[str, Document] = {}
    for other in handbook.documents:
        if other.meta is not None and other.id is not None and other.is_handbook_document:
            by_id.setdefault(other.id, other)
    stamping = {doc.id for doc in docs}
    warnings = []
    for doc in docs:
        for ref, line in Summary.of(doc).references:
            target = by_id.get(ref)
            if target is None or ref in stamping or target.status not in ("draft", "retired"):
                continue
            where = f"{doc.path}:{line}" if line else doc.path
            if target.status == "draft":
                text = _(
                    "{where}: {id} viser til {ref} «{title}», som er et utkast (ikke godkjent)."
                )
            else:
                text = _("{where}: {id} viser til {ref} «{title}», som er utgått (retired).")
            warnings.append(text.format(where=where, id=doc.id, ref=ref, title=target.title))
    return warnings


def _refuse_personal_data(text: str, message: str) -> None:
    """Refuse ``text`` with ``message`` (a whole sentence) if it may hold a national ID."""
    guard(
        text,
        message.replace("{", "{{").replace("}", "}}"),
        hint=_(
            "Håndboka skal aldri inneholde opplysninger som identifiserer en person. Skriv "
            "teksten uten nummeret."
        ),
    )


def _validate(handbook: Handbook, docs: Sequence[Document], today: dt.date) -> None:
    paths = {doc.path for doc in docs}
    twins = {
        d.path
        for d in handbook.documents
        for doc in docs
        if doc.id is not None and d.id == doc.id and d.is_handbook_document
    }
    findings = [f for f in handbook.load_findings if f.path in paths]
    reasons = []
    refused: set[str] = set()
    for doc in docs:
        findings.extend(check_document(doc, handbook.laws, today))
        if doc.meta is None or doc.type is None:
            continue  # TVF001 or TVF002 refuses it
        refused.add(doc.path)
        if not doc.is_handbook_document:
            reasons.append(
                _(
                    "{path}: bare håndbokdokumenter (procedure, attachment, measure, "
                    "plan) godkjennes med tvf stamp, ikke type «{type}»."
                ).format(path=doc.path, type=doc.type)
            )
        elif doc.status == "retired":
            reasons.append(
                _(
                    "{path}: {name} er utgått (retired) og kan ikke godkjennes. Sett "
                    "status: draft først hvis det skal tas i bruk igjen."
                ).format(path=doc.path, name=doc.id or doc.path)
            )
        else:
            refused.discard(doc.path)
    summaries = [Summary.of(d) for d in handbook.documents if d.meta is not None]
    findings.extend(
        f
        for f in check_across(summaries)
        if f.path in paths or (f.code == "TVF005" and f.path in twins)
    )
    refusing = sorted({f for f in findings if f.code in REFUSING_CODES}, key=Finding.sort_key)
    if refusing or reasons:
        count = len({f.path for f in refusing} | refused)
        raise StampRefused(
            ngettext(
                "Godkjenner ikke: {count} av {total} dokumenter kan ikke godkjennes. "
                "Ingen filer er endret.",
                "Godkjenner ikke: {count} av {total} dokumenter kan ikke godkjennes. "
                "Ingen filer er endret.",
                len(docs),
            ).format(count=count, total=len(docs)),
            findings=refusing,
            reasons=reasons,
            hint=_("Rett feilene (tvf check viser dem), og kjør tvf stamp igjen.")
            if refusing
            else None,
        )


def _summary_from_git(doc: Document, file: Path) -> str:
    """The subjects of the commits that changed the file since its last stamp, oldest first."""
    changes = doc.get("changes")
    last = changes[-1] if isinstance(changes, list) and changes else None
    since = as_date(last.get("date")) if isinstance(last, dict) else None
    subjects = list(
        dict.fromkeys(
            c.subject.strip() for c in vcs.commits_since(file, since) if c.subject.strip()
        )
    )
    for subject in subjects:
        _refuse_personal_data(
            subject,
            _(
                "Commit-meldingen «{subject}…» ({path}) inneholder det som kan være et "
                "fødselsnummer eller D-nummer."
            ).format(subject=subject[:20], path=doc.path),
        )
    if subjects:
        return "; ".join(subjects)
    return _("Første godkjenning.") if last is None else _("Godkjent på nytt.")


def _prepare(
    plan: _Plan, *, major: bool, approver: str, valid_from: dt.date, review: dt.date, summary: str
) -> None:
    doc = plan.doc
    assert doc.meta is not None and doc.id is not None
    old_version = str(doc.get("version"))
    version = bump_version(old_version, major=major, first_approval=doc.status == "draft")
    stamp_print = fingerprint(doc.meta, doc.body)
    edits: dict[str, Edit] = {
        "version": SetValue(version),
        "status": SetValue("approved"),
        "approved_by": SetValue(approver),
        "valid_from": SetValue(valid_from),
        "review_by": SetValue(review),
        "changes": AppendItem(
            {"version": version, "date": valid_from, "by": approver, "summary": summary}
        ),
        "fingerprint": SetValue(stamp_print),
    }
    try:
        text = plan.original.decode("utf-8")
    except UnicodeDecodeError:  # pragma: no cover  (TVF001 refused it already)
        raise TvfError(_("{path}: filen er ikke UTF-8.").format(path=doc.path)) from None
    if text != doc.text:
        raise TvfError(
            _("{path} ble endret mens tvf stamp kjørte.").format(path=doc.path),
            hint=_("Kjør tvf stamp igjen."),
        )
    new_text = edit_front_matter(text, edits, path=doc.path)
    stamped, _problems = parse_document(doc.path, new_text.encode("utf-8"))
    if (
        stamped is None
        or stamped.meta is None
        or fingerprint(stamped.meta, stamped.body) != stamp_print
    ):  # pragma: no cover
        raise TvfError(
            _("{path}: fingeravtrykket ble ikke det samme etter redigeringen.").format(
                path=doc.path
            ),
            hint=_("Dette er en feil i tvf; filen er ikke endret."),
        )
    plan.new = new_text.encode("utf-8")
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{doc.path}",
            tofile=f"b/{doc.path}",
        )
    )
    plan.result = StampResult(
        path=doc.path,
        id=doc.id,
        title=doc.title,
        old_version=old_version,
        version=version,
        approved_by=approver,
        valid_from=valid_from,
        review_by=review,
        summary=summary,
        fingerprint=stamp_print,
        diff=diff,
        written=False,
    )


# --- Writing: all or none ----------------------------------------------------------------------


def _write_all(plans: Sequence[_Plan]) -> None:
    """Write every plan's new bytes, or none: temporary files first, then the renames; a failed
    rename puts the original bytes back in the files already renamed."""
    temps: list[Path] = []
    try:
        for plan in plans:
            if plan.file.read_bytes() != plan.original:
                raise TvfError(
                    _("{path} ble endret mens tvf stamp kjørte; ingen filer er endret.").format(
                        path=plan.doc.path
                    ),
                    hint=_("Kjør tvf stamp igjen."),
                )
            with signals_held():  # made and recorded together: an interrupt cleans it up
                temps.append(temp_beside(plan.file, plan.new))
    except OSError as exc:
        _remove(temps)
        raise TvfError(
            _("Kunne ikke skrive {file}: {reason}. Ingen filer er endret.").format(
                file=exc.filename or _("filen"), reason=exc.strerror
            ),
            hint=_("Sjekk at du har skrivetilgang til mappen."),
        ) from None
    except BaseException:
        _remove(temps)
        raise
    done: list[_Plan] = []
    try:
        for plan, temp in zip(plans, temps, strict=True):
            with signals_held():  # renamed and recorded together, so a restore knows it
                temp.replace(plan.file)  # os.replace: atomic on POSIX and Windows
                done.append(plan)
    except BaseException as exc:
        _remove(temps[len(done) :])
        lost = _restore(done)
        if lost:
            raise TvfError(
                _("Skrivingen feilet, og disse filene kunne ikke settes tilbake: {files}.").format(
                    files=", ".join(lost)
                ),
                hint=_("Hent dem fra git med git restore FIL (om de var committet)."),
            ) from exc
        if isinstance(exc, OSError):
            raise TvfError(
                _(
                    "Kunne ikke skrive {file}: {reason}. Ingen filer er endret (de som alt var "
                    "skrevet, er satt tilbake)."
                ).format(file=exc.filename or _("filen"), reason=exc.strerror),
                hint=_("Sjekk at du har skrivetilgang, og kjør tvf stamp igjen."),
            ) from None
        raise


def _restore(done: Sequence[_Plan]) -> list[str]:
    lost = []
    for plan in done:
        try:
            temp_beside(plan.file, plan.original).replace(plan.file)
        except OSError:
            lost.append(plan.doc.path)
    return lost


def _remove(temps: Iterable[Path]) -> None:
    for temp in temps:
        with contextlib.suppress(OSError):
            temp.unlink()


# --- tvf history --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One line of ``tvf history``: a commit, or an approval from ``changes``."""

    kind: str  # "commit" or "stamp"
    date: dt.date
    author: str
    text: str
    version: str | None = None
    commit: str | None = None
    time: dt.datetime | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "date": self.date.isoformat(),
            "time": self.time.isoformat() if self.time else None,
            "author": self.author,
            "text": self.text,
            "version": self.version,
            "commit": self.commit,
        }


@dataclass(frozen=True)
class DocumentHistory:
    """A document's git history merged with its ``changes`` entries, newest first."""

    path: str
    id: str | None
    title: str
    git: str  # vcs.FileHistory.state: ok, no-repository, no-commits, untracked
    shallow: bool
    entries: tuple[HistoryEntry, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "git": self.git,
            "shallow": self.shallow,
            "entries": [e.as_json() for e in self.entries],
        }


def history(root: Path, target: str, *, cwd: Path | None = None) -> DocumentHistory:
    """The history of one document: one ``git log --follow`` for its file, and its
    ``changes``. An approval sorts after the commits of the same day."""
    handbook = load_handbook(root)
    doc = find_document(handbook, target, cwd=cwd)
    log = vcs.file_history(root / doc.path)
    entries = [
        HistoryEntry("commit", c.date.date(), c.author, c.subject, commit=c.commit, time=c.date)
        for c in log.commits
    ]
    changes = doc.get("changes")
    for change in changes if isinstance(changes, list) else []:
        if not isinstance(change, dict):
            continue
        date = as_date(change.get("date"))
        if date is None:
            continue
        version = change.get("version")
        entries.append(
            HistoryEntry(
                "stamp",
                date,
                str(change.get("by") or ""),
                str(change.get("summary") or ""),
                version=None if version is None else str(version),
            )
        )
    rank = {"commit": 0, "stamp": 1}
    # Newest first; git gives commits newest first and changes are oldest first, so the
    # position breaks ties within a day the right way for both.
    keyed = [
        (e.date, rank[e.kind], -i if e.kind == "commit" else i, e) for i, e in enumerate(entries)
    ]
    keyed.sort(key=lambda k: k[:3], reverse=True)
    entries = [k[3] for k in keyed]
    return DocumentHistory(
        path=doc.path,
        id=doc.id,
        title=doc.title,
        git=log.state,
        shallow=log.shallow,
        entries=tuple(entries),
    )
