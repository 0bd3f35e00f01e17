"""Build the app's data bundle under data/ from the raw open data: `python -m core.prepare --raw DIR`.

The raw sources are read by read_cbs, read_elections and divisions (through rawfile, which
names the file in any error); this module joins them, writes the bundle and is the CLI.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

from core import bundle, catalogue, indicators, paths
from core.build import divisions, gender_counts, geo, rawfile, read_2026, read_cbs, read_elections
from core.ingest import successors as ingest_successors


def build(raw: Path) -> dict[str, pd.DataFrame]:
    """Read and check every raw source; return the bundle's tables."""
    raw = Path(raw)
    if not raw.is_dir():
        raise rawfile.PrepareError(f"{raw}: raw data folder not found")
    municipalities = read_cbs.read_municipalities(raw)
    provinces = read_cbs.read_provinces(raw)
    population, totals = read_cbs.read_population(raw)
    names = dict(zip(municipalities["code"], municipalities["name"], strict=True))
    rawfile.check(
        set(population["code"]) == set(names),
        "cbs/Kerncijfers_wijken_en_buurten_2024_geslachten.csv",
        "gemeente codes differ from the 2025 boundaries",
    )
    seats_2026 = read_elections.read_seats_2026(raw)
    unknown = sorted(set(seats_2026["code"]) - set(names))
    rawfile.check(
        not unknown,
        "elections/GR2026/Raadzetels_GR2026.csv",
        f"codes not in the 2025 division: {unknown}",
    )
    lists = pd.concat(
        [
            read_elections.read_results_2014(raw),
            read_elections.read_results(raw, 2018),
            read_elections.read_lists_2022(raw),
            read_2026.read_lists(raw, seats_2026),
        ]
    )
    counts = ["n_candidates", "votes", "seats", "women", "men", "gender_unknown"]
    counts += ["gender_not_given", "candidates_women", "candidates_men", "candidates_gender_empty"]
    lists[counts] = lists[counts].astype("Int64")
    lists = lists.sort_values(["year", "election_code", "list_id"], key=_natural).reset_index(
        drop=True
    )
    links, successor_frames = [], []
    for year in (2018, 2022):
        codes = set(lists.loc[lists["year"] == year, "election_code"])
        old = divisions.read_old_division(raw, year)
        overlaps = geo.overlap_matrix(old, municipalities, "statcode", "code")
        links.append(divisions.link_division(overlaps, old, municipalities, year, codes))
        old_names = dict(zip(old["statcode"], old["statnaam"], strict=True))
        successor_frames.append(
            ingest_successors.successors_from_overlap(
                overlaps, old_names, municipalities["code"], year
            )
        )
    links.append(
        divisions.link_2014(links[0], set(lists.loc[lists["year"] == 2014, "election_code"]))
    )
    links.append(divisions.link_2026(municipalities["code"], set(seats_2026["code"])))
    # Former gemeenten -> 2025 successors for the import's name matching: the overlay of the
    # 2018 and 2022 maps, plus the hand-kept gemeenten that were gone before 2018.
    known = ingest_successors.known_successors()
    successor_frames.append(known[known["division_year"] < 2018])
    successors = ingest_successors.combine_successors(successor_frames)
    link = pd.concat(links).sort_values(["year", "code"]).reset_index(drop=True)
    gemeenten = pd.DataFrame(municipalities.drop(columns="geometry")).merge(population, on="code")
    gemeenten = gemeenten.merge(seats_2026, on="code", how="left")
    gemeenten["seats_2026"] = gemeenten["seats_2026"].astype("Int64")
    sizes = seats_2026.rename(columns={"code": "election_code", "seats_2026": "council_size"})
    councils = bundle.councils_from_lists(
        lists, gender_counts.council_estimates(lists), sizes.assign(year=read_2026.YEAR)
    )
    tables = {
        "gemeenten": gemeenten,
        "national": pd.DataFrame([{"region": "Nederland", **totals}]),
        # Counts only: the first names end here, and estimates are kept per council only.
        "election_lists": gender_counts.without_names(lists),
        "gender_method": gender_counts.method_table(lists),
        "election_councils": councils,
        "election_link": link,
        "staffel": read_elections.read_staffel(raw),
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
    parser = argparse.ArgumentParser(
        prog="python -m core.prepare", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--raw", type=Path, default=paths.DEFAULT_RAW_DIR, help="folder with the raw sources"
    )
    parser.add_argument("--out", type=Path, default=paths.BUNDLE_DIR, help="bundle folder to write")
    args = parser.parse_args(argv)
    try:
        digests = write(build(args.raw), args.out)
    except rawfile.PrepareError as exc:
        print(f"prepare failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(digests)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
