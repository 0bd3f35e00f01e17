"""Catalogue entries of the election of 18 March 2026 and of the change since 2022.

Ids are a contract (README, ../shared/docs/test-contract.md). Computed by core.indicators.
"""

from __future__ import annotations

from core import indicator_meta

Indicator = indicator_meta.Indicator
LISTS = indicator_meta.SOURCE_KR_2026_LISTS
RESULTS = indicator_meta.SOURCE_KR_2026_RESULTS

_SHORT_NOTE = (
    "Dit is de maat van Raadsradar, berekend uit de lijstlengtes: niet hetzelfde als de 'bijna "
    "de helft van de lokale partijen heeft moeite met kandidaten vinden' uit de aankondiging "
    "van het kabinet (een enquête onder partijen)."
)

ITEMS = [
    Indicator(
        "candidates_per_seat_2026",
        "Kandidaten per raadszetel (2026)",
        "kandidaten per zetel",
        "tekort",
        LISTS,
        2026,
        False,
        "derived",
        "Alle kandidaten op alle lijsten van de verkiezing van 18 maart 2026 samen, gedeeld door "
        "het aantal raadszetels. Laag = weinig keus en weinig reserves. Dit is de hoofdmaat voor "
        "het tekort: hij onderscheidt gemeenten beter dan het aandeel korte lijsten.",
    ),
    Indicator(
        "candidates_per_seat_change_2022_2026",
        "Verandering kandidaten per raadszetel (2022 → 2026)",
        "kandidaten per zetel",
        "tekort",
        indicator_meta.SOURCE_KR_2022_2026,
        2026,
        False,
        "derived",
        "Kandidaten per raadszetel in 2026 min die in 2022, voor dezelfde gemeente (indeling "
        "2025). Negatief = minder kandidaten per zetel dan in 2022. Ontbreekt als een van beide "
        "jaren ontbreekt (bijvoorbeeld na een herindeling, of zonder lijstlengtes van 2022).",
        diverging=True,
        decimals=2,
    ),
    Indicator(
        "short_lists_share_2026",
        "Aandeel lijsten korter dan de raad (2026)",
        "%",
        "tekort",
        LISTS,
        2026,
        True,
        "derived",
        "Percentage van de kandidatenlijsten van 2026 met minder kandidaten dan de raad zetels "
        "heeft. " + _SHORT_NOTE,
    ),
    Indicator(
        "half_short_lists_share_2026",
        "Aandeel lijsten korter dan de halve raad (2026)",
        "%",
        "tekort",
        LISTS,
        2026,
        True,
        "derived",
        "Percentage van de kandidatenlijsten van 2026 met minder kandidaten dan de helft van het "
        "aantal zetels: lijsten die echt moeite hadden om mensen te vinden.",
    ),
    Indicator(
        "lists_2026",
        "Aantal kandidatenlijsten (2026)",
        "lijsten",
        "tekort",
        LISTS,
        2026,
        False,
        "official",
        "Aantal partijen en lokale lijsten dat meedeed aan de raadsverkiezing van 18 maart 2026.",
        decimals=0,
    ),
    Indicator(
        "candidates_2026",
        "Kandidaten (2026)",
        "kandidaten",
        "tekort",
        LISTS,
        2026,
        False,
        "official",
        "Aantal kandidaten op alle lijsten samen bij de raadsverkiezing van 18 maart 2026.",
        decimals=0,
    ),
    Indicator(
        "women_council_share_2026",
        "Vrouwen in de raad (2026)",
        "%",
        "vertegenwoordiging",
        RESULTS,
        2026,
        False,
        "derived",
        "Percentage vrouwen onder de raadsleden gekozen op 18 maart 2026 van wie het geslacht "
        "bekend is: zoals de lijst het opgaf, of geschat uit de voornaam waar de lijst het niet "
        "opgaf. " + indicator_meta.GENDER_NOTE,
    ),
    Indicator(
        "women_council_share_change_2022_2026",
        "Verandering vrouwen in de raad (2022 → 2026)",
        "procentpunt",
        "vertegenwoordiging",
        indicator_meta.SOURCE_KR_2022_2026,
        2026,
        False,
        "derived",
        "Aandeel vrouwen in de raad van 2026 min dat van 2022, in procentpunten, voor dezelfde "
        "gemeente (indeling 2025). Positief = meer vrouwen dan in 2022. Ontbreekt als een van "
        "beide jaren ontbreekt. " + indicator_meta.GENDER_NOTE,
        diverging=True,
    ),
    Indicator(
        "women_gap_2026",
        "Achterstand vrouwen in de raad (2026)",
        "procentpunt",
        "vertegenwoordiging",
        indicator_meta.SOURCE_COMBINED,
        2026,
        True,
        "derived",
        "Aandeel vrouwen in de bevolking (2024) min aandeel vrouwen in de raad (2026), in "
        "procentpunten. Positief = vrouwen zijn ondervertegenwoordigd.",
        diverging=True,
    ),
    Indicator(
        "women_candidates_share_2026",
        "Vrouwen onder de kandidaten (2026)",
        "%",
        "vertegenwoordiging",
        LISTS,
        2026,
        False,
        "derived",
        "Percentage vrouwen onder de kandidaten van 2026 van wie de lijst het geslacht opgaf. "
        "Lijsten vullen het geslacht per lijst in of laten het voor de hele lijst leeg (veel "
        "lijsten van GL/PvdA en D66); hoeveel kandidaten zonder opgegeven geslacht zijn, staat "
        "in een eigen indicator. Niet geschat uit namen.",
    ),
    Indicator(
        "candidate_gender_unknown_share_2026",
        "Kandidaten zonder opgegeven geslacht (2026)",
        "%",
        "vertegenwoordiging",
        LISTS,
        2026,
        True,
        "derived",
        "Percentage kandidaten van 2026 bij wie de lijst geen geslacht opgaf. Hoe hoger, hoe "
        "minder het aandeel vrouwen onder de kandidaten zegt.",
    ),
    Indicator(
        "gender_unknown_share_2026",
        "Gekozen raadsleden zonder bekend geslacht (2026)",
        "%",
        "vertegenwoordiging",
        RESULTS,
        2026,
        True,
        "derived",
        "Percentage raadsleden gekozen in 2026 bij wie de lijst geen geslacht opgaf en het ook "
        "niet uit de voornaam te schatten was. Hoe hoger, hoe onzekerder het aandeel vrouwen.",
    ),
    Indicator(
        "gender_estimated_share_2026",
        "Gekozen raadsleden met geschat geslacht (2026)",
        "%",
        "vertegenwoordiging",
        RESULTS,
        2026,
        None,
        "derived",
        "Percentage raadsleden gekozen in 2026 bij wie de lijst geen geslacht opgaf en "
        "Raadsradar het geslacht uit de voornaam schatte. " + indicator_meta.GENDER_NOTE,
    ),
]
