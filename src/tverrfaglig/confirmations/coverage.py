"""Who must read what, and how many have: coverage per document and unit.

A unit must read a document in force (``status: approved``) when one of the unit's services is
in the document's ``applies_to``; a document without ``applies_to`` is for every unit. A unit
has ``employees`` readers (or as many as its ``names``). The confirmations that count are
those for the version in force (see :mod:`.model`), one per person; a unit's share is capped
at 100 %. Names leave this module only as ``missing_names``, for ``--names``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..config import Config, Unit
from ..document import Document
from . import store
from .model import counts_for, fold


class Readable(NamedTuple):
    """What coverage needs of a document."""

    id: str
    title: str
    path: str
    version: str
    applies_to: tuple[str, ...]

    @classmethod
    def of(cls, doc: Document) -> Readable | None:
        """The document, if it is a handbook document in force with an ID and a version."""
        version = doc.get("version")
        if not (
            doc.meta is not None
            and doc.is_handbook_document
            and doc.id
            and doc.status == "approved"
            and isinstance(version, str)
        ):
            return None
        applies = doc.get("applies_to")
        services = (
            tuple(a for a in applies if isinstance(a, str)) if isinstance(applies, list) else ()
        )
        return cls(doc.id, doc.title, doc.path, version, services)


@dataclass(frozen=True)
class UnitCoverage:
    unit: str
    required: int
    confirmed: int  # people of this unit who confirmed the version in force
    missing_names: tuple[str, ...] = ()  # only for a unit that lists its names

    @property
    def counted(self) -> int:
        return min(self.confirmed, self.required)

    @property
    def missing(self) -> int:
        return self.required - self.counted

    @property
    def share(self) -> float:
        return self.counted / self.required if self.required else 1.0

    @property
    def share_percent(self) -> int:
        return percent(self.share)

    def as_json(self, *, names: bool) -> dict[str, object]:
        data: dict[str, object] = {
            "unit": self.unit,
            "required": self.required,
            "confirmed": self.counted,
            "missing": self.missing,
            "percent": percent(self.share),
        }
        if names:
            data["missing_names"] = list(self.missing_names)
        return data


@dataclass(frozen=True)
class DocumentCoverage:
    id: str
    title: str
    path: str
    version: str
    units: tuple[UnitCoverage, ...]
    newest: dt.datetime | None  # the newest confirmation of the version in force

    @property
    def required(self) -> int:
        return sum(u.required for u in self.units)

    @property
    def confirmed(self) -> int:
        return sum(u.counted for u in self.units)

    @property
    def share(self) -> float:
        return self.confirmed / self.required if self.required else 1.0

    @property
    def share_percent(self) -> int:
        return percent(self.share)

    def below(self, threshold: int) -> bool:
        return self.required > 0 and percent(self.share) < threshold

    def to_remind(self, threshold: int) -> list[UnitCoverage]:
        return [u for u in self.units if u.required and percent(u.share) < threshold]

    def as_json(self, *, names: bool = False) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "version": self.version,
            "required": self.required,
            "confirmed": self.confirmed,
            "missing": self.required - self.confirmed,
            "percent": percent(self.share),
            "newest": self.newest.isoformat(timespec="minutes") if self.newest else None,
            "units": [u.as_json(names=names) for u in self.units],
        }


@dataclass(frozen=True)
class CoverageReport:
    documents: tuple[DocumentCoverage, ...]
    threshold: int
    data_date: dt.datetime | None  # the newest confirmation on record
    units: int  # units configured in tvf.toml
    confirmations: int  # confirmations on record that count for a version in force

    @property
    def has_data(self) -> bool:
        return self.units > 0 and self.data_date is not None

    def below(self) -> list[DocumentCoverage]:
        return [d for d in self.documents if d.below(self.threshold)]


def percent(share: float) -> int:
    """Whole per cent, rounded down, so 79.9 % is below a threshold of 80."""
    return int(share * 100 + 1e-9)


def readers(units: Sequence[Unit], applies_to: Iterable[str]) -> list[Unit]:
    """The units that must read a document with this ``applies_to``."""
    wanted = {fold(s) for s in applies_to}
    if not wanted:
        return list(units)
    return [u for u in units if wanted & {fold(s) for s in u.services}]


def document_coverage(
    doc: Readable, units: Sequence[Unit], record: store.Record | None, *, minor_keeps: bool = True
) -> DocumentCoverage:
    counting = [
        c
        for c in (record.confirmations if record else [])
        if counts_for(c.version, doc.version, minor_keeps=minor_keeps)
    ]
    rows = []
    for unit in readers(units, doc.applies_to):
        people = {fold(c.name) for c in counting if fold(c.unit) == fold(unit.name)}
        missing = tuple(n for n in unit.names if fold(n) not in people)
        rows.append(UnitCoverage(unit.name, unit.employees, len(people), missing))
    newest = max((c.time for c in counting), default=None)
    return DocumentCoverage(doc.id, doc.title, doc.path, doc.version, tuple(rows), newest)


def coverage(
    config: Config, documents: Iterable[Readable | None], records: Mapping[str, store.Record]
) -> CoverageReport:
    """Coverage of every document in force, in ID order of the input."""
    settings = config.confirmations
    minor_keeps = settings.minor_keeps if settings else True
    made = []
    counted = 0
    for doc in documents:
        if doc is None:
            continue
        result = document_coverage(doc, config.units, records.get(doc.id), minor_keeps=minor_keeps)
        counted += result.confirmed
        made.append(result)
    return CoverageReport(
        tuple(made),
        settings.threshold if settings else 80,
        store.newest(records.values()),
        len(config.units),
        counted,
    )


def handbook_coverage(root: Path, config: Config, documents: Iterable[Document]) -> CoverageReport:
    """Coverage of the handbook's documents, with the confirmations under ``root``."""
    return coverage(config, (Readable.of(d) for d in documents), store.load_all(root))


def select(
    report: CoverageReport, *, doc_id: str | None = None, unit: str | None = None
) -> CoverageReport:
    """The report for one document and/or one unit (named as in ``tvf.toml``, any case)."""
    docs = list(report.documents)
    if doc_id is not None:
        docs = [d for d in docs if d.id == doc_id]
    if unit is not None:
        docs = [
            dataclasses.replace(d, units=tuple(u for u in d.units if fold(u.unit) == fold(unit)))
            for d in docs
        ]
        docs = [d for d in docs if d.units]
    return dataclasses.replace(report, documents=tuple(docs))
