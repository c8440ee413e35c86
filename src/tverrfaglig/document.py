"""One handbook file: front matter, body and where each key stands.

Parsing never raises on bad input: :func:`parse_document` returns the document (when the file
could be decoded) together with TVF001 findings for what was wrong. Front matter is read with
libyaml's C loader, keeping the node tree long enough to learn the line of every top-level key
and list item, so findings can point at the line in the file, not in the YAML block.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .findings import Finding, error
from .i18n import _

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

_BOM = "\ufeff"
_FENCE = "---"


class _Loader(yaml.CSafeLoader):
    """libyaml's C loader, but an impossible timestamp (2026-13-45) stays a string.

    The date checks then report it as a field of the wrong form, with its line, instead of the
    whole front matter failing to load.
    """


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _SharedNode(Exception):
    """The block uses an alias (``*name``): leave it to PyYAML, which shares the value."""


def _build(loader: _Loader, node: yaml.Node, seen: set[int]) -> Any:
    """Construct a node's value; strings, lists and plain mappings without PyYAML's overhead.

    Front matter is mostly strings, so this is about twice as fast as the constructor. Anything
    else (numbers, dates, merge keys, odd keys) goes to the loader, which gives the same result.
    A node met twice means an alias; then the caller falls back to PyYAML for the whole block,
    so aliases stay shared (no exponential expansion) and recursive ones work.
    """
    if id(node) in seen:
        raise _SharedNode
    seen.add(id(node))
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, seen) for item in node.value]
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR:
                return loader.construct_object(node, deep=True)
            result[key_node.value] = _build(loader, value_node, seen)
        return result
    return loader.construct_object(node, deep=True)


MAX_EXPANDED_NODES = 10_000  # a front matter larger than this once aliases are unfolded is refused


class _TooLarge(Exception):
    """Aliases that unfold into a huge (or endless) value: a "billion laughs" front matter."""


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    try:
        return _build(loader, node, set())
    except _SharedNode:
        _expanded_size(node, {}, set())
        return loader.construct_document(node)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], path: set[int]) -> int:
    """How many values the node holds once every alias is unfolded; raise past the limit."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in path:
        raise _TooLarge(_("rekursivt alias"))
    path.add(key)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes, path) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, sizes, path) + _expanded_size(v, sizes, path)
                    for k, v in node.value)
    path.discard(key)
    if size > MAX_EXPANDED_NODES:
        raise _TooLarge(_("over {n} verdier når aliasene foldes ut").format(
            n=MAX_EXPANDED_NODES))
    sizes[key] = size
    return size


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
        if "-" not in body:
            return
        for match in BODY_ID_RE.finditer(body):
            yield match.group(), self.body_line + body.count("\n", 0, match.start())


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
        return unreadable, [error(
            "TVF001", path, line,
            _("Filen er ikke UTF-8 (byte 0x{byte} på linje {line}). Lagre den som UTF-8."
              ).format(byte=f"{data[exc.start]:02x}", line=line),
        )]
    if text.startswith(_BOM):
        findings.append(error(
            "TVF001", path, 1,
            _("Filen starter med et BOM-tegn (U+FEFF). Lagre den som UTF-8 uten BOM."),
        ))
        text = text[1:]

    doc = Document(path=path, text=text)
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        findings.append(error(
            "TVF001", path, 1,
            _("Front matter mangler: filen må starte med en linje «---», så YAML-feltene, "
              "så en ny linje «---»."),
        ))
        return doc, findings
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    if end is None:
        findings.append(error(
            "TVF001", path, 1,
            _("Front matter er ikke avsluttet: fant ingen linje «---» etter den første."),
        ))
        return doc, findings

    doc.body = "\n".join(lines[end + 1:])
    doc.body_line = end + 2
    meta, problems = _load_front_matter(path, "\n".join(lines[1:end]), doc)
    findings.extend(problems)
    doc.meta = meta
    return doc, findings


def _load_front_matter(
    path: str, block: str, doc: Document
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Load the YAML block that starts on file line 2, recording key and item lines."""
    offset = 2  # file line of the block's first line
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        data = _construct(loader, node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + offset
        problem = exc.problem or exc.context or _("ukjent feil")
        return None, [error("TVF001", path, line,
                            _("Front matter er ikke gyldig YAML: {problem}.").format(
                                problem=problem))]
    except yaml.YAMLError as exc:
        return None, [error("TVF001", path, None,
                            _("Front matter er ikke gyldig YAML: {problem}.").format(
                                problem=exc))]
    except RecursionError:
        return None, [error("TVF001", path, offset,
                            _("Front matter er for dypt nestet til å leses."))]
    except _TooLarge as exc:
        return None, [error("TVF001", path, offset,
                            _("Front matter bruker YAML-aliaser (*navn) som gir en for stor "
                              "verdi ({problem}); skriv verdiene ut i stedet.").format(
                                  problem=exc))]
    finally:
        loader.dispose()

    if node is None:
        return None, [error("TVF001", path, offset, _("Front matter er tom."))]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        message = (_("Front matter er en liste, men må være felt med navn og verdi "
                     "(id: …, title: …).") if isinstance(data, list)
                   else _("Front matter er én enkelt verdi, men må være felt med navn og verdi "
                          "(id: …, title: …)."))
        return None, [error("TVF001", path, offset, message)]

    findings: list[Finding] = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            continue
        line = key_node.start_mark.line + offset
        if key in doc.key_lines:
            findings.append(error(
                "TVF001", path, line,
                _("Feltet «{key}» står to ganger (også på linje {line}); bare det siste "
                  "teller.").format(key=key, line=doc.key_lines[key]),
            ))
        doc.key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            doc.item_lines[key] = tuple(n.start_mark.line + offset for n in value_node.value)
    return {str(k): v for k, v in data.items()}, findings


def as_date(value: object) -> dt.date | None:
    """An ISO date from YAML: a date value, or a string of the form YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
