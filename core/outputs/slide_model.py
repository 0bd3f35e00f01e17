"""A presentation slide as plain data, and the context the slides are built from.

A slide is plain data (title, text, one figure or table, source line, speaker notes), so the
page, the PowerPoint and the offline HTML pack all show the same thing. core.outputs.slides
builds them by id; slide_maps and slide_tables hold the builders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from core import catalogue, fmt, indicator_meta, national
from core.charts import map_labels, static_map

PROFILE_PREFIX = "profile:"
MAP_PREFIX = "map:"  # "map:<indicator id>": a map slide of any indicator
MAX_TABLE_ROWS = 12  # rows of a table on one slide; the notes and the HTML pack hold all rows
DEFAULT_TOP_N = 10
LABELS_COUNTRY = 8  # place names on a map of the whole country
LABELS_ZOOMED = 24  # at most, on a zoomed map or for the basket's gemeenten (those that fit)
ZOOM_SELECTION = "selectie"  # Context.zoom: the maps show the basket's area
MAP_HEIGHT = 540  # on-screen height of map and chart figures (px); fits a 720p beamer
WARNINGS = {
    "illustrative": "FICTIEF VOORBEELD: deze dia bevat verzonnen cijfers die alleen laten zien "
    "hoe Raadsradar werkt. Gebruik ze niet als feit.",
    "imported": "EIGEN IMPORT: deze dia bevat cijfers uit een bestand dat een gebruiker heeft "
    "geïmporteerd, niet uit de open bronnen van Raadsradar. Controleer de bron.",
}


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
    # Layout px of the figure's picture on a PowerPoint slide (maps: the area's shape); the
    # picture is rendered at images.SLIDE_SCALE times this.
    picture_size: tuple[int, int] = (1280, 720)

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
    indicator_id: str | None = None  # the indicator on the page Kaart (the live link shows it)
    map_indicators: tuple[str, ...] = ()  # one map slide per indicator (chosen on Presenteren)
    profiles: tuple[str, ...] = ()
    top_n: int = DEFAULT_TOP_N
    # Gemeenten whose women figure rests on more than 20% estimated or unknown genders stay out
    # of "worst N" lists unless the user includes them (presentation settings).
    include_uncertain_gender: bool = False
    extra: dict[str, indicator_meta.Indicator] = dataclasses.field(default_factory=dict)
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

    def area_codes(self) -> list[str]:
        """The gemeenten a map draws: the zoomed area's, else all of them."""
        return self.zoom_codes() or self.tables["gemeenten"]["code"].tolist()

    def map_extent(self) -> static_map.Extent:
        """The lon/lat box the maps show: the selection's or a province's, else the country."""
        box = map_labels.extent(self.shapes, self.area_codes())
        return box or map_labels.extent(self.shapes, self.shapes)

    def area_name(self) -> str:
        """How the bullets name the area: 'Nederland', 'Limburg' or 'uw selectie'."""
        if self.zoom_codes() is None:
            return "Nederland"
        return "uw selectie" if self.zoom == ZOOM_SELECTION else self.zoom

    def area_provinces(self) -> static_map.Rings:
        """The province lines to draw: those of provinces wholly inside the area."""
        g = self.tables["gemeenten"]
        inside = set(self.area_codes())
        whole = g.groupby("province_code")["code"].agg(lambda c: set(c) <= inside)
        return {p: ring for p, ring in self.provinces.items() if whole.get(p, False)}

    def cities(self) -> pd.DataFrame:
        """Place names on the maps: the basket's gemeenten in the area when there are any
        (those that fit, largest first), else the area's largest places."""
        area = self.area_codes()
        chosen = [c for c in self.basket if c in set(area)]
        n = LABELS_ZOOMED if self.zoom_codes() or chosen else LABELS_COUNTRY
        return map_labels.labels(
            self.tables["gemeenten"], self.points, self.map_extent(), n=n, within=chosen or area
        )

    def zoom_note(self) -> str | None:
        """A bullet saying what part of the country the maps show (None for the whole country)."""
        if self.zoom_codes() is None:
            return None
        if self.zoom == ZOOM_SELECTION:
            return f"Ingezoomd op uw selectie ({n_gemeenten(len(self.basket))})"
        return f"Ingezoomd op de provincie {self.zoom}"

    def meta(self, indicator_id: str) -> indicator_meta.Indicator:
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
        """The focus gemeenten (the basket, else the top N by shortage of the maps' area) and
        how they were chosen."""
        if self.basket:
            return list(self.basket), f"Uw selectie: {n_gemeenten(len(self.basket))}"
        area = set(self.area_codes())
        ranked = national.top_shortage(self.tables, len(self.tables["gemeenten"]))
        top = ranked[ranked["code"].isin(area)].head(self.top_n)
        where = "" if self.zoom_codes() is None else f" in {self.area_name()}"
        return top["code"].tolist(), (
            f"Geen selectie gemaakt: de {len(top)} gemeenten{where} met de minste kandidaten "
            "per zetel (2026)"
        )


def n_gemeenten(n: int) -> str:
    """'1 gemeente', '3 gemeenten'."""
    return f"{n} {'gemeente' if n == 1 else 'gemeenten'}"


def footnote(item: indicator_meta.Indicator) -> str:
    """The source line of an indicator (also for imported ones, which are not in the catalogue)."""
    kind = indicator_meta.KINDS.get(item.kind, item.kind)
    return f"Bron: {item.source}. Peiljaar {catalogue.year_text(item)}. Soort: {kind}."


def left_out_text(names: list[str]) -> str:
    """The bullet that says which gemeenten a worst-N list left out for uncertain gender data."""
    shown = ", ".join(names[:6]) + (f" en {len(names) - 6} meer" if len(names) > 6 else "")
    return (
        f"Weggelaten: {n_gemeenten(len(names))} waar het aandeel vrouwen voor meer dan "
        f"{fmt.percent(indicator_meta.GENDER_UNCERTAIN_THRESHOLD, 0)} op geschat of onbekend geslacht "
        f"rust ({shown}); opnemen kan bij de instellingen van de presentatie"
    )


UNCERTAIN_NOTE = (
    "⚠ = het aandeel vrouwen rust voor meer dan 20% op geslacht dat geschat is uit de voornaam "
    "of onbekend is"
)
