"""Out-of-range dates and spans (issue 15, item 3): each a clear refusal with exit 2, never a
traceback; the limits are those of :mod:`tverrfaglig.limits`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.limits import EARLIEST, LATEST, MAX_DAYS, MAX_MONTHS

from helpers import TVF_TOML, codes, doc_text, meta, run_check, small_handbook

runner = CliRunner()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return small_handbook(tmp_path / "hb")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["agenda", "new", "-n", "sentrum", "--date", "0001-01-01"],
            "tvf: --date 0001-01-01 er utenfor datoene tvf regner med (1900-01-01 til 2999-12-31).",
        ),
        (
            ["agenda", "new", "-n", "sentrum", "--date", "9999-12-31"],
            "tvf: --date 9999-12-31 er utenfor datoene tvf regner med (1900-01-01 til 2999-12-31).",
        ),
        (
            ["check", "--today", "9999-12-31"],
            "tvf: --today 9999-12-31 er utenfor datoene tvf regner med (1900-01-01 til "
            "2999-12-31).",
        ),
        (
            ["stamp", "IV.7-2", "--by", "Forum", "--review-by", "9999-12-31"],
            "tvf: --review-by 9999-12-31 er utenfor datoene tvf regner med (1900-01-01 til "
            "2999-12-31).",
        ),
        (
            ["outdated", "--within", "99999999999"],
            "tvf: --within 99999999999 er utenfor det tvf tillater (0 til 36525).",
        ),
        (
            ["outdated", "--within", "-1"],
            "tvf: --within -1 er utenfor det tvf tillater (0 til 36525).",
        ),
        (
            ["outdated", "--stale-months", "999999"],
            "tvf: --stale-months 999999 er utenfor det tvf tillater (1 til 1200).",
        ),
        (
            ["outdated", "--stale-months", "0"],
            "tvf: --stale-months 0 er utenfor det tvf tillater (1 til 1200).",
        ),
    ],
)
def test_an_option_out_of_range_is_refused_with_exit_2(
    book: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, [*args, "-H", str(book)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert message in " ".join(result.stderr.split())


def test_the_limits_themselves_are_accepted(book: Path) -> None:
    for args in (
        ["check", "--today", str(LATEST)],
        ["check", "--today", str(EARLIEST)],
        ["outdated", "--within", str(MAX_DAYS), "--today", str(LATEST)],
        ["outdated", "--stale-months", str(MAX_MONTHS), "--today", str(EARLIEST)],
    ):
        result = runner.invoke(app, [*args, "-H", str(book)])
        assert result.exit_code in (0, 1), (args, result.output)


def test_a_review_interval_out_of_range_refuses_stamp(book: Path) -> None:
    toml = TVF_TOML.replace("[handbook]", "[handbook]\nreview_interval_months = 99999999999")
    (book / "tvf.toml").write_text(toml, encoding="utf-8")
    result = runner.invoke(app, ["stamp", "IV.7-2", "--by", "Forum", "-H", str(book)])
    assert result.exit_code == 2, result.output
    assert (
        "review_interval_months er 99999999999, men kan være høyst 1200 (hundre år)."
        in " ".join(result.stderr.split())
    )


def test_a_front_matter_date_out_of_range_is_tvf003_and_crashes_nothing(book: Path) -> None:
    minutes = book / "nettverk/sentrum/2026-09-17-referat.md"
    minutes.write_text(
        minutes.read_text(encoding="utf-8").replace("date: 2026-09-17", "date: 9999-12-31"),
        encoding="utf-8",
    )
    (book / "prosedyrer/iv-7-9.md").write_text(
        doc_text(meta("IV.7-9", valid_from=dt.date(1, 1, 1), review_by=dt.date(9999, 12, 31))),
        encoding="utf-8",
    )
    report = run_check(book)
    found = [f for f in report.findings if f.code == "TVF003"]
    assert {(f.path, f.message) for f in found} >= {
        (
            "nettverk/sentrum/2026-09-17-referat.md",
            "«date: 9999-12-31» er utenfor datoene tvf regner med (1900-01-01 til 2999-12-31).",
        ),
        (
            "prosedyrer/iv-7-9.md",
            "«valid_from: 0001-01-01» er utenfor datoene tvf regner med (1900-01-01 til "
            "2999-12-31).",
        ),
    }
    for command in (
        ["audit", "--today", "2026-11-25"],
        ["outdated", "--today", "2026-11-25"],
        ["network", "show", "sentrum"],
        ["network", "list"],
        ["list"],
    ):
        result = runner.invoke(app, [*command, "-H", str(book)])
        assert result.exit_code in (0, 1), (command, result.output)
    assert "TVF003" in codes(report)
