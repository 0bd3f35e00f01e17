"""The slides that are not maps: national key figures, the groups chart, focus table, profiles."""

from __future__ import annotations

import pandas as pd

from core import catalogue, fmt, groups, indicator_meta, indicators, national, profile
from core.charts import figures
from core.outputs import slide_model

PROFILE_INDICATORS = (
    "candidates_per_seat_2026",
    "candidates_per_seat_change_2022_2026",
    "half_short_lists_share_2026",
    "lists_2026",
    "women_council_share_2026",
    "women_gap_2026",
    "origin_outside_europe_share_2024",
    "seats_2026",
    "inhabitants_per_seat_2026",
    "priority_score",
)
# Focus table columns with short headers (a slide table has no room for the full labels).
FOCUS_COLUMNS = {
    "candidates_per_seat_2026": "Kandidaten per zetel (2026)",
    "candidates_per_seat_change_2022_2026": "Verschil met 2022",
    "short_lists_share_2026": "Lijsten korter dan de raad (2026)",
    "women_gap_2026": "Achterstand vrouwen (2026, procentpunt)",
    "seats_2026": "Zetels (2026)",
    "priority_score": "Prioriteitsscore (0-100)",
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


def national_slide(ctx: slide_model.Context, title: str) -> slide_model.Slide:
    computed = national.key_figures(ctx.tables)
    cited = national.ANNOUNCEMENT
    # A tile has room for the short note; the speaker notes keep the full one.
    tiles = [slide_model.Tile(f.label, f.shown(), f.brief or f.note) for f in [*computed, *cited]]
    notes = [f"{f.label}: {f.shown()} ({f.note}). Bron: {f.source}." for f in [*computed, *cited]]
    used: list[str] = []
    for figure in [*computed, *cited]:
        if figure.source not in used:
            used.append(figure.source)
    return slide_model.Slide(
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


def groups_slide(ctx: slide_model.Context, title: str) -> slide_model.Slide:
    women = groups.women(ctx.tables)
    nat = groups.national(women, ctx.tables["gemeenten"])
    names = ctx.names()
    codes, how = ctx.focus()
    part = women.loc[[c for c in codes if c in women.index]].dropna(subset=["council_share"])
    chosen = how
    left_out: list[str] = []
    shown_note = ""
    if part.empty:
        area = women.index.isin(ctx.area_codes())
        ranked = women[area].dropna(subset=["council_share"]).sort_values("gap", ascending=False)
        if not ctx.include_uncertain_gender:
            kept = ranked[~ranked["unknown_flag"]]
            cut = kept["gap"].iloc[min(10, len(kept)) - 1] if len(kept) else -float("inf")
            left_out = [
                names[c] for c in ranked[ranked["unknown_flag"] & (ranked["gap"] >= cut)].index
            ]
            ranked = kept
        part = ranked.head(10)
        where = "" if ctx.zoom_codes() is None else f" in {ctx.area_name()}"
        chosen = f"De {len(part)} gemeenten{where} met de grootste achterstand van vrouwen (2026)"
    elif len(part) > slide_model.MAX_TABLE_ROWS:
        # A basket larger than the chart holds: the chart shows those with the largest gap
        # and says so; the notes list every gemeente of the basket.
        shown_note = (
            f"Op de dia {slide_model.MAX_TABLE_ROWS} van de {len(part)} gemeenten met cijfers: "
            "die met de grootste achterstand van vrouwen. Alle staan in de notities"
        )
    everyone = part.assign(
        name=lambda f: [
            names[c] + (" ⚠" if flag else "")
            for c, flag in zip(f.index, f["unknown_flag"], strict=True)
        ]
    )
    part = (
        everyone.sort_values("gap", ascending=False).head(slide_model.MAX_TABLE_ROWS)
        if shown_note
        else everyone.head(slide_model.MAX_TABLE_ROWS)
    )
    fig = figures.dumbbell(part, group_label="vrouwen", height=slide_model.MAP_HEIGHT)
    fig.update_layout(
        font={"size": 20},
        legend={"font": {"size": 20}, "orientation": "h", "y": 1.06, "x": 0},
        margin={"l": figures.label_margin(part["name"], 20), "r": 20, "t": 50, "b": 60},
    )
    fig.update_traces(marker={"size": 16}, selector={"mode": "markers"})
    woman = groups.GROUPS["women"]
    bullets = [
        f"Vrouwen: {fmt.percent(nat['population_share'])} van de inwoners (2024), "
        f"{fmt.percent(nat['council_share'])} van de raadsleden (2026): "
        f"{fmt.points(nat['gap'])}",
        "Bol: aandeel vrouwen in de raad, met een streep voor het 95%-interval (de "
        "onzekerheid: in een kleine raad verschuift één zetel het aandeel veel); ruit: "
        "aandeel vrouwen onder de inwoners",
        *([shown_note] if shown_note else []),
        *[groups.GROUPS[g].national_context for g in GROUP_CONTEXT],
    ]
    if part["unknown_flag"].any():
        bullets.append(slide_model.UNCERTAIN_NOTE)
    if left_out:
        bullets.append(slide_model.left_out_text(left_out))
    rows = "\n".join(
        f"{row.name}: {fmt.percent(row.population_share)} van de inwoners, "
        f"{fmt.percent(row.council_share)} in de raad (95%-interval {fmt.percent(row.low, 0)} "
        f"tot {fmt.percent(row.high, 0)}), {_seats_short(row.seats_short)}"
        + _basis_note(row.estimated_share, row.unknown_share)
        for row in everyone.itertuples()
    )
    alt = (
        f"Per gemeente het aandeel vrouwen in de bevolking (ruit) en in de raad (bol, met "
        f"95%-interval), voor {slide_model.n_gemeenten(len(part))}: {', '.join(part['name'])}."
    )
    return slide_model.Slide(
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


def _cell(value: float, item: indicator_meta.Indicator) -> str:
    """A compact table cell: the unit is in the column header."""
    if pd.isna(value):
        return "–"
    if item.unit == "%":
        return fmt.percent(value, item.decimals)
    if item.unit == "procentpunt":
        return fmt.points(value, item.decimals).replace(" procentpunt", "")
    if item.diverging:  # a change: always with its sign
        return fmt.signed(value, item.decimals)
    return fmt.number(value, item.decimals)


def focus_table(ctx: slide_model.Context) -> tuple[pd.DataFrame, str]:
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


def focus_slide(ctx: slide_model.Context, title: str) -> slide_model.Slide:
    table, how = focus_table(ctx)
    shown = table.head(slide_model.MAX_TABLE_ROWS)
    bullets = []
    if len(table) > len(shown):
        bullets.append(
            f"Op de dia de eerste {len(shown)}; alle {len(table)} staan in de notities en in "
            "het HTML-pakket"
        )
    if table.map(lambda cell: "⚠" in str(cell)).any().any():
        bullets.append(slide_model.UNCERTAIN_NOTE)
    items = [catalogue.get(i) for i in FOCUS_COLUMNS]
    notes = "\n".join(
        "; ".join(f"{column}: {value}" for column, value in row.items())
        for row in table.to_dict("records")
    )
    return slide_model.Slide(
        id="focus",
        kind="table",
        title=title,
        made_on=ctx.made_on,
        subtitle=how,
        bullets=bullets,
        table=shown,
        full_table=table,
        full_table_title="Alle focusgemeenten",
        source=" | ".join(dict.fromkeys(slide_model.footnote(i) for i in items)),
        sources=tuple(dict.fromkeys(i.source for i in items)),
        notes=f"{how}.\n{notes}",
        alt=f"Tabel met {slide_model.n_gemeenten(len(table))}: {', '.join(table['Gemeente'])}.",
        kinds=frozenset(i.kind for i in items),
    )


def profile_slide(ctx: slide_model.Context, slide_id: str, title: str) -> slide_model.Slide:
    code = slide_id.removeprefix(slide_model.PROFILE_PREFIX)
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
    return slide_model.Slide(
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
