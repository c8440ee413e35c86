"""[[units]] and [confirmations] in tvf.toml: read, and explained when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tverrfaglig.config import ConfirmationSettings, Unit, load_config
from tverrfaglig.errors import TvfError

from .conftest import UNITS_TOML
from helpers import TVF_TOML, handbook


def test_units_and_settings_are_read(tmp_path: Path) -> None:
    config = load_config(handbook(tmp_path / "hb", toml=UNITS_TOML))
    assert config.units == (
        Unit("Kanebogen skole", ("Skole",), 4),
        Unit(
            "Helsestasjonen",
            ("Helsestasjon og skolehelsetjeneste",),
            2,
            ("Kari Nordmann", "Ola Nordmann"),
        ),
    )
    assert config.confirmations == ConfirmationSettings(
        "https://forms.office.com/r/AbC123?dokument={id}&versjon={version}", 80, True, ()
    )
    assert config.services == {"Skole", "Helsestasjon og skolehelsetjeneste"}


def test_without_the_tables_nothing_is_in_use(tmp_path: Path) -> None:
    config = load_config(handbook(tmp_path / "hb"))
    assert (config.units, config.confirmations, config.services) == ((), None, frozenset())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[confirmations]\nthreshold = 120\n", "threshold må være et helt tall fra 0 til 100"),
        ('[confirmations]\nminor_keeps = "ja"\n', "minor_keeps må være true eller false"),
        ('[confirmations]\nform_url = "forms"\n', "form_url må være en nettadresse"),
        ('[[units]]\nservices = ["Skole"]\n', "en [[units]] mangler name"),
        ('[[units]]\nname = "A"\nemployees = -1\n', "employees i enheten «A» må være et helt tall"),
        ('[[units]]\nname = "A"\n[[units]]\nname = "a"\n', "enheten «a» står to ganger"),
        ("units = 3\n", "units må skrives som [[units]]-tabeller"),
    ],
)
def test_mistakes_are_errors_naming_the_file(tmp_path: Path, extra: str, message: str) -> None:
    root = handbook(tmp_path / "hb", toml=extra + TVF_TOML)
    with pytest.raises(TvfError, match=r"tvf\.toml") as raised:
        load_config(root)
    assert message in raised.value.message
