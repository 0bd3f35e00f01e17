"""Council size by population (Gemeentewet art. 8): the law's staffel, an edited alternative, and
what the difference means per gemeente and for recruitment.

A staffel is a DataFrame with the columns of ``COLUMNS``: bands of inhabitants (bounds inclusive,
as the law words them; the last band has no upper bound) and the council seats of each band.
Only ``validate`` accepts user input; every other function expects a validated staffel.
"""

from __future__ import annotations

import dataclasses
import html
import math
import numbers
import re

import numpy as np
import pandas as pd

from core import catalogue, classify, fmt, national, safe

COLUMNS = ("min_inhabitants", "max_inhabitants", "council_seats")
LABELS = {"min_inhabitants": "Vanaf", "max_inhabitants": "Tot en met", "council_seats": "Zetels"}

SOURCE_LAW = "Gemeentewet artikel 8 lid 1 (BWBR0005416), geldende tekst"
SOURCE_POPULATION = catalogue.SOURCE_CBS_2024
SOURCE_SEATS = catalogue.SOURCE_KR_2026
SOURCE_CANDIDATES = catalogue.SOURCE_KR_2022
SOURCE_WHAT_IF = "Berekening Raadsradar: staffel toegepast op inwoners 1 januari 2024 (CBS)"

BASIS_2026 = "Kiesraad 2026"
BASIS_LAW = "staffel (geen verkiezing in 2026)"
BASIS_OWN_RATIO = "gemeente 2022"
BASIS_NATIONAL_RATIO = "landelijk 2022"

# Why Hilversum and Wijdemeren have no 2026 council size (SOURCES.md, section 2a).
NO_2026_NOTE = (
    "Hilversum en Wijdemeren kozen in 2026 geen nieuwe raad, omdat ze samengaan (herindeling). "
    "Voor hen staat bij 'zetels nu' het aantal volgens de staffel bij hun inwoners op "
    "1 januari 2024."
)


# --- The staffel as data ---------------------------------------------------------------------


def from_table(table: pd.DataFrame) -> pd.DataFrame:
    """The staffel columns of a bundle or editor table, in clean dtypes, smallest band first."""
    out = pd.DataFrame(
        {
            "min_inhabitants": table["min_inhabitants"].astype("int64"),
            "max_inhabitants": table["max_inhabitants"].astype("Int64"),
            "council_seats": table["council_seats"].astype("int64"),
        }
    )
    return out.sort_values("min_inhabitants").reset_index(drop=True)


def bands(rows: list[tuple[int, int | None, int]]) -> pd.DataFrame:
    """A staffel from (min, max or None, seats) tuples."""
    return from_table(pd.DataFrame(rows, columns=list(COLUMNS)))


def seats_for(inhabitants: int | pd.Series | np.ndarray, staffel: pd.DataFrame) -> object:
    """Council seats for a number of inhabitants (an int for an int, a Series for a Series).

    Band bounds are inclusive, as the law words them: with the law, 3,000 inhabitants give 9 seats
    and 3,001 give 11; 200,000 give 39 and 200,001 give 45.
    """
    mins = staffel["min_inhabitants"].to_numpy(dtype="int64")
    values = np.asarray(inhabitants, dtype="int64")
    if (values < mins[0]).any():
        raise ValueError("Een aantal inwoners valt onder de eerste band van de staffel.")
    seats = staffel["council_seats"].to_numpy(dtype="int64")[
        np.searchsorted(mins, values, side="right") - 1
    ]
    if isinstance(inhabitants, pd.Series):
        return pd.Series(seats, index=inhabitants.index, name="council_seats")
    if np.ndim(inhabitants) == 0:
        return int(seats)
    return seats


OPEN_END = "en meer"  # the open top band's upper bound, as the editor shows it


def editor_frame(staffel: pd.DataFrame) -> pd.DataFrame:
    """The three editable columns for reading: bounds as Dutch text (3.001), the top band's upper
    bound as 'en meer'; seats as whole numbers. validate() reads both forms back."""
    clean = from_table(staffel)
    return pd.DataFrame(
        {
            "min_inhabitants": [fmt.number(v) for v in clean["min_inhabitants"]],
            "max_inhabitants": [
                OPEN_END if pd.isna(v) else fmt.number(v) for v in clean["max_inhabitants"]
            ],
            "council_seats": clean["council_seats"].astype("int64"),
        }
    )


def describe_band(row: pd.Series | dict) -> str:
    """A band in words, e.g. '3.001 tot en met 6.000 inwoners' or 'vanaf 200.001 inwoners'."""
    low, high = row["min_inhabitants"], row["max_inhabitants"]
    if high is None or pd.isna(high):
        return f"vanaf {fmt.number(low)} inwoners"
    return f"{fmt.number(low)} tot en met {fmt.number(high)} inwoners"


# --- Presets -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Preset:
    """A starting point for the editor, with its assumptions in words."""

    label: str
    assumption: str


PRESETS: dict[str, Preset] = {
    "law": Preset(
        "Huidige staffel (Gemeentewet art. 8)",
        "De staffel zoals hij nu in de wet staat. Er verandert niets: alle verschillen zijn 0. "
        "Pas de tabel aan om een eigen staffel te maken.",
    ),
    "above_200k": Preset(
        "Extra banden boven 200.000 inwoners",
        "Tot en met 200.000 inwoners blijft alles gelijk. Daarboven krijgt een gemeente per "
        "100.000 inwoners 2 zetels extra: 45 zetels tot en met 300.000 inwoners, 47 tot en met "
        "400.000, enzovoort, tot 59 zetels vanaf 900.001 inwoners. Dat is dezelfde stap als in de "
        "wet tussen 100.000 en 200.000 inwoners. Dit is een rekenvoorbeeld van Raadsradar, geen "
        "voorstel van het kabinet.",
    ),
    "plus_above": Preset(
        "+N zetels boven X inwoners (kies N en X)",
        "Gemeenten met meer dan X inwoners krijgen N zetels extra; kleinere gemeenten houden hun "
        "raad. Een band waar X middenin valt, wordt bij X gesplitst. Dit is een rekenvoorbeeld "
        "van Raadsradar, geen voorstel van het kabinet.",
    ),
    "plus_two": Preset(
        "Elke raad 2 zetels groter",
        "Elke band krijgt 2 zetels meer: 9 wordt 11, 45 wordt 47. Zo ziet u wat een kleine groei "
        "van alle raden vraagt aan kandidaten. Dit is een rekenvoorbeeld van Raadsradar, geen "
        "voorstel van het kabinet.",
    ),
}

# The extra bands of "above_200k": 100,000 inhabitants wide, 2 seats apart, open from 900,001.
_ABOVE_200K_STEP = 100_000
_ABOVE_200K_LAST_MIN = 900_001


def plus_above(law: pd.DataFrame, extra_seats: int, above: int) -> pd.DataFrame:
    """N extra seats for gemeenten with more than `above` inhabitants (a band is split at it)."""
    if extra_seats < 0 or above < 0:
        raise ValueError("Aantal zetels en inwoners moeten 0 of meer zijn.")
    rows = []
    for low, high, seats in from_table(law).itertuples(index=False, name=None):
        high = None if pd.isna(high) else int(high)
        if high is not None and high <= above:
            rows.append((low, high, seats))
        elif low > above:
            rows.append((low, high, seats + extra_seats))
        else:  # the band holds `above`: split it there
            rows.append((low, above, seats))
            rows.append((above + 1, high, seats + extra_seats))
    return bands(rows)


def plus_above_label(extra_seats: int, above: int) -> str:
    """'+4 zetels boven 100.000 inwoners'."""
    return f"+{extra_seats} zetels boven {fmt.number(above)} inwoners"


def preset(
    name: str, law: pd.DataFrame, extra_seats: int = 2, above: int = 100_000
) -> pd.DataFrame:
    """The staffel of a preset, built from the law's staffel (extra_seats/above: 'plus_above')."""
    law = from_table(law)
    if name == "law":
        return law
    if name == "plus_above":
        return plus_above(law, extra_seats, above)
    if name == "plus_two":
        return law.assign(council_seats=law["council_seats"] + 2)
    if name == "above_200k":
        open_band = law.iloc[-1]
        kept = law.iloc[:-1]
        rows = list(kept.itertuples(index=False, name=None))
        low, seats = int(open_band["min_inhabitants"]), int(open_band["council_seats"])
        while low < _ABOVE_200K_LAST_MIN:
            rows.append((low, low + _ABOVE_200K_STEP - 1, seats))
            low, seats = low + _ABOVE_200K_STEP, seats + 2
        rows.append((low, None, seats))
        return bands(rows)
    raise KeyError(f"Onbekend voorbeeld: {name!r}")


# --- Validation of an edited staffel -----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Checked:
    """The result of validating an edited staffel: the clean staffel, or what to fix."""

    staffel: pd.DataFrame | None
    errors: list[str]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return self.staffel is not None


_MISSING = object()
_INVALID = object()


def _cell(value: object) -> object:
    """A whole number of 0 or more, _MISSING for an empty cell, else _INVALID."""
    if value is None or value is pd.NA or (isinstance(value, str) and not value.strip()):
        return _MISSING
    if isinstance(value, bool):
        return _INVALID
    if isinstance(value, str):
        # The editor shows bounds as Dutch text: accept 3001 and 3.001 (and 'en meer' for no
        # upper bound), nothing else.
        text = value.strip()
        if text.lower() in (OPEN_END, "en hoger", "-", "—"):
            return _MISSING
        if not re.fullmatch(r"\d+|\d{1,3}(\.\d{3})+", text):
            return _INVALID
        value = int(text.replace(".", ""))
    if not isinstance(value, numbers.Real):
        return _INVALID
    number = float(value)
    if math.isnan(number):
        return _MISSING
    if not math.isfinite(number) or not number.is_integer() or number < 0:
        return _INVALID
    return int(number)


def _shown(value: object) -> str:
    """A cell value as the user typed it, for an error message."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return fmt.number(float(value), 0 if float(value).is_integer() else 2)
    return f"'{value}'"


def _row_errors(position: int, raw: dict, cells: dict) -> list[str]:
    errors = []
    where = f"Rij {position}"
    if cells["min_inhabitants"] is _MISSING:
        errors.append(f"{where}: vul bij 'Vanaf' het kleinste aantal inwoners van de band in.")
    if cells["council_seats"] is _MISSING:
        errors.append(f"{where}: vul het aantal zetels in.")
    for column in COLUMNS:
        if cells[column] is _INVALID:
            errors.append(
                f"{where}: bij '{LABELS[column]}' staat {_shown(raw[column])}. "
                "Vul een heel getal in van 0 of meer."
            )
    seats = cells["council_seats"]
    if isinstance(seats, int) and seats < 1:
        errors.append(f"{where}: een raad heeft minstens 1 zetel. Vul 1 of meer in.")
    low, high = cells["min_inhabitants"], cells["max_inhabitants"]
    if isinstance(low, int) and isinstance(high, int) and high < low:
        errors.append(
            f"{where}: 'Tot en met' ({fmt.number(high)}) is kleiner dan 'Vanaf' "
            f"({fmt.number(low)}). Maak 'Tot en met' groter of 'Vanaf' kleiner."
        )
    return errors


def validate(table: pd.DataFrame) -> Checked:
    """Check an edited staffel; errors and warnings are Dutch sentences that say what to fix.

    Rows may be in any order (the editor adds new rows at the bottom); they are sorted by
    'Vanaf'. Empty rows are ignored. Errors: a missing or non-whole number, a band that starts
    after it ends, no band starting at 0, gaps, overlaps, an upper bound on the last band (or
    none on an earlier one), and fewer seats for a larger band. Warnings: even seat numbers
    (the law only has odd ones) and rows that were out of order.
    """
    missing = [LABELS[c] for c in COLUMNS if c not in table.columns]
    if missing:
        return Checked(None, [f"De tabel mist de kolom(men): {', '.join(missing)}."], [])
    errors: list[str] = []
    rows: list[dict] = []
    for position, raw in enumerate(table[list(COLUMNS)].to_dict("records"), start=1):
        cells = {column: _cell(raw[column]) for column in COLUMNS}
        if all(cell is _MISSING for cell in cells.values()):
            continue
        row_errors = _row_errors(position, raw, cells)
        errors.extend(row_errors)
        if not row_errors:
            high = cells["max_inhabitants"]
            rows.append(
                {
                    "row": position,
                    "min_inhabitants": cells["min_inhabitants"],
                    "max_inhabitants": None if high is _MISSING else high,
                    "council_seats": cells["council_seats"],
                }
            )
    if errors:
        return Checked(None, errors, [])
    if not rows:
        return Checked(
            None, ["De staffel is leeg. Voeg minstens één band toe, of kies een voorbeeld."], []
        )

    warnings: list[str] = []
    ordered = sorted(rows, key=lambda r: (r["min_inhabitants"], r["row"]))
    if [r["row"] for r in ordered] != [r["row"] for r in rows]:
        warnings.append(
            "De rijen stonden niet op volgorde van 'Vanaf'. Raadsradar rekent met de banden "
            "van klein naar groot."
        )
    errors.extend(_structure_errors(ordered))
    if errors:
        return Checked(None, errors, warnings)

    even = [r for r in ordered if r["council_seats"] % 2 == 0]
    if even:
        listed = "; ".join(f"{describe_band(r)}: {r['council_seats']}" for r in even)
        warnings.append(
            f"Een even aantal zetels bij {listed}. De wet gebruikt alleen oneven aantallen, zodat "
            "een stemming in de raad minder snel gelijk eindigt. Raadsradar rekent wel door."
        )
    staffel = bands(
        [(r["min_inhabitants"], r["max_inhabitants"], r["council_seats"]) for r in ordered]
    )
    return Checked(staffel, [], warnings)


def _structure_errors(ordered: list[dict]) -> list[str]:
    """Coverage of 0 .. infinity without gaps or overlaps, and seats that never go down."""
    errors = []
    first, last = ordered[0], ordered[-1]
    if first["min_inhabitants"] != 0:
        errors.append(
            f"De kleinste band begint bij {fmt.number(first['min_inhabitants'])} inwoners. Zet "
            "'Vanaf' van de eerste band op 0, zodat elke gemeente in een band valt."
        )
    for before, after in zip(ordered, ordered[1:], strict=False):
        name_before = f"de band {describe_band(before)} (rij {before['row']})"
        name_after = f"de band {describe_band(after)} (rij {after['row']})"
        high = before["max_inhabitants"]
        if high is None:
            errors.append(
                f"Alleen de laatste band mag zonder 'Tot en met' zijn. Vul bij {name_before} een "
                f"bovengrens in, bijvoorbeeld {fmt.number(after['min_inhabitants'] - 1)}."
            )
            continue
        if after["min_inhabitants"] <= high:
            errors.append(
                f"{name_after.capitalize()} overlapt met {name_before}. Laat de hogere band "
                f"beginnen bij {fmt.number(high + 1)}, of maak de lagere band kleiner."
            )
        elif after["min_inhabitants"] > high + 1:
            errors.append(
                f"Er zit een gat tussen {name_before} en {name_after}: gemeenten met "
                f"{fmt.number(high + 1)} tot en met {fmt.number(after['min_inhabitants'] - 1)} "
                f"inwoners vallen nergens onder. Laat de hogere band beginnen bij "
                f"{fmt.number(high + 1)}."
            )
        if after["council_seats"] < before["council_seats"]:
            errors.append(
                f"{name_after.capitalize()} heeft {after['council_seats']} zetels, minder dan "
                f"{name_before} ({before['council_seats']}). Een grotere gemeente mag niet minder "
                "zetels krijgen."
            )
    if last["max_inhabitants"] is not None:
        errors.append(
            f"De laatste band houdt op bij {fmt.number(last['max_inhabitants'])} inwoners. Zet bij "
            f"'Tot en met' van de laatste band '{OPEN_END}' (of laat het leeg), zodat ook grotere "
            "gemeenten zetels krijgen."
        )
    return errors


# --- The law against the actual 2026 councils --------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Agreement:
    """How well the law's staffel on 1 January 2024 inhabitants matches the 2026 council sizes."""

    compared: int
    matching: int
    differing: pd.DataFrame
    without_2026: list[str]

    @property
    def share(self) -> float:
        return self.matching / self.compared * 100 if self.compared else float("nan")

    def summary(self) -> str:
        """The agreement in a few Dutch sentences."""
        d = self.differing
        text = (
            f"{fmt.number(self.matching)} van de {fmt.number(self.compared)} gemeenten "
            f"({fmt.percent(self.share)}) hebben in 2026 precies het aantal zetels dat de staffel "
            "geeft bij hun inwoners op 1 januari 2024."
        )
        if d.empty:
            return text
        up, down = int((d["direction"] > 0).sum()), int((d["direction"] < 0).sum())
        one_band = bool((d["bands_apart"] == 1).all())
        text += (
            f" Bij {len(d)} gemeenten verschilt het: {up} hebben in 2026 meer zetels, "
            f"{down} minder" + (", telkens precies één band." if one_band else ".")
        )
        near = d["distance"].notna()
        if near.any():
            text += (
                f" Ze liggen alle{'' if near.all() else ' op één na'} dicht bij een grens van "
                f"de staffel: ten hoogste {fmt.number(d['distance'].max())} inwoners "
                f"({fmt.percent(d['distance_pct'].max())}) ervan af."
            )
        text += (
            " De wet telt de inwoners op 1 januari van het jaar vóór de verkiezing (art. 1 lid 2): "
            "voor 2026 is dat 1 januari 2025. Die cijfers zitten niet in de gegevens van "
            "Raadsradar. Een kleine groei of daling in 2024 past bij elk verschil, maar we kunnen "
            "het niet controleren."
        )
        return text


def agreement(gemeenten: pd.DataFrame, law: pd.DataFrame) -> Agreement:
    """Compare the law's seats at 1 January 2024 inhabitants with the actual 2026 council sizes."""
    law = from_table(law)
    g = gemeenten[gemeenten["seats_2026"].notna()].copy()
    g["seats_law_2024"] = seats_for(g["inhabitants"], law)
    g["seats_2026"] = g["seats_2026"].astype("int64")
    diff = g[g["seats_law_2024"] != g["seats_2026"]].copy()
    law_index = law.reset_index(drop=True)
    rows = []
    for row in diff.itertuples(index=False):
        band_now = law_index.index[law_index["council_seats"] == row.seats_law_2024][0]
        match = law_index.index[law_index["council_seats"] == row.seats_2026]
        entry = {
            "code": row.code,
            "name": row.name,
            "inhabitants": int(row.inhabitants),
            "seats_law_2024": int(row.seats_law_2024),
            "seats_2026": int(row.seats_2026),
            "direction": 1 if row.seats_2026 > row.seats_law_2024 else -1,
            "bands_apart": None,
            "edge": None,
            "distance": None,
            "distance_pct": None,
        }
        if len(match):
            band = law_index.loc[match[0]]
            entry["bands_apart"] = abs(int(match[0]) - int(band_now))
            up = entry["direction"] > 0
            edge = int(band["min_inhabitants"]) if up else int(band["max_inhabitants"])
            entry["edge"] = edge
            entry["distance"] = abs(edge - int(row.inhabitants))
            entry["distance_pct"] = entry["distance"] / int(row.inhabitants) * 100
        entry["explanation"] = _explain(entry)
        rows.append(entry)
    columns = [
        "code", "name", "inhabitants", "seats_law_2024", "seats_2026", "direction",
        "bands_apart", "edge", "distance", "distance_pct", "explanation",
    ]  # fmt: skip
    differing = pd.DataFrame(rows, columns=columns)
    for column in ("bands_apart", "edge", "distance"):
        differing[column] = differing[column].astype("Int64")
    differing["distance_pct"] = differing["distance_pct"].astype("float64")
    differing = differing.sort_values(["direction", "distance_pct"], ascending=[False, True])
    without = gemeenten.loc[gemeenten["seats_2026"].isna(), "name"].tolist()
    return Agreement(len(g), len(g) - len(differing), differing.reset_index(drop=True), without)


def _explain(entry: dict) -> str:
    if entry["edge"] is None:
        return (
            f"{entry['seats_2026']} zetels komt niet voor in de staffel van de wet. Dit kunnen we "
            "niet verklaren."
        )
    people = fmt.number(entry["distance"])
    pct = fmt.percent(entry["distance_pct"])
    if entry["direction"] > 0:
        text = (
            f"{people} inwoners te weinig voor {entry['seats_2026']} zetels (vanaf "
            f"{fmt.number(entry['edge'])}). Met {pct} groei in 2024 klopt het met de wet."
        )
    else:
        text = (
            f"{people} inwoners boven de grens voor {entry['seats_2026']} zetels (tot en met "
            f"{fmt.number(entry['edge'])}). Met {people} inwoners minder in 2024 klopt het met "
            "de wet."
        )
    if entry["bands_apart"] and entry["bands_apart"] > 1:
        text += f" Let op: het verschil is {entry['bands_apart']} banden, niet één."
    return text


def agreement_table(result: Agreement) -> pd.DataFrame:
    """The differing gemeenten for reading: Dutch column names and numbers formatted as text."""
    d = result.differing
    return pd.DataFrame(
        {
            "Gemeente": d["name"],
            "Inwoners 1 januari 2024": d["inhabitants"].map(fmt.number),
            "Zetels volgens de staffel": d["seats_law_2024"],
            "Zetels 2026": d["seats_2026"],
            "Verklaring": d["explanation"],
        }
    )


# --- Comparing the law with an alternative -----------------------------------------------------


def reference_inhabitants(
    inhabitants: pd.Series, seats_2026: pd.Series, law: pd.DataFrame
) -> pd.Series:
    """The inhabitants a staffel is applied to for the what-if.

    Usually the count of 1 January 2024. Where the 2026 council does not fit that count (the law
    used 1 January 2025), the count is moved to the nearest bound of the law's band for the 2026
    council size: the smallest change that makes the data agree with the law. So an unchanged
    staffel changes nothing, and a changed band only affects the gemeenten really inside it.
    """
    law = from_table(law)
    ref = inhabitants.astype("int64").copy()
    by_seats = law.drop_duplicates("council_seats", keep=False).set_index("council_seats")
    for index in ref.index:
        seats = seats_2026.loc[index]
        if pd.isna(seats) or int(seats) not in by_seats.index:
            continue
        band = by_seats.loc[int(seats)]
        high = band["max_inhabitants"]
        low_clip = int(band["min_inhabitants"])
        high_clip = int(high) if pd.notna(high) else None
        value = max(int(ref.loc[index]), low_clip)
        ref.loc[index] = value if high_clip is None else min(value, high_clip)
    return ref


def compare(
    gemeenten: pd.DataFrame, indicators: pd.DataFrame, law: pd.DataFrame, alternative: pd.DataFrame
) -> pd.DataFrame:
    """Per gemeente: seats now and with the alternative, the change, inhabitants per seat before
    and after, and the estimated extra candidates (change x 2022 candidates per seat)."""
    law = from_table(law)
    alternative = from_table(alternative)
    g = gemeenten[["code", "name", "province_name", "inhabitants", "seats_2026"]].merge(
        indicators[["code", "candidates_per_seat_2022"]], on="code", how="left"
    )
    out = g[["code", "name", "province_name", "inhabitants", "seats_2026"]].copy()
    out["inhabitants"] = out["inhabitants"].astype("int64")
    out["seats_2026"] = out["seats_2026"].astype("Int64")
    out["seats_law_2024"] = seats_for(out["inhabitants"], law)
    has_2026 = out["seats_2026"].notna()
    out["seats_now"] = out["seats_2026"].fillna(out["seats_law_2024"]).astype("int64")
    out["seats_now_basis"] = np.where(has_2026, BASIS_2026, BASIS_LAW)
    out["reference_inhabitants"] = reference_inhabitants(out["inhabitants"], out["seats_2026"], law)
    out["seats_alt"] = seats_for(out["reference_inhabitants"], alternative)
    out["band_note"] = [
        band_note(i, r, s2026)
        for i, r, s2026 in zip(
            out["inhabitants"], out["reference_inhabitants"], out["seats_2026"], strict=True
        )
    ]
    out["seat_change"] = out["seats_alt"] - out["seats_now"]
    out["inhabitants_per_seat_now"] = out["inhabitants"] / out["seats_now"]
    out["inhabitants_per_seat_alt"] = out["inhabitants"] / out["seats_alt"]
    ratio, _ = national.candidates_per_seat(indicators)
    own = g["candidates_per_seat_2022"].astype("float64")
    out["candidates_per_seat_used"] = own.fillna(ratio)
    out["candidates_per_seat_basis"] = np.where(own.notna(), BASIS_OWN_RATIO, BASIS_NATIONAL_RATIO)
    out["extra_candidates"] = out["seat_change"] * out["candidates_per_seat_used"]
    return out


def band_note(inhabitants: int, reference: int, seats_2026: object) -> str:
    """Why a gemeente counts in another band than its 2024 inhabitants say ('' when it does not)."""
    if inhabitants == reference or pd.isna(seats_2026):
        return ""
    side = "vanaf" if reference > inhabitants else "tot en met"
    return (
        f"Telt als {fmt.number(reference)} inwoners: de raad van 2026 heeft {int(seats_2026)} "
        f"zetels, de band {side} {fmt.number(reference)} inwoners. Op 1 januari 2024 had de "
        f"gemeente {fmt.number(inhabitants)} inwoners; de wet telt 1 januari 2025, dat cijfer "
        "hebben we niet. Zo verandert een ongewijzigde staffel niets."
    )


@dataclasses.dataclass(frozen=True)
class Totals:
    """National sums of a comparison."""

    gemeenten: int
    inhabitants: int
    seats_now: int
    seats_alt: int
    gemeenten_more: int
    gemeenten_fewer: int
    extra_candidates: float
    extra_candidates_national_ratio: float
    national_ratio: float
    national_ratio_councils: int
    without_2026: int

    @property
    def extra_seats(self) -> int:
        return self.seats_alt - self.seats_now


def totals(comparison: pd.DataFrame, indicators: pd.DataFrame) -> Totals:
    """Extra seats, the gemeenten that gain or lose, and the extra candidates (estimate)."""
    ratio, councils = national.candidates_per_seat(indicators)
    change = comparison["seat_change"]
    national_part = comparison["candidates_per_seat_basis"] == BASIS_NATIONAL_RATIO
    return Totals(
        gemeenten=len(comparison),
        inhabitants=int(comparison["inhabitants"].sum()),
        seats_now=int(comparison["seats_now"].sum()),
        seats_alt=int(comparison["seats_alt"].sum()),
        gemeenten_more=int((change > 0).sum()),
        gemeenten_fewer=int((change < 0).sum()),
        extra_candidates=float(comparison["extra_candidates"].sum()),
        extra_candidates_national_ratio=float(
            comparison.loc[national_part & (change != 0), "extra_candidates"].sum()
        ),
        national_ratio=ratio,
        national_ratio_councils=councils,
        without_2026=int((comparison["seats_now_basis"] == BASIS_LAW).sum()),
    )


def signed(value: float, decimals: int = 0) -> str:
    """A change with its sign: '+16', '−2', '0' (true minus sign, Dutch digits)."""
    if round(value, decimals) == 0:
        return fmt.number(0, decimals)
    sign = "+" if value > 0 else "−"
    return f"{sign}{fmt.number(abs(value), decimals)}"


def key_figures(t: Totals) -> list[national.KeyFigure]:
    """The national totals as key figures, each with its source and reference date."""
    per_seat_now = t.inhabitants / t.seats_now
    per_seat_alt = t.inhabitants / t.seats_alt
    return [
        national.KeyFigure(
            "Zetels nu",
            t.seats_now,
            "zetels",
            f"{SOURCE_SEATS}; {SOURCE_LAW}",
            f"Raden van 2026 in {t.gemeenten - t.without_2026} gemeenten, plus "
            f"{t.without_2026} volgens de staffel (geen verkiezing in 2026)",
        ),
        national.KeyFigure(
            "Zetels met de nieuwe staffel",
            t.seats_alt,
            "zetels",
            SOURCE_WHAT_IF,
            "Alle gemeenten samen",
        ),
        national.KeyFigure(
            "Extra zetels",
            t.extra_seats,
            "zetels",
            SOURCE_WHAT_IF,
            f"{t.gemeenten_more} gemeenten krijgen zetels erbij, {t.gemeenten_fewer} verliezen "
            "zetels",
            display=signed(t.extra_seats),
        ),
        national.KeyFigure(
            "Extra kandidaten nodig (schatting)",
            t.extra_candidates,
            "kandidaten",
            f"{SOURCE_CANDIDATES}; {SOURCE_WHAT_IF}",
            "Schatting: extra zetels maal de kandidaten per zetel van die gemeente in 2022, of "
            f"het landelijke cijfer ({fmt.number(t.national_ratio, 1)}, uit "
            f"{t.national_ratio_councils} raden) als dat ontbreekt. Aanname: partijen zetten per "
            "zetel even veel mensen op de lijst als in 2022. "
            f"Met het landelijke cijfer geschat: {signed(t.extra_candidates_national_ratio)}",
            display=signed(t.extra_candidates),
        ),
        national.KeyFigure(
            "Inwoners per zetel (nieuw)",
            per_seat_alt,
            "inwoners",
            f"{SOURCE_POPULATION}; {SOURCE_WHAT_IF}",
            f"Landelijk gemiddelde met de nieuwe staffel; nu {fmt.number(per_seat_now)}",
            display=fmt.number(per_seat_alt),
        ),
    ]


def affected(comparison: pd.DataFrame) -> pd.DataFrame:
    """The gemeenten whose council size changes, largest change first."""
    rows = comparison[comparison["seat_change"] != 0]
    return rows.sort_values(
        ["seat_change", "inhabitants", "code"], ascending=[False, False, True]
    ).reset_index(drop=True)


# --- Maps --------------------------------------------------------------------------------------


def _measure(
    measure_id: str,
    label: str,
    unit: str,
    higher_is_worse: bool | None,
    definition: str,
    diverging: bool = False,
) -> catalogue.Indicator:
    return catalogue.Indicator(
        measure_id, label, unit, "raad", SOURCE_WHAT_IF, 2024, higher_is_worse, "derived",
        definition, diverging=diverging, decimals=0,
    )  # fmt: skip


# What-if measures: not catalogue indicators (they depend on the user's staffel), but described
# the same way so that the map legend and alt text can treat them alike.
MEASURES: dict[str, catalogue.Indicator] = {
    "seat_change": _measure(
        "seat_change", "Verandering in zetels", "zetels", None,
        "Zetels met de nieuwe staffel min zetels nu (raad van 2026).", diverging=True,
    ),
    "inhabitants_per_seat_now": _measure(
        "inhabitants_per_seat_now", "Inwoners per zetel nu", "inwoners per zetel", True,
        "Inwoners op 1 januari 2024 (CBS) gedeeld door de zetels van 2026 (Kiesraad).",
    ),
    "inhabitants_per_seat_alt": _measure(
        "inhabitants_per_seat_alt", "Inwoners per zetel met de nieuwe staffel",
        "inwoners per zetel", True,
        "Inwoners op 1 januari 2024 (CBS) gedeeld door de zetels met de nieuwe staffel.",
    ),
}  # fmt: skip

_MEASURE_COLUMNS = {
    "seat_change": "seat_change",
    "inhabitants_per_seat_now": "inhabitants_per_seat_now",
    "inhabitants_per_seat_alt": "inhabitants_per_seat_alt",
}


# Hover labels live once in the template; per gemeente only the values travel (payload).
HOVER_COLUMNS = ["hover", "hover_now", "hover_alt", "hover_per_seat_now", "hover_per_seat_alt"]
HOVER_TEMPLATE = (
    "%{customdata[0]}<br>Zetels nu: %{customdata[1]}<br>Nieuwe staffel: %{customdata[2]}"
    "<br>Inwoners per zetel: %{customdata[3]} → %{customdata[4]}<extra></extra>"
)


def hover_values(comparison: pd.DataFrame) -> pd.DataFrame:
    """Escaped hover values per gemeente for HOVER_TEMPLATE (Dutch number format)."""
    now = comparison["seats_now"].astype(str)
    from_law = comparison["seats_now_basis"] == BASIS_LAW
    now = now.where(~from_law, now + " (staffel, geen verkiezing in 2026)")
    return pd.DataFrame(
        {
            "hover": [
                f"<b>{html.escape(n)}</b> ({html.escape(p)})"
                for n, p in zip(comparison["name"], comparison["province_name"], strict=True)
            ],
            "hover_now": now,
            "hover_alt": [
                f"{a} zetels ({signed(c)})"
                for a, c in zip(comparison["seats_alt"], comparison["seat_change"], strict=True)
            ],
            "hover_per_seat_now": comparison["inhabitants_per_seat_now"].map(fmt.number),
            "hover_per_seat_alt": comparison["inhabitants_per_seat_alt"].map(fmt.number),
        },
        index=comparison.index,
    )


def map_view(
    comparison: pd.DataFrame, measure_id: str
) -> tuple[pd.DataFrame, classify.Classification]:
    """Map frame (code, name, province_name, value, class, HOVER_COLUMNS) and its classification.

    The change in seats gets a diverging palette centred on 0. Inhabitants per seat before and
    after share the same class bounds (quintiles of 'now'), so the two maps can be compared.
    """
    if measure_id not in MEASURES:
        raise KeyError(f"Onbekende kaart: {measure_id!r}")
    frame = comparison[["code", "name", "province_name"]].copy()
    frame["value"] = comparison[_MEASURE_COLUMNS[measure_id]].astype("float64")
    frame = frame.join(hover_values(comparison))
    if measure_id == "seat_change":
        result = classify.classify(
            frame["value"], scheme="quantiles", k=classify.MAX_K, diverging=True
        )
        # Changes are a few even numbers, each its own class by design; classify's note about
        # "fewer classes than asked" would only confuse here.
        result = dataclasses.replace(result, note=None)
    else:
        base = classify.classify(comparison["inhabitants_per_seat_now"], scheme="quantiles", k=5)
        breaks = base.bins[:-1]
        if len(breaks) >= classify.MIN_K - 1:
            result = classify.classify(frame["value"], scheme="manual", manual_breaks=breaks)
        else:
            result = classify.classify(frame["value"], scheme="quantiles", k=5)
    frame["class"] = result.classes
    return frame, result


def map_alt(comparison: pd.DataFrame, measure_id: str) -> str:
    """A text summary of a what-if map for screen readers."""
    item = MEASURES[measure_id]
    if measure_id == "seat_change":
        change = comparison["seat_change"]
        text = (
            f"Kaart van de {item.label.lower()} per gemeente. {int((change > 0).sum())} gemeenten "
            f"krijgen zetels erbij, {int((change < 0).sum())} verliezen zetels, "
            f"{int((change == 0).sum())} blijven gelijk."
        )
        if (change != 0).any():
            top = comparison.loc[change.abs().idxmax()]
            text += f" Grootste verandering: {top['name']} ({signed(top['seat_change'])} zetels)."
        return text
    values = comparison[_MEASURE_COLUMNS[measure_id]]
    high, low = comparison.loc[values.idxmax()], comparison.loc[values.idxmin()]
    return (
        f"Kaart van {item.label.lower()}. Hoogste: {high['name']} ({fmt.number(values.max())}). "
        f"Laagste: {low['name']} ({fmt.number(values.min())}). Mediaan: "
        f"{fmt.number(values.median())}."
    )


# --- Export -------------------------------------------------------------------------------------

EXPORT_COLUMNS = {
    "code": "Gemeentecode (CBS)",
    "name": "Gemeente",
    "province_name": "Provincie",
    "inhabitants": "Inwoners 1 januari 2024 (CBS)",
    "seats_2026": "Zetels 2026 (Kiesraad)",
    "seats_law_2024": "Zetels volgens Gemeentewet art. 8 bij inwoners 1 januari 2024",
    "seats_now": "Zetels nu",
    "seats_now_basis": "Bron zetels nu",
    "reference_inhabitants": "Inwoners waarop de nieuwe staffel is toegepast",
    "seats_alt": "Zetels met de nieuwe staffel",
    "seat_change": "Verschil in zetels",
    "inhabitants_per_seat_now": "Inwoners per zetel nu",
    "inhabitants_per_seat_alt": "Inwoners per zetel met de nieuwe staffel",
    "candidates_per_seat_used": "Kandidaten per zetel 2022 (gebruikt, Kiesraad)",
    "candidates_per_seat_basis": "Bron kandidaten per zetel",
    "extra_candidates": "Extra kandidaten nodig (schatting)",
}


def _csv(frame: pd.DataFrame) -> bytes:
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(safe.neutralise)
    text = out.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def export_csv(comparison: pd.DataFrame) -> bytes:
    """The comparison as CSV for Excel-NL: UTF-8 with BOM, ';' separated, decimal comma."""
    out = comparison[list(EXPORT_COLUMNS)].copy()
    for column in ("inhabitants_per_seat_now", "inhabitants_per_seat_alt", "extra_candidates"):
        out[column] = out[column].round(1)
    out["candidates_per_seat_used"] = out["candidates_per_seat_used"].round(2)
    return _csv(out.rename(columns=EXPORT_COLUMNS))


def staffel_csv(staffel: pd.DataFrame) -> bytes:
    """A staffel as CSV in the same format (empty 'Tot en met' = no upper bound)."""
    return _csv(from_table(staffel)[list(COLUMNS)].rename(columns=LABELS))
