"""Legends of the presentation maps, beside the map and sized in pixels.

The legend stands right of the map's plot area, in the figure's right margin, whose width is
fixed in pixels: the map takes whatever width is left, at any figure size (the stage on
screen, the offline pack, a picture of the slide), and a picture sized to the map's area
(static_map.picture_size) is filled by it. Widths are estimated from the texts at Arial's
average glyph width; the tests measure them in rendered pictures.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from core import safe

LEGEND_FONT = 24  # px
TEXT_COLOR = "#111111"
CHAR_WIDTH = 0.56  # Arial's average advance per font size, for digits and lower case
TITLE_WRAP = 30  # characters per line of a legend title
SWATCH_ROOM = 62  # px of a legend row before its text: padding, the swatch and a gap
GAP = 16  # px between the map and its legend, and after the legend

# The 3 x 3 grid of a bivariate map, in px from the right edge of the map.
CELL_W, CELL_H = 78, 62
Y_LABELS = 150  # px for the y classes' texts left of the grid
GRID_LEFT = GAP + Y_LABELS
BIVARIATE_WIDTH = GRID_LEFT + 3 * CELL_W + 2 * GAP
AXIS_WRAP = 24


def wrap(text: str, width: int = AXIS_WRAP) -> str:
    """Break a long label over lines (plotly text takes <br>), escaped."""
    return "<br>".join(safe.plotly(line) for line in textwrap.wrap(str(text), width))


def text_px(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def class_legend_width(labels: Sequence[str], title_lines: Sequence[str]) -> int:
    """The right margin a class legend needs: its longest row or title line, plus gaps."""
    rows = max((text_px(t, LEGEND_FONT) for t in labels), default=0.0) + SWATCH_ROOM
    title = max((text_px(t, LEGEND_FONT + 2) for t in title_lines), default=0.0) + 12
    return int(GAP + max(rows, title) + GAP)


def title_lines(label: str, unit: str, note: str = "") -> list[str]:
    """The legend title's lines: the label wrapped, the unit in brackets (left out when
    empty), and a note."""
    lines = textwrap.wrap(label, TITLE_WRAP) or [""]
    if unit.strip():
        lines.append(f"({unit})")
    if note:
        lines += textwrap.wrap(note, TITLE_WRAP)
    return lines


def _range_lines(text: str) -> str:
    """'5,5 tot 6,9' (or '2,7 – 4,9') over two lines, so that three of them fit under the grid's
    three cells; 'tot 5,5' and 'vanaf 6,9' stay on one."""
    for sep in (" tot ", " – "):
        low, found, high = str(text).partition(sep)
        if found and low:
            return f"{safe.plotly(low)}{sep.rstrip()}<br>{safe.plotly(high)}"
    return safe.plotly(text)


def bivariate_grid(
    colors: Sequence[str], axes: dict, extra: Sequence[tuple[str, str, str]] = ()
) -> tuple[list[dict], list[dict]]:
    """Shapes and annotations of the 3 x 3 legend (worse is up and to the right), placed in
    pixels right of the plot area from its top down: the y axis' title, the grid with counts
    in its cells, the x classes and the x axis' title, then `extra` rows (kind "fill" or
    "line", colour, text) for the grey of missing data and the basket's outline."""

    def at(dx: float, dy: float, text: str, **extra_: object) -> dict:
        return {
            "xref": "paper",
            "yref": "paper",
            "x": 1,
            "y": 1,
            "xshift": dx,
            "yshift": -dy,
            "text": text,
            "showarrow": False,
            "xanchor": "center",
            "yanchor": "middle",
            "font": {"size": LEGEND_FONT - 6, "color": TEXT_COLOR},
            **extra_,
        }

    def rect(x0: float, y0: float, x1: float, y1: float, **style: object) -> dict:
        return {
            "type": "rect",
            "xref": "paper",
            "yref": "paper",
            "xsizemode": "pixel",
            "ysizemode": "pixel",
            "xanchor": 1,
            "yanchor": 1,
            "x0": x0,
            "x1": x1,
            "y0": -y1,
            "y1": -y0,
            **style,
        }

    middle = GRID_LEFT + 1.5 * CELL_W
    title_lines = len(wrap(axes["y_label"]).split("<br>")) + 1
    grid_top = 8 + title_lines * (LEGEND_FONT - 4) * 1.25 + 10
    shapes, notes = [], []
    notes.append(
        at(
            middle,
            8,
            f"↑ {wrap(axes['y_label'])}<br><i>slechter naar boven</i>",
            yanchor="top",
            font={"size": LEGEND_FONT - 4, "color": TEXT_COLOR},
        )
    )
    for y in range(3):
        top = grid_top + (2 - y) * CELL_H
        for x in range(3):
            left = GRID_LEFT + x * CELL_W
            shapes.append(
                rect(
                    left,
                    top,
                    left + CELL_W,
                    top + CELL_H,
                    fillcolor=colors[3 * y + x],
                    line={"color": "white", "width": 2},
                )
            )
            notes.append(
                at(
                    left + CELL_W / 2,
                    top + CELL_H / 2,
                    str(axes["counts"][y][x]),
                    font={
                        "size": LEGEND_FONT,
                        "color": "white" if 3 * y + x == 8 else TEXT_COLOR,
                    },
                )
            )
        notes.append(
            at(GRID_LEFT - 8, top + CELL_H / 2, _range_lines(axes["y_ranges"][y]), xanchor="right")
        )
    below = grid_top + 3 * CELL_H + 6
    for x in range(3):
        notes.append(
            at(
                GRID_LEFT + (x + 0.5) * CELL_W,
                below,
                _range_lines(axes["x_ranges"][x]),
                yanchor="top",
            )
        )
    below += 2 * (LEGEND_FONT - 6) * 1.3 + 10
    notes.append(
        at(
            middle,
            below,
            f"→ {wrap(axes['x_label'])}<br><i>slechter naar rechts</i>",
            yanchor="top",
            font={"size": LEGEND_FONT - 4, "color": TEXT_COLOR},
        )
    )
    below += (len(wrap(axes["x_label"]).split("<br>")) + 1) * (LEGEND_FONT - 4) * 1.25 + 14
    for kind, color, text in extra:
        left = GAP + 8
        if kind == "line":
            shapes.append(
                {
                    **rect(left, below + 13, left + 28, below + 13),
                    "type": "line",
                    "line": {"color": color, "width": 3},
                }
            )
        else:
            shapes.append(
                rect(
                    left,
                    below,
                    left + 28,
                    below + 26,
                    fillcolor=color,
                    line={"color": "#555555", "width": 1},
                )
            )
        notes.append(
            at(
                left + 38,
                below + 13,
                safe.plotly(text),
                xanchor="left",
                font={"size": LEGEND_FONT - 4, "color": TEXT_COLOR},
            )
        )
        below += 34
    return shapes, notes


def bivariate_height(axes: dict, extra: int) -> float:
    """The px the bivariate legend needs from the top of the plot area."""
    x_lines = len(wrap(axes["x_label"]).split("<br>")) + 1
    y_lines = len(wrap(axes["y_label"]).split("<br>")) + 1
    return (
        8
        + (x_lines + y_lines) * (LEGEND_FONT - 4) * 1.25
        + 10
        + 3 * CELL_H
        + 6
        + 2 * (LEGEND_FONT - 6) * 1.3
        + 10
        + 14
        + 34 * extra
    )
