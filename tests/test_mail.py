"""E-mail against a real SMTP server (aiosmtpd) on 127.0.0.1, started by the tests: plain,
STARTTLS with a certificate made here (trustme) and AUTH, and servers that fail. What the
server received is parsed with the ``email`` package; no mock of smtplib."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import docx
import icalendar
import pytest
import trustme
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from typer.testing import CliRunner

from tverrfaglig.cli import app

from helpers import TODAY, doc_text, handbook, meta

runner = CliRunner()
NET = "nettverk/sentrum"
MEETING = "2027-01-14"
USER, PASSWORD = "nettverk@testby.kommune.no", "hemmelig-æøå"

NETWORK = {
    "type": "network",
    "id": "sentrum",
    "title": "Tverrfaglig nettverk Sentrum",
    "leader": {
        "name": "Kari Nordmann",
        "role": "Rektor",
        "email": "kari@testby.kommune.no",
        "term_start": dt.date(2026, 8, 1),
        "term_end": dt.date(2027, 7, 31),
    },
    "members": [
        {"service": "Skole", "name": "Kari Nordmann"},
        {"service": "PPT", "name": "PP-rådgiver", "email": "ppt@testby.kommune.no"},
        {"service": "Helsestasjon", "email": "helse@testby.kommune.no"},
        {"service": "NAV"},
    ],
    "meetings_per_year": 3,
    "mandate": "IV.7-15",
}
AGENDA_BODY = """\
# Saksliste – Sentrum, 14. januar 2027

## 1. Godkjenning av innkalling og saksliste

## 2. Oppfølgingspunkter

- Kartlegge fravær i 8. trinn – ansvar: Skole, frist: 1. februar 2027

| Tjeneste | Hvem |
|---|---|
| PPT | PP-rådgiver på Åsen |
"""
MINUTES_BODY = """\
# Referat – Sentrum, 14. januar 2027

## Oppfølgingspunkter

- [ ] Kartlegge fravær i 8. trinn (ansvar: Skole, frist: 2027-02-01)
"""


class Recorder:
    """An aiosmtpd handler that keeps what it accepts, or answers ``fail`` from the
    ``fail_after``-th message on."""

    def __init__(self, fail: str | None = None, fail_after: int = 0) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.fail = fail
        self.fail_after = fail_after

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.fail is not None and len(self.received) >= self.fail_after:
            return self.fail
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = data.login == USER.encode() and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@contextmanager
def smtp_server(handler: Recorder, *, tls: trustme.CA | None = None) -> Iterator[int]:
    """aiosmtpd on 127.0.0.1 and a free port; with ``tls``, STARTTLS and AUTH are required."""
    kwargs: dict[str, Any] = {}
    if tls is not None:
        import ssl

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        kwargs = {
            "tls_context": context,
            "require_starttls": True,
            "authenticator": authenticate,
            "auth_required": True,
        }
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def mail_toml(
    port: int,
    *,
    security: str = "none",
    user: bool = False,
    ca_file: Path | None = None,
    timeout: float = 5,
    extra: str = "",
) -> str:
    lines = [
        "[mail]",
        'host = "127.0.0.1"',
        f"port = {port}",
        f'security = "{security}"',
        'sender = "Nettverk Sentrum <nettverk@testby.kommune.no>"',
        f"timeout = {timeout}",
    ]
    if user:
        lines.append(f'user = "{USER}"')
    if ca_file is not None:
        lines.append(f'ca_file = "{ca_file}"')
    lines += [
        extra,
        "[mail.addresses]",
        '"Samarbeidsgruppa" = "samarbeid@testby.kommune.no"',
        '"Enhet for oppvekst" = "oppvekst@testby.kommune.no"',
    ]
    return "\n".join(lines) + "\n"


def build_book(tmp_path: Path, toml: str, *, agenda_body: str = AGENDA_BODY) -> Path:
    network = dict(NETWORK, report_to="Samarbeidsgruppa")
    front = {
        "type": "agenda",
        "network": "sentrum",
        "date": dt.date(2027, 1, 14),
        "title": "Saksliste",
    }
    minutes = {
        "type": "minutes",
        "network": "sentrum",
        "date": dt.date(2027, 1, 14),
        "title": "Referat",
    }
    docs: dict[str, str | bytes] = {
        "prosedyrer/mandat.md": doc_text(
            meta("IV.7-15", title="Mandat", review_by=dt.date(2026, 12, 1))
        ),
        f"{NET}/nettverk.md": doc_text(network, "# Sentrum\n"),
        f"{NET}/{MEETING}-saksliste.md": doc_text(front, agenda_body),
        f"{NET}/{MEETING}-referat.md": doc_text(minutes, MINUTES_BODY),
    }
    base = '[handbook]\ntitle = "Testhåndbok"\nmunicipality = "Testby kommune"\n'
    return handbook(tmp_path / "hb", docs, toml=base + toml)


def invoke(root: Path, *args: str, today: str = "2027-01-05", env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--handbook", str(root), "--today", today], env=env)


def parts(message: EmailMessage) -> dict[str, list[EmailMessage]]:
    found: dict[str, list[EmailMessage]] = {}
    for part in message.walk():
        found.setdefault(part.get_content_type(), []).append(part)  # type: ignore[arg-type]
    return found


def ledger(root: Path) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = json.loads(
        (root / ".tvf" / "sendt.json").read_text(encoding="utf-8")
    )["sent"]
    return entries


# --- Sending for real ---------------------------------------------------------------------------


def test_agenda_send_over_starttls_with_auth(tmp_path: Path, ca: trustme.CA) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    handler = Recorder()
    with smtp_server(handler, tls=ca) as port:
        root = build_book(
            tmp_path, mail_toml(port, security="starttls", user=True, ca_file=ca_file)
        )
        result = invoke(
            root,
            "agenda",
            "send",
            "--network",
            "sentrum",
            "--time",
            "12:30",
            env={"TVF_SMTP_PASSWORD": PASSWORD},
        )
    assert result.exit_code == 0, result.output
    assert "Sendte 3 e-poster" in result.output
    assert "ingen e-postadresse for NAV" in result.output
    recipients = [rcpt for rcpt, _message in handler.received]
    assert recipients == [
        ["kari@testby.kommune.no"],
        ["ppt@testby.kommune.no"],
        ["helse@testby.kommune.no"],
    ]
    _rcpt, message = handler.received[1]
    assert message["Subject"] == "Saksliste: Tverrfaglig nettverk Sentrum, torsdag 14. januar 2027"
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("PPT: PP-rådgiver", "ppt@testby.kommune.no")
    assert message["From"] == "Nettverk Sentrum <nettverk@testby.kommune.no>"
    found = parts(message)
    plain = found["text/plain"][0].get_content()
    html = found["text/html"][0].get_content()
    assert "Her er sakslisten til møtet i Tverrfaglig nettverk Sentrum" in plain
    assert "## 2. Oppfølgingspunkter" in plain
    assert "<h2>2. Oppfølgingspunkter</h2>" in html and "<td>PP-rådgiver på Åsen</td>" in html
    (attachment,) = [
        p for p in message.iter_attachments() if p.get_filename() == f"{MEETING}-saksliste.docx"
    ]
    document = docx.Document(io.BytesIO(attachment.get_content()))
    assert document.paragraphs[0].text == "Saksliste – Sentrum, 14. januar 2027"
    assert document.tables[0].rows[1].cells[1].text == "PP-rådgiver på Åsen"
    # The invitation: inline for Outlook (text/calendar; method=REQUEST) and as a file.
    calendars = found["text/calendar"]
    assert len(calendars) == 2
    assert all(part.get_param("method") == "REQUEST" for part in calendars)
    assert calendars[1].get_filename() == "invitasjon.ics"
    calendar = icalendar.Calendar.from_ical(calendars[0].get_content())
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == "tvf-sentrum-20270114@tverrfaglig"
    assert event.decoded("DTSTART") == dt.datetime(2027, 1, 14, 12, 30).replace(
        tzinfo=event.decoded("DTSTART").tzinfo
    )
    assert str(event["ORGANIZER"]) == "mailto:nettverk@testby.kommune.no"
    attendees = sorted(str(a) for a in event["ATTENDEE"])
    assert attendees == [
        "mailto:helse@testby.kommune.no",
        "mailto:kari@testby.kommune.no",
        "mailto:ppt@testby.kommune.no",
    ]
    assert event["ATTENDEE"][0].params["RSVP"] == "TRUE"
    assert [e["to"] for e in ledger(root)] == [r[0] for r in recipients]


def test_a_second_run_sends_nothing_twice_and_resend_does(tmp_path: Path) -> None:
    handler = Recorder()
    with smtp_server(handler) as port:
        root = build_book(tmp_path, mail_toml(port))
        assert invoke(root, "agenda", "send", "-n", "sentrum").exit_code == 0
        again = invoke(root, "agenda", "send", "-n", "sentrum")
        assert again.exit_code == 0
        assert "Allerede sendt tidligere" in again.output
        assert len(handler.received) == 3
        assert invoke(root, "agenda", "send", "-n", "sentrum", "--resend").exit_code == 0
        assert len(handler.received) == 6


def test_minutes_send_goes_to_the_recipient_and_members_and_records_sent(tmp_path: Path) -> None:
    handler = Recorder()
    with smtp_server(handler) as port:
        root = build_book(tmp_path, mail_toml(port))
        result = invoke(root, "minutes", "send", "-n", "sentrum", today="2027-01-16")
    assert result.exit_code == 0, result.output
    assert handler.received[0][0] == ["samarbeid@testby.kommune.no"]
    assert len(handler.received) == 4
    message = handler.received[0][1]
    assert message["Subject"] == "Referat: Tverrfaglig nettverk Sentrum, 14. januar 2027"
    (pdf,) = list(message.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == f"{MEETING}-referat.pdf"
    assert pdf.get_content().startswith(b"%PDF-")
    assert "text/calendar" not in parts(message)
    front = (root / NET / f"{MEETING}-referat.md").read_text(encoding="utf-8")
    sent = yaml.safe_load(front.split("---")[1])["sent"]
    assert sent == {"date": dt.date(2027, 1, 16), "to": "Samarbeidsgruppa"}


def test_outdated_mail_sends_each_owner_one_digest(tmp_path: Path) -> None:
    handler = Recorder()
    with smtp_server(handler) as port:
        root = build_book(tmp_path, mail_toml(port))
        result = invoke(root, "outdated", "--mail", today="2026-11-25")
    assert result.exit_code in (0, 1), result.output
    by_address = {r[0]: m for r, m in handler.received}
    assert "oppvekst@testby.kommune.no" in by_address
    digest = by_address["oppvekst@testby.kommune.no"]
    text = parts(digest)["text/plain"][0].get_content()
    assert "## Enhet for oppvekst" in text and "IV.7-15" in text
    assert digest["Subject"].startswith("Håndboka: ")


def test_dry_run_writes_eml_files_and_sends_nothing(tmp_path: Path) -> None:
    handler = Recorder()
    with smtp_server(handler) as port:
        root = build_book(tmp_path, mail_toml(port))
        out = tmp_path / "epost"
        result = invoke(
            root, "agenda", "send", "-n", "sentrum", "--dry-run", "--eml", str(out), "-f", "pdf"
        )
    assert result.exit_code == 0, result.output
    assert handler.received == []
    files = sorted(out.glob("*.eml"))
    assert [f.name for f in files] == [
        "01-kari@testby.kommune.no.eml",
        "02-ppt@testby.kommune.no.eml",
        "03-helse@testby.kommune.no.eml",
    ]
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    names = [p.get_filename() for p in message.iter_attachments()]
    assert names == [f"{MEETING}-saksliste.pdf", "invitasjon.ics"]
    assert not (root / ".tvf" / "sendt.json").exists()


# --- Personal data: all or none -------------------------------------------------------------


def test_an_identity_number_sends_nothing_at_all(tmp_path: Path) -> None:
    handler = Recorder()
    with smtp_server(handler) as port:
        root = build_book(
            tmp_path,
            mail_toml(port),
            agenda_body=AGENDA_BODY + "\nEleven 150312 58216 har fravær.\n",
        )
        result = invoke(root, "agenda", "send", "-n", "sentrum")
        dry = invoke(
            root, "agenda", "send", "-n", "sentrum", "--dry-run", "--eml", str(tmp_path / "eml")
        )
    assert result.exit_code == 2
    assert "15**** *****" in result.output and "Ingenting er" in result.output
    assert "58216" not in result.output
    assert handler.received == []
    assert dry.exit_code == 2 and not (tmp_path / "eml").exists()


# --- Failing servers ---------------------------------------------------------------------------


def test_refused_connection(tmp_path: Path) -> None:
    root = build_book(tmp_path, mail_toml(free_port()))
    result = invoke(root, "agenda", "send", "-n", "sentrum")
    assert result.exit_code == 2
    assert "forbindelsen ble avvist" in result.output
    assert "Ingenting er sendt" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("451 4.3.0 Prøv senere", "midlertidig"),
        ("554 5.7.1 Avvist", "avviste e-posten til ppt@testby.kommune.no (554"),
    ],
)
def test_a_server_error_halfway_says_what_was_sent_and_a_retry_sends_the_rest(
    tmp_path: Path, reply: str, expected: str
) -> None:
    handler = Recorder(fail=reply, fail_after=1)
    with smtp_server(handler) as port:
        root = build_book(tmp_path, mail_toml(port))
        result = invoke(root, "agenda", "send", "-n", "sentrum")
        assert result.exit_code == 2
        assert expected in result.output
        assert (
            "Sendt: kari@testby.kommune.no. Ikke sendt: ppt@testby.kommune.no, "
            "helse@testby.kommune.no."
        ) in result.output
        assert "Kjør den samme kommandoen igjen" in result.output
        assert [e["to"] for e in ledger(root)] == ["kari@testby.kommune.no"]
        handler.fail = None
        retry = invoke(root, "agenda", "send", "-n", "sentrum")
    assert retry.exit_code == 0, retry.output
    assert [r[0] for r, _m in handler.received] == [
        "kari@testby.kommune.no",
        "ppt@testby.kommune.no",
        "helse@testby.kommune.no",
    ]


def test_minutes_are_marked_sent_only_when_everyone_got_them(tmp_path: Path) -> None:
    handler = Recorder(fail="554 nei", fail_after=2)
    with smtp_server(handler) as port:
        root = build_book(tmp_path, mail_toml(port))
        assert invoke(root, "minutes", "send", "-n", "sentrum", today="2027-01-16").exit_code == 2
        minutes = root / NET / f"{MEETING}-referat.md"
        assert "sent:" not in minutes.read_text(encoding="utf-8")
        handler.fail = None
        result = invoke(
            root, "minutes", "send", "-n", "sentrum", "--date", MEETING, today="2027-01-16"
        )
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 4
    assert "sent:" in minutes.read_text(encoding="utf-8")


def test_timeout(tmp_path: Path) -> None:
    """A server that accepts the connection and never says a word."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        root = build_book(tmp_path, mail_toml(silent.getsockname()[1], timeout=0.5))
        result = invoke(root, "agenda", "send", "-n", "sentrum")
    assert result.exit_code == 2
    assert "svarte ikke innen 0.5 sekunder" in result.output


def test_tls_failure_with_an_untrusted_certificate(tmp_path: Path, ca: trustme.CA) -> None:
    handler = Recorder()
    with smtp_server(handler, tls=ca) as port:  # the CA is not given: not trusted
        root = build_book(tmp_path, mail_toml(port, security="starttls", user=True))
        result = invoke(
            root, "agenda", "send", "-n", "sentrum", env={"TVF_SMTP_PASSWORD": PASSWORD}
        )
    assert result.exit_code == 2
    assert "sertifikatet kunne ikke bekreftes" in result.output
    assert handler.received == []


def test_wrong_password(tmp_path: Path, ca: trustme.CA) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with smtp_server(Recorder(), tls=ca) as port:
        root = build_book(
            tmp_path, mail_toml(port, security="starttls", user=True, ca_file=ca_file)
        )
        result = invoke(root, "agenda", "send", "-n", "sentrum", env={"TVF_SMTP_PASSWORD": "feil"})
    assert result.exit_code == 2
    assert "godtok ikke brukernavnet og passordet (535" in result.output


def test_starttls_required_but_not_offered(tmp_path: Path) -> None:
    with smtp_server(Recorder()) as port:
        root = build_book(tmp_path, mail_toml(port, security="starttls"))
        result = invoke(root, "agenda", "send", "-n", "sentrum")
    assert result.exit_code == 2
    assert "tilbyr ikke STARTTLS" in result.output


# --- Settings ----------------------------------------------------------------------------------


def test_a_password_in_tvf_toml_is_refused(tmp_path: Path) -> None:
    root = build_book(tmp_path, mail_toml(25, extra='password = "hemmelig"'))
    result = invoke(root, "check")
    assert result.exit_code == 2
    assert "[mail] har et passord" in result.output
    assert "TVF_SMTP_PASSWORD" in result.output
    assert "hemmelig" not in result.output


def test_no_password_anywhere_is_a_clear_error_before_connecting(tmp_path: Path) -> None:
    root = build_book(tmp_path, mail_toml(free_port(), user=True))
    result = invoke(root, "agenda", "send", "-n", "sentrum")
    assert result.exit_code == 2
    assert "Fant ikke passordet" in result.output
    assert "keyring set tvf" in result.output


def test_no_mail_settings(tmp_path: Path) -> None:
    root = build_book(tmp_path, "")
    result = invoke(root, "agenda", "send", "-n", "sentrum")
    assert result.exit_code == 2
    assert "ingen [mail]" in result.output


def test_today_is_used_for_the_default_agenda(tmp_path: Path) -> None:
    root = build_book(tmp_path, mail_toml(free_port()))
    result = invoke(
        root, "agenda", "send", "-n", "sentrum", today=str(TODAY.replace(year=2027, month=2))
    )
    assert result.exit_code == 2
    assert "ingen saksliste fra i dag av" in result.output


def test_mail_commands_keep_threads_clean() -> None:
    """aiosmtpd's controllers stop: no server thread outlives its test."""
    assert not [t for t in threading.enumerate() if "Controller" in t.name]
