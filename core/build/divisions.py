"""The divisions of earlier election years linked to the 2025 gemeenten (which council governed
the same territory, or why none did)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from core.build import rawfile

# An old gemeente belongs to a new one when at least this share of its area lies inside it.
# The old (detailed) and new (generalised) maps differ in coastlines and water, so shares of
# 0.9-0.99 are normal for an unchanged gemeente; a real merger partner lies fully inside.
BELONGS_SHARE = 0.5

# Elections held for a council whose territory already included a gemeente that the map of
# 1 January of the election year still shows separately.
ELECTION_COVERED_MERGER = {
    (
        2022,
        "GM0363",
    ): "GM0457",  # Amsterdam's election of 16 March 2022 included Weesp (merged 24 March)
}

# Result files in the source that are placeholders, not EML (elections/SOURCES.md, 1b).
PLACEHOLDER_RESULTS = {2022: {"GM0377", "GM1690", "GM1950"}}

# Gemeenten that kept their code while absorbing (part of) another between the 2014 and 2018
# elections; their 2014 council governed a smaller territory. No 2014 map is in the raw data.
ABSORBED_2014_2018 = {
    "GM0080": "Leeuwarderadeel en deel Littenseradiel (2018)",
    "GM1900": "deel Littenseradiel (2018)",
    "GM0299": "Rijnwaarden (2018)",
    "GM0385": "Zeevang (2016)",
}


def link_division(
    overlaps: pd.DataFrame,
    old: gpd.GeoDataFrame,
    new: gpd.GeoDataFrame,
    year: int,
    result_codes: set[str],
) -> pd.DataFrame:
    """For each 2025 gemeente: which council of `year` governed the same territory, or why none did.

    `overlaps` is geo.overlap_matrix(old, new) for the division of `year`.
    """
    belongs = overlaps[overlaps["share_of_old"] >= BELONGS_SHARE]
    old_names = dict(zip(old["statcode"], old["statnaam"], strict=True))
    rows = []
    for code in new["code"]:
        parts = sorted(belongs.loc[belongs["new_code"] == code, "old_code"])
        covered = ELECTION_COVERED_MERGER.get((year, code))
        if covered in parts:
            parts = [p for p in parts if p != covered]
        if len(parts) == 1 and parts[0] in result_codes:
            rows.append(
                {
                    "year": year,
                    "code": code,
                    "election_code": parts[0],
                    "comparable": True,
                    "reason": "",
                    "predecessors": old_names[parts[0]],
                }
            )
            continue
        predecessors = ", ".join(old_names[p] for p in parts)
        if len(parts) > 1:
            reason = (
                f"Na de verkiezing van {year} ontstaan uit een herindeling; de raad van toen "
                "bestuurde een ander gebied."
            )
        elif parts and parts[0] in PLACEHOLDER_RESULTS.get(year, set()):
            reason = f"Het uitslagbestand van {year} in de bron is onbruikbaar (alleen een leeg voorbeeld)."
        elif parts:
            reason = (
                f"Geen uitslag van maart {year} in de brongegevens (bijvoorbeeld een "
                "herindelingsverkiezing op een andere datum)."
            )
        else:
            reason = f"Geen gemeente van {year} valt samen met deze gemeente."
        rows.append(
            {
                "year": year,
                "code": code,
                "election_code": parts[0] if len(parts) == 1 else "",
                "comparable": False,
                "reason": reason,
                "predecessors": predecessors,
            }
        )
    return pd.DataFrame(rows)


def link_2014(link_2018: pd.DataFrame, codes_2014: set[str]) -> pd.DataFrame:
    """2014 has no map in the raw data: chain through the 2018 link and the known absorptions."""
    rows = []
    for row in link_2018.itertuples(index=False):
        old = row.election_code
        if row.comparable and old in codes_2014 and old not in ABSORBED_2014_2018:
            rows.append(
                {
                    "year": 2014,
                    "code": row.code,
                    "election_code": old,
                    "comparable": True,
                    "reason": "",
                    "predecessors": row.predecessors,
                }
            )
            continue
        if not row.comparable:
            reason = "Al niet vergelijkbaar met 2018, dus ook niet met 2014. " + row.reason
        elif old in ABSORBED_2014_2018:
            reason = (
                "Na de verkiezing van 2014 is een andere gemeente (of een deel ervan) toegevoegd."
            )
        else:
            reason = "Geen uitslag van maart 2014 in de brongegevens (herindeling in 2014-2018)."
        predecessors = ABSORBED_2014_2018.get(old, row.predecessors)
        rows.append(
            {
                "year": 2014,
                "code": row.code,
                "election_code": "",
                "comparable": False,
                "reason": reason,
                "predecessors": predecessors,
            }
        )
    return pd.DataFrame(rows)


# Gemeenten of the 2025 division that held no council election on 18 March 2026, and why
# (elections/SOURCES.md, 2a). prepare stops when the source leaves out any other gemeente.
NO_ELECTION_2026 = {"GM0402": "Hilversum", "GM1696": "Wijdemeren"}
NO_ELECTION_2026_REASON = (
    "Geen raadsverkiezing op 18 maart 2026: Hilversum en Wijdemeren gaan samen (herindeling) en "
    "kiezen later een nieuwe raad. Geen raadsgrootte, kandidatenlijsten of uitslag voor 2026 in "
    "de Kiesraad-gegevens."
)


def link_2026(codes: pd.Series, voted: set[str]) -> pd.DataFrame:
    """2026 was held on the 2025 division: each gemeente that voted is its own council."""
    absent = set(codes) - voted
    rawfile.check(
        absent == set(NO_ELECTION_2026),
        "elections/GR2026/Raadzetels_GR2026.csv",
        f"gemeenten without a 2026 election: {sorted(absent)} (expected {sorted(NO_ELECTION_2026)})",
    )
    rows = [
        {
            "year": 2026,
            "code": code,
            "election_code": code if code in voted else "",
            "comparable": code in voted,
            "reason": "" if code in voted else NO_ELECTION_2026_REASON,
            "predecessors": "",
        }
        for code in codes
    ]
    return pd.DataFrame(rows)


def read_old_division(raw: Path, year: int) -> gpd.GeoDataFrame:
    """The gemeenten on the map of an earlier election year (statcode, statnaam, geometry)."""
    rel = f"grtool/gemeente_{year}.geojson"
    frame = rawfile.reading(rel, lambda: gpd.read_file(rawfile.locate(raw, rel)))
    rawfile.check({"statcode", "statnaam"} <= set(frame.columns), rel, "missing statcode/statnaam")
    return frame.set_crs("EPSG:4326", allow_override=True)
