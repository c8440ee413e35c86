"""Documentation kept honest by tests (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import typer
from typer._click.core import Command
from typer.core import TyperGroup

from tverrfaglig import i18n
from tverrfaglig.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def load_generator() -> ModuleType:
    """tools/generate_docs.py (make docs), which is not a package."""
    path = ROOT / "tools" / "generate_docs.py"
    spec = importlib.util.spec_from_file_location("generate_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate_docs = load_generator()


def command_paths(group: TyperGroup, prefix: str = "tvf") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, TyperGroup):
            paths.extend(command_paths(command, path))
    return paths


def test_every_command_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    missing = [path for path in command_paths(root) if f"`{path}" not in README]
    assert missing == []


def test_readme_shows_the_two_setup_commands() -> None:
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_check_code_is_documented() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "tverrfaglig").rglob("*.py")
    )
    codes = set(re.findall(r'"(TVF\d{3})"', source))
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    undocumented = sorted(code for code in codes if f"| {code} |" not in docs)
    assert undocumented == []


# --- Generated documentation (make docs) ------------------------------------------------------


def assert_up_to_date(name: str, expected: str) -> None:
    actual = (ROOT / name).read_text(encoding="utf-8")
    assert actual == expected, f"{name} is out of date with the program: run `make docs`."


def test_cli_reference_is_up_to_date() -> None:
    assert_up_to_date("docs/cli.md", generate_docs.cli_reference())


def test_readme_examples_are_up_to_date() -> None:
    assert_up_to_date("README.md", generate_docs.readme(README))


def test_corpus_table_in_laws_md_is_up_to_date() -> None:
    """docs/laws.md reports tvf's recall and precision per form on the real corpus (issue 13),
    as ``make docs`` computes them."""
    text = (ROOT / "docs" / "laws.md").read_text(encoding="utf-8")
    assert generate_docs.CORPUS_START in text
    assert_up_to_date("docs/laws.md", generate_docs.laws_doc(text))


def test_readme_examples_are_generated() -> None:
    blocks = generate_docs.EXAMPLES.findall(README)
    assert blocks, "README.md has no <!-- [[[examples]]] --> block"
    assert any("$ tvf check --handbook eksempel" in block for block in blocks)


def test_an_edited_example_output_is_put_back() -> None:
    edited = README.replace("✔ Ingen funn i 46 dokumenter.", "✔ Ingen funn i 45 dokumenter.")
    assert edited != README
    assert generate_docs.readme(edited) == generate_docs.readme(README)


def commands() -> list[tuple[str, Command]]:
    return [
        (" ".join(("tvf", *path)), command)
        for path, command in generate_docs.walk(typer.main.get_command(app))
    ]


def test_every_command_and_option_has_help_in_both_languages() -> None:
    i18n.activate("en")
    missing = []
    for path, command in commands():
        texts = {path: command.help}
        texts.update(
            {f"{path} {param.opts[0]}": getattr(param, "help", None) for param in command.params}
        )
        for where, text in texts.items():
            if not text:
                missing.append(f"{where}: no help")
            elif i18n._(text) == text:
                missing.append(f"{where}: no English (make i18n, then translate it)")
    assert missing == []


def test_every_command_and_option_is_in_the_cli_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sections = dict(
        zip(
            re.findall(r"^## `(.+)`$", reference, re.M),
            re.split(r"^## `.+`$", reference, flags=re.M)[1:],
            strict=True,
        )
    )
    assert list(sections) == [path for path, _ in commands()]
    missing = [
        f"{path} {opt}"
        for path, command in commands()
        for param in command.params
        for opt in param.opts
        if param.param_type_name == "option" and opt not in sections[path]
    ]
    assert missing == []
    for path, section in sections.items():
        usage = f"Bruk: {path} ", f"Usage: {path} "
        assert all(line in section for line in usage), path
