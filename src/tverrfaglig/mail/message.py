"""Building the messages: a text and an HTML body, attachments, and for an agenda an
invitation (iCalendar ``METHOD:REQUEST``) that Outlook shows as a meeting request.

The structure Outlook, Gmail and Thunderbird all accept for an invitation is::

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; method=REQUEST     (the invitation itself)
      application/vnd.openxmlformats-officedocument.wordprocessingml.document  (or PDF)
      text/calendar; name=invitasjon.ics  (the same invitation, as a file to open)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from ..export.markdown import to_html

MIME_TYPES = {
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("application", "pdf"),
}


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    subtype: str  # docx or pdf


@dataclass(frozen=True)
class Outgoing:
    """One message to one recipient, with the key it is recorded under once sent."""

    key: str
    recipient: str  # the address
    name: str  # who it is (service, owner), for messages to the user
    message: EmailMessage
    text: str = field(repr=False)  # everything the message says, for the personal-data guard

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


def build(
    *,
    key: str,
    sender: str,
    recipient: str,
    name: str,
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    invitation: bytes | None = None,
    now: dt.datetime,
    language: str = "nb",
) -> Outgoing:
    """One message: ``body`` (Markdown) as plain text and as HTML."""
    message = EmailMessage()
    message["From"] = sender
    # Address quotes a name such as «PPT: PP-rådgiver», which would otherwise read as a group.
    message["To"] = Address(display_name=name if name != recipient else "", addr_spec=recipient)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "tverrfaglig"
    message["Message-ID"] = make_msgid("tvf", domain=domain)
    message["Content-Language"] = "nb-NO" if language == "nb" else "en-GB"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body, subtype="plain", charset="utf-8")
    message.add_alternative(_html_mail(body, language), subtype="html", charset="utf-8")
    if invitation is not None:
        message.add_alternative(
            invitation.decode("utf-8"),
            subtype="calendar",
            charset="utf-8",
            params={"method": "REQUEST"},
        )
    for attachment in attachments:
        maintype, subtype = MIME_TYPES[attachment.subtype]
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    if invitation is not None:
        message.add_attachment(
            invitation,
            maintype="text",
            subtype="calendar",
            filename="invitasjon.ics",
            params={"method": "REQUEST"},
        )
    return Outgoing(key, recipient, name, message, text=f"{subject}\n{body}")


def _html_mail(body: str, language: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head><meta charset="utf-8"></head>\n'
        '<body style="font-family: Calibri, Arial, sans-serif; font-size: 11pt">\n'
        f"{to_html(body)}</body>\n</html>\n"
    )
