"""National key figures computed from the bundle (each with its source and reference year)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from core import catalogue, fmt


@dataclasses.dataclass(frozen=True)
class KeyFigure:
    """One number for the overview, with what it counts and where it comes from."""

    label: str
    value: float
    unit: str
    source: str
    note: str = ""
    display: str = ""  # wording to show instead of the number, for cited approximate figures
    delta: str = ""

    def shown(self) -> str:
        """The value as the user reads it (Dutch format)."""
        if self.display:
            return self.display
        if self.unit == "%":
            return fmt.percent(self.value, 1)
        return fmt.number(self.value, 0 if abs(self.value) >= 100 else 1)


def short_list_share(councils: pd.DataFrame, year: int = 2022) -> tuple[float, int, int, int]:
    """Share of lists shorter than the council (all lists of councils with known lengths)."""
    c = councils[(councils["year"] == year) & councils["candidates"].notna()]
    short, lists = int(c["short_lists"].sum()), int(c["lists"].sum())
    return short / lists * 100, short, lists, len(c)


def women_council_share(councils: pd.DataFrame, year: int) -> tuple[float, float, float]:
    """Women among the elected of `year` with a published or estimated gender; estimated share;
    share still unknown.

    Weighted by councillors (pooled counts), not an average of per-council percentages.
    """
    c = councils[councils["year"] == year]
    women = c["women"].sum() + c["women_estimated"].sum()
    men = c["men"].sum() + c["men_estimated"].sum()
    estimated = c["women_estimated"].sum() + c["men_estimated"].sum()
    unknown = c["gender_unknown"].sum() + c["gender_missing"].sum()
    seats = c["seats"].sum()
    return women / (women + men) * 100, estimated / seats * 100, unknown / seats * 100


def candidates_per_seat(values: pd.DataFrame) -> tuple[float, int]:
    """All 2022 candidates over all 2022 seats, in councils where both are known (and how many).

    The overview's 'landelijk' figure and the staffel page's fallback ratio.
    """
    known = values.dropna(subset=["candidates_per_seat_2022", "seats_2022"])
    candidates = (known["candidates_per_seat_2022"] * known["seats_2022"]).sum()
    return float(candidates / known["seats_2022"].sum()), len(known)


def seats_by_law(inhabitants: pd.Series, staffel: pd.DataFrame) -> pd.Series:
    """Council seats Gemeentewet art. 8 gives for these inhabitant counts (bands inclusive)."""
    upper = staffel["max_inhabitants"].astype("float64").fillna(float("inf"))
    return inhabitants.map(
        lambda n: int(
            staffel.loc[(staffel["min_inhabitants"] <= n) & (upper >= n), "council_seats"].iloc[0]
        )
    )


def key_figures(tables: dict[str, pd.DataFrame]) -> list[KeyFigure]:
    """The overview's computed national figures."""
    councils = tables["election_councils"]
    gemeenten = tables["gemeenten"]
    values = tables["indicators"]
    share, short, lists, n_councils = short_list_share(councils)
    cps = values["candidates_per_seat_2022"]
    pooled_cps, _ = candidates_per_seat(values)
    figures = [
        KeyFigure(
            "Korte lijsten (2022)",
            share,
            "%",
            catalogue.SOURCE_KR_2022,
            f"{fmt.number(short)} van {fmt.number(lists)} lijsten hadden minder kandidaten dan de raad "
            f"zetels had; {n_councils} gemeenten met bekende lijstlengtes",
        ),
        KeyFigure(
            "Kandidaten per zetel (2022), mediaan van de gemeenten",
            float(cps.median()),
            "kandidaten per zetel",
            catalogue.SOURCE_KR_2022,
            f"de middelste van {cps.notna().sum()} gemeenten; van {fmt.number(cps.min(), 1)} "
            f"tot {fmt.number(cps.max(), 1)}. Alle kandidaten gedeeld door alle zetels van die "
            f"raden samen (landelijk): {fmt.number(pooled_cps, 1)}; grote raden wegen daarin "
            "zwaarder",
        ),
    ]
    trend = {year: women_council_share(councils, year) for year in (2014, 2018, 2022)}
    path = " → ".join(f"{year}: {fmt.percent(t[0], 1)}" for year, t in trend.items())
    women_2022, estimated_2022, unknown_2022 = trend[2022]
    figures.append(
        KeyFigure(
            "Vrouwen in de raad (2022)",
            women_2022,
            "%",
            "Kiesraad, uitslagen gemeenteraadsverkiezingen 2014, 2018 en 2022",
            f"{path}. Van gekozen raadsleden met bekend geslacht, inclusief geschat uit de "
            f"voornaam (2022: bij {fmt.percent(estimated_2022, 1)} geschat, bij "
            f"{fmt.percent(unknown_2022, 1)} nog onbekend)",
            delta=f"{fmt.points(women_2022 - trend[2018][0])} sinds 2018",
        )
    )
    seats = gemeenten["seats_2026"]
    without = gemeenten[seats.isna()]
    note = f"in {seats.notna().sum()} gemeenteraden die in 2026 kozen"
    if len(without) and "staffel" in tables:
        by_law = seats_by_law(without["inhabitants"], tables["staffel"])
        names = " en ".join(without.sort_values("name")["name"])
        note += (
            f" ({names} kozen niet). De pagina Staffel telt {names} mee met de zetels volgens "
            f"de staffel ({fmt.number(by_law.sum())}): samen {fmt.number(seats.sum() + by_law.sum())}"
        )
    figures.append(
        KeyFigure(
            "Raadszetels (2026), raden die in 2026 kozen",
            float(seats.sum()),
            "zetels",
            catalogue.SOURCE_KR_2026,
            note,
        )
    )
    figures.append(
        KeyFigure(
            "Inwoners (2024)",
            float(gemeenten["inhabitants"].sum()),
            "inwoners",
            catalogue.SOURCE_CBS_2024,
            f"op 1 januari 2024, in {len(gemeenten)} gemeenten",
        )
    )
    return figures


# Figures from the cabinet's announcement (product.md); cited, not computed.
ANNOUNCEMENT_SOURCE = "Ministerie van BZK, aankondiging campagne lokale democratie, juni 2025"
ANNOUNCEMENT = [
    KeyFigure(
        "Moeite met kandidaten vinden",
        50,
        "%",
        ANNOUNCEMENT_SOURCE,
        "van de lokale partijen; 10% meer dan in 2018",
        display="bijna de helft",
    ),
    KeyFigure(
        "Wil zich kandidaat stellen",
        15,
        "%",
        ANNOUNCEMENT_SOURCE,
        "van de Nederlanders, als het hun gevraagd wordt",
        display="ongeveer 15%",
    ),
    KeyFigure(
        "Agressie of bedreiging",
        45,
        "%",
        ANNOUNCEMENT_SOURCE,
        "van de lokale bestuurders; spanning met privéleven 23%, te veel druk naast ander werk 21%",
        display="45%",
    ),
]


def top_shortage(tables: dict[str, pd.DataFrame], n: int = 10) -> pd.DataFrame:
    """The n gemeenten with the fewest candidates per seat in 2022 (the headline shortage measure)."""
    values = tables["indicators"].merge(
        tables["gemeenten"][["code", "name", "province_name"]], on="code"
    )
    columns = [
        "code",
        "name",
        "province_name",
        "candidates_per_seat_2022",
        "short_lists_share_2022",
        "lists_2022",
        "seats_2022",
    ]
    ranked = values.dropna(subset=["candidates_per_seat_2022"]).sort_values(
        ["candidates_per_seat_2022", "short_lists_share_2022", "code"],
        ascending=[True, False, True],
    )
    return ranked[columns].head(n).reset_index(drop=True)


def coverage(tables: dict[str, pd.DataFrame], indicator_id: str) -> pd.DataFrame:
    """Gemeenten without a value for an indicator, grouped by reason, with their names."""
    notes = tables["indicator_notes"]
    notes = notes[notes["indicator_id"] == indicator_id].merge(
        tables["gemeenten"][["code", "name"]], on="code"
    )
    grouped = notes.groupby("reason", sort=False)["name"].agg(lambda s: ", ".join(sorted(s)))
    counts = notes.groupby("reason", sort=False).size()
    return pd.DataFrame(
        {
            "reason": grouped.index,
            "count": counts.loc[grouped.index].to_numpy(),
            "names": grouped.to_numpy(),
        }
    ).sort_values("count", ascending=False)
