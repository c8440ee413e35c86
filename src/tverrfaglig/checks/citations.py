"""Law citation rules (TVF201–TVF206): citations of laws, sections and chapters the registry
knows, in force and not amended since the document was approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from ..document import Document, as_date
from ..findings import Finding, Severity
from ..i18n import N_, _, ngettext
from ..laws import (
    Amendment,
    Citation,
    LawRegistry,
    find_citations,
    law_label,
    parse_legal_basis,
)
from .registry import rule
from .schema import TVF003

TVF201 = rule("TVF201", Severity.ERROR, N_("Henvisning til en lov som ikke er i lovregisteret"))
TVF202 = rule("TVF202", Severity.ERROR,
              N_("Henvisning til en paragraf eller et kapittel loven ikke har"))
TVF203 = rule("TVF203", Severity.WARNING, N_("Henvisning til en opphevet lov"))
TVF204 = rule("TVF204", Severity.WARNING,
              N_("Lovhenvisning skrevet på en uvanlig måte (f.eks. § 15.8)"))
TVF205 = rule("TVF205", Severity.WARNING, N_("Henvisning til en opphevet paragraf"))
TVF206 = rule("TVF206", Severity.WARNING,
              N_("Paragrafen det vises til, er endret etter at dokumentet ble gyldig"))


def citations(doc: Document, laws: LawRegistry, today: dt.date,
              on_problem: Callable[[str, int | None], None] | None = None) -> list[Citation]:
    """The law citations of a document: ``legal_basis`` entries, then the body text."""
    found: list[Citation] = []
    basis = doc.get("legal_basis")
    if isinstance(basis, list):
        for i, entry in enumerate(basis):
            line = doc.line_of("legal_basis", i)
            parsed = parse_legal_basis(entry, line, laws, today)
            if isinstance(parsed, str):
                if on_problem is not None:
                    on_problem(parsed, line)
            else:
                found.append(parsed)
    found.extend(find_citations(doc.body, doc.body_line, laws, today))
    return found


def check_citations(doc: Document, laws: LawRegistry, today: dt.date) -> Iterator[Finding]:
    problems: list[Finding] = []

    def on_problem(message: str, line: int | None) -> None:
        problems.append(TVF003(doc.path, line, message))

    cited = citations(doc, laws, today, on_problem)
    yield from problems
    retired = doc.status == "retired"
    reported: set[tuple[str, str]] = set()  # (law, section): TVF205/TVF206 once per document
    for cite in cited:
        law = cite.law
        if law is None:
            yield TVF201(doc.path, cite.line,
                         _("«{law}» (i «{text}») er ikke i lovregisteret. Rett navnet, eller "
                           "legg loven til i håndbokas laws.yaml.").format(
                               law=cite.law_text, text=cite.text))
            continue
        if law.sections is not None:
            for section in cite.sections:
                if section not in law.sections:
                    yield TVF202(doc.path, cite.line,
                                 _("{law} har ingen § {section} ifølge lovregisteret "
                                   "(i «{text}»).").format(law=law.short_name, section=section,
                                                           text=cite.text))
        if law.chapters is not None and cite.chapter is not None \
                and cite.chapter not in law.chapters:
            yield TVF202(doc.path, cite.line,
                         _("{law} har ikke kapittel {chapter} ifølge lovregisteret "
                           "(i «{text}»).").format(law=law.short_name, chapter=cite.chapter,
                                                   text=cite.text))
        if retired:
            continue
        if law.is_repealed(today):
            yield TVF203(doc.path, cite.line, _repealed_message(cite, laws))
        yield from check_cited_sections(doc, cite, reported)
        for note in cite.nonstandard:
            yield TVF204(doc.path, cite.line,
                         _("Lovhenvisningen er skrevet på en uvanlig måte: {note}.").format(
                             note=note))


def check_cited_sections(doc: Document, cite: Citation, reported: set[tuple[str, str]]
                         ) -> Iterator[Finding]:
    """TVF205 (a repealed section) and TVF206 (a section amended after the document's
    ``valid_from``), when the registry has the section details from Lovdata."""
    law = cite.law
    if law is None or not law.section_info:
        return
    valid_from = as_date(doc.get("valid_from"))
    for name in cite.sections:
        section = law.section(name)
        if section is None or (law.id, name) in reported:
            continue
        reported.add((law.id, name))
        if section.repealed:
            yield TVF205(doc.path, cite.line, _section_repealed_message(
     law.short_name, name, section.amendments, cite.text, law.url()))
            continue
        later = (section.amended_after(valid_from)
                 if valid_from is not None and section.amendments else ())
        if later:
            others = len(later) - 1
            more = (" " + ngettext("(og {n} endring til)", "(og {n} endringer til)",
                                   others).format(n=others) if others else "")
            titled = f" «{section.title}»" if section.title else ""
            yield TVF206(doc.path, cite.line,
                         _("{law} § {section}{title} er {change}{more}, etter at dokumentet "
                           "ble gyldig ({valid_from}). Les paragrafen på nytt ({url}); "
                           "stemmer dokumentet fortsatt, godkjenn det på nytt med tvf stamp."
                           ).format(law=law.short_name, section=name, title=titled,
                                    change=later[-1].describe(), more=more,
                                    valid_from=valid_from, url=law.url(section=name)))


def _section_repealed_message(law: str, section: str, amendments: Iterable[Amendment],
                              text: str, url: str) -> str:
    """TVF205's message, naming the repealing law and date when the registry knows them."""
    repeal = next((a for a in amendments if a.kind == "opphevet"), None)
    if repeal is None:
        message = _("{law} § {section} er opphevet, men «{text}» viser til den. Finn "
                    "bestemmelsen som gjelder nå ({url}), og rett henvisningen.")
    elif repeal.date is None:
        message = _("{law} § {section} er opphevet ved {by}, men «{text}» viser til den. Finn "
                    "bestemmelsen som gjelder nå ({url}), og rett henvisningen.")
    else:
        message = _("{law} § {section} er opphevet ved {by} fra {date}, men «{text}» viser til "
                    "den. Finn bestemmelsen som gjelder nå ({url}), og rett henvisningen.")
    by = law_label(repeal.law) if repeal is not None else ""
    date = repeal.date.isoformat() if repeal is not None and repeal.date else ""
    return message.format(law=law, section=section, text=text, url=url, by=by, date=date)


def _repealed_message(cite: Citation, laws: LawRegistry) -> str:
    law = cite.law
    assert law is not None
    replacement = laws.by_id(law.replaced_by) if law.replaced_by else None
    if replacement is not None:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}; den er "
                    "erstattet av {replacement} ({replacement_id}).")
    elif law.replaced_by:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}; den er "
                    "erstattet av {replacement}.")
    else:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}.")
    return message.format(
        text=cite.text, title=law.title, id=law.id, repealed=law.repealed,
        replacement=replacement.title if replacement is not None else law.replaced_by,
        replacement_id=replacement.id if replacement is not None else "")
