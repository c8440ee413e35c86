"""The site's search index: an inverted index of words, sharded by the first two letters of a
word, written as classic scripts that ``static/sok.js`` loads on demand.

The index is made of small files under ``sok/``, each a script that hands its data to
``window.TVF_SOK`` (a browser may not ``fetch()`` from ``file://``, but it runs a ``<script>``):

- ``sok/meta.js``: every searchable page (ID, code, title, type, status, URL) in the order of
  the start page, and the names of the other files. Loaded the first time a search field is
  used.
- ``sok/ord-<key>.<hash>.js``: the words (stems) that begin with ``<key>`` (their first two
  letters) and, for each, the numbers of the pages whose text holds it, as a compact string
  (:func:`encode_postings`). Loaded when a query needs words beginning with ``<key>``.
- ``sok/utdrag-<n>.<hash>.js``: the beginning of the text of pages ``n * EXCERPT_SHARD`` and up,
  shown under a result. Loaded for the results shown.

File names carry a hash of their content, so a browser never mixes an old ``meta.js`` with new
shards: a stale ``meta.js`` names files that are gone (the search then says the index is
missing) rather than files whose page numbers mean something else.

Words are folded the same way here and in ``sok.js`` (:func:`fold`, :func:`words`,
:func:`stem`; ``tests/site/test_search.py`` runs both on the same words): lower case, accents
other than å dropped (é → e, ä → æ, ö → ø, č → c), Norwegian endings taken off with step 1 of
the Snowball Norwegian stemmer («erne» added) up to twice, then its step 2 («barnehagene»,
«barnehagen» → «barnehag»; «veilederne», «veileder» → «veiled»).

A build keeps the terms, the excerpt of every page and the posting lists in :data:`CACHE`
beside the site (a pickle of plain data, read as the site's own cache is:
:func:`.incremental.plain_data`); the next build reads again only the pages whose text changed
(:meth:`SearchIndex.files`).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import NETWORK_TYPE
from ..workers import forked_map, worker_count
from .incremental import only_strings, plain_data
from .labels import status_label, type_label
from .model import Entry, Site

SEARCH_DIR = "sok"
CACHE = ".tvf-sok-cache.pickle"  # beside the site's own cache; not part of the site
META = f"{SEARCH_DIR}/meta.js"
GLOBAL = "TVF_SOK"
VERSION = 2
EXCERPT_CHARS = 80  # characters of a page's text stored to show under a result
EXCERPT_SHARD = 100  # pages per excerpt file
KEY_LENGTH = 2  # words are sharded by their first this many letters

_FOLD = str.maketrans(
    {
        **dict.fromkeys("àáâãā", "a"),
        "ä": "æ",
        **dict.fromkeys("èéêëē", "e"),
        **dict.fromkeys("ìíîïī", "i"),
        **dict.fromkeys("òóôõō", "o"),
        "ö": "ø",
        **dict.fromkeys("ùúûüū", "u"),
        **dict.fromkeys("ýÿ", "y"),
        "ç": "c",
        "č": "c",
        "đ": "d",
        "ð": "d",
        "ŋ": "n",
        "ñ": "n",
        "š": "s",
        "ŧ": "t",
        "ž": "z",
    }
)
#: A word: letters and digits, with inner dots, hyphens and slashes («IV.7.1-5», «e-post»).
WORD = re.compile(r"[0-9a-zæøå]+(?:[./-][0-9a-zæøå]+)*")
_PART = re.compile(r"[0-9a-zæøå]+")
# WORD before folding: also the letters that fold into a-z æ ø å (folded word by word, faster).
_LETTER = "0-9a-zæøå" + "".join(chr(c) for c in _FOLD)
_RAW_WORD = re.compile(f"[{_LETTER}]+(?:[./-][{_LETTER}]+)*")
_ACCENTED = re.compile("[" + "".join(chr(c) for c in _FOLD) + "]")
_LETTERS = re.compile(r"[a-zæøå]+")
_VOWELS = frozenset("aeiouyæøå")
# Snowball Norwegian, step 1, longest first.
_ENDINGS = (
    "hetenes",
    "hetene",
    "hetens",
    "heten",
    "endes",
    "ande",
    "ende",
    "edes",
    "enes",
    "erne",
    "erte",
    "ede",
    "ane",
    "ene",
    "ens",
    "ers",
    "ets",
    "het",
    "ast",
    "ert",
    "en",
    "ar",
    "er",
    "as",
    "es",
    "et",
    "a",
    "e",
    "s",
)
_S_ENDING = frozenset("bcdfghjlmnoprtvyz")
#: 64 characters that need no escaping in JSON or a file name: a posting list is written with them.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
BITMAP = "~"  # a posting list that starts with this is a bitmap, six pages a character
_BITMAP_CHARS = ALPHABET.encode("ascii").ljust(256, b"?")


def fold(text: str) -> str:
    """``text`` as the index compares it: NFC, lower case, accents other than å dropped."""
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A folded word without its Norwegian endings: step 1 of the Snowball Norwegian stemmer
    (with «erne» added) up to twice, then step 2; words with digits or punctuation, and short
    ones, unchanged."""
    if not _LETTERS.fullmatch(word):
        return word
    r1 = len(word)
    for i in range(1, len(word)):
        if word[i - 1] in _VOWELS and word[i] not in _VOWELS:
            r1 = i + 1
            break
    r1 = max(r1, 3)
    for _round in range(2):  # twice: «veilederen» → «veileder» → «veiled», as «veileder»
        before = word
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= r1:
                base = word[: -len(ending)]
                if ending in ("erte", "ert"):
                    word = base + "er"
                elif ending == "s":
                    if base[-1] in _S_ENDING or (
                        base[-1] == "k" and len(base) > 1 and base[-2] not in _VOWELS
                    ):
                        word = base
                else:
                    word = base
                break
        if word == before:
            break
    if (word.endswith("dt") or word.endswith("vt")) and len(word) - 2 >= r1:
        word = word[:-1]
    return word


def words(text: str) -> set[str]:
    """The terms of ``text`` in the index: each word stemmed, and the parts of a word with dots,
    hyphens or slashes too («barnehage/skole» is found by «skole»)."""
    # Words never span white space: find them in the distinct chunks between spaces, joined.
    chunks = " ".join(set(unicodedata.normalize("NFC", text).lower().split()))
    joined = " ".join(set(_RAW_WORD.findall(chunks)))
    if _ACCENTED.search(joined):  # str.translate is slow: only when there is something to fold
        joined = joined.translate(_FOLD)
    return set(map(stem, set(joined.split()).union(_PART.findall(joined))))


def shard_key(term: str) -> str:
    return term[:KEY_LENGTH]


def key_name(key: str) -> str:
    """A shard key as part of a file name, in ASCII (æ ø å spelled out; ``_`` is in no word)."""
    return key.replace("æ", "_ae").replace("ø", "_oe").replace("å", "_aa")


def encode_postings(numbers: Iterable[int], count: int) -> str:
    """Increasing page numbers (below ``count``) as a short string: the gaps between them, each
    in five-bit groups (the last group from ``ALPHABET[:32]``, the others from
    ``ALPHABET[32:]``), or, when shorter, a bitmap after ``BITMAP``."""
    numbers = list(numbers)
    size = (count + 5) // 6 + 1
    if len(numbers) < size:
        out = []
        previous = -1
        for n in numbers:
            gap = n - previous - 1
            previous = n
            if gap < 32:
                out.append(ALPHABET[gap])
                continue
            groups = []
            while gap:
                groups.append(gap & 31)
                gap >>= 5
            out.extend(ALPHABET[32 + g] for g in reversed(groups[1:]))
            out.append(ALPHABET[groups[0]])
        gaps = "".join(out)
        if len(gaps) <= size:
            return gaps
    bits = bytearray(size - 1)
    for n in numbers:
        bits[n // 6] |= 1 << (n % 6)
    return BITMAP + bits.translate(_BITMAP_CHARS).decode("ascii").rstrip("0")


def decode_postings(text: str) -> list[int]:
    """The page numbers of :func:`encode_postings` (what ``sok.js`` does, for tests)."""
    if text.startswith(BITMAP):
        return [
            i * 6 + bit
            for i, char in enumerate(text[1:])
            for bit in range(6)
            if ALPHABET.index(char) & (1 << bit)
        ]
    numbers = []
    previous = -1
    value = 0
    for char in text:
        digit = ALPHABET.index(char)
        if digit >= 32:
            value = value * 32 + digit - 32
            continue
        previous += value * 32 + digit + 1
        numbers.append(previous)
        value = 0
    return numbers


def excerpt(text: str) -> str:
    """The beginning of a page's text, cut at a word, with « …» when there is more."""
    text = " ".join(text[: EXCERPT_CHARS * 2].split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, EXCERPT_CHARS)
    return text[: cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS] + " …"


def _script(call: str, *args: object) -> bytes:
    data = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"window.{GLOBAL}.{call}({data});\n".encode()


def _hashed(stem_name: str, data: bytes) -> str:
    return f"{SEARCH_DIR}/{stem_name}.{hashlib.sha256(data).hexdigest()[:10]}.js"


def search_entries(site: Site) -> list[Entry]:
    """Every page a reader can search for, in the order of the start page."""
    from .pages import SECTIONS  # pages imports this module

    entries: list[Entry] = []
    for kind, _anchor in SECTIONS:
        entries.extend(site.documents(kind))
    for network in site.networks.values():
        entries.append(network)
        entries.extend(site.meetings[network.key])
    return entries


def _salt() -> str:
    """What a cache of this module's terms depends on: its own code (the stemmer, the format)."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


#: Each page's terms (as one string), the posting lists by shard, and each page's excerpt.
_Terms = tuple[list[str], dict[str, dict[str, str]], list[str]]


class SearchIndex:
    """The index of a site's pages, made when :meth:`files` is asked for it: from the cache of
    the previous build (the terms of every page and the posting lists) when the pages are the
    same ones in the same order, so that only changed pages are read again."""

    def __init__(
        self, site: Site, texts: dict[str, str], hashes: dict[str, str] | None = None
    ) -> None:
        self.types: list[str] = []
        self.statuses: list[str] = [""]
        self.docs: list[list[Any]] = []
        self.urls: list[str] = []
        for entry in search_entries(site):
            doc = entry.doc
            ident = entry.key if doc.is_handbook_document or entry.kind == NETWORK_TYPE else ""
            code = doc.get("code")
            kind = type_label(entry.kind)
            status = status_label(doc.status or "", "") if doc.is_handbook_document else ""
            if kind not in self.types:
                self.types.append(kind)
            if status not in self.statuses:
                self.statuses.append(status)
            url = entry.url
            record: list[Any] = [
                ident,
                "" if code is None else str(code),
                entry.title,
                self.types.index(kind),
                self.statuses.index(status),
                "" if url == f"dokumenter/{ident}.html" else url,
            ]
            while len(record) > 3 and record[-1] in ("", 0):  # "" and 0 at the end left out
                record.pop()
            self.docs.append(record)
            self.urls.append(url)
        self.texts = [texts.get(url, "") for url in self.urls]
        known = hashes or {}
        pages = zip(self.urls, self.texts, strict=True)
        self.hashes = [known.get(url) or text_hash(text) for url, text in pages]

    def files(
        self, cache: bytes | None = None, *, jobs: int | None = None
    ) -> tuple[dict[str, bytes], bytes]:
        """The files of the index by path under the site, and the cache for the next build
        (``cache`` is this one's, or ``None``: a cache that is not usable is not used). Made
        from scratch, the words of a large site's pages are found in ``jobs`` processes (one
        per core from 1,000 pages when ``None``)."""
        count = len(self.urls)
        hashes = self.hashes
        terms, shards, excerpts = self._reuse(cache, hashes) or self._fresh(jobs)
        files: dict[str, bytes] = {}
        names: dict[str, str] = {}
        for key in sorted(shards):
            data = _script("ord", key, dict(sorted(shards[key].items())))
            path = _hashed(f"ord-{key_name(key)}", data)
            files[path] = data
            names[key] = path.removeprefix(SEARCH_DIR + "/")
        excerpt_names = []
        for n in range(0, count, EXCERPT_SHARD):
            data = _script("utdrag", n // EXCERPT_SHARD, excerpts[n : n + EXCERPT_SHARD])
            path = _hashed(f"utdrag-{n // EXCERPT_SHARD}", data)
            files[path] = data
            excerpt_names.append(path.removeprefix(SEARCH_DIR + "/"))
        meta = {
            "versjon": VERSION,
            "typer": self.types,
            "statuser": self.statuses,
            "ord": names,
            "utdrag": excerpt_names,
            "utdragPer": EXCERPT_SHARD,
            "dokumenter": self.docs,
        }
        files[META] = _script("meta", meta)
        state = {
            "salt": _salt(),
            "urls": self.urls,
            "hashes": hashes,
            "terms": terms,
            "shards": {key: dict(sorted(shards[key].items())) for key in sorted(shards)},
            "excerpts": excerpts,
        }
        return files, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    def _fresh(self, jobs: int | None) -> _Terms:
        count = len(self.urls)
        jobs = worker_count(jobs, count)
        step = -(-count // (jobs * 4)) if jobs > 1 else count or 1
        postings: defaultdict[str, list[int]] = defaultdict(list)
        terms: list[str] = []
        with forked_map(
            _words_of, range(0, count, step), state=(self.texts, step), jobs=jobs
        ) as done:
            for part_terms, part_postings in done:  # in order: page numbers stay sorted
                terms.extend(part_terms)
                for term, numbers in part_postings.items():
                    postings[term].extend(numbers)
        shards: dict[str, dict[str, str]] = {}
        for term, numbers in postings.items():
            shards.setdefault(shard_key(term), {})[term] = encode_postings(numbers, count)
        return terms, shards, [excerpt(text) for text in self.texts]

    def _reuse(self, cache: bytes | None, hashes: list[str]) -> _Terms | None:
        """Terms, shards and excerpts from ``cache`` with the changed pages read again;
        ``None`` when the cache is missing, damaged, of other code or of other pages, or many
        changed."""
        if not cache:
            return None
        try:
            state = plain_data(cache)
            if state["salt"] != _salt() or state["urls"] != self.urls:
                return None
            old_hashes, terms, shards = state["hashes"], state["terms"], state["shards"]
            excerpts = state["excerpts"]
            if not (
                type(old_hashes) is type(terms) is type(excerpts) is list
                and len(old_hashes) == len(terms) == len(excerpts) == len(hashes)
                and only_strings(old_hashes, terms, excerpts)
                and type(shards) is dict
                and all(
                    type(key) is str and type(shard) is dict and only_strings(shard, shard.values())
                    for key, shard in shards.items()
                )
            ):
                return None
        except Exception:  # a damaged cache of any kind is only not used
            return None
        changed = [n for n, (a, b) in enumerate(zip(old_hashes, hashes, strict=True)) if a != b]
        if len(changed) > max(50, len(hashes) // 20):
            return None  # reading them all again is as quick
        count = len(hashes)
        edits: defaultdict[str, dict[int, bool]] = defaultdict(dict)
        for n in changed:
            old, new = set(terms[n].split()), words(self.texts[n])
            terms[n] = " ".join(sorted(new))
            excerpts[n] = excerpt(self.texts[n])
            for term in old - new:
                edits[term][n] = False
            for term in new - old:
                edits[term][n] = True
        for term, change in edits.items():
            key = shard_key(term)
            shard = shards.setdefault(key, {})
            numbers = set(decode_postings(shard.get(term, "")))
            numbers.update(n for n, present in change.items() if present)
            numbers.difference_update(n for n, present in change.items() if not present)
            if numbers:
                shard[term] = encode_postings(sorted(numbers), count)
            else:
                shard.pop(term, None)
                if not shard:
                    del shards[key]
        return terms, shards, excerpts


def _words_of(state: tuple[list[str], int], start: int) -> tuple[list[str], dict[str, list[int]]]:
    """The terms of the pages ``start`` to ``start + step`` (in a worker process, for a large
    site): each page's as one string, and each term's page numbers."""
    texts, step = state
    postings: defaultdict[str, list[int]] = defaultdict(list)
    terms = []
    for number in range(start, min(start + step, len(texts))):
        found = words(texts[number])
        terms.append(" ".join(sorted(found)))
        for term in found:
            postings[term].append(number)
    return terms, dict(postings)


def build_index(
    site: Site, texts: dict[str, str], hashes: dict[str, str] | None = None
) -> SearchIndex:
    """The search index of ``site``; ``texts`` holds the plain text of each page by URL, and
    ``hashes`` the :func:`text_hash` of those whose hash is known already."""
    return SearchIndex(site, texts, hashes)


def text_hash(text: str) -> str:
    """What the index's cache keeps of a page's text, to tell that it changed."""
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


# --- Reading an index back (tests and benchmarks) ---------------------------------------------


def read_call(data: bytes) -> tuple[str, list[Any]]:
    """``(call, arguments)`` of one index file written by :func:`_script`."""
    text = data.decode("utf-8")
    prefix = f"window.{GLOBAL}."
    if not text.startswith(prefix) or not text.endswith(");\n"):
        raise ValueError("not a search index file")
    call, _paren, rest = text[len(prefix) : -3].partition("(")
    return call, json.loads(f"[{rest}]")


@dataclass
class ReadIndex:
    """An index read back from a built site: ``docs`` as ``sok.js`` sees them (``id``,
    ``kode``, ``tittel``, ``type``, ``status``, ``url``, ``utdrag``), ``terms`` each term's page
    numbers."""

    docs: list[dict[str, str]]
    terms: dict[str, list[int]]

    def pages_with(self, word: str) -> list[str]:
        """URLs of the pages whose text has a term beginning with the stem of ``word`` (one
        word, as ``sok.js`` looks it up)."""
        prefix = stem(fold(word))
        found: set[int] = set()
        for term, numbers in self.terms.items():
            if term == prefix or (len(prefix) > 1 and term.startswith(prefix)):
                found.update(numbers)
        return [self.docs[n]["url"] for n in sorted(found)]


def read_index(site: Path) -> ReadIndex:
    """The search index of the site built in ``site``."""
    _call, (meta,) = read_call((site / META).read_bytes())
    docs = []
    for row in meta["dokumenter"]:
        row = row + ["", "", "", 0, 0, ""][len(row) :]
        docs.append(
            {
                "id": row[0],
                "kode": row[1],
                "tittel": row[2],
                "type": meta["typer"][row[3]],
                "status": meta["statuser"][row[4]],
                "url": row[5] or f"dokumenter/{row[0]}.html",
                "utdrag": "",
            }
        )
    terms: dict[str, list[int]] = {}
    for name in meta["ord"].values():
        _call, (_key, shard) = read_call((site / SEARCH_DIR / name).read_bytes())
        terms.update({t: decode_postings(p) for t, p in shard.items()})
    for n, name in enumerate(meta["utdrag"]):
        _call, (_number, texts) = read_call((site / SEARCH_DIR / name).read_bytes())
        for i, text in enumerate(texts):
            docs[n * meta["utdragPer"] + i]["utdrag"] = text
    return ReadIndex(docs, terms)
