"""``tvf confirmations import``: read a form's or spreadsheet's export into the handbook.

Reads ``.xlsx`` (openpyxl; the first sheet, the first row the headers) and ``.csv`` as
Microsoft Forms and Excel write them in Norway: semicolon separated (a comma or a tab is
recognised too), UTF-8 with a byte-order mark, or Windows-1252 from Excel's plain «CSV
(semikolondelt)», dates as ``dd.mm.yyyy hh:mm``. Columns are found by their header
(:data:`HEADERS`), or by ``--map field=Header``. Only the document, the version, the name, the
unit and the time are read; every other column (e-mail, the response number) is dropped.

A row that cannot be recorded (an unknown document or version, an unknown unit, no name, a
time that is not a time) is reported with its row number, and the rest is imported. A file
with anything that looks like a national identity number is refused whole, before anything is
written. Importing the same export again adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..document import Document
from ..errors import TvfError
from ..handbook import load_handbook
from ..i18n import _
from ..pii import guard
from . import store
from .model import Confirmation, counts_for, fold, is_known_version

FIELDS = ("document", "version", "name", "unit", "time")
#: The headers each field is found by (compared without case), in order of preference: a
#: Microsoft Forms export has «Starttidspunkt» and «Fullføringstidspunkt»; the second wins.
HEADERS: dict[str, tuple[str, ...]] = {
    "document": ("dokument", "dokument-id", "dokumentid", "document", "document id", "rutine"),
    "version": ("versjon", "version"),
    "name": ("navn", "fullt navn", "name", "full name"),
    "unit": ("enhet", "arbeidssted", "avdeling", "unit"),
    "time": (
        "fullføringstidspunkt",
        "completion time",
        "tidspunkt",
        "tid",
        "time",
        "dato",
        "date",
        "starttidspunkt",
        "start time",
    ),
}
DOC_ID_RE = re.compile(r"^\s*([IVXLC]+(?:\.[0-9]+)*-[0-9]+)(?=\s|$|[,;:–-])")
TIME_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y kl. %H:%M",
    "%d.%m.%Y kl. %H.%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%y %H:%M",
    "%d.%m.%Y",
)


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    message: str


@dataclass
class ImportResult:
    file: str
    rows: int = 0
    added: int = 0
    history: int = 0  # added to the history: a version that no longer counts
    already: int = 0  # on record already (the same person, unit and version)
    problems: list[RowProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    dry_run: bool = False


def parse_map(options: Sequence[str]) -> dict[str, str]:
    """``--map field=Header`` options as {field: header}."""
    mapping = {}
    for option in options:
        key, sep, header = option.partition("=")
        key = key.strip().casefold()
        if not sep or key not in FIELDS or not header.strip():
            raise TvfError(
                _(
                    "--map «{option}» skal være FELT=Kolonneoverskrift, der FELT er en av {fields}."
                ).format(option=option, fields=", ".join(FIELDS)),
                hint=_('For eksempel --map "document=Hvilken rutine har du lest?".'),
            )
        mapping[key] = header.strip()
    return mapping


def import_file(
    root: Path,
    config: Config,
    file: Path,
    *,
    mapping: Mapping[str, str] = {},
    dry_run: bool = False,
) -> ImportResult:
    """Read ``file`` and record its confirmations under ``lesebekreftelser/``."""
    rows = read_rows(file)
    name = file.name
    _refuse_identity_numbers(rows, name)
    if not rows:
        raise TvfError(_("{file} er tom.").format(file=name))
    columns = _columns(rows[0], mapping, name, need_unit=bool(config.units))
    handbook = load_handbook(root, config)
    documents = {
        d.id: d
        for d in handbook.documents
        if d.meta is not None and d.is_handbook_document and d.id
    }
    units = {fold(u.name): u.name for u in config.units}
    minor_keeps = config.confirmations.minor_keeps if config.confirmations else True
    result = ImportResult(file=name, dry_run=dry_run)
    records: dict[str, store.Record] = {}
    changed: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        cells = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
        if all(_text(v) == "" for v in row):
            continue
        result.rows += 1
        made = _confirmation(cells, documents, units, number)
        if isinstance(made, RowProblem):
            result.problems.append(made)
            continue
        doc, confirmation = made
        assert doc.id is not None
        record = records.get(doc.id)
        if record is None:
            record = records[doc.id] = store.load(root, doc.id)
        if confirmation.key in record.recorded():
            result.already += 1
            continue
        current = str(doc.get("version"))
        if counts_for(confirmation.version, current, minor_keeps=minor_keeps):
            record.confirmations.append(confirmation)
            result.added += 1
        else:
            record.history.append(confirmation)
            result.history += 1
        changed.add(doc.id)
    for doc_id in sorted(changed):
        if dry_run:
            result.files.append(store.path_of(root, doc_id).relative_to(root).as_posix())
        else:
            result.files.append(store.save(root, records[doc_id]))
    return result


# --- Reading the file ----------------------------------------------------------------------------


def read_rows(file: Path) -> list[list[object]]:
    """Every row of the file (the first is the headers), cells as the file holds them."""
    suffix = file.suffix.casefold()
    if suffix not in (".xlsx", ".csv"):
        raise TvfError(
            _("{file}: tvf leser .xlsx og .csv, ikke {suffix}.").format(
                file=file.name, suffix=file.suffix or _("filer uten filendelse")
            ),
            hint=_("Last ned svarene som Excel-arbeidsbok (.xlsx) eller CSV."),
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise TvfError(
            _("{file} kan ikke leses: {reason}.").format(file=file, reason=exc.strerror)
        ) from None
    return _xlsx_rows(data, file.name) if suffix == ".xlsx" else _csv_rows(data)


def _xlsx_rows(data: bytes, name: str) -> list[list[object]]:
    import openpyxl  # only this command needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TvfError(
            _("{file} er ikke en Excel-arbeidsbok som kan leses ({reason}).").format(
                file=name, reason=exc
            ),
            hint=_("Lagre den på nytt som .xlsx i Excel."),
        ) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's plain CSV on Windows
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count) if any(c in first for c in ";,\t") else ";"
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _text(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _refuse_identity_numbers(rows: list[list[object]], name: str) -> None:
    for number, row in enumerate(rows, start=1):
        guard(
            "\t".join(_text(v) for v in row),
            _(
                "{file}, rad {row}: inneholder det som kan være et {kind} ({masked}). tvf tar "
                "ikke inn filen, og ingenting er skrevet."
            ),
            file=name,
            row=number,
            hint=_(
                "Fjern kolonnen eller verdien i skjemaet eller regnearket: tvf tar bare "
                "vare på navn, enhet og tidspunkt."
            ),
        )


def _columns(
    headers: list[object], mapping: Mapping[str, str], name: str, *, need_unit: bool
) -> dict[str, int]:
    found = {fold(_text(h)).rstrip(":?").strip(): i for i, h in reversed(list(enumerate(headers)))}
    columns: dict[str, int] = {}
    for key in FIELDS:
        wanted = (mapping[key],) if key in mapping else HEADERS[key]
        for header in wanted:
            if fold(header).rstrip(":?").strip() in found:
                columns[key] = found[fold(header).rstrip(":?").strip()]
                break
        else:
            if key == "unit" and not need_unit and key not in mapping:
                continue
            shown = ", ".join(f"«{_text(h)}»" for h in headers if _text(h))
            raise TvfError(
                _(
                    "{file}: fant ingen kolonne for {field} (leter etter {wanted}). Kolonnene er: "
                    "{columns}."
                ).format(
                    file=name,
                    field=key,
                    wanted=" / ".join(f"«{w}»" for w in wanted),
                    columns=shown or _("ingen"),
                ),
                hint=_(
                    'Si hvilken kolonne det er med --map, for eksempel --map "{field}=Min '
                    'overskrift".'
                ).format(field=key),
            )
    return columns


# --- One row -------------------------------------------------------------------------------------


def _confirmation(
    cells: Mapping[str, object],
    documents: Mapping[str, Document],
    units: Mapping[str, str],
    row: int,
) -> tuple[Document, Confirmation] | RowProblem:
    written = _text(cells.get("document"))
    match = DOC_ID_RE.match(written)
    doc = documents.get(match[1]) if match else None
    if doc is None:
        return RowProblem(row, _("ukjent dokument «{document}»").format(document=written))
    if doc.status != "approved":
        return RowProblem(
            row,
            _(
                "{id} er ikke godkjent (status: {status}), så det er ingen versjon å bekrefte"
            ).format(id=doc.id, status=doc.status),
        )
    version = _version(cells.get("version"))
    current = str(doc.get("version"))
    if not is_known_version(version, current):
        return RowProblem(
            row,
            _("{id} har ingen versjon «{version}» (gjeldende versjon er {current})").format(
                id=doc.id, version=version, current=current
            ),
        )
    person = _text(cells.get("name"))
    if not person:
        return RowProblem(row, _("navnet mangler"))
    unit = _text(cells.get("unit"))
    if units:
        if fold(unit) not in units:
            return RowProblem(
                row,
                _("ukjent enhet «{unit}»; enhetene står i [[units]] i tvf.toml").format(unit=unit),
            )
        unit = units[fold(unit)]
    time = _time(cells.get("time"))
    if time is None:
        return RowProblem(
            row,
            _("tidspunktet «{time}» er ikke en dato (dd.mm.åååå tt:mm)").format(
                time=_text(cells.get("time"))
            ),
        )
    return doc, Confirmation(version, person, unit, time)


def _version(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value}.0"
    if isinstance(value, float):
        return repr(value)
    text = _text(value).replace(",", ".")
    return text[1:] if text[:1] in ("v", "V") else text


def _time(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = _text(value)
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).replace(second=0)
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None, second=0, microsecond=0)
    except ValueError:
        return None
