"""The wheel works on a clean machine: templates and the law registry come from the package.

Builds the sdist and the wheel from it, installs the wheel in a fresh virtual environment (pulling
the dependencies from the package index, as pipx would), and runs ``tvf`` from outside the
repository.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.packaging


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Without --wheel/--sdist, build makes the sdist and then the wheel FROM the sdist: so the
    # wheel shows that the sdist holds everything (templates, catalogs, the build hook).
    run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    return out


def test_wheel_and_sdist_hold_templates_and_law_registry(dist: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "tverrfaglig/data/laws.yaml" in names
    assert "tverrfaglig/templates/new/document.md.j2" in names
    assert "tverrfaglig/templates/init/tvf.toml.j2" in names
    # The build compiled the gettext catalogs into the wheel.
    assert "tverrfaglig/locale/en/LC_MESSAGES/tvf.mo" in names
    assert "tverrfaglig/locale/nb/LC_MESSAGES/click.mo" in names
    sdist = next(dist.glob("*.tar.gz"))
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("templates/new/document.md.j2") for m in members)
    assert any(m.endswith("src/tverrfaglig/data/laws.yaml") for m in members)
    # The sdist carries the catalogs' source and the hook that compiles them, not .mo files.
    assert any(m.endswith("src/tverrfaglig/locale/en/LC_MESSAGES/tvf.po") for m in members)
    assert any(m.endswith("/hatch_build.py") for m in members)
    assert not any(m.endswith(".mo") for m in members)


def test_installed_wheel_runs_outside_the_repository(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    tvf = env_dir / "bin" / "tvf"
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    check = run(tvf, "check", "--handbook", ROOT / "handbook", "--format", "json", cwd=outside)
    assert check.returncode == 0
    assert [f for f in json.loads(check.stdout) if f["severity"] == "error"] == []

    laws = run(tvf, "laws", "--handbook", ROOT / "handbook", "--format", "json", cwd=outside)
    assert any(law["id"] == "LOV-2005-06-17-64" for law in json.loads(laws.stdout))

    where = subprocess.run(
        [str(python), "-c", "import tverrfaglig; print(tverrfaglig.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=outside,
    )
    assert str(env_dir) in where.stdout  # the installed package, not the checkout

    made = run(
        tvf,
        "init",
        outside / "ny",
        "--municipality",
        "Testby kommune",
        "--no-git",
        "--recipient",
        "Oppvekstledelsen",
        "--approving-body",
        "Oppvekstutvalget",
        cwd=outside,
    )
    assert made.returncode == 0
    new = run(
        tvf,
        "new",
        "procedure",
        "--handbook",
        outside / "ny",
        "--chapter",
        "I.2",
        "--title",
        "Fra malen i pakken",
        "--owner",
        "Oppvekst",
        "--no-input",
        cwd=outside,
    )
    assert new.returncode == 0
    assert run(tvf, "check", "--handbook", outside / "ny", cwd=outside).returncode == 0

    # Norwegian by default, English from the catalogs compiled into the wheel.
    norwegian = run(tvf, "--help", cwd=outside)
    assert norwegian.stdout.startswith("Bruk: tvf [VALG]")
    english = run(tvf, "--lang", "en", "--help", cwd=outside)
    assert english.stdout.startswith("Usage: tvf [OPTIONS]")
    assert "Sjekk hele håndboka." in norwegian.stdout
    assert "Sjekk hele håndboka." not in english.stdout
