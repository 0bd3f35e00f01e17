"""Cached access to the data bundle for the app (the only place that caches bundle reads)."""

from __future__ import annotations

import types
from collections.abc import Mapping

import orjson
import pandas as pd
import streamlit as st

from core import bundle, paths


@st.cache_resource(show_spinner=False)
def _table(name: str, folder: str) -> pd.DataFrame:
    # One copy per server, never handed out itself (see table).
    return bundle.load_table(name, folder)


def table(name: str) -> pd.DataFrame:
    """One bundle table, which the caller may modify.

    A shallow copy of the one the server holds: pandas 3 copies on write, so a change to the
    copy (a new column, a changed value) copies what it changes and never reaches the shared
    table. cache_data gave each caller a deep copy by unpickling it on every call, which cost
    more CPU per map page than the page's own work (bench/cpu.py)."""
    return _table(name, str(paths.bundle_dir())).copy(deep=False)


def geojson(name: str = "gemeenten_geo") -> dict:
    """The static GeoJSON of a geometry table, shared read-only between sessions (never mutate)."""
    return _geojson(name, str(paths.bundle_dir()))


@st.cache_resource(show_spinner=False)
def _geojson(name: str, folder: str) -> dict:
    return bundle.geojson(bundle.load_table(name, folder))


def geojson_json(name: str = "gemeenten_geo") -> tuple[dict, orjson.Fragment]:
    """`geojson(name)` and the same serialised once, as a fragment that orjson (plotly's JSON
    engine) writes as it is: a map spec that holds the shared GeoJSON need not encode it again
    on every run of every session (components.maps.ChartSpec)."""
    return _geojson_json(name, str(paths.bundle_dir()))


@st.cache_resource(show_spinner=False)
def _geojson_json(name: str, folder: str) -> tuple[dict, orjson.Fragment]:
    shared = _geojson(name, folder)
    return shared, orjson.Fragment(orjson.dumps(shared))


def valid_codes() -> frozenset[str]:
    return frozenset(names())


def names() -> Mapping[str, str]:
    """Gemeente name by code, in the bundle's order (shared read-only; a dict lookup, where a
    lookup in an indexed copy of the table rebuilds pandas' index engine on every call)."""
    return _names(str(paths.bundle_dir()))


@st.cache_resource(show_spinner=False)
def _names(folder: str) -> Mapping[str, str]:
    gemeenten = _table("gemeenten", folder)
    return types.MappingProxyType(dict(zip(gemeenten["code"], gemeenten["name"], strict=True)))


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
