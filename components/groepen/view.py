"""Widgets and renderers of the groups page (groepen)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache, frame, imported
from core import bundle, catalogue, fmt, groups, indicators, safe
from core.charts import figures

MIGRATION_MEASURES = {
    "origin_outside_europe_share_2024": "Herkomst buiten Europa",
    "origin_non_dutch_share_2024": "Herkomst buiten Nederland (Europa en daarbuiten)",
}


def tables() -> dict[str, pd.DataFrame]:
    return {name: cache.table(name) for name in bundle.TABLES}


def group_frame(
    group_id: str, migration_measure: str, year: int = indicators.CURRENT_YEAR
) -> pd.DataFrame | None:
    """The per-gemeente frame of a group (women: the council elected in `year`), or None when
    the bundle has no data for it."""
    t = tables()
    if group_id == "women":
        return groups.women(t, year)
    if group_id == "migration":
        return groups.population_only(t, migration_measure)
    return None


OWN = "own"  # the group id for a group the user declares from imported columns


def group_options() -> list[str]:
    """The four campaign groups, plus 'own' when this session has imported indicators."""
    return [*groups.GROUPS, *([OWN] if imported.imported_catalogue() else [])]


def group_label(group_id: str) -> str:
    return "Eigen groep (geïmporteerd)" if group_id == OWN else groups.GROUPS[group_id].label


def render_own_group() -> tuple[pd.DataFrame, groups.Group]:
    """Declare imported columns as a group's population share and (optionally) council share."""
    items = imported.imported_catalogue()
    values = imported.imported_values().set_index("code")
    ids = list(items)
    cols = st.columns(2)
    pop_id = cols[0].selectbox(
        "Aandeel van de groep in de bevolking (%)",
        ids,
        key="own_population",
        format_func=lambda i: items[i].label,
        help="Een geïmporteerde kolom in procenten (0-100).",
    )
    council_id = cols[1].selectbox(
        "Aandeel van de groep in de raad (%)",
        [None, *[i for i in ids if i != pop_id]],
        key="own_council",
        format_func=lambda i: "niet bekend" if i is None else items[i].label,
        help="Laat leeg als u alleen het bevolkingsaandeel heeft.",
    )
    g = cache.table("gemeenten").set_index("code")
    population = values[pop_id].reindex(g.index)
    council = (
        values[council_id].reindex(g.index)
        if council_id
        else pd.Series(float("nan"), index=g.index)
    )
    frame_ = groups.with_council(population, council, g["seats_2026"].astype("float64"))
    group = groups.Group(
        OWN,
        items[pop_id].label,
        items[pop_id].source,
        items[council_id].source if council_id else None,
        "Voor de raad is geen aandeel gekozen: we tonen alleen de bevolking en hoeveel zetels een "
        "evenredige raad de groep zou geven (raadsgrootte 2026).",
        "",
        "Eigen geïmporteerde gegevens: controleer bron en peildatum zelf.",
    )
    council_source = safe.markdown(items[council_id].source) if council_id else "niet bekend"
    st.caption(
        f"Soort: eigen import. Bevolking: {safe.markdown(items[pop_id].source)}. "
        f"Raad: {council_source}. Zetels: raadsgrootte 2026 (Kiesraad)."
    )
    return frame_, group


def render_empty_state(group: groups.Group) -> None:
    """What is missing, where to get it, how to import it, and cited national context."""
    st.info(f"**Geen gegevens per gemeente.** {group.missing_text}")
    st.markdown(f"**Waar vindt u deze gegevens?** {group.where_to_get}")
    st.page_link(
        "pages/data.py",
        label="Naar de pagina Gegevens om een bestand te importeren",
        icon=":material/upload:",
    ) if _has_page("pages/data.py") else st.caption(
        "De importpagina komt in een volgende versie van Raadsradar."
    )
    render_context(group)


def render_context(group: groups.Group) -> None:
    st.markdown(f"**Landelijke context** (geen cijfer per gemeente): {group.national_context}")


def _has_page(path: str) -> bool:
    from core import paths

    return (paths.REPO_ROOT / path).is_file()


def render_national(frame_: pd.DataFrame, group: groups.Group) -> None:
    """Pooled national figures (weighted by councillors and inhabitants)."""
    nat = groups.national(frame_, cache.table("gemeenten"))
    cols = st.columns(3)
    cols[0].metric("In de bevolking", fmt.percent(nat["population_share"]), border=True)
    cols[1].metric("In de raad", fmt.percent(nat["council_share"]), border=True)
    cols[2].metric(
        "Verschil (procentpunt)", fmt.points(nat["gap"]).replace(" procentpunt", ""), border=True
    )
    st.caption(
        f"Landelijk, alle gemeenten samengeteld (gewogen naar inwoners en raadsleden). "
        f"Bevolking: {safe.markdown(group.population_source)}. "
        f"Raad: {safe.markdown(group.council_source or 'geen gegevens')}."
    )


def ranking_table(frame_: pd.DataFrame, sort: str) -> pd.DataFrame:
    g = cache.table("gemeenten").set_index("code")
    out = frame_.join(g[["name", "province_name"]]).reset_index()
    out = out.sort_values([sort, "name"], ascending=[False, True], na_position="last")
    out["seats_short_range"] = [
        f"{fmt.number(r.seats_short_low)} tot {fmt.number(r.seats_short_high)}"
        if pd.notna(r.seats_short_low) and r.seats_short_low != r.seats_short_high
        else ""
        for r in out.itertuples()
    ]
    out["note"] = [
        "; ".join(
            part
            for part, flag in (
                ("binnen één zetel", r.within_one_seat is True),
                (
                    # Every women figure says what it rests on; ⚠ above 20% (issue 17).
                    "geslacht "
                    + indicators.gender_mark(
                        getattr(r, "estimated_share", 0), r.unknown_share, short=True
                    ),
                    bool(indicators.gender_mark(getattr(r, "estimated_share", 0), r.unknown_share)),
                ),
            )
            if flag
        )
        for r in out.itertuples()
    ]
    return out


def render_ranking(frame_: pd.DataFrame, has_council: bool) -> pd.DataFrame:
    """Ranked table (gap or seats short); selected rows can go into the basket."""
    options = (
        {"gap": "Verschil (procentpunt)", "seats_short": "Zetels tekort"}
        if has_council
        else {
            "fair_seats": "Zetels bij een evenredige raad",
            "population_share": "Aandeel in de bevolking",
        }
    )
    sort = st.radio(
        "Sorteer op", list(options), format_func=options.get, key="groups_sort", horizontal=True
    )
    table = ranking_table(frame_, sort)
    columns = (
        [
            "name",
            "province_name",
            "population_share",
            "council_share",
            "low",
            "high",
            "gap",
            "seats",
            "fair_seats",
            "seats_short",
            "seats_short_range",
            "note",
            "code",
        ]
        if has_council
        else ["name", "province_name", "population_share", "seats", "fair_seats", "code"]
    )
    shown = table[columns].copy()
    for column in ("population_share", "council_share", "low", "high", "gap"):
        if column in shown:
            shown[column] = shown[column].round(1)
    config = {
        "name": "Gemeente",
        "province_name": "Provincie",
        "code": "Code",
        "population_share": st.column_config.NumberColumn("Bevolking (%)", format="localized"),
        "council_share": st.column_config.NumberColumn("Raad (%)", format="localized"),
        "low": st.column_config.NumberColumn("Raad: ondergrens 95%", format="localized"),
        "high": st.column_config.NumberColumn("Raad: bovengrens 95%", format="localized"),
        "gap": st.column_config.NumberColumn(
            "Verschil (procentpunt)",
            format="localized",
            help="Bevolking min raad. Positief = ondervertegenwoordigd.",
        ),
        "seats": st.column_config.NumberColumn("Zetels", format="localized"),
        "fair_seats": st.column_config.NumberColumn(
            "Zetels bij evenredige raad", format="localized"
        ),
        "seats_short": st.column_config.NumberColumn(
            "Zetels tekort",
            format="localized",
            help="Zetels bij een evenredige raad min de zetels die de groep nu heeft (geschat uit het "
            "aandeel onder raadsleden met bekend geslacht).",
        ),
        "seats_short_range": st.column_config.TextColumn(
            "Bereik door onbekend geslacht",
            help="Als alle raadsleden met onbekend geslacht wel of juist geen vrouw zijn.",
        ),
        "note": "Let op",
    }
    event = st.dataframe(
        shown,
        column_config=config,
        hide_index=True,
        key="groups_ranking",
        on_select="rerun",
        selection_mode="multi-row",
        height=380,
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        st.button(
            f"{len(rows)} gekozen gemeenten toevoegen aan selectie",
            key="groups_add",
            on_click=frame.add_to_basket,
            args=(shown.iloc[rows]["code"].tolist(),),
        )
    return table


def render_dumbbell(table: pd.DataFrame, group: groups.Group) -> None:
    basket = st.session_state.get(frame.BASKET, [])
    use_basket = st.toggle(
        "Alleen gemeenten uit de selectie",
        key="groups_dumbbell_basket",
        disabled=not basket,
        help="Anders de 15 gemeenten bovenaan de ranglijst.",
    )
    part = table[table["code"].isin(basket)] if use_basket else table.head(15)
    part = part.dropna(subset=["council_share"])
    if part.empty:
        st.caption("Geen gemeenten met een raadscijfer om te tonen.")
        return
    st.plotly_chart(
        figures.dumbbell(part, group_label=group.label),
        key="groups_dumbbell",
        config={"displaylogo": False},
        alt=f"Per gemeente het aandeel {group.label.lower()} in de bevolking (ruit) en in de raad "
        f"(bol, met 95%-interval), voor {len(part)} gemeenten.",
    )


def render_aggregates(frame_: pd.DataFrame) -> None:
    g = cache.table("gemeenten")
    cols = st.columns(2)
    for col, by, title in (
        (cols[0], "province_name", "Per provincie"),
        (cols[1], "size", "Per grootteklasse"),
    ):
        agg = groups.aggregate(frame_, g, by).round(1)
        agg = agg.rename(
            columns={
                "province_name": "Provincie",
                "size": "Inwoners",
                "gemeenten": "Gemeenten",
                "population_share": "Bevolking (%)",
                "council_share": "Raad (%)",
                "seats_short": "Zetels tekort",
                "gap": "Verschil (pp)",
            }
        )
        with col:
            st.markdown(f"**{title}**")
            st.dataframe(agg, hide_index=True, key=f"groups_agg_{by}")


def render_profile() -> None:
    """One gemeente, the four groups side by side: what is known and from which source and year."""
    g = cache.table("gemeenten").sort_values("name")
    names = dict(zip(g["code"], g["name"], strict=True))
    basket = st.session_state.get(frame.BASKET, [])
    code = st.selectbox(
        "Gemeente",
        list(names),
        format_func=names.get,
        key="groups_profile_code",
        index=list(names).index(basket[0]) if basket else None,
        placeholder="Kies een gemeente",
    )
    if not code:
        return
    t = tables()
    women = groups.women(t).loc[code]
    migration = groups.population_only(t, "origin_outside_europe_share_2024").loc[code]
    cols = st.columns(4)
    with cols[0]:
        st.markdown("**Vrouwen**")
        st.write(f"Bevolking: {fmt.percent(women['population_share'])}")
        st.write(f"Raad 2026: {fmt.percent(women['council_share'])}")
        if pd.notna(women["council_share"]):
            st.write(
                f"95%-interval: {fmt.percent(women['low'], 0)} tot {fmt.percent(women['high'], 0)}"
            )
            st.write(f"Zetels tekort: {fmt.number(women['seats_short'])}")
            mark = indicators.gender_mark(women["estimated_share"], women["unknown_share"])
            if mark:
                st.caption(mark)
        st.caption(
            f"{groups.GROUPS['women'].population_source}; {groups.GROUPS['women'].council_source}."
        )
    with cols[1]:
        st.markdown("**Migratieachtergrond**")
        st.write(f"Bevolking (buiten Europa): {fmt.percent(migration['population_share'])}")
        st.write(
            f"Evenredige raad: {fmt.number(migration['fair_seats'])} van {fmt.number(migration['seats'])} zetels"
        )
        st.write("Raad: geen gegevens")
        st.caption(f"{groups.GROUPS['migration'].population_source}.")
    for col, gid in ((cols[2], "practical"), (cols[3], "disability")):
        with col:
            st.markdown(f"**{groups.GROUPS[gid].label}**")
            st.write("Bevolking: geen gegevens")
            st.write("Raad: geen gegevens")
            st.caption("Niet in de open gegevens van Raadsradar; importeren kan via Gegevens.")
    st.caption(
        f"{safe.markdown(names[code])}: bronnen per kolom hierboven. {catalogue.footnote('women_gap_2026')}"
    )
