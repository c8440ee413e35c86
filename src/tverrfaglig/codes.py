"""The catalogue of check codes: severity and a one-line Norwegian description of each.

Used where a report names its rules (SARIF); the full meaning of each code is in
``docs/check.md`` and the documents it links to.
"""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    "TVF001": ("error", "Filen kan ikke leses, eller front matter mangler eller er ugyldig"),
    "TVF002": ("error", "Påkrevd felt mangler"),
    "TVF003": ("error", "Felt med feil form (dato, versjon, type, status …)"),
    "TVF004": ("error", "Dokument-ID med feil form"),
    "TVF005": ("error", "Dokument-ID, tiltakskode eller nettverks-ID brukt to ganger"),
    "TVF101": ("error", "Referanse til et dokument som ikke finnes"),
    "TVF102": ("warning", "Referanse til et utgått dokument"),
    "TVF103": ("warning", "Mistenkelig referanse: dokumentet det vises til, er godkjent på nytt"),
    "TVF201": ("error", "Henvisning til en lov som ikke er i lovregisteret"),
    "TVF202": ("error", "Henvisning til en paragraf eller et kapittel loven ikke har"),
    "TVF203": ("warning", "Henvisning til en opphevet lov"),
    "TVF204": ("warning", "Lovhenvisning skrevet på en uvanlig måte (f.eks. § 15.8)"),
    "TVF205": ("warning", "Henvisning til en opphevet paragraf"),
    "TVF206": ("warning", "Paragrafen det vises til, er endret etter at dokumentet ble gyldig"),
    "TVF301": ("warning", "Revisjonsdatoen er passert"),
    "TVF302": ("error", "Godkjent dokument endret uten ny godkjenning (fingeravtrykk)"),
    "TVF401": ("warning", "Nettverkslederens periode er over"),
    "TVF402": ("warning", "For få møter holdt eller planlagt i skoleåret"),
    "TVF403": ("warning", "Et møte som er holdt, mangler referat"),
    "TVF404": ("warning", "Oppfølgingspunkt med passert frist"),
    "TVF405": ("warning", "Ingen årlig evaluering av nettverket de siste tolv månedene"),
    "TVF406": ("warning", "Referatet er ikke sendt"),
    "TVF407": ("warning", "Oppgavelinje i referatet som ikke har kontraktens form"),
    "TVF408": ("warning", "To sakslister eller to referater for samme møte"),
    "TVF501": ("error", "Mulig fødselsnummer, D- eller H-nummer i et dokument"),
}


def describe(code: str) -> str:
    return CODES.get(code, ("", code))[1]
