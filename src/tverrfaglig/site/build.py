"""``tvf build``: check the handbook, refuse to publish it when it must not be, and build it.

:func:`build_site` checks the handbook first: it refuses (:class:`BuildRefused`) one with errors
unless forced, and one that may hold a national identity number always, in its documents or in
the purpose shown on the start page. Then it makes the site model, renders the pages and writes
them with the search index, the static files and the files that pages link to.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import vcs
from ..checks.cache import Listing, open_cache
from ..checks.engine import UNSILENCEABLE, Scan, scan_path
from ..config import CONFIG_NAME, load_config
from ..errors import TvfError
from ..findings import Finding, Report, Severity
from ..handbook import Handbook
from ..i18n import _, language, ngettext
from ..laws import load_registry
from ..pii import guard
from ..workers import collector_paused
from . import incremental
from .model import Site
from .output import Output
from .pages import Pages

MAX_LISTED_ERRORS = 10


class BuildRefused(TvfError):
    """The handbook has errors, so it is not published. Exit status 1, as for ``tvf check``."""

    exit_code = 1


@dataclass(frozen=True)
class BuildResult:
    """What a build did. Paths are relative to ``out_dir``, with ``/``."""

    out_dir: Path
    report: Report
    pages: int
    files: tuple[str, ...]
    written: tuple[str, ...]
    removed: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    broken_links: tuple[str, ...] = ()  # links and images to files the handbook does not have
    dry_run: bool = False
    seconds: float = 0.0
    rendered: int = 0  # document pages rendered; the others were kept from the last build

    @property
    def unchanged(self) -> int:
        return len(self.files) - len(self.written)


def build_site(
    handbook_root: Path,
    out_dir: Path,
    *,
    force: bool = False,
    today: dt.date | None = None,
    dry_run: bool = False,
    jobs: int | None = None,
) -> BuildResult:
    """Check the handbook at ``handbook_root`` and write its website to ``out_dir``.

    Raises :class:`BuildRefused` when the check finds errors (unless ``force``) or a possible
    national identity number (always), and :class:`TvfError` when ``out_dir`` cannot be used.
    With ``dry_run`` nothing is written; the result says what would be. ``jobs`` is the
    number of processes that render pages (default: one per core for large handbooks).
    """
    with collector_paused():
        return _build_site(
            handbook_root, out_dir, force=force, today=today, dry_run=dry_run, jobs=jobs
        )


def _build_site(
    handbook_root: Path,
    out_dir: Path,
    *,
    force: bool,
    today: dt.date | None,
    dry_run: bool,
    jobs: int | None,
) -> BuildResult:
    started = time.perf_counter()
    today = dt.date.today() if today is None else today
    root = handbook_root.resolve()
    config = load_config(root)
    # Checked as tvf check does: in worker processes, each unchanged file taken from the
    # check's cache; git is asked for the last commits meanwhile.
    store = open_cache(root, today=today, language=language())
    changes: dict[str, vcs.Change] = {}
    # When only files changed since the last run (no folder), the cache's record of that run
    # lists the handbook's files, so the folders are not walked again (as tvf check does).
    replayed = store.replay(root)
    scan: Scan[None] = scan_path(
        root,
        config,
        today=today,
        jobs=jobs,
        cache=store,
        meanwhile=lambda: changes.update(vcs.last_changes(root)),
        listing=replayed if isinstance(replayed, Listing) else None,
    )
    ignored = config.ignore - UNSILENCEABLE
    report = Report.build(
        (f for f in scan.findings if f.code not in ignored), documents=scan.documents
    )
    _refuse_if_unpublishable(report, force=force)
    laws, _problems = load_registry(root)
    handbook = Handbook(config=config, documents=[], laws=laws)
    purpose = _purpose(root, handbook)
    out = _output_folder(out_dir, root)

    unreadable = {f.path for f in scan.findings if f.code == "TVF001" and f.line is None}
    digests = {rel: entry.digest for rel, entry in store.fresh.items()}
    site = Site.from_summaries(handbook, today, scan.files, scan.summaries, digests, unreadable)
    output = Output(out, dry_run=dry_run)
    salt = incremental.build_salt(root, today=today, language=language())
    pages = Pages(site, purpose, changes, salt=salt, previous=incremental.load(out, salt))
    pages.render_entries(output, jobs=jobs)
    pages.render_summaries(output)
    output.put_search_index(pages.search_index())
    output.put_static_files(root)
    output.put_linked_files(root, pages.linked)
    removed = output.finish()
    # Unless a page was rendered or went, the cache on disk holds these records and answers.
    if pages.records != pages.previous:
        answers = pages.answers_to_record()
        for name, data in incremental.dump(salt, pages.records, pages.previous, answers).items():
            output.put_cache(name, data)
    return BuildResult(
        out_dir=out,
        report=report,
        pages=pages.count,
        files=tuple(output.files),
        written=tuple(output.written),
        removed=removed,
        skipped=tuple(site.skipped),
        broken_links=tuple(sorted(pages.broken)),
        dry_run=dry_run,
        seconds=time.perf_counter() - started,
        rendered=pages.rendered,
    )


def _refuse_if_unpublishable(report: Report, *, force: bool) -> None:
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    personal = [f for f in errors if f.code == "TVF501"]
    if personal:
        raise BuildRefused(
            _(
                "Håndboka publiseres ikke: den kan inneholde et fødselsnummer eller D-/H-nummer, "
                "heller ikke med --force."
            )
            + "\n"
            + _finding_lines(personal),
            hint=_(
                "Fjern nummeret (og slett det fra git-historikken om det er delt), og bygg på "
                "nytt. tvf check viser hvor."
            ),
        )
    if errors and not force:
        files = len({f.path for f in errors})
        in_files = ngettext("{n} fil", "{n} filer", files).format(n=files)
        raise BuildRefused(
            ngettext(
                "Håndboka har {n} feil i {files}, så den publiseres ikke:",
                "Håndboka har {n} feil i {files}, så den publiseres ikke:",
                len(errors),
            ).format(n=len(errors), files=in_files)
            + "\n"
            + _finding_lines(errors),
            hint=_("Rett feilene (tvf check viser alle), eller bygg likevel med --force."),
        )


def _finding_lines(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings[:MAX_LISTED_ERRORS]:
        where = finding.path if finding.line is None else f"{finding.path}:{finding.line}"
        lines.append(f"  {where}  {finding.code}  {finding.message}")
    if len(findings) > MAX_LISTED_ERRORS:
        lines.append("  " + _("… og {n} til.").format(n=len(findings) - MAX_LISTED_ERRORS))
    return "\n".join(lines)


def _output_folder(out_dir: Path, root: Path) -> Path:
    out = out_dir.resolve()
    if out == root or root.is_relative_to(out):
        raise TvfError(
            _(
                "Kan ikke bygge nettstedet i {out}: mappen er håndboka eller en mappe over den."
            ).format(out=out_dir),
            hint=_("Velg en egen mappe med --out, f.eks. --out site."),
        )
    if out.exists() and not out.is_dir():
        raise TvfError(
            _("Kan ikke bygge nettstedet i {out}: det er en fil, ikke en mappe.").format(
                out=out_dir
            ),
            hint=_("Velg en annen mappe med --out."),
        )
    return out


# --- The purpose on the start page ----------------------------------------------------------------


def _purpose(root: Path, handbook: Handbook) -> str:
    """The purpose on the start page, as Markdown: ``[site] purpose`` in tvf.toml; else the
    section «Formål» (or «Om håndboka», «Hva håndboka er») of the handbook's README.md, or its
    first paragraph; else a sentence made from the title."""
    text = _configured_purpose(root) or _readme_purpose(root)
    config = handbook.config
    if not text and config.municipality:
        text = _(
            "{title} i {municipality}: prosedyrer, vedlegg, tiltak, planer og nettverk for "
            "tverrfaglig samarbeid om barn og unge."
        ).format(title=config.title, municipality=config.municipality)
    elif not text:
        text = _(
            "{title}: prosedyrer, vedlegg, tiltak, planer og nettverk for tverrfaglig "
            "samarbeid om barn og unge."
        ).format(title=config.title)
    guard(
        text,
        _(
            "Håndboka publiseres ikke: formålsteksten (fra tvf.toml eller README.md) "
            "kan inneholde et fødselsnummer eller D-/H-nummer."
        ),
        hint=_("Fjern nummeret og bygg på nytt."),
        refusal=BuildRefused,
    )
    return text


def _configured_purpose(root: Path) -> str | None:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # load_config has read it already; this cannot normally happen
    table = data.get("site", {})
    if not isinstance(table, dict):
        raise TvfError(_("{path}: [site] må være en tabell.").format(path=path))
    purpose = table.get("purpose")
    if purpose is not None and not isinstance(purpose, str):
        raise TvfError(
            _("{path}: [site] purpose må være tekst.").format(path=path),
            hint=_('Skriv for eksempel purpose = "Håndboka samler …".'),
        )
    return purpose.strip() if purpose else None


_PURPOSE_HEADINGS = re.compile(r"^(formål|om håndboka|hva håndboka er)\b", re.IGNORECASE)


def _readme_purpose(root: Path) -> str | None:
    try:
        text = (root / "README.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    start = next(
        (
            i + 1
            for i, line in enumerate(lines)
            if line.startswith("#") and _PURPOSE_HEADINGS.match(line.lstrip("#").strip())
        ),
        None,
    )
    if start is None:
        start = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    paragraph: list[str] = []
    for line in lines[start:]:
        if line.startswith("#") or (not line.strip() and paragraph):
            break
        if line.strip():
            paragraph.append(line.strip())
    return " ".join(paragraph) or None
