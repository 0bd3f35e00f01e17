"""Presentation slides built from the bundle, the basket and the indicator chosen on the map.

A slide is plain data (title, text, one figure or table, source line, speaker notes), so the
page, the PowerPoint and the offline HTML pack all show the same thing. Slide ids are stable
strings: "national", "shortage_map", "indicator_map", "bivariate", "groups", "focus" and
"profile:GM0363" (one per chosen gemeente).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from core import (
    bundle,
    catalogue,
    classify,
    fmt,
    groups,
    indicators,
    mapview,
    national,
    profile,
)
from core.charts import figures, static_map

BIVARIATE_Y = "women_gap_2022"
PROFILE_PREFIX = "profile:"
MAX_TABLE_ROWS = 12  # rows of a table on one slide; the notes and the HTML pack hold all rows
DEFAULT_TOP_N = 10
ZOOM_SELECTION = "selectie"  # Context.zoom: the maps show the basket's area
MAP_HEIGHT = 540  # on-screen height of map and chart figures (px); fits a 720p beamer
PROFILE_INDICATORS = (
    "candidates_per_seat_2022",
    "half_short_lists_share_2022",
    "lists_2022",
    "women_council_share_2022",
    "women_gap_2022",
    "origin_outside_europe_share_2024",
    "seats_2026",
    "inhabitants_per_seat_2026",
    "priority_score",
)
# Focus table columns with short headers (a slide table has no room for the full labels).
FOCUS_COLUMNS = {
    "candidates_per_seat_2022": "Kandidaten per zetel (2022)",
    "short_lists_share_2022": "Lijsten korter dan de raad (2022)",
    "women_gap_2022": "Achterstand vrouwen (2022, procentpunt)",
    "seats_2026": "Zetels (2026)",
    "priority_score": "Prioriteitsscore (0-100)",
}
WARNINGS = {
    "illustrative": "FICTIEF VOORBEELD: deze dia bevat verzonnen cijfers die alleen laten zien "
    "hoe Raadsradar werkt. Gebruik ze niet als feit.",
    "imported": "EIGEN IMPORT: deze dia bevat cijfers uit een bestand dat een gebruiker heeft "
    "geïmporteerd, niet uit de open bronnen van Raadsradar. Controleer de bron.",
}
# Cited national context for groups without per-gemeente data (product.md); the texts, with year
# and source, are core.groups' own.
GROUP_CONTEXT = ("migration", "practical", "disability")
CONTEXT_SOURCES = (
    "F. Vermeulen (Universiteit van Amsterdam), 'Hoe divers zijn de Nederlandse gemeenteraden?', "
    "onderzoek voor BZK, februari 2024",
    "platformoverheid.nl, 'Lokale diplomademocratie' (cijfers 2014 en 2020)",
    "Nederlandse Vereniging voor Raadsleden, enquête 2023",
    "VNG Magazine, 24 september 2021",
)


@dataclasses.dataclass(frozen=True)
class Tile:
    """One big number on the national slide."""

    label: str
    value: str
    note: str


@dataclasses.dataclass
class Slide:
    """Everything one slide shows; `figure` is a map or chart, `table` a display-ready frame."""

    id: str
    kind: str  # "figures" (tiles), "map", "chart" or "table"
    title: str
    made_on: dt.date
    subtitle: str = ""
    bullets: list[str] = dataclasses.field(default_factory=list)
    tiles: list[Tile] = dataclasses.field(default_factory=list)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    full_table: pd.DataFrame | None = None  # every row (offline pack, next to the map)
    full_table_title: str = ""
    source: str = ""
    sources: tuple[str, ...] = ()  # the plain source names, for the closing sources slide
    notes: str = ""
    alt: str = ""
    kinds: frozenset[str] = frozenset()

    @property
    def warning(self) -> str:
        """The label for fictitious or imported data on this slide ('' when there is none)."""
        return " ".join(text for kind, text in WARNINGS.items() if kind in self.kinds)

    @property
    def date_line(self) -> str:
        return f"Gemaakt op {fmt.date(self.made_on)} met Raadsradar."

    @property
    def footer(self) -> str:
        """The source line with the date, as printed at the bottom of every slide."""
        return f"{self.source} {self.date_line}".strip()

    def with_title(self, title: str | None) -> Slide:
        """A copy with the user's title (blank keeps the default)."""
        text = (title or "").strip()
        return dataclasses.replace(self, title=text) if text else self


@dataclasses.dataclass
class Context:
    """What the slides are built from. `extra` and `extra_values` are imported indicators."""

    tables: dict[str, pd.DataFrame]
    shapes: static_map.Rings
    provinces: static_map.Rings
    points: pd.DataFrame
    made_on: dt.date
    basket: tuple[str, ...] = ()
    indicator_id: str | None = None
    profiles: tuple[str, ...] = ()
    top_n: int = DEFAULT_TOP_N
    # Gemeenten whose women figure rests on more than 20% estimated or unknown genders stay out
    # of "worst N" lists unless the user includes them (presentation settings).
    include_uncertain_gender: bool = False
    extra: dict[str, catalogue.Indicator] = dataclasses.field(default_factory=dict)
    extra_values: pd.DataFrame | None = None
    zoom: str = ""  # maps: "" the whole country, ZOOM_SELECTION, or a province name

    def zoom_codes(self) -> list[str] | None:
        """The gemeenten the maps zoom to (None: the whole country)."""
        g = self.tables["gemeenten"]
        if self.zoom == ZOOM_SELECTION:
            return list(self.basket) or None
        if self.zoom:
            return g.loc[g["province_name"] == self.zoom, "code"].tolist() or None
        return None

    def map_extent(self) -> static_map.Extent | None:
        """The lon/lat box the maps show: the selection's or a province's, else the country."""
        codes = self.zoom_codes()
        return static_map.extent(self.shapes, codes) if codes else None

    def cities(self) -> pd.DataFrame:
        """City labels for the maps: the largest that fit, within the zoomed area if any."""
        return static_map.largest(
            self.tables["gemeenten"], self.points, box=self.map_extent(), within=self.zoom_codes()
        )

    def zoom_note(self) -> str | None:
        """A bullet saying what part of the country the maps show (None for the whole country)."""
        if self.map_extent() is None:
            return None
        if self.zoom == ZOOM_SELECTION:
            return f"Ingezoomd op uw selectie ({_count(len(self.basket))})"
        return f"Ingezoomd op de provincie {self.zoom}"

    def meta(self, indicator_id: str) -> catalogue.Indicator:
        return self.extra.get(indicator_id) or catalogue.get(indicator_id)

    def known(self, indicator_id: str | None) -> bool:
        return bool(indicator_id) and (
            indicator_id in catalogue.INDICATORS or indicator_id in self.extra
        )

    def values(self) -> pd.DataFrame:
        """Bundle indicators plus imported columns, one row per gemeente."""
        values = self.tables["indicators"]
        if self.extra_values is not None and len(self.extra_values):
            extra = self.extra_values[["code", *[c for c in self.extra if c in self.extra_values]]]
            values = values.merge(extra, on="code", how="left")
        return values

    def names(self) -> dict[str, str]:
        g = self.tables["gemeenten"]
        return dict(zip(g["code"], g["name"], strict=True))

    def focus(self) -> tuple[list[str], str]:
        """The focus gemeenten (the basket, else the top N by shortage) and how they were chosen."""
        if self.basket:
            return list(self.basket), f"Uw selectie: {_count(len(self.basket))}"
        top = national.top_shortage(self.tables, self.top_n)
        return top["code"].tolist(), (
            f"Geen selectie gemaakt: de {self.top_n} gemeenten met de minste kandidaten per zetel "
            "(2022)"
        )


def _count(n: int) -> str:
    return f"{n} {'gemeente' if n == 1 else 'gemeenten'}"


def footnote(item: catalogue.Indicator) -> str:
    """The source line of an indicator (also for imported ones, which are not in the catalogue)."""
    kind = catalogue.KINDS.get(item.kind, item.kind)
    return f"Bron: {item.source}. Peiljaar {item.year}. Soort: {kind}."


def options(ctx: Context) -> dict[str, str]:
    """Every slide that can be shown now: id -> default title, in the default order."""
    out = {
        "national": "Het landelijke beeld",
        "shortage_map": "Waar zijn de minste kandidaten per zetel?",
    }
    item_id = ctx.indicator_id
    if ctx.known(item_id) and item_id != catalogue.HEADLINE_SHORTAGE:
        out["indicator_map"] = f"Kaart: {ctx.meta(item_id).label}"
    out["bivariate"] = "Weinig kandidaten én weinig vrouwen in de raad"
    out["groups"] = "Vrouwen en andere groepen in de raad"
    out["focus"] = "Focusgemeenten"
    names = ctx.names()
    for code in ctx.profiles:
        if code in names:
            out[f"{PROFILE_PREFIX}{code}"] = f"Profiel: {names[code]}"
    return out


def build(slide_id: str, ctx: Context, title: str | None = None) -> Slide:
    """One slide by id, with the user's title when given."""
    available = options(ctx)
    if slide_id not in available:
        raise KeyError(f"Onbekende of niet beschikbare dia: {slide_id!r}")
    default = available[slide_id]
    if slide_id.startswith(PROFILE_PREFIX):
        slide = _profile(ctx, slide_id, default)
    else:
        builder = {
            "national": _national,
            "shortage_map": _shortage_map,
            "indicator_map": _indicator_map,
            "bivariate": _bivariate,
            "groups": _groups,
            "focus": _focus,
        }[slide_id]
        slide = builder(ctx, default)
    return slide.with_title(title)


def deck(ids: list[str], ctx: Context, titles: dict[str, str] | None = None) -> list[Slide]:
    """The slides in the chosen order (unknown ids are skipped)."""
    available = options(ctx)
    titles = titles or {}
    return [build(i, ctx, titles.get(i)) for i in ids if i in available]


def sources(slides: list[Slide]) -> list[str]:
    """The closing sources slide: every source the slides cite, then the bundle's open data
    with publisher, reference date and licence."""
    cited = list(dict.fromkeys(source for slide in slides for source in slide.sources))
    data = [
        f"Open data in Raadsradar: {s['name']} ({s['publisher']}, {s['reference']}; "
        f"licentie: {s['licence']})"
        for s in bundle.SOURCES
    ]
    return [*cited, *data]


# --------------------------------------------------------------------------- national picture


def _national(ctx: Context, title: str) -> Slide:
    computed = national.key_figures(ctx.tables)
    cited = national.ANNOUNCEMENT
    tiles = [Tile(f.label, f.shown(), f.note) for f in [*computed, *cited]]
    notes = [f"{f.label}: {f.shown()} ({f.note}). Bron: {f.source}." for f in [*computed, *cited]]
    used: list[str] = []
    for figure in [*computed, *cited]:
        if figure.source not in used:
            used.append(figure.source)
    return Slide(
        id="national",
        kind="figures",
        title=title,
        made_on=ctx.made_on,
        subtitle="Landelijke kerncijfers, berekend uit open data; onderaan cijfers uit de "
        "aankondiging van het kabinet",
        tiles=tiles,
        source=" | ".join(f"Bron: {s}." for s in used),
        sources=tuple(used),
        notes="\n".join(notes),
        alt="; ".join(f"{t.label}: {t.value}" for t in tiles),
        kinds=frozenset({"official", "derived"}),
    )


# --------------------------------------------------------------------------- maps


def indicator_frame(ctx: Context, indicator_id: str) -> pd.DataFrame:
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
    label = html.escape(item.label)
    frame["hover"] = [
        f"<b>{html.escape(name)}</b> ({html.escape(province)})<br>{label}: "
        + (
            f"<b>{fmt.value(value, item.unit, item.decimals)}</b><br>Rang {int(rank)} van {known}"
            + (f"<br>{html.escape(mark)}" if mark else "")
            if pd.notna(value)
            else f"geen gegevens<br><i>{html.escape(reason)}</i>"
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


def left_out_text(names: list[str]) -> str:
    """The bullet that says which gemeenten a worst-N list left out for uncertain gender data."""
    shown = ", ".join(names[:6]) + (f" en {len(names) - 6} meer" if len(names) > 6 else "")
    return (
        f"Weggelaten: {_count(len(names))} waar het aandeel vrouwen voor meer dan "
        f"{fmt.percent(catalogue.GENDER_UNCERTAIN_THRESHOLD, 0)} op geschat of onbekend geslacht "
        f"rust ({shown}); opnemen kan bij de instellingen van de presentatie"
    )


UNCERTAIN_NOTE = (
    "⚠ = het aandeel vrouwen rust voor meer dan 20% op geslacht dat geschat is uit de voornaam "
    "of onbekend is"
)


def _map_summary(
    frame: pd.DataFrame, item: catalogue.Indicator, include_uncertain: bool = True
) -> tuple[str, list[str]]:
    """A text summary of a map (alt text) and the slide's bullets."""
    known = frame.dropna(subset=["value"]).sort_values(["rank", "name"])
    if known.empty:
        return f"Kaart van {item.label}: geen gegevens.", ["Geen enkele gemeente heeft een waarde."]
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

    median = fmt.value(known["value"].median(), item.unit, item.decimals)
    lead = (
        "Hoogste waarden"
        if item.higher_is_worse is None
        else ("Laagste waarden" if item.higher_is_worse is False else "Hoogste waarden")
    )
    missing = len(frame) - len(known)
    alt = (
        f"Kaart van {item.label} voor {len(known)} van {len(frame)} gemeenten. "
        f"{lead}: {', '.join(show(r) for _, r in worst.iterrows())}. Mediaan: {median}. "
        f"Zonder gegevens: {missing} gemeenten."
    )
    bullets = [
        f"Mediaan van {len(known)} gemeenten: {median}",
        f"{lead}: {', '.join(show(r) for _, r in worst.iterrows())}",
    ]
    if missing:
        bullets.append(f"Grijs: {_count(missing)} zonder gegevens")
    if left_out:
        bullets.append(left_out_text(left_out))
    return alt, bullets


def _class_slide(ctx: Context, slide_id: str, indicator_id: str, title: str) -> Slide:
    item = ctx.meta(indicator_id)
    frame = indicator_frame(ctx, indicator_id)
    result = classify.for_indicator(frame["value"], item)
    frame["class"] = result.classes
    outlined = [c for c in ctx.basket if c in set(frame["code"])]
    fig = static_map.class_map(
        ctx.shapes,
        ctx.points,
        frame,
        colors=result.colors,
        labels=result.labels,
        missing_color=result.missing_color,
        missing_label=result.missing_label,
        legend_title=f"{_wrap_html(item.label)}<br>({html.escape(item.unit)})",
        provinces=ctx.provinces,
        outlined=outlined,
        cities=ctx.cities(),
        height=MAP_HEIGHT,
    )
    static_map.zoom_to(fig, ctx.map_extent())
    alt, bullets = _map_summary(frame, item, ctx.include_uncertain_gender)
    if ctx.zoom_note():
        bullets.append(ctx.zoom_note())
    if outlined:
        bullets.append(f"Zwarte rand: uw selectie ({_count(len(outlined))})")
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
        f"{alt}\nWat het is: {item.definition}\nIndeling: kwantielen, {result.k} klassen "
        f"(elke klasse ongeveer even veel gemeenten): {legend}; {result.missing_label}."
        + (f"\n{result.note}" if result.note else "")
    )
    return Slide(
        id=slide_id,
        kind="map",
        title=title,
        made_on=ctx.made_on,
        subtitle=f"{item.label}, per gemeente ({item.unit})",
        bullets=bullets,
        figure=fig,
        full_table=full,
        full_table_title=f"Tabel bij de kaart: {item.label}, alle gemeenten",
        source=footnote(item),
        sources=(item.source,),
        notes=notes,
        alt=alt,
        kinds=frozenset({item.kind}),
    )


def _shortage_map(ctx: Context, title: str) -> Slide:
    slide = _class_slide(ctx, "shortage_map", catalogue.HEADLINE_SHORTAGE, title)
    slide.bullets.insert(
        0, "Donker = weinig kandidaten per zetel: weinig keus en weinig reserves op de lijsten"
    )
    return slide


def _indicator_map(ctx: Context, title: str) -> Slide:
    return _class_slide(ctx, "indicator_map", str(ctx.indicator_id), title)


def _bivariate(ctx: Context, title: str) -> Slide:
    x_id, y_id = catalogue.HEADLINE_SHORTAGE, BIVARIATE_Y
    t = ctx.tables
    frame, result, axes = mapview.bivariate_frame(
        t["indicators"], t["gemeenten"], t["indicator_notes"], ctx.meta(x_id), ctx.meta(y_id)
    )
    fig = static_map.bivariate_map(
        ctx.shapes,
        ctx.points,
        frame,
        colors=result.colors,
        missing_color=result.missing_color,
        missing_label=result.missing_label,
        axes=axes,
        provinces=ctx.provinces,
        outlined=[c for c in ctx.basket if c in set(frame["code"])],
        cities=ctx.cities(),
        height=MAP_HEIGHT,
    )
    static_map.zoom_to(fig, ctx.map_extent())
    x_item, y_item = catalogue.get(x_id), catalogue.get(y_id)
    worst = frame[frame["class"] == 8].sort_values("x")
    left_out: list[str] = []
    if "gender_uncertain" in worst.columns and not ctx.include_uncertain_gender:
        uncertain = worst["gender_uncertain"].astype(bool)
        left_out = worst.loc[uncertain, "name"].tolist()
        worst = worst[~uncertain]
    names = worst["name"].tolist()
    shown = ", ".join(names[:8]) + (f" en {len(names) - 8} meer" if len(names) > 8 else "")
    alt = (
        f"Bivariate kaart van {x_item.label} en {y_item.label} in 3 × 3 klassen. "
        f"{_count(len(names))} scoren op beide het slechtst: {', '.join(names)}."
    )
    full = pd.DataFrame(
        {
            "Gemeente": worst["name"],
            "Provincie": worst["province_name"],
            x_item.label: [fmt.value(v, x_item.unit, x_item.decimals) for v in worst["x"]],
            y_item.label: [fmt.value(v, y_item.unit, y_item.decimals) for v in worst["y"]],
        }
    )
    return Slide(
        id="bivariate",
        kind="map",
        title=title,
        made_on=ctx.made_on,
        subtitle=f"{x_item.label} × {y_item.label}, elk in drie even grote groepen",
        bullets=[
            f"Donkerbruin (rechtsboven in de legenda): {_count(len(names))} met weinig "
            "kandidaten per zetel én een grote achterstand van vrouwen",
            f"Dat zijn onder meer: {shown}" if names else "Geen gemeente scoort op beide slecht",
            f"Grijs: {result.missing_label}",
            *([left_out_text(left_out)] if left_out else []),
        ],
        figure=fig,
        full_table=full,
        full_table_title="Tabel bij de kaart: gemeenten die op beide het slechtst scoren",
        source=f"{footnote(x_item)} | {footnote(y_item)}",
        sources=(x_item.source, y_item.source),
        notes=f"{alt}\nIndeling: terciel per as (elke rij en kolom ongeveer een derde van de "
        f"gemeenten met beide waarden).\n{x_item.label}: {x_item.definition}\n"
        f"{y_item.label}: {y_item.definition}",
        alt=alt,
        kinds=frozenset({x_item.kind, y_item.kind}),
    )


# --------------------------------------------------------------------------- groups


def _groups(ctx: Context, title: str) -> Slide:
    women = groups.women(ctx.tables)
    nat = groups.national(women, ctx.tables["gemeenten"])
    names = ctx.names()
    codes, how = ctx.focus()
    part = women.loc[[c for c in codes if c in women.index]].dropna(subset=["council_share"])
    chosen = how
    left_out: list[str] = []
    if part.empty:
        ranked = women.dropna(subset=["council_share"]).sort_values("gap", ascending=False)
        if not ctx.include_uncertain_gender:
            kept = ranked[~ranked["unknown_flag"]]
            cut = kept["gap"].iloc[min(10, len(kept)) - 1] if len(kept) else -float("inf")
            left_out = [
                names[c] for c in ranked[ranked["unknown_flag"] & (ranked["gap"] >= cut)].index
            ]
            ranked = kept
        part = ranked.head(10)
        chosen = "De 10 gemeenten met de grootste achterstand van vrouwen (2022)"
    part = part.head(MAX_TABLE_ROWS).assign(
        name=lambda f: [
            names[c] + (" ⚠" if flag else "")
            for c, flag in zip(f.index, f["unknown_flag"], strict=True)
        ]
    )
    fig = figures.dumbbell(part, group_label="vrouwen", height=MAP_HEIGHT)
    fig.update_layout(
        font={"size": 20},
        legend={"font": {"size": 20}, "orientation": "h", "y": 1.06, "x": 0},
        margin={"l": figures.label_margin(part["name"], 20), "r": 20, "t": 50, "b": 60},
    )
    fig.update_traces(marker={"size": 16}, selector={"mode": "markers"})
    woman = groups.GROUPS["women"]
    bullets = [
        f"Vrouwen: {fmt.percent(nat['population_share'])} van de inwoners (2024), "
        f"{fmt.percent(nat['council_share'])} van de raadsleden (2022): "
        f"{fmt.points(nat['gap'])}",
        *[groups.GROUPS[g].national_context for g in GROUP_CONTEXT],
    ]
    if part["unknown_flag"].any():
        bullets.append(UNCERTAIN_NOTE)
    if left_out:
        bullets.append(left_out_text(left_out))
    rows = "\n".join(
        f"{row.name}: {fmt.percent(row.population_share)} van de inwoners, "
        f"{fmt.percent(row.council_share)} in de raad (95%-interval {fmt.percent(row.low, 0)} "
        f"tot {fmt.percent(row.high, 0)}), {_seats_short(row.seats_short)}"
        + _basis_note(row.estimated_share, row.unknown_share)
        for row in part.itertuples()
    )
    alt = (
        f"Per gemeente het aandeel vrouwen in de bevolking (ruit) en in de raad (bol, met "
        f"95%-interval), voor {_count(len(part))}: {', '.join(part['name'])}."
    )
    return Slide(
        id="groups",
        kind="chart",
        title=title,
        made_on=ctx.made_on,
        subtitle=f"Aandeel vrouwen in de bevolking en in de raad. {chosen}.",
        bullets=bullets,
        figure=fig,
        source=f"Bron: {woman.population_source}; {woman.council_source}. | "
        f"Landelijke context: {'; '.join(CONTEXT_SOURCES)}.",
        sources=(str(woman.population_source), str(woman.council_source), *CONTEXT_SOURCES),
        notes=f"{bullets[0]}.\n{rows}\n"
        + "\n".join(groups.GROUPS[g].national_context for g in GROUP_CONTEXT)
        + "\nMigratieachtergrond, opleiding en beperking: geen cijfers per gemeente; alleen "
        "landelijke context, niet per gemeente te lezen.",
        alt=alt,
        kinds=frozenset({"derived", "official"}),
    )


def _basis_note(estimated: float, unknown: float) -> str:
    mark = indicators.gender_mark(estimated, unknown)
    return f". {mark}" if mark else ""


def _seats_short(value: float) -> str:
    if pd.isna(value):
        return "zetels tekort onbekend"
    if value < 0:
        return f"{fmt.number(-value)} {'zetel' if value == -1 else 'zetels'} meer dan evenredig"
    return f"{fmt.number(value)} {'zetel' if value == 1 else 'zetels'} tekort"


# --------------------------------------------------------------------------- tables


def _cell(value: float, item: catalogue.Indicator) -> str:
    """A compact table cell: the unit is in the column header."""
    if pd.isna(value):
        return "–"
    if item.unit == "%":
        return fmt.percent(value, item.decimals)
    if item.unit == "procentpunt":
        return fmt.points(value, item.decimals).replace(" procentpunt", "")
    return fmt.number(value, item.decimals)


def focus_table(ctx: Context) -> tuple[pd.DataFrame, str]:
    """The focus gemeenten with the headline figures, display-ready; and how they were chosen."""
    codes, how = ctx.focus()
    g = ctx.tables["gemeenten"].set_index("code")
    values = ctx.tables["indicators"].set_index("code")
    codes = [c for c in codes if c in g.index]
    rows = {
        "Gemeente": [g.at[c, "name"] for c in codes],
        "Provincie": [g.at[c, "province_name"] for c in codes],
    }
    uncertain = indicators.gender_basis(values.reindex(codes))["uncertain"]
    for indicator_id, header in FOCUS_COLUMNS.items():
        item = catalogue.get(indicator_id)
        cells = [_cell(values.at[c, indicator_id], item) for c in codes]
        if indicator_id in indicators.GENDER_BASED:
            cells = [
                cell + (" ⚠" if flag and cell != "–" else "")
                for cell, flag in zip(cells, uncertain, strict=True)
            ]
        rows[header] = cells
    return pd.DataFrame(rows), how


def _focus(ctx: Context, title: str) -> Slide:
    table, how = focus_table(ctx)
    shown = table.head(MAX_TABLE_ROWS)
    bullets = []
    if len(table) > len(shown):
        bullets.append(
            f"Op de dia de eerste {len(shown)}; alle {len(table)} staan in de notities en in "
            "het HTML-pakket"
        )
    if table.map(lambda cell: "⚠" in str(cell)).any().any():
        bullets.append(UNCERTAIN_NOTE)
    items = [catalogue.get(i) for i in FOCUS_COLUMNS]
    notes = "\n".join(
        "; ".join(f"{column}: {value}" for column, value in row.items())
        for row in table.to_dict("records")
    )
    return Slide(
        id="focus",
        kind="table",
        title=title,
        made_on=ctx.made_on,
        subtitle=how,
        bullets=bullets,
        table=shown,
        full_table=table,
        full_table_title="Alle focusgemeenten",
        source=" | ".join(dict.fromkeys(footnote(i) for i in items)),
        sources=tuple(dict.fromkeys(i.source for i in items)),
        notes=f"{how}.\n{notes}",
        alt=f"Tabel met {_count(len(table))}: {', '.join(table['Gemeente'])}.",
        kinds=frozenset(i.kind for i in items),
    )


def _profile(ctx: Context, slide_id: str, title: str) -> Slide:
    code = slide_id.removeprefix(PROFILE_PREFIX)
    t = ctx.tables
    full = profile.profile(code, t["indicators"], t["gemeenten"], t["indicator_notes"])
    labels = {catalogue.get(i).label: i for i in PROFILE_INDICATORS}
    part = full[full["Indicator"].isin(labels)]
    peer_column = next(c for c in full.columns if c.startswith("Mediaan gemeenten"))
    table = part[["Indicator", "Waarde", "Mediaan Nederland", peer_column, "Rang"]].reset_index(
        drop=True
    )
    g = t["gemeenten"].set_index("code").loc[code]
    seats = g["seats_2026"]
    subtitle = (
        f"{g['province_name']} · {fmt.number(g['inhabitants'])} inwoners (1 januari 2024)"
        + (f" · {fmt.number(seats)} raadszetels (2026)" if pd.notna(seats) else "")
    )
    explained = part[part["Toelichting"].astype(str).str.len() > 0]
    bullets = [f"{r['Indicator']}: {r['Toelichting']}" for _, r in explained.iterrows()]
    items = [catalogue.get(i) for i in PROFILE_INDICATORS]
    notes = "\n".join(
        f"{r['Indicator']}: {r['Waarde']} (Nederland {r['Mediaan Nederland']}; "
        f"{peer_column.lower()} {r[peer_column]}; rang {r['Rang'] or '–'})"
        + (f". {r['Toelichting']}" if r["Toelichting"] else "")
        for _, r in part.iterrows()
    )
    sources_ = list(dict.fromkeys(f"Bron: {i.source}." for i in items))
    return Slide(
        id=slide_id,
        kind="table",
        title=title,
        made_on=ctx.made_on,
        subtitle=subtitle,
        bullets=bullets,
        table=table,
        full_table=full.drop(columns=["Thema"]),
        full_table_title=f"Alle indicatoren van {g['name']}",
        source=" | ".join(sources_),
        sources=tuple(dict.fromkeys(i.source for i in items)),
        notes=f"{g['name']}, {subtitle}.\n{notes}",
        alt=f"Profiel van {g['name']}: "
        + "; ".join(f"{r['Indicator']} {r['Waarde']}" for _, r in part.iterrows()),
        kinds=frozenset(i.kind for i in items),
    )


def _wrap_html(text: str, width: int = 30) -> str:
    import textwrap

    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))
