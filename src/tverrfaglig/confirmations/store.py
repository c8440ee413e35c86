"""The confirmations of a handbook: one YAML file per document under ``lesebekreftelser/``.

``lesebekreftelser/IV.7-2.yaml``::

    # Lesebekreftelser for IV.7-2 (tvf confirmations import). …
    id: IV.7-2
    confirmations:
    - {version: "2.0", name: "Kari Nordmann", unit: "Kanebogen skole", time: "2026-11-20T14:05"}
    history:
    - {version: "1.3", name: "Kari Nordmann", unit: "Kanebogen skole", time: "2025-02-03T09:12"}

``confirmations`` count for the version in force; ``history`` holds those of versions that no
longer count (a major stamp moves them there). One entry per line, sorted, so a pull request
shows exactly who was added or removed. Every file is written through
:func:`tverrfaglig.files.write_atomic` and checked by :func:`tverrfaglig.pii.guard` first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..document import ID_RE
from ..errors import TvfError
from ..files import write_atomic
from ..i18n import _
from ..pii import guard
from .model import Confirmation, counts_for, fold

FOLDER = "lesebekreftelser"
SUFFIX = ".yaml"


@dataclass
class Record:
    """The confirmations of one document."""

    id: str
    confirmations: list[Confirmation] = field(default_factory=list)
    history: list[Confirmation] = field(default_factory=list)

    def recorded(self) -> set[tuple[str, str, str]]:
        return {c.key for c in (*self.confirmations, *self.history)}

    def all(self) -> Iterator[Confirmation]:
        yield from self.confirmations
        yield from self.history


def path_of(root: Path, doc_id: str) -> Path:
    return root / FOLDER / f"{doc_id}{SUFFIX}"


def load_all(root: Path) -> dict[str, Record]:
    """Every document's confirmations, by document ID ({} when there are none)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return {}
    records = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        record = _read(path, root)
        records[record.id] = record
    return records


def load(root: Path, doc_id: str) -> Record:
    path = path_of(root, doc_id)
    return _read(path, root) if path.is_file() else Record(doc_id)


def _read(path: Path, root: Path) -> Record:
    rel = path.relative_to(root).as_posix()
    doc_id = path.name[: -len(SUFFIX)]
    hint = _("Rett filen (den er skrevet av tvf confirmations import), eller hent den fra git.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TvfError(
            _("{path} kan ikke leses: {reason}").format(
                path=rel, reason=getattr(exc, "strerror", None) or exc
            ),
            hint=hint,
        ) from None
    if not ID_RE.match(doc_id) or not isinstance(data, dict) or data.get("id") != doc_id:
        raise TvfError(
            _("{path}: filen skal ha id: {id}, samme dokument-ID som filnavnet.").format(
                path=rel, id=doc_id
            ),
            hint=hint,
        )
    record = Record(doc_id)
    for key, into in (("confirmations", record.confirmations), ("history", record.history)):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise TvfError(
                _("{path}: {key} må være en liste.").format(path=rel, key=key), hint=hint
            )
        for number, entry in enumerate(entries, 1):
            into.append(_entry(entry, rel, key, number, hint))
    return record


def _entry(entry: object, rel: str, key: str, number: int, hint: str) -> Confirmation:
    problem = TvfError(
        _(
            "{path}: oppføring {n} i {key} må ha version, name, unit og time (ÅÅÅÅ-MM-DDTTT:MM)."
        ).format(path=rel, n=number, key=key),
        hint=hint,
    )
    if not isinstance(entry, dict):
        raise problem
    values = [entry.get(k) for k in ("version", "name", "unit", "time")]
    if not all(isinstance(v, str) for v in values[:3]):
        raise problem
    when = values[3]
    try:
        time = when if isinstance(when, dt.datetime) else dt.datetime.fromisoformat(str(when))
    except ValueError:
        raise problem from None
    return Confirmation(str(values[0]), str(values[1]), str(values[2]), time.replace(tzinfo=None))


def render(record: Record) -> str:
    """The file's text: a header, then one entry a line, sorted."""
    lines = [
        "# "
        + _("Lesebekreftelser for {id}, skrevet av tvf confirmations import.").format(id=record.id),
        "# "
        + _(
            "Personopplysninger: bare navn, enhet og tidspunkt. Slett en person med "
            "tvf confirmations forget NAVN."
        ),
        f"id: {record.id}",
    ]
    for key, entries in (("confirmations", record.confirmations), ("history", record.history)):
        lines.append(f"{key}:" if entries else f"{key}: []")
        lines.extend(_line(c) for c in sorted(entries, key=Confirmation.sort_key))
    return "\n".join(lines) + "\n"


def _line(c: Confirmation) -> str:
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar

    return (
        f"- {{version: {q(c.version)}, name: {q(c.name)}, unit: {q(c.unit)}, "
        f"time: {q(c.time.isoformat(timespec='minutes'))}}}"
    )


def save(root: Path, record: Record) -> str:
    """Write the record's file; returns its path relative to the root."""
    path = path_of(root, record.id)
    text = render(record)
    guard(
        text,
        _(
            "Lesebekreftelsene for {id} inneholder det som kan være et {kind} "
            "({masked}); tvf skriver dem ikke."
        ),
        id=record.id,
        hint=_("Rett navnet eller enheten i kilden, og importer på nytt."),
    )
    write_atomic(path, text)
    return path.relative_to(root).as_posix()


def settle(
    root: Path, doc_id: str, version: str, *, minor_keeps: bool = True, dry_run: bool = False
) -> int:
    """Move the confirmations that no longer count for ``version`` (the document was just
    stamped) to the history; returns how many moved."""
    path = path_of(root, doc_id)
    if not path.is_file():
        return 0
    record = _read(path, root)
    stale = [
        c
        for c in record.confirmations
        if not counts_for(c.version, version, minor_keeps=minor_keeps)
    ]
    if stale and not dry_run:
        record.confirmations = [c for c in record.confirmations if c not in stale]
        record.history.extend(stale)
        save(root, record)
    return len(stale)


@dataclass(frozen=True)
class Forgotten:
    removed: int
    files: tuple[str, ...]


def forget(root: Path, name: str, *, unit: str | None = None, dry_run: bool = False) -> Forgotten:
    """Delete every confirmation (current and history) by the person ``name`` (in ``unit``)."""
    if not name.strip():
        raise TvfError(_("Oppgi navnet til personen som skal slettes."))
    wanted = fold(name)

    def match(c: Confirmation) -> bool:
        return fold(c.name) == wanted and (unit is None or fold(c.unit) == fold(unit))

    removed = 0
    files = []
    for record in load_all(root).values():
        hits = sum(1 for c in record.all() if match(c))
        if not hits:
            continue
        removed += hits
        record.confirmations = [c for c in record.confirmations if not match(c)]
        record.history = [c for c in record.history if not match(c)]
        files.append(path_of(root, record.id).relative_to(root).as_posix())
        if not dry_run:
            save(root, record)
    return Forgotten(removed, tuple(files))


def newest(records: Iterable[Record]) -> dt.datetime | None:
    """The time of the newest confirmation on record: the date of the data."""
    times = [c.time for record in records for c in record.all()]
    return max(times) if times else None
