"""Classify indicators for choropleth maps: class breaks, colour-blind-safe palettes, legends.

Conventions shared by everything in this module:

- Classes are upper-inclusive, as in mapclassify: class ``i`` holds the values ``v`` with
  ``bins[i - 1] < v <= bins[i]`` (class 0 starts at the data minimum). Legend labels run from
  a class's smallest to its largest value, so neighbouring labels never share a number; manual
  classes say "meer dan a tot en met b".
- A class index of ``-1`` means "geen gegevens" (missing, NaN or infinite).
- Maps draw one ``choroplethmap`` trace with ``z`` = class index, ``zmin, zmax = z_range(...)``
  and ``colorscale = stepped_colorscale(...)``; see ``stepped_colorscale`` for the layout.

Palettes (all hex strings, chosen to stay apart under red-green colour blindness):

- Sequential: ColorBrewer YlOrRd (Cynthia Brewer, colorbrewer2.org, Apache 2.0), light = low,
  dark = high; ``reverse=True`` flips it for indicators where a low value is worse.
- Sequential high contrast (beamers): viridis (van der Walt & Smith, matplotlib), reversed so
  that dark is still high; every step changes both lightness and hue.
- Diverging, data on both sides of 0: ColorBrewer RdBu reversed, so negative is blue (cool) and
  positive (under-represented) is red (warm), lightest next to 0. Each side gets at most five
  classes, which is what RdBu offers per side. A manual class that straddles 0 is neutral grey.
- Diverging, data on one side of 0 only: the matching half as a ColorBrewer single-hue scheme,
  Reds for positive values and Blues for negative values (darkest farthest from 0).
- Bivariate: Joshua Stevens' purple-gold 3x3 scheme ("Bivariate Choropleth Maps: A How-to
  Guide", 2015; also d3's ``PuOr`` bivariate). Of Stevens' four schemes it keeps the nine cells
  furthest apart under simulated protanopia and deuteranopia, because its two hues lie on the
  blue-yellow axis that red-green colour blindness preserves.
- Missing values: a neutral mid-light grey (#c4c4c4) that is none of the class colours, and the
  legend always spells out "geen gegevens", so colour is never the only carrier.
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
import plotly.colors

from core import fmt

SCHEMES: dict[str, str] = {
    "quantiles": "Kwantielen (gelijke aantallen)",
    "equal_interval": "Gelijke intervallen",
    "fisher_jenks": "Natuurlijke grenzen (Fisher-Jenks)",
    "manual": "Eigen grenzen",
}

MIN_K = 3
MAX_K = 9
MISSING_COLOR = "#c4c4c4"
NEUTRAL_COLOR = "#f7f7f7"
MISSING_TEXT = "geen gegevens"
LEVELS: tuple[str, str, str] = ("laag", "midden", "hoog")

# A diverging ColorBrewer scheme has at most five distinguishable steps on either side of 0.
_MAX_PER_SIDE = 5

_CLASSIFIERS = {
    "quantiles": mapclassify.Quantiles,
    "equal_interval": mapclassify.EqualInterval,
    "fisher_jenks": mapclassify.FisherJenks,
}

# ColorBrewer sequential schemes, light to dark, per number of classes.
_YLORRD: dict[int, list[str]] = {
    3: ["#ffeda0", "#feb24c", "#f03b20"],
    4: ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"],
    5: ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    6: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"],
    7: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
    8: ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
    9: [
        "#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
        "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
    ],
}  # fmt: skip
_REDS: dict[int, list[str]] = {
    3: ["#fee0d2", "#fc9272", "#de2d26"],
    4: ["#fee5d9", "#fcae91", "#fb6a4a", "#cb181d"],
    5: ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"],
    6: ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"],
    7: ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d"],
    8: ["#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d"],
    9: [
        "#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a",
        "#ef3b2c", "#cb181d", "#a50f15", "#67000d",
    ],
}  # fmt: skip
_BLUES: dict[int, list[str]] = {
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
    8: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
    9: [
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6",
        "#4292c6", "#2171b5", "#08519c", "#08306b",
    ],
}  # fmt: skip
# ColorBrewer RdBu with an even number of classes (no neutral), keyed by classes per side and
# listed red (far) to blue (far). One per side is the outer pair of RdBu-3.
_RDBU_EVEN: dict[int, list[str]] = {
    1: ["#ef8a62", "#67a9cf"],
    2: ["#ca0020", "#f4a582", "#92c5de", "#0571b0"],
    3: ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"],
    4: ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"],
    5: [
        "#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7",
        "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061",
    ],
}  # fmt: skip
# RdBu-11 sides from the neutral centre outwards, used to sample the high-contrast ramps.
_RED_SIDE = ["#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"]
_BLUE_SIDE = ["#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"]
# High-contrast ramps skip the pale tints next to the centre, which a beamer washes out.
_HIGH_CONTRAST_START = 0.3

# Stevens' purple-gold bivariate scheme, indexed by 3 * y_class + x_class:
# x runs light grey -> purple, y runs light grey -> gold, both high is dark brown.
BIVARIATE_COLORS: tuple[str, ...] = (
    "#e8e8e8", "#cbb8d7", "#9972af",
    "#e4d9ac", "#c8ada0", "#976b82",
    "#c8b35a", "#af8e53", "#804d36",
)  # fmt: skip


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


@dataclasses.dataclass(frozen=True)
class Bivariate:
    """Two indicators in 3 x 3 tercile classes for a bivariate map and its 2-D legend."""

    k: int
    x_classes: pd.Series
    y_classes: pd.Series
    classes: pd.Series
    x_bins: list[float]
    y_bins: list[float]
    x_lower: float | None
    y_lower: float | None
    x_ranges: list[str]
    y_ranges: list[str]
    levels: list[str]
    counts: list[list[int]]
    missing_count: int
    missing_label: str
    colors: list[str]
    missing_color: str
    note: str | None


def for_indicator(
    values: pd.Series, item: object, scheme: str = "quantiles", k: int = 5, **options: object
) -> Classification:
    """classify() with the palette an indicator asks for: centred on 0 when it is diverging,
    reversed when a low value is worse. `item` is a catalogue.Indicator (or has those fields)."""
    return classify(
        values,
        scheme=scheme,
        k=k,
        diverging=item.diverging,
        reverse=item.higher_is_worse is False,
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
) -> Classification:
    """Divide values into classes with colours and Dutch legend labels.

    ``manual_breaks`` (only read for ``scheme="manual"``) are the 2 to 8 boundaries between
    classes, giving 3 to 9 classes; a value on a boundary belongs to the lower class.
    ``diverging`` centres the palette on 0 (0 becomes a class boundary when the data has both
    signs); ``reverse`` marks indicators where a low value is worse (for diverging ones: where a
    negative value is the warm side); ``high_contrast`` picks stronger colour steps for beamers.
    """
    if scheme not in SCHEMES:
        choices = ", ".join(SCHEMES)
        raise ValueError(f"Onbekende indeling '{scheme}'; kies uit: {choices}.")
    _check_k(k)
    breaks = _check_breaks(manual_breaks) if scheme == "manual" else None

    as_float = _as_float(values)
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
            missing_color=MISSING_COLOR,
            decimals=0,
            diverging=diverging,
            note="Er zijn voor geen enkele gemeente gegevens; de kaart is helemaal grijs.",
        )

    lower = float(data.min())
    upper = float(data.max())
    notes: list[str] = []
    if breaks is not None:
        # The top class always reaches the data maximum; when no value lies above the last
        # boundary it stays empty but keeps its legend entry, so the legend matches the input.
        bins = [*breaks, max(upper, breaks[-1])]
        single = [False] * len(bins)
        requested = len(bins)
    elif diverging and lower < 0 < upper:
        bins, single = _diverging_bins(data, scheme, k)
        requested = k
    else:
        bins, single = _scheme_bins(data, scheme, k)
        requested = k

    classes_valid = _assign(data, bins)
    counts = np.bincount(classes_valid, minlength=len(bins)).tolist()
    classes = np.full(len(as_float), -1, dtype="int64")
    classes[valid] = classes_valid

    n_classes = len(bins)
    if n_classes < requested:
        n_unique = len(np.unique(data))
        if n_unique <= requested:
            notes.append(
                f"De gegevens hebben maar {n_unique} verschillende "
                f"{'waarde' if n_unique == 1 else 'waarden'}; daarom {n_classes} "
                f"{'klasse' if n_classes == 1 else 'klassen'} in plaats van {requested}."
            )
        else:
            notes.append(
                f"Door gelijke waarden vallen klassengrenzen samen; daarom {n_classes} "
                f"klassen in plaats van {requested}."
            )

    if breaks is None:
        # Each class's label starts at its own smallest value, so that two classes never show
        # the same boundary ("−3,2 (1)" then "−3,2 – 16,6" read as overlapping, issue 17).
        lows = _class_lows(data, classes_valid, bins, lower)
    else:
        lows = [min(lower, bins[0]), *bins[:-1]]
    decimals = _decimals([*lows, *bins], upper - lower)
    range_labels = _range_labels(lows, bins, single, decimals, open_ends=breaks is not None)
    labels = [f"{text} ({fmt.number(n)})" for text, n in zip(range_labels, counts, strict=True)]

    sides = _sides(lows, bins, single) if diverging else None
    straddling = [i for i, (low, high) in enumerate(zip(lows, bins, strict=True)) if low < 0 < high]
    if diverging and straddling:
        where = range_labels[straddling[0]]
        notes.append(f"0 is geen klassengrens; de klasse {where} rond 0 is neutraal gekleurd.")
    if sides is None:
        colors = _sequential(n_classes, reverse=reverse, high_contrast=high_contrast)
    else:
        colors = _diverging_colors(sides, reverse=reverse, high_contrast=high_contrast)

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
        missing_color=MISSING_COLOR,
        decimals=decimals,
        diverging=diverging,
        note=" ".join(notes) or None,
    )


def bivariate(x: pd.Series, y: pd.Series, k: int = 3) -> Bivariate:
    """Cross two indicators in terciles: per gemeente an (x, y) class pair and one of 9 colours.

    Tercile breaks are mapclassify quantiles over the gemeenten that have both values, so every
    row and column of the 2-D legend holds about a third of the coloured gemeenten. The combined
    class is ``3 * y_class + x_class`` (0 = both low, 8 = both high), -1 when either is missing;
    ``counts[y_class][x_class]`` and ``colors[combined]`` follow the same layout.
    """
    if isinstance(k, bool) or k != 3:
        raise ValueError(f"Een bivariate kaart heeft altijd 3 × 3 klassen; k = {k} kan niet.")
    if not x.index.equals(y.index):
        x, y = x.align(y, join="outer")
    xs = _as_float(x).to_numpy()
    ys = _as_float(y).to_numpy()
    both = np.isfinite(xs) & np.isfinite(ys)
    missing_count = int((~both).sum())

    x_classes = np.full(len(xs), -1, dtype="int64")
    y_classes = np.full(len(ys), -1, dtype="int64")
    axes: list[tuple[list[float], float | None, list[str]]] = []
    notes: list[str] = []
    for axis, raw, out in (("x", xs, x_classes), ("y", ys, y_classes)):
        data = raw[both]
        if data.size == 0:
            axes.append(([], None, ["", "", ""]))
            continue
        bins, single = _scheme_bins(data, "quantiles", k)
        # With fewer than three classes, spread them over the levels (two -> low and high,
        # one -> middle) so the colours still say "low" and "high" where they should.
        level_of = {1: [1], 2: [0, 2], 3: [0, 1, 2]}[len(bins)]
        out[both] = np.asarray(level_of)[_assign(data, bins)]
        lower = float(data.min())
        lows = _class_lows(data, _assign(data, bins), bins, lower)
        decimals = _decimals([*lows, *bins], float(data.max()) - lower)
        texts = _range_labels(lows, bins, single, decimals, open_ends=False)
        ranges = ["", "", ""]
        for level, text in zip(level_of, texts, strict=True):
            ranges[level] = text
        axes.append(([float(b) for b in bins], lower, ranges))
        if len(bins) < k:
            notes.append(
                f"De {axis}-as heeft te weinig verschillende waarden voor drie klassen; "
                f"{len(bins)} {'klasse' if len(bins) == 1 else 'klassen'} gebruikt."
            )
    if not both.any():
        notes.append("Geen enkele gemeente heeft beide waarden; de kaart is helemaal grijs.")

    combined = np.where(both, 3 * y_classes + x_classes, -1)
    counts = [[0] * 3 for _ in range(3)]
    for xc, yc in zip(x_classes[both], y_classes[both], strict=True):
        counts[int(yc)][int(xc)] += 1

    (x_bins, x_lower, x_ranges), (y_bins, y_lower, y_ranges) = axes
    return Bivariate(
        k=k,
        x_classes=pd.Series(x_classes, index=x.index, name=x.name),
        y_classes=pd.Series(y_classes, index=y.index, name=y.name),
        classes=pd.Series(combined, index=x.index, name="klasse"),
        x_bins=x_bins,
        y_bins=y_bins,
        x_lower=x_lower,
        y_lower=y_lower,
        x_ranges=x_ranges,
        y_ranges=y_ranges,
        levels=list(LEVELS),
        counts=counts,
        missing_count=missing_count,
        missing_label=f"{MISSING_TEXT} ({fmt.number(missing_count)})",
        colors=list(BIVARIATE_COLORS),
        missing_color=MISSING_COLOR,
        note=" ".join(notes) or None,
    )


def z_range(classification: Classification | Bivariate) -> tuple[float, float]:
    """The zmin and zmax that go with ``stepped_colorscale`` when z is the class index."""
    return -1.5, len(classification.colors) - 0.5


def stepped_colorscale(classification: Classification | Bivariate) -> list[tuple[float, str]]:
    """A plotly colourscale with one flat step per class, the missing colour first.

    Use it with ``z`` = class index (-1 for missing) and ``zmin, zmax = z_range(...)``, i.e.
    -1.5 and n - 0.5: each of the n + 1 integer values -1 .. n - 1 then sits in the middle of
    its own step of width 1 / (n + 1), so one trace draws every class in its exact colour.
    """
    steps = [classification.missing_color, *classification.colors]
    width = 1 / len(steps)
    scale: list[tuple[float, str]] = []
    for i, color in enumerate(steps):
        scale.append((i * width, color))
        scale.append((1.0 if i == len(steps) - 1 else (i + 1) * width, color))
    return scale


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


def _as_float(values: pd.Series) -> pd.Series:
    """The values as float64, with NaN for missing and infinite entries."""
    try:
        numeric = pd.to_numeric(values, errors="raise")
    except (TypeError, ValueError) as err:
        raise ValueError("De waarden om in te delen moeten getallen zijn.") from err
    array = pd.Series(numeric, index=values.index).to_numpy(dtype="float64", na_value=np.nan)
    array = np.where(np.isfinite(array), array, np.nan)
    return pd.Series(array, index=values.index, name=values.name)


def _scheme_bins(data: np.ndarray, scheme: str, k: int) -> tuple[list[float], list[bool]]:
    """Upper bounds from a mapclassify scheme, and per class whether it is one exact value."""
    unique = np.unique(data)
    if len(unique) <= k:
        # Too few distinct values for the scheme: each value is a class of its own.
        return [float(v) for v in unique], [True] * len(unique)
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
        counts = np.bincount(_assign(data, bins), minlength=len(bins))
        bins = [b for b, n in zip(bins, counts, strict=True) if n > 0]
    return bins, [False] * len(bins)


def _diverging_bins(data: np.ndarray, scheme: str, k: int) -> tuple[list[float], list[bool]]:
    """Classify each side of 0 on its own so that 0 is a class boundary."""
    negative = data[data <= 0]
    positive = data[data > 0]
    if scheme == "equal_interval":
        # Share classes by extent, so the intervals on both sides are about equally wide.
        share = -float(data.min()) / (float(data.max()) - float(data.min()))
    else:
        share = len(negative) / len(data)
    n_negative = min(max(round(k * share), max(1, k - _MAX_PER_SIDE)), min(_MAX_PER_SIDE, k - 1))
    n_positive = k - n_negative

    if scheme == "equal_interval":
        # Intervals run from the minimum up to 0 and from 0 up to the maximum.
        neg_bins, neg_single = _scheme_bins(np.append(negative, 0.0), scheme, n_negative)
        pos_bins, pos_single = _scheme_bins(np.append(positive, 0.0), scheme, n_positive)
        if pos_single[0] and pos_bins[0] == 0.0:
            pos_bins, pos_single = pos_bins[1:], pos_single[1:]
        if neg_single[-1] and negative.max() < 0:
            # The anchor 0 became an exact class of its own without any value in it.
            neg_bins, neg_single = neg_bins[:-1], neg_single[:-1]
    else:
        neg_bins, neg_single = _scheme_bins(negative, scheme, n_negative)
        pos_bins, pos_single = _scheme_bins(positive, scheme, n_positive)
    if not neg_single[-1]:
        neg_bins[-1] = 0.0
    return [*neg_bins, *pos_bins], [*neg_single, *pos_single]


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


def _assign(data: np.ndarray, bins: list[float]) -> np.ndarray:
    """Class index per value for upper-inclusive bins."""
    return np.minimum(np.searchsorted(bins, data, side="left"), len(bins) - 1).astype("int64")


def _class_lows(
    data: np.ndarray, classes: np.ndarray, bins: list[float], lower: float
) -> list[float]:
    """Per class its smallest value (the previous bound for an empty class)."""
    lows = []
    for i in range(len(bins)):
        members = data[classes == i]
        lows.append(float(members.min()) if members.size else (lower if i == 0 else bins[i - 1]))
    return lows


def _decimals(bounds: list[float], extent: float) -> int:
    """Decimals for legend bounds: few for wide ranges, enough to keep bounds apart."""
    if all(float(b).is_integer() for b in bounds):
        return 0
    scale = extent or max(abs(b) for b in bounds)
    base = 0 if scale >= 100 else max(1, 1 - math.floor(math.log10(scale)))
    distinct = len(set(bounds))
    for decimals in range(base, 7):
        if len({round(b, decimals) for b in bounds}) == distinct:
            return decimals
    return 6


def _format_bound(value: float, decimals: int) -> str:
    """A Dutch number with a true minus sign and no '-0'."""
    text = fmt.number(value, decimals)
    if text.startswith("-"):
        digits = text[1:]
        text = digits if set(digits) <= {"0", ",", "."} else f"−{digits}"
    return text


def _range_labels(
    lows: list[float], bins: list[float], single: list[bool], decimals: int, open_ends: bool
) -> list[str]:
    texts = []
    last = len(bins) - 1
    for i, (low, high, one) in enumerate(zip(lows, bins, single, strict=True)):
        if one or (not open_ends and _format_bound(low, decimals) == _format_bound(high, decimals)):
            texts.append(_format_bound(high, decimals))
        elif open_ends and i == 0:
            texts.append(f"tot en met {_format_bound(high, decimals)}")
        elif open_ends and i == last:
            texts.append(f"meer dan {_format_bound(low, decimals)}")
        elif open_ends:
            # A manual boundary belongs to the lower class: say so, so neighbours do not overlap.
            texts.append(
                f"meer dan {_format_bound(low, decimals)} tot en met {_format_bound(high, decimals)}"
            )
        else:
            texts.append(f"{_format_bound(low, decimals)} – {_format_bound(high, decimals)}")
    return texts


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


def _ramp(scheme: dict[int, list[str]], n: int) -> list[str]:
    """n colours light to dark from a ColorBrewer scheme defined for 3 to 9 classes."""
    if n >= 3:
        return list(scheme[n])
    return [scheme[3][1]] if n == 1 else [scheme[3][0], scheme[3][2]]


def _sequential(n: int, reverse: bool, high_contrast: bool) -> list[str]:
    if high_contrast:
        # Viridis runs dark to light; sample it light to dark so that dark still means high.
        positions = [0.5] if n == 1 else [1 - i / (n - 1) for i in range(n)]
        colors = _sample(list(plotly.colors.sequential.Viridis), positions)
    else:
        colors = _ramp(_YLORRD, n)
    return colors[::-1] if reverse else colors


def _side_ramps(n_cool: int, n_warm: int, high_contrast: bool) -> tuple[list[str], list[str]]:
    """Blue and red ramps from the centre outwards, matched in lightness when both are used."""
    if high_contrast:
        m = max(n_cool, n_warm)
        span = 1 - _HIGH_CONTRAST_START
        steps = [i / (m - 1) for i in range(m)] if m > 1 else [1.0]
        positions = [_HIGH_CONTRAST_START + span * step for step in steps]
        return _sample(_BLUE_SIDE, positions), _sample(_RED_SIDE, positions)
    if n_cool == 0:
        return [], _ramp(_REDS, n_warm)
    if n_warm == 0:
        return _ramp(_BLUES, n_cool), []
    m = max(n_cool, n_warm)
    if m <= _MAX_PER_SIDE:
        full = _RDBU_EVEN[m]
        return full[m:], full[:m][::-1]
    return _ramp(_BLUES, m), _ramp(_REDS, m)


def _diverging_colors(sides: list[int], reverse: bool, high_contrast: bool) -> list[str]:
    negative = sides.count(-1)
    positive = sides.count(1)
    # Positive values are warm by default (under-represented); reverse swaps the hues.
    n_cool, n_warm = (positive, negative) if reverse else (negative, positive)
    cool, warm = _side_ramps(n_cool, n_warm, high_contrast)
    below, above = (warm, cool) if reverse else (cool, warm)
    colors = []
    for i, side in enumerate(sides):
        if side < 0:
            # The class just below 0 is the lightest; farther down gets darker.
            colors.append(below[negative - 1 - i])
        elif side > 0:
            colors.append(above[i - (len(sides) - positive)])
        else:
            colors.append(NEUTRAL_COLOR)
    return colors


def _sample(colors: list[str], positions: list[float]) -> list[str]:
    """Hex colours at positions 0..1 along evenly spaced colour stops."""
    stops = [plotly.colors.hex_to_rgb(c) for c in colors]
    out = []
    for position in positions:
        where = min(max(position, 0.0), 1.0) * (len(stops) - 1)
        i = min(int(where), len(stops) - 2)
        t = where - i
        rgb = [round(a + (b - a) * t) for a, b in zip(stops[i], stops[i + 1], strict=True)]
        out.append("#{:02x}{:02x}{:02x}".format(*rgb))
    return out
