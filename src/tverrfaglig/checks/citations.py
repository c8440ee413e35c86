"""Law citation rules (TVF201–TVF209): citations of laws, sections, chapters and articles the
registry knows, in force, in the numbering of the law in force, and not amended since the
document was approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from ..document import Document, as_date
from ..findings import Finding, Severity
from ..i18n import N_, _, language, ngettext
from ..laws import (
    Amendment,
    Citation,
    Law,
    LawRegistry,
    law_label,
    parse_legal_basis,
)
from ..laws.basis import find_body_citations
from ..laws.renumbering import (
    OldNumbering,
    before_successor,
    dated_predecessor,
    old_chapter,
    old_numbering,
)
from .registry import Rule, rule
from .schema import TVF003

TVF201 = rule("TVF201", Severity.ERROR, N_("Henvisning til en lov som ikke er i lovregisteret"))
TVF202 = rule(
    "TVF202", Severity.ERROR, N_("Henvisning til en paragraf eller et kapittel loven ikke har")
)
TVF203 = rule("TVF203", Severity.WARNING, N_("Henvisning til en opphevet lov"))
TVF204 = rule(
    "TVF204", Severity.WARNING, N_("Lovhenvisning skrevet på en uvanlig måte (f.eks. § 15.8)")
)
TVF205 = rule("TVF205", Severity.WARNING, N_("Henvisning til en opphevet paragraf"))
TVF206 = rule(
    "TVF206",
    Severity.WARNING,
    N_("Paragrafen det vises til, er endret etter at dokumentet ble gyldig"),
)
TVF207 = rule("TVF207", Severity.ERROR, N_("Henvisningen bruker nummereringen i en opphevet lov"))
TVF208 = rule("TVF208", Severity.WARNING, N_("Paragraftegn uten en lov tvf kan se hvilken er"))
TVF209 = rule(
    "TVF209",
    Severity.ERROR,
    N_("Forskrift eller konvensjonsartikkel som ikke finnes ifølge lovregisteret"),
)


def citations(
    doc: Document,
    laws: LawRegistry,
    today: dt.date,
    on_problem: Callable[[str, int | None], None] | None = None,
) -> list[Citation]:
    """The law citations of a document: ``legal_basis`` entries, then the body text."""
    found: list[Citation] = []
    basis = doc.get("legal_basis")
    if isinstance(basis, list):
        previous: Citation | None = None
        for i, entry in enumerate(basis):
            line = doc.line_of("legal_basis", i)
            parsed = _parse_basis(entry, line, laws, today)
            if isinstance(parsed, str):
                if on_problem is not None:
                    on_problem(parsed, line)
                continue
            if (
                parsed.unresolved
                and previous is not None
                and previous.law is not None
                and not parsed.law_text
            ):
                # The entries of legal_basis are one list: «jf. § 10» continues the law
                # of the entry before it.
                parsed = _continued(parsed, previous)
            found.append(parsed)
            previous = parsed
    found.extend(find_body_citations(doc.body, doc.body_line, laws, today))
    return found


# What parse_legal_basis made of an entry, by its text, line, day and language: the same few
# entries stand in document after document. Cleared when another registry is used.
_bases: dict[tuple[str, int | None, dt.date, str], Citation | str] = {}
_bases_registry: list[LawRegistry] = []


def _parse_basis(
    entry: object, line: int | None, laws: LawRegistry, today: dt.date
) -> Citation | str:
    """:func:`parse_legal_basis`, remembered for text entries (a :class:`Citation` is frozen)."""
    if not isinstance(entry, str):
        return parse_legal_basis(entry, line, laws, today)
    if not _bases_registry or _bases_registry[0] is not laws:
        _bases.clear()
        _bases_registry[:] = [laws]
    key = (entry, line, today, language())
    parsed = _bases.get(key)
    if parsed is None:
        if len(_bases) > 4096:
            _bases.clear()
        parsed = _bases[key] = parse_legal_basis(entry, line, laws, today)
    return parsed


def _continued(cite: Citation, previous: Citation) -> Citation:
    return replace(cite, law=previous.law, law_text=previous.law_text, unresolved=False)


def check_citations(doc: Document, laws: LawRegistry, today: dt.date) -> Iterator[Finding]:
    problems: list[Finding] = []

    def on_problem(message: str, line: int | None) -> None:
        problems.append(TVF003(doc.path, line, message))

    cited = citations(doc, laws, today, on_problem)
    yield from problems
    retired = doc.status == "retired"
    reported: set[tuple[str, str]] = set()  # (law, section): TVF205/TVF206 once per document
    valid_from = as_date(doc.get("valid_from"))
    if not _findings_registry or _findings_registry[0] is not laws:
        _findings.clear()
        _findings_registry[:] = [laws]
    lang = language()
    path = doc.path
    for cite in cited:
        # What a citation gives depends on the citation (not its line), the document's
        # valid_from and status, the day and the language; the same citations stand in
        # document after document, so it is worked out once (TVF205/TVF206, once per document,
        # are not remembered).
        key = (
            cite.text,
            cite.law_text,
            None if cite.law is None else id(cite.law),
            cite.sections,
            cite.chapter,
            cite.articles,
            cite.nonstandard,
            cite.unresolved,
            valid_from,
            retired,
            today,
            lang,
        )
        known = _findings.get(key)
        if known is None:
            if len(_findings) > 4096:
                _findings.clear()
            known = _findings[key] = _cite_findings(cite, laws, today, valid_from, retired)
        before, after = known
        line = cite.line
        for make, message in before:
            yield make(path, line, message)
        if after is None:
            continue
        yield from check_cited_sections(doc, cite, reported, valid_from)
        for make, message in after:
            yield make(path, line, message)


# What _cite_findings gave, by the citation without its line, valid_from, status, day and
# language; cleared when another registry is used.
_Made = tuple[tuple[tuple[Rule, str], ...], tuple[tuple[Rule, str], ...] | None]
_findings: dict[tuple[object, ...], _Made] = {}
_findings_registry: list[LawRegistry] = []


def _cite_findings(
    cite: Citation, laws: LawRegistry, today: dt.date, valid_from: dt.date | None, retired: bool
) -> _Made:
    """The findings of one citation, as (rule, message): those before TVF205/TVF206 and those
    after (None: no TVF205/TVF206 check at all, for a retired document or an unknown law)."""
    before: list[tuple[Rule, str]] = []
    after: list[tuple[Rule, str]] = []
    law = cite.law
    if cite.unresolved:
        if not retired:
            before.append(
                (
                    TVF208,
                    _(
                        "«{text}» viser ikke til noen lov tvf kan se: skriv loven foran "
                        "paragrafen (for eksempel «opplæringslova {text}»)."
                    ).format(text=cite.text),
                )
            )
        return tuple(before), None
    if law is None:
        before.append(
            (
                TVF201,
                _(
                    "«{law}» (i «{text}») er ikke i lovregisteret. Rett navnet, eller "
                    "legg loven til i håndbokas laws.yaml."
                ).format(law=cite.law_text, text=cite.text),
            )
        )
        return tuple(before), None
    old_sections: set[str] = set()
    for section in cite.sections:
        hint = before_successor(laws, law, cite.law_text, section, valid_from)
        old = old_numbering(laws, law, cite.law_text, section)
        if old is not None:
            old_sections.add(section)
            before.append((TVF207, old_numbering_message(old)))
        elif hint is not None:
            before.append(
                (
                    TVF207,
                    _before_successor_message(cite, law, section, hint[0], hint[1], valid_from),
                )
            )
            if law.sections is not None and section not in law.sections:
                old_sections.add(section)
    dated = None
    if cite.chapter is not None and not cite.sections:
        # A chapter the law in force lacks and the repealed law sharing its name had.
        dated = old_chapter(laws, law, cite.law_text, cite.chapter)
        if dated is not None:
            before.append(
                (
                    TVF207,
                    _(
                        "{law} kapittel {chapter} finnes ikke i {new_law}; den opphevede "
                        "{old_law} hadde et kapittel {chapter}. Finn kapitlet som gjelder nå, "
                        "og rett henvisningen."
                    ).format(
                        law=law.short_name,
                        chapter=cite.chapter,
                        new_law=_year_name(law),
                        old_law=_year_name(dated),
                    ),
                )
            )
    if dated is None and not cite.sections and not cite.articles:
        # A chapter or a whole law cited by a shared name in a document older than the
        # law in force: the repealed law (4.1), as for a section.
        dated = dated_predecessor(laws, law, cite.law_text, valid_from)
        start = laws.successor_start(law)
        if dated is not None and start is not None:
            before.append(
                (
                    TVF207,
                    _dated_law_message(cite, law, dated, start, valid_from),
                )
            )
    unknown = _unknown_sections(law, cite.sections, old_sections)
    for section in unknown:
        if law.kind == "law":
            before.append(
                (
                    TVF202,
                    _("{law} har ingen § {section} ifølge lovregisteret (i «{text}»).").format(
                        law=law.short_name, section=section, text=cite.text
                    ),
                )
            )
        else:
            before.append(
                (
                    TVF209,
                    _(
                        "{law} har ingen § {section} ifølge lovregisteret (i «{text}», {url})."
                    ).format(
                        law=_display_name(law), section=section, text=cite.text, url=law.url()
                    ),
                )
            )
    if cite.articles and law.sections is not None and law.complete:
        for article in cite.articles:
            if article not in law.sections:
                before.append(
                    (
                        TVF209,
                        _(
                            "{law} har ingen artikkel {article} ifølge lovregisteret (i «{text}», "
                            "{url})."
                        ).format(
                            law=_display_name(law), article=article, text=cite.text, url=law.url()
                        ),
                    )
                )
    if (
        dated is None
        and law.chapters is not None
        and cite.chapter is not None
        and cite.chapter not in law.chapters
    ):
        before.append(
            (
                TVF202,
                _("{law} har ikke kapittel {chapter} ifølge lovregisteret (i «{text}»).").format(
                    law=law.short_name, chapter=cite.chapter, text=cite.text
                ),
            )
        )
    if retired:
        return tuple(before), None
    if law.is_repealed(today):
        before.append((TVF203, _repealed_message(cite, laws)))
    for note in cite.nonstandard:
        after.append(
            (TVF204, _("Lovhenvisningen er skrevet på en uvanlig måte: {note}.").format(note=note))
        )
    return tuple(before), tuple(after)


def _display_name(law: Law) -> str:
    return law.names[0] if law.names else law.title


def _unknown_sections(law: Law, sections: Iterable[str], skip: set[str]) -> list[str]:
    """The cited sections the registry says the law does not have: only for a complete
    section list (a partial list of a repealed law proves nothing)."""
    if law.sections is None or not law.complete:
        return []
    return [s for s in sections if s not in law.sections and s not in skip]


def _year_name(law: Law) -> str:
    return f"{law.short_name} ({law.year})"


def old_numbering_message(old: OldNumbering) -> str:
    """TVF207's message: «opplæringslova § 15-8 finnes ikke i opplæringslova (2023); i den
    opphevede opplæringslova (1998) var § 15-8 «Samarbeid og samordning», som nå er § 24-1»,
    with where the new number comes from."""
    law, old_law = old.law, old.old_law
    heading = f" «{old.heading}»" if old.heading else ""
    values = {
        "law": law.short_name,
        "section": old.section,
        "new_law": _year_name(law),
        "old_law": _year_name(old_law),
        "heading": heading,
    }
    if old.new_section is None:
        return _(
            "{law} § {section} finnes ikke i {new_law}; i den opphevede {old_law} var "
            "§ {section}{heading}. Finn paragrafen som gjelder nå, og rett henvisningen."
        ).format(**values)
    text = _(
        "{law} § {section} finnes ikke i {new_law}; i den opphevede {old_law} var "
        "§ {section}{heading}, som nå er § {new}"
    ).format(new=old.new_section, **values)
    return (
        text
        + _source_note(old)
        + _(" Rett henvisningen til «{law} § {new}» ({url}).").format(
            law=law.short_name, new=old.new_section, url=law.url(section=old.new_section.split()[0])
        )
    )


def _source_note(old: OldNumbering) -> str:
    """Where the new number comes from: a stated source, or the same heading (weaker when
    other old sections have that heading too)."""
    renumbering = old.renumbering
    assert renumbering is not None
    if renumbering.basis == "stated":
        return _(" (kilde: {source}).").format(source=renumbering.source)
    if renumbering.shared_with:
        others = ", ".join(f"§ {s}" for s in renumbering.shared_with)
        return _(
            " (samme overskrift; også {others} i den opphevede loven hadde den, så "
            "koblingen er svakere: les begge)."
        ).format(others=others)
    return _(" (samme overskrift).")


def _before_successor_message(
    cite: Citation,
    law: Law,
    section: str,
    old: OldNumbering | None,
    start: dt.date,
    valid_from: dt.date | None,
) -> str:
    """TVF207's hint for a document approved before the successor of a shared name came into
    force."""
    values = {
        "text": cite.text,
        "valid_from": valid_from,
        "law": _year_name(law),
        "start": start.isoformat(),
    }
    if old is None:
        return _(
            "Dokumentet ble gyldig {valid_from}, før {law} trådte i kraft {start}: "
            "«{text}» mente trolig den opphevede loven med samme navn. Sjekk at § "
            "{section} i {law} er det dokumentet mener."
        ).format(section=section, **values)
    heading = f" «{old.heading}»" if old.heading else ""
    if old.new_section is None:
        return _(
            "Dokumentet ble gyldig {valid_from}, før {law} trådte i kraft {start}: "
            "«{text}» mente trolig {old_law} § {section}{heading}. Finn paragrafen som "
            "gjelder nå, og rett henvisningen."
        ).format(old_law=_year_name(old.old_law), section=section, heading=heading, **values)
    return _(
        "Dokumentet ble gyldig {valid_from}, før {law} trådte i kraft {start}: «{text}» "
        "mente trolig {old_law} § {section}{heading}, som nå er § {new}"
    ).format(
        old_law=_year_name(old.old_law),
        section=section,
        heading=heading,
        new=old.new_section,
        **values,
    ) + _source_note(old)


def _dated_law_message(
    cite: Citation, law: Law, old_law: Law, start: dt.date, valid_from: dt.date | None
) -> str:
    """TVF207 for a chapter or a whole law cited by a shared name in a document approved
    before the law in force came into force."""
    return _(
        "Dokumentet ble gyldig {valid_from}, før {law} trådte i kraft {start}: «{text}» "
        "mente trolig den opphevede {old_law}. Sjekk at henvisningen gjelder {law}, eller "
        "rett den."
    ).format(
        valid_from=valid_from,
        law=_year_name(law),
        start=start.isoformat(),
        text=cite.text,
        old_law=_year_name(old_law),
    )


def check_cited_sections(
    doc: Document, cite: Citation, reported: set[tuple[str, str]], valid_from: dt.date | None
) -> Iterator[Finding]:
    """TVF205 (a repealed section) and TVF206 (a section amended after the document's
    ``valid_from``, as :func:`check_citations` read it once for all the citations), when the
    registry has the section details from Lovdata."""
    law = cite.law
    if law is None or not law.section_info or not law.complete:
        return
    for name in cite.sections:
        section = law.section(name)
        if section is None or (law.id, name) in reported:
            continue
        reported.add((law.id, name))
        if section.repealed:
            yield TVF205(
                doc.path,
                cite.line,
                _section_repealed_message(
                    law.short_name, name, section.amendments, cite.text, law.url()
                ),
            )
            continue
        later = (
            section.amended_after(valid_from)
            if valid_from is not None and section.amendments
            else ()
        )
        if later:
            others = len(later) - 1
            more = (
                " "
                + ngettext("(og {n} endring til)", "(og {n} endringer til)", others).format(
                    n=others
                )
                if others
                else ""
            )
            titled = f" «{section.title}»" if section.title else ""
            yield TVF206(
                doc.path,
                cite.line,
                _(
                    "{law} § {section}{title} er {change}{more}, etter at dokumentet "
                    "ble gyldig ({valid_from}). Les paragrafen på nytt ({url}); "
                    "stemmer dokumentet fortsatt, godkjenn det på nytt med tvf stamp."
                ).format(
                    law=law.short_name,
                    section=name,
                    title=titled,
                    change=later[-1].describe(),
                    more=more,
                    valid_from=valid_from,
                    url=law.url(section=name),
                ),
            )


def _section_repealed_message(
    law: str, section: str, amendments: Iterable[Amendment], text: str, url: str
) -> str:
    """TVF205's message, naming the repealing law and date when the registry knows them."""
    repeal = next((a for a in amendments if a.kind == "opphevet"), None)
    if repeal is None:
        message = _(
            "{law} § {section} er opphevet, men «{text}» viser til den. Finn "
            "bestemmelsen som gjelder nå ({url}), og rett henvisningen."
        )
    elif repeal.date is None:
        message = _(
            "{law} § {section} er opphevet ved {by}, men «{text}» viser til den. Finn "
            "bestemmelsen som gjelder nå ({url}), og rett henvisningen."
        )
    else:
        message = _(
            "{law} § {section} er opphevet ved {by} fra {date}, men «{text}» viser til "
            "den. Finn bestemmelsen som gjelder nå ({url}), og rett henvisningen."
        )
    by = law_label(repeal.law) if repeal is not None else ""
    date = repeal.date.isoformat() if repeal is not None and repeal.date else ""
    return message.format(law=law, section=section, text=text, url=url, by=by, date=date)


def _repealed_message(cite: Citation, laws: LawRegistry) -> str:
    law = cite.law
    assert law is not None
    replacement = laws.by_id(law.replaced_by) if law.replaced_by else None
    if replacement is not None:
        message = _(
            "«{text}» viser til {title} ({id}), som er opphevet fra {repealed}; den er "
            "erstattet av {replacement} ({replacement_id})."
        )
    elif law.replaced_by:
        message = _(
            "«{text}» viser til {title} ({id}), som er opphevet fra {repealed}; den er "
            "erstattet av {replacement}."
        )
    else:
        message = _("«{text}» viser til {title} ({id}), som er opphevet fra {repealed}.")
    return message.format(
        text=cite.text,
        title=law.title,
        id=law.id,
        repealed=law.repealed,
        replacement=replacement.title if replacement is not None else law.replaced_by,
        replacement_id=replacement.id if replacement is not None else "",
    )
