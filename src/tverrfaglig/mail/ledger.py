"""The record of what tvf has sent: ``.tvf/sendt.json`` in the handbook.

Each message has a key (what it is, for example ``agenda:kanebogen:2027-01-14``) and a
recipient. A message is recorded the moment the server has accepted it, so when a batch stops
halfway (the server fails, the connection drops) a new run sends only what is missing. The
file is rewritten through a temporary file and a rename after each message.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import TvfError
from ..files import write_atomic
from ..i18n import N_, _

LEDGER = Path(".tvf") / "sendt.json"
_FIX = N_("Rett eller slett filen (da kan noe bli sendt på nytt).")


@dataclass
class Ledger:
    path: Path
    entries: list[dict[str, str]]

    @classmethod
    def load(cls, root: Path) -> Ledger:
        path = root / LEDGER
        if not path.exists():
            return cls(path, [])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            message = _(
                "{path} kan ikke leses ({reason}); tvf vet da ikke hva som alt er "
                "sendt, og sender ingenting."
            ).format(path=path, reason=exc)
            raise TvfError(message, hint=_(_FIX)) from None
        entries = data.get("sent") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise TvfError(
                _("{path} har feil form; tvf sender ingenting.").format(path=path), hint=_(_FIX)
            )
        return cls(path, [e for e in entries if isinstance(e, dict)])

    def sent(self, key: str, recipient: str) -> dict[str, str] | None:
        address = recipient.casefold()
        return next(
            (
                e
                for e in self.entries
                if e.get("key") == key and str(e.get("to", "")).casefold() == address
            ),
            None,
        )

    def record(
        self, key: str, recipient: str, subject: str, message_id: str, when: dt.datetime
    ) -> None:
        self.entries.append(
            {
                "key": key,
                "to": recipient,
                "subject": subject,
                "message_id": message_id,
                "at": when.isoformat(timespec="seconds"),
            }
        )
        text = json.dumps({"sent": self.entries}, ensure_ascii=False, indent=1) + "\n"
        write_atomic(self.path, text)
