"""Score a law-citation parser on the corpus of real citation passages (issue 13).

The corpus, ``tests/laws/corpus/citations.yaml``, holds short passages quoted from public
Norwegian documents, each labelled by hand with every citation a careful reader sees in it
(see the file's header for the law keys and the labelling rules). This module reads it and
scores a parser against it; it does not call tvf's parser itself: :func:`score` takes a
``predict(text) -> list[Label]`` from the caller, who maps the parser's output to the corpus's
law keys.

A prediction matches a gold label when law key, unit (section, chapter or article) and number
agree; numbers are compared without spaces, case or dash variants (``§ 9 A-4`` = ``9a-4``).
Labels are counted as multisets per passage, so a passage citing § 13 twice needs § 13 twice.
A gold range (``{section: "13", range_to: "13f"}``) needs its two ends; sections the parser
reports strictly between the ends are neither hits nor false positives, since the contract
expands a range with the law's section list when it is known. A predicted label that is itself
a range counts as its two ends. Each passage lists the forms it exercises; its hits, false
positives and misses count towards every one of its forms and towards the row ``all``.

Run as a script to check the corpus file and print its size per form::

    python tools/citation_corpus.py [tests/laws/corpus/citations.yaml]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: The default place of the corpus, relative to the repository root.
DEFAULT_CORPUS = (
    Path(__file__).resolve().parent.parent / "tests" / "laws" / "corpus" / "citations.yaml"
)

#: Every form a passage may exercise, with what it means (section 4 and 4.1 of the contract,
#: plus the quiet passages and a few forms real documents use that the contract does not name).
FORMS: Mapping[str, str] = {
    "plain": "<law> § <n> (section 4)",
    "list": "§§ … og …, «§ 2, § 3», «§ 3-4 og 7-2a» (section 4; 4.1 lists)",
    "chapter": "<law> kapittel/kap. <n> (section 4)",
    "lovdata-id": "LOV-…/FOR-… IDs, also «LOV 2005-06-17 nr 64» (section 4)",
    "lovdata-url": "lovdata.no links, also §-encoded and #KAPITTEL_ fragments (section 4)",
    "whole-law": "a law cited by name, title or ID alone as a legal basis (section 4)",
    "qualifier": "ledd, punktum, bokstav, nr., pkt. after the section (4.1)",
    "genitive": "«helsepersonellovens § 33», «lovens § 4», «straffelovens paragraf 284» (4.1)",
    "reverse": "«§ 2-12 i opplæringsloven», «kap. 11 i ny lov», «Section 3-1 of …» (4.1)",
    "long-title": "«Lov om pasient- og brukerrettigheter § 2-5», «lov 17. juni 2005 nr. 64 om …»",
    "name-variant": "nynorsk/bokmål and former names: barnevernslova, sosialtenestelova (4.1)",
    "range": "§§ 13 til 13 e, §§ 13-13 f, §§ 31-33, artikkel 6 – 11 (4.1)",
    "continuation": "samme lov, nevnte lov, dennes, loven, «jf. § 10» after a law (4.1)",
    "article": "articles of barnekonvensjonen, EMK, SP, ØSK, the GDPR (4.1)",
    "regulation": "forskrifter, by title, short title or date; «forskrift til <law>» (4.1)",
    "no-law": "a section or article with no law the reader can tell: TVF208 (4.1)",
    "abbreviation": "bvl, oppll., hol., hpl., grl., strl., pasrl., GDPR A6 (beyond 4.1)",
    "decimal": "«§ 15.8» for § 15-8 (section 4)",
    "shared-name": "a name or number shared by a repealed law and its successor (4.1)",
    "other-law": "laws real texts cite that the default registry lacks (issue 13)",
    "quiet": "numbers that are not citations: own chapters, dates, pages, money, phone (4.1)",
}

UNITS: tuple[str, ...] = ("section", "chapter", "article")

_PASSAGE_KEYS = frozenset({"text", "source", "written", "forms", "citations", "note"})
#: The years a ``written`` date may fall in: from the oldest act the corpus cites to next year.
WRITTEN_YEARS = range(1814, dt.date.today().year + 2)
_LABEL_KEYS = frozenset({"law", *UNITS, "range_to", "note"})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
_KEYS_START = "# Law keys:"
_KEYS_END = "# End of law keys."
_KEY_LINE = re.compile(r"^#\s+- (?P<key>[a-zæøå0-9][a-zæøå0-9-]*)(?:\s|$)")

Counts = tuple[int, int, int]
"""Hits, false positives and misses (tp, fp, fn)."""


class CorpusError(ValueError):
    """The corpus file is not well-formed; the message lists every problem found."""


@dataclass(frozen=True)
class Label:
    """One citation: a law key and at most one unit (section, chapter or article).

    ``law`` is None for a section sign with no law the reader can tell (TVF208). A label with
    no unit cites the whole law. ``range_to`` is the last unit of a range that starts at the
    label's own unit.
    """

    law: str | None
    section: str | None = None
    chapter: str | None = None
    article: str | None = None
    range_to: str | None = None
    note: str | None = field(default=None, compare=False)

    @property
    def unit(self) -> str | None:
        """``section``, ``chapter``, ``article`` or None for a whole law."""
        for unit in UNITS:
            if getattr(self, unit) is not None:
                return unit
        return None

    @property
    def number(self) -> str | None:
        """The section, chapter or article number as written in the label."""
        unit = self.unit
        return None if unit is None else str(getattr(self, unit))

    def key(self) -> tuple[str | None, str | None, str | None]:
        """What a prediction must equal: law, unit and normalised number."""
        number = self.number
        return (self.law, self.unit, None if number is None else normalise_number(number))

    def ends(self) -> list[Label]:
        """The label itself, or for a range its first and last unit as two labels."""
        unit = self.unit
        if self.range_to is None or unit is None:
            return [self]
        first = _unit_label(self.law, unit, str(self.number))
        return [first, _unit_label(self.law, unit, self.range_to)]


@dataclass(frozen=True)
class Passage:
    """A quoted passage, its source, the forms it exercises and its gold citations."""

    text: str
    source: str
    forms: tuple[str, ...]
    citations: tuple[Label, ...]
    note: str | None = None
    index: int = 0
    written: dt.date | int | None = None

    @property
    def written_by(self) -> dt.date | None:
        """The last day the passage can have been written on, as its source dates it (a year
        means its 31 December), or None when the source gives no date: what
        tools/corpus_predict.py passes to the parser as the citing document's date."""
        if isinstance(self.written, int):
            return dt.date(self.written, 12, 31)
        return self.written


def _unit_label(law: str | None, unit: str, number: str) -> Label:
    if unit == "section":
        return Label(law, section=number)
    if unit == "chapter":
        return Label(law, chapter=number)
    return Label(law, article=number)


def normalise_number(number: str) -> str:
    """``"9 A-4"`` -> ``"9a-4"``: no spaces, lower case, one kind of dash, no closing full stop."""
    text = _DASHES.sub("-", number).replace(" ", "").replace("\u00a0", "").lower()
    return text.rstrip(".")


def _order_key(number: str) -> tuple[tuple[int, str], ...] | None:
    """A sortable key for section numbers such as ``13``, ``13e``, ``4a-11``; None if not one."""
    parts = []
    for part in normalise_number(number).split("-"):
        found = re.fullmatch(r"(\d+)([a-zæøå]*)", part)
        if found is None:
            return None
        parts.append((int(found.group(1)), found.group(2)))
    return tuple(parts)


def _strictly_between(first: str, number: str, last: str) -> bool:
    keys = [_order_key(first), _order_key(number), _order_key(last)]
    if any(key is None for key in keys):
        return False
    low, middle, high = keys
    assert low is not None and middle is not None and high is not None
    if not len(low) == len(middle) == len(high):
        return False
    return low < middle < high


def documented_law_keys(path: Path | str = DEFAULT_CORPUS) -> frozenset[str]:
    """The law keys listed in the corpus file's header comment.

    The header lists them between a line ``# Law keys:`` and a line ``# End of law keys.``, one
    per line as ``#   - <key>  <Lovdata ID or a dash>  <title>``.
    """
    keys: set[str] = set()
    inside = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.strip() == _KEYS_START:
            inside = True
        elif line.strip() == _KEYS_END:
            inside = False
        elif inside:
            found = _KEY_LINE.match(line)
            if found:
                keys.add(found.group("key"))
    return frozenset(keys)


def _problems_in_label(where: str, raw: object, law_keys: frozenset[str]) -> list[str]:
    if not isinstance(raw, Mapping):
        return [f"{where}: a citation must be a mapping, not {raw!r}"]
    problems = [f"{where}: unknown field {key!r}" for key in raw if key not in _LABEL_KEYS]
    if "law" not in raw:
        problems.append(f"{where}: no 'law' (write law: null for a section with no law)")
    law = raw.get("law")
    if law is not None and (not isinstance(law, str) or law not in law_keys):
        problems.append(f"{where}: law key {law!r} is not documented in the file's header")
    units = [unit for unit in UNITS if raw.get(unit) is not None]
    if len(units) > 1:
        problems.append(f"{where}: more than one of section/chapter/article: {units}")
    if law is None and not units:
        problems.append(f"{where}: law: null needs a section, chapter or article")
    for name in (*UNITS, "range_to"):
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or not value:
            problems.append(f"{where}: {name} must be a quoted, non-empty string, not {value!r}")
        elif re.search(r"\s", value):
            problems.append(f"{where}: {name} {value!r} must be written without spaces")
    if raw.get("range_to") is not None and not units:
        problems.append(f"{where}: range_to needs a section, chapter or article to start from")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        problems.append(f"{where}: note must be a string")
    return problems


def _problems_in_written(where: str, value: object) -> list[str]:
    """``written`` is a year (``2023``) or a day (``2024-02-20``) in :data:`WRITTEN_YEARS`."""
    if isinstance(value, bool) or not isinstance(value, (int, dt.date)):
        return [f"{where}: written must be a year (2023) or a day (2024-02-20), not {value!r}"]
    if isinstance(value, dt.datetime):
        return [f"{where}: written must be a year or a day, not a time ({value!r})"]
    year = value if isinstance(value, int) else value.year
    if year not in WRITTEN_YEARS:
        return [
            f"{where}: written {value!r} is outside {WRITTEN_YEARS.start}–{WRITTEN_YEARS.stop - 1}"
        ]
    return []


def _problems_in_passage(where: str, raw: object, law_keys: frozenset[str]) -> list[str]:
    if not isinstance(raw, Mapping):
        return [f"{where}: an entry must be a mapping"]
    problems = [f"{where}: unknown field {key!r}" for key in raw if key not in _PASSAGE_KEYS]
    for name in ("text", "source"):
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: '{name}' must be a non-empty string")
    forms = raw.get("forms")
    if not isinstance(forms, list) or not forms:
        problems.append(f"{where}: 'forms' must be a non-empty list")
        forms = []
    for form in forms:
        if form not in FORMS:
            problems.append(f"{where}: unknown form {form!r}")
    if len(set(map(str, forms))) != len(forms):
        problems.append(f"{where}: a form is listed twice")
    citations = raw.get("citations")
    if not isinstance(citations, list):
        problems.append(f"{where}: 'citations' must be a list ([] for a quiet passage)")
        citations = []
    if not citations and "quiet" not in forms:
        problems.append(f"{where}: a passage with no citations must have the form 'quiet'")
    for number, label in enumerate(citations, start=1):
        problems.extend(_problems_in_label(f"{where}, citation {number}", label, law_keys))
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        problems.append(f"{where}: note must be a string")
    if "written" in raw:
        problems.extend(_problems_in_written(where, raw["written"]))
    return problems


def _label(raw: Mapping[str, Any]) -> Label:
    return Label(
        law=raw.get("law"),
        section=raw.get("section"),
        chapter=raw.get("chapter"),
        article=raw.get("article"),
        range_to=raw.get("range_to"),
        note=raw.get("note"),
    )


def load_corpus(path: Path | str = DEFAULT_CORPUS) -> list[Passage]:
    """Read and check the corpus; raise :class:`CorpusError` listing every problem found."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date such as 2023-02-30
        raise CorpusError(f"{path}: not readable as YAML: {error}") from None
    if not isinstance(data, list) or not data:
        raise CorpusError(f"{path}: the corpus must be a non-empty YAML list of passages")
    law_keys = documented_law_keys(path)
    if not law_keys:
        raise CorpusError(f"{path}: the header documents no law keys")
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(data, start=1):
        where = f"entry {number}"
        problems.extend(_problems_in_passage(where, raw, law_keys))
        if isinstance(raw, Mapping) and isinstance(raw.get("text"), str):
            text = raw["text"]
            if text in seen:
                problems.append(f"{where}: the same text as entry {seen[text]}")
            seen.setdefault(text, number)
    if problems:
        raise CorpusError(f"{path}: {len(problems)} problem(s):\n" + "\n".join(problems))
    return [
        Passage(
            text=raw["text"],
            source=raw["source"],
            forms=tuple(raw["forms"]),
            citations=tuple(_label(label) for label in raw["citations"]),
            note=raw.get("note"),
            index=number,
            written=raw.get("written"),
        )
        for number, raw in enumerate(data, start=1)
    ]


def match(gold: Sequence[Label], predicted: Sequence[Label]) -> Counts:
    """Hits, false positives and misses of one passage's predictions against its gold labels."""
    wanted = Counter(end.key() for label in gold for end in label.ends())
    got = Counter(end.key() for label in predicted for end in label.ends())
    hits = wanted & got
    extra = got - hits
    for law, unit, number in list(extra):
        inside_a_range = number is not None and any(
            label.range_to is not None
            and label.law == law
            and label.unit == unit
            and _strictly_between(str(label.number), number, label.range_to)
            for label in gold
        )
        if inside_a_range:
            del extra[(law, unit, number)]
    true_positives = sum(hits.values())
    return (true_positives, sum(extra.values()), sum(wanted.values()) - true_positives)


def score(
    passages: Iterable[Passage], predict: Callable[[str], Sequence[Label]]
) -> dict[str, Counts]:
    """Counts per form, plus ``all``, of ``predict`` run on every passage's text."""
    return score_passages(passages, lambda passage: predict(passage.text))


def score_passages(
    passages: Iterable[Passage], predict: Callable[[Passage], Sequence[Label]]
) -> dict[str, Counts]:
    """Counts per form, plus ``all``, of ``predict`` run on every passage (its text and the
    date its source gives, :attr:`Passage.written_by`)."""
    totals: dict[str, list[int]] = {"all": [0, 0, 0]}
    for passage in passages:
        counts = match(passage.citations, predict(passage))
        for form in ("all", *passage.forms):
            row = totals.setdefault(form, [0, 0, 0])
            for column, value in enumerate(counts):
                row[column] += value
    return {form: (row[0], row[1], row[2]) for form, row in totals.items()}


def recall(counts: Counts) -> float | None:
    """tp / (tp + fn), or None when there is nothing to find."""
    true_positives, _, false_negatives = counts
    wanted = true_positives + false_negatives
    return None if wanted == 0 else true_positives / wanted


def precision(counts: Counts) -> float | None:
    """tp / (tp + fp), or None when nothing was predicted."""
    true_positives, false_positives, _ = counts
    found = true_positives + false_positives
    return None if found == 0 else true_positives / found


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def format_table(scores: Mapping[str, Counts], passages: Sequence[Passage] | None = None) -> str:
    """A Markdown table: one row per form (in the order of :data:`FORMS`), then ``all``.

    With ``passages`` the table also says how many passages exercise each form.
    """
    per_form = Counter(form for passage in passages or () for form in passage.forms)
    header = ["form", "tp", "fp", "fn", "recall", "precision"]
    if passages is not None:
        header.insert(1, "passages")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    order = [form for form in FORMS if form in scores]
    order += sorted(form for form in scores if form not in FORMS and form != "all")
    if "all" in scores:
        order.append("all")
    for form in order:
        counts = scores[form]
        cells = [form, *map(str, counts), _ratio(recall(counts)), _ratio(precision(counts))]
        if passages is not None:
            cells.insert(1, str(len(passages)) if form == "all" else str(per_form[form]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Check the corpus and print its size per form (and the score of a perfect parser)."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_CORPUS
    try:
        passages = load_corpus(path)
    except CorpusError as error:
        print(error, file=sys.stderr)
        return 1
    gold = {passage.text: passage.citations for passage in passages}
    print(format_table(score(passages, lambda text: gold[text]), passages), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
