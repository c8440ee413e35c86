"""The catalogue of check codes: severity and a one-line description of each.

Used where a report names its rules (SARIF); the full meaning of each code is in
``docs/check.md`` and the documents it links to. The descriptions are Norwegian message IDs
(marked with ``N_``); :func:`describe` gives them in the language in use.
"""

from __future__ import annotations

from ..i18n import N_, _

CODES: dict[str, tuple[str, str]] = {
    "TVF001": ("error", N_("Filen kan ikke leses, eller front matter mangler eller er ugyldig")),
    "TVF002": ("error", N_("Påkrevd felt mangler")),
    "TVF003": ("error", N_("Felt med feil form (dato, versjon, type, status …)")),
    "TVF004": ("error", N_("Dokument-ID med feil form")),
    "TVF005": ("error", N_("Dokument-ID, tiltakskode eller nettverks-ID brukt to ganger")),
    "TVF101": ("error", N_("Referanse til et dokument som ikke finnes")),
    "TVF102": ("warning", N_("Referanse til et utgått dokument")),
    "TVF103": ("warning", N_("Mistenkelig referanse: dokumentet det vises til, er godkjent "
                             "på nytt")),
    "TVF201": ("error", N_("Henvisning til en lov som ikke er i lovregisteret")),
    "TVF202": ("error", N_("Henvisning til en paragraf eller et kapittel loven ikke har")),
    "TVF203": ("warning", N_("Henvisning til en opphevet lov")),
    "TVF204": ("warning", N_("Lovhenvisning skrevet på en uvanlig måte (f.eks. § 15.8)")),
    "TVF205": ("warning", N_("Henvisning til en opphevet paragraf")),
    "TVF206": ("warning", N_("Paragrafen det vises til, er endret etter at dokumentet ble "
                             "gyldig")),
    "TVF301": ("warning", N_("Revisjonsdatoen er passert")),
    "TVF302": ("error", N_("Godkjent dokument endret uten ny godkjenning (fingeravtrykk)")),
    "TVF401": ("warning", N_("Nettverkslederens periode er over")),
    "TVF402": ("warning", N_("For få møter holdt eller planlagt i skoleåret")),
    "TVF403": ("warning", N_("Et møte som er holdt, mangler referat")),
    "TVF404": ("warning", N_("Oppfølgingspunkt med passert frist")),
    "TVF405": ("warning", N_("Ingen årlig evaluering av nettverket de siste tolv månedene")),
    "TVF406": ("warning", N_("Referatet er ikke sendt")),
    "TVF407": ("warning", N_("Oppgavelinje i referatet som ikke har kontraktens form")),
    "TVF408": ("warning", N_("To sakslister eller to referater for samme møte")),
    "TVF501": ("error", N_("Mulig fødselsnummer, D- eller H-nummer i et dokument")),
}


def describe(code: str) -> str:
    """The one-line description of ``code`` in the language in use (the code if unknown)."""
    entry = CODES.get(code)
    return code if entry is None else _(entry[1])
