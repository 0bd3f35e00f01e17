"""Cached access to the data bundle for the app (the only place that caches bundle reads)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import bundle, paths


@st.cache_data(show_spinner=False)
def _table(name: str, folder: str) -> pd.DataFrame:
    return bundle.load_table(name, folder)


def table(name: str) -> pd.DataFrame:
    """One bundle table (copied per session by cache_data, so pages may modify it)."""
    return _table(name, str(paths.bundle_dir()))


def geojson(name: str = "gemeenten_geo") -> dict:
    """The static GeoJSON of a geometry table, shared read-only between sessions (never mutate)."""
    return _geojson(name, str(paths.bundle_dir()))


@st.cache_resource(show_spinner=False)
def _geojson(name: str, folder: str) -> dict:
    return bundle.geojson(bundle.load_table(name, folder))


def valid_codes() -> frozenset[str]:
    return frozenset(table("gemeenten")["code"])


FRAME_TABLES = ("gemeenten",)  # what the frame itself needs (basket, URL codes, sidebar)


def check_bundle() -> str | None:
    """None when the frame can run; else a Dutch description of what is wrong.

    Only the frame's own needs are checked here (the gemeenten table and the catalogue). A page
    that needs another, broken file shows the problem itself (frame.run_page), while the other
    pages keep working.
    """
    try:
        for name in FRAME_TABLES:
            table(name)
        bundle.load_catalogue()
    except bundle.BundleError as exc:
        return str(exc)
    return None
