"""Widgets of the selection page: weights, filters, the ranked table, rules, basket and export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache, frame, imported, maps
from components.selectie import ranks
from core import catalogue, fmt, indicator_meta, indicators, ranking, safe, selection
from core.outputs import export, export_table

# Plain session_state entries (not widget keys): they survive a visit to another page.
WEIGHTS = "ranking_weights"  # {component id: weight}
WILLING = "ranking_willing"  # whole percent, e.g. 15
LAST_TABLE = "ranking_last_table"  # (codes in table order, selected codes) of the last render
MESSAGE = "selectie_message"  # a note to show once after a rerun
TABLES = export.TABLES  # the ranking's tables plus the council counts the export adds
WEIGHT_MAX = 10.0


# --------------------------------------------------------------------------- imported data


def imported_components() -> tuple[pd.DataFrame | None, dict[str, indicator_meta.Indicator]]:
    """User-imported indicators: (values with code + import_* columns, their catalogue)."""
    values = imported.imported_values()
    items = imported.imported_catalogue() or {}
    if values is None or not items:
        return None, {}
    return values, dict(items)


def tables() -> dict[str, pd.DataFrame]:
    return {name: cache.table(name) for name in TABLES}


def say_once() -> None:
    """Show the note of the last basket change as a toast (visible wherever the user scrolled)."""
    note = st.session_state.pop(MESSAGE, None)
    if note:
        st.toast(note)


def set_basket(codes: list[str], mode: str, note: str = "") -> None:
    """Change the basket from a widget callback.

    Callbacks run before the script, so the sidebar count is current on the same run, and a
    click survives the frame's one-off rerun (components/frame.ensure_frame).
    """
    before = len(st.session_state.get(frame.BASKET, []))
    frame.set_basket(selection.update(st.session_state.get(frame.BASKET, []), codes, mode))
    after = len(st.session_state[frame.BASKET])
    changed = abs(after - before)
    note = note or "{changed} toegevoegd. Nu {total} in de selectie."
    st.session_state[MESSAGE] = note.format(
        changed=fmt.count(changed, "gemeente", "gemeenten"), total=after
    )


# --------------------------------------------------------------------------- weights


def _label(options: dict[str, indicator_meta.Indicator], key: str) -> str:
    item = options[key]
    return f"{indicator_meta.THEMES[item.theme]} · {item.label}"


def _help(key: str, item: indicator_meta.Indicator) -> str:
    """The tooltip (markdown) of a weight: definition and source, escaped (imports are user text)."""
    if key in catalogue.INDICATORS:
        return safe.markdown(f"{item.definition} {catalogue.footnote(key)}")
    return safe.markdown(f"{item.definition} Bron: {item.source}.")


def _apply_preset() -> None:
    preset = ranking.PRESETS[st.session_state["weights_preset"]]
    st.session_state[WEIGHTS] = dict(preset)
    st.session_state["components"] = list(preset)
    for key, weight in preset.items():
        st.session_state[f"weight_{key}"] = weight


def render_weights(imported: dict[str, indicator_meta.Indicator]) -> tuple[dict[str, float], float]:
    """Preset, components and a weight for each, and the willingness share; returns both."""
    state = st.session_state
    options = ranking.component_catalogue(imported)
    order = ranking.component_options(imported)
    saved = state.get(WEIGHTS, ranking.PRESETS[ranking.DEFAULT_PRESET])
    saved = {k: w for k, w in saved.items() if k in options}
    # Widgets are re-created from the plain entries after a visit to another page; an
    # imported component that was removed on the data page is dropped.
    if "components" not in state:
        state["components"] = list(saved)
    elif any(k not in options for k in state["components"]):
        state["components"] = [k for k in state["components"] if k in options]
    for key, weight in saved.items():
        state.setdefault(f"weight_{key}", float(weight))
    if "weights_preset" not in state:
        state["weights_preset"] = ranking.preset_name(saved) or ranking.DEFAULT_PRESET
    if "willing_share" not in state:
        state["willing_share"] = int(state.get(WILLING, round(indicators.WILLING_SHARE * 100)))

    st.selectbox(
        "Kies een weging om mee te beginnen",
        list(ranking.PRESETS),
        key="weights_preset",
        on_change=_apply_preset,
        help="Een vaste keuze van onderdelen en gewichten. Daarna kunt u alles aanpassen.",
    )
    chosen = st.multiselect(
        "Onderdelen van de score",
        order,
        key="components",
        format_func=lambda key: _label(options, key),
        placeholder="Kies een of meer onderdelen",
        help="Elke indicator kan meetellen. Per indicator staat vast of hoog of laag slecht is.",
    )
    _data_notes(chosen, options, imported)
    weights: dict[str, float] = {}
    cols = st.columns(3)
    for index, key in enumerate(chosen):
        state.setdefault(f"weight_{key}", 1.0)
        weights[key] = cols[index % 3].slider(
            f"Gewicht: {safe.markdown(options[key].label)}",
            0.0,
            WEIGHT_MAX,
            step=0.5,
            format="%.1f",
            key=f"weight_{key}",
            help=_help(key, options[key]),
        )
    willing = st.slider(
        "Aandeel inwoners dat zich kandidaat wil stellen als het gevraagd wordt",
        1,
        50,
        step=1,
        format="%d%%",
        key="willing_share",
        help="Standaard 15%: dat zei het ministerie van BZK in juni 2025. Dit telt mee in "
        "'Mogelijke kandidaten per raadszetel'.",
    )
    state[WEIGHTS] = weights
    state[WILLING] = willing
    name = ranking.preset_name(weights)
    st.caption(
        f"Weging: {name or 'eigen keuze'}. {ranking.pool_method(willing / 100)}",
    )
    return weights, willing / 100


def _data_notes(
    chosen: list[str],
    options: dict[str, indicator_meta.Indicator],
    imported: dict[str, indicator_meta.Indicator],
) -> None:
    """Say plainly when the score uses imported or fictitious data, or cannot use an import."""
    kinds = {options[key].kind for key in chosen}
    if "illustrative" in kinds:
        st.warning(
            "Let op: de score gebruikt fictieve voorbeeldgegevens. Dat zijn geen echte cijfers. "
            "Dit staat ook in elke export."
        )
    if "imported" in kinds:
        st.info("De score gebruikt uw eigen gegevens. Dit staat ook in elke export.")
    undirected = [item.label for key, item in imported.items() if key not in options]
    if undirected:
        st.warning(
            "Deze eigen gegevens tellen niet mee, want er staat niet bij of hoog of laag slecht "
            "is: "
            + ", ".join(safe.markdown(label) for label in undirected)
            + ". Kies de richting op de "
            "pagina Gegevens."
        )


def compute(
    weights: dict[str, float],
    willing: float,
    imported_values: pd.DataFrame | None,
    imported: dict[str, indicator_meta.Indicator],
) -> ranking.Ranking | None:
    """The national ranking, or None with a clear message when no weight is above zero.

    A component with values for too few gemeenten is left out, and the page says why.
    """
    try:
        result = ranking.rank_targets(
            tables(),
            weights,
            willing_share=willing,
            imported_values=imported_values,
            imported_catalogue=imported,
        )
    except ranking.TooFewValuesError as exc:
        st.warning(_too_few(exc.excluded, imported))
        return None
    except ranking.NoWeightsError as exc:
        st.warning(safe.markdown(str(exc)))
        return None
    if result.excluded:
        st.warning(_too_few(result.excluded, imported))
    return result


def _too_few(excluded: dict[str, int], imported: dict[str, indicator_meta.Indicator]) -> str:
    # Imported labels are the user's own text: escaped before they reach markdown.
    options = ranking.component_catalogue(imported)
    labels = {key: safe.markdown(options[key].label) for key in excluded}
    return ranking.too_few_text(excluded, labels, ranking.MIN_GEMEENTEN)


# --------------------------------------------------------------------------- filters and table


def render_filters() -> tuple[str | None, str | None, bool]:
    """Province, size class and 'only complete data' for the ranked table."""
    cols = st.columns([2, 2, 2])
    province, size = maps.render_area_filters(
        cols[0], cols[1], province_key="ranking_province", size_key="ranking_size"
    )
    complete = cols[2].toggle(
        "Alleen gemeenten met alle gegevens",
        key="ranking_complete",
        help="Verberg gemeenten waar een onderdeel van de score ontbreekt.",
    )
    return province, size, complete


def filters_text(province: str | None, size: str | None, complete: bool) -> dict[str, str]:
    """The filters as the Toelichting sheet shows them."""
    return {
        "Provincie": province or "Heel Nederland",
        "Aantal inwoners": size or "alle gemeenten",
        "Alleen gemeenten met alle gegevens": "ja" if complete else "nee",
    }


def _table_config(result: ranking.Ranking) -> dict:
    # The gender note is about the latest election among the women components (core.ranking).
    years = [indicators.GENDER_BASED[k] for k in result.components if k in indicators.GENDER_BASED]
    config = {
        **ranks.rank_columns(),
        "name": st.column_config.TextColumn("Gemeente"),
        "province_name": st.column_config.TextColumn("Provincie"),
        "score": st.column_config.NumberColumn(
            "Score", format="localized", help="0 tot 100; hoger = meer aandacht nodig."
        ),
        "used": st.column_config.TextColumn(
            "Onderdelen", help="Met hoeveel van de gekozen onderdelen de score is berekend."
        ),
        "in_basket": st.column_config.CheckboxColumn("In selectie", width="small"),
        "explanation": st.column_config.TextColumn("Waarom deze plaats", width="large"),
        "code": st.column_config.TextColumn("Code", width="small"),
        ranking.GENDER_NOTE: st.column_config.TextColumn(
            f"Geslacht raadsleden {max(years, default=indicators.CURRENT_YEAR)}",
            help="Waarop het aandeel vrouwen rust: geslacht geschat uit de voornaam waar de lijst "
            "het niet opgaf, en nog onbekend. ⚠ = samen meer dan 20% van de raad.",
        ),
    }
    for key, item in result.components.items():
        # Same header as the export: label, unit, and a mark for imported or fictitious data.
        config[key] = st.column_config.NumberColumn(
            safe.cell(export_table.header_label(item)),
            help=safe.markdown(item.definition),
            format="localized",
        )
    return config


def render_ranking(result: ranking.Ranking, shown: pd.DataFrame) -> None:
    """The ranked table (key `ranking`); selecting rows adds those gemeenten to the basket."""
    basket = set(st.session_state.get(frame.BASKET, []))
    table = shown.copy()
    table["score"] = table["score"].round(ranking.SCORE_DECIMALS)
    for key, item in result.components.items():
        table[key] = table[key].round(item.decimals)
    table["used"] = [
        f"{u} van {t}" + ("" if u == t else " (onvolledig)")
        for u, t in zip(table["components_used"], table["components_total"], strict=True)
    ]
    table["in_basket"] = table["code"].isin(basket)
    table["rank_filtered"] = ranks.with_ranks(table, shown)
    columns = ["rank_filtered", "rank", "name", "in_basket", "province_name", "score", "used"]
    columns += [*result.components]
    if ranking.GENDER_NOTE in table.columns:
        columns.append(ranking.GENDER_NOTE)
    columns += ["explanation", "code"]
    st.markdown(f"**{safe.markdown(ranking.components_text(result))}**")
    st.caption(
        f"{len(table)} van {len(result.table)} gemeenten. Klik links in een rij om een gemeente "
        "aan de selectie toe te voegen."
    )
    if table.empty:
        st.info("Geen gemeenten binnen deze filters. Maak de filters ruimer.")
    last = st.session_state.get(LAST_TABLE)
    if last is not None and last[0] != table["code"].tolist() and "ranking" in st.session_state:
        # New weights or filters: a kept selection would point at other rows by position.
        st.session_state["ranking"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    event = st.dataframe(
        safe.frame(table[columns]),
        column_config=_table_config(result),
        hide_index=True,
        key="ranking",
        on_select=_on_ranking_select,
        selection_mode="multi-row",
        height=420,
    )
    rows = event.selection.rows if event is not None else []
    # The table as the user sees it, with its selection: the callback reads new clicks against it.
    codes = table["code"].tolist()
    st.session_state[LAST_TABLE] = (codes, [codes[r] for r in rows if 0 <= r < len(codes)])
    incomplete = int((~result.table["complete"]).sum())
    st.caption(
        f"{ranking.SCORE_METHOD} {fmt.count(incomplete, 'gemeente mist', 'gemeenten missen')} "
        "een onderdeel "
        "(kolom Onderdelen: 'onvolledig')."
    )


def _on_ranking_select() -> None:
    """Add newly selected rows of the ranking to the basket (deselecting does not remove).

    Streamlit keeps a selection by row position when the table changes (new weights or
    filters), so the rows are read against the table the user clicked on (stored at render),
    and only rows that were not selected on that table count as new.
    """
    codes, before = st.session_state.get(LAST_TABLE, ([], []))
    rows = st.session_state["ranking"]["selection"]["rows"]
    now = [codes[r] for r in rows if 0 <= r < len(codes)]
    added = [c for c in now if c not in set(before)]
    if added:
        set_basket(added, "add")


def render_rules(shown: pd.DataFrame) -> None:
    """Quick rules on the table above: top N, all above a score, everything in a province."""
    st.caption("De regels werken op de ranglijst hierboven, met de filters die u koos.")
    cols = st.columns(3)
    with cols[0]:
        n = st.number_input("Hoeveel bovenaan?", 1, 342, 10, step=1, key="rule_top_n")
        st.button(
            "Top N toevoegen",
            key="rule_top_add",
            disabled=shown.empty,
            on_click=set_basket,
            args=(ranking.rule_top(shown, int(n)), "add"),
        )
    with cols[1]:
        # Whole points: a float field shows 75.00, with a decimal point no browser setting changes.
        x = st.number_input(
            "Score vanaf",
            0,
            100,
            75,
            step=5,
            format="%d",
            key="rule_score_min",
            help="Een heel getal van 0 tot 100.",
        )
        above = ranking.rule_above(shown, float(x))
        st.button(
            "Alles vanaf deze score toevoegen",
            key="rule_score_add",
            disabled=not above,
            on_click=set_basket,
            args=(above, "add"),
        )
        st.caption(
            f"{fmt.count(len(above), 'gemeente heeft', 'gemeenten hebben')} een score van "
            f"{fmt.number(x)} of meer."
        )
    with cols[2]:
        provinces = sorted(shown["province_name"].unique())
        p = st.selectbox(
            "Provincie", provinces, key="rule_province", index=None, placeholder="Kies"
        )
        st.button(
            "Hele provincie toevoegen",
            key="rule_province_add",
            disabled=p is None,
            on_click=set_basket,
            args=(ranking.rule_province(shown, p) if p else [], "add"),
        )


# --------------------------------------------------------------------------- basket


# --------------------------------------------------------------------------- export
