"""Legend labels of classes (the class breaks themselves: classify).

Automatic classes of rounded values read "tot 5,3", "5,3 tot 6,4", "vanaf 8,7" (step_texts);
manual ones "tot en met a", "meer dan a tot en met b", "meer dan b" (range_texts, open_ends);
numbers are Dutch, with a true minus sign and never "-0".
"""

from __future__ import annotations

import math

import numpy as np

from core import fmt


def label_decimals(bounds: list[float], extent: float) -> int:
    """Decimals for legend bounds: few for wide ranges, enough to keep bounds apart."""
    if all(float(b).is_integer() for b in bounds):
        return 0
    scale = extent or max(abs(b) for b in bounds)
    if not math.isfinite(scale):
        return 0
    base = 0 if scale >= 100 else max(1, 1 - math.floor(math.log10(scale)))
    distinct = len(set(bounds))
    for decimals in range(base, 7):
        if len({round(b, decimals) for b in bounds}) == distinct:
            return decimals
    return 6


def exact_decimals(value: float, most: int = 6) -> int:
    """The fewest decimals (up to `most`) that show `value` exactly."""
    tolerance = 1e-9 * max(1.0, abs(value))
    return next((d for d in range(most) if abs(round(value, d) - value) <= tolerance), most)


def _step_above(bound: float, decimals: int) -> float:
    """The first number at `decimals` precision above `bound`."""
    scale = 10**decimals
    return (math.floor(bound * scale + 1e-6) + 1) / scale


def step_texts(
    data: np.ndarray, classes: np.ndarray, bins: list[float], single: list[bool], decimals: int
) -> list[str]:
    """Labels of classes of rounded values: 'tot 5,3', '5,3 tot 6,4', 'vanaf 8,7', or the one
    value of a class that holds one ('7'). A class starts at its smallest value (an empty class
    just above the bound before it) and runs up to, not including, the next class's start."""
    starts, one_value = [], []
    for i in range(len(bins)):
        members = data[classes == i]
        if members.size:
            starts.append(float(members.min()))
            one_value.append(single[i] or float(members.min()) == float(members.max()))
        else:
            starts.append(_step_above(bins[i - 1], decimals) if i else bins[0])
            one_value.append(single[i])
    last = len(bins) - 1
    texts = []
    for i, high in enumerate(bins):
        if one_value[i]:
            texts.append(format_bound(starts[i], decimals))
        elif last == 0:
            texts.append(
                f"{format_bound(starts[0], decimals)} tot en met {format_bound(high, decimals)}"
            )
        elif i < last and high == 0.0 and starts[i + 1] > 0:
            # Ends at 0 (a diverging centre): holds 0, nothing above; "tot 0,03" would cross 0.
            zero = f"tot en met {format_bound(0.0, decimals)}"
            texts.append(zero if i == 0 else f"{format_bound(starts[i], decimals)} {zero}")
        elif i == 0:
            texts.append(f"tot {format_bound(starts[1], decimals)}")
        elif i == last:
            texts.append(f"vanaf {format_bound(starts[i], decimals)}")
        else:
            texts.append(
                f"{format_bound(starts[i], decimals)} tot {format_bound(starts[i + 1], decimals)}"
            )
    return texts


def format_bound(value: float, decimals: int) -> str:
    """A Dutch number with a true minus sign and no '-0'."""
    text = fmt.number(value, decimals)
    if text.startswith("-"):
        digits = text[1:]
        text = digits if set(digits) <= {"0", ",", "."} else f"−{digits}"
    return text


def range_texts(
    lows: list[float], bins: list[float], single: list[bool], decimals: int, open_ends: bool
) -> list[str]:
    texts = []
    last = len(bins) - 1
    for i, (low, high, one) in enumerate(zip(lows, bins, single, strict=True)):
        if one or (not open_ends and format_bound(low, decimals) == format_bound(high, decimals)):
            texts.append(format_bound(high, decimals))
        elif open_ends and i == 0:
            texts.append(f"tot en met {format_bound(high, decimals)}")
        elif open_ends and i == last:
            texts.append(f"meer dan {format_bound(low, decimals)}")
        elif open_ends:
            # A manual boundary belongs to the lower class: say so, so neighbours do not overlap.
            texts.append(
                f"meer dan {format_bound(low, decimals)} tot en met {format_bound(high, decimals)}"
            )
        else:
            texts.append(f"{format_bound(low, decimals)} – {format_bound(high, decimals)}")
    return texts
