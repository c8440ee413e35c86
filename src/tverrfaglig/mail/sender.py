"""Sending a batch of messages over SMTP, or writing them as ``.eml`` files (``--dry-run``).

A batch is all or none as far as tvf can make it so: every message passes the personal-data
guard before the first is sent, and the password and the server are checked before any message
goes. SMTP itself cannot take back a message, so when the server fails halfway tvf stops, says
which messages were sent and which were not, and records the sent ones (:mod:`.ledger`): the
same command run again sends only the rest.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import TvfError
from ..files import write_atomic
from ..i18n import _
from ..pii import guard
from .ledger import Ledger
from .message import Outgoing
from .settings import MailSettings, password


@dataclass(frozen=True)
class BatchResult:
    sent: tuple[Outgoing, ...]
    skipped: tuple[Outgoing, ...]  # sent before (in the record): not sent again
    files: tuple[Path, ...] = ()  # --dry-run: the .eml files written


def refuse_personal_data(batch: Sequence[Outgoing]) -> None:
    """The one guard on each message; one refusal stops the whole batch before anything goes."""
    for item in batch:
        guard(
            item.text,
            _(
                "E-posten til {name} ({subject}) inneholder det som ser ut som et "
                "{kind} ({masked}), linje {line} (TVF501). Ingenting er sendt."
            ),
            hint=_(
                "E-post fra tvf skal aldri inneholde opplysninger som identifiserer et "
                "barn. Fjern nummeret fra dokumentet (tvf check viser hvor) og prøv igjen."
            ),
            name=item.name,
            subject=item.subject,
        )


def write_eml(batch: Sequence[Outgoing], folder: Path) -> tuple[Path, ...]:
    """``--dry-run``: each message as ``NN-<address>.eml`` in ``folder``, nothing sent."""
    refuse_personal_data(batch)
    written = []
    for number, item in enumerate(batch, start=1):
        safe = "".join(c if c.isalnum() or c in "@.-_" else "_" for c in item.recipient)
        path = folder / f"{number:02d}-{safe}.eml"
        write_atomic(path, item.message.as_bytes())
        written.append(path)
    return tuple(written)


def _connect(settings: MailSettings) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    if settings.security == "tls":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        client.ehlo()
        if not client.has_extn("starttls"):
            client.close()
            raise TvfError(
                _(
                    "E-posttjeneren {host}:{port} tilbyr ikke STARTTLS, så tvf sender "
                    "ikke passord og innhold ukryptert dit."
                ).format(host=settings.host, port=settings.port),
                hint=_(
                    'Sett security = "tls" (og port 465) i [mail] om tjeneren '
                    "bruker TLS fra start, eller spør IT om riktig tjener."
                ),
            )
        client.starttls(context=context)
        client.ehlo()
    return client


def send_batch(
    batch: Sequence[Outgoing],
    settings: MailSettings,
    root: Path,
    *,
    now: Callable[[], dt.datetime],
    resend: bool = False,
    environ: dict[str, str] | None = None,
) -> BatchResult:
    """Send each message not yet recorded as sent; record each one as the server accepts it."""
    refuse_personal_data(batch)
    ledger = Ledger.load(root)
    todo = [m for m in batch if resend or ledger.sent(m.key, m.recipient) is None]
    skipped = tuple(m for m in batch if m not in todo)
    if not todo:
        return BatchResult((), skipped)
    secret = None
    if settings.user is not None:
        secret = password(settings, environ)
        if secret is None:
            raise TvfError(
                _(
                    "Fant ikke passordet for {user} på {host}: miljøvariabelen {env} er "
                    "ikke satt, og nøkkelringen har det ikke. Ingenting er sendt."
                ).format(user=settings.user, host=settings.host, env=settings.password_env),
                hint=_("Sett {env}, eller lagre passordet med keyring set tvf {user}.").format(
                    env=settings.password_env, user=settings.user
                ),
            )
    sent: list[Outgoing] = []
    client: smtplib.SMTP | None = None
    current: Outgoing | None = None
    try:
        client = _connect(settings)
        if settings.user is not None and secret is not None:
            _login(client, settings.user, secret)
        for current in todo:
            client.send_message(current.message, to_addrs=[current.recipient])
            ledger.record(
                current.key, current.recipient, current.subject, current.message_id, now()
            )
            sent.append(current)
        current = None
    except TvfError as exc:
        raise _with_progress(exc.message, exc.hint, sent, todo) from None
    except (smtplib.SMTPException, OSError) as exc:
        message, hint = explain(exc, settings, current)
        raise _with_progress(message, hint, sent, todo) from None
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    return BatchResult(tuple(sent), skipped)


def _login(client: smtplib.SMTP, user: str, secret: str) -> None:
    """Log in with AUTH PLAIN in UTF-8 (RFC 4616) when the server offers it: one attempt,
    and a password with æ, ø or å works (smtplib's own login encodes it as ASCII and, after a
    refusal, goes on to try other methods). Otherwise smtplib's login."""
    client.ehlo_or_helo_if_needed()
    if "plain" not in client.esmtp_features.get("auth", "").lower().split():
        client.login(user, secret)
        return
    import base64

    token = base64.b64encode(f"\0{user}\0{secret}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _with_progress(
    message: str, hint: str | None, sent: Sequence[Outgoing], todo: Sequence[Outgoing]
) -> TvfError:
    """The error, with which messages went and which did not."""
    left = [m for m in todo if m not in sent]
    if sent:
        message += " " + _("Sendt: {sent}. Ikke sendt: {left}.").format(
            sent=", ".join(m.recipient for m in sent), left=", ".join(m.recipient for m in left)
        )
    else:
        message += " " + _("Ingenting er sendt.")
    retry = _(
        "Kjør den samme kommandoen igjen når feilen er rettet: tvf husker hva som er "
        "sendt (.tvf/sendt.json) og sender bare resten."
    )
    return TvfError(message, hint=f"{hint}\n{retry}" if hint else retry)


def explain(
    exc: BaseException, settings: MailSettings, current: Outgoing | None
) -> tuple[str, str | None]:
    """A message and a hint for what went wrong with the server."""
    where = f"{settings.host}:{settings.port}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            _(
                "TLS mot e-posttjeneren {where} feilet: sertifikatet kunne ikke bekreftes "
                "({reason})."
            ).format(where=where, reason=exc.verify_message or exc.reason),
            _(
                "Sjekk host i [mail]; bruker tjeneren et internt sertifikat, oppgi CA-filen "
                "med ca_file."
            ),
        )
    if isinstance(exc, ssl.SSLError):
        return (
            _("TLS mot e-posttjeneren {where} feilet ({reason}).").format(
                where=where, reason=exc.reason or exc
            ),
            _("Sjekk security og port i [mail]: starttls bruker vanligvis port 587, tls port 465."),
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            _(
                "E-posttjeneren {where} godtok ikke brukernavnet og passordet ({code} {reply})."
            ).format(where=where, code=exc.smtp_code, reply=_reply(exc)),
            _("Sjekk user i [mail] og passordet i {env} eller nøkkelringen.").format(
                env=settings.password_env
            ),
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(exc.recipients.values()), (0, b""))
        return _refused(where, code, reply.decode("utf-8", "replace"), current)
    if isinstance(exc, smtplib.SMTPResponseException):
        return _refused(where, exc.smtp_code, _reply(exc), current)
    if isinstance(exc, smtplib.SMTPServerDisconnected) and "timed out" in str(exc):
        exc = TimeoutError(str(exc))  # smtplib reports a read that timed out this way
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return (
            _("E-posttjeneren {where} brøt forbindelsen.").format(where=where),
            _("Prøv igjen om litt; skjer det igjen, sjekk security og port i [mail]."),
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return (
            _("E-posttjeneren {where} svarte ikke innen {seconds:g} sekunder.").format(
                where=where, seconds=settings.timeout
            ),
            _("Prøv igjen senere, eller øk timeout i [mail]."),
        )
    if isinstance(exc, ConnectionRefusedError):
        return (
            _("Fikk ikke kontakt med e-posttjeneren {where}: forbindelsen ble avvist.").format(
                where=where
            ),
            _("Sjekk host og port i [mail], og at tjeneren kjører."),
        )
    if isinstance(exc, OSError):
        return (
            _("Fikk ikke kontakt med e-posttjeneren {where} ({reason}).").format(
                where=where, reason=exc.strerror or exc
            ),
            _("Sjekk host og port i [mail], og nettverket."),
        )
    return (
        _("E-posttjeneren {where} svarte med en feil ({reason}).").format(where=where, reason=exc),
        None,
    )


def _reply(exc: smtplib.SMTPResponseException) -> str:
    error = exc.smtp_error
    return error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)


def _refused(where: str, code: int, reply: str, current: Outgoing | None) -> tuple[str, str]:
    whom = current.recipient if current is not None else "?"
    if 400 <= code < 500:
        return (
            _(
                "E-posttjeneren {where} avviste e-posten til {recipient} midlertidig ({code} "
                "{reply})."
            ).format(where=where, recipient=whom, code=code, reply=reply),
            _("Dette er en midlertidig feil: prøv igjen om litt."),
        )
    return (
        _("E-posttjeneren {where} avviste e-posten til {recipient} ({code} {reply}).").format(
            where=where, recipient=whom, code=code, reply=reply
        ),
        _("Sjekk adressen og avsenderen (sender i [mail]); spør IT om tjeneren krever noe annet."),
    )
