"""One handbook file: front matter, body and where each key stands.

Parsing never raises on bad input: :func:`parse_document` returns the document (when the file
could be decoded) together with TVF001 findings for what was wrong. Front matter is read with
:mod:`tverrfaglig.yamlio`, keeping the node tree long enough to learn the line of every top-level
key and list item, so findings can point at the line in the file, not in the YAML block.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import yamlio
from .findings import Finding, error
from .i18n import _
from .limits import in_range

HANDBOOK_TYPES = ("procedure", "attachment", "measure", "plan")
NETWORK_TYPE = "network"
MEETING_TYPES = ("agenda", "minutes")
INPUT_TYPE = "input"  # an input (innspill) for a network's next agenda; docs/meetings.md
ALL_TYPES = (*HANDBOOK_TYPES, NETWORK_TYPE, *MEETING_TYPES, INPUT_TYPE)

ID_RE = re.compile(r"^[IVXLC]+(\.[0-9]+)*-[0-9]+$")
# An ID in running text: not glued to a word, a dot-number or a hyphen-number on either side.
# The character class comes first so the regex engine can skip ahead quickly; the look-behind
# sits just after it (a look-behind first would be tried at every position of every body).
BODY_ID_RE = re.compile(
    r"[IVXLC](?<![\w.\-/][IVXLC])[IVXLC]*(?:\.[0-9]+)*-[0-9]+(?![\w\-]|\.[0-9])"
)


def as_date(value: object, *, timestamps: bool = False) -> dt.date | None:
    """A date in front matter (:func:`tverrfaglig.yamlio.as_date`), or None when the value is
    no date or one outside the dates tvf works with (:mod:`tverrfaglig.limits`): every module
    reads front-matter dates through here, so no date arithmetic on them can overflow."""
    day = yamlio.as_date(value, timestamps=timestamps)
    return day if day is not None and in_range(day) else None


_BOM = "\ufeff"
_FENCE = "---"
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


@dataclass(slots=True)
class Document:
    """A file of the handbook. ``meta`` is ``None`` when its front matter could not be read."""

    path: str
    text: str
    meta: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def type(self) -> str | None:
        value = self.get("type")
        return value if isinstance(value, str) else None

    @property
    def id(self) -> str | None:
        value = self.get("id")
        return value if isinstance(value, str) else None

    @property
    def status(self) -> str | None:
        value = self.get("status")
        return value if isinstance(value, str) else None

    @property
    def title(self) -> str:
        value = self.get("title")
        return value if isinstance(value, str) else ""

    @property
    def is_handbook_document(self) -> bool:
        return self.type in HANDBOOK_TYPES

    def get(self, key: str, default: Any = None) -> Any:
        return default if self.meta is None else self.meta.get(key, default)

    def line_of(self, key: str, index: int | None = None) -> int | None:
        """The file line of a top-level key, or of item ``index`` of a list value."""
        if index is not None:
            items = self.item_lines.get(key, ())
            if index < len(items):
                return items[index]
        return self.key_lines.get(key)

    def body_ids(self) -> Iterator[tuple[str, int]]:
        """Document IDs written in the body, with their file lines."""
        body = self.body
        line, counted = self.body_line, 0  # newlines counted once, from the last match on
        for start, end in _body_id_spans(body):
            line += body.count("\n", counted, start)
            counted = start
            yield body[start:end], line


def _body_id_spans(body: str) -> Iterator[tuple[int, int]]:
    """Where :data:`BODY_ID_RE` matches in ``body``, as ``finditer`` finds them, without
    scanning the whole text with it: every ID has a hyphen and a digit after it («IV.7-2»),
    so the expression is tried only at the Roman numerals before such a hyphen (where an ID
    must start: it cannot start inside a run of them, which the look-behind forbids). Held to
    ``finditer`` in tests/test_speed_equivalence.py."""
    done = 0  # the end of the last match: finditer never overlaps
    hyphen = body.find("-")
    size = len(body)
    while hyphen != -1:
        if hyphen + 1 < size and body[hyphen + 1] in _DIGITS and hyphen > done:
            start = hyphen
            while start > done and body[start - 1] in _NUMBER_PART:
                start -= 1
            numbers = start
            while start > done and body[start - 1] in _ROMAN:
                start -= 1
            if start < numbers:
                match = BODY_ID_RE.match(body, start)
                if match is not None:
                    done = match.end()
                    yield start, done
        hyphen = body.find("-", hyphen + 1)


_DIGITS = frozenset("0123456789")
_NUMBER_PART = frozenset("0123456789.")
_ROMAN = frozenset("IVXLC")


def parse_document(path: str, data: bytes) -> tuple[Document | None, list[Finding]]:
    """Parse one file's bytes. ``path`` is the handbook-relative name used in findings."""
    findings: list[Finding] = []
    if not data.strip():
        return None, [error("TVF001", path, None, _("Filen er tom: den mangler front matter."))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        # Kept (with replacement characters) only so the personal-data scan still sees it.
        unreadable = Document(path=path, text=data.decode("utf-8", errors="replace"))
        return unreadable, [
            error(
                "TVF001",
                path,
                line,
                _(
                    "Filen er ikke UTF-8 (byte 0x{byte} på linje {line}). Lagre den som UTF-8."
                ).format(byte=f"{data[exc.start]:02x}", line=line),
            )
        ]
    if text.startswith(_BOM):
        findings.append(
            error(
                "TVF001",
                path,
                1,
                _("Filen starter med et BOM-tegn (U+FEFF). Lagre den som UTF-8 uten BOM."),
            )
        )
        text = text[1:]

    doc = Document(path=path, text=text)
    # The lines are looked at one by one up to the closing fence; the body is not split.
    first_end = text.find("\n")
    if (text if first_end == -1 else text[:first_end]).rstrip() != _FENCE:
        findings.append(
            error(
                "TVF001",
                path,
                1,
                _(
                    "Front matter mangler: filen må starte med en linje «---», så YAML-feltene, "
                    "så en ny linje «---»."
                ),
            )
        )
        return doc, findings
    # The closing fence: the first line after the first that is «---» or «...» once trailing
    # whitespace is stripped (str.rstrip's whitespace: the expression's \s).
    closing = None if first_end == -1 else _CLOSING_FENCE.search(text, first_end + 1)
    if closing is None:
        findings.append(
            error(
                "TVF001",
                path,
                1,
                _("Front matter er ikke avsluttet: fant ingen linje «---» etter den første."),
            )
        )
        return doc, findings
    start = closing.start()  # where the closing fence's line starts
    end = text.count("\n", first_end, start)  # the index of its line
    stop = closing.end() if closing.end() < len(text) else -1  # the newline ending it
    doc.body = "" if stop == -1 else text[stop + 1 :]
    doc.body_line = end + 2
    meta, problems = _load_front_matter(
        path, text[first_end + 1 : max(first_end + 1, start - 1)], doc
    )
    findings.extend(problems)
    doc.meta = meta
    return doc, findings


def _load_front_matter(
    path: str, block: str, doc: Document
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Load the YAML block that starts on file line 2, recording key and item lines: the
    plain form most front matter has without a node tree (:func:`.yamlio.load_simple`),
    anything else the exact way."""
    simple = yamlio.load_simple(block, _OFFSET)
    if simple is not None:
        meta, doc.key_lines, doc.item_lines = simple
        return meta, []
    return _load_front_matter_exactly(path, block, doc)


_OFFSET = 2  # file line of the block's first line


def _load_front_matter_exactly(
    path: str, block: str, doc: Document
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Load the YAML block through its node tree: every form, every mistake with its line."""
    offset = _OFFSET
    try:
        node, data = yamlio.load(block)
    except yaml.MarkedYAMLError as exc:
        line = yamlio.error_line(exc, offset)
        problem = exc.problem or exc.context or _("ukjent feil")
        return None, [
            error(
                "TVF001",
                path,
                line,
                _("Front matter er ikke gyldig YAML: {problem}.").format(problem=problem),
            )
        ]
    except yaml.YAMLError as exc:
        return None, [
            error(
                "TVF001",
                path,
                None,
                _("Front matter er ikke gyldig YAML: {problem}.").format(problem=exc),
            )
        ]
    except yamlio.NumberTooLong as exc:
        return None, [
            error(
                "TVF003",
                path,
                offset + exc.line,
                _(
                    "Et tall med {digits} sifre er for langt til å leses (høyst "
                    "{limit}); skriv det i anførselstegn om det er tekst."
                ).format(digits=exc.digits, limit=sys.get_int_max_str_digits()),
            )
        ]
    except RecursionError:
        return None, [
            error("TVF001", path, offset, _("Front matter er for dypt nestet til å leses."))
        ]
    except yamlio.TooLarge as exc:
        return None, [
            error(
                "TVF001",
                path,
                offset,
                _(
                    "Front matter bruker YAML-aliaser (*navn) som gir en for stor "
                    "verdi ({problem}); skriv verdiene ut i stedet."
                ).format(problem=exc),
            )
        ]

    if node is None:
        return None, [error("TVF001", path, offset, _("Front matter er tom."))]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        message = (
            _("Front matter er en liste, men må være felt med navn og verdi (id: …, title: …).")
            if isinstance(data, list)
            else _(
                "Front matter er én enkelt verdi, men må være felt med navn og verdi "
                "(id: …, title: …)."
            )
        )
        return None, [error("TVF001", path, offset, message)]

    findings: list[Finding] = []
    for key, line, value_node in yamlio.key_lines(node, offset):
        if key in doc.key_lines:
            findings.append(
                error(
                    "TVF001",
                    path,
                    line,
                    _(
                        "Feltet «{key}» står to ganger (også på linje {line}); bare det siste "
                        "teller."
                    ).format(key=key, line=doc.key_lines[key]),
                )
            )
        doc.key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            doc.item_lines[key] = tuple(yamlio.line(n, offset) for n in value_node.value)
    return {str(k): v for k, v in data.items()}, findings
