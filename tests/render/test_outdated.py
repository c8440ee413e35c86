"""``tvf outdated``'s renderers (render/outdated.py): Markdown escaping, CSV, and the refusal of
a report that would show a national identity number, also when called as a library."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from rich.control import strip_control_codes
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.errors import TvfError
from tverrfaglig.outdated import OutdatedItem, OutdatedReport, outdated
from tverrfaglig.render import outdated as outdated_module
from tverrfaglig.render.console import printable
from tverrfaglig.render.outdated import (
    render_csv,
    render_json,
    render_markdown,
    render_outdated_table,
)
from tverrfaglig.render.text import json_text

from helpers import TODAY, doc_text, handbook, meta, valid_number

runner = CliRunner()


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["outdated", "--handbook", str(root), "--today", TODAY.isoformat(), *args]
    )
    return result.exit_code, result.output


def test_markdown_escapes_text_from_documents(tmp_path: Path) -> None:
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta(
                    "IV.7-2",
                    title="Ny *rutine* [se](https://example.invalid) `kode` <b>",
                    review_by=dt.date(2027, 1, 1),
                )
            )
        },
    )
    out = render_markdown(outdated(root, today=TODAY))
    assert r"«Ny \*rutine\* [se\](https://example.invalid) \`kode\` \<b\>»" in out


def test_render_csv_has_a_header_even_when_empty(tmp_path: Path) -> None:
    root = handbook(tmp_path / "hb", {"a.md": doc_text(meta("IV.7-2"))})
    report = outdated(root, today=TODAY)
    assert report.items == ()
    assert render_csv(report).splitlines() == [",".join(outdated_module.CSV_FIELDS)]
    assert "Ingenting er utdatert." in render_markdown(report)
    status, out = cli(root)
    assert status == 0 and "Ingenting er utdatert" in out


def test_every_renderer_refuses_a_national_identity_number(tmp_path: Path) -> None:
    number = valid_number(15, 5)
    root = handbook(
        tmp_path / "hb",
        {
            "a.md": doc_text(
                meta("IV.7-2", title=f"Oppfølging av {number}", review_by=dt.date(2026, 1, 1))
            )
        },
    )
    report = outdated(root, today=TODAY)
    for render in (render_json, render_csv, render_markdown):
        for by_owner in (False, True):
            with pytest.raises(TvfError, match="fødselsnummer") as refused:
                render(report, by_owner=by_owner)
            assert number not in str(refused.value)
    console = Console(record=True, width=200)
    with pytest.raises(TvfError, match="fødselsnummer"):
        render_outdated_table(report, console, by_owner=False)
    assert console.export_text() == ""  # nothing printed before the refusal


# --- The fast paths give the same text as the slow ones -------------------------------------------

ODD = 'Tittel «ø» "sitat" \\ tab\t bell\x07 cr\r esc\x1b[31m nel\x85 ls\u2028 bidi\u202e slutt'


def odd_report(title: str = ODD) -> OutdatedReport:
    items = tuple(
        OutdatedItem(
            kind=kind,
            path=f"prosedyrer/{n}.md",
            line=n or None,
            id=f"IV.7-{n}",
            title=title,
            owner=None if n % 2 else f"Eier {title}",
            message=f"Melding {title}",
            due=dt.date(2026, 1, 1 + n),
            days_overdue=n,
            last_changed=dt.date(2025, 1, 1) if n % 3 else None,
            age_days=n * 100,
            action=f"Gjør {title}",
        )
        for n, kind in enumerate(["review_overdue", "stale", "review_due", "minutes_missing"])
    )
    return OutdatedReport(
        items=items,
        today=TODAY,
        within_days=60,
        stale_months=24,
        documents=4,
        git="ok",
        notes=(f"Merknad {title}",),
        title=title,
    )


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "",
        None,
        True,
        0,
        -12345678901234567890,
        1.5,
        {"a": [], "b": {}, "c": [1, [2, {"d": None}]], "e": (True, False)},
        {1: "en", None: "ingen", False: "usann", 2.5: "x"},
        [ODD, {"ø": ODD}],
        ["\x00\x1f\x7f\ud800", "🙂"],
    ],
)
def test_indented_json_is_json_dumps_with_indent_byte_for_byte(value: object) -> None:
    assert outdated_module.indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("by_owner", [False, True])
def test_render_json_is_json_text_of_the_report(by_owner: bool) -> None:
    report = odd_report()
    data = report.as_json(by_owner=by_owner)
    assert render_json(report, by_owner=by_owner) == json_text(data)
    assert json.loads(render_json(report, by_owner=by_owner)) == data


def test_a_number_the_json_text_hides_is_still_masked() -> None:
    """In JSON a newline is written \\n, so a number right after one is glued to the letter n
    and the refusal does not see it; the slow path masks it, as before."""
    number = valid_number(15, 5)
    report = odd_report(f"Linje\n{number}")
    text = render_json(report)
    assert number not in text
    assert text == json_text(report.as_json())


@pytest.mark.parametrize(("show_owner", "show_urgency"), [(True, False), (False, True)])
def test_the_plain_listing_is_the_text_of_the_rich_one(
    show_owner: bool, show_urgency: bool
) -> None:
    items = list(odd_report().items)
    rich_lines = outdated_module._listing(items, show_owner=show_owner, show_urgency=show_urgency)
    plain = outdated_module._plain_listing(items, show_owner=show_owner, show_urgency=show_urgency)
    assert [printable(strip_control_codes(line)) for line in plain] == [
        printable(line.plain) for line in rich_lines
    ]


def test_a_long_report_in_a_pipe_is_the_listing_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outdated_module, "TABLE_LIMIT", 2)
    out = io.StringIO()
    render_outdated_table(odd_report(), Console(file=out, width=100), by_owner=False)
    # (the notes and headings go through rich; the CLI's console makes those safe)
    text = out.getvalue().partition("Melding")[2]
    assert "4 punkter er for mange for en tabell" in out.getvalue()
    assert "\\x1b[31m" in text and "\x1b" not in text  # escaped, never sent to the terminal
    assert "bell" in text and "\x07" not in text
