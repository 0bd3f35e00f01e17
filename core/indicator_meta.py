"""What every catalogue entry is: the Indicator record, themes, kinds and the shared source lines.

Kept apart from core.catalogue so that the entries can live in more than one module (the 2026
election's in core.catalogue_2026) without an import cycle; core.catalogue re-exports all of it.
"""

from __future__ import annotations

import dataclasses

SOURCE_CBS_2024 = (
    "CBS, Kerncijfers wijken en buurten 2024 (tabel 85984NED), peildatum 1 januari 2024"
)
SOURCE_KR_2022 = "Kiesraad, uitslagen gemeenteraadsverkiezingen 16 maart 2022 (EML)"
SOURCE_KR_2018 = "Kiesraad, uitslagen gemeenteraadsverkiezingen 21 maart 2018 (EML)"
SOURCE_KR_2014 = "Kiesraad, uitslagen gemeenteraadsverkiezingen 19 maart 2014 (via GRtool)"
SOURCE_KR_2026 = "Kiesraad, raadszetels gemeenteraadsverkiezingen 18 maart 2026"
SOURCE_KR_2026_LISTS = (
    "Kiesraad, kandidatenlijsten gemeenteraadsverkiezingen 18 maart 2026 (per lijst afgeleid "
    "uit het landelijke Kiesraad-bestand)"
)
SOURCE_KR_2026_RESULTS = (
    "Kiesraad, uitslag gemeenteraadsverkiezingen 18 maart 2026 (per partij afgeleid, via "
    "GRtool; zonder Gorinchem)"
)
SOURCE_KR_2022_2026 = (
    "Afgeleid door Raadsradar uit de Kiesraad-gegevens van 16 maart 2022 en 18 maart 2026"
)
SOURCE_COMBINED = "Afgeleid door Raadsradar uit Kiesraad- en CBS-gegevens"

THEMES = {
    "tekort": "Kandidatentekort",
    "vertegenwoordiging": "Vertegenwoordiging",
    "raad": "Raad en werklast",
    "bevolking": "Bevolking",
    "prioriteit": "Prioriteit",
    "eigen": "Eigen gegevens",
}

KINDS = {
    "official": "officieel cijfer",
    "derived": "afgeleid",
    "imported": "eigen import",
    "illustrative": "fictief voorbeeld",
}


@dataclasses.dataclass(frozen=True)
class Indicator:
    """Metadata of one indicator; `higher_is_worse` None means neither direction is worse."""

    id: str
    label: str
    unit: str
    theme: str
    source: str
    year: int | None  # reference year; None for an import whose year is unknown
    higher_is_worse: bool | None
    kind: str
    definition: str
    diverging: bool = False
    decimals: int = 1

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


# The women's figures rest on published and estimated genders; above this share of estimated
# plus still-unknown genders among a council's elected, a gemeente's women figure is marked
# (and left out of "worst N" slides unless the user includes it).
GENDER_UNCERTAIN_THRESHOLD = 20.0
GENDER_NOTE = (
    "Geslacht geschat uit de voornaam waar de lijst het niet opgaf (gender-guesser met de "
    "Nederlandse namenlijst, en nomquamgender voor namen die daar niet in staan); namen voor "
    "beide geslachten of onbekende namen blijven onbekend. Methode en nauwkeurigheid per stap: "
    "pagina Gegevens."
)
