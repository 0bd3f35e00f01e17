"""Small renderers for key figures and tables with sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import catalogue, fmt, national


def render_key_figures(figures: list[national.KeyFigure], columns: int = 4) -> None:
    """Metric tiles, each with its note and source under it."""
    for start in range(0, len(figures), columns):
        cols = st.columns(columns)
        for col, figure in zip(cols, figures[start:start + columns], strict=False):
            with col:
                decimals = 0 if figure.unit != "%" and figure.value >= 100 else 1
                shown = fmt.percent(figure.value, decimals) if figure.unit == "%" else fmt.number(figure.value, decimals)
                st.metric(figure.label, shown, border=True)
                st.caption(f"{figure.note}. Bron: {figure.source}.")


def render_indicator_table(frame: pd.DataFrame, ids: list[str], key: str, **kwargs: object) -> object:
    """A table of gemeenten with indicator columns labelled from the catalogue (values unrounded)."""
    config = {"name": st.column_config.TextColumn("Gemeente"),
              "province_name": st.column_config.TextColumn("Provincie"),
              "code": st.column_config.TextColumn("Code")}
    for indicator_id in ids:
        item = catalogue.get(indicator_id)
        number_format = "%.0f" if item.decimals == 0 else "%.1f"
        config[indicator_id] = st.column_config.NumberColumn(
            item.label, help=f"{item.definition} {catalogue.footnote(indicator_id)}",
            format=number_format + ("%%" if item.unit == "%" else ""),
        )
    return st.dataframe(frame, column_config=config, hide_index=True, key=key, **kwargs)
