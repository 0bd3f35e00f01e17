"""Priority ranking: components per gemeente, weighted scores, ranks, explanations and rules.

The score itself is `core.priority.score` (percentile ranks, direction-aware, re-weighted when a
component is missing); this module chooses the components, adds the derived ones that need a
user setting (the willingness share of the potential pool), ranks, and explains.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from core import catalogue, fmt, indicator_meta, indicators, mapview, priority

WOMEN_SEATS_SHORT = "women_seats_short_2026"
WOMEN_SEATS_SHORT_2022 = "women_seats_short_2022"
POOL = "potential_pool_per_seat_2026"


def _women_seats_short_item(key: str, year: int) -> indicator_meta.Indicator:
    return indicator_meta.Indicator(
        key,
        f"Zetels te weinig voor vrouwen ({year})",
        "zetels",
        "vertegenwoordiging",
        indicator_meta.SOURCE_COMBINED,
        year,
        True,
        "derived",
        "Zetels die vrouwen zouden hebben in een raad die de bevolking volgt, min de zetels die "
        f"vrouwen hebben ({year}): achterstand vrouwen (procentpunt) maal de zetels van {year}, "
        "gedeeld door 100. Het aandeel vrouwen in de raad komt uit de raadsleden met bekend "
        "geslacht en geldt als schatting voor de hele raad. Niet afgerond: in kleine raden "
        "verandert dit getal snel, één zetel is daar veel.",
    )


# Ranking-only derived indicators (not in the shipped bundle): computed here from bundle columns.
EXTRA_INDICATORS: dict[str, indicator_meta.Indicator] = {
    WOMEN_SEATS_SHORT: _women_seats_short_item(WOMEN_SEATS_SHORT, 2026),
    WOMEN_SEATS_SHORT_2022: _women_seats_short_item(WOMEN_SEATS_SHORT_2022, 2022),
}

# Named weight presets offered on the page; the first one is the catalogue's default. A
# preset's name says exactly which components it ranks by (tests check every label is named),
# so a ranking never mixes in a measure the user did not ask for.
PRESETS: dict[str, dict[str, float]] = {
    "Standaard: kandidaten per raadszetel en achterstand vrouwen in de raad (1 : 1)": dict(
        catalogue.DEFAULT_PRIORITY_WEIGHTS
    ),
    "Alleen kandidaten per raadszetel": {"candidates_per_seat_2026": 1.0},
    "Alleen achterstand vrouwen in de raad": {"women_gap_2026": 1.0},
    "Kandidaten per raadszetel en lijsten korter dan de halve raad (1 : 1)": {
        "candidates_per_seat_2026": 1.0,
        "half_short_lists_share_2026": 1.0,
    },
    "Kandidaten per raadszetel en de verandering kandidaten per raadszetel sinds 2022 (1 : 1)": {
        "candidates_per_seat_2026": 1.0,
        "candidates_per_seat_change_2022_2026": 1.0,
    },
    "Kandidaten per raadszetel (×2), achterstand vrouwen in de raad, inwoners per raadszetel "
    "en mogelijke kandidaten per raadszetel": {
        "candidates_per_seat_2026": 2.0,
        "women_gap_2026": 1.0,
        "inhabitants_per_seat_2026": 1.0,
        POOL: 1.0,
    },
}
DEFAULT_PRESET = next(iter(PRESETS))
# Table columns added when a component rests on councillors' gender.
GENDER_NOTE = "gender_note"
GENDER_UNCERTAIN = "gender_uncertain"
MAX_EXPLAINED = 3
SCORE_DIGITS = 9
AGE_COLUMNS = {"age_15_25", "age_25_45", "age_45_65", "age_65_plus", "seats_2026"}

ADULTS_METHOD = (
    "Volwassenen (18 jaar en ouder) zijn geschat uit de leeftijdsgroepen van het CBS: alle "
    "inwoners van 25 jaar en ouder, plus 7 van de 10 inwoners van 15 tot 25 jaar (van 18 tot 25 "
    "zijn 7 van de 10 leeftijdsjaren; we nemen aan dat die jaren even groot zijn)."
)


# A component weighs in a ranking only when at least this many gemeenten have a value: with one
# or two values, percentile ranks are 0 and 100 and would decide the whole score.
MIN_GEMEENTEN = 30


class NoWeightsError(ValueError):
    """All weights are zero or no component is chosen."""


class TooFewValuesError(NoWeightsError):
    """Every chosen component has fewer than MIN_GEMEENTEN gemeenten with a value."""

    def __init__(self, message: str, excluded: dict[str, int]) -> None:
        super().__init__(message)
        self.excluded = excluded  # component id -> gemeenten with a value


def too_few_text(excluded: dict[str, int], labels: dict[str, str], minimum: int) -> str:
    """Why components do not count, in Dutch: how many gemeenten have a value, and the rule."""
    parts = [f"'{labels[key]}' ({_gemeenten(n)} met een waarde)" for key, n in excluded.items()]
    subject = "Dit onderdeel telt" if len(parts) == 1 else "Deze onderdelen tellen"
    return (
        f"{subject} niet mee in de score, want te weinig gemeenten hebben een waarde: "
        f"{'; '.join(parts)}. Een onderdeel telt pas mee vanaf {minimum} gemeenten met een "
        "waarde: bij minder zegt een rangorde weinig (met twee waarden krijgt de ene 0 en de "
        "andere 100 punten) en zou dat ene onderdeel de ranglijst bepalen. Vul de gegevens aan "
        "of kies een ander onderdeel."
    )


def _gemeenten(n: int) -> str:
    return "geen gemeente" if n == 0 else ("1 gemeente" if n == 1 else f"{n} gemeenten")


def pool_method(willing_share: float) -> str:
    """How the potential pool is computed, in Dutch, with the chosen willingness share."""
    return (
        f"Mogelijke kandidaten per zetel = volwassenen × {fmt.percent(willing_share * 100, 0)} "
        "(aandeel dat zich kandidaat zou stellen als het gevraagd wordt; standaard 15% uit de "
        "aankondiging van het ministerie van BZK, juni 2025) ÷ raadszetels 2026. " + ADULTS_METHOD
    )


def potential_pool(gemeenten: pd.DataFrame, willing_share: float) -> pd.DataFrame:
    """Per gemeente: estimated adults, the pool (adults × willing share) and pool per seat 2026."""
    if not 0 < willing_share <= 1:
        raise ValueError("Het aandeel dat zich kandidaat wil stellen moet tussen 0 en 100% liggen.")
    adults = indicators.adults(gemeenten).astype("float64")
    seats = gemeenten["seats_2026"].astype("float64")
    pool = adults * willing_share
    return pd.DataFrame(
        {
            "code": gemeenten["code"].to_numpy(),
            "adults": adults.to_numpy(),
            "pool": pool.to_numpy(),
            POOL: (pool / seats.where(seats > 0)).to_numpy(),
        }
    )


def component_catalogue(
    imported: dict[str, indicator_meta.Indicator] | None = None,
) -> dict[str, indicator_meta.Indicator]:
    """Every indicator that can be a score component: it must say which direction is worse."""
    items = {**catalogue.INDICATORS, **EXTRA_INDICATORS, **(imported or {})}
    return {
        key: item
        for key, item in items.items()
        if item.higher_is_worse is not None and key != "priority_score"
    }


def women_seats_short(values: pd.DataFrame, year: int = 2026) -> pd.Series:
    """Seats short for women in `year`: gap (points) × council seats / 100, unrounded.

    Unlike a count of elected women, this scales the share among councillors with a known
    gender to the whole council, so councils whose lists left gender blank are not pushed up.
    """
    key = WOMEN_SEATS_SHORT if year == 2026 else WOMEN_SEATS_SHORT_2022
    return (values[f"women_gap_{year}"] * values[f"seats_{year}"] / 100).rename(key)


def component_options(imported: dict[str, indicator_meta.Indicator] | None = None) -> list[str]:
    """Component ids ordered by theme (catalogue order within a theme), for a picker."""
    items = component_catalogue(imported)
    themes = list(indicator_meta.THEMES)
    return sorted(items, key=lambda key: themes.index(items[key].theme))


def preset_name(weights: dict[str, float]) -> str | None:
    """The name of the preset these (positive) weights match, else None."""
    active = {key: float(w) for key, w in weights.items() if w > 0}
    for name, preset in PRESETS.items():
        if active == preset:
            return name
    return None


def component_values(
    tables: dict[str, pd.DataFrame],
    willing_share: float = indicators.WILLING_SHARE,
    imported_values: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All indicator values per gemeente (one row per gemeente), plus the ranking-only extras.

    `tables` holds the bundle tables gemeenten and indicators.
    The pool per seat is recomputed with `willing_share`; imported columns are merged on code.
    """
    gemeenten = tables["gemeenten"]
    frame = gemeenten[["code"]].merge(tables["indicators"], on="code", how="left")
    # The extras need their source columns; a small hand-made table may leave them out.
    for year, key in ((2026, WOMEN_SEATS_SHORT), (2022, WOMEN_SEATS_SHORT_2022)):
        if {f"women_gap_{year}", f"seats_{year}"} <= set(frame.columns):
            frame[key] = women_seats_short(frame, year)
    if set(gemeenten.columns) >= AGE_COLUMNS:
        pool = potential_pool(gemeenten, willing_share).set_index("code")[POOL]
        frame[POOL] = frame["code"].map(pool).astype("float64")
    if imported_values is not None and len(imported_values):
        extra = imported_values.drop(
            columns=[c for c in imported_values.columns if c != "code" and c in frame.columns]
        )
        frame = frame.merge(extra.drop_duplicates("code"), on="code", how="left")
    return frame


def clean_weights(
    weights: dict[str, float], components: dict[str, indicator_meta.Indicator]
) -> dict:
    """Positive weights of known components; raises NoWeightsError (Dutch) when nothing is left."""
    unknown = [key for key in weights if key not in components]
    if unknown:
        raise KeyError(f"Onbekend onderdeel voor de score: {', '.join(unknown)}")
    if any(w < 0 for w in weights.values()):
        raise ValueError("Een gewicht kan niet negatief zijn.")
    active = {key: float(w) for key, w in weights.items() if w > 0}
    if not active:
        raise NoWeightsError(
            "Alle gewichten staan op 0. Geef minstens één onderdeel een gewicht groter dan 0; "
            "dan kan Raadsradar een score berekenen."
        )
    return active


@dataclasses.dataclass(frozen=True)
class Ranking:
    """The ranked gemeenten and what went into the ranking."""

    table: pd.DataFrame  # code, name, province_name, inhabitants, size, components, score, ...
    weights: dict[str, float]  # positive weights only, in the order given
    components: dict[str, indicator_meta.Indicator]  # metadata of the weighted components
    percentiles: pd.DataFrame  # code-indexed 0-100 per component (100 = needs most attention)
    # Per component, the values of all gemeenten that have one, sorted: the explanation counts
    # how many other gemeenten are strictly better or worse than a given value.
    sorted_values: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    # Chosen components left out for having values for fewer than MIN_GEMEENTEN gemeenten:
    # id -> number of gemeenten with a value (the page says why).
    excluded: dict[str, int] = dataclasses.field(default_factory=dict)


def rank_targets(
    tables: dict[str, pd.DataFrame],
    weights: dict[str, float],
    *,
    willing_share: float = indicators.WILLING_SHARE,
    imported_values: pd.DataFrame | None = None,
    imported_catalogue: dict[str, indicator_meta.Indicator] | None = None,
    min_gemeenten: int = MIN_GEMEENTEN,
) -> Ranking:
    """Score and rank all gemeenten nationally (rank 1 = most attention needed; ties share a rank).

    Filters never change a score or rank; they only narrow what is shown (see `filtered`). A
    component with values for fewer than `min_gemeenten` gemeenten is left out (`excluded`);
    TooFewValuesError (Dutch) when that leaves nothing.
    """
    components = component_catalogue(imported_catalogue)
    active = clean_weights(weights, components)
    frame = component_values(tables, willing_share, imported_values)
    absent = [components[key].label for key in active if key not in frame.columns]
    if absent:
        raise KeyError(f"Geen gegevens voor onderdeel: {', '.join(absent)}")
    counts = {key: int(frame[key].notna().sum()) for key in active}
    excluded = {key: n for key, n in counts.items() if n < min_gemeenten}
    if len(excluded) == len(active):
        labels = {key: components[key].label for key in excluded}
        raise TooFewValuesError(too_few_text(excluded, labels, min_gemeenten), excluded)
    active = {key: w for key, w in active.items() if key not in excluded}
    gemeenten = tables["gemeenten"]
    directions = {key: bool(components[key].higher_is_worse) for key in active}
    scored = priority.score(frame, active, directions)
    percentiles = pd.DataFrame(
        {key: priority.percentile_rank(frame[key], directions[key]) for key in active}
    )
    percentiles.index = frame["code"].to_numpy()
    base = gemeenten[["code", "name", "province_name", "inhabitants", "seats_2026"]]
    table = base.merge(frame[["code", *active]], on="code", how="left")
    table["size"] = mapview.size_class(table["inhabitants"]).to_numpy()
    # Rounded far below what anyone reads, so that float noise cannot split ties or put a
    # score of exactly 50 just under "score vanaf 50".
    table["score"] = scored["score"].round(SCORE_DIGITS).to_numpy()
    table["rank"] = table["score"].rank(method="min", ascending=False).astype("Int64")
    table["components_used"] = scored["components_used"].to_numpy()
    table["components_total"] = scored["components_total"].to_numpy()
    table["complete"] = table["components_used"] == table["components_total"]
    years = sorted({indicators.GENDER_BASED[k] for k in active if k in indicators.GENDER_BASED})
    if years and f"gender_estimated_share_{years[-1]}" in frame.columns:
        # A women component says what it rests on; the mark starts with a warning sign above
        # the threshold of estimated plus unknown genders (issue 17).
        basis = indicators.gender_basis(frame.set_index("code"), years[-1])
        marks = {
            code: indicators.gender_mark(row.estimated, row.unknown, short=True)
            for code, row in basis.iterrows()
        }
        table[GENDER_NOTE] = table["code"].map(marks).fillna("")
        table[GENDER_UNCERTAIN] = table["code"].map(basis["uncertain"]).fillna(False).astype(bool)
    sorted_values = {key: np.sort(frame[key].dropna().to_numpy(dtype="float64")) for key in active}
    ranking = Ranking(
        table, active, {k: components[k] for k in active}, percentiles, sorted_values, excluded
    )
    ranks = percentiles.to_dict("index")
    values = table.set_index("code")[list(active)].to_dict("index")
    table["explanation"] = [_explain(ranks[code], values[code], ranking) for code in table["code"]]
    table = table.sort_values(["rank", "name"], na_position="last").reset_index(drop=True)
    return dataclasses.replace(ranking, table=table)


def standing(value: float, values: np.ndarray, higher_is_worse: bool) -> str:
    """Where a value stands among `values` (sorted, its own included), in plain Dutch.

    Counts the other gemeenten with a strictly better and strictly worse value, so ties are
    neither better nor worse, the worst says "slechter dan alle andere" only when no other is
    as bad, and a share is rounded down (99.7% never reads as 100%).
    """
    n_others = len(values) - 1
    if n_others <= 0:
        return "de enige gemeente met een waarde"
    below = int(np.searchsorted(values, value, side="left"))
    above = len(values) - int(np.searchsorted(values, value, side="right"))
    better, worse = (below, above) if higher_is_worse else (above, below)
    ties = n_others - better - worse
    tie_text = f", gelijk aan {ties} andere" if ties else ""
    if better == worse == 0:
        return "dezelfde waarde als alle andere gemeenten"
    if better >= worse:
        if worse == 0:
            return f"slechter dan alle andere gemeenten{tie_text}"
        share = math.floor(better / n_others * 100)
        return f"slechter dan {share}% van de andere gemeenten{tie_text}"
    if better == 0:
        return f"beter dan alle andere gemeenten{tie_text}"
    share = math.floor(worse / n_others * 100)
    return f"beter dan {share}% van de andere gemeenten{tie_text}"


def _standing(ranking: Ranking, key: str, value: object) -> str:
    item = ranking.components[key]
    return standing(float(value), ranking.sorted_values[key], bool(item.higher_is_worse))


def explain(ranking: Ranking, code: str) -> str:
    """The two or three components that put a gemeente where it is, in plain Dutch."""
    row = ranking.table.set_index("code").loc[code]
    return _explain(ranking.percentiles.loc[code].to_dict(), row.to_dict(), ranking)


def _explain(ranks: dict[str, float], values: dict[str, object], ranking: Ranking) -> str:
    # A component's pull is its weight share times its distance from the middle (percentile
    # 50): components far from the middle with a large weight explain the score most.
    # Plain Python here: this runs once per gemeente on every rerun of the page.
    present = {key: float(r) for key, r in ranks.items() if not pd.isna(r)}
    missing = [ranking.components[key].label for key in ranks if key not in present]
    if not present:
        return "Geen score: geen van de gekozen onderdelen heeft een waarde voor deze gemeente."
    total = sum(ranking.weights[key] for key in present)
    pull = {key: ranking.weights[key] / total * (r - 50) for key, r in present.items()}
    order = sorted(present, key=lambda key: -abs(pull[key]))[:MAX_EXPLAINED]
    parts = []
    for key in order:
        item = ranking.components[key]
        parts.append(
            f"{item.label}: {fmt.value(values[key], item.unit, item.decimals)}, "
            f"{_standing(ranking, key, values[key])}"
        )
    text = "; ".join(parts) + "."
    if missing:
        text += (
            f" Geen gegevens voor: {', '.join(missing)}. De score telt alleen de "
            f"{len(present)} van {len(ranks)} onderdelen met een waarde."
        )
    return text


def filtered(
    table: pd.DataFrame,
    province: str | None = None,
    size: str | None = None,
    complete_only: bool = False,
) -> pd.DataFrame:
    """Rows inside the filters (None = no filter); order and ranks are kept."""
    keep = pd.Series(True, index=table.index)
    if province:
        keep &= table["province_name"] == province
    if size:
        keep &= table["size"] == size
    if complete_only:
        keep &= table["complete"]
    return table[keep]


def rank_within(shown: pd.DataFrame) -> pd.Series:
    """Rank by score within the rows given (the filtered list), by code: 1 = highest score,
    ties share the best rank, unscored rows get none. The national rank is the column 'rank'."""
    ranks = shown["score"].rank(method="min", ascending=False)
    return pd.Series(ranks.to_numpy(), index=shown["code"].to_numpy(), dtype="float64")


def rule_top(table: pd.DataFrame, n: int) -> list[str]:
    """Codes of the first n scored rows (ties at the cut-off are all included)."""
    scored = table.dropna(subset=["score"])
    if n <= 0 or scored.empty:
        return []
    cutoff = scored["rank"].iloc[min(n, len(scored)) - 1]
    return scored.loc[scored["rank"] <= cutoff, "code"].tolist()


SCORE_DECIMALS = 1  # scores are shown with one decimal


def rule_above(table: pd.DataFrame, threshold: float) -> list[str]:
    """Codes of all rows with a score of at least `threshold`, the score as it is shown (a
    score of 74.96 reads 75,0 and counts as 75)."""
    return table.loc[table["score"].round(SCORE_DECIMALS) >= threshold, "code"].tolist()


def rule_province(table: pd.DataFrame, province: str) -> list[str]:
    """Codes of all rows in province `province` (scored or not)."""
    return table.loc[table["province_name"] == province, "code"].tolist()


def components_text(ranking: Ranking) -> str:
    """The components the ranking uses, with their share of the weight and direction, in Dutch."""
    parts = []
    for label, _weight, share in weights_text(ranking):
        parts.append(label if len(ranking.weights) == 1 else f"{label} {fmt.percent(share, 0)}")
    text = "Gerangschikt op: " + "; ".join(parts) + "."
    if len(ranking.weights) == 1:
        key = next(iter(ranking.weights))
        order = "laagste" if not ranking.components[key].higher_is_worse else "hoogste"
        text += f" Eén onderdeel: de volgorde is die van deze indicator, {order} waarde eerst."
    return text


def weights_text(ranking: Ranking) -> list[tuple[str, float, float]]:
    """(label, weight, share of the total weight in percent) per component."""
    total = sum(ranking.weights.values())
    return [
        (ranking.components[key].label, w, w / total * 100) for key, w in ranking.weights.items()
    ]


SCORE_METHOD = (
    "Elk onderdeel wordt een percentielrang van 0 tot 100 over alle gemeenten met een waarde: "
    "100 = de gemeente die op dat onderdeel de meeste aandacht nodig heeft (de richting komt "
    "uit de indicatorlijst: bij sommige is hoog slecht, bij andere laag). Gelijke waarden "
    "krijgen dezelfde rang. De score is het gewogen gemiddelde van die rangen. Mist een "
    "gemeente een onderdeel, dan telt de score alleen de andere onderdelen, met hun gewichten "
    "opnieuw verdeeld; de kolom 'onderdelen gebruikt' laat dat zien. Rang 1 = hoogste score; "
    "filters veranderen score en rang niet."
)
