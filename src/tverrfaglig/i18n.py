"""Norwegian first: the language tvf speaks, with gettext.

tvf is written in Norwegian bokmål: every message, help text and template is Norwegian in the
source, and those Norwegian strings are the gettext message IDs. English is a translation, in
``locale/en/LC_MESSAGES/tvf.po``. So a string nobody has translated yet still reads as
Norwegian — the language of the people the handbook is for — never as a blank or a key.

Which language
    ``--lang nb|en`` on the command line, else ``TVF_LANG``, else the first of ``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set (gettext's own order). ``en…`` there
    means English; anything else (``nb_NO.UTF-8``, ``C.UTF-8``, ``de_DE``) means bokmål.

How to mark text
    ``_("Fant ikke {path}.").format(path=…)`` where the text is used; ``N_("…")`` for text
    defined before the language is known (module constants, typer help texts) and translated
    later with ``_()``; ``ngettext(singular, plural, n)`` for counts. Placeholders are
    ``str.format`` names, never f-strings (gettext looks a message up by its exact text).
    Templates use Jinja2's ``{% trans %}`` and ``_()``.

The language is process-wide state, set once per command by the CLI (:func:`activate`); worker
processes are forked and inherit it. Compiled catalogs (``.mo``) are made by the build (see
``hatch_build.py``) and by ``make install``; ``make i18n`` extracts new messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import datetime as dt

DOMAIN = "tvf"
#: The domain with Norwegian for the English strings of typer and its vendored click.
CLICK_DOMAIN = "click"
DEFAULT_LANGUAGE = "nb"
LANGUAGES = ("nb", "en")
LOCALE_DIR = Path(__file__).parent / "locale"
ENV_VARS = ("TVF_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class _Catalog(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class _Untranslated:
    """Every message as it is written, as gettext's ``NullTranslations`` gives it: the
    catalog of bokmål, which needs no file (nor the gettext module) read at start-up."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


_NULL: _Catalog = _Untranslated()
_language = DEFAULT_LANGUAGE
_messages: _Catalog = _NULL
#: typer's and click's strings in the language in use; read on first use (:func:`_click`).
_click_catalog: _Catalog | None = None


def normalise(value: str) -> str | None:
    """``nb`` or ``en`` for a language or locale name (``en_GB.UTF-8``); ``None`` if unknown.

    Nynorsk and plain "Norwegian" (``nn``, ``no``) get bokmål, the nearest we have.
    """
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code == "en":
        return "en"
    if code in ("nb", "no", "nn"):
        return "nb"
    return None


def resolve(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: ``explicit`` (``--lang``) first, then the environment."""
    if explicit:
        return normalise(explicit) or DEFAULT_LANGUAGE
    env = os.environ if environ is None else environ
    for name in ENV_VARS:
        value = env.get(name, "")
        if not value:
            continue
        # LANGUAGE may list several, "en_GB:nb"; the first one we speak wins.
        for part in value.split(":"):
            if language := normalise(part):
                return language
        if name == "TVF_LANG":
            continue
        return DEFAULT_LANGUAGE  # gettext stops at the first variable that is set
    return DEFAULT_LANGUAGE


def _load(domain: str, language: str) -> _Catalog:
    import gettext

    try:
        return gettext.translation(domain, LOCALE_DIR, languages=[language])
    except FileNotFoundError:
        return _NULL


def _click() -> _Catalog:
    """The catalog of typer's and click's strings for the language in use."""
    global _click_catalog
    if _click_catalog is None:
        _click_catalog = _load(CLICK_DOMAIN, _language) if _language != "en" else _NULL
    return _click_catalog


def activate(language: str) -> str:
    """Speak ``language`` (``nb`` or ``en``) from now on; returns the language in use.

    English needs the compiled catalog; a source checkout without it falls back to Norwegian
    (``make install`` compiles it, and a test guards that it is there and fresh).
    """
    global _language, _messages, _click_catalog
    language = normalise(language) or DEFAULT_LANGUAGE
    _language = language
    _messages = _NULL if language == DEFAULT_LANGUAGE else _load(DOMAIN, language)
    _click_catalog = None
    return language


def language() -> str:
    """The language in use: ``nb`` or ``en``."""
    return _language


@contextmanager
def using(language_code: str) -> Iterator[None]:
    """Speak ``language_code`` inside the block, then go back to what was spoken before."""
    before = _language
    activate(language_code)
    try:
        yield
    finally:
        activate(before)


def _(message: str) -> str:
    """``message`` (Norwegian) in the language in use."""
    return _messages.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language in use."""
    return _messages.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (translate with ``_``)."""
    return message


def click_text(message: str) -> str:
    """An English string of typer/click in the language in use (Norwegian by default)."""
    return _click().gettext(message)


def click_catalog() -> dict[str, str]:
    """Every English typer/click message that has a translation in the language in use."""
    catalog = getattr(_click(), "_catalog", {})  # where GNUTranslations keeps its messages
    return {key: value for key, value in catalog.items() if isinstance(key, str) and key}


# --- Dates ---------------------------------------------------------------------------------

MONTHS = (
    N_("januar"),
    N_("februar"),
    N_("mars"),
    N_("april"),
    N_("mai"),
    N_("juni"),
    N_("juli"),
    N_("august"),
    N_("september"),
    N_("oktober"),
    N_("november"),
    N_("desember"),
)
WEEKDAYS = (
    N_("mandag"),
    N_("tirsdag"),
    N_("onsdag"),
    N_("torsdag"),
    N_("fredag"),
    N_("lørdag"),
    N_("søndag"),
)


def month_name(month: int) -> str:
    """``januar`` … ``desember`` (``January`` … in English) for month 1–12."""
    return _(MONTHS[month - 1])


def weekday_name(day: dt.date) -> str:
    """``mandag`` … ``søndag`` (``Monday`` … in English)."""
    return _(WEEKDAYS[day.weekday()])


def long_date(day: dt.date) -> str:
    """``14. januar 2027`` (``14 January 2027`` in English)."""
    return _("{day}. {month} {year}").format(
        day=day.day, month=month_name(day.month), year=day.year
    )
