"""Write templates/reference.docx: the Word styles tvf's .docx files use (docs/export.md).

Run once when the shipped styles change (``.venv/bin/python tools/make_reference_docx.py``); the
result is committed. It is python-docx's default document with Norwegian (bokmål) as the
language, a calmer body font, and the character style ``Hyperlink`` that links use. A
municipality copies the file into its handbook's ``templates/`` and changes the styles in Word.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

TARGET = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"


def main() -> None:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "nb-NO")
            rpr.append(lang)
    document.core_properties.title = "tvf"
    document.core_properties.author = "tvf"
    document.core_properties.language = "nb-NO"
    document.core_properties.comments = "Stilene i tvf sine Word-filer."
    document.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
