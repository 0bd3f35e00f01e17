"""Load the processed data bundle under data/ (no caching here; components cache it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from core import paths

BUNDLE_VERSION = 1
CATALOGUE_FILE = "catalogue.json"
MANIFEST_FILE = "manifest.json"
TABLES = (
    "gemeenten",
    "national",
    "election_lists",
    "election_councils",
    "election_link",
    "staffel",
    "indicators",
    "indicator_notes",
    "successors",
    "gender_method",
)
GEO_TABLES = ("gemeenten_geo", "provincies_geo")
REBUILD_COMMAND = "python -m core.prepare --raw ../shared/data/raw"

SOURCES = [
    {
        "name": "CBS Kerncijfers wijken en buurten 2024 (85984NED)",
        "publisher": "CBS",
        "licence": "CC BY 4.0",
        "reference": "1 januari 2024",
        "used_for": "inwoners, mannen/vrouwen, leeftijdsgroepen, herkomst",
    },
    {
        "name": "CBS Gemeenten alfabetisch 2024",
        "publisher": "CBS",
        "licence": "CC BY 4.0",
        "reference": "2024 (gelijk aan indeling 2025)",
        "used_for": "gemeentecodes en provincies",
    },
    {
        "name": "CBS/PDOK gebiedsindelingen, gemeente_gegeneraliseerd 2025 en provincie 2025 (via cartomap)",
        "publisher": "CBS/PDOK",
        "licence": "CC BY 4.0",
        "reference": "1 januari 2025",
        "used_for": "kaartgrenzen (vereenvoudigd)",
    },
    {
        "name": "CBS/PDOK gemeentegrenzen 2018 en 2022 (via GRtool)",
        "publisher": "CBS/PDOK",
        "licence": "CC BY 4.0",
        "reference": "1 januari 2018 en 2022",
        "used_for": "koppeling van oude verkiezingsgemeenten aan de indeling van 2025",
    },
    {
        "name": "Kiesraad, uitslagen gemeenteraadsverkiezingen 2018 en 2022 (EML 520 en 510b)",
        "publisher": "Kiesraad",
        "licence": "open overheidsdata (licentie niet vastgesteld)",
        "reference": "21 maart 2018, 16 maart 2022",
        "used_for": "zetels, lijsten, stemmen, lijstlengtes, gekozen raadsleden naar geslacht",
    },
    {
        "name": "Kiesraad, uitslagen gemeenteraadsverkiezingen 2014 (verwerkt door GRtool)",
        "publisher": "Kiesraad",
        "licence": "open overheidsdata (licentie niet vastgesteld)",
        "reference": "19 maart 2014",
        "used_for": "gekozen raadsleden naar geslacht (trend)",
    },
    {
        "name": "Kiesraad, raadszetels gemeenteraadsverkiezingen 2026",
        "publisher": "Kiesraad",
        "licence": "open overheidsdata (licentie niet vastgesteld)",
        "reference": "18 maart 2026",
        "used_for": "raadsgrootte 2026",
    },
    {
        "name": "Kiesraad, kandidatenlijsten gemeenteraadsverkiezingen 2026 (afgeleid per lijst)",
        "publisher": "Kiesraad",
        "licence": "open overheidsdata (licentie niet vastgesteld)",
        "reference": "18 maart 2026",
        "used_for": (
            "kandidaten, lijsten, lijstlengtes en opgegeven geslacht van kandidaten 2026 (alle "
            "340 gemeenten die kozen). Afgeleid uit het landelijke Kiesraad-bestand: per lijst "
            "het aantal kandidaten en hun opgegeven geslacht, zonder namen. Gecontroleerd: "
            "kandidaatnummers 1..n zonder gaten, lijstnummers 1..k per gemeente, dezelfde 340 "
            "gemeenten als de raadszetels, Groningen opnieuw gelezen en gelijk, 30 lijsten "
            "dubbel gelezen en gelijk, aantal lijsten gelijk aan de uitslag (339 gemeenten)"
        ),
    },
    {
        "name": "Kiesraad, uitslag gemeenteraadsverkiezingen 2026 per partij (afgeleid, via GRtool)",
        "publisher": "Kiesraad",
        "licence": "open overheidsdata (licentie niet vastgesteld)",
        "reference": "18 maart 2026",
        "used_for": (
            "stemmen, zetels en opgegeven geslacht van gekozen raadsleden 2026 (339 gemeenten; "
            "Gorinchem ontbreekt in de bron); voornamen zonder opgegeven geslacht alleen voor de "
            "schatting, niet in de bundel. Gecontroleerd: zetels per gemeente tellen op tot de "
            "raadsgrootte, stemmen tot het totaal, gekozenen per partij gelijk aan haar zetels; "
            "steekproeven (Groningen, Gooise Meren, Gouda, Gulpen-Wittem, Haaksbergen) gelijk"
        ),
    },
    {
        "name": "gender-guesser 0.4.0 en nomquamgender 0.1.4 (PyPI, namenlijsten)",
        "publisher": "J. Michael (gender.c, via gender-guesser); I. Van Buskirk e.a. (nomquamgender)",
        "licence": "GPLv3 (gender-guesser), GFDL 1.2 (namenlijst gender.c), MIT (nomquamgender)",
        "reference": "versies 0.4.0 (2016) en 0.1.4 (2022)",
        "used_for": "schatting van het geslacht uit de voornaam waar de lijst het niet opgaf",
    },
    {
        "name": "Gemeentewet artikel 8 (BWBR0005416)",
        "publisher": "wetten.overheid.nl",
        "licence": "publiek domein",
        "reference": "geldende tekst",
        "used_for": "staffel raadsgrootte",
    },
]


class BundleError(RuntimeError):
    """The bundle is missing or unreadable; the message says which file."""


def _read(path: Path, geo: bool) -> pd.DataFrame:
    if not path.is_file():
        raise BundleError(f"Bestand ontbreekt: {path.name}")
    try:
        return gpd.read_parquet(path) if geo else pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - any parquet/arrow failure means the same to the user
        raise BundleError(f"Bestand onleesbaar: {path.name} ({type(exc).__name__})") from exc


def load_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Load one table of the bundle by name."""
    return _read(Path(folder or paths.bundle_dir()) / f"{name}.parquet", geo=name in GEO_TABLES)


def load_catalogue(folder: Path | None = None) -> list[dict]:
    path = Path(folder or paths.bundle_dir()) / CATALOGUE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(f"Bestand ontbreekt: {path.name}") from None
    except (OSError, ValueError) as exc:
        raise BundleError(f"Bestand onleesbaar: {path.name}") from exc


def status(folder: Path | None = None) -> list[dict]:
    """Each file named in manifest.json: present, readable and unchanged since prepare wrote it?

    Returns rows {file, state, detail} with state one of "in orde", "ontbreekt", "onleesbaar",
    "gewijzigd" (present and readable but not the bytes prepare wrote). Never raises: a missing
    or unreadable manifest is itself a row.
    """
    folder = Path(folder or paths.bundle_dir())
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        files = dict(manifest["files"])
    except FileNotFoundError:
        return [{"file": MANIFEST_FILE, "state": "ontbreekt", "detail": REBUILD_COMMAND}]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [{"file": MANIFEST_FILE, "state": "onleesbaar", "detail": type(exc).__name__}]
    rows = []
    for name, digest in sorted(files.items()):
        path = folder / name
        row = {"file": name, "state": "in orde", "detail": ""}
        try:
            if name == CATALOGUE_FILE:
                load_catalogue(folder)
            else:
                load_table(name.removesuffix(".parquet"), folder)
        except BundleError as exc:
            row["state"] = "ontbreekt" if not path.is_file() else "onleesbaar"
            row["detail"] = str(exc)
        else:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                row["state"] = "gewijzigd"
                row["detail"] = "leesbaar, maar niet het bestand dat core.prepare schreef"
        rows.append(row)
    return rows


def geojson(frame: gpd.GeoDataFrame) -> dict:
    """A geometry table as a browser-ready GeoJSON dict: feature id = code, no properties."""
    key = "code" if "code" in frame.columns else "province_code"
    slim = frame[[key, "geometry"]].rename(columns={key: "id"}).set_index("id", drop=False)
    data = json.loads(slim[["geometry"]].to_json(drop_id=False))
    # plotly matches `locations` to the feature id; no properties are needed in the browser.
    for feature in data["features"]:
        feature.pop("properties", None)
        feature.pop("bbox", None)
    data.pop("bbox", None)
    return data


def councils_from_lists(
    lists: pd.DataFrame, estimates: pd.DataFrame, sizes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per election and council: seats, lists, candidates, the elected by gender (published,
    estimated, unknown: counted apart) and, where the source has them, candidates by gender.

    `estimates` holds women_estimated, men_estimated and gender_missing per (year,
    election_code); `sizes` the council size per (year, election_code) where it is known apart
    from the result (2026: Raadzetels, also for Gorinchem, whose result is missing). Elsewhere
    the council size is the sum of the lists' seats. For 2014 and 2018 the sources hold only
    lists that won seats, so `lists` equals `lists_with_seats` there.
    """
    keys = ["year", "election_code"]
    frame = lists.copy()
    totals = frame.groupby(keys)["seats"].sum(min_count=1).astype("Float64")
    totals = totals.to_numpy(dtype="float64", na_value=float("nan"))
    seats = (
        frame[keys]
        .merge(
            pd.DataFrame(
                {"_seats": totals}, index=frame.groupby(keys)["seats"].sum().index
            ).reset_index(),
            on=keys,
            how="left",
        )["_seats"]
        .set_axis(frame.index)
    )
    if sizes is not None:
        given = frame[keys].merge(sizes, on=keys, how="left")["council_size"]
        seats = given.astype("float64").set_axis(frame.index).fillna(seats)
    frame["council_size"] = seats
    has_length = frame["n_candidates"].notna()
    frame["short"] = (frame["n_candidates"] < seats).where(has_length)
    frame["half_short"] = (frame["n_candidates"] < seats / 2).where(has_length)
    for column in ("candidates_women", "candidates_men", "candidates_gender_empty"):
        if column not in frame.columns:
            frame[column] = pd.NA

    def total(column: pd.Series) -> object:
        return column.sum(min_count=1)

    grouped = frame.groupby(keys, sort=True)
    out = grouped.agg(
        election_name=("election_name", "first"),
        council_size=("council_size", "first"),
        seats=("seats", total),
        lists=("list_id", "count"),
        lists_with_seats=("seats", lambda s: int((s > 0).sum())),
        women=("women", total),
        men=("men", total),
        gender_unknown=("gender_unknown", total),
        gender_not_given=("gender_not_given", total),
        lists_with_length=("n_candidates", "count"),
        candidates=("n_candidates", total),
        short_lists=("short", "sum"),
        half_short_lists=("half_short", "sum"),
        candidates_women=("candidates_women", total),
        candidates_men=("candidates_men", total),
        candidates_gender_empty=("candidates_gender_empty", total),
    ).reset_index()
    out = out.merge(estimates, on=keys, how="left")
    # Candidate totals only count when every list of the council has a known length.
    complete = out["lists_with_length"] == out["lists"]
    for column in ("candidates", "short_lists", "half_short_lists"):
        out[column] = out[column].where(complete)
    # No result (Gorinchem 2026): no seats won, no elected, so nothing estimated either.
    no_result = out["seats"].isna()
    for column in ("lists_with_seats", "women_estimated", "men_estimated", "gender_missing"):
        out[column] = out[column].astype("float64").where(~no_result)
    counts = [c for c in out.columns if c not in ("year", "election_code", "election_name")]
    out[counts] = out[counts].astype("float64").round().astype("Int64")
    return out
