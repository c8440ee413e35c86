"""Markdown as the exporters read it: one parser for the Word file, the PDF and e-mail bodies.

CommonMark with tables; raw HTML is shown as text, never passed on. A task line
(``- [ ] text``, ``- [x] text``) becomes a list item whose text starts with a ballot box,
☐ or ☒, so a task list survives in every format as text a reader (and ``pdftotext``) can see.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

OPEN_BOX = "☐"
DONE_BOX = "☒"
_TASK = re.compile(r"^\[([ xX])\]\s+")


def _task_boxes(state: StateCore) -> None:
    """Replace ``[ ]``/``[x]`` at the start of a list item's first paragraph with a box."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or index < 2:
            continue
        if tokens[index - 1].type != "paragraph_open" or tokens[index - 2].type != "list_item_open":
            continue
        children = token.children or []
        if not children or children[0].type != "text":
            continue
        match = _TASK.match(children[0].content)
        if match is None:
            continue
        box = OPEN_BOX if match.group(1) == " " else DONE_BOX
        children[0].content = f"{box} {children[0].content[match.end() :]}"
        tokens[index - 2].attrSet("class", "task")


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("tvf_task_boxes", _task_boxes)
    return md


def tokens(text: str) -> list[Token]:
    return parser().parse(text)


def to_html(text: str) -> str:
    """The body as an HTML fragment (escaped; no raw HTML from the source)."""
    html: str = parser().render(text)
    return html


def starts_with_heading(text: str) -> bool:
    """Whether the first block of ``text`` is a level-1 heading (then it is the title)."""
    found = tokens(text)
    return bool(found) and found[0].type == "heading_open" and found[0].tag == "h1"
