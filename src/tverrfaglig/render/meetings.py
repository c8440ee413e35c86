"""``tvf network``, ``tvf agenda``, ``tvf minutes`` and ``tvf meetings``: the networks, what
was written for them, and the suggested meeting dates, as text, tables or JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import N_, _, long_date, ngettext, weekday_name
from ..meetings import ATTENDED, DECIDED, INVITED, Network, NetworkOverview
from .console import echo
from .text import json_text

#: How ``tvf network show`` names what the documents say about user representatives.
REPRESENTATION_NO = {
    INVITED: N_("invitert"),
    ATTENDED: N_("møtte"),
    DECIDED: N_("vedtatt å invitere"),
}
REPRESENTATION_ORDER = (DECIDED, INVITED, ATTENDED)

if TYPE_CHECKING:  # the calendar (icalendar, holidays) and the writers (Jinja2): imported
    # only by the commands that use them
    from ..calendar_plan import MeetingPlan
    from ..meeting_docs import Written


# --- tvf network -------------------------------------------------------------------------------


def networks_json(views: Sequence[NetworkOverview] | NetworkOverview) -> str:
    """``tvf network list`` and ``show`` with ``--format json``."""
    return json_text(views)


def networks_table(views: Sequence[NetworkOverview]) -> Table:
    """``tvf network list``: one row per network."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    title_column = 1
    for index, column in enumerate(
        (
            _("ID"),
            _("Tittel"),
            _("Leder"),
            _("Lederperiode til"),
            _("Møter i skoleåret"),
            _("Neste møte"),
            _("Åpne punkter"),
            _("Innspill"),
        )
    ):
        table.add_column(column, no_wrap=index != title_column)
    for view in views:
        leader = view["leader"]
        overdue = sum(1 for i in view["open_items"] if i["overdue"])
        open_items = str(len(view["open_items"]))
        if overdue:
            open_items = _("{n} ({overdue} forfalt)").format(n=open_items, overdue=overdue)
        table.add_row(
            view["id"],
            view["title"],
            leader["name"] or "–",
            Text(leader["term_end"] or "–", style="red" if leader["term_ended"] else ""),
            _("{held} av {per_year}").format(
                held=len(view["meetings"]), per_year=view["meetings_per_year"]
            ),
            view["next_meeting"] or "–",
            open_items,
            str(len(view["pending_inputs"])),
        )
    return table


def render_network(view: NetworkOverview, out: Console) -> None:
    """``tvf network show``: one network in full."""
    out.print(Text(f"{view['title']} ({view['id']})", style="bold"))
    out.print(_("Fil: {path}").format(path=view["path"]), markup=False)
    leader = view["leader"]
    term = f"{leader['term_start'] or '?'} – {leader['term_end'] or '?'}"
    line = Text(_("Leder: {name}").format(name=leader["name"] or _("ikke valgt")))
    if leader["role"]:
        line.append(f", {leader['role']}")
    line.append(f" ({term})")
    if leader["term_ended"]:
        line.append("  " + _("perioden er ute: nettverket må velge leder"), style="bold red")
    out.print(line)
    if leader["term_end"]:
        term_line = _("Lederperiode: {start} – {end}").format(
            start=leader["term_start"] or "?", end=leader["term_end"]
        )
        if leader["election_meeting"]:
            term_line += "; " + _("leder for neste år velges på møtet {date}").format(
                date=leader["election_meeting"]
            )
        out.print(term_line, markup=False)
    out.print(
        _("Referat sendes til: {recipient}").format(recipient=view["report_to"]), markup=False
    )

    out.print()

    out.print(Text(_("Medlemmer"), style="bold"))
    for member in view["members"]:
        out.print(f"  {member['service']}: {member['name'] or '–'}", markup=False)

    out.print()

    out.print(
        Text(
            _("Møter skoleåret {school_year} ({held} av {per_year})").format(
                school_year=view["school_year"],
                held=len(view["meetings"]),
                per_year=view["meetings_per_year"],
            ),
            style="bold",
        )
    )
    if not view["meetings"]:
        out.print("  " + _("ingen holdt eller planlagt"), markup=False)
    # Columns as wide as the longest weekday and status in the language in use, plus one.
    week = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(7)]
    weekday_width = max(len(weekday_name(d)) for d in week) + 1
    status_width = max(len(_(s)) for s in (N_("holdt"), N_("planlagt"))) + 1
    for meeting in view["meetings"]:
        parts = []
        if meeting["agenda"]:
            parts.append(_("saksliste"))
        if meeting["minutes"]:
            parts.append(_("referat (sendt)") if meeting["sent"] else _("referat (ikke sendt)"))
        if not parts:
            parts.append(_("ingen saksliste ennå"))
        day = dt.date.fromisoformat(meeting["date"])
        out.print(
            f"  {meeting['date']}  {weekday_name(day):<{weekday_width}} "
            f"{_(meeting['status']):<{status_width}} {', '.join(parts)}",
            markup=False,
        )

    out.print()

    out.print(
        Text(_("Åpne oppfølgingspunkter ({n})").format(n=len(view["open_items"])), style="bold")
    )
    for item in view["open_items"]:
        text = Text(
            "  "
            + _("{deadline}  {text} (ansvar: {owner})").format(
                deadline=item["deadline"], text=item["text"], owner=item["owner"]
            )
        )
        if item["overdue"]:
            text.append("  " + _("forfalt"), style="bold red")
        out.print(text)
    out.print()
    out.print(
        Text(
            _("Innspill til neste saksliste ({n})").format(n=len(view["pending_inputs"])),
            style="bold",
        )
    )
    for pending in view["pending_inputs"]:
        if pending["from"]:
            line_text = _("{date}  {text} (fra {sender})").format(
                date=pending["date"] or "?", text=pending["text"], sender=pending["from"]
            )
        else:
            line_text = f"{pending['date'] or '?'}  {pending['text']}"
        out.print("  " + line_text, markup=False)

    if view["last_evaluation"]:
        evaluation = _("siste {date}").format(date=view["last_evaluation"])
    else:
        evaluation = _("ingen registrert")
    if view["evaluation_due"]:
        evaluation_line = _("Årlig evaluering: {evaluation}  bør settes på sakslisten").format(
            evaluation=evaluation
        )
    else:
        evaluation_line = _("Årlig evaluering: {evaluation}").format(evaluation=evaluation)
    out.print()
    out.print(evaluation_line, markup=False)
    invited = "; ".join(
        f"{r['date']}: {', '.join(r['names'])} "
        f"({', '.join(_(REPRESENTATION_NO[k]) for k in REPRESENTATION_ORDER if k in r['kinds'])})"
        for r in view["user_representatives"]
    ) or _("ingen invitert ennå")
    out.print(
        _("Brukerrepresentanter skoleåret {school_year}: {invited}").format(
            school_year=view["school_year"], invited=invited
        ),
        markup=False,
    )


def warn_meeting_day(day: dt.date, err: Console) -> None:
    """A note on standard error when ``day`` is a weekend, a public holiday or in a school
    holiday."""
    from ..calendar_plan import why_not_a_meeting_day  # holidays: only when it is needed

    reason = why_not_a_meeting_day(day)
    if reason is not None:
        err.print(
            _("Merk: {date} er {reason}.").format(date=long_date(day), reason=reason),
            style="yellow",
            markup=False,
        )


# --- What tvf agenda and tvf minutes wrote ---------------------------------------------------


def print_text(result: Written) -> None:
    """``--output -``: the document itself on standard output (nothing was written)."""
    if not result.written:
        echo(result.text, nl=False)


def render_input(result: Written, network: str, out: Console, *, dry_run: bool) -> None:
    """``tvf agenda add``: the input that was (or would be) written, and a warning (TVF502)
    when its text looks like it names a child."""
    for mention in result.child_mentions:
        out.print(
            Text(
                _(
                    "Advarsel (TVF502): «{name}» står ved «{marker}», så innspillet kan se "
                    "ut til å handle om et bestemt barn. Nettverket arbeider på systemnivå: "
                    "skriv om grupper og tjenester, og rett innspillet i {path}."
                ).format(name=mention.name, marker=mention.marker, path=result.path),
                style="yellow",
            )
        )
    if dry_run:
        out.print(_("Ville skrevet {path}:").format(path=result.path), markup=False)
        out.print()
        echo(result.text, nl=False)
        return
    out.print(
        _(
            "Skrev innspillet {path}. Det kommer på neste saksliste "
            "(tvf agenda new --network {network})."
        ).format(path=result.path, network=network),
        markup=False,
    )


def render_agenda(result: Written, network: str, out: Console, err: Console) -> None:
    """``tvf agenda new``: the agenda written, the inputs placed on it, and what comes next."""
    out.print(_("Skrev {path}.").format(path=result.path), markup=False)
    if result.placed:
        out.print(
            ngettext(
                "Satte {n} innspill på sakslisten: {paths}.",
                "Satte {n} innspill på sakslisten: {paths}.",
                len(result.placed),
            ).format(n=len(result.placed), paths=", ".join(result.placed)),
            markup=False,
        )
    out.print(
        _(
            "Send sakslisten til medlemmene. Etter møtet: tvf minutes new --network "
            "{network} --date {date}"
        ).format(network=network, date=result.date),
        markup=False,
    )
    if result.date is not None:
        warn_meeting_day(result.date, err)


def render_minutes(result: Written, network: str, out: Console) -> None:
    """``tvf minutes new``: the minutes written, and what comes next."""
    out.print(
        _(
            "Skrev {path}. Når referatet er sendt: tvf minutes sent "
            "--network {network} --date {date}"
        ).format(path=result.path, network=network, date=result.date),
        markup=False,
    )


def render_sent(result: Written, day: dt.date, out: Console, *, dry_run: bool) -> None:
    """``tvf minutes sent``: the minutes marked (or that would be marked) as sent."""
    if dry_run:
        out.print(
            _("Ville merket {path} som sendt {date}:").format(path=result.path, date=day),
            markup=False,
        )
        out.print()
        echo(result.text, nl=False)
        return
    out.print(_("Merket {path} som sendt {date}.").format(path=result.path, date=day), markup=False)
    for item in result.closed:
        out.print(
            _("Krysset av «{text}» (ansvar: {owner}) i {path}.").format(
                text=item.text, owner=item.owner, path=item.path
            ),
            markup=False,
        )


# --- tvf meetings plan -------------------------------------------------------------------------


def plan_json(plan: MeetingPlan, network: Network, ics: Path | None) -> str:
    """``tvf meetings plan --format json``."""
    return json_text(
        {
            "network": network.slug,
            "school_year": plan.school_year,
            "dates": [str(d) for d in plan.dates],
            "ics": str(ics) if ics else None,
        }
    )


def render_plan(plan: MeetingPlan, network: Network, ics: Path | None, out: Console) -> None:
    """``tvf meetings plan``: the suggested dates, the YAML for the network, the file written."""
    out.print(
        _("Forslag til møter for {network}, skoleåret {school_year}:").format(
            network=network.title, school_year=plan.school_year
        ),
        markup=False,
    )
    for meeting in plan.meetings:
        out.print(f"  {meeting.date}  {meeting.label}", markup=False)
    out.print()
    out.print(_("Før datoene inn i {path}:").format(path=network.document.path), markup=False)
    out.print(f"  {plan.yaml_snippet()}", markup=False)
    if ics is not None:
        out.print(
            ngettext(
                "Skrev {path} ({n} møte).", "Skrev {path} ({n} møter).", len(plan.meetings)
            ).format(path=ics, n=len(plan.meetings)),
            markup=False,
        )
