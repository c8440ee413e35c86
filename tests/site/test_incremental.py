"""Incremental builds (tverrfaglig.site.incremental): a build into a folder that holds an earlier
build renders only the pages whose document or look-ups changed, and the result is byte for byte
the site a clean build into an empty folder makes, after every kind of change.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tverrfaglig.site import build_site
from tverrfaglig.site.incremental import CACHE

from helpers import BUNDLED, TODAY, doc_text, meta


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, by path (the build's own cache left out)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != CACHE
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ATTACHMENT = "vedlegg/iv-7-1-5-veileder-forpliktende-samarbeid.md"  # IV.7.1-5, much referred to
PROCEDURE = "prosedyrer/iv-7-5-individuell-plan-koordinator.md"


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Kari",
        "GIT_AUTHOR_EMAIL": "kari@example.invalid",
        "GIT_COMMITTER_NAME": "Kari",
        "GIT_COMMITTER_EMAIL": "kari@example.invalid",
        "GIT_AUTHOR_DATE": "2026-11-01T12:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-11-01T12:00:00+01:00",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _new_document(root: Path) -> None:
    (root / "prosedyrer" / "ny.md").write_text(
        doc_text(
            meta("IV.7-99", title="Et nytt dokument", references=["IV.7.1-5"]),
            "# Et nytt dokument\n\nSe IV.7-5 og ![flyt](bilder/flyt.png).\n",
        ),
        encoding="utf-8",
    )


# (what changes, the change, the most pages it may render again; None: any number)
CHANGES: list[tuple[str, Callable[[Path], None], int | None]] = [
    ("nothing", lambda root: None, 0),
    ("a document's body", lambda root: _edit(root / PROCEDURE, "\n## ", "\nNy setning.\n\n## "), 1),
    ("a document added that names others", _new_document, 4),
    (
        "a linked image appears",
        lambda root: (
            (root / "prosedyrer" / "bilder").mkdir(),
            (root / "prosedyrer" / "bilder" / "flyt.png").write_bytes(b"\x89PNG bilde"),
        ),
        1,
    ),
    (
        "an ID in a body that does not exist, yet",
        lambda root: _edit(root / PROCEDURE, "\n## ", "\nSe også IV.7-98.\n\n## "),
        1,
    ),
    (
        "the document it names appears",
        lambda root: (root / "prosedyrer" / "ny2.md").write_text(
            doc_text(meta("IV.7-98", title="Enda et nytt")), encoding="utf-8"
        ),
        3,
    ),
    (
        "a referenced document retitled",
        lambda root: _edit(root / ATTACHMENT, "title: ", "title: Ny tittel på "),
        None,
    ),
    (
        "a document's status",
        lambda root: _edit(root / ATTACHMENT, "status: approved", "status: draft"),
        None,
    ),
    ("a document removed", lambda root: (root / "prosedyrer" / "ny.md").unlink(), None),
    (
        "a meeting edited",
        lambda root: _edit(
            root / "nettverk" / "kanebogen" / "2026-09-17-referat.md",
            "\n## ",
            "\n- [ ] Et nytt punkt\n\n## ",
        ),
        2,
    ),
    (
        "a template of the handbook",
        lambda root: (
            (root / "templates" / "site").mkdir(parents=True),
            (root / "templates" / "site" / "macros.html.j2").write_text(
                (
                    Path(__file__).resolve().parents[2] / "templates" / "site" / "macros.html.j2"
                ).read_text(encoding="utf-8")
                + "{# endret #}\n",
                encoding="utf-8",
            ),
        ),
        None,
    ),
    (
        "the template changed again",
        lambda root: _edit(
            root / "templates" / "site" / "macros.html.j2", "{# endret #}", "<!-- endret -->"
        ),
        None,
    ),
    ("tvf.toml", lambda root: _edit(root / "tvf.toml", 'title = "', 'title = "Ny: '), None),
    (
        "a commit (sist endret)",
        lambda root: (
            _git(root, "init", "--quiet"),
            _git(root, "add", "-A"),
            _git(root, "commit", "--quiet", "-m", "Første"),
        ),
        None,
    ),
    (
        "a document edited and committed",
        lambda root: (
            _edit(root / PROCEDURE, "\n## ", "\nEnda en setning.\n\n## "),
            _git(root, "commit", "--quiet", "-am", "Endret IV.7-5"),
        ),
        1,
    ),
]


def test_incremental_builds_are_byte_identical_to_clean_builds(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    incremental = tmp_path / "site"
    first = build_site(root, incremental, today=TODAY, force=True)
    assert first.rendered == first.pages - 3  # every document's page; 3 summary pages
    for step, (what, change, most) in enumerate(CHANGES):
        change(root)
        again = build_site(root, incremental, today=TODAY, force=True)
        clean_dir = tmp_path / f"clean-{step}"
        clean = build_site(root, clean_dir, today=TODAY, force=True)
        assert again.files == clean.files or sorted(again.files) == sorted(clean.files), what
        assert _tree(incremental) == _tree(clean_dir), f"after a change of {what}"
        if most is not None:
            assert again.rendered <= most, f"{what}: {again.rendered} pages rendered"
        assert clean.rendered == clean.pages - 3


def test_a_page_file_changed_by_hand_is_rendered_again(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    build_site(root, out, today=TODAY, force=True)
    page = out / "dokumenter" / "IV.7-5.html"
    original = page.read_bytes()
    page.write_bytes(b"tull")
    result = build_site(root, out, today=TODAY, force=True)
    assert result.rendered == 1 and page.read_bytes() == original
    page.unlink()
    assert build_site(root, out, today=TODAY, force=True).rendered == 1
    assert page.read_bytes() == original


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b'{"version": 1, "salt": 3, "pages": []}',
        b'{"version": 1, "pages": {"x": [1, 2]}}',
        pickle.dumps((2, "salt", {"dokumenter/IV.7-1.html": (1, 2)})),
        pickle.dumps([1, 2, 3])[:-3],  # cut short
        # A pickle that would call a function: refused, never run.
        b"cos\nsystem\n(S'touch /tmp/tvf-site-cache-pwned'\ntR.",
    ],
)
def test_a_damaged_cache_only_renders_everything(tmp_path: Path, damage: bytes) -> None:
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    first = build_site(root, out, today=TODAY, force=True)
    (out / CACHE).write_bytes(damage)
    again = build_site(root, out, today=TODAY, force=True)
    assert again.rendered == first.rendered and again.written == ()
    assert not Path("/tmp/tvf-site-cache-pwned").exists()


def test_another_day_renders_again(tmp_path: Path) -> None:
    """The date counts (review dates passed, repealed laws): a build on another day renders
    every page (and writes only those that differ)."""
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    first = build_site(root, out, today=TODAY, force=True)
    import datetime as dt

    later = build_site(root, out, today=TODAY + dt.timedelta(days=1), force=True)
    assert later.rendered == first.rendered
