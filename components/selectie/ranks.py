"""The two ranks of the Selectie page's tables, as the export names and computes them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import ranking
from core.outputs import export_table


def rank_columns() -> dict:
    """The two ranks with the export's headers: within the filters and in the whole country."""
    return {
        "rank_filtered": st.column_config.NumberColumn(
            export_table.RANK_FILTERED,
            format="%d",
            help="Plaats in de ranglijst met de filters die u koos (provincie, inwoners, alleen "
            "volledige gegevens). Leeg: de gemeente valt buiten de filters.",
        ),
        "rank": st.column_config.NumberColumn(
            export_table.RANK_NATIONAL,
            format="%d",
            help="Plaats onder alle gemeenten van Nederland, zonder filters.",
        ),
    }


def with_ranks(rows: pd.DataFrame, shown: pd.DataFrame | None) -> pd.Series:
    """The rank within the filters for `rows` (by code; empty outside the filters)."""
    if shown is None:
        return pd.Series(pd.NA, index=rows.index, dtype="Int64")
    ranks = rows["code"].map(ranking.rank_within(shown))
    return ranks.round().astype("Int64")
