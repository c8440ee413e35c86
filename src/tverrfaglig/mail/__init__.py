"""E-mail that is really sent: agendas, minutes and the owners' digests (docs/mail.md).

* :mod:`.settings`: ``[mail]`` in ``tvf.toml`` and the password (environment or keyring only);
* :mod:`.message`: building the messages (text and HTML, attachments, the invitation);
* :mod:`.jobs`: which messages ``agenda send``, ``minutes send`` and ``outdated --mail`` make;
* :mod:`.sender`: sending a batch over SMTP, or writing it as ``.eml`` files;
* :mod:`.ledger`: the record of what was sent, so a retry never sends twice.

Importing this package imports nothing heavy; the submodules are imported where used.
"""
