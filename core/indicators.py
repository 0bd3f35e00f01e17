"""Compute the catalogue's indicators per 2025 gemeente, and explain every missing value.

`python -m core.indicators --codes GM0363,GM0599 [--ids ID,ID] --json` prints the shipped values.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

import pandas as pd

from core import bundle, catalogue, fmt, indicator_meta, priority

WILLING_SHARE = 0.15  # BZK, June 2025: about 15% would stand for the council if asked.
# Share of the CBS age band 15-25 that is 18 or older, assuming an even spread over the ten
# years; the bundle has no single-year ages.
ADULT_SHARE_OF_15_25 = 0.7
ELECTION_YEARS = (2014, 2018, 2022, 2026)
# The election that is today's picture, and the one it is compared with.
CURRENT_YEAR = 2026
PREVIOUS_YEAR = 2022


def adults(gemeenten: pd.DataFrame) -> pd.Series:
    """Estimated inhabitants aged 18+ (see ADULT_SHARE_OF_15_25)."""
    return (
        gemeenten["age_15_25"] * ADULT_SHARE_OF_15_25
        + gemeenten["age_25_45"]
        + gemeenten["age_45_65"]
        + gemeenten["age_65_plus"]
    )


def councils_per_gemeente(tables: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """Council figures of `year` attached to the 2025 gemeenten whose council they were."""
    link = tables["election_link"]
    link = link[(link["year"] == year) & link["comparable"]][["code", "election_code"]]
    councils = tables["election_councils"]
    councils = councils[councils["year"] == year].drop(columns="year")
    out = link.merge(councils, on="election_code", how="left").set_index("code")
    # Plain floats (missing = NaN): the bundle keeps counts as nullable integers, and pd.NA in
    # arithmetic and comparisons trips callers that test values one by one.
    numeric = [c for c in out.columns if c not in ("election_code", "election_name")]
    return out.astype({c: "float64" for c in numeric})


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    part = part.astype("float64")
    whole = whole.astype("float64")
    return (part / whole * 100).where(whole > 0)


def compute(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per 2025 gemeente, one column per indicator id (shares in percent, unrounded)."""
    g = tables["gemeenten"].set_index("code").sort_index()
    out = pd.DataFrame(index=g.index)
    for year in ELECTION_YEARS:
        c = councils_per_gemeente(tables, year).reindex(g.index)
        # Published and estimated genders both count; the estimated and still-unknown shares
        # are indicators of their own so that every women figure can say what it rests on.
        women = c["women"] + c["women_estimated"]
        known = women + c["men"] + c["men_estimated"]
        out[f"women_council_share_{year}"] = _share(women, known)
        out[f"gender_estimated_share_{year}"] = _share(
            c["women_estimated"] + c["men_estimated"], c["seats"]
        )
        out[f"gender_unknown_share_{year}"] = _share(
            c["gender_unknown"] + c["gender_missing"], c["seats"]
        )
        if year == 2022:
            out["seats_2022"] = c["seats"]
            out["lists_2022"] = c["lists"]
            out["candidates_per_seat_2022"] = c["candidates"].astype("float64") / c["seats"]
            out["short_lists_share_2022"] = _share(
                c["short_lists"], c["lists"].where(c["candidates"].notna())
            )
            out["half_short_lists_share_2022"] = _share(
                c["half_short_lists"], c["lists"].where(c["candidates"].notna())
            )
        if year == 2026:
            # Council size from Raadzetels, so Gorinchem (result missing) still has its shortage.
            out["candidates_2026"] = c["candidates"]
            out["lists_2026"] = c["lists"]
            out["candidates_per_seat_2026"] = _share(c["candidates"], c["council_size"]) / 100
            out["short_lists_share_2026"] = _share(c["short_lists"], c["lists"])
            out["half_short_lists_share_2026"] = _share(c["half_short_lists"], c["lists"])
            published = c["candidates_women"] + c["candidates_men"]
            out["women_candidates_share_2026"] = _share(c["candidates_women"], published)
            out["candidate_gender_unknown_share_2026"] = _share(
                c["candidates_gender_empty"], c["candidates"]
            )
    out["women_population_share_2024"] = _share(g["women"], g["inhabitants"])
    out["women_gap_2022"] = out["women_population_share_2024"] - out["women_council_share_2022"]
    out["women_gap_2026"] = out["women_population_share_2024"] - out["women_council_share_2026"]
    # Change since 2022 for the same 2025 gemeente: missing where either year is.
    out["candidates_per_seat_change_2022_2026"] = (
        out["candidates_per_seat_2026"] - out["candidates_per_seat_2022"]
    )
    out["women_council_share_change_2022_2026"] = (
        out["women_council_share_2026"] - out["women_council_share_2022"]
    )
    out["origin_outside_europe_share_2024"] = _share(g["origin_outside_europe"], g["inhabitants"])
    out["origin_europe_share_2024"] = _share(g["origin_europe"], g["inhabitants"])
    out["origin_non_dutch_share_2024"] = _share(
        g["origin_europe"] + g["origin_outside_europe"], g["inhabitants"]
    )
    out["inhabitants_2024"] = g["inhabitants"].astype("float64")
    seats_2026 = g["seats_2026"].astype("float64")
    out["seats_2026"] = seats_2026
    out["inhabitants_per_seat_2026"] = g["inhabitants"] / seats_2026
    out["potential_pool_per_seat_2026"] = adults(g) * WILLING_SHARE / seats_2026
    directions = {
        key: bool(catalogue.get(key).higher_is_worse) for key in catalogue.DEFAULT_PRIORITY_WEIGHTS
    }
    out["priority_score"] = priority.score(out, catalogue.DEFAULT_PRIORITY_WEIGHTS, directions)[
        "score"
    ]
    out = out.astype("float64")
    missing_ids = set(catalogue.INDICATORS) - set(out.columns)
    if missing_ids:
        raise RuntimeError(f"catalogue ids without a computation: {sorted(missing_ids)}")
    return out[list(catalogue.INDICATORS)].reset_index()


def notes(tables: dict[str, pd.DataFrame], values: pd.DataFrame) -> pd.DataFrame:
    """For every missing indicator value: the reason in Dutch (code, indicator_id, reason)."""
    link = tables["election_link"].set_index(["year", "code"])["reason"]
    councils = {year: councils_per_gemeente(tables, year) for year in ELECTION_YEARS}
    rows = []
    for column in values.columns.drop("code"):
        item = catalogue.get(column)
        for code in values.loc[values[column].isna(), "code"]:
            rows.append(
                {
                    "code": code,
                    "indicator_id": column,
                    "reason": _reason(item, code, link, councils, tables),
                }
            )
    return (
        pd.DataFrame(rows, columns=["code", "indicator_id", "reason"])
        .sort_values(["indicator_id", "code"])
        .reset_index(drop=True)
    )


# Ids whose missing value is explained by another id's reason.
_SAME_REASON_AS = {
    "women_gap_2022": "women_council_share_2022",
    "women_gap_2026": "women_council_share_2026",
    "priority_score": "candidates_per_seat_2026",
}
# Change ids: (2026 id, 2022 id) whose difference they are.
CHANGES = {
    "candidates_per_seat_change_2022_2026": (
        "candidates_per_seat_2026",
        "candidates_per_seat_2022",
    ),
    "women_council_share_change_2022_2026": (
        "women_council_share_2026",
        "women_council_share_2022",
    ),
}
_RESULT_2026_MISSING = (
    "De uitslag van 18 maart 2026 ontbreekt in de bron voor deze gemeente (het afgeleide "
    "Kiesraad-bestand met de uitslag per partij heeft geen regel voor Gorinchem); de "
    "kandidatenlijsten zijn er wel, dus de cijfers over kandidaten wel."
)


def _reason(
    item: indicator_meta.Indicator, code: str, link: pd.Series, councils: dict, tables: dict
) -> str:
    year = item.year
    if item.id in CHANGES:
        values = tables["indicators"].set_index("code") if "indicators" in tables else None
        for part in CHANGES[item.id]:
            if values is None or pd.isna(values.at[code, part]):
                part_item = catalogue.get(part)
                reason = _reason(part_item, code, link, councils, tables)
                return f"Geen vergelijking: {part_item.year} ontbreekt. {reason}"
    if year in ELECTION_YEARS and link.get((year, code)):
        return link[(year, code)]
    if item.id in {"seats_2026", "inhabitants_per_seat_2026", "potential_pool_per_seat_2026"}:
        return "Geen raadsverkiezing in 2026 (herindeling); geen raadsgrootte voor 2026 in de Kiesraad-gegevens."
    if item.id in _SAME_REASON_AS:
        return _reason(catalogue.get(_SAME_REASON_AS[item.id]), code, link, councils, tables)
    council = councils.get(year)
    if council is not None and code in council.index:
        row = council.loc[code]
        if pd.isna(row["seats"]):
            return _RESULT_2026_MISSING
        if item.id == "women_candidates_share_2026":
            return "Geen enkele lijst in deze gemeente gaf het geslacht van haar kandidaten op."
        known = row["women"] + row["men"] + row["women_estimated"] + row["men_estimated"]
        if item.id.startswith("women_council_share") and known == 0:
            return (
                "Bij geen enkel gekozen raadslid is het geslacht opgegeven of uit de voornaam "
                "te schatten."
            )
        if pd.isna(row["candidates"]):
            return (
                "Lijstlengtes ontbreken: het Telling-bestand (de telling per lijst) van deze "
                "grote gemeente zat niet in de brongegevens."
            )
    return "Geen gegevens in de brongegevens."


# Indicators whose value rests on the gender of elected councillors: id -> election year.
GENDER_BASED = {
    "women_council_share_2026": 2026,
    "women_gap_2026": 2026,
    "women_council_share_change_2022_2026": 2026,
    "women_council_share_2022": 2022,
    "women_council_share_2018": 2018,
    "women_council_share_2014": 2014,
    "women_gap_2022": 2022,
    "women_seats_short_2022": 2022,
    "women_seats_short_2026": 2026,
}


def gender_basis(values: pd.DataFrame, year: int = CURRENT_YEAR) -> pd.DataFrame:
    """Per row: estimated and still-unknown gender shares (percent) and the >20% flag.

    `values` holds the bundle's indicator columns (code-aligned rows). A row without a council
    of that year has missing shares and no flag.
    """
    estimated = values[f"gender_estimated_share_{year}"].astype("float64")
    unknown = values[f"gender_unknown_share_{year}"].astype("float64")
    out = pd.DataFrame({"estimated": estimated, "unknown": unknown}, index=values.index)
    out["uncertain"] = (estimated + unknown) > indicator_meta.GENDER_UNCERTAIN_THRESHOLD
    return out


def gender_mark(estimated: float | None, unknown: float | None, short: bool = False) -> str:
    """What a gemeente's women figure rests on, in Dutch ('' when every gender was published).

    Above the threshold the text starts with a warning sign; `short` gives the compact form
    for table cells and chart labels.
    """
    est = 0.0 if estimated is None or pd.isna(estimated) else float(estimated)
    unk = 0.0 if unknown is None or pd.isna(unknown) else float(unknown)
    if est == 0 and unk == 0:
        return ""
    warn = est + unk > indicator_meta.GENDER_UNCERTAIN_THRESHOLD
    if short:
        text = f"{fmt.percent(est, 0)} geschat, {fmt.percent(unk, 0)} onbekend"
        return f"⚠ {text}" if warn else text
    parts = []
    if est:
        parts.append(f"bij {fmt.percent(est, 0)} van de raadsleden geschat uit de voornaam")
    if unk:
        parts.append(f"bij {fmt.percent(unk, 0)} onbekend")
    text = "Geslacht " + " en ".join(parts) + "."
    if warn:
        text = (
            f"⚠ Onzeker: {text} Meer dan "
            f"{fmt.percent(indicator_meta.GENDER_UNCERTAIN_THRESHOLD, 0)} van de raad is geschat of "
            "onbekend."
        )
    return text


def load_values(folder: str | None = None) -> pd.DataFrame:
    """The shipped indicator values (wide, one row per gemeente)."""
    return bundle.load_table("indicators", folder)


def _clean(number: float) -> float | None:
    return (
        None
        if number is None or (isinstance(number, float) and math.isnan(number))
        else float(number)
    )


def as_json(values: pd.DataFrame, codes: list[str], ids: list[str] | None) -> dict:
    """The CLI's JSON shape: {code: {indicator id: number or null}}."""
    frame = values.set_index("code")
    unknown_codes = [c for c in codes if c not in frame.index]
    if unknown_codes:
        raise KeyError(f"Onbekende gemeentecode(s): {', '.join(unknown_codes)}")
    ids = ids or [c for c in frame.columns]
    for indicator_id in ids:
        catalogue.get(indicator_id)
    return {code: {i: _clean(frame.at[code, i]) for i in ids} for code in codes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.indicators", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--codes", required=True, help="comma-separated CBS codes, e.g. GM0363,GM0599"
    )
    parser.add_argument("--ids", default="", help="comma-separated indicator ids (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    parser.add_argument("--bundle", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    codes = [c.strip().upper() for c in args.codes.split(",") if c.strip()]
    ids = [i.strip() for i in args.ids.split(",") if i.strip()] or None
    try:
        result = as_json(load_values(args.bundle), codes, ids)
    except (KeyError, bundle.BundleError) as exc:
        print(json.dumps({"error": str(exc).strip('"')}, ensure_ascii=False), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
