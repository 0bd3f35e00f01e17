"""Validation of a staffel the user edited: the clean staffel, or Dutch sentences on what to fix."""

from __future__ import annotations

import dataclasses
import math
import numbers

import pandas as pd

from core import fmt, number_text, staffel


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

# What a band may hold. A gemeente never has more inhabitants than the country (18 million), and
# the law's largest council has 45 seats: twice that still fits, while 10,000 or 10^12 seats per
# band (national totals of hundreds of trillions) are typing errors, refused with a message.
MAX_INHABITANTS = 100_000_000
MAX_SEATS = 99
RANGES = {
    "min_inhabitants": (0, MAX_INHABITANTS),
    "max_inhabitants": (0, MAX_INHABITANTS),
    "council_seats": (1, MAX_SEATS),
}
_WHAT = {"min_inhabitants": "inwoners", "max_inhabitants": "inwoners", "council_seats": "zetels"}
# Cells that leave a bound open; any other text that is not a number is an error.
_OPEN = frozenset({"", staffel.OPEN_END, "en hoger", "-", "–", "—"})
_SHOWN_CHARS = 40


def _cell(value: object, column: str) -> object:
    """A whole number within RANGES[column], _MISSING for an empty cell, else _INVALID.

    Text is read by the same rule as the import (core.number_text): "3001", "3.001" and
    "3 001" are all 3001 (a point before three digits groups thousands, as in Dutch).
    """
    if value is None or value is pd.NA:
        return _MISSING
    if isinstance(value, bool):
        return _INVALID
    if isinstance(value, str):
        text = " ".join(value.split())
        if text.lower() in _OPEN:
            return _MISSING
        parsed = number_text.parse_number(text, decimal=",")
        if parsed.status != "number" or parsed.percent:
            return _INVALID
        value = parsed.value
    if not isinstance(value, numbers.Real):
        return _INVALID
    try:
        number = float(value)
    except OverflowError:  # an int of hundreds of digits
        return _INVALID
    if math.isnan(number):
        return _MISSING
    low, high = RANGES[column]
    if not math.isfinite(number) or not number.is_integer() or not low <= number <= high:
        return _INVALID
    return int(number)


def _shown(value: object) -> str:
    """A cell value as the user typed it, for an error message (a long one cut short)."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            return f"een getal van {len(str(abs(int(value))))} cijfers"
        if not math.isfinite(number):
            return "een getal dat te groot is om te rekenen"
        if abs(number) >= 1e15:
            return f"een getal van {int(math.log10(abs(number))) + 1} cijfers"
        return fmt.number(number, 0 if number.is_integer() else 2)
    return f"'{fmt.shorten(' '.join(str(value).split()), _SHOWN_CHARS)}'"


def _row_errors(position: int, raw: dict, cells: dict) -> list[str]:
    errors = []
    where = f"Rij {position}"
    if cells["min_inhabitants"] is _MISSING:
        errors.append(f"{where}: vul bij 'Vanaf' het kleinste aantal inwoners van de band in.")
    if cells["council_seats"] is _MISSING:
        errors.append(f"{where}: vul het aantal zetels in.")
    for column in staffel.COLUMNS:
        if cells[column] is _INVALID:
            low, high = RANGES[column]
            errors.append(
                f"{where}: bij '{staffel.LABELS[column]}' staat {_shown(raw[column])}. "
                f"Vul een heel aantal {_WHAT[column]} in van {fmt.number(low)} tot en met "
                f"{fmt.number(high)}."
            )
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
    missing = [staffel.LABELS[c] for c in staffel.COLUMNS if c not in table.columns]
    if missing:
        return Checked(None, [f"De tabel mist de kolom(men): {', '.join(missing)}."], [])
    errors: list[str] = []
    rows: list[dict] = []
    for position, raw in enumerate(table[list(staffel.COLUMNS)].to_dict("records"), start=1):
        cells = {column: _cell(raw[column], column) for column in staffel.COLUMNS}
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
        listed = "; ".join(f"{staffel.describe_band(r)}: {r['council_seats']}" for r in even)
        warnings.append(
            f"Een even aantal zetels bij {listed}. De wet gebruikt alleen oneven aantallen, zodat "
            "een stemming in de raad minder snel gelijk eindigt. Raadsradar rekent wel door."
        )
    clean = staffel.bands(
        [(r["min_inhabitants"], r["max_inhabitants"], r["council_seats"]) for r in ordered]
    )
    return Checked(clean, [], warnings)


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
        name_before = f"de band {staffel.describe_band(before)} (rij {before['row']})"
        name_after = f"de band {staffel.describe_band(after)} (rij {after['row']})"
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
            f"'Tot en met' van de laatste band '{staffel.OPEN_END}' (of laat het leeg), zodat "
            "ook grotere gemeenten zetels krijgen."
        )
    return errors
