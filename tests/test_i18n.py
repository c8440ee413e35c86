"""Norwegian first, English on request: language choice, catalogs, and the CLI in both languages.

The Norwegian texts are the message IDs, so the rest of the suite (which runs in bokmål) shows
that nothing changed for Norwegian users; this file shows the English side and the machinery.
"""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from typer.main import get_command
from typer.testing import CliRunner

from tverrfaglig import i18n
from tverrfaglig.cli import app
from tverrfaglig.cli.language import pop_lang, translate_click_message

from helpers import TODAY, doc_text, handbook, meta

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "tverrfaglig" / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "tvf.po"
CLICK_PO = LOCALE / "nb" / "LC_MESSAGES" / "click.po"

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


# --- Which language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "nb"),
        ({"LANG": "C.UTF-8"}, "nb"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_GB"}, "en"),
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nb"),
        ({"LANG": "de_DE.UTF-8"}, "nb"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nb_NO.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANGUAGE": "de:en", "LANG": "nb_NO.UTF-8"}, "en"),
        ({"TVF_LANG": "en", "LANG": "nb_NO.UTF-8"}, "en"),
        ({"TVF_LANG": "nb", "LANG": "en_US.UTF-8"}, "nb"),
        ({"TVF_LANG": "klingon", "LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_the_environment_picks_the_language_as_gettext_does(
    environ: dict[str, str], expected: str
) -> None:
    assert i18n.resolve(None, environ) == expected


def test_lang_option_beats_the_environment() -> None:
    assert i18n.resolve("en", {"LANG": "nb_NO.UTF-8"}) == "en"
    assert i18n.resolve("nb", {"TVF_LANG": "en"}) == "nb"


def test_lang_option_is_taken_from_anywhere_before_the_double_dash() -> None:
    assert pop_lang(["check", "--lang", "en", "-f", "json"]) == (["check", "-f", "json"], "en")
    assert pop_lang(["--lang=en", "check"]) == (["check"], "en")
    assert pop_lang(["show", "--", "--lang", "en"]) == (["show", "--", "--lang", "en"], None)
    assert pop_lang(["check", "--lang"]) == (["check", "--lang"], None)


def test_using_restores_the_language_before() -> None:
    with i18n.using("en"):
        assert i18n.language() == "en"
        assert i18n.long_date(TODAY) == "25 November 2026"
    assert i18n.language() == "nb"
    assert i18n.long_date(TODAY) == "25. november 2026"


# --- Help and click's own strings ----------------------------------------------------------


def test_help_is_norwegian_by_default_including_clicks_own_words() -> None:
    code, out = invoke("--help")
    assert code == 0
    assert "Bruk: tvf [VALG] KOMMANDO [ARGUMENTER]..." in out
    assert "Vis denne hjelpeteksten og avslutt." in out
    assert "Kommandoer:" in out and "Valg:" in out
    assert "Sjekk hele håndboka." in out
    for english in ("Usage:", "Show this message", "Options:", "Commands:"):
        assert english not in out
    code, out = invoke("check", "--help")
    assert "-H, --handbook <sti>" in out and "<path>" not in out
    assert "[standard: text]" in out and "[miljøvariabel:" in out


def test_help_in_english_with_lang_before_or_after_the_command() -> None:
    for args in (["--lang", "en", "check", "--help"], ["check", "--help", "--lang", "en"]):
        code, out = invoke(*args)
        assert code == 0, out
        assert out.startswith("Usage: tvf check [OPTIONS]")
        assert "Show this message and exit." in out
        assert "Sjekk" not in out and "håndbok" not in out, out


def test_help_in_english_from_lang_environment_variable() -> None:
    code, out = invoke("stamp", "--help", env={"LANG": "en_GB.UTF-8"})
    assert code == 0
    assert "Usage: tvf stamp" in out
    assert "Godkjenn" not in out


def _help_texts(command: object) -> Iterator[str]:
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            yield text
    for param in getattr(command, "params", []):
        if param.help:
            yield param.help
        if param.metavar and not param.metavar.isascii():  # ID, FIL … are not words to translate
            yield param.metavar
    for sub in getattr(command, "commands", {}).values():
        yield from _help_texts(sub)


def test_every_help_text_and_norwegian_metavar_has_an_english_translation() -> None:
    english = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=["en"])
    untranslated = sorted(
        {text for text in _help_texts(get_command(app)) if english.gettext(text) == text}
    )
    assert untranslated == []


def test_usage_errors_speak_norwegian_with_exit_2() -> None:
    code, out = invoke("check", "--foo")
    assert code == 2
    assert "Bruk: tvf check [VALG]" in out
    assert "Prøv «tvf check --help» for å få hjelp." in out
    assert "Feil: Ukjent valg: --foo" in out

    code, out = invoke("check", "--format", "xml")
    assert code == 2
    assert "Feil: Ugyldig verdi for '--format' / '-f': 'xml' er ikke en av" in out

    code, out = invoke("show")
    assert code == 2
    assert "Feil: Argumentet 'ID' mangler." in out

    code, out = invoke("frobnicate")
    assert code == 2
    assert "Feil: Ukjent kommando 'frobnicate'." in out


def test_usage_errors_in_english_read_as_click_writes_them() -> None:
    code, out = invoke("--lang", "en", "check", "--foo")
    assert code == 2
    assert "Usage: tvf check [OPTIONS]\nTry 'tvf check --help' for help." in out
    assert "Error: No such option: --foo" in out


def test_an_unknown_language_is_refused_in_norwegian() -> None:
    code, out = invoke("--lang", "de", "check")
    assert code == 2
    assert "Ugyldig verdi for '--lang': 'de' er ikke en av 'nb', 'en'." in out


def test_click_messages_are_matched_with_their_values() -> None:
    assert (
        translate_click_message("Option '--format' requires an argument.")
        == "Valget '--format' trenger en verdi."
    )
    assert (
        translate_click_message("Got unexpected extra argument(s) (a b)")
        == "Uventet ekstra argument (a b)"
    )
    assert (
        translate_click_message("Something click has never said")
        == "Something click has never said"
    )


# --- What tvf says and writes --------------------------------------------------------------


@pytest.fixture
def broken_handbook(tmp_path: Path) -> Path:
    return handbook(
        tmp_path / "hb",
        {
            "prosedyrer/a.md": doc_text(meta("IV.7-2", references=["IV.7-99"])),
        },
    )


def test_check_findings_in_english(broken_handbook: Path) -> None:
    args = ["check", "--handbook", str(broken_handbook), "--today", TODAY.isoformat()]
    code, norwegian = invoke(*args)
    assert code == 1
    assert "IV.7-99" in norwegian
    code, english = invoke(*args, "--lang", "en")
    assert code == 1
    assert "IV.7-99" in english
    assert english != norwegian
    assert "finnes" not in english and "Ingen" not in english


def test_errors_from_tvf_itself_in_english(tmp_path: Path) -> None:
    code, out = invoke("--lang", "en", "check", "--handbook", str(tmp_path / "nowhere"))
    assert code == 2
    assert "tvf:" in out
    assert str(tmp_path / "nowhere") in out
    assert "Fant ikke" not in out and "finnes ikke" not in out


def test_dates_and_templates_follow_the_language() -> None:
    from tverrfaglig.templating import environment

    env = environment()
    template = env.from_string("{{ day|long_date }} {{ language }}")
    assert template.render(day=TODAY) == "25. november 2026 nb"
    with i18n.using("en"):
        assert (
            environment().from_string("{{ day|long_date }} {{ language }}").render(day=TODAY)
            == "25 November 2026 en"
        )


@pytest.mark.slow
def test_installed_tvf_speaks_english_from_lang_and_norwegian_by_default(
    broken_handbook: Path,
) -> None:
    tvf = str(Path(sys.executable).parent / "tvf")
    base = [tvf, "check", "--handbook", str(broken_handbook), "--today", TODAY.isoformat()]
    norwegian = subprocess.run(base, capture_output=True, text=True, check=False)
    english = subprocess.run(
        base, capture_output=True, text=True, check=False, env={**_environ(), "LANG": "en_US.UTF-8"}
    )
    assert norwegian.returncode == english.returncode == 1
    assert norwegian.stdout != english.stdout
    helped = subprocess.run(
        [tvf, "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**_environ(), "LANG": "en_US.UTF-8"},
    )
    assert helped.stdout.startswith("Usage: tvf [OPTIONS] COMMAND [ARGS]...")


def _environ() -> dict[str, str]:
    return dict(os.environ)


# --- The catalogs --------------------------------------------------------------------------


def _extracted() -> dict[str, int]:
    """Every message ID in the source and templates, as ``make i18n`` extracts them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, int] = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        msgid = message if isinstance(message, str) else message[0]
        found[msgid] = found.get(msgid, 0) + 1
    return found


def _read(path: Path) -> dict[str, Message]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        message.id if isinstance(message.id, str) else message.id[0]: message
        for message in catalog
        if message.id
    }


def test_english_catalog_translates_every_message_and_nothing_else() -> None:
    extracted = set(_extracted())
    catalog = _read(EN_PO)
    missing = sorted(extracted - set(catalog))
    assert missing == [], "make i18n, then translate these in " + str(EN_PO)
    assert sorted(set(catalog) - extracted) == [], "obsolete messages: run make i18n"
    empty = sorted(key for key, message in catalog.items() if not all(_strings(message)))
    assert empty == []
    fuzzy = sorted(key for key, message in catalog.items() if message.fuzzy)
    assert fuzzy == []


def _strings(message: Message) -> tuple[str, ...]:
    string = message.string
    return string if isinstance(string, tuple) else (string,)


_BRACES = re.compile(r"\{(\w+)(?:![rs])?\}")
_PERCENT = re.compile(r"%\((\w+)\)s")


def _placeholders(text: str) -> set[str]:
    return set(_BRACES.findall(text)) | set(_PERCENT.findall(text))


@pytest.mark.parametrize("path", [EN_PO, CLICK_PO], ids=["en/tvf", "nb/click"])
def test_translations_keep_their_placeholders(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    broken = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_placeholders(text) for text in ids))
        for text in strings:
            if _placeholders(text) - wanted or (len(ids) == 1 and _placeholders(text) != wanted):
                broken.append((ids[0], text))
    assert broken == []


@pytest.mark.parametrize(
    "po_path", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=lambda p: f"{p.parts[-3]}/{p.stem}"
)
def test_compiled_catalogs_are_there_and_fresh(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), "run make catalogs (the build compiles them)"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, message in _read(po_path).items():
        if isinstance(message.string, str):
            assert compiled.gettext(msgid) == message.string, "stale .mo: run make catalogs"


def test_norwegian_needs_no_catalog_and_english_is_not_norwegian() -> None:
    sample = "Vis versjonen og avslutt."
    assert i18n._(sample) == sample
    with i18n.using("en"):
        assert i18n._(sample) != sample


def test_a_worker_process_speaks_the_language_of_the_command(tmp_path: Path) -> None:
    files = {
        f"prosedyrer/p{n}.md": doc_text(meta(f"IV.7-{n}", references=["IV.7-999"]))
        for n in range(1, 41)
    }
    root = handbook(tmp_path / "hb", files)
    code, out = invoke(
        "--lang",
        "en",
        "check",
        "--handbook",
        str(root),
        "--jobs",
        "2",
        "--today",
        TODAY.isoformat(),
        "--format",
        "json",
    )
    assert code == 1, out
    assert "IV.7-999" in out
    assert "finnes" not in out


# --- Every area in English -----------------------------------------------------------------

BUNDLED = ROOT / "handbook"


def test_clean_check_summary_in_english() -> None:
    code, out = invoke(
        "--lang", "en", "check", "--handbook", str(BUNDLED), "--today", TODAY.isoformat()
    )
    assert code == 0
    assert out.startswith("✔ No findings in ")


def test_finding_and_summary_in_english(broken_handbook: Path) -> None:
    code, out = invoke(
        "--lang",
        "en",
        "check",
        "--handbook",
        str(broken_handbook),
        "--today",
        TODAY.isoformat(),
        "--format",
        "json",
    )
    assert code == 1
    assert "Reference to IV.7-99, which does not exist in the handbook." in out
    code, out = invoke(
        "--lang", "en", "check", "--handbook", str(broken_handbook), "--today", TODAY.isoformat()
    )
    assert "✖ 1 error in 1 file" in out


def test_sarif_rules_are_described_in_english(broken_handbook: Path) -> None:
    code, out = invoke(
        "--lang",
        "en",
        "check",
        "--handbook",
        str(broken_handbook),
        "--format",
        "sarif",
        "--today",
        TODAY.isoformat(),
    )
    assert code == 1
    assert '"text": "Reference to a document that does not exist"' in out


def test_agenda_in_english_keeps_the_contract_in_its_front_matter() -> None:
    code, out = invoke(
        "--lang",
        "en",
        "agenda",
        "new",
        "--handbook",
        str(BUNDLED),
        "--network",
        "kanebogen",
        "--date",
        "2027-01-14",
        "--today",
        "2027-01-10",
        "--output",
        "-",
    )
    assert code == 0, out
    assert "type: agenda\nnetwork: kanebogen\ndate: 2027-01-14\n" in out
    assert "# Agenda – Tverrfaglig nettverk Kanebogen, 14 January 2027" in out
    assert "- **Meeting date:** Thursday 14 January 2027" in out
    assert "## 1. Approval of the notice and agenda" in out


def test_meeting_plan_in_english_takes_english_weekdays(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    code, out = invoke(
        "--lang",
        "en",
        "meetings",
        "plan",
        "--handbook",
        str(BUNDLED),
        "--network",
        "kanebogen",
        "--year",
        "2027",
        "--weekday",
        "thursday",
        "--ics",
        str(ics),
        "--today",
        TODAY.isoformat(),
    )
    assert code == 0, out
    assert "2027-09-09  Thursday 9 September 2027" in out
    assert "SUMMARY:Meeting of Tverrfaglig nettverk Kanebogen" in ics.read_text(encoding="utf-8")


def test_outdated_and_audit_in_english() -> None:
    code, out = invoke(
        "--lang",
        "en",
        "outdated",
        "--handbook",
        str(BUNDLED),
        "--today",
        "2027-09-25",
        "--format",
        "markdown",
    )
    assert code == 1
    assert "# Out of date in the handbook – Harstad kommune" in out
    code, out = invoke(
        "--lang", "en", "audit", "--handbook", str(BUNDLED), "--today", TODAY.isoformat()
    )
    assert code == 0, out
    assert out.startswith("# Audit report: interdisciplinary cooperation – Harstad kommune")
    assert "25 November 2026" in out
    code, out = invoke(
        "--lang",
        "en",
        "audit",
        "--handbook",
        str(BUNDLED),
        "--format",
        "html",
        "--today",
        TODAY.isoformat(),
    )
    assert '<html lang="en">' in out


def test_website_in_english(tmp_path: Path) -> None:
    code, out = invoke(
        "--lang",
        "en",
        "build",
        "--handbook",
        str(BUNDLED),
        "--out",
        str(tmp_path / "site"),
        "--today",
        TODAY.isoformat(),
    )
    assert code == 0, out
    assert out.startswith("Built ")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index
    assert "<h2>Procedures" in index and "<h2>Attachments" in index
    assert 'data-sok-ingen-treff="No results."' in index
    norwegian = tmp_path / "nb"
    invoke(
        "build", "--handbook", str(BUNDLED), "--out", str(norwegian), "--today", TODAY.isoformat()
    )
    # The same pages at the same addresses: paths are links, not text.
    assert sorted(p.relative_to(norwegian) for p in norwegian.rglob("*.html")) == sorted(
        p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.html")
    )


def test_english_init_writes_english_text_under_the_contracts_names(tmp_path: Path) -> None:
    target = tmp_path / "hb"
    code, out = invoke(
        "--lang",
        "en",
        "init",
        str(target),
        "--municipality",
        "Testby kommune",
        "--no-git",
        "--recipient",
        "The children's services group",
        "--approving-body",
        "The prevention forum",
    )
    assert code == 0, out
    assert "## The folders" in (target / "README.md").read_text(encoding="utf-8")
    about = (target / "prosedyrer" / "i-1-1-om-handboka.md").read_text(encoding="utf-8")
    assert "title: About the handbook" in about
    assert "type: procedure" in about
    for language in ("en", "nb"):
        code, out = invoke(
            "--lang", language, "check", "--handbook", str(target), "--today", TODAY.isoformat()
        )
        assert code == 0, out


def test_law_registry_errors_in_english() -> None:
    code, out = invoke("--lang", "en", "laws", "show", "nosuchlaw", "--handbook", str(BUNDLED))
    assert code == 2
    assert "Could not find the law “nosuchlaw” in the law registry." in out


def test_new_asks_in_english(tmp_path: Path) -> None:
    book = tmp_path / "hb"
    invoke(
        "init",
        str(book),
        "--municipality",
        "Testby kommune",
        "--no-git",
        "--recipient",
        "R",
        "--approving-body",
        "B",
    )
    result = runner.invoke(
        app,
        ["--lang", "en", "new", "attachment", "-H", str(book), "--today", TODAY.isoformat()],
        input="IV.9\nForm\nPPT\n",
    )
    assert result.exit_code == 0, result.output
    assert "Chapter (e.g. IV.7)" in result.output
    assert "Title" in result.output and "Tittel" not in result.output
    assert (book / "vedlegg" / "iv-9-1-form.md").is_file()  # file names stay as the contract says


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "--jobs", "0"],
            "Feil: Ugyldig verdi for '--jobs' / '-j': Verdien må være minst 1.",
        ),
        (["check", "--jobs", "1.5"], "Verdien må være et helt tall."),
        (
            ["meetings", "plan", "--network", "x", "--year", "abc"],
            "Feil: Ugyldig verdi for '--year' / '-y': Verdien må være et helt tall.",
        ),
        (
            ["outdated", "--within", "-5"],  # tverrfaglig.limits: the range checked by tvf itself
            "tvf: --within -5 er utenfor det tvf tillater (0 til 36525).",
        ),
    ],
)
def test_option_value_errors_are_in_bokmal_not_pydantic_english(
    args: list[str], expected: str
) -> None:
    code, out = invoke(*args)
    assert code == 2
    assert expected in out
    assert "Input should" not in out
