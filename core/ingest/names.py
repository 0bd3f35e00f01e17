"""Recognise gemeenten in user tables: codes, names, aliases, CBS suffixes, former gemeenten.

`Reference` answers one question per cell: which 2025 gemeente is this, or what else is it
(a wijk, a province, a former gemeente split over several successors, an ambiguous name)?

Former gemeenten come from one table with the columns of `SUCCESSOR_COLUMNS` (one row per
former gemeente and 2025 successor). `successors_from_overlap` derives it from the area
overlay of an old and the 2025 map (core.build.geo.overlap_matrix); `load_successors` reads it from
the bundle when the bundle has it, and otherwise falls back to `known_successors`, the same
table kept by hand (checked against the overlay in tests).
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import unicodedata
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

# Other names for current gemeenten (2025 name as CBS writes it). Frisian and Dutch forms,
# the colloquial names of the two 's- cities, older spellings and common short forms.
ALIASES: dict[str, str] = {
    "Den Haag": "'s-Gravenhage",
    "The Hague": "'s-Gravenhage",
    "Gravenhage": "'s-Gravenhage",
    "Den Bosch": "'s-Hertogenbosch",
    "Hertogenbosch": "'s-Hertogenbosch",
    "Nuenen": "Nuenen, Gerwen en Nederwetten",
    "Nuenen c.a.": "Nuenen, Gerwen en Nederwetten",
    "Nuenen, Gerwen en Nederwetten": "Nuenen, Gerwen en Nederwetten",
    "Ljouwert": "Leeuwarden",
    "Harns": "Harlingen",
    "It Hearrenfean": "Heerenveen",
    "Hearrenfean": "Heerenveen",
    "Smellingerlân": "Smallingerland",
    "Opsterlân": "Opsterland",
    "Eaststellingwerf": "Ooststellingwerf",
    "It Amelân": "Ameland",
    "Amelân": "Ameland",
    "Skiermûntseach": "Schiermonnikoog",
    "Skylge": "Terschelling",
    "Flylân": "Vlieland",
    "Dantumadeel": "Dantumadiel",
    "Tietjerksteradeel": "Tytsjerksteradiel",
    "Zuidwest-Friesland": "Súdwest-Fryslân",
    "Noordoost-Friesland": "Noardeast-Fryslân",
    "De Friese Meren": "De Fryske Marren",
    "Hengelo (O)": "Hengelo (O.)",
    "Sittard Geleen": "Sittard-Geleen",
}

# Province qualifiers as CBS, the Kiesraad and people write them after a name.
_PROVINCE_QUALIFIERS = {
    "Groningen": ("gn", "gr", "gron", "groningen"),
    "Fryslân": ("fr", "frl", "f", "friesland", "fryslan"),
    "Drenthe": ("dr", "d", "dren", "drenthe"),
    "Overijssel": ("o", "ov", "ovl", "overijssel"),
    "Flevoland": ("fl", "flevoland"),
    "Gelderland": ("g", "gld", "gl", "gelderland"),
    "Utrecht": ("u", "ut", "utr", "utrecht"),
    "Noord-Holland": ("nh", "n h", "noord holland"),
    "Zuid-Holland": ("zh", "z h", "zuid holland"),
    "Zeeland": ("z", "zl", "zld", "zeeland"),
    "Noord-Brabant": ("nb", "n b", "noord brabant", "brabant"),
    "Limburg": ("l", "li", "lb", "lim", "limburg"),
}
_GEMEENTE_QUALIFIERS = frozenset({"gemeente", "gem", "gm", "g m"})
_PROVINCE_MARKERS = frozenset({"pv", "provincie", "prov"})
_REGION_MARKERS = frozenset(
    {
        "cr",
        "corop",
        "corop gebied",
        "ld",
        "landsdeel",
        "ggd",
        "ggd regio",
        "ra",
        "arbeidsmarktregio",
        "vr",
        "veiligheidsregio",
        "jz",
        "zk",
        "re",
        "regio",
        "wgr",
        "politieregio",
        "zorgkantoor",
    }
)
_TOTALS = frozenset(
    {
        "nederland",
        "totaal",
        "totaal nederland",
        "nl",
        "netherlands",
        "the netherlands",
        "landelijk",
        "landelijk totaal",
        "totaal generaal",
        "eindtotaal",
        "alle gemeenten",
    }
)
_EXTRA_PROVINCE_NAMES = ("friesland", "brabant", "zh", "nh")

_CODE = re.compile(r"(?:\d{4})?GM\s?0*(\d{1,4})")
_BARE = re.compile(r"0*(\d{1,4})(?:\.0+)?")
_WIJK = re.compile(r"WK\s?(\d{4})([0-9A-Z]{2})")
_BUURT = re.compile(r"BU\s?(\d{4})([0-9A-Z]{4})")
_PROVINCE_CODE = re.compile(r"PV\s?\d{2}")
_NATIONAL_CODE = re.compile(r"NL\s?\d{0,2}")
_REGION_CODE = re.compile(r"(CR|LD|GG|RE|AM|VR|JZ|ZK|PO|RP|WR)\s?\d{2,4}")
_WIJK_NAME = re.compile(r"wijk \d{2}\b")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")

KINDS_MATCHED = ("gemeente", "former")

# Rijksdriehoek (metres), as core.build.geo uses; the import never depends on the build package.
RD_NEW = "EPSG:28992"


@dataclasses.dataclass(frozen=True)
class Former:
    """A former gemeente and the 2025 gemeente(n) its territory now belongs to."""

    old_code: str
    old_name: str
    successors: tuple[str, ...]
    merged_year: int | None

    @property
    def split(self) -> bool:
        return len(self.successors) > 1


@dataclasses.dataclass(frozen=True)
class Hit:
    """What a key cell refers to.

    kind: gemeente, former (single successor), split, ambiguous, wijk, buurt, province, total,
    region, unknown or empty. `code` is the 2025 gemeente for gemeente/former (and the gemeente
    a wijk or buurt lies in); `options` are the candidates for split and ambiguous names.
    """

    kind: str
    code: str | None = None
    options: tuple[str, ...] = ()
    former: Former | None = None
    by_code: bool = False

    @property
    def matched(self) -> bool:
        return self.kind in KINDS_MATCHED


# --- Normalisation ------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case ASCII words: diacritics, punctuation and 's- forms evened out."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def name_key(text: str) -> str:
    """The matching key of a name: folded, without spaces or brackets ('sgravenhage')."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def split_qualifier(text: str) -> tuple[str, str | None]:
    """Split 'Bergen (NH.)' or 'Haren Gn' into the name and its qualifier (folded)."""
    folded = fold(text)
    match = _PAREN.match(folded)
    if match:
        return match.group(1).strip(), fold(match.group(2)) or None
    words = folded.split(" ")
    for size in (2, 1):
        if len(words) > size:
            tail = " ".join(words[-size:])
            if tail in _QUALIFIER_PROVINCE or tail in _GEMEENTE_QUALIFIERS:
                return " ".join(words[:-size]), tail
    return folded, None


_QUALIFIER_PROVINCE = {
    token: province for province, tokens in _PROVINCE_QUALIFIERS.items() for token in tokens
}


# --- Successor table ---------------------------------------------------------------------------


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


# --- Reference ---------------------------------------------------------------------------------


class Reference:
    """The 2025 gemeenten, their other names and the former gemeenten, ready for lookups."""

    def __init__(
        self,
        gemeenten: pd.DataFrame,
        successors: pd.DataFrame,
        centroids: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.gemeenten = gemeenten[["code", "name", "province_code", "province_name"]].reset_index(
            drop=True
        )
        self.names: dict[str, str] = dict(zip(gemeenten["code"], gemeenten["name"], strict=True))
        self.provinces: dict[str, str] = dict(
            zip(gemeenten["code"], gemeenten["province_name"], strict=True)
        )
        self.seats: dict[str, int] = {}
        if "seats_2026" in gemeenten:
            self.seats = {
                c: int(s)
                for c, s in zip(gemeenten["code"], gemeenten["seats_2026"], strict=True)
                if pd.notna(s)
            }
        self.centroids = dict(centroids or {})
        self._by_key: dict[str, list[str]] = {}
        for code, name in self.names.items():
            # Only CBS's bracketed suffix is dropped here: "Midden-Groningen" keeps its last word.
            match = _PAREN.match(fold(name))
            base = match.group(1) if match else name
            self._by_key.setdefault(name_key(base), []).append(code)
        by_name = {name_key(name): code for code, name in self.names.items()}
        self._aliases: dict[str, str] = {}
        for alias, official in ALIASES.items():
            code = by_name.get(name_key(official))
            if code is None:
                raise ValueError(f"alias target {official!r} is not a 2025 gemeente")
            self._aliases[name_key(alias)] = code
        self.former: dict[str, Former] = {}
        for code, rows in successors.groupby("old_code", sort=True):
            year = rows["merged_year"].iloc[0]
            self.former[str(code)] = Former(
                str(code),
                str(rows["old_name"].iloc[0]),
                tuple(sorted(rows["new_code"])),
                None if pd.isna(year) else int(year),
            )
        self._former_by_key: dict[str, list[Former]] = {}
        for item in self.former.values():
            self._former_by_key.setdefault(name_key(item.old_name), []).append(item)
        province_names = {fold(p) for p in gemeenten["province_name"]} | set(_EXTRA_PROVINCE_NAMES)
        self._province_keys = {name_key(p) for p in province_names}
        self._province_by_key = {
            name_key(token): province
            for province, tokens in _PROVINCE_QUALIFIERS.items()
            for token in (*tokens, province)
        }

    # Lookups -----------------------------------------------------------------------------------

    def lookup(self, value: object, bare_numbers: bool = True) -> Hit:
        """Classify one key cell (a code, a number that lost its zeros, or a name)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return Hit("empty")
        if isinstance(value, bool):
            return Hit("unknown")
        if isinstance(value, int | float):
            value = f"{value:g}" if isinstance(value, float) else str(value)
        text = " ".join(str(value).split())
        if not text:
            return Hit("empty")
        hit = self.lookup_code(text, bare_numbers)
        return hit if hit is not None else self.lookup_name(text)

    def lookup_code(self, text: str, bare_numbers: bool = True) -> Hit | None:
        """A code-shaped cell (GM0363, 0363, 363, WK036300, PV27, NL00); None if not code-like."""
        upper = text.strip().upper()
        match = _CODE.fullmatch(upper) or (_BARE.fullmatch(upper) if bare_numbers else None)
        if match:
            return self._code_hit("GM" + match.group(1).zfill(4))
        for pattern, kind in ((_WIJK, "wijk"), (_BUURT, "buurt")):
            match = pattern.fullmatch(upper)
            if match:
                code = "GM" + match.group(1)
                inside = self._code_hit(code)
                return Hit(kind, inside.code if inside.kind == "gemeente" else None, by_code=True)
        if _PROVINCE_CODE.fullmatch(upper):
            return Hit("province", by_code=True)
        if _NATIONAL_CODE.fullmatch(upper):
            return Hit("total", by_code=True)
        if _REGION_CODE.fullmatch(upper):
            return Hit("region", by_code=True)
        return None

    def _code_hit(self, code: str) -> Hit:
        if code in self.names:
            return Hit("gemeente", code, by_code=True)
        former = self.former.get(code)
        if former is None:
            return Hit("unknown", by_code=True)
        if former.split:
            return Hit("split", options=former.successors, former=former, by_code=True)
        return Hit("former", former.successors[0], former=former, by_code=True)

    def lookup_name(self, text: str) -> Hit:
        """A name, with or without a CBS or province qualifier."""
        folded = re.sub(r"^(gemeente|gem) (?=\S)", "", fold(text))
        key = name_key(folded)
        if not key:
            return Hit("unknown")
        if folded in _TOTALS:
            return Hit("total")
        if _WIJK_NAME.match(folded):
            return Hit("wijk")
        if key in self._aliases:
            return Hit("gemeente", self._aliases[key])
        hit = self._name_hit(self._by_key.get(key, []), self._former_by_key.get(key, []))
        if hit is not None:
            return hit
        base, qualifier = split_qualifier(folded)
        if qualifier in _PROVINCE_MARKERS:
            return Hit("province")
        if qualifier in _REGION_MARKERS:
            return Hit("region")
        base_key = name_key(base)
        if qualifier is not None and base_key != key:
            province = _QUALIFIER_PROVINCE.get(qualifier)
            if province is None and qualifier not in _GEMEENTE_QUALIFIERS:
                return Hit("unknown")
            candidates = self._by_key.get(base_key, [])
            if base_key in self._aliases:
                candidates = [*candidates, self._aliases[base_key]]
            formers = self._former_by_key.get(base_key, [])
            if province:
                candidates = [c for c in candidates if self.provinces[c] == province]
                formers = [
                    f
                    for f in formers
                    if any(self.provinces.get(c) == province for c in f.successors)
                ]
            hit = self._name_hit(sorted(set(candidates)), formers)
            if hit is not None:
                return hit
        if key in self._province_keys or base_key in self._province_keys:
            return Hit("province")
        return Hit("unknown")

    @staticmethod
    def _name_hit(candidates: list[str], formers: list[Former]) -> Hit | None:
        if len(candidates) == 1:
            return Hit("gemeente", candidates[0])
        if len(candidates) > 1:
            return Hit("ambiguous", options=tuple(sorted(candidates)))
        if len(formers) == 1:
            former = formers[0]
            if former.split:
                return Hit("split", options=former.successors, former=former)
            return Hit("former", former.successors[0], former=former)
        if len(formers) > 1:
            return Hit(
                "ambiguous", options=tuple(sorted({c for f in formers for c in f.successors}))
            )
        return None

    def locate_place(self, text: str) -> str | None:
        """The 2025 gemeente a place name (a candidate's woonplaats) certainly names, if any."""
        hit = self.lookup_name(text) if text and text.strip() else Hit("empty")
        return hit.code if hit.kind in KINDS_MATCHED else None

    def distance_km(self, a: str, b: str) -> float | None:
        """Distance between two gemeenten's centroids, when the reference has them."""
        if a not in self.centroids or b not in self.centroids:
            return None
        (xa, ya), (xb, yb) = self.centroids[a], self.centroids[b]
        return math.hypot(xa - xb, ya - yb)

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Names of gemeenten that look like a misspelt name (never applied automatically)."""
        base, _ = split_qualifier(str(text))
        keys = difflib.get_close_matches(name_key(base), list(self._by_key), n=n, cutoff=0.8)
        return [self.names[code] for key in keys for code in self._by_key[key]][:n]

    def label(self, code: str) -> str:
        """'Amsterdam (GM0363)'."""
        return f"{self.names.get(code, code)} ({code})"


def centroids_km(geo: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Centroids of the gemeenten in km on the Dutch RD grid (for distances between them)."""

    projected = geo[["code", "geometry"]].to_crs(RD_NEW)
    points = projected.geometry.centroid
    return {
        code: (point.x / 1000, point.y / 1000)
        for code, point in zip(projected["code"], points, strict=True)
    }


def load_reference(folder: Path | None = None, with_centroids: bool = True) -> Reference:
    """The reference built from the bundle (for the command line; the app caches its own)."""
    gemeenten = bundle.load_table("gemeenten", folder)
    centroids = centroids_km(bundle.load_table("gemeenten_geo", folder)) if with_centroids else None
    return Reference(gemeenten, load_successors(folder), centroids)
