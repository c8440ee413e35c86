"""Byte-preserving edits of a document's front matter (used by ``tvf stamp``).

Two kinds of edit are supported, on top-level keys only: set a key to a scalar
(:class:`SetValue`) and append one mapping to a list (:class:`AppendItem`). Every byte that is
not part of an edited value stays as it was: comments, key order, quoting of other values,
blank lines, indentation, CRLF line endings, non-ASCII text and the whole body.

Why span editing and not a round-trip YAML library
--------------------------------------------------
ruamel.yaml's round trip keeps comments and key order, but not bytes: it re-emits the whole
document, so it re-indents sequences to one configured style, re-wraps long plain scalars at
its line width, normalises the spacing after ``:`` and ``-``, drops the redundant quotes of
some scalars and writes ``\\n`` where the file had ``\\r\\n`` unless told otherwise. Each of
these is configurable only globally, so a handbook written by several people in several styles
would be partly rewritten by every stamp, and the contract says nothing else may change.

Instead this module asks PyYAML's composer (the pure-Python one, whose marks are character
offsets into the text) where each top-level value starts and ends, and replaces exactly those
characters; keys that are missing are added as new lines just before the closing ``---``. The
new value is written in the style of the old one (plain, ``'single'`` or ``"double"`` quoted)
when that style can hold it, and items appended to a list copy the indentation and quoting of
the list's existing items. Because span editing is only as good as its arithmetic, every edit
is verified before it is returned: the result is parsed again with the same parser ``tvf check``
uses, and it must hold exactly the old values with the edits applied, in the same key order,
with the body unchanged to the byte. If not, :class:`FrontMatterEditError` is raised and
nothing is written. Shapes the editor does not handle (a front matter in flow style, an edited
key whose value is an alias, a list that is not a list) are refused the same way.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .document import Document, parse_document
from .errors import TvfError
from .findings import Finding
from .i18n import _

Scalar = str | dt.date | int | bool | None

_FENCE = "---"
_NULL_TAG = "tag:yaml.org,2002:null"
# Characters YAML lets stand unescaped in a quoted scalar (PyYAML's reader), minus line breaks.
_PRINTABLE = re.compile(
    "[\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_SIMPLE_FLOW = re.compile(r"[\w][\w .\-/]*", re.UNICODE)
_NOT_FINITE = {math.inf: ".inf", -math.inf: "-.inf"}
_LINE_BREAK = re.compile(r"\r?\n")


class FrontMatterEditError(TvfError):
    """The front matter cannot be edited without risking other bytes; nothing was changed."""


@dataclass(frozen=True)
class SetValue:
    """Set a top-level key to a scalar (replacing its old value, or adding the key)."""

    value: Scalar


@dataclass(frozen=True)
class AppendItem:
    """Append a mapping to the list at a top-level key (creating the list if it is absent)."""

    item: Mapping[str, Scalar]


Edit = SetValue | AppendItem


@dataclass(frozen=True)
class Parts:
    """Where the front-matter block of a text is: ``text[start:end]`` is the YAML between the
    fences, ``text[end:body]`` the closing fence line, ``text[body:]`` the body."""

    start: int
    end: int
    body: int
    newline: str


def split(text: str) -> Parts:
    """Find the front-matter block the way :func:`~tverrfaglig.document.parse_document` does."""
    first, *lines = text.split("\n")
    if first.rstrip() != _FENCE:
        raise FrontMatterEditError(_("Filen har ingen front matter (første linje må være «---»)."))
    newline = "\r\n" if first.endswith("\r") else "\n"
    start = pos = len(first) + 1
    for line in lines:
        if line.rstrip() in (_FENCE, "..."):
            # The last line has no line break after it: the body is then empty.
            return Parts(start, pos, min(pos + len(line) + 1, len(text)), newline)
        pos += len(line) + 1
    raise FrontMatterEditError(_("Front matter er ikke avsluttet med en linje «---»."))


def plain(value: Any) -> Any:
    """A YAML value as JSON data: dates as ISO text, mapping keys as text.

    Used to compare front matter before and after an edit, and by the fingerprint.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return _NOT_FINITE.get(value, ".nan")  # NaN equals nothing, not even itself
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return str(value)


# --- Writing scalars ------------------------------------------------------------------------


def _text_of(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "null"
    return str(value)


def _loads_to(source: str, expected: object) -> bool:
    try:
        return bool(yaml.load(source, Loader=yaml.SafeLoader) == expected)
    except (yaml.YAMLError, ValueError):
        return False


def _plain_ok(value: Scalar, *, flow: bool) -> bool:
    text = _text_of(value)
    # str.strip() also strips what YAML keeps (a no-break space): quoted, it stays visible.
    if not text or text != text.strip() or not _PRINTABLE.fullmatch(text):
        return False
    if flow and not (_SIMPLE_FLOW.fullmatch(text) or isinstance(value, dt.date)):
        return False
    source = f"[{text}]" if flow else f"k: {text}\n"
    return _loads_to(source, [value] if flow else {"k": value})


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif _PRINTABLE.fullmatch(char):
            out.append(char)
        else:
            code = ord(char)  # every character YAML cannot print is below U+10000
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}")
    out.append('"')
    return "".join(out)


def render_scalar(value: Scalar, style: str | None = None, *, flow: bool = False) -> str:
    """``value`` as YAML text, in ``style`` (None plain, ``'`` or ``"``) when it can be."""
    text = _text_of(value)
    if style is None and _plain_ok(value, flow=flow):
        return text
    if isinstance(value, bool | int) or value is None:
        return text  # only reached for a quoted old style; keep the type
    if style == "'" and _PRINTABLE.fullmatch(text):
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


# --- Finding spans --------------------------------------------------------------------------


def _compose(block: str) -> yaml.MappingNode:
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise FrontMatterEditError(
            _("Front matter er ikke gyldig YAML: {error}").format(error=exc)
        ) from None
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterEditError(_("Front matter er ikke felt med navn og verdi."))
    if node.flow_style:
        raise FrontMatterEditError(
            _(
                "Front matter står i flow-stil ({…}); tvf kan bare redigere vanlige "
                "«navn: verdi»-linjer."
            )
        )
    return node


def _is_empty(node: yaml.Node) -> bool:
    """An empty value (``key:`` or ``-``): the only node that takes no characters."""
    return bool(node.start_mark.index == node.end_mark.index)


def _colon_end(block: str, key: yaml.Node) -> int:
    """The offset just after the ``:`` that ends a block-mapping key."""
    i = key.end_mark.index
    # Only spaces: YAML refuses a tab there. The block ends with a line break (split()).
    while block[i] == " ":
        i += 1
    if block[i] != ":":
        raise FrontMatterEditError(_("Fant ikke kolon etter feltet «{key}».").format(key=key.value))
    return i + 1


def _content_end(block: str, node: yaml.Node) -> int:
    """Where the text of a value really ends: block collections and block scalars report an
    end after trailing blank lines and comments, which belong to what follows."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark.index
        if node.style in ("|", ">"):
            # Stops at the latest at the ``|`` or ``>`` the scalar starts with.
            while block[end - 1] in " \t\r\n":
                end -= 1
        return end
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
        if node.flow_style:
            return int(node.end_mark.index)
        if isinstance(node, yaml.MappingNode):
            # An empty last value ends just after its colon (PyYAML marks it there).
            return _content_end(block, node.value[-1][1])
        last = node.value[-1]
        if _is_empty(last):
            raise FrontMatterEditError(_("Den siste posten i lista er tom."))
        return _content_end(block, last)
    raise FrontMatterEditError(_("Ukjent YAML-node."))  # pragma: no cover, no mutate (unreachable)


def _line_end(block: str, pos: int) -> int:
    """The offset just after the line break of the line holding ``pos`` (the block ends with a
    line break: see :func:`split`)."""
    return block.index("\n", pos) + 1


def _line_start(block: str, pos: int) -> int:
    return block[:pos].rfind("\n") + 1


# --- Edits ----------------------------------------------------------------------------------


@dataclass
class _Splice:
    start: int
    end: int
    text: str


def _set_existing(block: str, key: yaml.Node, node: yaml.Node, value: Scalar) -> _Splice:
    if node.start_mark.index < key.end_mark.index:
        raise FrontMatterEditError(
            _("Feltet «{key}» er et YAML-alias (*navn); skriv verdien direkte.").format(
                key=key.value
            )
        )
    style = node.style if isinstance(node, yaml.ScalarNode) else None
    style = style if style in ("'", '"') else None
    if _is_empty(node):
        colon = _colon_end(block, key)
        return _Splice(colon, colon, " " + render_scalar(value))
    start, end = node.start_mark.index, _content_end(block, node)
    one_line = "\n" not in block[start:end] and "\r" not in block[start:end]
    if isinstance(node, yaml.ScalarNode) and one_line:  # a block scalar with text has two lines
        return _Splice(start, end, render_scalar(value, style))
    colon = _colon_end(block, key)
    return _Splice(colon, end, " " + render_scalar(value, style))


def _styles_of(node: yaml.Node | None) -> dict[str, str | None]:
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        return {}
    return {
        k.value: v.style
        for k, v in node.value
        if isinstance(k, yaml.ScalarNode)
        and isinstance(v, yaml.ScalarNode)
        and v.style in (None, "'", '"')
    }


def _flow_item(item: Mapping[str, Scalar]) -> str:
    """A mapping in flow style. Its values are plain or double-quoted: the item before it is in
    flow style too, and :func:`_styles_of` copies no quoting from a flow mapping."""
    fields = ", ".join(f"{k}: {render_scalar(v, flow=True)}" for k, v in item.items())
    return "{" + fields + "}"


def _block_item(
    item: Mapping[str, Scalar], dash: int, content: int, styles: Mapping[str, str | None]
) -> list[str]:
    lines = []
    for i, (k, v) in enumerate(item.items()):
        prefix = " " * dash + "-" + " " * (content - dash - 1) if i == 0 else " " * content
        lines.append(f"{prefix}{k}: {render_scalar(v, styles.get(k))}")
    return lines


def _new_list(key: str, item: Mapping[str, Scalar], indent: int) -> list[str]:
    return [" " * indent + f"{key}:", *_block_item(item, indent + 2, indent + 4, {})]


def _append_existing(
    block: str,
    key: yaml.Node,
    node: yaml.Node,
    item: Mapping[str, Scalar],
    indent: int,
    newline: str,
) -> list[_Splice]:
    if node.tag == _NULL_TAG:
        # «changes:» or «changes: ~»: a block list starting on the next line. The null is
        # removed (an empty one ends at the colon: the removal is then empty too) and the
        # item goes before the line break of that line, whichever it is.
        colon = _colon_end(block, key)
        eol = _LINE_BREAK.search(block, colon)
        assert eol is not None  # the block ends with a line break (split())
        lines = _block_item(item, indent + 2, indent + 4, {})
        return [
            _Splice(colon, node.end_mark.index, ""),
            _Splice(eol.start(), eol.start(), "".join(newline + line for line in lines)),
        ]
    if not isinstance(node, yaml.SequenceNode):
        raise FrontMatterEditError(_("Feltet «{key}» er ikke en liste.").format(key=key.value))
    if node.start_mark.index < key.end_mark.index:
        raise FrontMatterEditError(
            _("Feltet «{key}» er et YAML-alias (*navn).").format(key=key.value)
        )
    last = node.value[-1] if node.value else None
    styles = _styles_of(last)
    if node.flow_style:
        close = node.end_mark.index - 1  # the end mark is just after the «]»
        before = block[:close].rstrip()
        if before.endswith("["):
            sep = ""
        elif before.endswith(","):
            sep = " "
        else:
            sep = ", "
        return [_Splice(close, close, sep + _flow_item(item))]
    first = node.value[0]
    line_start = _line_start(block, first.start_mark.index)
    lead = block[line_start : first.start_mark.index]
    indented = re.fullmatch(r"( *)- +", lead)
    if indented is None:
        raise FrontMatterEditError(_("Uvanlig innrykk i lista «{key}».").format(key=key.value))
    dash = len(indented[1])
    content = len(lead)
    assert last is not None
    if isinstance(last, yaml.MappingNode) and last.flow_style:
        lines = [" " * dash + "-" + " " * (content - dash - 1) + _flow_item(item)]
    else:
        lines = _block_item(item, dash, content, styles)
    # The block ends with a line break (split()), so ``at`` is always at the start of a line.
    at = _line_end(block, _content_end(block, last))
    return [_Splice(at, at, "".join(line + newline for line in lines))]


def edit_front_matter(text: str, edits: Mapping[str, Edit], *, path: str = "") -> str:
    """Return ``text`` with ``edits`` applied to its front matter and nothing else changed.

    Keys are edited in place; keys that are absent are added, in the order of ``edits``, at the
    end of the front matter. Raises :class:`FrontMatterEditError` (naming ``path``) when the
    edit cannot be made safely.
    """
    try:
        return _edit(text, edits)
    except FrontMatterEditError as exc:
        where = f"{path}: " if path else ""
        raise FrontMatterEditError(
            f"{where}{exc.message}",
            hint=exc.hint
            or _(
                "tvf har ikke endret filen. Rett front matter for hånd, eller meld fra om feilen."
            ),
        ) from None


def _edit(text: str, edits: Mapping[str, Edit]) -> str:
    parts = split(text)
    block = text[parts.start : parts.end]
    root = _compose(block) if block.strip() else None
    entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    indent = 0
    if root is not None:  # a mapping in block style has at least one key
        indent = root.value[0][0].start_mark.column
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode):  # other keys: _verify refuses the result
                if key.value in entries and key.value in edits:
                    raise FrontMatterEditError(
                        _("Feltet «{key}» står to ganger.").format(key=key.value)
                    )
                entries[key.value] = (key, value)

    splices: list[_Splice] = []
    added: list[str] = []
    for name, edit in edits.items():
        entry = entries.get(name)
        if entry is None:
            if isinstance(edit, SetValue):
                added.append(" " * indent + f"{name}: {render_scalar(edit.value)}")
            else:
                added.extend(_new_list(name, edit.item, indent))
            continue
        key, node = entry
        if isinstance(edit, SetValue):
            splices.append(_set_existing(block, key, node, edit.value))
        else:
            splices.extend(_append_existing(block, key, node, edit.item, indent, parts.newline))
    if added:  # after the last line: the block ends with a line break (split())
        splices.append(
            _Splice(len(block), len(block), "".join(line + parts.newline for line in added))
        )

    # Assemble front to back; the sort is stable, so insertions at the same offset keep the
    # order they were made in (items appended to the last list before keys added after it).
    pieces = [text[: parts.start]]
    pos = 0
    for splice in sorted(splices, key=lambda s: s.start):  # one key's edits never overlap
        pieces += [block[pos : splice.start], splice.text]
        pos = splice.end
    pieces += [block[pos:], text[parts.end :]]
    result = "".join(pieces)
    _verify(text, result, edits)
    return result


def _parsed(text: str) -> tuple[Document | None, list[Finding]]:
    return parse_document("", text.encode())  # the path is only named in the problems


def _verify(old: str, new: str, edits: Mapping[str, Edit]) -> None:
    """Parse the result again: the edited keys hold the new values, the rest is unchanged."""
    before, _problems = _parsed(old)
    after, problems = _parsed(new)
    new_meta = after.meta if after is not None else None
    if problems or new_meta is None:  # (no meta comes with a problem)
        raise FrontMatterEditError(_("Redigeringen ville gitt ugyldig front matter."))
    old_meta = {} if before is None or before.meta is None else before.meta
    expected = dict(old_meta)
    for name, edit in edits.items():
        if isinstance(edit, SetValue):
            expected[name] = edit.value
        else:
            current = old_meta.get(name)
            expected[name] = [*(current if isinstance(current, list) else []), dict(edit.item)]
    if plain(expected) != plain(new_meta):
        raise FrontMatterEditError(_("Redigeringen ga ikke de verdiene den skulle."))
    kept = [k for k in old_meta if k not in edits]
    if [k for k in new_meta if k not in edits] != kept:
        raise FrontMatterEditError(_("Redigeringen ville endret rekkefølgen på feltene."))
    old_parts, new_parts = split(old), split(new)
    if (
        old[old_parts.end :] != new[new_parts.end :]
        or old[: old_parts.start] != new[: new_parts.start]
    ):
        raise FrontMatterEditError(_("Redigeringen ville endret teksten etter front matter."))
