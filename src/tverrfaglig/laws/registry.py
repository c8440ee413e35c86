"""The law registry: the laws tvf knows, looked up by ID, name, title or Lovdata link.

The registry is YAML: the package ships a default one (``data/laws.yaml``) and a handbook's own
``laws.yaml`` adds to it or overrides entries by ``id`` (:func:`load_registry`; the file's form
is read and written by :mod:`tverrfaglig.laws.registry_file`).

Where the contract is silent:

- :meth:`LawRegistry.resolve` also knows each law's full title;
- when two laws share a name and more than one is in force, the first in registry order wins;
  a law named as ``replaced_by`` of another is in force only from the other's repeal date;
- a law whose ``in_force`` date has not come does not take a name it shares with a law in force.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..findings import Finding, error
from ..i18n import _
from .data import law_data
from .model import ID_PARTS_RE, Law, canonical_id, name_key, registry_id
from .parser import (
    URL_LIKE_RE,
    ScanInfo,
    body_regex,
    mention_regex,
    names_pattern,
    parse_lovdata_url,
    prefix_regex,
    scan_info,
)
from .registry_file import merge_entries, parse_entries

LAWS_FILE = "laws.yaml"


_TITLE_TAIL_RE = re.compile(r"\s*\([^()]*\)\s*$")
_TITLE_MM_RE = re.compile(r"\s+m\.\s?[mv]\.?$", re.IGNORECASE)


def title_names(law: Law) -> list[str]:
    """The names a law's title gives it (handbook-format.md, 4.1, long titles): the title
    without its short name in brackets and without «m.m.»/«m.v.» (``Lov om pasient- og
    brukerrettigheter``, ``Lov om helsepersonell``). Conventions are cited by their names."""
    if law.kind == "convention":
        return []
    bare = _TITLE_TAIL_RE.sub("", law.title).strip()
    found = [bare] if len(bare) >= 12 and bare != law.title else []
    short = _TITLE_MM_RE.sub("", bare)
    if short != bare and len(short) >= 12:
        found.append(short)
    return found


class LawRegistry:
    """The laws by ID, in registry order. Treat it as immutable: lookups are cached."""

    def __init__(self, laws: Iterable[Law]) -> None:
        self.laws: dict[str, Law] = {law.id: law for law in laws}
        self._by_name: dict[str, tuple[Law, ...]] = {}
        self._by_title: dict[str, tuple[Law, ...]] = {}
        self._own_names: dict[str, frozenset[str]] = {}
        for law in self.laws.values():
            own = {name_key(name) for name in law.names}
            self._own_names[law.id] = frozenset(own)
            for name in (*law.names, *title_names(law)):
                key = name_key(name)
                if key and law not in self._by_name.get(key, ()):
                    self._by_name[key] = (*self._by_name.get(key, ()), law)
            title_key = name_key(law.title)
            self._by_title[title_key] = (*self._by_title.get(title_key, ()), law)
        self._mention_re: re.Pattern[str] | None = None
        self._predecessors: dict[tuple[str, str], Law] | None = None
        self._resolved: dict[tuple[str, date], Law | None] = {}
        # A law that replaces another is in force from the other's repeal date.
        self._starts: dict[str, date] = {}
        for law in self.laws.values():
            if law.replaced_by and law.repealed:
                successor = canonical_id(law.replaced_by) or law.replaced_by
                start = self._starts.get(successor, law.repealed)
                self._starts[successor] = min(start, law.repealed)
        self._body_re: re.Pattern[str] | None = None
        self._glued_mention_re: re.Pattern[str] | None = None
        self._prefix_re: re.Pattern[str] | None = None
        self._scan_info: ScanInfo | None = None

    @classmethod
    def default(cls) -> LawRegistry:
        """The registry packaged with tvf (``data/lovdata.json`` with the names of
        ``data/laws.yaml``), read once."""
        return _default_registry()

    def name_keys(self) -> Iterator[str]:
        """Every name the body scan looks for: the names, and the names the titles give."""
        return iter(self._by_name)

    def predecessor(self, law: Law, name: str) -> Law | None:
        """The repealed law that ``law`` replaced and that shares the name ``name`` with it
        (``opplæringslova``, ``bvl``), or None: the contract's shared names (4.1)."""
        if self._predecessors is None:
            found: dict[tuple[str, str], Law] = {}
            for other in self.laws.values():
                successor = self.laws.get(other.replaced_by or "")
                if successor is None or other.repealed is None:
                    continue
                for shared in self._own_names[other.id] & self._own_names[successor.id]:
                    found.setdefault((successor.id, shared), other)
            self._predecessors = found
        if not self._predecessors:
            return None
        key = name_key(name)
        if key.endswith(("lovens", "lovas")):
            key = key[:-1]
        return self._predecessors.get((law.id, key))

    def successor_start(self, law: Law) -> date | None:
        """When ``law`` came into force: its ``in_force``, or the repeal of the law it
        replaced."""
        return law.in_force or self._starts.get(law.id)

    def __iter__(self) -> Iterator[Law]:
        return iter(self.laws.values())

    def __len__(self) -> int:
        return len(self.laws)

    def __repr__(self) -> str:
        return f"LawRegistry({len(self.laws)} laws)"

    def by_id(self, law_id: str) -> Law | None:
        """The law with this Lovdata ID (``lov-``/``for-`` in any case), or None."""
        canonical = registry_id(law_id)
        return self.laws.get(canonical if canonical is not None else law_id.strip())

    def resolve(self, token: str, today: date) -> Law | None:
        """The law a name, abbreviation (with or without a trailing dot), full title, Lovdata ID
        or Lovdata URL means on ``today``; None when the registry does not know it.

        When several laws share a name, the name means the one in force on ``today``; when none
        is, the one repealed last.
        """
        cache_key = (token, today)
        if cache_key in self._resolved:
            return self._resolved[cache_key]
        found = self._resolve(token, today)
        if len(self._resolved) < 4096:
            self._resolved[cache_key] = found
        return found

    def _resolve(self, token: str, today: date) -> Law | None:
        text = " ".join(token.split())
        if not text:
            return None
        if URL_LIKE_RE.match(text):
            parts = parse_lovdata_url(text)
            return self.by_id(parts.law_id) if parts is not None else None
        if ID_PARTS_RE.fullmatch(text):
            law_id = canonical_id(text, prefix=False)
            return self.laws.get(law_id) if law_id is not None else None
        key = name_key(text)
        laws = self._by_name.get(key) or self._by_title.get(key)
        if not laws and key.endswith(("lovens", "lovas")):  # genitive: barnehagelovens
            laws = self._by_name.get(key[:-1])
        return self._pick(laws, today) if laws else None

    def _in_force(self, law: Law, today: date) -> bool:
        start = self._starts.get(law.id)
        if law.in_force is not None and law.in_force > today:
            return False
        return not law.is_repealed(today) and (start is None or start <= today)

    def _pick(self, laws: tuple[Law, ...], today: date) -> Law:
        for law in laws:
            if self._in_force(law, today):
                return law
        repealed = [law for law in laws if law.is_repealed(today)]
        if repealed:
            return max(repealed, key=lambda law: law.repealed or date.min)
        return laws[0]

    def _names_pattern(self) -> str:
        return names_pattern(self._by_name)

    @property
    def mention_pattern(self) -> re.Pattern[str]:
        """A law named anywhere in a paragraph (compiled once): see :func:`mention_regex`."""
        if self._mention_re is None:
            self._mention_re = mention_regex(self._names_pattern())
        return self._mention_re

    @property
    def glued_mention_pattern(self) -> re.Pattern[str]:
        """:attr:`mention_pattern` that also reads names glued together (compiled once), for
        a list of laws that lost its line breaks («…lovenHelsepersonelloven»)."""
        if self._glued_mention_re is None:
            self._glued_mention_re = mention_regex(self._names_pattern(), glue=True)
        return self._glued_mention_re

    @property
    def body_pattern(self) -> re.Pattern[str]:
        """The one regular expression that finds citations in a body (compiled once)."""
        if self._body_re is None:
            self._body_re = body_regex(self._names_pattern())
        return self._body_re

    @property
    def scan_info(self) -> ScanInfo:
        """What the fast body scan needs to know about the names (computed once)."""
        if self._scan_info is None:
            self._scan_info = scan_info(self)
        return self._scan_info

    @property
    def prefix_pattern(self) -> re.Pattern[str]:
        """A known name or a Lovdata ID at the start of a text."""
        if self._prefix_re is None:
            self._prefix_re = prefix_regex(self._names_pattern())
        return self._prefix_re


# --- Loading the registry ------------------------------------------------------------------


def _read_registry_text(
    text: str, path: str, base: Iterable[Law] = ()
) -> tuple[LawRegistry, list[Finding]]:
    laws = {law.id: law for law in base}
    entries, findings = parse_entries(text, path)
    findings.extend(merge_entries(laws, entries, path))
    return LawRegistry(laws.values()), findings


def read_registry_text(text: str, path: str = LAWS_FILE) -> tuple[LawRegistry, list[Finding]]:
    """The default registry with the entries of a ``laws.yaml`` text merged in (as
    :func:`load_registry` reads a handbook's file), and the problems found."""
    return _read_registry_text(text, path, LawRegistry.default())


@functools.cache
def _default_registry() -> LawRegistry:
    """The shipped law data with the curated names merged in by ``id``; in the order of
    ``laws.yaml``, then the data's other entries."""
    resource = importlib.resources.files("tverrfaglig") / "data" / LAWS_FILE
    data = law_data()
    laws = {law.id: law for law in data.laws}
    entries, findings = parse_entries(resource.read_text(encoding="utf-8"), LAWS_FILE)
    findings.extend(merge_entries(laws, entries, LAWS_FILE))
    if findings:  # a packaging bug, not a user error
        raise RuntimeError(f"the packaged {LAWS_FILE} is broken: {findings[0].message}")
    order: dict[str, None] = {}
    for entry, _node in entries:
        law_id = registry_id(str(entry.get("id", "")))
        if law_id is not None:
            order.setdefault(law_id)
    order.update(dict.fromkeys(laws))
    return LawRegistry(laws[law_id] for law_id in order)


def load_registry(root: Path | None) -> tuple[LawRegistry, list[Finding]]:
    """The default registry with the handbook's ``laws.yaml`` (if any) merged in by ``id``.

    Problems become findings on ``laws.yaml`` (TVF001–TVF003); bad entries are skipped, good
    ones kept. Never raises on bad input.
    """
    default = LawRegistry.default()
    if root is None:
        return default, []
    path = root / LAWS_FILE
    if not path.is_file():
        return default, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return default, [
            error(
                "TVF001",
                LAWS_FILE,
                None,
                _("Kan ikke lese {path}: {error}.").format(path=LAWS_FILE, error=exc),
            )
        ]
    return _read_registry_text(text, LAWS_FILE, default)


def listed_ids(root: Path) -> list[str]:
    """The IDs of the laws in the handbook's own ``laws.yaml``, in file order (none when there is
    no such file or it cannot be read; :func:`load_registry` reports the problems)."""
    path = root / LAWS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    entries, _problems = parse_entries(text, LAWS_FILE)
    ids: list[str] = []
    for entry, _node in entries:
        raw = entry.get("id")
        law_id = canonical_id(raw) if isinstance(raw, str) else None
        if law_id is not None and law_id not in ids:
            ids.append(law_id)
    return ids
