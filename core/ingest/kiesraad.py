"""The Kiesraad candidate-list file (Kandidatenlijsten_GRyyyy.csv) as shortage indicators.

One row per candidate: GemeenteCode; GemeenteNaam; LijstNummer; LijstNaam; KandidaatNummer;
Initialen; Roepnaam; Tussenvoegsel; Achternaam; Woonplaats; LandCode; Geslacht. Gender is
filled per list, not per candidate, and many lists leave it empty (elections/SOURCES.md, 2b).
No candidate's name leaves this module: only counts per gemeente. `candidate_report` is the
import report of such a file (core.ingest.pipeline hands it over when `is_candidate_list`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from core import fmt, staffel_check
from core.ingest import keys as ingest_keys
from core.ingest import names as ingest_names
from core.ingest import options as ingest_options
from core.ingest import reasons as ingest_reasons
from core.ingest import report as ingest_report
from core.ingest import table as ingest_table

REQUIRED = ("GemeenteCode", "LijstNummer", "KandidaatNummer")
FEMALE = frozenset({"female", "vrouw", "v", "f", "vrouwelijk"})
MALE = frozenset({"male", "man", "m", "mannelijk"})
# A woonplaats that carries the name of a gemeente further away than this is more likely a
# village of the same name inside the candidate's own gemeente (Buren on Ameland, Buren in
# Gelderland) than a candidate living there; it is then counted as unknown, not as outside.
NEAR_KM = 50.0


@dataclasses.dataclass(frozen=True)
class Measure:
    """One indicator made from the candidate lists (id without the year suffix)."""

    id: str
    label: str
    unit: str
    higher_is_worse: bool | None
    decimals: int
    definition: str


MEASURES = (
    Measure(
        "lists",
        "Aantal kandidatenlijsten",
        "lijsten",
        False,
        0,
        "Aantal ingediende kandidatenlijsten in de gemeente.",
    ),
    Measure(
        "candidates",
        "Aantal kandidaten",
        "kandidaten",
        False,
        0,
        "Alle kandidaten op alle lijsten samen.",
    ),
    Measure(
        "candidates_per_seat",
        "Kandidaten per raadszetel",
        "kandidaten per zetel",
        False,
        1,
        "Alle kandidaten gedeeld door het aantal raadszetels.",
    ),
    Measure(
        "short_lists_share",
        "Aandeel lijsten korter dan de raad",
        "%",
        True,
        1,
        "Percentage lijsten met minder kandidaten dan de raad zetels heeft.",
    ),
    Measure(
        "half_short_lists_share",
        "Aandeel lijsten korter dan de halve raad",
        "%",
        True,
        1,
        "Percentage lijsten met minder kandidaten dan de helft van het aantal zetels.",
    ),
    Measure(
        "women_candidates_share",
        "Vrouwen onder de kandidaten",
        "%",
        False,
        1,
        "Percentage vrouwen onder de kandidaten van wie de lijst het geslacht opgaf.",
    ),
    Measure(
        "gender_unknown_candidates",
        "Kandidaten zonder opgegeven geslacht",
        "kandidaten",
        None,
        0,
        "Aantal kandidaten bij wie de lijst geen geslacht opgaf.",
    ),
    Measure(
        "gender_unknown_share",
        "Aandeel kandidaten zonder opgegeven geslacht",
        "%",
        True,
        1,
        "Percentage kandidaten zonder opgegeven geslacht: hoe hoger, hoe onzekerder het "
        "aandeel vrouwen.",
    ),
    Measure(
        "outside_candidates_share",
        "Kandidaten die buiten de gemeente wonen (ondergrens)",
        "%",
        True,
        1,
        "Percentage kandidaten met een woonplaats in het buitenland of met de naam van een "
        "andere (ook voormalige) gemeente binnen 50 km. Woonplaatsen die geen gemeentenaam "
        "zijn (dorpen, kernen) tellen als binnen, dus het echte aandeel is hoger of gelijk.",
    ),
)


def usable_seats(seats: Mapping[str, object] | None) -> tuple[pd.Series, dict[str, object]]:
    """Council sizes that can divide: whole numbers from 1 to the staffel editor's maximum.

    Anything else (0,45, 0, -3, 4.500, text) is returned apart, to be reported and not used: a
    council of 0 seats would give infinite candidates per seat and rank that gemeente first.
    """
    usable: dict[str, float] = {}
    refused: dict[str, object] = {}
    for code, value in (seats or {}).items():
        number = _seat_number(value)
        if number is None:
            refused[code] = value
        else:
            usable[code] = number
    return pd.Series(usable, dtype="float64"), refused


def _seat_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    if not math.isfinite(number) or not number.is_integer():
        return None
    return number if 1 <= number <= staffel_check.MAX_SEATS else None


def refused_seats_warning(
    refused: Mapping[str, object], reference: ingest_names.Reference
) -> str | None:
    """The Dutch warning for council sizes that were not used (None when all were usable)."""
    if not refused:
        return None
    examples = [
        f"{reference.label(code)}: {_seat_text(value)}" for code, value in list(refused.items())[:5]
    ]
    more = f" en {fmt.number(len(refused) - 5)} andere" if len(refused) > 5 else ""
    return (
        f"Raadszetels: bij {fmt.number(len(refused))} gemeente(n) is het aantal zetels geen heel "
        f"getal van 1 tot en met {staffel_check.MAX_SEATS} ({'; '.join(examples)}{more}). Die "
        "aantallen zijn niet gebruikt: kandidaten per zetel en de korte lijsten ontbreken daar. "
        "Verbeter ze in het bestand met raadszetels."
    )


def _seat_text(value: object) -> str:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return f"'{fmt.shorten(value, 20)}'"
    if not math.isfinite(number) or abs(number) >= 1e9:
        return "geen bruikbaar getal"
    return fmt.number(number, 0 if number.is_integer() else 2)


def is_candidate_list(columns: list[str]) -> bool:
    """True for the Kiesraad's candidate-list layout."""
    return set(REQUIRED) <= set(columns)


def election_year(filename: str) -> int | None:
    """2026 from 'Kandidatenlijsten_GR2026.csv'."""
    match = re.search(r"GR\s?(\d{4})", filename, re.IGNORECASE) or re.search(r"(20\d{2})", filename)
    return int(match.group(1)) if match else None


def column_id(measure: Measure, year: int | None) -> str:
    return f"{measure.id}_{year}" if year else measure.id


def _gender(values: pd.Series) -> pd.Series:
    text = values.fillna("").astype(str).str.strip().str.lower()
    return pd.Series(
        np.select([text.isin(FEMALE), text.isin(MALE)], ["f", "m"], default="?"), index=values.index
    )


def indicators(
    frame: pd.DataFrame,
    codes: pd.Series,
    reference: ingest_names.Reference,
    seats: Mapping[str, int] | None,
    year: int | None,
) -> tuple[pd.DataFrame, list[str]]:
    """Per 2025 gemeente the MEASURES (columns named by column_id), and warnings in Dutch.

    `codes` holds the matched 2025 code per candidate row (None where unmatched).
    """
    keep = codes.notna()
    rows = frame.loc[keep].copy()
    rows["_code"] = codes[keep].to_numpy()
    rows["_list"] = rows["LijstNummer"].astype(str).str.strip()
    warnings: list[str] = []
    per_list = rows.groupby(["_code", "_list"]).size().rename("length").reset_index()
    out = pd.DataFrame(index=pd.Index(sorted(rows["_code"].unique()), name="code"))
    out["lists"] = per_list.groupby("_code").size()
    out["candidates"] = rows.groupby("_code").size()
    seat_map, refused = usable_seats(seats)
    refused_warning = refused_seats_warning(refused, reference)
    if refused_warning:
        warnings.append(refused_warning)
    per_list["seats"] = per_list["_code"].map(seat_map)
    known = per_list["seats"].notna()
    short = (per_list["length"] < per_list["seats"]).where(known)
    half = (per_list["length"] < per_list["seats"] / 2).where(known)
    council = seat_map.reindex(out.index)
    out["candidates_per_seat"] = out["candidates"] / council
    out["short_lists_share"] = short.groupby(per_list["_code"]).mean().reindex(out.index) * 100
    out["half_short_lists_share"] = half.groupby(per_list["_code"]).mean().reindex(out.index) * 100
    for column in ("short_lists_share", "half_short_lists_share"):
        out[column] = out[column].where(council.notna())
    no_seats = int(council.isna().sum())
    if no_seats:
        warnings.append(
            f"Voor {no_seats} van de {len(out)} gemeenten is het aantal raadszetels onbekend; "
            "kandidaten per zetel en de korte lijsten ontbreken daar. Upload een bestand met "
            "raadszetels (zoals Raadzetels_GR2026.csv) om ze te berekenen."
        )
    if "Geslacht" in rows:
        gender = _gender(rows["Geslacht"])
        women = (gender == "f").groupby(rows["_code"]).sum()
        men = (gender == "m").groupby(rows["_code"]).sum()
        unknown = (gender == "?").groupby(rows["_code"]).sum()
        out["women_candidates_share"] = (women / (women + men) * 100).where(women + men > 0)
        out["gender_unknown_candidates"] = unknown
        out["gender_unknown_share"] = unknown / out["candidates"] * 100
        total_unknown = int(unknown.sum())
        if total_unknown:
            warnings.append(
                f"Bij {fmt.number(total_unknown)} van de {fmt.number(len(rows))} kandidaten gaf de "
                "lijst geen geslacht op. Het aandeel vrouwen is berekend over de kandidaten met "
                "opgegeven geslacht; het aantal zonder geslacht staat in een eigen kolom."
            )
    if "Woonplaats" in rows:
        outside, unresolved, far = _outside(rows, reference)
        places = rows["Woonplaats"].fillna("").astype(str).str.strip() != ""
        with_place = places.groupby(rows["_code"]).sum()
        counted = outside.groupby(rows["_code"]).sum()
        out["outside_candidates_share"] = (counted / with_place * 100).where(with_place > 0)
        warnings.append(
            f"Woonplaats: {fmt.number(int(outside.sum()))} kandidaten wonen aantoonbaar buiten hun "
            f"gemeente; bij {fmt.number(int(unresolved.sum()))} is de woonplaats geen (voormalige) "
            "gemeentenaam en is niet na te gaan in welke gemeente die ligt (ze tellen als binnen)."
            + (
                f" {fmt.number(int(far.sum()))} woonplaatsen dragen de naam van een gemeente "
                f"verder dan {fmt.number(NEAR_KM)} km weg en zijn waarschijnlijk een dorp met "
                "dezelfde naam; die tellen ook als binnen."
                if far.any()
                else ""
            )
        )
    out = out.rename(columns={m.id: column_id(m, year) for m in MEASURES})
    return out.astype("float64"), warnings


def _outside(rows: pd.DataFrame, reference: ingest_names.Reference) -> tuple[pd.Series, ...]:
    """Per candidate: certainly outside, place not resolvable, far-away namesake."""
    place = rows["Woonplaats"].fillna("").astype(str).str.strip()
    country = (
        rows["LandCode"].fillna("").astype(str).str.strip().str.upper()
        if "LandCode" in rows
        else (pd.Series("", index=rows.index))
    )
    located: dict[str, str | None] = {p: reference.locate_place(p) for p in place.unique() if p}
    flags = [
        _place_flags(own, where, land, located.get(where), reference)
        for own, where, land in zip(rows["_code"], place, country, strict=True)
    ]
    outside, unresolved, far = (
        (list(column) for column in zip(*flags, strict=True)) if flags else ([], [], [])
    )
    index = rows.index
    return (
        pd.Series(outside, index=index),
        pd.Series(unresolved, index=index),
        pd.Series(far, index=index),
    )


def _place_flags(
    own: str, where: str, land: str, found: str | None, reference: ingest_names.Reference
) -> tuple[bool, bool, bool]:
    """(outside, unresolved, far namesake) for one candidate."""
    if land and land != "NL":
        return True, False, False
    if found is None:
        return False, bool(where), False
    if found == own:
        return False, False, False
    distance = reference.distance_km(own, found)
    near = distance is None or distance <= NEAR_KM
    return near, False, not near


def candidate_report(
    table: ingest_table.Table,
    filename: str,
    options: ingest_options.Options,
    reference: ingest_names.Reference,
) -> ingest_report.Report:
    """The Kiesraad candidate-list file: shortage indicators per gemeente."""
    key = "GemeenteCode"
    year = options.election_year or election_year(filename)
    hits = ingest_keys.match(table.frame[key], reference, options.resolve)
    codes = pd.Series(
        [h.code if h.matched else None for h in hits], index=table.frame.index, dtype=object
    )
    seats = options.seats
    notes, warnings = (
        [*table.notes, "Sleutelkolom: 'GemeenteCode' (Kiesraad-bestand)."],
        [*table.warnings],
    )
    notes.append(
        "Kandidatenlijsten van de Kiesraad "
        f"herkend{f' (gemeenteraadsverkiezing {year})' if year else ''}: "
        f"{fmt.number(len(table.frame))} kandidaten."
    )
    if seats is None and year == 2026:
        seats = reference.seats
        notes.append("Raadszetels: uit de bundel (Kiesraad, raadszetels 2026).")
    elif seats is not None:
        notes.append("Raadszetels: uit het geüploade bestand met raadszetels.")
    values, extra = indicators(table.frame, codes, reference, seats, year)
    names = [column_id(m, year) for m in MEASURES]
    columns = [ingest_report.Column(key, "key", note="gemeentecode (sleutel)")]
    present = [n for n in names if n in values.columns]
    for measure in MEASURES:
        name = column_id(measure, year)
        if name not in values.columns:
            continue
        known = values[name].notna()
        suffix = f" ({year})" if year else ""
        columns.append(
            ingest_report.Column(
                name,
                "value",
                int(known.sum()),
                int((~known).sum()),
                percent=measure.unit == "%",
                whole=measure.decimals == 0,
                note=measure.definition,
                label=measure.label + suffix,
                unit=measure.unit,
                higher_is_worse=measure.higher_is_worse,
                decimals=measure.decimals,
                definition=measure.definition,
            )
        )
    report = ingest_report.Report(
        ok=True,
        error=None,
        filename=filename,
        rows=len(table.frame),
        key_column=key,
        value_columns=present,
        columns=columns,
        kind="candidate_lists",
        year=year,
        table=table,
        warnings=warnings,
        notes=notes,
    )
    given = [ingest_table.cell_text(c) for c in table.frame[key]]
    reasons = ingest_reasons.Reasons(reference)
    for position, (hit, text) in enumerate(zip(hits, given, strict=True)):
        if hit.matched:
            report.matched += 1
            if hit.kind == "former":
                report.successors[text] = hit.code
        else:
            report.unmatched.append(
                ingest_report.Unmatched(table.rows[position], text, reasons(hit, text), hit.kind)
            )
    report.values = values[present]
    report.values.index.name = "code"
    report.warnings.extend(extra)
    ingest_reasons.summarise(report, reference)
    return report
