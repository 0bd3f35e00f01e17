"""CBS sources: the gemeente and province boundaries of 2025 and the population of 2024."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from core.build import geo, rawfile

N_GEMEENTEN = 342
N_PROVINCES = 12
# Coordinates at 4 decimals (about 10 m) are finer than the source's own quantization (0.001 deg).
COORD_DECIMALS = 4


def read_municipalities(raw: Path) -> gpd.GeoDataFrame:
    """The 342 gemeenten of 1 January 2025 with province and browser-ready geometry."""
    rel_topo, rel_list = "cartomap/gemeente_2025.topojson", "cbs/gemeenten-alfabetisch-2024.xlsx"
    shapes = rawfile.reading(
        rel_topo, lambda: geo.read_topojson(rawfile.locate(raw, rel_topo), "gemeente_2025")
    )
    rawfile.check(
        len(shapes) == N_GEMEENTEN,
        rel_topo,
        f"expected {N_GEMEENTEN} geometries, found {len(shapes)}",
    )
    rawfile.check(shapes["statcode"].is_unique, rel_topo, "statcode is not unique")
    listing = rawfile.reading(
        rel_list, lambda: pd.read_excel(rawfile.locate(raw, rel_list), dtype=str)
    )
    needed = {"GemeentecodeGM", "Gemeentenaam", "ProvinciecodePV", "Provincienaam"}
    rawfile.check(
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
    rawfile.check(not missing, rel_list, f"no province for {missing}")
    out = merged[["code", "name", "province_code", "province_name", "geometry"]]
    out = geo.round_geometry(gpd.GeoDataFrame(out, crs="EPSG:4326"), COORD_DECIMALS)
    return out.sort_values("code").reset_index(drop=True)


def read_provinces(raw: Path) -> gpd.GeoDataFrame:
    """The 12 province outlines of 2025."""
    rel = "cartomap/provincie_2025.topojson"
    shapes = rawfile.reading(
        rel, lambda: geo.read_topojson(rawfile.locate(raw, rel), "provincie_2025")
    )
    rawfile.check(
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
    rawfile.check(
        len(hits) == 1, relative, f"expected one herkomst column for {label!r}, found {hits}"
    )
    return hits[0]


def read_population(raw: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """CBS 2024 population per gemeente, with herkomst joined by row position; plus the NL totals."""
    rel_sex = "cbs/Kerncijfers_wijken_en_buurten_2024_geslachten.csv"
    rel_origin = "cbs/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv"
    sex = rawfile.reading(rel_sex, lambda: _read_cbs_csv(rawfile.locate(raw, rel_sex)))
    origin = rawfile.reading(rel_origin, lambda: _read_cbs_csv(rawfile.locate(raw, rel_origin)))
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
        rawfile.check(not missing, rel, f"missing columns {missing}")
    # The herkomst file has no codes. SOURCES.md: same rows in the same order as the file with
    # codes; prove it row by row before joining on position.
    rawfile.check(
        len(sex) == len(origin), rel_origin, f"{len(origin)} rows, but {rel_sex} has {len(sex)}"
    )
    same = (
        (sex["Wijken en buurten"].str.strip() == origin["Wijken en buurten"].str.strip())
        & (sex[name_col].str.strip() == origin[name_col].str.strip())
        & (
            sex["Bevolking/Aantal inwoners (aantal)"]
            == origin["Bevolking/Aantal inwoners (aantal)"]
        )
    )
    bad = (~same).sum()
    rawfile.check(
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
        frame[column] = rawfile.reading(
            rel_sex, lambda c=column: pd.to_numeric(frame[c], errors="raise")
        )
    land = frame[frame["kind"] == "Land"]
    rawfile.check(len(land) == 1, rel_sex, "no single 'Land' (Nederland) row")
    totals = {column: int(land[column].iloc[0]) for column in numeric}
    gm = frame[frame["kind"] == "Gemeente"][["code", *numeric]].astype(
        {c: "int64" for c in numeric}
    )
    rawfile.check(
        len(gm) == N_GEMEENTEN, rel_sex, f"expected {N_GEMEENTEN} gemeente rows, found {len(gm)}"
    )
    return gm.sort_values("code").reset_index(drop=True), totals
