"""Making new things: a whole handbook (``tvf init``) and new documents (``tvf new``).

Everything is rendered from the templates in ``templates/init/`` and ``templates/new/``
(a handbook's own ``templates/`` overrides them), checked before it is written, written
through a temporary file and a rename, and never written over an existing file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import vcs
from .checks import SLUG_RE, check_document
from .checks.cache import LOCAL_DIR as CACHE_DIR
from .config import CONFIG_NAME, DEFAULT_RECIPIENT
from .document import HANDBOOK_TYPES, ID_RE, Document, parse_document
from .errors import TvfError
from .files import write_atomic
from .findings import Finding, Severity
from .handbook import Handbook
from .i18n import N_, _
from .laws import LawRegistry
from .meetings import DEFAULT_MEETINGS_PER_YEAR, expected_meetings_from, school_year_start
from .templating import environment, render

FOLDERS = {
    "procedure": "prosedyrer",
    "attachment": "vedlegg",
    "measure": "tiltak",
    "plan": "planer",
}
# What a new document calls itself in its body ("Hva prosedyren skal oppnå"); translated
# when it is used.
TYPE_LABELS = {
    "procedure": N_("prosedyren"),
    "attachment": N_("vedlegget"),
    "measure": N_("tiltaket"),
    "plan": N_("planen"),
}
NETWORK_FOLDER = "nettverk"
GITIGNORE = ".gitignore"  # keeps tvf check's cache out of git, if it is kept in the handbook
CHAPTER_RE = re.compile(r"^[IVXLC]+(\.[0-9]+)*$")
# The services of the network mandate (seed 000): who sits in a network. Free text in the
# front matter, so they are written in the language in use.
NETWORK_SERVICES = (
    N_("Skole"),
    N_("Barnehage"),
    N_("Helsestasjon og skolehelsetjeneste"),
    N_("Pedagogisk-psykologisk tjeneste (PPT)"),
    N_("Psykisk helse og rus"),
    N_("Ergo- og fysioterapitjenesten"),
    "NAV",
    N_("Kultur og fritid"),
    "SLT",
)
# The defaults of tvf init, in the language in use.
DEFAULT_TITLE = N_("Håndbok for tverrfaglig samarbeid")
DEFAULT_COORDINATOR = N_("Koordinator for tverrfaglig samarbeid")


# --- tvf init ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitOptions:
    """What ``tvf init`` needs; ``None`` means the default, in the language in use."""

    municipality: str
    title: str | None = None
    coordinator: str | None = None
    recipient: str | None = None
    approving_body: str | None = None
    git: bool = True


@dataclass(frozen=True)
class InitResult:
    root: Path
    written: tuple[str, ...]
    git_initialised: bool


def init_handbook(root: Path, options: InitOptions, *, today: dt.date) -> InitResult:
    """Make a new handbook in ``root`` (created if missing); refuse to touch an existing one."""
    if not options.municipality.strip():
        raise TvfError(
            _('Oppgi kommunen med --municipality, f.eks. --municipality "Harstad kommune".')
        )
    if (root / CONFIG_NAME).exists():
        raise TvfError(
            _(
                "Det finnes allerede en håndbok i {root} ({config}); tvf init "
                "skriver ikke over den."
            ).format(root=root, config=CONFIG_NAME),
            hint=_("Velg en annen mappe."),
        )
    recipient = options.recipient or _(DEFAULT_RECIPIENT)
    context = {
        "title": options.title or _(DEFAULT_TITLE),
        "municipality": options.municipality,
        "coordinator": options.coordinator or _(DEFAULT_COORDINATOR),
        "recipient": recipient,
        "approving_body": options.approving_body,
        "year": school_year_start(today).year,
    }
    env = environment(None)
    network = _network_context(
        slug="eksempel",
        title=_("Tverrfaglig nettverk (eksempel)"),
        leader_name=_("Navn Navnesen"),
        leader_role=_("Rektor"),
        mandate="I.1-2",
        report_to=recipient,
        today=today,
    )
    files = {
        CONFIG_NAME: render(env, "init/tvf.toml.j2", context),
        "laws.yaml": render(env, "init/laws.yaml.j2", context),
        "README.md": render(env, "init/README.md.j2", context),
        "prosedyrer/i-1-1-om-handboka.md": render(env, "init/about.md.j2", context),
        "prosedyrer/i-1-2-mandat-for-tverrfaglige-nettverk.md": render(
            env, "init/mandate.md.j2", context
        ),
        f"{NETWORK_FOLDER}/eksempel/nettverk.md": render(env, "new/network.md.j2", network),
        "templates/README.md": render(env, "init/templates-README.md.j2", context),
    }
    clashes = [name for name in files if (root / name).exists()]
    if clashes:
        raise TvfError(
            _("tvf init skriver ikke over filer som finnes: {files}.").format(
                files=", ".join(clashes)
            ),
            hint=_("Velg en tom mappe."),
        )
    for folder in (*FOLDERS.values(), NETWORK_FOLDER):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomic(root / name, text, new=True)
    written = tuple(files)
    if not (root / GITIGNORE).exists():  # one there already is the user's: left as it is
        write_atomic(root / GITIGNORE, f"{CACHE_DIR}/\n", new=True)
        written += (GITIGNORE,)
    initialised = False
    if options.git and vcs.repository(root) is None:
        vcs.init_repository(root)
        initialised = True
    return InitResult(root, written, initialised)


# --- tvf new ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewDocument:
    """What ``tvf new procedure|attachment|measure|plan`` needs; ``None`` means "work it out"."""

    type: str
    title: str
    owner: str
    chapter: str | None = None
    id: str | None = None
    code: str | None = None
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewNetwork:
    slug: str
    title: str
    leader_name: str
    leader_role: str
    mandate: str | None = None


@dataclass(frozen=True)
class Created:
    path: Path
    rel: str
    text: str
    id: str
    code: str | None = None
    notes: tuple[str, ...] = field(default=())


def next_id(handbook: Handbook, chapter: str) -> str:
    """The next free ID in a chapter: after IV.7-14 comes IV.7-15."""
    chapter = chapter.strip()
    if not CHAPTER_RE.match(chapter):
        raise TvfError(
            _("Kapittelet «{chapter}» har feil form; skriv f.eks. IV.7 eller IV.7.1.").format(
                chapter=chapter
            )
        )
    serials = [
        int(doc_id.rpartition("-")[2])
        for doc_id in _ids(handbook.documents)
        if doc_id.rpartition("-")[0] == chapter
    ]
    return f"{chapter}-{max(serials, default=0) + 1}"


def next_code(handbook: Handbook) -> str:
    """The next free measure code: after V23 comes V24."""
    numbers = [
        int(code[1:])
        for doc in handbook.documents
        if doc.type == "measure"
        and isinstance(code := doc.get("code"), str)
        and re.fullmatch(r"V[0-9]{2}", code)
    ]
    number = max(numbers, default=0) + 1
    if number > 99:
        raise TvfError(_("Alle tiltakskoder V01–V99 er brukt."))
    return f"V{number:02d}"


def usual_chapter(handbook: Handbook, doc_type: str) -> str | None:
    """The chapter most documents of this type are in (the default in the prompt)."""
    chapters = Counter(
        doc.id.rpartition("-")[0]
        for doc in handbook.documents
        if doc.type == doc_type and doc.id and ID_RE.match(doc.id)
    )
    return chapters.most_common(1)[0][0] if chapters else None


def new_document(
    handbook: Handbook, spec: NewDocument, *, today: dt.date, dry_run: bool = False
) -> Created:
    if spec.type not in HANDBOOK_TYPES:
        raise TvfError(
            _("Ukjent dokumenttype «{type}»: bruk {types}.").format(
                type=spec.type, types=", ".join(HANDBOOK_TYPES)
            )
        )
    if not spec.title.strip():
        raise TvfError(_("Dokumentet må ha tittel."))
    if not spec.owner.strip():
        raise TvfError(_("Dokumentet må ha ansvarlig."))
    if spec.id is not None:
        doc_id = spec.id.strip()
        if not ID_RE.match(doc_id):
            raise TvfError(_("ID-en «{id}» har feil form; skriv f.eks. IV.7-15.").format(id=doc_id))
        if doc_id in _ids(handbook.documents):
            raise TvfError(
                _("ID-en {id} er allerede i bruk.").format(id=doc_id),
                hint=_("Utelat --id for å få neste ledige ID i kapittelet."),
            )
    elif spec.chapter is not None:
        doc_id = next_id(handbook, spec.chapter)
    else:
        raise TvfError(_("Oppgi kapittel (--chapter, f.eks. IV.7) eller ID (--id)."))
    code = None
    if spec.type == "measure":
        code = spec.code or next_code(handbook)
        if not re.fullmatch(r"V[0-9]{2}", code):
            raise TvfError(
                _("Tiltakskoden «{code}» har feil form; skriv V og to sifre.").format(code=code)
            )
        if code in {d.get("code") for d in handbook.documents if d.type == "measure"}:
            raise TvfError(_("Tiltakskoden {code} er allerede i bruk.").format(code=code))
    context = {
        "id": doc_id,
        "code": code,
        "title": spec.title.strip(),
        "type": spec.type,
        "type_label": _(TYPE_LABELS[spec.type]),
        "owner": spec.owner.strip(),
        "applies_to": list(spec.applies_to),
        "today": today,
    }
    text = render(environment(handbook.root), "new/document.md.j2", context)
    rel = f"{FOLDERS[spec.type]}/{slugify(doc_id)}-{slugify(spec.title)[:60].strip('-')}.md"
    return _create(handbook, rel, text, doc_id, code, today=today, dry_run=dry_run)


def new_network(
    handbook: Handbook, spec: NewNetwork, *, today: dt.date, dry_run: bool = False
) -> Created:
    slug = spec.slug.strip()
    if not SLUG_RE.match(slug):
        raise TvfError(
            _(
                "Nettverks-ID «{slug}» har feil form: bruk små bokstaver, sifre og "
                "bindestrek, f.eks. sentrum."
            ).format(slug=slug)
        )
    if slug in {d.id for d in handbook.documents if d.type == "network"}:
        raise TvfError(_("Nettverket {slug} finnes allerede.").format(slug=slug))
    if spec.mandate is not None and spec.mandate not in _ids(handbook.documents):
        raise TvfError(
            _("Mandatet {mandate} finnes ikke i håndboka.").format(mandate=spec.mandate),
            hint=_("Se dokumentene med tvf list."),
        )
    context = _network_context(
        slug=slug,
        title=spec.title.strip(),
        leader_name=spec.leader_name.strip(),
        leader_role=spec.leader_role.strip(),
        mandate=spec.mandate,
        report_to=handbook.config.minutes_recipient,
        today=today,
    )
    text = render(environment(handbook.root), "new/network.md.j2", context)
    return _create(
        handbook,
        f"{NETWORK_FOLDER}/{slug}/nettverk.md",
        text,
        slug,
        None,
        today=today,
        dry_run=dry_run,
    )


def _first_plan(today: dt.date) -> list[dt.date]:
    """Meeting dates for a new network (three a year): the rest of this school year, or the
    next one when this one's meetings are over; never a date before today."""
    from .calendar_plan import propose_dates  # holidays and iCalendar only when needed

    year = school_year_start(today).year
    count = expected_meetings_from(DEFAULT_MEETINGS_PER_YEAR, today)
    if count == 0:
        return [m.date for m in propose_dates(DEFAULT_MEETINGS_PER_YEAR, year + 1)]
    return [m.date for m in propose_dates(count, year, today=today)]


def _network_context(
    *,
    slug: str,
    title: str,
    leader_name: str,
    leader_role: str,
    mandate: str | None,
    report_to: str,
    today: dt.date,
) -> dict[str, object]:
    try:
        term_end = today.replace(year=today.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        term_end = today.replace(year=today.year + 1, day=28)
    return {
        "slug": slug,
        "title": title,
        "leader_name": leader_name,
        "leader_role": leader_role,
        "term_start": today,
        "term_end": term_end,
        "planned_meetings": _first_plan(today),
        "services": [_(service) for service in NETWORK_SERVICES],
        "mandate": mandate,
        "report_to": report_to,
    }


def _create(
    handbook: Handbook,
    rel: str,
    text: str,
    doc_id: str,
    code: str | None,
    *,
    today: dt.date,
    dry_run: bool,
) -> Created:
    """Check the rendered document as ``tvf check`` would, then write it."""
    doc, problems = parse_document(rel, text.encode("utf-8"))
    errors = [*problems, *_errors(doc, handbook.laws, today)]
    if errors:
        details = "; ".join(f"{f.code} {f.message}" for f in errors)
        raise TvfError(
            _("Dokumentet ble ikke gyldig ({details}).").format(details=details),
            hint=_("Sjekk malen i håndbokas templates/new/, om dere har en egen."),
        )
    path = handbook.root / rel
    if path.exists():
        raise TvfError(_("{path} finnes allerede; tvf skriver ikke over den.").format(path=rel))
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, new=True)
    return Created(path, rel, text, doc_id, code)


def _errors(doc: Document | None, laws: LawRegistry, today: dt.date) -> list[Finding]:
    if doc is None:
        return []
    return [f for f in check_document(doc, laws, today) if f.severity is Severity.ERROR]


def _ids(documents: Iterable[Document]) -> set[str]:
    return {doc.id for doc in documents if doc.is_handbook_document and doc.id}


def slugify(text: str) -> str:
    """An ASCII file-name part: «Skolestart – overgang» → skolestart-overgang."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "dokument"
