"""Shell completion, through the installed ``tvf`` as a shell runs it: the completion
script calls ``tvf`` with ``_TVF_COMPLETE`` and the words typed so far, and gets the
candidates back, one a line. Document IDs, measure codes and network IDs come from the
handbook's front matter."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tverrfaglig.cli import app
from tverrfaglig.cli.completion import candidates

from helpers import BUNDLED, build_tree, installed_tvf, small_handbook

pytestmark = pytest.mark.slow


def complete(
    words: str, *, cwd: Path, shell: str = "bash", env: dict[str, str] | None = None
) -> list[str]:
    """What ``tvf`` offers when the command line is ``words`` (the last word being typed;
    a trailing space starts a new, empty word)."""
    parts = words.split(" ")
    environ = {**os.environ, **(env or {}), "_TVF_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        environ.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    else:
        environ["_TYPER_COMPLETE_ARGS"] = words
    result = subprocess.run(
        [installed_tvf()], cwd=cwd, env=environ, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


BUNDLED_IDS = ["IV.7-11", "IV.7-13", "IV.7-14", "IV.7-15", "IV.7-2", "IV.7-5", "IV.7-8"]


@pytest.mark.parametrize("command", ["show", "history", "stamp"])
def test_document_ids_of_the_bundled_handbook(command: str) -> None:
    # Run from the repository root: tvf finds ./handbook/ as it does for every command.
    assert complete(f"tvf {command} IV.7-", cwd=BUNDLED.parent) == BUNDLED_IDS


def test_measure_codes_and_every_id_when_nothing_is_typed() -> None:
    assert complete("tvf show V0", cwd=BUNDLED.parent)[:3] == ["V01", "V02", "V03"]
    everything = complete("tvf show ", cwd=BUNDLED.parent)
    assert set(BUNDLED_IDS) <= set(everything)
    assert "kanebogen" not in everything  # networks are not documents to show


def test_stamp_completes_every_argument() -> None:
    assert complete("tvf stamp IV.7-2 IV.7-1", cwd=BUNDLED.parent) == [
        "IV.7-11",
        "IV.7-13",
        "IV.7-14",
        "IV.7-15",
    ]


@pytest.mark.parametrize(
    "words",
    [
        "tvf agenda new --network ",
        "tvf minutes sent -n ",
        "tvf meetings plan --network ",
        "tvf network show ",
    ],
)
def test_network_ids(words: str) -> None:
    assert complete(words, cwd=BUNDLED.parent) == ["kanebogen", "seljestad"]


def test_the_handbook_named_on_the_command_line_or_in_the_environment(tmp_path: Path) -> None:
    book = small_handbook(tmp_path / "hb")
    ids, networks = candidates(book)
    assert ids and networks
    first = ids[0][0]
    assert first in complete(f"tvf show --handbook {book} ", cwd=tmp_path)
    assert first in complete(f"tvf history -H {book} ", cwd=tmp_path)
    assert first in complete("tvf show ", cwd=tmp_path, env={"TVF_HANDBOOK": str(book)})
    assert complete("tvf network show ", cwd=tmp_path, env={"TVF_HANDBOOK": str(book)}) == [
        slug for slug, _ in networks
    ]


def test_zsh_and_fish_get_the_titles(tmp_path: Path) -> None:
    zsh = complete("tvf network show kane", cwd=BUNDLED.parent, shell="zsh")
    assert zsh == ['_arguments \'*: :(("kanebogen":"Tverrfaglig nettverk Kanebogen"))\'']
    fish = complete(
        "tvf network show kane",
        cwd=BUNDLED.parent,
        shell="fish",
        env={"_TYPER_COMPLETE_FISH_ACTION": "get-args"},
    )
    assert fish == ["kanebogen\tTverrfaglig nettverk Kanebogen"]


def test_completion_never_fails(tmp_path: Path) -> None:
    """No handbook, a broken tvf.toml, unreadable front matter: no candidates, no error."""
    assert complete("tvf show ", cwd=tmp_path) == []
    broken = build_tree(tmp_path / "broken", {"tvf.toml": "[handbook\n"})
    assert complete(f"tvf show --handbook {broken} ", cwd=tmp_path) == []
    odd = build_tree(
        tmp_path / "odd",
        {
            "tvf.toml": '[handbook]\ntitle = "T"\nmunicipality = "M"\n',
            "a.md": "---\n- a list\n---\n",
            "b.md": "---\nid: [1\n---\n",
            "c.md": b"---\nid: \xff\n---\n",
            "d.md": "---\nid: IV.7-2\ntype: procedure\ntitle: Rett\n---\n",
        },
    )
    assert complete(f"tvf show -H {odd} ", cwd=tmp_path) == ["IV.7-2"]
    assert complete(f"tvf show -H {tmp_path / 'missing'} ", cwd=tmp_path) == []


def test_commands_and_options_complete_too() -> None:
    assert "show" in complete("tvf sh", cwd=BUNDLED.parent)
    assert "--handbook" in complete("tvf show --h", cwd=BUNDLED.parent)


def test_in_bash_itself() -> None:
    """The script ``--show-completion bash`` prints, sourced into bash and called as bash
    calls it on Tab."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    tvf = installed_tvf()
    script = (
        "source <(tvf --show-completion bash)\n"
        "complete -p tvf\n"
        "COMP_WORDS=(tvf network show s); COMP_CWORD=3\n"
        "_tvf_completion tvf\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", script],
        cwd=BUNDLED.parent,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": f"{Path(tvf).parent}{os.pathsep}{os.environ['PATH']}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["complete -o default -F _tvf_completion tvf", "seljestad"]


def test_install_completion_writes_to_the_shells_start_file() -> None:
    result = CliRunner().invoke(app, ["--install-completion", "bash"])
    assert result.exit_code == 0, result.output
    home = Path(os.environ["HOME"])
    assert "Fullføring for bash er lagt inn i" in result.output
    assert "_TVF_COMPLETE=complete_bash" in (home / ".bash_completions" / "tvf.sh").read_text(
        encoding="utf-8"
    )
    assert "tvf.sh" in (home / ".bashrc").read_text(encoding="utf-8")


def test_show_completion_names_a_shell() -> None:
    runner = CliRunner()
    assert "compdef _tvf_completion tvf" in runner.invoke(app, ["--show-completion", "zsh"]).output
    wrong = runner.invoke(app, ["--show-completion", "tcsh"])
    assert wrong.exit_code == 2
    assert "Skallet «tcsh» støttes ikke" in wrong.output
    english = runner.invoke(app, ["--lang", "en", "--help"])
    assert "--install-completion SHELL" in english.output
