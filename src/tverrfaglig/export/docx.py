"""Markdown to Word (.docx) with python-docx: headings, paragraphs, bold and italic, links,
bulleted, numbered and task lists (nested), tables, block quotes and code.

Styles come from a reference document: the handbook's ``templates/reference.docx`` when it has
one, else the one that ships with tvf (``templates/reference.docx``). A municipality restyles
its documents by copying that file into its handbook and changing the styles in Word. The text
uses only the built-in style names (``Title``, ``Heading 1``–``Heading 6``, ``List Bullet``,
``List Number``, ``Table Grid``, ``Quote``, ``Hyperlink``), which every Word document knows.
"""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from .markdown import tokens

_LIST_STYLES = {"bullet_list_open": "List Bullet", "ordered_list_open": "List Number"}


def build_docx(
    body: str,
    *,
    title: str | None,
    reference: Path,
    language: str = "nb-NO",
) -> bytes:
    """The Word file of a Markdown ``body`` (with ``title`` as its first line, when given)."""
    document = docx.Document(str(reference))
    _clear(document)
    document.core_properties.title = title or ""
    document.core_properties.language = language
    _set_language(document, language)
    if title:
        document.add_paragraph(title, style="Title")
    _Writer(document).blocks(tokens(body))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _clear(document: Any) -> None:
    """Remove the reference document's own content, keeping its section settings."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _set_language(document: Any, language: str) -> None:
    """Mark the default run language, so Word spell-checks the text as bokmål."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


class _Writer:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.lists: list[tuple[str, int | None]] = []  # (style, numbering id) per open list
        self.quote = 0
        self.item_paragraphs = 0  # paragraphs written in the current list item
        self.task = False  # the current list item is a task (its text starts with a box)

    def _add(self, style: str | None = None) -> Paragraph:
        paragraph: Paragraph = self.document.add_paragraph(style=style)
        return paragraph

    def _style(self, name: str, fallback: str = "Normal") -> str:
        try:
            style = self.document.styles[name]
        except KeyError:
            return fallback
        return name if style.type == WD_STYLE_TYPE.PARAGRAPH else fallback

    def blocks(self, items: Sequence[Token]) -> None:
        index = 0
        while index < len(items):
            token = items[index]
            kind = token.type
            if kind == "heading_open":
                level = min(int(token.tag[1]), 6)
                paragraph = self.document.add_paragraph(style=self._style(f"Heading {level}"))
                self.inline(paragraph, items[index + 1])
                index += 3
                continue
            if kind == "paragraph_open":
                paragraph = self._paragraph_for_context()
                self.inline(paragraph, items[index + 1])
                index += 3
                continue
            if kind in _LIST_STYLES:
                self.lists.append((_LIST_STYLES[kind], None))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_paragraphs = 0
                self.task = token.attrGet("class") == "task"
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("fence", "code_block"):
                for line in token.content.rstrip("\n").split("\n"):
                    run = self.document.add_paragraph(style=self._style("No Spacing")).add_run(line)
                    run.font.name = "Courier New"
                    run.font.size = Pt(9)
            elif kind == "hr":
                self.document.add_paragraph("―" * 20)
            elif kind == "table_open":
                end = next(i for i in range(index, len(items)) if items[i].type == "table_close")
                self.table(items[index : end + 1])
                index = end + 1
                continue
            index += 1

    def _paragraph_for_context(self) -> Paragraph:
        if self.lists:
            style_name, num_id = self.lists[-1]
            depth = len(self.lists)
            if self.item_paragraphs:  # a second paragraph in an item: indented, no marker
                self.item_paragraphs += 1
                return self._add(self._style("List Continue", "List Paragraph"))
            self.item_paragraphs += 1
            if self.task:  # the box is the marker: indented like a list, without a bullet
                return self._add(self._style("List Paragraph"))
            name = style_name if depth == 1 else f"{style_name} {min(depth, 3)}"
            paragraph = self._add(self._style(name, style_name))
            if style_name == "List Number":
                if num_id is None:  # each numbered list starts at 1
                    num_id = _restart_numbering(self.document, paragraph)
                    self.lists[-1] = (style_name, num_id)
                if num_id is not None:
                    _set_num(paragraph, num_id)
            return paragraph
        if self.quote:
            return self._add(self._style("Quote"))
        return self._add()

    def inline(self, paragraph: Paragraph, token: Token) -> None:
        bold = italic = 0
        link: str | None = None
        link_runs: list[tuple[str, bool, bool]] = []
        for child in token.children or []:
            kind = child.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = child.attrGet("href")
                link = href if isinstance(href, str) and ":" in href else None
                link_runs = []
                if link is None:
                    link = ""  # a link inside the handbook: its text, without a target
            elif kind == "link_close":
                if link:
                    _add_hyperlink(paragraph, link, link_runs)
                else:
                    for text, b, i in link_runs:
                        self._run(paragraph, text, b, i)
                link = None
            elif kind in ("text", "code_inline", "softbreak", "hardbreak", "image"):
                text = (
                    " " if kind == "softbreak" else "\n" if kind == "hardbreak" else child.content
                )
                if link is not None:
                    link_runs.append((text, bold > 0, italic > 0))
                else:
                    run = self._run(paragraph, text, bold > 0, italic > 0)
                    if kind == "code_inline":
                        run.font.name = "Courier New"

    @staticmethod
    def _run(paragraph: Paragraph, text: str, bold: bool, italic: bool) -> Any:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        return run

    def table(self, items: Sequence[Token]) -> None:
        rows: list[list[Token]] = []
        header_rows = 0
        in_head = False
        for token in items:
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += in_head
            elif token.type == "inline":
                rows[-1].append(token)
        if not rows:
            return
        columns = max(len(row) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        with contextlib.suppress(KeyError):
            table.style = self.document.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, cell_token in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                self.inline(paragraph, cell_token)
                if r < header_rows:
                    for run in paragraph.runs:
                        run.bold = True
        for r in range(header_rows):  # repeat the header on each page
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            tr_pr.append(header)
        self.document.add_paragraph()


def _add_hyperlink(paragraph: Paragraph, url: str, runs: Sequence[tuple[str, bool, bool]]) -> None:
    """A real Word hyperlink (python-docx has no API for writing one)."""
    part = paragraph.part
    rel_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    for text, bold, italic in runs:
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        props.append(style)
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        props.append(color)
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(underline)
        if bold:
            props.append(OxmlElement("w:b"))
        if italic:
            props.append(OxmlElement("w:i"))
        run.append(props)
        text_element = OxmlElement("w:t")
        text_element.text = text
        text_element.set(qn("xml:space"), "preserve")
        run.append(text_element)
        link.append(run)
    paragraph._p.append(link)


def _style_num_id(document: Any, paragraph: Paragraph) -> int | None:
    """The numbering id the paragraph's style (``List Number``) uses, if any."""
    style = paragraph.style
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            num_id: int = ppr.numPr.numId.val
            return num_id
        style = style.base_style
    return None


def _restart_numbering(document: Any, paragraph: Paragraph) -> int | None:
    """A new numbering instance of the style's list that starts at 1 again, or None when the
    reference document's style has no numbering."""
    base = _style_num_id(document, paragraph)
    if base is None:
        return None
    numbering = document.part.numbering_part.element
    template = next((n for n in numbering.num_lst if n.numId == base), None)
    if template is None:
        return None
    new_id: int = max(n.numId for n in numbering.num_lst) + 1
    num = copy.deepcopy(template)
    num.set(qn("w:numId"), str(new_id))
    for override in num.findall(qn("w:lvlOverride")):
        num.remove(override)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return new_id


def _set_num(paragraph: Paragraph, num_id: int) -> None:
    """Number ``paragraph`` in the list ``num_id`` (each level has a style of its own)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
