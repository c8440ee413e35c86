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

from tverrfaglig.checks.cache import digest
from tverrfaglig.document import Document, parse_document
from tverrfaglig.errors import TvfError
from tverrfaglig.site import build_site
from tverrfaglig.site.incremental import CACHE, CACHE_FILES
from tverrfaglig.site.model import Entry, whole_document
from tverrfaglig.site.search import CACHE as SEARCH_CACHE

from helpers import BUNDLED, TODAY, doc_text, meta


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, by path (the build's own caches left out: pickles, whose
    bytes depend on which equal strings are one object; test_search compares the search
    cache's state)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in (*CACHE_FILES, SEARCH_CACHE)
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ATTACHMENT = "vedlegg/iv-7-1-5-veileder-forpliktende-samarbeid.md"  # IV.7.1-5, much referred to
PROCEDURE = "prosedyrer/iv-7-5-individuell-plan-koordinator.md"
MEASURE = "tiltak/v03-ungdommens-hus.md"  # IV.7.1-15, V03


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
    # The catalogue shows a measure's groups, which the site model does not hold (it is made
    # from the check's summaries): they come from the page's record, or its new rendering.
    (
        "a measure's target groups",
        lambda root: _edit(root / MEASURE, "  - Ungdomsrådet\n", "  - Barnevernet\n"),
        None,
    ),
    (
        "a measure's title and code",
        lambda root: (
            _edit(root / MEASURE, "title: Ungdommens hus", "title: Ungdommenes hus"),
            _edit(root / MEASURE, "code: V03", "code: V99"),
        ),
        None,
    ),
    ("a measure removed", lambda root: (root / MEASURE).unlink(), None),
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
    # The handbook's own law registry: barnehageloven's title (shown beside its citations)
    # and then the law repealed (its links marked, with a note).
    (
        "the law registry (laws.yaml)",
        lambda root: (root / "laws.yaml").write_text(
            "- id: LOV-2005-06-17-64\n  title: Lov om barnehager (endret tittel)\n",
            encoding="utf-8",
        ),
        None,
    ),
    (
        "the law registry again",
        lambda root: _edit(root / "laws.yaml", "(endret tittel)\n", "\n  repealed: 2026-01-01\n"),
        None,
    ),
    ("laws.yaml removed", lambda root: (root / "laws.yaml").unlink(), None),
    # Renamed: the file moved (same ID; the links to its old path now go nowhere), then its ID.
    (
        "a document moved to another file",
        lambda root: (root / PROCEDURE).rename(root / "vedlegg" / "flyttet.md"),
        None,
    ),
    (
        "a document's ID changed",
        lambda root: _edit(root / "vedlegg" / "flyttet.md", "id: IV.7-5\n", "id: IV.7-55\n"),
        None,
    ),
    (
        "a document moved back under its old name and ID",
        lambda root: (
            _edit(root / "vedlegg" / "flyttet.md", "id: IV.7-55\n", "id: IV.7-5\n"),
            (root / "vedlegg" / "flyttet.md").rename(root / PROCEDURE),
        ),
        None,
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
        if what.startswith(
            ("the law registry", "laws.yaml", "a document moved", "a document's ID")
        ):
            assert again.written, f"{what}: the site should have changed"
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


def test_a_build_with_a_cold_check_cache_is_byte_identical(tmp_path: Path) -> None:
    """The site model is made from the summaries of ``tvf check``'s cache when it has them:
    a build with the cache filled makes the same bytes as one without (after a change)."""
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    build_site(root, tmp_path / "warm-up", today=TODAY, force=True)  # fills the check cache
    _edit(root / MEASURE, "  - Ungdomsrådet\n", "  - Barnevernet\n")
    warm = build_site(root, tmp_path / "warm", today=TODAY, force=True)
    shutil.rmtree(Path.home() / ".cache" / "tvf")
    cold = build_site(root, tmp_path / "cold", today=TODAY, force=True)
    assert warm.rendered == cold.rendered == cold.pages - 3
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "cold")
    assert "Barnevernet" in (tmp_path / "cold" / "tiltak.html").read_text(encoding="utf-8")


def test_a_document_changed_after_its_check_is_not_published(tmp_path: Path) -> None:
    """A page reads its document again when it is rendered; when the bytes are no longer
    those that were checked (the file was saved while the site was built), the build stops
    rather than publish text that was not checked for personal data."""
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    path = root / MEASURE
    checked = path.read_bytes()
    doc, _problems = parse_document(MEASURE, checked)
    assert doc is not None
    light = Document(path=MEASURE, text="", meta={"type": "measure", "id": "IV.7.1-15"})
    entry = Entry(light, "measure", "IV.7.1-15", "dokumenter/IV.7.1-15.html", "Ungdommens hus")
    entry.digest, entry.whole = digest(checked), False
    assert whole_document(root, entry).text == doc.text
    path.write_bytes(checked.replace(b"Ungdommens hus", b"Ungdommens hus 12345678901"))
    with pytest.raises(TvfError, match="ble endret mens nettstedet ble bygd"):
        whole_document(root, entry)
    path.unlink()
    with pytest.raises(TvfError, match="ble endret mens nettstedet ble bygd"):
        whole_document(root, entry)


def test_summary_pages_are_kept_when_what_they_show_is_unchanged(tmp_path: Path) -> None:
    """A body edit changes no list: the start page is not rendered again but kept as the
    file the last build wrote (known by its size and modification time, as a document's page
    is). A change to what it lists renders it again."""
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    build_site(root, out, today=TODAY, force=True)
    index = out / "index.html"
    st = index.stat()
    marked = index.read_bytes().replace(b"<main", b"<MAIN", 1)  # same size: a visible mark
    index.write_bytes(marked)
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns))
    _edit(root / PROCEDURE, "\n## ", "\nNy setning.\n\n## ")
    build_site(root, out, today=TODAY, force=True)
    assert index.read_bytes() == marked  # kept: not rendered
    _edit(root / MEASURE, "title: Ungdommens hus", "title: Ungdommenes hus")
    build_site(root, out, today=TODAY, force=True)
    assert b"<MAIN" not in index.read_bytes()  # rendered again
    build_site(root, tmp_path / "clean", today=TODAY, force=True)
    assert _tree(out) == _tree(tmp_path / "clean")


def test_answers_of_another_type_only_render_everything(tmp_path: Path) -> None:
    """The cache's digests of the answers are checked like its records: one of another type
    makes the cache unused, never trusted."""
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    first = build_site(root, out, today=TODAY, force=True)
    version, salt, answers = pickle.loads((out / CACHE).read_bytes())
    assert answers and all(type(v) is bytes for v in answers.values())
    (out / CACHE).write_bytes(pickle.dumps((version, salt, dict.fromkeys(answers, "x"))))
    again = build_site(root, out, today=TODAY, force=True)
    assert again.rendered == first.rendered and again.written == ()


def test_a_change_rewrites_one_shard_of_the_records_and_a_damaged_shard_renders_its_pages(
    tmp_path: Path,
) -> None:
    root = tmp_path / "hb"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    build_site(root, out, today=TODAY, force=True)
    before = {name: (out / name).read_bytes() for name in CACHE_FILES if (out / name).exists()}
    _edit(root / PROCEDURE, "\n## ", "\nNy setning.\n\n## ")
    assert build_site(root, out, today=TODAY, force=True).rendered == 1
    rewritten = [name for name in before if (out / name).read_bytes() != before[name]]
    assert len(rewritten) == 1 and rewritten[0] != CACHE  # the page's shard; same answers
    shard = out / rewritten[0]
    in_shard = len(pickle.loads(shard.read_bytes())[2])
    shard.write_bytes(b"tull")
    assert build_site(root, out, today=TODAY, force=True).rendered == in_shard
