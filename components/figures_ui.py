"""Small renderers for key figures and tables with sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import catalogue, national, safe


def render_key_figures(figures: list[national.KeyFigure], columns: int = 3) -> None:
    """Metric tiles, each with its note and source under it."""
    for start in range(0, len(figures), columns):
        cols = st.columns(columns)
        for col, figure in zip(cols, figures[start : start + columns], strict=False):
            with col:
                st.metric(
                    figure.label,
                    figure.shown(),
                    delta=figure.delta or None,
                    delta_color=figure.delta_color,
                    delta_arrow=figure.delta_arrow,
                    border=True,
                )
                st.caption(f"{figure.note}. Bron: {figure.source}.")


def render_indicator_table(
    frame: pd.DataFrame, ids: list[str], key: str, extra: dict | None = None, **kwargs: object
) -> object:
    """A table of gemeenten with indicator columns labelled from the catalogue (values unrounded)."""
    frame = frame.copy()
    config = {
        "name": st.column_config.TextColumn("Gemeente"),
        "province_name": st.column_config.TextColumn("Provincie"),
        "code": st.column_config.TextColumn("Code"),
        "rank": st.column_config.NumberColumn("Rang", format="%d"),
        "reason": st.column_config.TextColumn("Waarom geen waarde"),
    }
    for indicator_id in ids:
        item = catalogue.get(indicator_id, extra)
        # Rounded for reading; "localized" follows the reader's browser (decimal comma in nl).
        frame[indicator_id] = frame[indicator_id].round(item.decimals)
        unit = "" if item.unit in ("aantal", "") else f" ({item.unit})"
        config[indicator_id] = st.column_config.NumberColumn(
            safe.cell(item.label + unit),
            # The header is plain text in the grid; the tooltip is markdown.
            help=safe.markdown(f"{item.definition} {catalogue.footnote(indicator_id, extra)}"),
            format="localized",
        )
    return st.dataframe(frame, column_config=config, hide_index=True, key=key, **kwargs)
