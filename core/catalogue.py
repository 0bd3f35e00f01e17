"""The indicator catalogue: one place for every indicator's label, unit, source, year and meaning."""

from __future__ import annotations

from collections.abc import Mapping

from core import catalogue_2026
from core.indicator_meta import (  # the record and the sources; callers import indicator_meta
    GENDER_NOTE,
    KINDS,
    SOURCE_CBS_2024,
    SOURCE_COMBINED,
    SOURCE_KR_2014,
    SOURCE_KR_2018,
    SOURCE_KR_2022,
    SOURCE_KR_2026,
    THEMES,
    Indicator,
)

# The 2026 election first: it is today's picture; 2022 and earlier are the comparison.
_INDICATORS = [
    *catalogue_2026.ITEMS,
    Indicator(
        "candidates_per_seat_2022",
        "Kandidaten per raadszetel (2022)",
        "kandidaten per zetel",
        "tekort",
        SOURCE_KR_2022,
        2022,
        False,
        "derived",
        "Alle kandidaten op alle lijsten van 2022 samen, gedeeld door het aantal raadszetels. "
        "Laag = weinig keus en weinig reserves. De vergelijking met 2026 staat in "
        "'Verandering kandidaten per raadszetel (2022 → 2026)'.",
    ),
    Indicator(
        "short_lists_share_2022",
        "Aandeel lijsten korter dan de raad (2022)",
        "%",
        "tekort",
        SOURCE_KR_2022,
        2022,
        True,
        "derived",
        "Percentage van de kandidatenlijsten met minder kandidaten dan de raad zetels heeft. "
        "Let op: in een op de vijf gemeenten is dit 100%.",
    ),
    Indicator(
        "half_short_lists_share_2022",
        "Aandeel lijsten korter dan de halve raad (2022)",
        "%",
        "tekort",
        SOURCE_KR_2022,
        2022,
        True,
        "derived",
        "Percentage van de kandidatenlijsten met minder kandidaten dan de helft van het aantal "
        "zetels: lijsten die echt moeite hadden om mensen te vinden.",
    ),
    Indicator(
        "lists_2022",
        "Aantal kandidatenlijsten (2022)",
        "lijsten",
        "tekort",
        SOURCE_KR_2022,
        2022,
        False,
        "official",
        "Aantal partijen en lokale lijsten dat meedeed aan de raadsverkiezing van 2022.",
        decimals=0,
    ),
    Indicator(
        "women_council_share_2022",
        "Vrouwen in de raad (2022)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2022,
        2022,
        False,
        "derived",
        "Percentage vrouwen onder de gekozen raadsleden van wie het geslacht bekend is: zoals "
        "de lijst het opgaf, of geschat uit de voornaam waar de lijst het niet opgaf. "
        + GENDER_NOTE,
    ),
    Indicator(
        "women_council_share_2018",
        "Vrouwen in de raad (2018)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2018,
        2018,
        False,
        "derived",
        "Percentage vrouwen onder de gekozen raadsleden van 2018 met bekend geslacht (opgegeven "
        "door de lijst of geschat uit de voornaam). " + GENDER_NOTE,
    ),
    Indicator(
        "women_council_share_2014",
        "Vrouwen in de raad (2014)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2014,
        2014,
        False,
        "derived",
        "Percentage vrouwen onder de gekozen raadsleden van 2014 met bekend geslacht (opgegeven "
        "door de lijst of geschat uit de voornaam). " + GENDER_NOTE,
    ),
    Indicator(
        "gender_unknown_share_2022",
        "Gekozen raadsleden zonder bekend geslacht (2022)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2022,
        2022,
        True,
        "derived",
        "Percentage gekozen raadsleden van 2022 bij wie de lijst geen geslacht opgaf en het ook "
        "niet uit de voornaam te schatten was. Hoe hoger, hoe onzekerder het aandeel vrouwen.",
    ),
    Indicator(
        "gender_estimated_share_2022",
        "Gekozen raadsleden met geschat geslacht (2022)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2022,
        2022,
        None,
        "derived",
        "Percentage gekozen raadsleden van 2022 bij wie de lijst geen geslacht opgaf en "
        "Raadsradar het geslacht uit de voornaam schatte. " + GENDER_NOTE,
    ),
    Indicator(
        "gender_unknown_share_2018",
        "Gekozen raadsleden zonder bekend geslacht (2018)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2018,
        2018,
        True,
        "derived",
        "Percentage gekozen raadsleden van 2018 bij wie de lijst geen geslacht opgaf en het ook "
        "niet uit de voornaam te schatten was. Hoe hoger, hoe onzekerder het aandeel vrouwen.",
    ),
    Indicator(
        "gender_estimated_share_2018",
        "Gekozen raadsleden met geschat geslacht (2018)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2018,
        2018,
        None,
        "derived",
        "Percentage gekozen raadsleden van 2018 bij wie de lijst geen geslacht opgaf en "
        "Raadsradar het geslacht uit de voornaam schatte. " + GENDER_NOTE,
    ),
    Indicator(
        "gender_unknown_share_2014",
        "Gekozen raadsleden zonder bekend geslacht (2014)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2014,
        2014,
        True,
        "derived",
        "Percentage gekozen raadsleden van 2014 bij wie de lijst geen geslacht opgaf en het ook "
        "niet uit de voornaam te schatten was. Hoe hoger, hoe onzekerder het aandeel vrouwen.",
    ),
    Indicator(
        "gender_estimated_share_2014",
        "Gekozen raadsleden met geschat geslacht (2014)",
        "%",
        "vertegenwoordiging",
        SOURCE_KR_2014,
        2014,
        None,
        "derived",
        "Percentage gekozen raadsleden van 2014 bij wie de lijst geen geslacht opgaf en "
        "Raadsradar het geslacht uit de voornaam schatte. " + GENDER_NOTE,
    ),
    Indicator(
        "women_population_share_2024",
        "Vrouwen in de bevolking (2024)",
        "%",
        "bevolking",
        SOURCE_CBS_2024,
        2024,
        None,
        "official",
        "Percentage vrouwen onder alle inwoners op 1 januari 2024.",
    ),
    Indicator(
        "women_gap_2022",
        "Achterstand vrouwen in de raad (2022)",
        "procentpunt",
        "vertegenwoordiging",
        SOURCE_COMBINED,
        2022,
        True,
        "derived",
        "Aandeel vrouwen in de bevolking (2024) min aandeel vrouwen in de raad (2022), in "
        "procentpunten. Positief = vrouwen zijn ondervertegenwoordigd.",
        diverging=True,
    ),
    Indicator(
        "origin_outside_europe_share_2024",
        "Inwoners met herkomst buiten Europa (2024)",
        "%",
        "bevolking",
        SOURCE_CBS_2024,
        2024,
        None,
        "official",
        "Percentage inwoners met herkomstland buiten Europa (CBS-indeling naar herkomst: "
        "geboren buiten Europa, of een ouder geboren buiten Europa).",
    ),
    Indicator(
        "origin_non_dutch_share_2024",
        "Inwoners met herkomst buiten Nederland (2024)",
        "%",
        "bevolking",
        SOURCE_CBS_2024,
        2024,
        None,
        "official",
        "Percentage inwoners met een ander herkomstland dan Nederland (CBS: zelf of een ouder "
        "in het buitenland geboren), Europa en buiten Europa samen.",
    ),
    Indicator(
        "origin_europe_share_2024",
        "Inwoners met herkomst elders in Europa (2024)",
        "%",
        "bevolking",
        SOURCE_CBS_2024,
        2024,
        None,
        "official",
        "Percentage inwoners met herkomstland in Europa, maar niet Nederland.",
    ),
    Indicator(
        "inhabitants_2024",
        "Inwoners (2024)",
        "inwoners",
        "bevolking",
        SOURCE_CBS_2024,
        2024,
        None,
        "official",
        "Aantal inwoners op 1 januari 2024.",
        decimals=0,
    ),
    Indicator(
        "seats_2026",
        "Raadszetels (2026)",
        "zetels",
        "raad",
        SOURCE_KR_2026,
        2026,
        None,
        "official",
        "Aantal zetels in de gemeenteraad bij de verkiezing van 18 maart 2026.",
        decimals=0,
    ),
    Indicator(
        "seats_2022",
        "Raadszetels (2022)",
        "zetels",
        "raad",
        SOURCE_KR_2022,
        2022,
        None,
        "official",
        "Aantal zetels in de gemeenteraad gekozen op 16 maart 2022.",
        decimals=0,
    ),
    Indicator(
        "inhabitants_per_seat_2026",
        "Inwoners per raadszetel (2026)",
        "inwoners per zetel",
        "raad",
        SOURCE_COMBINED,
        2026,
        True,
        "derived",
        "Inwoners (1 januari 2024) gedeeld door het aantal raadszetels van 2026. Hoe hoger, "
        "hoe meer inwoners elk raadslid vertegenwoordigt.",
        decimals=0,
    ),
    Indicator(
        "potential_pool_per_seat_2026",
        "Mogelijke kandidaten per raadszetel (2026)",
        "personen per zetel",
        "raad",
        SOURCE_COMBINED,
        2026,
        False,
        "derived",
        "Volwassen inwoners (18 jaar en ouder, geschat: 25 jaar en ouder plus 7/10 van de groep "
        "15-25 jaar) maal 15% die zich kandidaat zou stellen als het gevraagd wordt "
        "(ministerie van BZK, juni 2025), per raadszetel van 2026.",
        decimals=0,
    ),
    Indicator(
        "priority_score",
        "Prioriteitsscore (standaardweging)",
        "score 0-100",
        "prioriteit",
        SOURCE_COMBINED,
        2026,
        True,
        "derived",
        "Gemiddelde van percentielrangen (0-100, hoger = meer aandacht nodig) van: weinig "
        "kandidaten per zetel (2026) en de achterstand van vrouwen in de raad (2026), even "
        "zwaar. Ontbreekt een onderdeel, dan telt alleen het andere.",
        decimals=0,
    ),
]

INDICATORS: dict[str, Indicator] = {item.id: item for item in _INDICATORS}

# The headline shortage measure: candidates per seat separates gemeenten where the share of
# short lists saturates at 100% (product.md, "Core measures").
HEADLINE_SHORTAGE = "candidates_per_seat_2026"

# Default components of the priority score: indicator id -> weight.
DEFAULT_PRIORITY_WEIGHTS = {"candidates_per_seat_2026": 1.0, "women_gap_2026": 1.0}


def get(indicator_id: str, extra: Mapping[str, Indicator] | None = None) -> Indicator:
    """Return an indicator's metadata (`extra`: a session's imported entries), or a clear error."""
    if extra and indicator_id in extra:
        return extra[indicator_id]
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise KeyError(f"Onbekende indicator: {indicator_id!r}") from None


def by_theme(extra: Mapping[str, Indicator] | None = None) -> dict[str, list[Indicator]]:
    """Indicators grouped by theme, in catalogue order; imported ones under 'eigen'."""
    groups: dict[str, list[Indicator]] = {theme: [] for theme in THEMES}
    for item in [*_INDICATORS, *(extra or {}).values()]:
        groups[item.theme if item.theme in groups else "eigen"].append(item)
    return {theme: items for theme, items in groups.items() if items}


def footnote(indicator: str | Indicator, extra: Mapping[str, Indicator] | None = None) -> str:
    """The source line shown under every figure: source, reference year and kind (an id, or the
    already resolved catalogue item)."""
    item = indicator if isinstance(indicator, Indicator) else get(indicator, extra)
    return f"Bron: {item.source}. Peiljaar {year_text(item)}. Soort: {KINDS[item.kind]}."


def year_text(item: Indicator) -> str:
    """The reference year as shown: '2022', or 'onbekend' (an import without a year)."""
    return "onbekend" if item.year is None else str(item.year)
