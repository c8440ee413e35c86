"""Text that looks like it names a child (check TVF502, and a warning from ``tvf agenda add``).

The networks work on the system level: inputs, agendas, minutes and handbook documents are
about services and groups, never about one child. A national identity number is refused
outright (:mod:`tverrfaglig.pii`, TVF501); a *name* cannot be recognised with certainty, so this
is a warning. A mention looks like a child when a Norwegian first name stands next to (within
:data:`WINDOW` words, on the same line) one of:

* a class: ``8B``, ``10A``, ``3. trinn``, ``7. klasse``;
* an age: ``12 år``, ``12-åring``, ``(12)``;
* a diagnosis word: ``ADHD``, ``autisme``, ``angst``, ``depresjon`` … (:data:`DIAGNOSES`).

The first names are Statistics Norway's lists of the 100 most common male and female first
names, as the maintained ``faker`` package ships them (``faker/providers/person/no_NO``). They
are read from the package's source with :mod:`ast`, without importing ``faker`` (whose import
is slow), once per process. Names that are also common Norwegian words (``Per``, ``Liv``,
``Dag``, ``Finn`` …: :data:`AMBIGUOUS`) count only inside a sentence, not at its start.

What it cannot catch is documented in ``docs/check.md`` (TVF502): names outside the lists, a
child described without a name, initials, names in other languages' spellings, a name and a
class on different lines, and so on. It is a reminder, not a guarantee.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: How many words on either side of a name are looked at.
WINDOW = 6
#: Words that point to a diagnosis or a health problem (matched at the start of a word, any
#: case: «autismespekteret», «angstlidelse»).
DIAGNOSES = (
    "adhd",
    "add-diagnose",
    "autis",
    "asperger",
    "tourette",
    "dysleksi",
    "dyskalkuli",
    "angst",
    "depresj",
    "deprimert",
    "spiseforstyrr",
    "anoreksi",
    "bulimi",
    "psykose",
    "bipolar",
    "schizofren",
    "ocd",
    "ptsd",
    "selvskad",
    "epilepsi",
    "diabetes",
    "cerebral parese",
    "downs syndrom",
    "utviklingshemm",
    "tvangslidelse",
    "traume",
    "rusmisbruk",
)
#: First names that are also everyday words («per dag», «liv og helse», «finn»): a name only
#: inside a sentence.
AMBIGUOUS = frozenset(
    {
        "Per",
        "Hans",
        "Liv",
        "Tom",
        "Stein",
        "Odd",
        "Finn",
        "Dag",
        "Line",
        "Tone",
        "Gro",
        "Siv",
        "May",
        "Kim",
        "Frank",
        "Else",
        "Eli",
        "Ann",
        "Gunn",
        "Aud",
        "Roy",
        "Mari",
        "Rita",
        "Unni",
    }
)
_CLASS = re.compile(r"^(?:10|[1-9])[A-Ea-e][,.;:)]?$")
_GRADE_WORDS = ("trinn", "klasse", "trinnet", "klassen")
_AGE = re.compile(r"^\(?(?:1[0-9]|[1-9])\)?[,.;:]?$")
_AGE_WORDS = ("år", "år,", "år.", "åring", "åringen")
_AGED = re.compile(r"^(?:1[0-9]|[1-9])-åring", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_SENTENCE_END = (".", "!", "?", ":", "…")


@dataclass(frozen=True)
class ChildMention:
    """A line that may name a child: the name, and what is next to it."""

    line: int  # 1-based, in the text given
    name: str
    marker: str  # the class, age or diagnosis word next to it


@functools.cache
def first_names() -> frozenset[str]:
    """Statistics Norway's most common Norwegian first names, from the ``faker`` package."""
    spec = importlib.util.find_spec("faker")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the faker package (Norwegian first names for TVF502) is missing")
    source = (
        Path(next(iter(spec.submodule_search_locations)))
        / "providers"
        / "person"
        / "no_NO"
        / "__init__.py"
    )
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in ("first_names_male", "first_names_female")
            for t in node.targets
        ):
            names.update(str(name) for name in ast.literal_eval(node.value))
    if not names:
        raise RuntimeError(f"no Norwegian first names found in {source}")
    return frozenset(names)


_STRIPPED = "«»\"'()[]{},.;:!?*_"  # what _bare takes off either end of a word


def _bare(word: str) -> str:
    return word.strip(_STRIPPED)


@functools.cache
def _name_like(names: frozenset[str]) -> re.Pattern[str]:
    """A run of characters _bare keeps, from a character a name starts with: the run that is a
    word whose bare form is a name is one of the runs this finds (a run found inside a word
    ends before such a word starts, at a space or a character _bare strips)."""
    starts = "".join(sorted({re.escape(name[0]) for name in names}))
    return re.compile(f"[{starts}][^\\s{re.escape(_STRIPPED)}]*")


def _names_a_name(text: str, names: frozenset[str]) -> bool:
    """Whether some word of ``text`` may be a name (is one, as _bare leaves it, or more): a
    cheap test before the lines are looked at word by word, since most texts name no one."""
    return not names.isdisjoint(_name_like(names).findall(text))


def _marker(words: list[str], index: int) -> str | None:
    """The class, age or diagnosis that ``words[index]`` is, or starts, or None."""
    word = words[index]
    bare = _bare(word)
    following = _bare(words[index + 1]).casefold() if index + 1 < len(words) else ""
    if _CLASS.match(word.strip("(")):
        return bare
    if re.fullmatch(r"(?:10|[1-9])\.", word) and following in _GRADE_WORDS:
        return f"{word} {following}"
    if _AGED.match(bare):
        return bare
    if _AGE.match(word):
        if following in _AGE_WORDS:
            return f"{bare} {following}"
        if word.startswith("(") and word.rstrip(",.;:").endswith(")"):
            return word.rstrip(",.;:")
    lowered = bare.casefold()
    pair = f"{lowered} {following}"
    for diagnosis in DIAGNOSES:
        if lowered.startswith(diagnosis) or (" " in diagnosis and pair.startswith(diagnosis)):
            return bare
    return None


def _starts_sentence(words: list[str], index: int) -> bool:
    if index == 0:
        return True
    before = words[index - 1]
    return (
        before.endswith(_SENTENCE_END)
        or before in ("-", "*", "+", "–", "#", "|")
        or bool(re.fullmatch(r"\d+\.|#+", before))
    )


def find_child_mentions(text: str) -> Iterator[ChildMention]:
    """Each line of ``text`` where a first name stands next to a class, an age or a diagnosis
    (one mention per line: the first), outside fenced code blocks."""
    names = first_names()
    if not _names_a_name(text, names):
        return  # no line has a mention
    fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        words = _WORD.findall(line)
        found = _mention(words, names)
        if found is not None:
            yield ChildMention(number, *found)


def _mention(words: list[str], names: frozenset[str]) -> tuple[str, str] | None:
    for index, word in enumerate(words):
        name = _bare(word)
        if name not in names or (name in AMBIGUOUS and _starts_sentence(words, index)):
            continue
        for other in range(max(0, index - WINDOW), min(len(words), index + WINDOW + 1)):
            if other == index:
                continue
            marker = _marker(words, other)
            if marker is not None:
                return name, marker
    return None
