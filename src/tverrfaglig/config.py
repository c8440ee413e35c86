"""Finding the handbook and reading its ``tvf.toml``.

The lookup order is the contract's (section 1): ``--handbook PATH``, the ``TVF_HANDBOOK``
environment variable, the nearest folder upward from the working directory that holds
``tvf.toml``, and last ``./handbook/``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import TvfError
from .i18n import N_, _
from .limits import MAX_MONTHS
from .mail.settings import MailSettings, parse_mail_settings

CONFIG_NAME = "tvf.toml"
ENV_VAR = "TVF_HANDBOOK"
# Where minutes go when tvf.toml names no one: the name of a group, so a setting's value that
# config keeps as written. Marked because tvf init writes it into a new tvf.toml in the
# language in use.
DEFAULT_RECIPIENT = N_("Tverrfaglig samarbeidsgruppe barn og unge v/ leder")


@dataclass(frozen=True)
class Unit:
    """A unit (a school, a kindergarten, a service) whose employees read the routines: how many
    they are (``employees``, or the number of ``names``) and the services it belongs to."""

    name: str
    services: tuple[str, ...] = ()
    employees: int = 0
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConfirmationSettings:
    """``[confirmations]`` in ``tvf.toml``: reading confirmations (lesebekreftelser)."""

    form_url: str | None = None
    threshold: int = 80  # per cent of the employees who must read a document
    minor_keeps: bool = True  # a minor stamp keeps the confirmations; a major one never does
    services: tuple[str, ...] = ()  # services no unit belongs to that applies_to may name


@dataclass(frozen=True)
class Config:
    """The settings of one handbook, read from its ``tvf.toml``."""

    root: Path
    title: str
    municipality: str | None = None
    coordinator: str | None = None
    approving_body: str | None = None  # who approves documents: tvf stamp's default --by
    review_interval_months: int = 24
    exclude: tuple[str, ...] = ()
    minutes_recipient: str = DEFAULT_RECIPIENT
    ignore: frozenset[str] = frozenset()
    mail: MailSettings | None = None  # [mail]: how tvf sends e-mail (docs/mail.md)
    units: tuple[Unit, ...] = ()
    confirmations: ConfirmationSettings | None = None  # None: no [confirmations] table

    @property
    def services(self) -> frozenset[str]:
        """The services ``applies_to`` may name (empty: no units, nothing to check against)."""
        named = [s for unit in self.units for s in unit.services]
        if self.confirmations is not None:
            named.extend(self.confirmations.services)
        return frozenset(named)


def find_handbook(
    explicit: Path | None, *, cwd: Path | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """Return the handbook root, or raise :class:`TvfError` saying where tvf looked."""
    env = os.environ if environ is None else environ
    here = Path.cwd() if cwd is None else cwd
    if explicit is not None:
        return _require_handbook(explicit, "--handbook")
    if env.get(ENV_VAR):
        return _require_handbook(Path(env[ENV_VAR]), ENV_VAR)
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    fallback = here / "handbook"
    if (fallback / CONFIG_NAME).is_file():
        return fallback
    raise TvfError(
        _(
            "Fant ingen håndbok: ingen {config} i {folder} eller mappene over, og ingen "
            "handbook/{config}."
        ).format(config=CONFIG_NAME, folder=here),
        hint=_("Oppgi håndboka med --handbook STI eller miljøvariabelen TVF_HANDBOOK."),
    )


def _require_handbook(path: Path, source: str) -> Path:
    if not path.exists():
        raise TvfError(
            _("Håndboka {path} (fra {source}) finnes ikke.").format(path=path, source=source),
            hint=_("Sjekk stien, eller oppgi en annen med --handbook."),
        )
    if not path.is_dir():
        raise TvfError(
            _("{path} (fra {source}) er ikke en mappe.").format(path=path, source=source),
            hint=_("Oppgi mappen som har tvf.toml."),
        )
    if not (path / CONFIG_NAME).is_file():
        raise TvfError(
            _("{path} (fra {source}) har ingen {config}, så det er ingen håndbok.").format(
                path=path, source=source, config=CONFIG_NAME
            ),
            hint=_('Lag {config} med minst [handbook] title = "…".').format(config=CONFIG_NAME),
        )
    return path.resolve()


def load_config(root: Path) -> Config:
    """Read ``root/tvf.toml``. Any problem is a :class:`TvfError` naming the file and line."""
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise TvfError(
            _("{path}: filen er ikke UTF-8 ({reason}).").format(path=path, reason=exc.reason)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts "(at line N, column M)" in its message.
        raise TvfError(
            _("{path}: ugyldig TOML: {problem}").format(path=path, problem=exc)
        ) from None
    except OSError as exc:
        raise TvfError(
            _("{path}: kan ikke leses ({reason}).").format(path=path, reason=exc.strerror)
        ) from None

    handbook = _table(data, "handbook", path)
    minutes = _table(data, "minutes", path)
    check = _table(data, "check", path)
    title = handbook.get("title")
    if not isinstance(title, str) or not title.strip():
        raise TvfError(
            _("{path}: [handbook] mangler title.").format(path=path),
            hint=_('Skriv for eksempel title = "Håndbok for tverrfaglig samarbeid".'),
        )
    interval = handbook.get("review_interval_months", 24)
    if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
        raise TvfError(
            _("{path}: review_interval_months må være et helt tall større enn 0.").format(path=path)
        )
    if interval > MAX_MONTHS:
        raise TvfError(
            _(
                "{path}: review_interval_months er {value}, men kan være høyst {most} (hundre år)."
            ).format(path=path, value=interval, most=MAX_MONTHS)
        )
    return Config(
        root=root,
        title=title,
        municipality=_opt_str(handbook, "municipality", path),
        coordinator=_opt_str(handbook, "coordinator", path),
        approving_body=(_opt_str(handbook, "approving_body", path) or "").strip() or None,
        review_interval_months=interval,
        exclude=_str_list(handbook, "exclude", path),
        minutes_recipient=_opt_str(minutes, "recipient", path) or DEFAULT_RECIPIENT,
        ignore=frozenset(_str_list(check, "ignore", path)),
        mail=parse_mail_settings(_table(data, "mail", path), path) if "mail" in data else None,
        units=_units(data.get("units", []), path),
        confirmations=_confirmations(data, path),
    )


def _units(value: object, path: Path) -> tuple[Unit, ...]:
    """``[[units]]``: name, services, and employees (a number) or names (a list)."""
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise TvfError(_("{path}: units må skrives som [[units]]-tabeller.").format(path=path))
    units: list[Unit] = []
    for table in value:
        name = _opt_str(table, "name", path)
        if not name or not name.strip():
            raise TvfError(
                _("{path}: en [[units]] mangler name.").format(path=path),
                hint=_('Skriv for eksempel name = "Kanebogen skole".'),
            )
        names = _str_list(table, "names", path)
        employees = table.get("employees", len(names))
        if isinstance(employees, bool) or not isinstance(employees, int) or employees < 0:
            raise TvfError(
                _(
                    "{path}: employees i enheten «{unit}» må være et helt tall (0 eller mer)."
                ).format(path=path, unit=name)
            )
        if any(u.name.casefold() == name.strip().casefold() for u in units):
            raise TvfError(
                _("{path}: enheten «{unit}» står to ganger i [[units]].").format(
                    path=path, unit=name
                )
            )
        units.append(
            Unit(
                name.strip(), _str_list(table, "services", path), max(employees, len(names)), names
            )
        )
    return tuple(units)


def _confirmations(data: Mapping[str, object], path: Path) -> ConfirmationSettings | None:
    if "confirmations" not in data:
        return None
    table = _table(data, "confirmations", path)
    threshold = table.get("threshold", 80)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not 0 <= threshold <= 100:
        raise TvfError(
            _(
                "{path}: [confirmations] threshold må være et helt tall fra 0 til 100 (prosent)."
            ).format(path=path)
        )
    minor_keeps = table.get("minor_keeps", True)
    if not isinstance(minor_keeps, bool):
        raise TvfError(
            _("{path}: [confirmations] minor_keeps må være true eller false.").format(path=path)
        )
    form_url = _opt_str(table, "form_url", path)
    if form_url is not None and not form_url.startswith(("https://", "http://")):
        raise TvfError(
            _("{path}: [confirmations] form_url må være en nettadresse (https://…).").format(
                path=path
            )
        )
    return ConfirmationSettings(
        form_url, threshold, minor_keeps, _str_list(table, "services", path)
    )


def _table(data: Mapping[str, object], key: str, path: Path) -> Mapping[str, object]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise TvfError(_("{path}: [{key}] må være en tabell.").format(path=path, key=key))
    return value


def _opt_str(table: Mapping[str, object], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise TvfError(_("{path}: {key} må være tekst.").format(path=path, key=key))
    return value


def _str_list(table: Mapping[str, object], key: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TvfError(_("{path}: {key} må være en liste av tekster.").format(path=path, key=key))
    return tuple(value)
