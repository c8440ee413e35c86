"""The search index (tverrfaglig.site.search): folding and stemming the same in Python and in
``static/sok.js``, posting lists, the files under ``sok/``, and that what the build refuses to
publish never reaches them. The search in a real browser is in test_browser.py and
test_firefox.py."""

from __future__ import annotations

import json
import pickle
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from tverrfaglig.handbook import load_handbook
from tverrfaglig.site import BuildRefused, build_site
from tverrfaglig.site.model import Site
from tverrfaglig.site.search import (
    BITMAP,
    CACHE,
    EXCERPT_CHARS,
    META,
    SEARCH_DIR,
    WORD,
    SearchIndex,
    decode_postings,
    encode_postings,
    excerpt,
    fold,
    read_call,
    read_index,
    search_entries,
    stem,
    words,
)

from helpers import BUNDLED, REPO, TODAY, doc_text, meta, require_tool

SOK_JS = REPO / "templates" / "site" / "static" / "sok.js"

# --- Words ----------------------------------------------------------------------------------


def test_fold_keeps_norwegian_letters_and_drops_other_accents() -> None:
    assert fold("Ærlig BARNEHAGE på Østre") == "ærlig barnehage på østre"
    assert fold("Café Ä Ö Čáhppes Đ Ŋ Š Ŧ Ž") == "cafe æ ø cahppes d n s t z"
    assert fold("a\u030a") == "å"  # a and a combining ring: NFC first


def test_stem_takes_norwegian_endings_off() -> None:
    for form in ("barnehage", "barnehagen", "barnehagene", "barnehager", "barnehagens"):
        assert stem(form) == "barnehag", form
    assert stem("tiltakene") == stem("tiltaket") == stem("tiltak") == "tiltak"
    assert stem("foreldrene") == stem("foreldre") == "foreldr"
    assert stem("kommunens") == stem("kommunen") == "kommun"
    for short in ("og", "barn", "ene", "i"):  # too short to lose anything
        assert stem(short) == short
    assert stem("iv.7.1-5") == "iv.7.1-5" and stem("2026") == "2026"


def test_words_keep_ids_whole_and_find_their_parts() -> None:
    found = words("Se IV.7.1-5, e-post og barnehage/skole. Slutt.")
    assert {"iv.7.1-5", "iv", "7", "1", "5", "e-post", "post", "barnehage/skole"} <= found
    assert {"barnehag", "skol", "slutt", "se", "og"} <= found
    assert not any(w.endswith(".") or w.startswith("/") for w in found)


def _sok_js(words_in: list[str]) -> dict[str, list[object]]:
    """``fold``, ``stem`` and ``stems`` of ``static/sok.js`` run by node on each word."""
    node = require_tool(
        "node", Path(shutil.which("node") or "/nonexistent"), "apt-get install nodejs"
    )
    program = (
        "global.window = {}; global.document = {};"
        "require(process.argv[1]);"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const s = window.TVF_SOK;"
        "process.stdout.write(JSON.stringify(words.map(w =>"
        " [s.fold(w), s.stem(s.fold(w)), s.stems(s.fold(w))])));"
    )
    done = subprocess.run(
        [str(node), "-e", program, str(SOK_JS)],
        input=json.dumps(words_in),
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(zip(words_in, json.loads(done.stdout), strict=True))


def test_sok_js_folds_and_stems_every_word_of_the_bundled_handbook_as_the_build_does() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED.rglob("*.md")))
    raw = sorted(set(text.split()) | {"Café", "ÆRLIG", "Ö", "a\u030aret", "IV.7.1-5,", "(§"})
    assert len(raw) > 1000
    by_js = _sok_js(raw)
    for word in raw:
        folded = fold(word)
        assert by_js[word] == [folded, stem(folded), [stem(w) for w in WORD.findall(folded)]], word


# --- Posting lists --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_postings_round_trip_and_take_the_shorter_form(seed: int) -> None:
    rng = random.Random(seed)
    count = rng.choice([1, 7, 100, 10_000])
    for density in (0.0, 0.01, 0.2, 0.9, 1.0):
        numbers = sorted(n for n in range(count) if rng.random() < density)
        text = encode_postings(numbers, count)
        assert decode_postings(text) == numbers
        assert len(text) <= count // 6 + 3  # never longer than a bitmap
        assert text.isascii() and json.dumps(text) == f'"{text}"'


def test_sparse_postings_are_gaps_and_dense_ones_a_bitmap() -> None:
    # gaps 0 0 0 37; 37 = 1 * 32 + 5: "x" (32 + 1, more to come) then "5"
    assert encode_postings([0, 1, 2, 40], 10_000) == "000x5"
    assert decode_postings("000x5") == [0, 1, 2, 40]
    dense = encode_postings(range(0, 10_000, 2), 10_000)
    assert dense.startswith(BITMAP) and len(dense) <= 1668


# --- The files of the index -----------------------------------------------------------------


def test_the_index_of_the_small_handbook(site: Path) -> None:
    index = read_index(site)
    assert [d["url"] for d in index.docs][:2] == [
        "dokumenter/IV.7-2.html",
        "dokumenter/IV.7.1-5.html",
    ]
    assert index.pages_with("Fravær") == ["nettverk/sentrum/2026-09-17-referat.html"]
    assert index.pages_with("veilederne") == ["dokumenter/IV.7-2.html"]  # an inflected form
    _call, (data,) = read_call((site / META).read_bytes())
    files = {p.name for p in (site / SEARCH_DIR).iterdir()}
    assert files == {"meta.js", *data["ord"].values(), *data["utdrag"]}


def test_excerpts_are_short_and_cut_at_a_word() -> None:
    text = "Formål " + "ord " * 100
    short = excerpt(text)
    assert short.endswith(" …") and len(short) <= EXCERPT_CHARS + 2
    assert not short.removesuffix(" …").endswith(" ")
    assert excerpt("  Kort\n tekst. ") == "Kort tekst."


def test_the_bundled_handbook_index_is_small(tmp_path: Path) -> None:
    build_site(BUNDLED, tmp_path / "site", today=TODAY)
    files = list((tmp_path / "site" / SEARCH_DIR).iterdir())
    assert sum(p.stat().st_size for p in files) < 100_000
    index = read_index(tmp_path / "site")
    assert index.pages_with("barnehagene") and index.pages_with("barnehagene") == (
        index.pages_with("barnehage")
    )


def test_changed_and_removed_pages_leave_no_stale_index_files(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    path = book / "planer/plan.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nKvalitetslosene.\n", encoding="utf-8")
    build_site(book, out, today=TODAY)
    assert read_index(out).pages_with("kvalitetslos") == ["dokumenter/I.5-1.html"]
    path.unlink()
    build_site(book, out, today=TODAY)
    index = read_index(out)  # reads every file meta.js names: all there
    assert index.pages_with("kvalitetslos") == []
    assert "dokumenter/I.5-1.html" not in [d["url"] for d in index.docs]
    _call, (data,) = read_call((out / META).read_bytes())
    assert len(list((out / SEARCH_DIR).iterdir())) == 1 + len(data["ord"]) + len(data["utdrag"])


def test_a_national_id_never_reaches_the_index(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    before = {p: p.read_bytes() for p in (out / SEARCH_DIR).iterdir()}
    (book / "vedlegg/x.md").write_text(
        doc_text(meta("IV.7.1-7", type="attachment"), "Barnet 01010150074 ble meldt.\n"),
        encoding="utf-8",
    )
    with pytest.raises(BuildRefused):
        build_site(book, out, today=TODAY, force=True)
    assert {p: p.read_bytes() for p in (out / SEARCH_DIR).iterdir()} == before
    assert not any(b"01010150074" in data for data in before.values())


def _index_files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / SEARCH_DIR).iterdir()}


@pytest.mark.parametrize("cache", ["kept", "damaged", "of other pages", "of other types"])
def test_an_index_made_from_the_cache_is_the_index_of_a_clean_build(
    book: Path, tmp_path: Path, cache: str
) -> None:
    out = tmp_path / "site"
    build_site(book, out, today=TODAY)
    if cache == "damaged":
        (out / CACHE).write_bytes(pickle.dumps({"salt": "x", "urls": []})[:-5])
    elif cache in ("of other pages", "of other types"):
        state = pickle.loads((out / CACHE).read_bytes())
        if cache == "of other pages":
            state["urls"].reverse()
        else:
            state["shards"][next(iter(state["shards"]))]["x"] = b"bytes"
        (out / CACHE).write_bytes(pickle.dumps(state))
    path = book / "prosedyrer/iv-7-2.md"
    text = path.read_text(encoding="utf-8").replace("veilederen", "barnehagelærerne")
    path.write_text(text + "\nSkolehelsetjenesten.\n", encoding="utf-8")
    build_site(book, out, today=TODAY)
    clean = tmp_path / "clean"
    build_site(book, clean, today=TODAY)
    assert _index_files(out) == _index_files(clean)
    # The same state (pickle's bytes also depend on which equal strings are one object).
    assert pickle.loads((out / CACHE).read_bytes()) == pickle.loads((clean / CACHE).read_bytes())
    index = read_index(out)
    assert index.pages_with("veilederen") == []
    assert index.pages_with("barnehagelærer") == ["dokumenter/IV.7-2.html"]


def test_words_found_in_worker_processes_make_the_same_index(book: Path) -> None:
    site = Site.build(load_handbook(book), TODAY)
    entries = search_entries(site)
    texts = {e.url: f"Side {n}: barnehagene, skolen og IV.7.1-{n}." for n, e in enumerate(entries)}
    index = SearchIndex(site, texts)
    assert index.files(jobs=1) == index.files(jobs=3)
