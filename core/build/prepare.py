"""Build the app's data bundle under data/ from the raw open data: `python -m core.prepare --raw DIR`."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd

from core import bundle, catalogue, indicators, paths
from core.build import eml, gender, geo
from core.ingest import successors as ingest_successors

T = TypeVar("T")

N_GEMEENTEN = 342
N_PROVINCES = 12
# Coordinates at 4 decimals (about 10 m) are finer than the source's own quantization (0.001 deg).
COORD_DECIMALS = 4
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


class PrepareError(RuntimeError):
    """A raw file is missing or not what the bundle expects."""


def _raw_file(raw: Path, relative: str) -> Path:
    path = raw / relative
    if not path.is_file():
        raise PrepareError(f"{relative}: file not found under {raw}")
    return path


def _reading(relative: str, action: Callable[[], T]) -> T:
    """Run a read step and turn any failure into an error that names the raw file."""
    try:
        return action()
    except PrepareError:
        raise
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        zipfile.BadZipFile,
        json.JSONDecodeError,
        eml.EmlError,
    ) as exc:
        raise PrepareError(
            f"{relative}: cannot be read as expected ({type(exc).__name__}: {exc})"
        ) from exc


def _check(condition: bool, relative: str, message: str) -> None:
    if not condition:
        raise PrepareError(f"{relative}: {message}")


# --- Boundaries -------------------------------------------------------------------------------


def read_municipalities(raw: Path) -> gpd.GeoDataFrame:
    """The 342 gemeenten of 1 January 2025 with province and browser-ready geometry."""
    rel_topo, rel_list = "cartomap/gemeente_2025.topojson", "cbs/gemeenten-alfabetisch-2024.xlsx"
    shapes = _reading(
        rel_topo, lambda: geo.read_topojson(_raw_file(raw, rel_topo), "gemeente_2025")
    )
    _check(
        len(shapes) == N_GEMEENTEN,
        rel_topo,
        f"expected {N_GEMEENTEN} geometries, found {len(shapes)}",
    )
    _check(shapes["statcode"].is_unique, rel_topo, "statcode is not unique")
    listing = _reading(rel_list, lambda: pd.read_excel(_raw_file(raw, rel_list), dtype=str))
    needed = {"GemeentecodeGM", "Gemeentenaam", "ProvinciecodePV", "Provincienaam"}
    _check(
        needed <= set(listing.columns),
        rel_list,
        f"missing columns {sorted(needed - set(listing.columns))}",
    )
    listing = listing.rename(
        columns={
            "GemeentecodeGM": "code",
            "Gemeentenaam": "name_list",
            "ProvinciecodePV": "province_code",
            "Provincienaam": "province_name",
        }
    )
    merged = shapes.rename(columns={"statcode": "code", "statnaam": "name"}).merge(
        listing[["code", "name_list", "province_code", "province_name"]], on="code", how="left"
    )
    missing = merged.loc[merged["province_code"].isna(), "code"].tolist()
    _check(not missing, rel_list, f"no province for {missing}")
    out = merged[["code", "name", "province_code", "province_name", "geometry"]]
    out = geo.round_geometry(gpd.GeoDataFrame(out, crs="EPSG:4326"), COORD_DECIMALS)
    return out.sort_values("code").reset_index(drop=True)


def read_provinces(raw: Path) -> gpd.GeoDataFrame:
    """The 12 province outlines of 2025."""
    rel = "cartomap/provincie_2025.topojson"
    shapes = _reading(rel, lambda: geo.read_topojson(_raw_file(raw, rel), "provincie_2025"))
    _check(
        len(shapes) == N_PROVINCES, rel, f"expected {N_PROVINCES} provinces, found {len(shapes)}"
    )
    out = shapes.rename(columns={"statcode": "province_code", "statnaam": "province_name"})
    out = geo.round_geometry(out[["province_code", "province_name", "geometry"]], COORD_DECIMALS)
    return out.sort_values("province_code").reset_index(drop=True)


# --- CBS population ---------------------------------------------------------------------------

_POP_COLUMNS = {
    "Bevolking/Aantal inwoners (aantal)": "inhabitants",
    "Bevolking/Geslacht/Mannen (aantal)": "men",
    "Bevolking/Geslacht/Vrouwen (aantal)": "women",
    "Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)": "age_0_15",
    "Bevolking/Leeftijdsgroepen/15 tot 25 jaar (aantal)": "age_15_25",
    "Bevolking/Leeftijdsgroepen/25 tot 45 jaar (aantal)": "age_25_45",
    "Bevolking/Leeftijdsgroepen/45 tot 65 jaar (aantal)": "age_45_65",
    "Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)": "age_65_plus",
}
_ORIGIN_PREFIX = "Bevolking/Bevolking naar herkomst/Herkomstland/"


def _read_cbs_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _origin_column(columns: list[str], label: str, relative: str) -> str:
    # CBS pads some of these headers with a double space, so match on the label, not the text.
    hits = [
        c
        for c in columns
        if c.startswith(_ORIGIN_PREFIX) and c[len(_ORIGIN_PREFIX) :].startswith(label)
    ]
    _check(len(hits) == 1, relative, f"expected one herkomst column for {label!r}, found {hits}")
    return hits[0]


def read_population(raw: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """CBS 2024 population per gemeente, with herkomst joined by row position; plus the NL totals."""
    rel_sex = "cbs/Kerncijfers_wijken_en_buurten_2024_geslachten.csv"
    rel_origin = "cbs/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv"
    sex = _reading(rel_sex, lambda: _read_cbs_csv(_raw_file(raw, rel_sex)))
    origin = _reading(rel_origin, lambda: _read_cbs_csv(_raw_file(raw, rel_origin)))
    name_col = "Regioaanduiding/Gemeentenaam (naam)"
    for rel, frame, cols in (
        (
            rel_sex,
            sex,
            [
                name_col,
                "Regioaanduiding/Soort regio (omschrijving)",
                "Regioaanduiding/Codering (code)",
                *_POP_COLUMNS,
            ],
        ),
        (rel_origin, origin, ["Wijken en buurten", name_col, "Bevolking/Aantal inwoners (aantal)"]),
    ):
        missing = [c for c in cols if c not in frame.columns]
        _check(not missing, rel, f"missing columns {missing}")
    # The herkomst file has no codes. SOURCES.md: same rows in the same order as the file with
    # codes; prove it row by row before joining on position.
    _check(len(sex) == len(origin), rel_origin, f"{len(origin)} rows, but {rel_sex} has {len(sex)}")
    same = (
        (sex["Wijken en buurten"].str.strip() == origin["Wijken en buurten"].str.strip())
        & (sex[name_col].str.strip() == origin[name_col].str.strip())
        & (
            sex["Bevolking/Aantal inwoners (aantal)"]
            == origin["Bevolking/Aantal inwoners (aantal)"]
        )
    )
    bad = (~same).sum()
    _check(
        bad == 0,
        rel_origin,
        f"{bad} rows differ from {rel_sex} in name or inhabitants; row join unsafe",
    )
    origin_cols = {
        _origin_column(list(origin.columns), "Nederland", rel_origin): "origin_dutch",
        _origin_column(
            list(origin.columns), "Europa (exclusief Nederland)", rel_origin
        ): "origin_europe",
        _origin_column(list(origin.columns), "Buiten Europa", rel_origin): "origin_outside_europe",
    }
    frame = sex.rename(columns=_POP_COLUMNS)
    for source, target in origin_cols.items():
        frame[target] = origin[source].to_numpy()
    frame["code"] = frame["Regioaanduiding/Codering (code)"].str.strip()
    frame["kind"] = frame["Regioaanduiding/Soort regio (omschrijving)"].str.strip()
    numeric = [*_POP_COLUMNS.values(), *origin_cols.values()]
    for column in numeric:
        frame[column] = _reading(rel_sex, lambda c=column: pd.to_numeric(frame[c], errors="raise"))
    land = frame[frame["kind"] == "Land"]
    _check(len(land) == 1, rel_sex, "no single 'Land' (Nederland) row")
    totals = {column: int(land[column].iloc[0]) for column in numeric}
    gm = frame[frame["kind"] == "Gemeente"][["code", *numeric]].astype(
        {c: "int64" for c in numeric}
    )
    _check(
        len(gm) == N_GEMEENTEN, rel_sex, f"expected {N_GEMEENTEN} gemeente rows, found {len(gm)}"
    )
    return gm.sort_values("code").reset_index(drop=True), totals


# --- Kiesraad elections -----------------------------------------------------------------------


def estimated_genders(first_names: Iterable[str]) -> dict[str, int]:
    """Counts for the elected whose list gave no gender: estimated women, men, and still missing.

    A gender published as "unknown" is left as it is (the list chose to say so); only an
    absent one is estimated (core.build.gender names the method).
    """
    answers = [gender.estimate(name) for name in first_names]
    return {
        "women_estimated": answers.count("female"),
        "men_estimated": answers.count("male"),
        "gender_missing": answers.count(None),
    }


def read_results(raw: Path, year: int) -> pd.DataFrame:
    """Per list: seats and elected councillors by gender, from the Resultaat EML files of a year."""
    folder = f"elections/GR{year}/eml_resultaat"
    files = sorted((raw / folder).glob("Resultaat_*.eml.xml"))
    _check(bool(files), folder, "no Resultaat_*.eml.xml files found")
    rows = []
    for path in files:
        result = _reading(f"{folder}/{path.name}", lambda p=path: eml.read_resultaat(p))
        for item in result.lists:
            rows.append(
                {
                    "year": year,
                    "election_code": result.gemeente_code,
                    "election_name": result.gemeente_name,
                    "list_id": item.list_id,
                    "list_name": item.list_name,
                    "seats": item.seats,
                    "women": item.women,
                    "men": item.men,
                    "gender_unknown": item.gender_unknown,
                    **estimated_genders(item.missing_first_names),
                }
            )
    frame = pd.DataFrame(rows)
    dupes = frame.duplicated(["election_code", "list_id"])
    _check(
        not dupes.any(), folder, f"duplicate lists {frame.loc[dupes, 'election_code'].tolist()[:5]}"
    )
    return frame


def read_results_2014(raw: Path) -> pd.DataFrame:
    """Per list for 2014 from the GRtool JSON (no EML files saved): seats and gender of the elected."""
    rel = "elections/GR2014/grtool_2014.json"
    data = _reading(rel, lambda: json.loads(_raw_file(raw, rel).read_text(encoding="utf-8")))
    rows = []
    for council in data:
        for party in council["partijen"]:
            genders = [k.get("geslacht") for k in party["kandidaten"]]
            missing = [
                k.get("voornaam") or ""
                for k in party["kandidaten"]
                if k.get("geslacht") not in ("female", "male", "unknown")
            ]
            rows.append(
                {
                    "year": 2014,
                    "election_code": council["cbsCodeFormatted"],
                    "election_name": council["naam"],
                    "list_id": str(party["id"]),
                    "list_name": party["naam"],
                    "seats": len(genders),
                    "women": genders.count("female"),
                    "men": genders.count("male"),
                    "gender_unknown": genders.count("unknown"),
                    **estimated_genders(missing),
                }
            )
    return pd.DataFrame(rows)


def read_list_lengths_2022(raw: Path) -> pd.DataFrame:
    """List lengths and votes for 2022; the derived CSV is first checked against our own EML parse."""
    rel = "elections/GR2022/extracted_GR2022_telling_lists.csv"
    lists = _reading(
        rel, lambda: pd.read_csv(_raw_file(raw, rel), dtype={"gemeente_code": str, "list_id": str})
    )
    needed = {"gemeente_code", "list_id", "list_valid_votes", "n_candidates_on_list"}
    _check(
        needed <= set(lists.columns), rel, f"missing columns {sorted(needed - set(lists.columns))}"
    )
    lists["election_code"] = "GM" + lists["gemeente_code"].str.zfill(4)
    samples = sorted((raw / "elections/GR2022/eml_telling_sample").glob("Telling_*.eml.xml"))
    _check(
        bool(samples),
        "elections/GR2022/eml_telling_sample",
        "no Telling sample files to check against",
    )
    for path in samples:
        telling = _reading(path.name, lambda p=path: eml.read_telling(p))
        ours = {(i.list_id, i.valid_votes, i.n_candidates) for i in telling.lists}
        theirs = lists[lists["election_code"] == telling.gemeente_code]
        given = set(
            zip(
                theirs["list_id"],
                theirs["list_valid_votes"],
                theirs["n_candidates_on_list"],
                strict=True,
            )
        )
        _check(ours == given, rel, f"differs from our parse of {path.name}: {sorted(ours ^ given)}")
    out = lists.rename(
        columns={"list_valid_votes": "votes", "n_candidates_on_list": "n_candidates"}
    )
    return out[["election_code", "list_id", "votes", "n_candidates"]]


def read_lists_2022(raw: Path) -> pd.DataFrame:
    """Every list of 2022 (also those without seats), with seats, gender of the elected and length.

    Resultaat files only name lists that won seats, so the full set of lists comes from the count:
    the extracted Telling CSV, and the GRtool JSON (built from the same counts) for the 18 large
    gemeenten whose Telling file is not in the raw data. Councils without a Resultaat file have
    no known seats and are left out.
    """
    rel = "elections/GR2022/grtool_2022.json"
    data = _reading(rel, lambda: json.loads(_raw_file(raw, rel).read_text(encoding="utf-8")))
    universe = pd.DataFrame(
        [
            {
                "election_code": c["cbsCodeFormatted"],
                "list_id": str(p["id"]),
                "list_name_json": p["naam"],
                "votes_json": p["stemmen"],
            }
            for c in data
            for p in c["partijen"]
        ]
    )
    elected = read_results(raw, 2022)
    lengths = read_list_lengths_2022(raw)
    orphans = elected.merge(universe, on=["election_code", "list_id"], how="left", indicator=True)
    orphans = orphans[orphans["_merge"] == "left_only"]
    _check(
        orphans.empty,
        rel,
        f"lists with seats missing from the JSON: {orphans['election_code'].tolist()[:5]}",
    )
    frame = universe[universe["election_code"].isin(set(elected["election_code"]))]
    frame = frame.merge(elected, on=["election_code", "list_id"], how="left")
    frame = frame.merge(lengths, on=["election_code", "list_id"], how="left")
    names = elected.groupby("election_code")["election_name"].first()
    frame["election_name"] = frame["election_code"].map(names)
    frame["list_name"] = frame["list_name"].fillna(frame["list_name_json"])
    counts = [
        "seats",
        "women",
        "men",
        "gender_unknown",
        "women_estimated",
        "men_estimated",
        "gender_missing",
    ]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    # Votes: the Kiesraad count where we have it; else the JSON, built from the same count.
    frame["votes"] = frame["votes"].fillna(frame["votes_json"])
    frame["year"] = 2022
    return frame[
        [
            "year",
            "election_code",
            "election_name",
            "list_id",
            "list_name",
            *counts,
            "votes",
            "n_candidates",
        ]
    ]


def read_seats_2026(raw: Path) -> pd.DataFrame:
    """Council sizes for the election of 18 March 2026."""
    rel = "elections/GR2026/Raadzetels_GR2026.csv"
    frame = _reading(rel, lambda: pd.read_csv(_raw_file(raw, rel), sep=";", dtype=str))
    _check(
        {"GemeenteCode", "AantalZetels"} <= set(frame.columns),
        rel,
        "missing GemeenteCode/AantalZetels",
    )
    out = pd.DataFrame(
        {
            "code": "GM" + frame["GemeenteCode"].str.zfill(4),
            "seats_2026": _reading(
                rel, lambda: pd.to_numeric(frame["AantalZetels"]).astype("int64")
            ),
        }
    )
    _check(out["code"].is_unique, rel, "duplicate gemeente codes")
    return out.sort_values("code").reset_index(drop=True)


def read_staffel(raw: Path) -> pd.DataFrame:
    """The council-size bands of Gemeentewet art. 8."""
    rel = "elections/staffel_gemeentewet_art8.csv"
    frame = _reading(
        rel, lambda: pd.read_csv(_raw_file(raw, rel), dtype={"band_as_worded_in_law": str})
    )
    _check(
        {"min_inhabitants", "max_inhabitants", "council_seats"} <= set(frame.columns),
        rel,
        "missing columns",
    )
    frame["max_inhabitants"] = frame["max_inhabitants"].astype("Int64")
    frame["min_inhabitants"] = frame["min_inhabitants"].astype("int64")
    frame["council_seats"] = frame["council_seats"].astype("int64")
    return frame


# --- Old divisions to the 2025 gemeenten ------------------------------------------------------


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


def read_old_division(raw: Path, year: int) -> gpd.GeoDataFrame:
    rel = f"grtool/gemeente_{year}.geojson"
    frame = _reading(rel, lambda: gpd.read_file(_raw_file(raw, rel)))
    _check({"statcode", "statnaam"} <= set(frame.columns), rel, "missing statcode/statnaam")
    return frame.set_crs("EPSG:4326", allow_override=True)


# --- Writing ----------------------------------------------------------------------------------


def build(raw: Path) -> dict[str, pd.DataFrame]:
    """Read and check every raw source; return the bundle's tables."""
    raw = Path(raw)
    if not raw.is_dir():
        raise PrepareError(f"{raw}: raw data folder not found")
    municipalities = read_municipalities(raw)
    provinces = read_provinces(raw)
    population, totals = read_population(raw)
    names = dict(zip(municipalities["code"], municipalities["name"], strict=True))
    _check(
        set(population["code"]) == set(names),
        "cbs/Kerncijfers_wijken_en_buurten_2024_geslachten.csv",
        "gemeente codes differ from the 2025 boundaries",
    )
    lists = pd.concat([read_results_2014(raw), read_results(raw, 2018), read_lists_2022(raw)])
    lists["n_candidates"] = lists["n_candidates"].astype("Int64")
    lists["votes"] = lists["votes"].astype("Int64")
    lists = lists.sort_values(["year", "election_code", "list_id"], key=_natural).reset_index(
        drop=True
    )
    links, successor_frames = [], []
    for year in (2018, 2022):
        codes = set(lists.loc[lists["year"] == year, "election_code"])
        old = read_old_division(raw, year)
        overlaps = geo.overlap_matrix(old, municipalities, "statcode", "code")
        links.append(link_division(overlaps, old, municipalities, year, codes))
        old_names = dict(zip(old["statcode"], old["statnaam"], strict=True))
        successor_frames.append(
            ingest_successors.successors_from_overlap(
                overlaps, old_names, municipalities["code"], year
            )
        )
    links.append(link_2014(links[0], set(lists.loc[lists["year"] == 2014, "election_code"])))
    # Former gemeenten -> 2025 successors for the import's name matching: the overlay of the
    # 2018 and 2022 maps, plus the hand-kept gemeenten that were gone before 2018.
    known = ingest_successors.known_successors()
    successor_frames.append(known[known["division_year"] < 2018])
    successors = ingest_successors.combine_successors(successor_frames)
    link = pd.concat(links).sort_values(["year", "code"]).reset_index(drop=True)
    seats_2026 = read_seats_2026(raw)
    unknown = sorted(set(seats_2026["code"]) - set(names))
    _check(
        not unknown,
        "elections/GR2026/Raadzetels_GR2026.csv",
        f"codes not in the 2025 division: {unknown}",
    )
    gemeenten = pd.DataFrame(municipalities.drop(columns="geometry")).merge(population, on="code")
    gemeenten = gemeenten.merge(seats_2026, on="code", how="left")
    gemeenten["seats_2026"] = gemeenten["seats_2026"].astype("Int64")
    councils = bundle.councils_from_lists(lists)
    tables = {
        "gemeenten": gemeenten,
        "national": pd.DataFrame([{"region": "Nederland", **totals}]),
        "election_lists": lists,
        "election_councils": councils,
        "election_link": link,
        "staffel": read_staffel(raw),
        "successors": successors,
    }
    tables["indicators"] = indicators.compute(tables)
    tables["indicator_notes"] = indicators.notes(tables, tables["indicators"])
    tables["gemeenten_geo"] = municipalities[["code", "name", "province_code", "geometry"]]
    tables["provincies_geo"] = provinces
    return tables


def _natural(column: pd.Series) -> pd.Series:
    # List numbers sort as numbers ("2" before "10"); other columns sort as they are.
    if column.name == "list_id":
        return pd.to_numeric(column, errors="coerce")
    return column


def write(tables: dict[str, pd.DataFrame], out: Path) -> dict[str, str]:
    """Write the bundle deterministically; return file name -> sha256."""
    out.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, frame in sorted(tables.items()):
        path = out / f"{name}.parquet"
        if isinstance(frame, gpd.GeoDataFrame):
            frame.to_parquet(path, index=False, compression="zstd", write_covering_bbox=False)
        else:
            frame.to_parquet(path, index=False, compression="zstd")
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    catalogue_path = out / bundle.CATALOGUE_FILE
    catalogue_path.write_text(
        json.dumps(
            [item.as_dict() for item in catalogue.INDICATORS.values()], ensure_ascii=False, indent=1
        )
        + "\n",
        encoding="utf-8",
    )
    digests[catalogue_path.name] = hashlib.sha256(catalogue_path.read_bytes()).hexdigest()
    manifest = {
        "bundle_version": bundle.BUNDLE_VERSION,
        "files": digests,
        "sources": bundle.SOURCES,
    }
    (out / bundle.MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.prepare", description=__doc__)
    parser.add_argument(
        "--raw", type=Path, default=paths.DEFAULT_RAW_DIR, help="folder with the raw sources"
    )
    parser.add_argument("--out", type=Path, default=paths.BUNDLE_DIR, help="bundle folder to write")
    args = parser.parse_args(argv)
    try:
        digests = write(build(args.raw), args.out)
    except PrepareError as exc:
        print(f"prepare failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(digests)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
