"""Classify indicators for choropleth maps: class breaks (labels: class_labels; colours: palettes).

Conventions shared by classify, bivariate and palettes:

- Classes are upper-inclusive, as in mapclassify: class ``i`` holds the values ``v`` with
  ``bins[i - 1] < v <= bins[i]`` (class 0 starts at the data minimum). Legend labels run from
  a class's smallest to its largest value, so neighbouring labels never share a number; manual
  classes say "meer dan a tot en met b". With the indicator's own precision (``decimals``, as
  ``for_indicator`` passes it) the values are classified as they are shown, rounded, and the
  automatic classes read "tot 5,3", "5,3 tot 6,4", "vanaf 8,7": every bound at that precision,
  each class starting where the one before it ends.
- Diverging indicators (changes) are classified on each side of 0 apart; values of exactly 0
  (as shown) form a neutral class of their own, so "no change" is neither "more" nor "less".
  Labels: class_labels.
- A class index of ``-1`` means "geen gegevens" (missing, NaN or infinite).
- Maps draw one ``choroplethmap`` trace with ``z`` = class index,
  ``zmin, zmax = palettes.z_range(...)`` and ``colorscale = palettes.stepped_colorscale(...)``;
  see ``stepped_colorscale`` for the layout.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import warnings
from collections.abc import Sequence

import mapclassify
import numpy as np
import pandas as pd

from core import class_labels, fmt, palettes

SCHEMES: dict[str, str] = {
    "quantiles": "Kwantielen (gelijke aantallen)",
    "equal_interval": "Gelijke intervallen",
    "fisher_jenks": "Natuurlijke grenzen (Fisher-Jenks)",
    "manual": "Eigen grenzen",
}

MIN_K = 3
MAX_K = 9
MISSING_TEXT = "geen gegevens"

_CLASSIFIERS = {
    "quantiles": mapclassify.Quantiles,
    "equal_interval": mapclassify.EqualInterval,
    "fisher_jenks": mapclassify.FisherJenks,
}


@dataclasses.dataclass(frozen=True)
class Classification:
    """Classes, legend and colours for one indicator on a choropleth map."""

    scheme: str
    k: int
    bins: list[float]
    lower: float | None
    classes: pd.Series
    counts: list[int]
    missing_count: int
    labels: list[str]
    range_labels: list[str]
    missing_label: str
    colors: list[str]
    missing_color: str
    decimals: int
    diverging: bool
    note: str | None


def for_indicator(
    values: pd.Series, item: object, scheme: str = "quantiles", k: int = 5, **options: object
) -> Classification:
    """classify() with the palette an indicator asks for: centred on 0 when it is diverging,
    reversed when a low value is worse. `item` is an indicator_meta.Indicator (or has its
    fields)."""
    return classify(
        values,
        scheme=scheme,
        k=k,
        diverging=item.diverging,
        reverse=item.higher_is_worse is False,
        decimals=getattr(item, "decimals", None),
        **options,
    )


def classify(
    values: pd.Series,
    scheme: str = "quantiles",
    k: int = 5,
    manual_breaks: Sequence[float] | None = None,
    diverging: bool = False,
    reverse: bool = False,
    high_contrast: bool = False,
    decimals: int | None = None,
) -> Classification:
    """Divide values into classes with colours and Dutch legend labels.

    ``manual_breaks`` (only read for ``scheme="manual"``) are the 2 to 8 boundaries between
    classes, giving 3 to 9 classes; a value on a boundary belongs to the lower class.
    ``diverging`` centres the palette on 0 (0 becomes a class boundary when the data has both
    signs); ``reverse`` marks indicators where a low value is worse (for diverging ones: where a
    negative value is the warm side); ``high_contrast`` picks stronger colour steps for beamers.
    ``decimals`` is the precision the values are shown with: automatic classes are then made
    from the shown (rounded) values and labelled at that precision with "tot"/"vanaf".
    """
    if scheme not in SCHEMES:
        choices = ", ".join(SCHEMES)
        raise ValueError(f"Onbekende indeling '{scheme}'; kies uit: {choices}.")
    _check_k(k)
    breaks = _check_breaks(manual_breaks) if scheme == "manual" else None

    as_float = float_values(values)
    if decimals is not None:
        as_float = as_shown(as_float, decimals)
    valid = np.isfinite(as_float.to_numpy())
    data = as_float.to_numpy()[valid]
    missing_count = int((~valid).sum())
    missing_label = f"{MISSING_TEXT} ({fmt.number(missing_count)})"

    if data.size == 0:
        return Classification(
            scheme=scheme,
            k=0,
            bins=[],
            lower=None,
            classes=pd.Series(-1, index=values.index, name=values.name, dtype="int64"),
            counts=[],
            missing_count=missing_count,
            labels=[],
            range_labels=[],
            missing_label=missing_label,
            colors=[],
            missing_color=palettes.MISSING_COLOR,
            decimals=0,
            diverging=diverging,
            note="Er zijn voor geen enkele gemeente gegevens; de kaart is helemaal grijs.",
        )

    lower = float(data.min())
    upper = float(data.max())
    notes: list[str] = []
    zero_class = False
    if breaks is not None:
        # The top class always reaches the data maximum; when no value lies above the last
        # boundary it stays empty but keeps its legend entry, so the legend matches the input.
        bins = [*breaks, max(upper, breaks[-1])]
        single = [False] * len(bins)
        requested = len(bins)
    elif diverging and lower < 0 < upper:
        bins, single = _diverging_bins(data, scheme, k)
        requested = k
        zero_class = bool((data == 0).any())
    else:
        bins, single = scheme_bins(data, scheme, k)
        requested = k

    classes_valid = assign(data, bins)
    counts = np.bincount(classes_valid, minlength=len(bins)).tolist()
    classes = np.full(len(as_float), -1, dtype="int64")
    classes[valid] = classes_valid

    n_classes = len(bins)
    made = n_classes - zero_class  # the class of exactly 0 comes on top of the k asked for
    if made < requested:
        besides = " (naast de klasse van precies 0)" if zero_class else ""
        n_unique = len(np.unique(data[data != 0] if zero_class else data))
        if n_unique <= requested:
            notes.append(
                f"De gegevens hebben maar {n_unique} verschillende "
                f"{'waarde' if n_unique == 1 else 'waarden'}; daarom {made} "
                f"{'klasse' if made == 1 else 'klassen'} in plaats van {requested}{besides}."
            )
        else:
            notes.append(
                f"Door gelijke waarden vallen klassengrenzen samen; daarom {made} "
                f"klassen in plaats van {requested}{besides}."
            )

    if breaks is None:
        # Each class's label starts at its own smallest value, so that two classes never show
        # the same boundary ("−3,2 (1)" then "−3,2 – 16,6" read as overlapping, issue 17).
        lows = class_lows(data, classes_valid, bins, lower)
    else:
        lows = [min(lower, bins[0]), *bins[:-1]]
    if breaks is not None:
        # The user's own boundaries, shown exactly (7,25 stays 7,25), and at least at the
        # indicator's precision; the data's extremes are not shown, so they do not count.
        decimals = max(decimals or 0, *(class_labels.exact_decimals(b) for b in breaks))
        range_labels = class_labels.range_texts(lows, bins, single, decimals, open_ends=True)
    elif decimals is not None:
        range_labels = class_labels.step_texts(data, classes_valid, bins, single, decimals)
    else:
        decimals = class_labels.label_decimals([*lows, *bins], upper - lower)
        range_labels = class_labels.range_texts(lows, bins, single, decimals, open_ends=False)
    labels = [f"{text} ({fmt.number(n)})" for text, n in zip(range_labels, counts, strict=True)]

    sides = _sides(lows, bins, single) if diverging else None
    straddling = [i for i, (low, high) in enumerate(zip(lows, bins, strict=True)) if low < 0 < high]
    if diverging and straddling:
        where = range_labels[straddling[0]]
        notes.append(f"0 is geen klassengrens; de klasse {where} rond 0 is neutraal gekleurd.")
    if sides is None:
        colors = palettes.sequential(n_classes, reverse=reverse, high_contrast=high_contrast)
    else:
        colors = palettes.diverging(sides, reverse=reverse, high_contrast=high_contrast)

    return Classification(
        scheme=scheme,
        k=n_classes,
        bins=[float(b) for b in bins],
        lower=lower,
        classes=pd.Series(classes, index=values.index, name=values.name),
        counts=[int(n) for n in counts],
        missing_count=missing_count,
        labels=labels,
        range_labels=range_labels,
        missing_label=missing_label,
        colors=colors,
        missing_color=palettes.MISSING_COLOR,
        decimals=decimals,
        diverging=diverging,
        note=" ".join(notes) or None,
    )


def legend_rows(classification: Classification) -> list[dict]:
    """Rows for a legend table: one per class, then the missing values."""
    rows = [
        {"class": i, "color": color, "label": label, "range": text, "count": count}
        for i, (color, label, text, count) in enumerate(
            zip(
                classification.colors,
                classification.labels,
                classification.range_labels,
                classification.counts,
                strict=True,
            )
        )
    ]
    rows.append(
        {
            "class": -1,
            "color": classification.missing_color,
            "label": classification.missing_label,
            "range": MISSING_TEXT,
            "count": classification.missing_count,
        }
    )
    return rows


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or not MIN_K <= k <= MAX_K:
        raise ValueError(
            f"Het aantal klassen moet een geheel getal tussen {MIN_K} en {MAX_K} zijn; "
            f"gekozen: {k}."
        )


def _check_breaks(manual_breaks: Sequence[float] | None) -> list[float]:
    if manual_breaks is None or len(manual_breaks) == 0:
        raise ValueError("Geef voor eigen grenzen 2 tot 8 grenzen op (3 tot 9 klassen).")
    breaks: list[float] = []
    for b in manual_breaks:
        if isinstance(b, bool) or not isinstance(b, numbers.Real) or not math.isfinite(b):
            raise ValueError(f"De grens {b!r} is geen getal; geef alleen getallen op.")
        breaks.append(float(b))
    if not MIN_K - 1 <= len(breaks) <= MAX_K - 1:
        raise ValueError(
            f"Geef 2 tot 8 grenzen op (3 tot 9 klassen); nu zijn het er {len(breaks)}."
        )
    if any(a >= b for a, b in zip(breaks, breaks[1:], strict=False)):
        shown = ", ".join(fmt.number(b, 2).rstrip("0").rstrip(",") for b in breaks)
        raise ValueError(f"De grenzen moeten van laag naar hoog oplopen, zonder dubbele: {shown}.")
    return breaks


def float_values(values: pd.Series) -> pd.Series:
    """The values as float64, with NaN for missing and infinite entries."""
    try:
        numeric = pd.to_numeric(values, errors="raise")
    except (TypeError, ValueError) as err:
        raise ValueError("De waarden om in te delen moeten getallen zijn.") from err
    array = pd.Series(numeric, index=values.index).to_numpy(dtype="float64", na_value=np.nan)
    array = np.where(np.isfinite(array), array, np.nan)
    return pd.Series(array, index=values.index, name=values.name)


_HUGE = 1e15  # Fisher-Jenks sums squares in float32 (max 3.4e38)


def scheme_bins(data: np.ndarray, scheme: str, k: int) -> tuple[list[float], list[bool]]:
    """Upper bounds from a mapclassify scheme, and per class whether it is one exact value."""
    unique = np.unique(data)
    if len(unique) <= k:
        # Too few distinct values for the scheme: each value is a class of its own.
        return [float(v) for v in unique], [True] * len(unique)
    largest = max(abs(float(unique[0])), abs(float(unique[-1])))
    if largest > _HUGE:
        # Values up to ±1.8e308: their range or the scheme's steps overflow (mapclassify then
        # fails with numpy's "arange: cannot compute length"; Fisher-Jenks works in float32).
        # Scaled by a power of two the arithmetic fits and stays exact; the bounds scale back.
        power = math.ceil(math.log2(largest / _HUGE))
        scaled, single = scheme_bins(data * 2.0**-power, scheme, k)
        return [b * 2.0**power for b in scaled], single
    if k == 1:
        return [float(unique[-1])], [False]
    with warnings.catch_warnings():
        # mapclassify warns when it lowers k for ties and when numba is absent; both are
        # handled here (the note reports fewer classes), so the warnings are noise.
        warnings.simplefilter("ignore", UserWarning)
        result = _CLASSIFIERS[scheme](data, k=k)
    bins = _snap([float(b) for b in result.bins], unique)
    # The last bound is the maximum by definition; pin it so float drift cannot leave it out.
    bins[-1] = float(unique[-1])
    if scheme == "quantiles":
        # Interpolated quantiles can fall between the same two data values when there are many
        # ties; an empty quantile class says nothing, so merge it into the next one.
        counts = np.bincount(assign(data, bins), minlength=len(bins))
        bins = [b for b, n in zip(bins, counts, strict=True) if n > 0]
    return bins, [False] * len(bins)


def _diverging_bins(data: np.ndarray, scheme: str, k: int) -> tuple[list[float], list[bool]]:
    """Classify each side of 0 on its own so that 0 is a class boundary. Values of exactly 0
    get a neutral class of their own besides the k, like "geen gegevens": "no change" is
    neither less nor more, and the sides keep the classes asked for."""
    if (data == 0).any():
        neg_bins, neg_single, pos_bins, pos_single = _side_bins(data[data != 0], scheme, k)
        top = float(data[data < 0].max())
        # The negative side ends at its own largest value, below the class of 0.
        pairs = zip(neg_bins[:-1], neg_single[:-1], strict=True)
        kept = [(b, one) for b, one in pairs if b < top]
        neg_bins = [*(b for b, _ in kept), top]
        neg_single = [*(one for _, one in kept), neg_single[-1]]
        return [*neg_bins, 0.0, *pos_bins], [*neg_single, True, *pos_single]
    neg_bins, neg_single, pos_bins, pos_single = _side_bins(data, scheme, k)
    if not neg_single[-1]:
        neg_bins[-1] = 0.0
    return [*neg_bins, *pos_bins], [*neg_single, *pos_single]


def _side_bins(
    data: np.ndarray, scheme: str, k: int
) -> tuple[list[float], list[bool], list[float], list[bool]]:
    """k classes shared out over the values up to 0 and those above it, each side on its own."""
    negative = data[data <= 0]
    positive = data[data > 0]
    if scheme == "equal_interval":
        # Share classes by extent, so the intervals on both sides are about equally wide.
        share = -float(data.min()) / (float(data.max()) - float(data.min()))
    else:
        share = len(negative) / len(data)
    n_negative = min(
        max(round(k * share), max(1, k - palettes.MAX_PER_SIDE)), min(palettes.MAX_PER_SIDE, k - 1)
    )
    n_positive = k - n_negative

    if scheme == "equal_interval":
        # Intervals run from the minimum up to 0 and from 0 up to the maximum.
        neg_bins, neg_single = scheme_bins(np.append(negative, 0.0), scheme, n_negative)
        pos_bins, pos_single = scheme_bins(np.append(positive, 0.0), scheme, n_positive)
        if pos_single[0] and pos_bins[0] == 0.0:
            pos_bins, pos_single = pos_bins[1:], pos_single[1:]
        if neg_single[-1] and negative.max() < 0:
            # The anchor 0 became an exact class of its own without any value in it.
            neg_bins, neg_single = neg_bins[:-1], neg_single[:-1]
    else:
        neg_bins, neg_single = scheme_bins(negative, scheme, n_negative)
        pos_bins, pos_single = scheme_bins(positive, scheme, n_positive)
    return neg_bins, neg_single, pos_bins, pos_single


def _snap(bins: list[float], unique: np.ndarray) -> list[float]:
    """Move bounds that miss a data value by float noise onto that value, dropping duplicates.

    mapclassify computes bounds such as 3.0000000000000004 for a value of exactly 3; left alone,
    that value would fall in the wrong class and the quantile classes around it could be empty.
    """
    values = np.asarray(unique, dtype="float64")
    tolerance = 1e-9 * max(float(values[-1] - values[0]), float(np.abs(values).max()), 1e-300)
    snapped: list[float] = []
    for bound in bins:
        nearest = float(values[np.abs(values - bound).argmin()])
        value = nearest if abs(nearest - bound) <= tolerance else bound
        if not snapped or value > snapped[-1]:
            snapped.append(value)
    return snapped


def assign(data: np.ndarray, bins: list[float]) -> np.ndarray:
    """Class index per value for upper-inclusive bins."""
    return np.minimum(np.searchsorted(bins, data, side="left"), len(bins) - 1).astype("int64")


def class_lows(
    data: np.ndarray, classes: np.ndarray, bins: list[float], lower: float
) -> list[float]:
    """Per class its smallest value (the previous bound for an empty class)."""
    lows = []
    for i in range(len(bins)):
        members = data[classes == i]
        lows.append(float(members.min()) if members.size else (lower if i == 0 else bins[i - 1]))
    return lows


def as_shown(values: pd.Series, decimals: int) -> pd.Series:
    """The values rounded as fmt.number shows them (Python's own rounding of the float)."""
    rounded = [float(f"{v:.{decimals}f}") if np.isfinite(v) else np.nan for v in values]
    return pd.Series(rounded, index=values.index, name=values.name, dtype="float64")


def _sides(lows: list[float], bins: list[float], single: list[bool]) -> list[int]:
    """Per class: -1 below 0, +1 above 0, 0 when the class straddles 0 or is exactly 0."""
    sides = []
    for low, high, one in zip(lows, bins, single, strict=True):
        if one and high == 0:
            sides.append(0)
        elif high <= 0:
            sides.append(-1)
        elif low >= 0:
            sides.append(1)
        else:
            sides.append(0)
    return sides
