"""What a map shows per gemeente: value, rank, hover text and the reason when a value is missing."""

from __future__ import annotations

import textwrap

import pandas as pd

from core import bivariate, catalogue, fmt, indicator_meta, indicators, safe


def _lines(text: str, width: int = 60) -> str:
    """Plotly text over lines of at most `width` characters (wrapped first, then escaped)."""
    return "<br>".join(safe.plotly(line) for line in textwrap.wrap(text, width))


def rank(values: pd.Series, higher_is_worse: bool | None) -> pd.Series:
    """Rank 1 = most in need of attention (or the highest value when neither is worse)."""
    ascending = higher_is_worse is False
    return values.rank(method="min", ascending=ascending)


def gender_marks(
    values: pd.DataFrame, codes: pd.Series, item: indicator_meta.Indicator
) -> pd.DataFrame | None:
    """For a women figure: per code the mark text and whether it is uncertain (>20% estimated
    or unknown); None for an indicator that does not rest on councillors' gender."""
    year = indicators.GENDER_BASED.get(item.id)
    if year is None or f"gender_estimated_share_{year}" not in values.columns:
        return None
    basis = indicators.gender_basis(values.set_index("code").reindex(codes.to_numpy()), year)
    basis["mark"] = [
        indicators.gender_mark(e, u)
        for e, u in zip(basis["estimated"], basis["unknown"], strict=True)
    ]
    return basis.reset_index(drop=True)


def map_frame(
    values: pd.DataFrame,
    gemeenten: pd.DataFrame,
    notes: pd.DataFrame,
    item: indicator_meta.Indicator,
    context: tuple[str, ...] = ("inhabitants_2024", "seats_2026"),
) -> pd.DataFrame:
    """One row per gemeente of `item` (the catalogue entry, resolved once by the caller): code,
    name, province, value, rank and a ready hover text (escaped)."""
    indicator_id = item.id
    frame = gemeenten[["code", "name", "province_name"]].merge(
        values[["code", indicator_id, *[c for c in context if c != indicator_id]]],
        on="code",
        how="left",
    )
    frame = frame.rename(columns={indicator_id: "value"})
    frame["rank"] = rank(frame["value"], item.higher_is_worse)
    reasons = notes[notes["indicator_id"] == indicator_id].set_index("code")["reason"]
    frame["reason"] = [reasons.get(code, "") for code in frame["code"]]
    known = int(frame["value"].notna().sum())
    # Hover parts go to the browser as customdata; the labels live once in the template.
    frame["h_title"] = [
        f"{safe.plotly(n)} ({safe.plotly(p)})"
        for n, p in zip(frame["name"], frame["province_name"], strict=True)
    ]
    frame["h_value"] = [
        "geen gegevens" if pd.isna(v) else safe.plotly(fmt.value(v, item.unit, item.decimals))
        for v in frame["value"]
    ]
    frame["h_note"] = [
        _lines(reason) if pd.isna(v) else f"Rang {int(r)} van {known}"
        for v, r, reason in zip(frame["value"], frame["rank"], frame["reason"], strict=True)
    ]
    marks = gender_marks(values, frame["code"], item)
    if marks is not None:
        # A women figure says what it rests on: estimated and still-unknown genders (issue 17).
        frame["gender_uncertain"] = marks["uncertain"].to_numpy()
        frame["h_note"] = [
            note + ("<br>" + _lines(m) if m and pd.notna(v) else "")
            for note, m, v in zip(frame["h_note"], marks["mark"], frame["value"], strict=True)
        ]
    template = f"<b>%{{customdata[0]}}</b><br>{safe.plotly(item.label)}: <b>%{{customdata[1]}}</b><br>%{{customdata[2]}}"
    columns = ["h_title", "h_value", "h_note"]
    for number, column in enumerate(c for c in context if c != indicator_id):
        other = catalogue.get(column)
        frame[f"h_ctx{number}"] = [
            safe.plotly(fmt.value(v, other.unit, other.decimals)) for v in frame[column]
        ]
        template += f"<br>{safe.plotly(other.label)}: %{{customdata[{len(columns)}]}}"
        columns.append(f"h_ctx{number}")
    frame.attrs["hover_columns"] = columns
    frame.attrs["hovertemplate"] = template + "<extra></extra>"
    # The same text as one string, for places that show a single hover column (bivariate map).
    parts = [frame[c] for c in columns]
    labels = (
        ["", f"{safe.plotly(item.label)}: "]
        + [""]
        + [f"{safe.plotly(catalogue.get(c).label)}: " for c in context if c != indicator_id]
    )
    frame["hover"] = [
        "<br>".join((f"<b>{v}</b>" if i == 0 else f"{labels[i]}{v}") for i, v in enumerate(values))
        for values in zip(*parts, strict=True)
    ]
    return frame


# Inhabitant bands for the size filter and for peer groups (upper bound exclusive).
SIZE_CLASSES: dict[str, tuple[int, float]] = {
    "tot 10.000 inwoners": (0, 10_000),
    "10.000 tot 20.000": (10_000, 20_000),
    "20.000 tot 50.000": (20_000, 50_000),
    "50.000 tot 100.000": (50_000, 100_000),
    "100.000 tot 200.000": (100_000, 200_000),
    "200.000 of meer": (200_000, float("inf")),
}


def size_class(inhabitants: pd.Series) -> pd.Series:
    """The SIZE_CLASSES label of each gemeente."""
    labels = list(SIZE_CLASSES)
    edges = [low for low, _ in SIZE_CLASSES.values()] + [float("inf")]
    return pd.cut(inhabitants, bins=edges, labels=labels, right=False).astype(str)


def filter_codes(gemeenten: pd.DataFrame, province: str | None, size: str | None) -> list[str]:
    """Codes of the gemeenten inside the province and size filter (None = no filter)."""
    keep = pd.Series(True, index=gemeenten.index)
    if province:
        keep &= gemeenten["province_name"] == province
    if size:
        keep &= size_class(gemeenten["inhabitants"]) == size
    return gemeenten.loc[keep, "code"].tolist()


def view_for(
    bounds: tuple[float, float, float, float], height_px: int = 620, width_px: int = 900
) -> tuple[dict, float]:
    """Centre and zoom that fit a lon/lat box (minx, miny, maxx, maxy) in a map of the given size."""
    import math

    minx, miny, maxx, maxy = bounds
    center = {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}
    # Web Mercator as maplibre draws it: 512 px per 360 degrees at zoom 0 (512-px tiles);
    # latitude is stretched by 1/cos(lat).
    lon_span = max(maxx - minx, 1e-3)
    lat_span = max(maxy - miny, 1e-3) / math.cos(math.radians(center["lat"]))
    zoom_x = math.log2(width_px * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * 360 / (512 * lat_span))
    return center, max(min(zoom_x, zoom_y) - 0.25, 4.0)


def orient(classes: pd.Series, higher_is_worse: bool | None) -> pd.Series:
    """Flip tercile classes (0..2) so that 2 always means 'worse' when lower values are worse."""
    if higher_is_worse is False:
        return classes.where(classes < 0, 2 - classes)
    return classes


def bivariate_frame(
    values: pd.DataFrame,
    gemeenten: pd.DataFrame,
    notes: pd.DataFrame,
    x_item: indicator_meta.Indicator,
    y_item: indicator_meta.Indicator,
) -> tuple[pd.DataFrame, bivariate.Bivariate, dict]:
    """Two indicators crossed in terciles, oriented so that class 2 is 'worse' on both axes.

    Returns the map frame (class = 3 * y + x, -1 when either value is missing), the raw
    classification, and axis texts (ranges from better to worse) for the 2-D legend.
    """
    fx = map_frame(values, gemeenten, notes, x_item)
    fy = map_frame(values, gemeenten, notes, y_item, context=())
    result = bivariate.bivariate(
        fx["value"], fy["value"], decimals=(x_item.decimals, y_item.decimals)
    )
    xc = orient(result.x_classes, x_item.higher_is_worse)
    yc = orient(result.y_classes, y_item.higher_is_worse)
    frame = fx.rename(columns={"value": "x", "rank": "x_rank"})
    frame["y"] = fy["value"].to_numpy()
    frame["class"] = ((3 * yc + xc).where((xc >= 0) & (yc >= 0), -1)).to_numpy()
    y_lines = []
    for row in fy.itertuples(index=False):
        if pd.isna(row.value):
            y_lines.append(f"{safe.plotly(y_item.label)}: geen gegevens")
        else:
            y_lines.append(
                f"{safe.plotly(y_item.label)}: "
                f"<b>{safe.plotly(fmt.value(row.value, y_item.unit, y_item.decimals))}</b>"
            )
    marks = gender_marks(values, fy["code"], y_item)
    if marks is not None:
        frame["gender_uncertain"] = marks["uncertain"].to_numpy()
        y_lines = [
            line + ("<br>" + _lines(m) if m else "")
            for line, m in zip(y_lines, marks["mark"], strict=True)
        ]
    frame["hover"] = [f"{h}<br>{y}" for h, y in zip(fx["hover"], y_lines, strict=True)]
    frame.attrs = {}  # the single-indicator hover template does not know the second indicator
    axes = {
        "x_label": x_item.label,
        "y_label": y_item.label,
        "x_ranges": result.x_ranges[::-1] if x_item.higher_is_worse is False else result.x_ranges,
        "y_ranges": result.y_ranges[::-1] if y_item.higher_is_worse is False else result.y_ranges,
    }
    counts = [[0] * 3 for _ in range(3)]
    for value in frame["class"]:
        if value >= 0:
            counts[value // 3][value % 3] += 1
    axes["counts"] = counts
    return frame, result, axes


def summary(frame: pd.DataFrame, item: indicator_meta.Indicator, top: int = 3) -> str:
    """A text summary of a map for screen readers and the page: what is shown, the highest and
    lowest gemeenten, the median, and how many have no value. Direction-aware wording."""
    known = frame.dropna(subset=["value"]).sort_values(["value", "name"])
    if known.empty:
        return f"Kaart van {item.label}: voor geen enkele gemeente zijn gegevens."

    def listed(rows: pd.DataFrame) -> str:
        return ", ".join(
            f"{r['name']} ({fmt.value(r['value'], item.unit, item.decimals)})"
            for _, r in rows.iterrows()
        )

    highest = known.iloc[::-1].head(top)
    lowest = known.head(top)
    text = (
        f"Kaart van {item.label} voor {len(known)} van de {len(frame)} gemeenten. "
        f"Hoogste waarden: {listed(highest)}. Laagste waarden: {listed(lowest)}. "
        f"Mediaan van de gemeenten: {fmt.value(known['value'].median(), item.unit, item.decimals)}."
    )
    if item.higher_is_worse is True:
        text += " Hoger is slechter."
    elif item.higher_is_worse is False:
        text += " Lager is slechter."
    missing = len(frame) - len(known)
    if missing:
        text += f" Zonder gegevens: {missing} {'gemeente' if missing == 1 else 'gemeenten'}."
    return text
