"""Markdown bodies as HTML: markdown-it-py with raw HTML disabled, so no text from a document
can inject markup or script.

A core rule rewrites what a body points at: document IDs and law citations in running text
become links (to the document's page, to Lovdata), a link to a handbook document (``../x.md``)
goes to its page, and a link or image to any other file of the handbook goes to its copy under
``filer/`` (noted in :class:`LinkContext` for copying; a file that is not in the handbook is
noted as broken). Also: a body's headings fitted under the page's one ``<h1>``, and its plain
text for the search index.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape
from mdit_py_plugins.tasklists import tasklists_plugin

from ..document import BODY_ID_RE
from ..i18n import _
from ..laws import find_citations
from .labels import long_date
from .model import FILES_DIR, Site


@dataclass
class LinkContext:
    """What the link rule needs while one body is rendered."""

    site: Site
    root: str  # from this page to the site root: "", "../" or "../../"
    path: str  # the document's file, relative to the handbook root
    own_id: str | None
    linked: set[str] = field(default_factory=set)  # handbook files to copy into FILES_DIR
    broken: set[str] = field(default_factory=set)  # links to files that are not there
    #: The page's look-ups in the rest of the site, recorded for incremental builds
    #: (:mod:`.incremental`); None: not recorded.
    deps: list[tuple[str, str]] | None = None

    def record(self, kind: str, name: str) -> None:
        if self.deps is not None:
            self.deps.append((kind, name))


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables and task lists; raw HTML is shown as text, never passed on."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # Each check box inside a <label> with its item's text, so it has an accessible name.
    md.use(tasklists_plugin, label=True)
    md.core.ruler.push("tvf_links", _link_rule)
    return md


def _link_rule(state: StateCore) -> None:
    """Turn document IDs and law citations in running text into links, and links to a
    handbook file (``../vedlegg/x.md``) into links to its page."""
    context = state.env.get("tvf")
    if not isinstance(context, LinkContext):
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        depth = 0
        for token in block.children:
            if token.type == "link_open":
                depth += 1
                _rewrite_file_link(token, context)
            elif token.type == "image":
                _rewrite_local_file(token, "src", context)
            elif token.type == "link_close":
                depth -= 1
            if token.type == "text" and depth == 0 and token.content:
                children.extend(_link_text(token, context))
            else:
                children.append(token)
        block.children = children


def _rewrite_file_link(token: Token, context: LinkContext) -> None:
    """Point a link to a handbook document (``../vedlegg/x.md``) at that document's page, and
    a link to any other file of the handbook at its copy (:func:`_rewrite_local_file`)."""
    local = _local_target(token.attrGet("href"))
    if local is None:
        return
    target, fragment = local
    if not target.endswith(".md"):
        _rewrite_local_file(token, "href", context)
        return
    path = _beside(context, target)
    context.record("path", path)
    entry = context.site.by_path.get(path)
    if entry is not None:
        token.attrSet("href", context.root + entry.url + (f"#{fragment}" if fragment else ""))


def _local_target(href: object) -> tuple[str, str] | None:
    """``(path, fragment)`` of a link relative to the page's document; ``None`` for links
    elsewhere (``https:``, ``mailto:``), anchors on the page and absolute paths."""
    if not isinstance(href, str) or not href or ":" in href or href.startswith(("#", "/", "?")):
        return None
    target, _hash, fragment = href.partition("#")
    return target, fragment


def _beside(context: LinkContext, target: str) -> str:
    """``target``, relative to the document being rendered, as a path in the handbook."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(context.path), target))


def _rewrite_local_file(token: Token, attr: str, context: LinkContext) -> None:
    """Point a link or image to a file of the handbook (``bilder/flyt.png``,
    ``../vedlegg/skjema.pdf``, relative to the document) at its copy in the site's
    ``filer/``, and note the file for copying. A file that is not in the handbook (missing,
    outside it, hidden, or a symbolic link out of it) is not copied but noted as broken."""
    local = _local_target(token.attrGet(attr))
    if local is None:
        return
    target = unquote(local[0].partition("?")[0])
    if not target:
        return
    rel = _beside(context, target)
    context.record("file", rel)
    if not is_handbook_file(context.site.handbook.root, rel):
        context.broken.add(
            _("{path}: {target} finnes ikke i håndboka").format(path=context.path, target=target)
        )
        return
    context.linked.add(rel)
    token.attrSet(
        attr, f"{context.root}{FILES_DIR}/{quote(rel)}" + (f"#{local[1]}" if local[1] else "")
    )


def is_handbook_file(root: Path, rel: str) -> bool:
    """``rel`` is a regular file inside the handbook (``root``, already resolved by
    :func:`build_site`), not hidden (``.git``) and not reached through a symbolic link that
    leads out of it."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or ".." in parts or any(p.startswith(".") for p in parts):
        return False
    path = root / rel
    try:
        return path.is_file() and path.resolve().is_relative_to(root)
    except OSError:
        return False


SPACES = re.compile(r"\s+")


def _link_text(token: Token, context: LinkContext) -> list[Token]:
    text = token.content
    spans: list[tuple[int, int, dict[str, str], str | None]] = []  # start, end, attrs, note
    taken = 0
    site = context.site
    for cite in find_citations(text, 1, site.laws, site.today):
        link = cite.link
        pattern = re.escape(cite.text).replace(r"\ ", r"\s+")
        match = re.compile(pattern).search(text, taken)
        if link is None or not link.startswith(("https://", "http://")) or match is None:
            continue
        attrs = {"href": link, "class": "lov"}
        note = None
        law = cite.law
        if law is not None and law.is_repealed(site.today):
            attrs["class"] = "lov opphevet"
            attrs["title"] = _("Opphevet fra {date}").format(date=long_date(law.repealed))
            note = _("opphevet")
        elif law is not None:
            attrs["title"] = law.title
        spans.append((match.start(), match.end(), attrs, note))
        taken = match.end()
    if "-" in text:
        for match in BODY_ID_RE.finditer(text):
            ref = match.group()
            context.record("id", ref)
            entry = site.by_id.get(ref)
            if entry is None or ref == context.own_id:
                continue
            if any(s < match.end() and match.start() < e for s, e, _attrs, _note in spans):
                continue
            spans.append(
                (
                    match.start(),
                    match.end(),
                    {"href": context.root + entry.url, "title": entry.title, "class": "dok"},
                    None,
                )
            )
    if not spans:
        return [token]
    spans.sort(key=lambda s: s[0])
    out: list[Token] = []
    pos = 0
    for start, end, attrs, note in spans:
        if start > pos:
            out.append(_text(text[pos:start]))
        opening = Token("link_open", "a", 1)
        for name, value in attrs.items():
            opening.attrSet(name, value)
        out.extend((opening, _text(text[start:end]), Token("link_close", "a", -1)))
        if note:
            out.extend((_text(" "), _html(f'<span class="merknad">({escape(note)})</span>')))
        pos = end
    if pos < len(text):
        out.append(_text(text[pos:]))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    """Markup tvf writes itself (a constant, or escaped); document text never goes here."""
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def fit_headings(tokens: list[Token], title: str) -> list[Token]:
    """The page has one ``<h1>``, the title: drop the body's leading ``# heading`` when it
    repeats the title or is the body's only ``#`` heading (then it is the document's own
    title, perhaps a shorter form of it), and show any other ``#`` heading as ``<h2>``."""
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        repeats = (
            SPACES.sub(" ", tokens[1].content).strip().casefold()
            == SPACES.sub(" ", title).strip().casefold()
        )
        only = not any(token.type == "heading_open" and token.tag == "h1" for token in tokens[3:])
        if repeats or only:
            tokens = tokens[3:]
    for token in tokens:
        if token.tag == "h1" and token.type in ("heading_open", "heading_close"):
            token.tag = "h2"
    return tokens


def plain_text(tokens: Iterable[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            parts.extend(
                c.content for c in token.children if c.type in ("text", "code_inline") and c.content
            )
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return SPACES.sub(" ", " ".join(parts)).strip()
