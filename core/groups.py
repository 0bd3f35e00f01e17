"""Representation of under-represented groups: population share vs council share, gaps, seats short.

Definitions (also shown in the app):
- gap = population share − council share, in percentage points; positive = under-represented.
- seats short = round(population share × council seats) − round(council share × council seats),
  where round goes to the nearest whole seat and halves go up (a proportional council cannot
  seat half a person; rounding half up is the simplest rule that a reader can redo by hand).
  The council share counts councillors with a known value; where some are unknown (gender is
  optional in EML) the range "every unknown is / is not in the group" is given as well.
- the council share's uncertainty is a 95% Wilson score interval over the councillors with a
  known value; a gap smaller than one seat's worth (100 / seats points) is "binnen één zetel".
- national and regional aggregates pool the counts (sum of women / sum of councillors with a
  known gender; sum of group members / sum of inhabitants), so a 45-seat council weighs five
  times a 9-seat council: an average of percentages would over-weight small councils.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from core import indicator_meta, mapview

Z95 = 1.959963984540054
# Above this share of elected councillors with unknown gender, a council's women's share is
# flagged as uncertain (the unknowns could change it by more than a few points).
UNKNOWN_GENDER_THRESHOLD = indicator_meta.GENDER_UNCERTAIN_THRESHOLD


@dataclasses.dataclass(frozen=True)
class Group:
    """One of the four groups the campaign targets, with what the bundle knows about it."""

    id: str
    label: str
    population_source: str | None
    council_source: str | None
    missing_text: str
    where_to_get: str
    national_context: str


GROUPS: dict[str, Group] = {
    "women": Group(
        "women",
        "Vrouwen",
        "CBS, Kerncijfers wijken en buurten 2024 (85984NED), 1 januari 2024",
        "Kiesraad, gekozen raadsleden 2014, 2018, 2022 en 2026 (geslacht zoals de lijst het "
        "opgaf, of geschat uit de voornaam waar de lijst het niet opgaf; 2026 zonder Gorinchem, "
        "waarvan de uitslag in de bron ontbreekt)",
        "",
        "",
        "Na de verkiezingen van 2022 zijn 8.237 raadsleden geïnstalleerd, 44,3% nieuw in de raad "
        "(Nederlandse Vereniging voor Raadsleden, juni 2022).",
    ),
    "migration": Group(
        "migration",
        "Mensen met een migratieachtergrond",
        "CBS, Kerncijfers wijken en buurten 2024 (85984NED), herkomst, 1 januari 2024",
        None,
        "Er zijn geen open gegevens per gemeente over de herkomst van raadsleden. We tonen het "
        "aandeel in de bevolking en hoeveel zetels een evenredige raad de groep zou geven.",
        "Gemeenten of griffies kunnen dit zelf uitvragen; importeer het aandeel raadsleden per "
        "gemeente via de pagina Gegevens.",
        "Landelijk had in 2023 5,9% van de raadsleden een migratieachtergrond (6% in 2016), tegen "
        "25,2% van de bevolking; in de vier grote steden 31,7% tegen 53,3% (F. Vermeulen, UvA, "
        "'Hoe divers zijn de Nederlandse gemeenteraden?', onderzoek voor BZK, februari 2024).",
    ),
    "practical": Group(
        "practical",
        "Mensen met een praktische opleiding",
        None,
        None,
        "Raadsradar heeft geen cijfers per gemeente over het opleidingsniveau van inwoners of "
        "raadsleden. We tonen daarom geen kaart en geen ranglijst.",
        "Het opleidingsniveau van inwoners per gemeente staat in CBS StatLine, tabel 85984NED "
        "(Kerncijfers wijken en buurten 2024: opleidingsniveau laag, middelbaar, hoog). Download "
        "het aandeel 'laag' en 'middelbaar' per gemeente en importeer het via de pagina Gegevens.",
        "Landelijk had 70% van de raadsleden in 2020 een hbo- of wo-diploma, tegen 34,2% van de "
        "bevolking; in 2014 was dat 63,2% tegen 27,8% (platformoverheid.nl, 'Lokale "
        "diplomademocratie'). In 2023 zei 42% van de praktisch opgeleide raadsleden dat zij "
        "raadsvergaderingen soms niet kunnen volgen (Nederlandse Vereniging voor Raadsleden).",
    ),
    "disability": Group(
        "disability",
        "Mensen met een beperking",
        None,
        None,
        "Raadsradar heeft geen cijfers per gemeente over mensen met een beperking onder inwoners "
        "of raadsleden. We tonen daarom geen kaart en geen ranglijst.",
        "Cijfers per gemeente over beperkingen (horen, zien, bewegen) komen uit de GGD "
        "Gezondheidsmonitor Volwassenen en Ouderen, die CBS en RIVM per wijk en buurt publiceren "
        "(StatLine, 'Gezondheid per wijk en buurt'). Importeer het aandeel per gemeente via de "
        "pagina Gegevens.",
        "Naar schatting heeft minder dan 0,5% van de ongeveer 12.000 raadsleden en bestuurders een "
        "beperking of chronische ziekte, tegen 10 tot 15% van de samenleving (VNG Magazine, "
        "24 september 2021).",
    ),
}


def wilson_interval(
    successes: pd.Series, trials: pd.Series, z: float = Z95
) -> tuple[pd.Series, pd.Series]:
    """95% Wilson score interval for a share, in percent (missing where trials is 0)."""
    k = successes.astype("float64")
    n = trials.astype("float64").where(trials > 0)
    p = k / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    return (centre - half) * 100, (centre + half) * 100


def seats_proportional(population_share: pd.Series, seats: pd.Series) -> pd.Series:
    """Seats a council proportional to the population would give the group (halves round up)."""
    exact = population_share / 100 * seats
    return np.floor(exact + 0.5).where(exact.notna())


def women(tables: dict[str, pd.DataFrame], year: int = 2026) -> pd.DataFrame:
    """Per gemeente: women's population and council share, gap, seats short, interval and flags."""
    from core import indicators

    g = tables["gemeenten"].set_index("code")
    council = indicators.councils_per_gemeente(tables, year).reindex(g.index)
    # Published and estimated genders count alike; the estimated share is kept apart so that
    # the figure can say it rests partly on estimates.
    members = council["women"] + council["women_estimated"]
    estimated = council["women_estimated"] + council["men_estimated"]
    known = council["women"] + council["men"] + estimated
    unknown = council["gender_unknown"] + council["gender_missing"]
    out = pd.DataFrame(index=g.index)
    out["population_share"] = g["women"] / g["inhabitants"] * 100
    out["seats"] = council["seats"]
    out["known"] = known
    out["members"] = members
    out["council_share"] = (members / known * 100).where(known > 0)
    out["unknown_share"] = unknown / council["seats"] * 100
    out["unknown_count"] = unknown
    out["estimated_share"] = estimated / council["seats"] * 100
    out["estimated_count"] = estimated
    out["low"], out["high"] = wilson_interval(members, known)
    return _finish(out)


def population_only(
    tables: dict[str, pd.DataFrame], column: str, seats_column: str = "seats_2026"
) -> pd.DataFrame:
    """A group with only a population share (e.g. migration background): seats a fair council gives."""
    g = tables["gemeenten"].set_index("code")
    values = tables["indicators"].set_index("code")
    out = pd.DataFrame(index=g.index)
    out["population_share"] = values[column]
    out["seats"] = g[seats_column].astype("float64")
    out["known"] = np.nan
    out["members"] = np.nan
    out["council_share"] = np.nan
    out["unknown_share"] = np.nan
    out["low"] = out["high"] = np.nan
    return _finish(out)


def with_council(
    population_share: pd.Series, council_share: pd.Series, seats: pd.Series
) -> pd.DataFrame:
    """A group where the user supplied both shares (imported): gaps computed the same way."""
    out = pd.DataFrame(
        {"population_share": population_share, "council_share": council_share, "seats": seats}
    )
    out["known"] = out["seats"]
    out["members"] = (out["council_share"] / 100 * out["seats"]).round()
    out["unknown_share"] = np.nan
    out["low"], out["high"] = wilson_interval(
        out["members"].fillna(0), out["known"].where(out["council_share"].notna(), 0)
    )
    return _finish(out)


def _finish(out: pd.DataFrame) -> pd.DataFrame:
    out["gap"] = out["population_share"] - out["council_share"]
    out["fair_seats"] = seats_proportional(out["population_share"], out["seats"])
    # Seats the group holds, estimated from its share among councillors with a known value
    # (councillors of unknown gender are assumed to split like the known ones).
    out["seats_held"] = seats_proportional(out["council_share"], out["seats"])
    out["seats_short"] = out["fair_seats"] - out["seats_held"]
    # The range if every unknown councillor is (or is not) in the group.
    unknown = pd.Series(out.get("unknown_count", 0), index=out.index).fillna(0)
    out["seats_short_low"] = out["fair_seats"] - out["members"] - unknown
    out["seats_short_high"] = out["fair_seats"] - out["members"]
    out["one_seat"] = 100 / out["seats"]
    out["within_one_seat"] = (out["gap"].abs() < out["one_seat"]).where(out["gap"].notna())
    # Flagged when the share rests on more than the threshold of estimated or unknown genders.
    uncertain = out["unknown_share"] + out.get("estimated_share", 0.0)
    out["unknown_flag"] = uncertain > UNKNOWN_GENDER_THRESHOLD
    return out


def aggregate(frame: pd.DataFrame, gemeenten: pd.DataFrame, by: str) -> pd.DataFrame:
    """Pooled shares per province ('province_name') or size class ('size'): counts summed first."""
    g = gemeenten.set_index("code")
    data = frame.join(g[["province_name", "inhabitants"]])
    data["size"] = mapview.size_class(data["inhabitants"])
    data["group_people"] = data["population_share"] / 100 * data["inhabitants"]
    has_council = data["council_share"].notna()
    grouped = data.groupby(by, sort=True)
    out = pd.DataFrame(
        {
            "gemeenten": grouped.size(),
            "population_share": grouped["group_people"].sum() / grouped["inhabitants"].sum() * 100,
            "council_share": data[has_council].groupby(by)["members"].sum()
            / data[has_council].groupby(by)["known"].sum()
            * 100,
            "seats_short": grouped["seats_short"].sum(min_count=1),
        }
    )
    out["gap"] = out["population_share"] - out["council_share"]
    return out.reset_index()


def national(frame: pd.DataFrame, gemeenten: pd.DataFrame) -> dict[str, float]:
    """Pooled national population share, council share (weighted by councillors) and gap."""
    data = frame.join(gemeenten.set_index("code")["inhabitants"])
    people = (data["population_share"] / 100 * data["inhabitants"]).sum()
    has = data["council_share"].notna()
    council = (
        data.loc[has, "members"].sum() / data.loc[has, "known"].sum() * 100
        if has.any()
        else math.nan
    )
    population = people / data["inhabitants"].sum() * 100
    return {"population_share": population, "council_share": council, "gap": population - council}


def women_trend(tables: dict[str, pd.DataFrame], codes: list[str] | None = None) -> pd.DataFrame:
    """Women's council share per election year: nationally (pooled over all councils) or per gemeente."""
    from core import indicators

    rows = []
    for year in indicators.ELECTION_YEARS:
        councils = tables["election_councils"]
        c = councils[councils["year"] == year]
        rows.append(
            {
                "year": year,
                "code": "NL",
                "share": (c["women"].sum() + c["women_estimated"].sum())
                / (c[["women", "men", "women_estimated", "men_estimated"]].sum().sum())
                * 100,
            }
        )
        if codes:
            per = indicators.councils_per_gemeente(tables, year)
            for code in codes:
                if code in per.index:
                    w = per.at[code, "women"] + per.at[code, "women_estimated"]
                    m = per.at[code, "men"] + per.at[code, "men_estimated"]
                    rows.append(
                        {
                            "year": year,
                            "code": code,
                            "share": w / (w + m) * 100 if w + m else math.nan,
                        }
                    )
                else:
                    rows.append({"year": year, "code": code, "share": math.nan})
    return pd.DataFrame(rows)
