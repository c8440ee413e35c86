"""Network and meeting rules (TVF401–TVF408), and the form of the fields ``docs/meetings.md``
adds.

They run among the checks across documents (:func:`tverrfaglig.checks.check_across`): networks,
agendas, minutes and inputs are few, and their :class:`~tverrfaglig.checks.Summary` carries the
whole document. Like every check they only read and yield findings. Fields of the wrong form
are TVF003 errors and missing ones TVF002, as for every document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from ..document import INPUT_TYPE, MEETING_TYPES, NETWORK_TYPE, Document, as_date
from ..findings import Finding, Severity
from ..i18n import N_, _, ngettext
from ..meetings import (
    Network,
    build_networks,
    current_action_items,
    evaluation_overdue,
    expected_meetings,
    last_evaluation,
    meetings_this_school_year,
    parse_action_items,
    school_year_label,
)
from .references import TVF101
from .registry import rule
from .schema import SLUG_RE, TVF002, TVF003, text_list

TVF401 = rule("TVF401", Severity.WARNING, N_("Nettverkslederens periode er over"))
TVF402 = rule("TVF402", Severity.WARNING, N_("For få møter holdt eller planlagt i skoleåret"))
TVF403 = rule("TVF403", Severity.WARNING, N_("Et møte som er holdt, mangler referat"))
TVF404 = rule("TVF404", Severity.WARNING, N_("Oppfølgingspunkt med passert frist"))
TVF405 = rule(
    "TVF405", Severity.WARNING, N_("Ingen årlig evaluering av nettverket de siste tolv månedene")
)
TVF406 = rule("TVF406", Severity.WARNING, N_("Referatet er ikke sendt"))
TVF407 = rule(
    "TVF407", Severity.WARNING, N_("Oppgavelinje i referatet som ikke har kontraktens form")
)
TVF408 = rule("TVF408", Severity.WARNING, N_("To sakslister eller to referater for samme møte"))

SEND_WITHIN_DAYS = 14  # minutes older than this without ``sent`` are reported (TVF406)


def check_networks(documents: Iterable[Document | None], today: dt.date) -> Iterator[Finding]:
    """Every TVF4xx check, and the form of the meeting fields, over the given documents."""
    docs = [d for d in documents if d is not None and d.meta is not None]
    for doc in docs:
        yield from check_fields(doc)
    found = build_networks(docs)
    yield from check_input_networks(docs, found)
    for network in found.values():
        yield from check_leader_term(network, today)
        yield from check_meeting_count(network, today)
        yield from check_missing_minutes(network, today)
        yield from check_overdue_items(network, today)
        yield from check_evaluation(network, today)
        yield from check_minutes_sent(network, today)
        yield from check_duplicate_meetings(network)
    for doc in docs:
        if doc.type == "minutes":
            yield from check_task_lines(doc)


# --- Fields: TVF002, TVF003 ----------------------------------------------------------------


def check_fields(doc: Document) -> Iterator[Finding]:
    """The form of the fields that networks, agendas, minutes and inputs may have."""
    if doc.type == NETWORK_TYPE:
        yield from _date_list(doc, "planned_meetings")
    if doc.type not in (*MEETING_TYPES, INPUT_TYPE):
        return
    if doc.type in ("agenda", "minutes"):
        yield from _boolean(doc, "evaluation")
        yield from text_list(doc, "user_representatives")
    if doc.type == "minutes":
        yield from text_list(doc, "present")
        yield from text_list(doc, "absent")
        yield from _sent(doc)
    if doc.type == INPUT_TYPE:
        sender = doc.get("from")
        if sender is not None and not isinstance(sender, str):
            yield TVF003(
                doc.path,
                doc.line_of("from"),
                _("Feltet «from» (hvem innspillet kommer fra) må være tekst."),
            )
        placed = doc.get("placed_on")
        if "placed_on" in (doc.meta or {}) and as_date(placed) is None:
            yield TVF003(
                doc.path,
                doc.line_of("placed_on"),
                _(
                    "«placed_on: {value}» er ikke en dato: skriv datoen for møtet "
                    "innspillet er satt på sakslisten til (ÅÅÅÅ-MM-DD)."
                ).format(value=placed),
            )
        if not doc.body.strip():
            yield TVF002(
                doc.path,
                doc.body_line,
                _("Innspillet har ingen tekst: skriv saken under front matter."),
            )


def _boolean(doc: Document, key: str) -> Iterator[Finding]:
    value = doc.get(key)
    if value is not None and not isinstance(value, bool):
        yield TVF003(
            doc.path,
            doc.line_of(key),
            _("Feltet «{key}» må være true eller false, ikke «{value}».").format(
                key=key, value=value
            ),
        )


def _date_list(doc: Document, key: str) -> Iterator[Finding]:
    value = doc.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        yield TVF003(
            doc.path,
            doc.line_of(key),
            _("Feltet «{key}» må være en liste av datoer, f.eks. [2026-09-17, 2027-01-14].").format(
                key=key
            ),
        )
        return
    for i, item in enumerate(value):
        if key == "planned_meetings" and isinstance(item, dict):
            # {date, time, place}: when and where the meeting is held.
            extra = set(item) - {"date", "time", "place"}
            if (
                as_date(item.get("date")) is None
                or extra
                or not all(isinstance(item.get(k), str) for k in ("time", "place") if k in item)
            ):
                yield TVF003(
                    doc.path,
                    doc.line_of(key, i),
                    _(
                        "Punkt {number} i «{key}» må være en dato, eller {{date: "
                        "ÅÅÅÅ-MM-DD, time: tekst, place: tekst}}."
                    ).format(number=i + 1, key=key),
                )
            continue
        if as_date(item) is None:
            yield TVF003(
                doc.path,
                doc.line_of(key, i),
                _("Punkt {number} i «{key}» («{value}») er ikke en dato (ÅÅÅÅ-MM-DD).").format(
                    number=i + 1, key=key, value=item
                ),
            )


def _sent(doc: Document) -> Iterator[Finding]:
    sent = doc.get("sent")
    if sent is None:
        return
    line = doc.line_of("sent")
    if not isinstance(sent, dict):
        yield TVF003(
            doc.path,
            line,
            _(
                "Feltet «sent» må ha date (da referatet ble sendt) og to (mottakeren); "
                "tvf minutes sent skriver det."
            ),
        )
        return
    for key in ("date", "to"):
        if sent.get(key) in (None, ""):
            yield TVF002(doc.path, line, _("«sent» mangler «{key}».").format(key=key))
    if sent.get("date") is not None and as_date(sent.get("date")) is None:
        yield TVF003(
            doc.path,
            line,
            _("«sent: date: {value}» er ikke en dato (ÅÅÅÅ-MM-DD).").format(value=sent.get("date")),
        )
    if sent.get("to") is not None and not isinstance(sent.get("to"), str):
        yield TVF003(doc.path, line, _("«sent: to» må være tekst (mottakeren)."))


def check_input_networks(
    docs: Iterable[Document], found: Mapping[str, Network]
) -> Iterator[Finding]:
    """An input for a network that does not exist (TVF101, as for agendas and minutes)."""
    for doc in docs:
        network = doc.get("network")
        if (
            doc.type == INPUT_TYPE
            and isinstance(network, str)
            and SLUG_RE.match(network)
            and network not in found
        ):
            yield TVF101(
                doc.path,
                doc.line_of("network"),
                _("Nettverket «{network}» finnes ikke i håndboka.").format(network=network),
            )


# --- TVF401: the leader's term ----------------------------------------------------------------


def check_leader_term(network: Network, today: dt.date) -> Iterator[Finding]:
    leader = network.leader
    if leader.term_end is not None and leader.term_end < today:
        who = leader.name or _("lederen")
        yield TVF401(
            network.document.path,
            network.document.line_of("leader"),
            _(
                "Lederperioden til {leader} gikk ut {date}. Nettverket velger leder for "
                "ett år om gangen: før inn den nye lederen med term_start og term_end."
            ).format(leader=who, date=leader.term_end),
        )


# --- TVF402: meetings this school year ------------------------------------------------------


def check_meeting_count(network: Network, today: dt.date) -> Iterator[Finding]:
    held = meetings_this_school_year(network, today)
    if len(held) >= expected_meetings(network, today):
        return
    doc = network.document
    dates = ", ".join(str(m.date) for m in held) or _("ingen")
    message = ngettext(
        "Skoleåret {school_year} har nettverket {n} møte holdt eller planlagt ({dates}), men "
        "skal møtes {per_year} ganger i året. Foreslå datoer med tvf meetings plan og før dem "
        "inn i planned_meetings, eller lag saksliste med tvf agenda new.",
        "Skoleåret {school_year} har nettverket {n} møter holdt eller planlagt ({dates}), men "
        "skal møtes {per_year} ganger i året. Foreslå datoer med tvf meetings plan og før dem "
        "inn i planned_meetings, eller lag saksliste med tvf agenda new.",
        len(held),
    )
    yield TVF402(
        doc.path,
        doc.line_of("meetings_per_year") or doc.line_of("id"),
        message.format(
            school_year=school_year_label(today),
            n=len(held),
            dates=dates,
            per_year=network.meetings_per_year,
        ),
    )


# --- TVF403: a past meeting without minutes --------------------------------------------------


def check_missing_minutes(network: Network, today: dt.date) -> Iterator[Finding]:
    with_minutes = {day for day, _doc in network.minutes}
    for day, agenda in network.agendas:
        if day < today and day not in with_minutes:
            yield TVF403(
                agenda.path,
                agenda.line_of("date"),
                _(
                    "Møtet {date} er holdt, men det finnes ikke referat fra det. Lag det "
                    "med tvf minutes new --network {network} --date {date}."
                ).format(date=day, network=network.slug),
            )


# --- TVF404: overdue action items ------------------------------------------------------------


def check_overdue_items(network: Network, today: dt.date) -> Iterator[Finding]:
    for item in current_action_items(network):
        if item.overdue(today):
            yield TVF404(
                item.path,
                item.line,
                _(
                    "Oppfølgingspunktet «{text}» (ansvar: {owner}) hadde frist "
                    "{deadline} og er ikke krysset av. Kryss av [x] når det er gjort, "
                    "eller før det videre med ny frist i neste referat."
                ).format(text=item.text, owner=item.owner, deadline=item.deadline),
            )


# --- TVF405: the annual evaluation -------------------------------------------------------------


def check_evaluation(network: Network, today: dt.date) -> Iterator[Finding]:
    if not evaluation_overdue(network, today):
        return
    last = last_evaluation(network, today + dt.timedelta(days=1))
    if last:
        message = _(
            "Nettverket har ikke evaluert arbeidet sitt de siste tolv månedene (siste "
            "evaluering var {date}). Mandatet sier at nettverkene evaluerer arbeidet "
            "årlig: tvf agenda new setter evalueringen på sakslisten, og referatet fra "
            "møtet får evaluation: true."
        ).format(date=last)
    else:
        message = _(
            "Nettverket har ikke evaluert arbeidet sitt de siste tolv månedene (ingen "
            "evaluering er registrert). Mandatet sier at nettverkene evaluerer arbeidet "
            "årlig: tvf agenda new setter evalueringen på sakslisten, og referatet fra "
            "møtet får evaluation: true."
        )
    doc = network.document
    yield TVF405(doc.path, doc.line_of("id"), message)


# --- TVF406: minutes not sent ------------------------------------------------------------------


def check_minutes_sent(network: Network, today: dt.date) -> Iterator[Finding]:
    to = network.report_to or _("mottakeren i [minutes].recipient")
    for day, doc in network.minutes:
        days = (today - day).days
        if doc.get("sent") is None and days > SEND_WITHIN_DAYS:
            yield TVF406(
                doc.path,
                doc.line_of("date"),
                ngettext(
                    "Referatet fra {date} er ikke merket som sendt, {n} dag etter møtet. Send det "
                    "til {recipient} og kjør tvf minutes sent --network {network} --date {date}.",
                    "Referatet fra {date} er ikke merket som sendt, {n} dager etter møtet. Send "
                    "det "
                    "til {recipient} og kjør tvf minutes sent --network {network} --date {date}.",
                    days,
                ).format(date=day, n=days, recipient=to, network=network.slug),
            )


# --- TVF407: task lines ----------------------------------------------------------------------


def check_task_lines(doc: Document) -> Iterator[Finding]:
    day = as_date(doc.get("date")) or dt.date.min
    for problem in parse_action_items(doc, day)[1]:
        yield TVF407(problem.path, problem.line, problem.message)


# --- TVF408: two documents for one meeting ---------------------------------------------------


def check_duplicate_meetings(network: Network) -> Iterator[Finding]:
    for message, documents in (
        (
            N_(
                "Nettverket {network} har allerede en saksliste for {date} ({path}); tvf bruker "
                "den og ser bort fra denne."
            ),
            network.agendas,
        ),
        (
            N_(
                "Nettverket {network} har allerede et referat for {date} ({path}); tvf bruker "
                "det og ser bort fra dette."
            ),
            network.minutes,
        ),
    ):
        first: dict[dt.date, Document] = {}
        for day, doc in documents:
            other = first.setdefault(day, doc)
            if other is not doc:
                yield TVF408(
                    doc.path,
                    doc.line_of("date"),
                    _(message).format(network=network.slug, date=day, path=other.path),
                )
