"""Recognise gemeenten in user tables: codes, names, aliases, CBS suffixes, former gemeenten.

`Reference` answers one question per cell: which 2025 gemeente is this, or what else is it
(a wijk, a province, a former gemeente split over several successors, an ambiguous name)?
The former gemeenten come from the successor table of core.ingest.successors.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from core import bundle
from core.ingest import successors as ingest_successors

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
# CBS's other region codes (COROP and its parts, landsdelen, GGD, RES, labour market, safety,
# youth care, care office, police and joint regions, and the CG areas of StatLine's health
# tables): recognisably not a gemeente, so never offered for linking to one.
_REGION_CODE = re.compile(r"(CR|CP|CS|CG|LD|GG|RE|AM|VR|JZ|ZK|PO|RP|WR)\s?\d{2,4}")
_WIJK_NAME = re.compile(r"wijk \d{2}\b")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_LETTER = re.compile(r"[^\W\d_]")

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
        if hit is not None:
            return hit
        if not _LETTER.search(text):
            return Hit("unknown")  # "12,5": no name of a gemeente is without letters
        return self.lookup_name(text)

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
    return Reference(gemeenten, ingest_successors.load_successors(folder), centroids)
