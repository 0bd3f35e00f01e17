"""The map slides: the shortage map, the chosen indicator's map and the bivariate map."""

from __future__ import annotations

import pandas as pd

from core import catalogue, classify, fmt, indicator_meta, mapview, safe
from core.charts import static_legend, static_map
from core.outputs import slide_model

BIVARIATE_Y = "women_gap_2026"
CHANGE = "candidates_per_seat_change_2022_2026"


def indicator_frame(ctx: slide_model.Context, indicator_id: str) -> pd.DataFrame:
    """code, name, province_name, value, rank, reason and an escaped hover text per gemeente."""
    item = ctx.meta(indicator_id)
    values = ctx.values()
    frame = ctx.tables["gemeenten"][["code", "name", "province_name"]].merge(
        values[["code", indicator_id]], on="code", how="left"
    )
    frame = frame.rename(columns={indicator_id: "value"})
    frame["value"] = frame["value"].astype("float64")
    frame["rank"] = mapview.rank(frame["value"], item.higher_is_worse)
    notes = ctx.tables["indicator_notes"]
    reasons = notes[notes["indicator_id"] == indicator_id].set_index("code")["reason"]
    frame["reason"] = [str(reasons.get(code, "")) for code in frame["code"]]
    marks = mapview.gender_marks(values, frame["code"], item)
    frame["gender_uncertain"] = False if marks is None else marks["uncertain"].to_numpy()
    frame["gender_mark"] = "" if marks is None else marks["mark"].to_numpy()
    known = int(frame["value"].notna().sum())
    label = safe.plotly(item.label)
    frame["hover"] = [
        f"<b>{safe.plotly(name)}</b> ({safe.plotly(province)})<br>{label}: "
        + (
            f"<b>{safe.plotly(fmt.value(value, item.unit, item.decimals))}</b>"
            f"<br>Rang {int(rank)} van {known}" + (f"<br>{safe.plotly(mark)}" if mark else "")
            if pd.notna(value)
            else f"geen gegevens<br><i>{safe.plotly(reason)}</i>"
        )
        for name, province, value, rank, reason, mark in zip(
            frame["name"],
            frame["province_name"],
            frame["value"],
            frame["rank"],
            frame["reason"],
            frame["gender_mark"],
            strict=True,
        )
    ]
    return frame


def _map_summary(
    frame: pd.DataFrame,
    item: indicator_meta.Indicator,
    include_uncertain: bool = True,
    *,
    area: str = "Nederland",
    national: pd.DataFrame | None = None,
) -> tuple[str, list[str]]:
    """A text summary of a map (alt text) and the slide's bullets, about the gemeenten in
    `frame` (the map's area); `national` (all gemeenten) adds the country's median beside the
    area's when the map shows part of the country."""
    known = frame.dropna(subset=["value"]).sort_values(["rank", "name"])
    where = "" if area == "Nederland" else f" in {area}"
    if known.empty:
        return (
            f"Kaart van {item.label}{where}: geen gegevens.",
            [f"Geen enkele gemeente{where} heeft een waarde."],
        )
    candidates = known
    left_out: list[str] = []
    if "gender_uncertain" in known.columns and not include_uncertain:
        uncertain = known["gender_uncertain"].astype(bool)
        candidates = known[~uncertain]
        # Only those that would have been named ahead of the third shown are said to be left out.
        ahead = candidates.head(3)["rank"].max() if len(candidates) else float("inf")
        left_out = known.loc[uncertain & (known["rank"] < ahead), "name"].tolist()
    worst = candidates.head(3)

    def show(row: pd.Series) -> str:
        return f"{row['name']} ({fmt.value(row['value'], item.unit, item.decimals)})"

    def median(part: pd.DataFrame) -> str:
        return fmt.value(part["value"].median(), item.unit, item.decimals)

    lead = "Laagste waarden" if item.higher_is_worse is False else "Hoogste waarden"
    missing = len(frame) - len(known)
    named = ", ".join(show(r) for _, r in worst.iterrows())
    whole = national.dropna(subset=["value"]) if national is not None and where else None
    country = (
        f"; in Nederland ({fmt.number(len(whole))} gemeenten): {median(whole)}"
        if whole is not None and len(whole)
        else ""
    )
    alt = (
        f"Kaart van {item.label}{where} voor {len(known)} van {len(frame)} gemeenten. "
        f"{lead}: {named}. Mediaan: {median(known)}{country}. "
        f"Zonder gegevens: {missing} gemeenten."
    )
    bullets = [
        f"Mediaan{where} ({n_known(len(known))}): {median(known)}{country}",
        f"{lead}{where}: {named}",
    ]
    if missing:
        bullets.append(f"Grijs: {slide_model.n_gemeenten(missing)} zonder gegevens")
    if left_out:
        bullets.append(slide_model.left_out_text(left_out))
    return alt, bullets


def n_known(n: int) -> str:
    return f"{fmt.number(n)} {'gemeente' if n == 1 else 'gemeenten'}"


def _area_frame(ctx: slide_model.Context, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the gemeenten the map draws (the zoomed area, else all)."""
    return frame[frame["code"].isin(set(ctx.area_codes()))]


def _class_slide(
    ctx: slide_model.Context, slide_id: str, indicator_id: str, title: str
) -> slide_model.Slide:
    item = ctx.meta(indicator_id)
    national = indicator_frame(ctx, indicator_id)
    # Classes from the whole country, so that a colour means the same on every map.
    result = classify.for_indicator(national["value"], item)
    national["class"] = result.classes
    frame = _area_frame(ctx, national)
    zoomed = ctx.zoom_codes() is not None
    counts = [int((frame["class"] == i).sum()) for i in range(result.k)]
    labels = [
        f"{text} ({fmt.number(n)})" for text, n in zip(result.range_labels, counts, strict=True)
    ]
    missing_n = int((frame["class"] < 0).sum())
    missing_label = f"{classify.MISSING_TEXT} ({fmt.number(missing_n)})"
    outlined = [c for c in ctx.basket if c in set(frame["code"])]
    box = ctx.map_extent()
    fig = static_map.class_map(
        ctx.shapes,
        ctx.points,
        frame,
        colors=result.colors,
        labels=labels,
        missing_color=result.missing_color,
        missing_label=missing_label,
        legend_title=static_legend.title_lines(
            item.label, item.unit, "klassen van heel Nederland" if zoomed else ""
        ),
        box=box,
        provinces=ctx.area_provinces(),
        outlined=outlined,
        cities=ctx.cities(),
        height=slide_model.MAP_HEIGHT,
    )
    alt, bullets = _map_summary(
        frame, item, ctx.include_uncertain_gender, area=ctx.area_name(), national=national
    )
    if ctx.zoom_note():
        bullets.append(ctx.zoom_note())
    if outlined:
        bullets.append(f"Zwarte rand: uw selectie ({slide_model.n_gemeenten(len(outlined))})")
    ranked = frame.sort_values(["rank", "name"], na_position="last")
    full = pd.DataFrame(
        {
            "Rang": [("" if pd.isna(r) else str(int(r))) for r in ranked["rank"]],
            "Gemeente": ranked["name"],
            "Provincie": ranked["province_name"],
            item.label: [fmt.value(v, item.unit, item.decimals) for v in ranked["value"]],
            "Toelichting": [
                (reason or mark)
                for reason, mark in zip(ranked["reason"], ranked["gender_mark"], strict=True)
            ],
        }
    )
    legend = "; ".join(classify.legend_rows(result)[i]["label"] for i in range(result.k))
    notes = (
        f"{alt}\nWat het is: {item.definition}\nIndeling: kwantielen van heel Nederland, "
        f"{result.k} klassen (elke klasse ongeveer even veel gemeenten): {legend}; "
        f"{result.missing_label}." + (f"\n{result.note}" if result.note else "")
    )
    where = "" if not zoomed else f", {ctx.area_name()}"
    return slide_model.Slide(
        id=slide_id,
        kind="map",
        title=title,
        made_on=ctx.made_on,
        subtitle=f"{item.label}, per gemeente{where}" + (f" ({item.unit})" if item.unit else ""),
        bullets=bullets,
        figure=fig,
        full_table=full,
        full_table_title=f"Tabel bij de kaart: {item.label}, "
        + (f"gemeenten in {ctx.area_name()}" if zoomed else "alle gemeenten")
        + " (rang in Nederland)",
        source=slide_model.footnote(item),
        sources=(item.source,),
        notes=notes,
        alt=alt,
        kinds=frozenset({item.kind}),
        picture_size=static_map.picture_size(fig),
    )


def shortage_map_slide(ctx: slide_model.Context, title: str) -> slide_model.Slide:
    slide = _class_slide(ctx, "shortage_map", catalogue.HEADLINE_SHORTAGE, title)
    slide.bullets.insert(
        0, "Donker = weinig kandidaten per zetel: weinig keus en weinig reserves op de lijsten"
    )
    return slide


def change_map_slide(ctx: slide_model.Context, title: str) -> slide_model.Slide:
    # The catalogue marks the change as diverging: the palette is centred on 0.
    slide = _class_slide(ctx, "change_map", CHANGE, title)
    slide.bullets.insert(
        0,
        "Kandidaten per raadszetel in 2026 min die in 2022, voor dezelfde gemeente: rood = minder "
        "kandidaten per zetel dan in 2022, blauw = meer, wit = evenveel",
    )
    return slide


def indicator_map_slide(ctx: slide_model.Context, slide_id: str, title: str) -> slide_model.Slide:
    """The map of any indicator ("map:<indicator id>")."""
    indicator_id = slide_id.removeprefix(slide_model.MAP_PREFIX)
    return _class_slide(ctx, slide_id, indicator_id, title)


def bivariate_slide(ctx: slide_model.Context, title: str) -> slide_model.Slide:
    x_id, y_id = catalogue.HEADLINE_SHORTAGE, BIVARIATE_Y
    t = ctx.tables
    national, result, axes = mapview.bivariate_frame(
        t["indicators"], t["gemeenten"], t["indicator_notes"], ctx.meta(x_id), ctx.meta(y_id)
    )
    # Terciles of the whole country; the grid counts the gemeenten of the map's area.
    frame = _area_frame(ctx, national)
    axes = {
        **axes,
        "counts": [[int((frame["class"] == 3 * y + x).sum()) for x in range(3)] for y in range(3)],
    }
    missing_n = int((frame["class"] < 0).sum())
    missing_label = f"{classify.MISSING_TEXT} ({fmt.number(missing_n)})"
    outlined = [c for c in ctx.basket if c in set(frame["code"])]
    fig = static_map.bivariate_map(
        ctx.shapes,
        ctx.points,
        frame,
        colors=result.colors,
        missing_color=result.missing_color,
        missing_label=missing_label,
        axes=axes,
        box=ctx.map_extent(),
        provinces=ctx.area_provinces(),
        outlined=outlined,
        cities=ctx.cities(),
        height=slide_model.MAP_HEIGHT,
    )
    x_item, y_item = catalogue.get(x_id), catalogue.get(y_id)
    worst = frame[frame["class"] == 8].sort_values("x")
    left_out: list[str] = []
    if "gender_uncertain" in worst.columns and not ctx.include_uncertain_gender:
        uncertain = worst["gender_uncertain"].astype(bool)
        left_out = worst.loc[uncertain, "name"].tolist()
        worst = worst[~uncertain]
    names = worst["name"].tolist()
    counted = slide_model.n_gemeenten(len(names))
    shown = ", ".join(names[:8]) + (f" en {len(names) - 8} meer" if len(names) > 8 else "")
    where = "" if ctx.zoom_codes() is None else f" in {ctx.area_name()}"
    alt = (
        f"Bivariate kaart van {x_item.label} en {y_item.label} in 3 × 3 klassen{where}. "
        f"{counted} scoren op beide het slechtst: {', '.join(names)}."
    )
    full = pd.DataFrame(
        {
            "Gemeente": worst["name"],
            "Provincie": worst["province_name"],
            x_item.label: [fmt.value(v, x_item.unit, x_item.decimals) for v in worst["x"]],
            y_item.label: [fmt.value(v, y_item.unit, y_item.decimals) for v in worst["y"]],
        }
    )
    zoom_note = ctx.zoom_note()
    return slide_model.Slide(
        id="bivariate",
        kind="map",
        title=title,
        made_on=ctx.made_on,
        subtitle=f"{x_item.label} × {y_item.label}, elk in drie even grote groepen",
        bullets=[
            f"Donkerbruin (rechtsboven in de legenda): {counted}{where} met weinig "
            "kandidaten per zetel én een grote achterstand van vrouwen",
            f"Dat zijn onder meer: {shown}" if names else "Geen gemeente scoort op beide slecht",
            f"Grijs: {missing_label}",
            *([slide_model.left_out_text(left_out)] if left_out else []),
            *(
                [
                    zoom_note,
                    "Groepen van heel Nederland; de getallen in de legenda tellen "
                    f"de gemeenten{where}",
                ]
                if zoom_note
                else []
            ),
        ],
        figure=fig,
        full_table=full,
        full_table_title=f"Tabel bij de kaart: gemeenten{where} die op beide het slechtst scoren",
        source=f"{slide_model.footnote(x_item)} | {slide_model.footnote(y_item)}",
        sources=(x_item.source, y_item.source),
        notes=f"{alt}\nIndeling: terciel per as over heel Nederland (elke rij en kolom "
        f"ongeveer een derde van de gemeenten met beide waarden).\n{x_item.label}: "
        f"{x_item.definition}\n{y_item.label}: {y_item.definition}",
        alt=alt,
        kinds=frozenset({x_item.kind, y_item.kind}),
        picture_size=static_map.picture_size(fig),
    )
