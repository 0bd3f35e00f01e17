"""National key figures computed from the bundle (each with its source and reference year)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from core import fmt, indicator_meta, staffel


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
    # The tile's arrow and colour are set here: Streamlit reads only an ASCII '-' as negative,
    # and we write a true minus sign. Colour: 'green' (better), 'red' (worse) or 'off'.
    delta_arrow: str = "auto"
    delta_color: str = "off"
    brief: str = ""  # a short note for a slide tile (the full note goes to the speaker notes)

    def shown(self) -> str:
        """The value as the user reads it (Dutch format)."""
        if self.display:
            return self.display
        if self.unit == "%":
            return fmt.percent(self.value, 1)
        return fmt.number(self.value, 0 if abs(self.value) >= 100 else 1)


def short_list_share(councils: pd.DataFrame, year: int = 2026) -> tuple[float, int, int, int]:
    """Share of lists shorter than the council (all lists of councils with known lengths)."""
    c = councils[(councils["year"] == year) & councils["candidates"].notna()]
    short, lists = int(c["short_lists"].sum()), int(c["lists"].sum())
    return short / lists * 100, short, lists, len(c)


def women_council_share(councils: pd.DataFrame, year: int) -> tuple[float, float, float]:
    """Women among the elected of `year` with a published or estimated gender; estimated share;
    share still unknown.

    Weighted by councillors (pooled counts), not an average of per-council percentages. Councils
    without a result (Gorinchem 2026) have no elected and count nowhere.
    """
    c = councils[(councils["year"] == year) & councils["seats"].notna()]
    women = c["women"].sum() + c["women_estimated"].sum()
    men = c["men"].sum() + c["men_estimated"].sum()
    estimated = c["women_estimated"].sum() + c["men_estimated"].sum()
    unknown = c["gender_unknown"].sum() + c["gender_missing"].sum()
    seats = c["seats"].sum()
    return (
        float(women / (women + men) * 100),
        float(estimated / seats * 100),
        float(unknown / seats * 100),
    )


@dataclasses.dataclass(frozen=True)
class Totals:
    """National counts of one election: candidates over seats, short lists, gender of candidates."""

    year: int
    candidates: int
    seats: int
    councils: int
    lists: int
    short_lists: int
    half_short_lists: int
    candidates_women: int
    candidates_men: int
    candidates_gender_empty: int

    @property
    def candidates_per_seat(self) -> float:
        return self.candidates / self.seats

    @property
    def short_share(self) -> float:
        return self.short_lists / self.lists * 100

    @property
    def women_candidates_share(self) -> float:
        """Women among the candidates whose list published a gender (nan when none did)."""
        published = self.candidates_women + self.candidates_men
        return self.candidates_women / published * 100 if published else float("nan")


def election_totals(councils: pd.DataFrame, year: int) -> Totals:
    """Pooled counts over the councils of `year` whose list lengths are known.

    Seats are the council sizes (2026: Raadzetels, so Gorinchem, whose result is missing,
    counts with its lists and its 25 seats).
    """
    c = councils[(councils["year"] == year) & councils["candidates"].notna()]

    def total(column: str) -> int:
        return int(c[column].sum()) if column in c.columns else 0

    return Totals(
        year,
        total("candidates"),
        total("council_size"),
        len(c),
        total("lists"),
        total("short_lists"),
        total("half_short_lists"),
        total("candidates_women"),
        total("candidates_men"),
        total("candidates_gender_empty"),
    )


def candidates_per_seat(values: pd.DataFrame, year: int = 2026) -> tuple[float, int]:
    """All candidates over all seats of `year`, in councils where both are known (and how many).

    The staffel page's fallback ratio; the overview reads the same from election_totals.
    """
    seats = "seats_2026" if year == 2026 else f"seats_{year}"
    ratio = f"candidates_per_seat_{year}"
    known = values.dropna(subset=[ratio, seats])
    candidates = (known[ratio] * known[seats]).sum()
    return float(candidates / known[seats].sum()), len(known)


def matched_change(values: pd.DataFrame, measure: str) -> tuple[int, float, float]:
    """Pooled 2022 and 2026 values over the gemeenten that have both (same 2025 gemeente).

    `measure` is 'candidates_per_seat' (candidates over seats) or 'short_lists_share' (short
    lists over lists). The national totals of the two years cover different councils (2022
    lacks the list lengths of 18 large gemeenten), so their difference is not the change.
    """
    both = values.dropna(subset=[f"{measure}_2022", f"{measure}_2026"])
    pooled = []
    for year, weight in ((2022, "seats_2022"), (2026, "seats_2026")):
        if measure == "short_lists_share":
            weight = f"lists_{year}"
        w = both[weight].astype("float64")
        pooled.append(float((both[f"{measure}_{year}"] * w).sum() / w.sum()))
    return len(both), pooled[0], pooled[1]


def tone(difference: float, up_is_good: bool) -> str:
    """The metric colour of a difference: 'green' when it is an improvement, 'red' when not."""
    if fmt.arrow(difference) == "off":
        return "off"
    return "green" if (difference > 0) == up_is_good else "red"


CABINET_NOTE = (
    "'Lijsten korter dan de raad' is de maat van Raadsradar, geteld uit de lijstlengtes van de "
    "Kiesraad. Het is niet hetzelfde als 'bijna de helft van de lokale partijen heeft moeite "
    "met kandidaten vinden' uit de aankondiging van het kabinet: dat is een enquête onder "
    "partijen, geen telling van lijsten."
)


def key_figures(tables: dict[str, pd.DataFrame]) -> list[KeyFigure]:
    """The overview's computed national figures: 2026, each next to 2022."""
    councils = tables["election_councils"]
    gemeenten = tables["gemeenten"]
    now, before = election_totals(councils, 2026), election_totals(councils, 2022)
    values = tables["indicators"]
    cps = values["candidates_per_seat_2026"]
    n_cps, cps_2022, cps_2026 = matched_change(values, "candidates_per_seat")
    fewer = int((values["candidates_per_seat_change_2022_2026"] < 0).sum())
    n_short, short_2022, short_2026 = matched_change(values, "short_lists_share")
    figures = [
        KeyFigure(
            "Kandidaten per raadszetel (2026)",
            now.candidates_per_seat,
            "kandidaten per zetel",
            indicator_meta.SOURCE_KR_2026_LISTS,
            f"{fmt.number(now.candidates)} kandidaten voor {fmt.number(now.seats)} zetels in de "
            f"{now.councils} gemeenten die kozen (alle kandidaten gedeeld door alle zetels; "
            f"per gemeente van {fmt.number(cps.min(), 1)} tot {fmt.number(cps.max(), 1)}, "
            f"mediaan {fmt.number(cps.median(), 1)}). Verschil met 2022 op dezelfde {n_cps} "
            f"gemeenten met lijstlengtes van beide jaren: {fmt.number(cps_2022, 1)} in 2022, "
            f"{fmt.number(cps_2026, 1)} in 2026; in {fewer} daarvan minder kandidaten per zetel "
            f"dan in 2022. Heel 2022: {fmt.number(before.candidates_per_seat, 1)} "
            f"({fmt.number(before.candidates)} kandidaten voor {fmt.number(before.seats)} zetels "
            f"in de {before.councils} gemeenten met bekende lijstlengtes; "
            f"{indicator_meta.SOURCE_KR_2022})",
            delta=f"{fmt.signed(cps_2026 - cps_2022, 1)} t.o.v. 2022",
            brief=f"{fmt.number(now.candidates)} kandidaten voor {fmt.number(now.seats)} zetels. "
            f"Dezelfde {n_cps} gemeenten: {fmt.number(cps_2022, 1)} in 2022, "
            f"{fmt.number(cps_2026, 1)} in 2026",
            delta_arrow=fmt.arrow(cps_2026 - cps_2022),
            delta_color=tone(cps_2026 - cps_2022, up_is_good=True),
        ),
        KeyFigure(
            "Lijsten korter dan de raad (2026)",
            now.short_share,
            "%",
            indicator_meta.SOURCE_KR_2026_LISTS,
            f"{fmt.number(now.short_lists)} van {fmt.number(now.lists)} lijsten hadden minder "
            f"kandidaten dan de raad zetels heeft. Verschil met 2022 op dezelfde {n_short} "
            f"gemeenten met beide jaren: {fmt.percent(short_2022, 1)} in 2022, "
            f"{fmt.percent(short_2026, 1)} in 2026. Heel 2022: "
            f"{fmt.percent(before.short_share, 1)} ({fmt.number(before.short_lists)} van "
            f"{fmt.number(before.lists)} lijsten in {before.councils} gemeenten). "
            + CABINET_NOTE.removesuffix("."),
            delta=f"{fmt.points(short_2026 - short_2022)} t.o.v. 2022",
            brief=f"{fmt.number(now.short_lists)} van {fmt.number(now.lists)} lijsten; 2022: "
            f"{fmt.percent(before.short_share, 1)}. Maat van Raadsradar, niet de enquête van het "
            "kabinet",
            delta_arrow=fmt.arrow(short_2026 - short_2022),
            delta_color=tone(short_2026 - short_2022, up_is_good=False),
        ),
    ]
    published = now.candidates_women + now.candidates_men
    figures.append(
        KeyFigure(
            "Vrouwen onder de kandidaten (2026)",
            now.women_candidates_share,
            "%",
            indicator_meta.SOURCE_KR_2026_LISTS,
            f"{fmt.number(now.candidates_women)} van de {fmt.number(published)} kandidaten van "
            f"wie de lijst het geslacht opgaf; bij {fmt.number(now.candidates_gender_empty)} "
            f"kandidaten ({fmt.percent(now.candidates_gender_empty / now.candidates * 100, 1)}) "
            "liet de lijst het leeg (niet geschat). 2022: geen gegevens, de brongegevens van "
            "2022 geven het geslacht alleen van de gekozen raadsleden",
            brief=f"van de kandidaten met opgegeven geslacht; bij "
            f"{fmt.percent(now.candidates_gender_empty / now.candidates * 100, 0)} leeg. 2022: "
            "geen gegevens",
        )
    )
    trend = {year: women_council_share(councils, year) for year in (2014, 2018, 2022, 2026)}
    path = " → ".join(f"{year}: {fmt.percent(t[0], 1)}" for year, t in trend.items())
    women_now, estimated_now, unknown_now = trend[2026]
    figures.append(
        KeyFigure(
            "Vrouwen in de raad (2026)",
            women_now,
            "%",
            "Kiesraad, uitslagen gemeenteraadsverkiezingen 2014, 2018, 2022 en 2026",
            f"{path}. Van de gekozen raadsleden met bekend geslacht, inclusief geschat uit de "
            f"voornaam (2026: bij {fmt.percent(estimated_now, 1)} geschat, bij "
            f"{fmt.percent(unknown_now, 1)} nog onbekend; 2022: bij "
            f"{fmt.percent(trend[2022][1], 1)} geschat). 2026 zonder Gorinchem, waarvan de "
            "uitslag in de bron ontbreekt",
            delta=f"{fmt.points(women_now - trend[2022][0])} t.o.v. 2022",
            delta_arrow=fmt.arrow(women_now - trend[2022][0]),
            brief=f"2022: {fmt.percent(trend[2022][0], 1)}. 2026: bij "
            f"{fmt.percent(estimated_now, 0)} geschat uit de voornaam, bij "
            f"{fmt.percent(unknown_now, 0)} onbekend",
        )
    )
    seats = gemeenten["seats_2026"]
    without = gemeenten[seats.isna()]
    note = f"in {seats.notna().sum()} gemeenteraden die in 2026 kozen"
    if len(without) and "staffel" in tables:
        by_law = staffel.seats_for(without["inhabitants"], tables["staffel"])
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
            indicator_meta.SOURCE_KR_2026,
            note,
        )
    )
    figures.append(
        KeyFigure(
            "Inwoners (2024)",
            float(gemeenten["inhabitants"].sum()),
            "inwoners",
            indicator_meta.SOURCE_CBS_2024,
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


TOP_COLUMNS = [
    "candidates_per_seat_2026",
    "short_lists_share_2026",
    "lists_2026",
    "seats_2026",
    "candidates_per_seat_2022",
]


def top_shortage(tables: dict[str, pd.DataFrame], n: int = 10) -> pd.DataFrame:
    """The n gemeenten with the fewest candidates per seat in 2026 (the headline shortage
    measure), with 2022 beside it."""
    values = tables["indicators"].merge(
        tables["gemeenten"][["code", "name", "province_name"]], on="code"
    )
    columns = ["code", "name", "province_name", *TOP_COLUMNS]
    ranked = values.dropna(subset=["candidates_per_seat_2026"]).sort_values(
        ["candidates_per_seat_2026", "short_lists_share_2026", "code"],
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
