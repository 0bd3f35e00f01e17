"""The what-if maps of a staffel comparison: measures, classes, hover values and alt text."""

from __future__ import annotations

import dataclasses

import pandas as pd

from core import classify, fmt, indicator_meta, safe, staffel, staffel_compare


def _measure(
    measure_id: str,
    label: str,
    unit: str,
    higher_is_worse: bool | None,
    definition: str,
    diverging: bool = False,
) -> indicator_meta.Indicator:
    return indicator_meta.Indicator(
        measure_id, label, unit, "raad", staffel.SOURCE_WHAT_IF, 2024, higher_is_worse, "derived",
        definition, diverging=diverging, decimals=0,
    )  # fmt: skip


# What-if measures: not catalogue indicators (they depend on the user's staffel), but described
# the same way so that the map legend and alt text can treat them alike.
MEASURES: dict[str, indicator_meta.Indicator] = {
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
    from_law = comparison["seats_now_basis"] == staffel_compare.BASIS_LAW
    now = now.where(~from_law, now + " (staffel, geen verkiezing in 2026)")
    return pd.DataFrame(
        {
            "hover": [
                f"<b>{safe.plotly(n)}</b> ({safe.plotly(p)})"
                for n, p in zip(comparison["name"], comparison["province_name"], strict=True)
            ],
            "hover_now": now,
            "hover_alt": [
                f"{a} zetels ({staffel_compare.signed(c)})"
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
        # "fewer classes than asked" would only confuse here. The legend says what the numbers
        # are: "+2 zetels (96 gemeenten)", not "2 (96)".
        labels = [
            f"{_seats(text)} ({fmt.count(n, 'gemeente', 'gemeenten')})"
            for text, n in zip(result.range_labels, result.counts, strict=True)
        ]
        result = dataclasses.replace(result, note=None, labels=labels)
    else:
        # Whole numbers, as the table shows inhabitants per seat: the bounds read "1.121".
        base = classify.classify(comparison["inhabitants_per_seat_now"], scheme="quantiles", k=5)
        breaks = sorted({round(b) for b in base.bins[:-1]})
        if len(breaks) >= classify.MIN_K - 1:
            result = classify.classify(
                frame["value"], scheme="manual", manual_breaks=breaks, decimals=0
            )
        else:
            result = classify.classify(frame["value"], scheme="quantiles", k=5, decimals=0)
    frame["class"] = result.classes
    return frame, result


def _seats(text: str) -> str:
    """A class of seat changes ('2', '-2', '0', '-2 – 0') as '+2 zetels', '−2 zetels',
    'geen verandering', '−2 tot 0 zetels'."""
    parts = [p.strip().replace("−", "-") for p in text.split("–")]
    try:
        values = [int(float(p.replace(",", "."))) for p in parts]
    except ValueError:
        return text
    if len(values) == 1:
        value = values[0]
        if value == 0:
            return "geen verandering"
        return f"{staffel_compare.signed(value)} {'zetel' if abs(value) == 1 else 'zetels'}"
    low, high = values[0], values[-1]
    return f"{staffel_compare.signed(low)} tot {staffel_compare.signed(high)} zetels"


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
            shown = staffel_compare.signed(top["seat_change"])
            text += f" Grootste verandering: {top['name']} ({shown} zetels)."
        return text
    values = comparison[_MEASURE_COLUMNS[measure_id]]
    high, low = comparison.loc[values.idxmax()], comparison.loc[values.idxmin()]
    return (
        f"Kaart van {item.label.lower()}. Hoogste: {high['name']} ({fmt.number(values.max())}). "
        f"Laagste: {low['name']} ({fmt.number(values.min())}). Mediaan: "
        f"{fmt.number(values.median())}."
    )
