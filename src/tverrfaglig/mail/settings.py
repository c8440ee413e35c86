"""``[mail]`` in ``tvf.toml``: the SMTP server, and where the password comes from.

The password is never in the file: tvf reads it from an environment variable (default
``TVF_SMTP_PASSWORD``) or, when that is not set, from the system keyring (service ``tvf``, the
user name as the account). A ``password`` key in ``[mail]`` is refused, so that a password is
never committed to the handbook's git history.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TvfError
from ..i18n import _

SECURITIES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
DEFAULT_PASSWORD_ENV = "TVF_SMTP_PASSWORD"
KEYRING_SERVICE = "tvf"
_KEYS = {
    "host",
    "port",
    "security",
    "user",
    "sender",
    "password_env",
    "timeout",
    "ca_file",
    "addresses",
}
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+$")


@dataclass(frozen=True)
class MailSettings:
    """How tvf sends e-mail; ``addresses`` maps names (owners, the minutes' recipient) to
    e-mail addresses."""

    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password_env: str = DEFAULT_PASSWORD_ENV
    timeout: float = 30.0
    ca_file: Path | None = None
    addresses: Mapping[str, str] = field(default_factory=dict)

    def address_of(self, name: str) -> str | None:
        """The address for ``name`` in ``[mail.addresses]``, case and spacing ignored."""
        wanted = " ".join(name.split()).casefold()
        for key, value in self.addresses.items():
            if " ".join(key.split()).casefold() == wanted:
                return value
        return None


def valid_address(value: str) -> bool:
    return bool(_ADDRESS.match(value.strip()))


def parse_mail_settings(table: Mapping[str, object], path: Path) -> MailSettings:
    """Read ``[mail]``; every problem is a :class:`TvfError` naming the key."""
    if "password" in table:
        raise TvfError(
            _(
                "{path}: [mail] har et passord (password). tvf leser aldri passordet "
                "fra filen, som ligger i git."
            ).format(path=path),
            hint=_(
                "Fjern linjen, og sett passordet i miljøvariabelen {env} eller i "
                "nøkkelringen (keyring set {service} BRUKER)."
            ).format(
                env=table.get("password_env") or DEFAULT_PASSWORD_ENV, service=KEYRING_SERVICE
            ),
        )
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise TvfError(
            _("{path}: [mail] har ukjente felt: {keys}.").format(
                path=path, keys=", ".join(unknown)
            ),
            hint=_(
                "Feltene er host, port, security, user, sender, password_env, timeout, "
                "ca_file og [mail.addresses]."
            ),
        )

    def text(key: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise TvfError(_("{path}: [mail] {key} må være tekst.").format(path=path, key=key))
        return value.strip()

    host = text("host", required=True)
    sender = text("sender", required=True)
    assert host is not None and sender is not None
    if not valid_address(_bare(sender)):
        raise TvfError(
            _("{path}: [mail] sender «{value}» er ikke en e-postadresse.").format(
                path=path, value=sender
            )
        )
    security = (text("security") or "starttls").lower()
    if security not in SECURITIES:
        raise TvfError(
            _("{path}: [mail] security må være starttls, tls eller none.").format(path=path)
        )
    port = table.get("port", DEFAULT_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise TvfError(_("{path}: [mail] port må være et portnummer (1–65535).").format(path=path))
    timeout = table.get("timeout", 30)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise TvfError(_("{path}: [mail] timeout må være et antall sekunder.").format(path=path))
    ca_file = text("ca_file")
    addresses = table.get("addresses", {})
    if not isinstance(addresses, Mapping) or not all(
        isinstance(v, str) and valid_address(v) for v in addresses.values()
    ):
        raise TvfError(
            _(
                "{path}: [mail.addresses] må knytte navn til e-postadresser, f.eks. "
                '"Enhet for oppvekst" = "oppvekst@kommune.no".'
            ).format(path=path)
        )
    return MailSettings(
        host=host,
        sender=sender,
        port=port,
        security=security,
        user=text("user"),
        password_env=text("password_env") or DEFAULT_PASSWORD_ENV,
        timeout=float(timeout),
        ca_file=(path.parent / ca_file) if ca_file else None,
        addresses={str(k): str(v).strip() for k, v in addresses.items()},
    )


def _bare(sender: str) -> str:
    """``oppvekst@kommune.no`` from ``Tverrfaglig nettverk <oppvekst@kommune.no>``."""
    from email.utils import parseaddr

    return parseaddr(sender)[1] or sender


def password(settings: MailSettings, environ: Mapping[str, str] | None = None) -> str | None:
    """The SMTP password: the environment variable, else the keyring; None when neither has
    one (then tvf refuses to log in rather than trying without)."""
    env = os.environ if environ is None else environ
    if env.get(settings.password_env):
        return env[settings.password_env]
    if settings.user is None:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.user)
    except (KeyringError, RuntimeError):
        return None
