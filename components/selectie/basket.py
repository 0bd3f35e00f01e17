"""The selection basket on the page Selectie: its list, a basket file to load or save, and its map."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from components import cache, frame, maps
from components.selectie import ranking_ui, ranks
from core import fmt, mapview, ranking, safe
from core.charts import figures
from core.outputs import basket_file, export, export_table


def render_basket(result: ranking.Ranking | None, shown: pd.DataFrame | None = None) -> list[str]:
    """The basket: list, remove one, clear (shown: the ranking within the filters). Returns the
    codes."""
    codes = list(st.session_state.get(frame.BASKET, []))
    if not codes:
        st.info(
            "De selectie is leeg. Kies rijen in de ranglijst, gebruik een regel, of laad een bestand."
        )
        return codes
    g = cache.table("gemeenten").set_index("code")
    rows = pd.DataFrame({"code": codes})
    rows["name"] = [g.at[c, "name"] for c in codes]
    rows["province_name"] = [g.at[c, "province_name"] for c in codes]
    if result is not None:
        scores = result.table.set_index("code")
        rows["rank_filtered"] = ranks.with_ranks(rows, shown)
        rows["rank"] = [scores.at[c, "rank"] for c in codes]
        rows["score"] = [round(float(scores.at[c, "score"]), ranking.SCORE_DECIMALS) for c in codes]
    # A display table gets no key class in the page; the container gives tests a hook.
    st.container(key="basket_list").dataframe(
        rows,
        hide_index=True,
        key="basket_table",
        height=min(36 * (len(rows) + 1) + 2, 360),
        column_config={
            "code": st.column_config.TextColumn("Code"),
            "name": st.column_config.TextColumn("Gemeente"),
            "province_name": st.column_config.TextColumn("Provincie"),
            **ranks.rank_columns(),
            "score": st.column_config.NumberColumn("Score", format="localized"),
        },
    )
    names = dict(zip(rows["code"], rows["name"], strict=True))
    cols = st.columns([3, 1, 1])
    drop = cols[0].selectbox(
        "Eén gemeente weghalen",
        codes,
        format_func=names.get,
        key="basket_remove_code",
        index=None,
        placeholder="Kies een gemeente",
    )
    cols[1].button(
        "Weghalen",
        key="basket_remove",
        disabled=drop is None,
        on_click=_remove_one,
        args=(drop,),
    )
    cols[2].button(
        "Selectie leegmaken",
        key="basket_clear",
        on_click=ranking_ui.set_basket,
        args=([], "replace", "De selectie is leeg."),
    )
    return codes


def _remove_one(code: str | None) -> None:
    if code:
        ranking_ui.set_basket(
            [code], "remove", "Eén gemeente weggehaald. Nu {total} in de selectie."
        )
    st.session_state["basket_remove_code"] = None


def render_basket_file(codes: list[str]) -> None:
    """Save the basket to a file and load it back (replace or add)."""
    cols = st.columns([1, 2])
    cols[0].download_button(
        "Selectie bewaren (CSV)",
        basket_file.basket_file(codes, cache.table("gemeenten")),
        file_name="raadsradar-selectie-bewaard.csv",
        mime="text/csv",
        key="basket_save",
        on_click="ignore",
        disabled=not codes,
        help="Een klein bestand met de codes. Laad het later weer in.",
    )
    # In an expander: loading is a secondary action, and a closed expander keeps Streamlit's
    # uploader (an axe 'presentation-role-conflict' finding upstream) out of the default page.
    with cols[1].expander("Bewaarde selectie laden"):
        upload = st.file_uploader(
            "Bestand met gemeentecodes (CSV of tekst)", type=["csv", "txt"], key="basket_upload"
        )
        if upload is None:
            return
        try:
            kept, unknown = basket_file.read_basket_file(
                upload.getvalue(), set(cache.valid_codes())
            )
        except ValueError as exc:
            st.error(str(exc))
            return
        if unknown:
            st.warning(
                f"Deze codes kent Raadsradar niet; ze worden overgeslagen: {fmt.listing(unknown)}"
            )
        st.caption(f"{len(kept)} bekende gemeenten in het bestand.")
        load = st.columns(2)
        load[0].button(
            "Vervang de selectie",
            key="basket_load_replace",
            disabled=not kept,
            on_click=ranking_ui.set_basket,
            args=(kept, "replace", "Selectie geladen: {total} gemeenten."),
        )
        load[1].button(
            "Voeg toe aan de selectie",
            key="basket_load_add",
            disabled=not kept,
            on_click=ranking_ui.set_basket,
            args=(kept, "add"),
        )


BASKET_FILL = "#c0392b"


def render_basket_map(codes: list[str]) -> None:
    """A small map: the basket in red, the other gemeenten grey."""
    if not codes:
        return
    g = cache.table("gemeenten")
    inside = g[g["code"].isin(codes)]
    part = pd.DataFrame(
        {
            "code": inside["code"],
            "class": 1,
            "hover": [
                f"<b>{safe.plotly(n)}</b> ({safe.plotly(p)})<br>in de selectie"
                for n, p in zip(inside["name"], inside["province_name"], strict=True)
            ],
        }
    )
    rest = g[~g["code"].isin(codes)]
    muted = pd.DataFrame({"code": rest["code"], "hover": [safe.plotly(n) for n in rest["name"]]})
    geo = cache.table("gemeenten_geo")
    center, zoom = mapview.view_for(tuple(geo[geo["code"].isin(codes)].total_bounds), 360, 520)
    zoom = min(max(zoom, 5.0), 9.0)
    fig = maps.chart(
        figures.choropleth_spec(
            cache.geojson(),
            part,
            colorscale=[[0, BASKET_FILL], [1, BASKET_FILL]],
            zmin=0,
            zmax=1,
            provinces=cache.geojson("provincies_geo"),
            height=360,
            center=center,
            zoom=zoom,
            muted=muted,
            uirevision="basket-map",
        )
    )
    names = ", ".join(inside.sort_values("name")["name"].head(10))
    st.plotly_chart(
        fig,
        key="basket_map",
        config={"scrollZoom": True, "displaylogo": False},
        alt=f"Kaart met {len(codes)} gemeenten in de selectie: {names}"
        + (" en meer." if len(codes) > 10 else "."),
    )


def render_export(
    codes: list[str], settings: export_table.Settings | None, imported_values, imported
) -> None:
    """Download buttons for the basket (keys export_csv, export_xlsx), disabled with a hint."""
    style = st.radio(
        "CSV-indeling",
        list(export_table.CSV_STYLES),
        format_func=lambda s: export_table.CSV_STYLES[s][0],
        key="csv_style",
        horizontal=True,
    )
    ready = bool(codes) and settings is not None
    if not codes:
        st.info("Exporteren kan zodra er minstens één gemeente in de selectie staat.")
    elif settings is None:
        st.info("Exporteren kan zodra de score een weging heeft (minstens één gewicht boven 0).")
    t = ranking_ui.tables()
    extra = {"imported_values": imported_values, "imported_catalogue": imported}
    cols = st.columns(3)
    for col, key, fmt_, shape, label in (
        (cols[0], "export_xlsx", "xlsx", "selectie", "Excel (met toelichting)"),
        (cols[1], "export_csv", "csv", "selectie", "CSV"),
        (cols[2], "export_politiek_csv", "csv", "politiek_actief", "CSV Politiek Actief"),
    ):
        chosen = None
        if ready:
            chosen = dataclasses.replace(settings, csv_style=style, shape=shape)
        col.download_button(
            label,
            export.deferred(fmt_, codes, t, chosen, **extra) if ready else b"",
            file_name=export.file_name(fmt_, shape),
            mime=export.MIME[fmt_],
            key=key,
            on_click="ignore",
            disabled=not ready,
        )
    st.caption(
        "Excel: blad Selectie (de lijst), blad Politiek Actief (raad naast inwoners per groep) en "
        "blad Toelichting (datum, versie, weging, filters, bronnen en ontbrekende gegevens). "
        "Naast elke verhouding staan de aantallen waaruit die berekend is, en zowel de rang "
        "binnen uw filters als de rang in Nederland. CSV is UTF-8, standaard met puntkomma's en "
        "decimale komma's zoals Nederlandse Excel ze leest."
    )
