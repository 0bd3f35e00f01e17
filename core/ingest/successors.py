"""Former gemeenten and their 2025 successors: one table, derived, kept by hand or loaded.

The table has the columns of `SUCCESSOR_COLUMNS` (one row per former gemeente and 2025
successor). `successors_from_overlap` derives it from the area overlay of an old and the 2025
map (core.build.geo.overlap_matrix); `load_successors` reads it from the bundle when the bundle
has it, and otherwise falls back to `known_successors`, the same table kept by hand (checked
against the overlay in tests). core.ingest.names matches names and codes against it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from core import bundle, paths

SUCCESSORS_TABLE = "successors"
SUCCESSOR_COLUMNS = (
    "old_code",
    "old_name",
    "division_year",
    "new_code",
    "share_of_old",
    "split",
    "merged_year",
)
# An old gemeente's area share in a 2025 gemeente from which that gemeente counts as a
# successor. Generalised coastlines and water move 1-3.5% of an unchanged gemeente's area into
# a neighbour; the smallest real part of a split is Haaren's 9% (Esch, to Boxtel).
SPLIT_MIN_SHARE = 0.05

# Year each former gemeente ceased to exist (1 January, except Weesp: 24 March 2022). Used for
# the wording of warnings only.
MERGER_YEARS = {
    **dict.fromkeys(["GM0381", "GM0424", "GM0425", "GM0478"], 2016),
    **dict.fromkeys(["GM0844", "GM0846", "GM0860"], 2017),
    **dict.fromkeys(
        ["GM0007", "GM0048", "GM0018", "GM0040", "GM1987", "GM0063", "GM0070", "GM1908",
         "GM0081", "GM0140", "GM0196"], 2018),
    **dict.fromkeys(
        ["GM0005", "GM0009", "GM0015", "GM0017", "GM0022", "GM0025", "GM0053", "GM0056",
         "GM0058", "GM0079", "GM0236", "GM0304", "GM0393", "GM0545", "GM0576", "GM0584",
         "GM0585", "GM0588", "GM0611", "GM0617", "GM0620", "GM0689", "GM0707", "GM0733",
         "GM0738", "GM0870", "GM0874", "GM0881", "GM0951", "GM0962", "GM1651", "GM1663",
         "GM1722", "GM1927"], 2019),
    **dict.fromkeys(["GM0003", "GM0010", "GM0024", "GM0788"], 2021),
    **dict.fromkeys(
        ["GM0370", "GM0398", "GM0416", "GM0457", "GM0756", "GM0786", "GM0815", "GM0856",
         "GM1684", "GM1685", "GM1702"], 2022),
    **dict.fromkeys(["GM0501", "GM0530", "GM0614"], 2023),
}  # fmt: skip

# Former gemeenten and their 2025 successors, as the overlay of the 2018 and 2022 maps with
# the 2025 map gives them (SPLIT_MIN_SHARE), plus the 2016-2018 mergers that happened before
# the 2018 map (names and codes as in the Kiesraad results of 2014; successors by hand).
# (old code, old name, last map with the old gemeente, successors)
_KNOWN: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("GM0003", "Appingedam", 2018, ("GM1979",)),
    ("GM0005", "Bedum", 2018, ("GM1966",)),
    ("GM0009", "Ten Boer", 2018, ("GM0014",)),
    ("GM0010", "Delfzijl", 2018, ("GM1979",)),
    ("GM0015", "Grootegast", 2018, ("GM1969",)),
    ("GM0017", "Haren", 2018, ("GM0014",)),
    ("GM0022", "Leek", 2018, ("GM1969",)),
    ("GM0024", "Loppersum", 2018, ("GM1979",)),
    ("GM0025", "Marum", 2018, ("GM1969",)),
    ("GM0053", "Winsum", 2018, ("GM1966", "GM1969")),
    ("GM0056", "Zuidhorn", 2018, ("GM1969",)),
    ("GM0058", "Dongeradeel", 2018, ("GM1970",)),
    ("GM0079", "Kollumerland en Nieuwkruisland", 2018, ("GM1970",)),
    ("GM0236", "Geldermalsen", 2018, ("GM1960",)),
    ("GM0304", "Neerijnen", 2018, ("GM1960",)),
    ("GM0370", "Beemster", 2018, ("GM0439",)),
    ("GM0393", "Haarlemmerliede en Spaarnwoude", 2018, ("GM0394",)),
    ("GM0398", "Heerhugowaard", 2018, ("GM1980",)),
    ("GM0416", "Langedijk", 2018, ("GM1980",)),
    ("GM0457", "Weesp", 2022, ("GM0363",)),
    ("GM0501", "Brielle", 2022, ("GM1992",)),
    ("GM0530", "Hellevoetsluis", 2022, ("GM1992",)),
    ("GM0545", "Leerdam", 2018, ("GM1961",)),
    ("GM0576", "Noordwijkerhout", 2018, ("GM0575",)),
    ("GM0584", "Oud-Beijerland", 2018, ("GM1963",)),
    ("GM0585", "Binnenmaas", 2018, ("GM1963",)),
    ("GM0588", "Korendijk", 2018, ("GM1963",)),
    ("GM0611", "Cromstrijen", 2018, ("GM1963",)),
    ("GM0614", "Westvoorne", 2022, ("GM1992",)),
    ("GM0617", "Strijen", 2018, ("GM1963",)),
    ("GM0620", "Vianen", 2018, ("GM1961",)),
    ("GM0689", "Giessenlanden", 2018, ("GM1978",)),
    ("GM0707", "Zederik", 2018, ("GM1961",)),
    ("GM0733", "Lingewaal", 2018, ("GM1960",)),
    ("GM0738", "Aalburg", 2018, ("GM1959",)),
    ("GM0756", "Boxmeer", 2018, ("GM1982",)),
    ("GM0786", "Grave", 2018, ("GM1982",)),
    ("GM0788", "Haaren", 2018, ("GM0757", "GM0824", "GM0855", "GM0865")),
    ("GM0815", "Mill en Sint Hubert", 2018, ("GM1982",)),
    ("GM0856", "Uden", 2018, ("GM1991",)),
    ("GM0870", "Werkendam", 2018, ("GM1959",)),
    ("GM0874", "Woudrichem", 2018, ("GM1959",)),
    ("GM0881", "Onderbanken", 2018, ("GM1954",)),
    ("GM0951", "Nuth", 2018, ("GM1954",)),
    ("GM0962", "Schinnen", 2018, ("GM1954",)),
    ("GM1651", "Eemsmond", 2018, ("GM1966",)),
    ("GM1663", "De Marne", 2018, ("GM1966",)),
    ("GM1684", "Cuijk", 2018, ("GM1982",)),
    ("GM1685", "Landerd", 2018, ("GM1991",)),
    ("GM1702", "Sint Anthonis", 2018, ("GM1982",)),
    ("GM1722", "Ferwerderadiel", 2018, ("GM1970",)),
    ("GM1927", "Molenwaard", 2018, ("GM1978",)),
    # Not on the 2018 map: merged on or before 1 January 2018.
    ("GM0007", "Bellingwedde", 2014, ("GM1950",)),
    ("GM0048", "Vlagtwedde", 2014, ("GM1950",)),
    ("GM0018", "Hoogezand-Sappemeer", 2014, ("GM1952",)),
    ("GM0040", "Slochteren", 2014, ("GM1952",)),
    ("GM1987", "Menterwolde", 2014, ("GM1952",)),
    ("GM0063", "het Bildt", 2014, ("GM1949",)),
    ("GM0070", "Franekeradeel", 2014, ("GM1949",)),
    ("GM1908", "Menameradiel", 2014, ("GM1949",)),
    ("GM0081", "Leeuwarderadeel", 2014, ("GM0080",)),
    ("GM0140", "Littenseradiel", 2014, ("GM0080", "GM1900", "GM1949")),
    ("GM0196", "Rijnwaarden", 2014, ("GM0299",)),
    ("GM0381", "Bussum", 2014, ("GM1942",)),
    ("GM0424", "Muiden", 2014, ("GM1942",)),
    ("GM0425", "Naarden", 2014, ("GM1942",)),
    ("GM0478", "Zeevang", 2014, ("GM0385",)),
    ("GM0844", "Schijndel", 2014, ("GM1948",)),
    ("GM0846", "Sint-Oedenrode", 2014, ("GM1948",)),
    ("GM0860", "Veghel", 2014, ("GM1948",)),
)


def successors_from_overlap(
    overlaps: pd.DataFrame,
    old_names: Mapping[str, str],
    new_codes: Iterable[str],
    division_year: int,
    min_share: float = SPLIT_MIN_SHARE,
) -> pd.DataFrame:
    """Former gemeenten of one old map and their 2025 successors, from an area overlay.

    `overlaps` is core.build.geo.overlap_matrix(old, new, ...) output (old_code, new_code,
    share_of_old, share_of_new). An old gemeente is former when its code is not a 2025 code;
    every 2025 gemeente holding at least `min_share` of its area is a successor.
    """
    current = set(new_codes)
    gone = overlaps[~overlaps["old_code"].isin(current) & (overlaps["share_of_old"] >= min_share)]
    out = pd.DataFrame(
        {
            "old_code": gone["old_code"].astype(str),
            "old_name": gone["old_code"].map(old_names).astype(str),
            "division_year": int(division_year),
            "new_code": gone["new_code"].astype(str),
            "share_of_old": gone["share_of_old"].astype("float64"),
        }
    )
    return _finish(out)


def combine_successors(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Several divisions' successor tables as one; the latest map that shows a gemeente wins."""
    frame = pd.concat(list(frames), ignore_index=True)
    latest = frame.groupby("old_code")["division_year"].transform("max")
    return _finish(
        frame[frame["division_year"] == latest].drop(
            columns=["split", "merged_year"], errors="ignore"
        )
    )


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["old_code", "new_code"]).reset_index(drop=True)
    frame["split"] = frame.groupby("old_code")["new_code"].transform("count") > 1
    frame["merged_year"] = frame["old_code"].map(MERGER_YEARS).astype("Int64")
    return frame[list(SUCCESSOR_COLUMNS)]


def known_successors() -> pd.DataFrame:
    """The hand-kept successor table (same columns as successors_from_overlap)."""
    rows = [
        {
            "old_code": code,
            "old_name": name,
            "division_year": year,
            "new_code": new,
            "share_of_old": math.nan,
        }
        for code, name, year, successors in _KNOWN
        for new in successors
    ]
    return _finish(pd.DataFrame(rows))


def load_successors(folder: Path | None = None) -> pd.DataFrame:
    """The successor table from the bundle when it has one, else the hand-kept table."""
    path = Path(folder or paths.bundle_dir()) / f"{SUCCESSORS_TABLE}.parquet"
    if path.is_file():
        return bundle.load_table(SUCCESSORS_TABLE, path.parent)
    return known_successors()
