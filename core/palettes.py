"""Colours for choropleth maps: colour-blind-safe palettes and the stepped plotly colourscale.

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

from typing import Protocol

import plotly.colors

MISSING_COLOR = "#c4c4c4"
NEUTRAL_COLOR = "#f7f7f7"

# A diverging ColorBrewer scheme has at most five distinguishable steps on either side of 0.
MAX_PER_SIDE = 5

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


class Coloured(Protocol):
    """Classes drawn in colours: a classify.Classification or a bivariate.Bivariate."""

    @property
    def colors(self) -> list[str]: ...

    @property
    def missing_color(self) -> str: ...


def z_range(classification: Coloured) -> tuple[float, float]:
    """The zmin and zmax that go with ``stepped_colorscale`` when z is the class index."""
    return -1.5, len(classification.colors) - 0.5


def stepped_colorscale(classification: Coloured) -> list[tuple[float, str]]:
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


def _ramp(scheme: dict[int, list[str]], n: int) -> list[str]:
    """n colours light to dark from a ColorBrewer scheme defined for 3 to 9 classes."""
    if n >= 3:
        return list(scheme[n])
    return [scheme[3][1]] if n == 1 else [scheme[3][0], scheme[3][2]]


def sequential(n: int, reverse: bool, high_contrast: bool) -> list[str]:
    """n class colours, light (low) to dark (high); reversed where a low value is worse."""
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
    if m <= MAX_PER_SIDE:
        full = _RDBU_EVEN[m]
        return full[m:], full[:m][::-1]
    return _ramp(_BLUES, m), _ramp(_REDS, m)


def diverging(sides: list[int], reverse: bool, high_contrast: bool) -> list[str]:
    """Class colours for classes below (-1) and above (+1) 0, neutral for a class at 0 (0)."""
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
