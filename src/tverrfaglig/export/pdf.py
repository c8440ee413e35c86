"""Markdown to PDF with WeasyPrint: a tagged PDF (PDF/UA-1) with searchable text.

Why WeasyPrint, and not headless Chromium or pandoc, is measured in docs/export.md. The page
is A4 with the document's title and page numbers; the fonts are DejaVu (Debian's
``fonts-dejavu-core``), which have every Norwegian letter and the ballot boxes of task lists.
"""

from __future__ import annotations

import html
import logging

from .markdown import to_html

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
        @bottom-right { content: counter(page) " / " counter(pages);
                        font: 9pt "DejaVu Sans", sans-serif; color: #555; } }
html { font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", sans-serif; color: #111; }
h1 { font-size: 18pt; margin: 0 0 10pt; }
h2 { font-size: 13.5pt; margin: 16pt 0 6pt; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt; }
h1, h2, h3, h4 { break-after: avoid; }
p.title { font-size: 20pt; font-weight: bold; margin: 0 0 12pt; }
table { border-collapse: collapse; margin: 6pt 0 10pt; width: 100%; }
th, td { border: 0.6pt solid #888; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
li.task { list-style: none; margin-left: -1.1em; }
a { color: #0b57a4; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
pre { background: #f4f4f4; padding: 6pt; white-space: pre-wrap; }
blockquote { border-left: 2pt solid #bbb; margin-left: 0; padding-left: 8pt; color: #333; }
"""


def page_html(body: str, *, title: str | None, language: str = "nb") -> str:
    """The whole HTML page the PDF is printed from (also the e-mail's HTML body)."""
    heading = f'<p class="title">{html.escape(title)}</p>\n' if title else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title or '')}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{heading}{to_html(body)}</body>\n</html>\n"
    )


def build_pdf(body: str, *, title: str | None, language: str = "nb") -> bytes:
    """The PDF of a Markdown ``body``: tagged, with the text as text."""
    import weasyprint  # about a second to import: only when a PDF is made

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=page_html(body, title=title, language=language))
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert data is not None
    return bytes(data)
