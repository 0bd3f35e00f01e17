"""Council size by population (Gemeentewet art. 8): the law's staffel as data, and presets.

A staffel is a DataFrame with the columns of ``COLUMNS``: bands of inhabitants (bounds inclusive,
as the law words them; the last band has no upper bound) and the council seats of each band.
Only ``staffel_check.validate`` accepts user input; every other function expects a validated
staffel. What a staffel means: staffel_agreement (the law against the 2026 councils),
staffel_compare (an alternative against the law), staffel_map and staffel_export.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from core import fmt, indicator_meta

COLUMNS = ("min_inhabitants", "max_inhabitants", "council_seats")
LABELS = {"min_inhabitants": "Vanaf", "max_inhabitants": "Tot en met", "council_seats": "Zetels"}

SOURCE_LAW = "Gemeentewet artikel 8 lid 1 (BWBR0005416), geldende tekst"
SOURCE_POPULATION = indicator_meta.SOURCE_CBS_2024
SOURCE_SEATS = indicator_meta.SOURCE_KR_2026
SOURCE_CANDIDATES = indicator_meta.SOURCE_KR_2026_LISTS
SOURCE_WHAT_IF = "Berekening Raadsradar: staffel toegepast op inwoners 1 januari 2024 (CBS)"

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
