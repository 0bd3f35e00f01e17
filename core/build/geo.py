"""Geometry: decode TopoJSON, simplify shared arcs, and link old municipal divisions to the new one."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon

# Metric CRS for areas (Amersfoort / RD New), so overlap shares are true area shares.
RD_NEW = "EPSG:28992"


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    """Turn quantized, delta-encoded TopoJSON arcs into absolute lon/lat arrays."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=float)[:, :2]
        if transform:
            points = np.cumsum(points, axis=0)
            points = points * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        arcs.append(points)
    return arcs


def _simplify_arcs(arcs: list[np.ndarray], tolerance: float) -> list[np.ndarray]:
    """Simplify each shared arc once, so that neighbours keep an identical common border."""
    if tolerance <= 0:
        return arcs
    simplified = []
    for points in arcs:
        if len(points) <= 2:
            simplified.append(points)
            continue
        line = LineString(points).simplify(tolerance, preserve_topology=False)
        simplified.append(np.asarray(line.coords))
    return simplified


def _ring(indices: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for position, index in enumerate(indices):
        # A negative index ~i means arc i walked backwards (TopoJSON spec).
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(points if position == 0 else points[1:])
    return np.concatenate(parts)


def _polygon(rings: list[list[int]], arcs: list[np.ndarray], fallback: list[np.ndarray]) -> Polygon:
    coords = []
    for ring_arcs in rings:
        ring = _ring(ring_arcs, arcs)
        if len(ring) < 4:
            # A tiny ring can collapse when simplified: keep it at full detail.
            ring = _ring(ring_arcs, fallback)
        coords.append(ring)
    return Polygon(coords[0], coords[1:])


def polygonal(shape: shapely.Geometry) -> Polygon | MultiPolygon:
    """Repair a shape and keep only its polygon parts (make_valid can add stray lines)."""
    if not shape.is_valid:
        shape = shapely.make_valid(shape)
    parts = [p for p in shapely.get_parts(shape) if isinstance(p, Polygon) and not p.is_empty]
    if not parts:
        parts = [
            q for p in shapely.get_parts(shape) if isinstance(p, MultiPolygon) for q in p.geoms
        ]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def read_topojson(path: Path, object_name: str, tolerance: float = 0.0) -> gpd.GeoDataFrame:
    """Read one object of a TopoJSON file as a GeoDataFrame (EPSG:4326), one row per geometry."""
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    if topology.get("type") != "Topology" or object_name not in topology.get("objects", {}):
        raise ValueError(f"{Path(path).name}: geen TopoJSON met object {object_name!r}")
    full = _decode_arcs(topology)
    arcs = _simplify_arcs(full, tolerance)
    rows, geometries = [], []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry["type"]
        if kind == "Polygon":
            shape = _polygon(geometry["arcs"], arcs, full)
        elif kind == "MultiPolygon":
            shape = MultiPolygon([_polygon(p, arcs, full) for p in geometry["arcs"]])
        else:
            raise ValueError(f"{Path(path).name}: onverwacht geometrietype {kind!r}")
        rows.append(geometry.get("properties", {}))
        geometries.append(polygonal(shape))
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geometries, crs="EPSG:4326")


def round_geometry(frame: gpd.GeoDataFrame, decimals: int) -> gpd.GeoDataFrame:
    """Round coordinates (4 decimals is about 10 m) so the browser payload stays small."""
    out = frame.copy()
    rounded = shapely.set_precision(out.geometry.values, 10.0**-decimals)
    out["geometry"] = [polygonal(shape) for shape in rounded]
    return out


def overlap_matrix(
    old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, old_key: str, new_key: str
) -> pd.DataFrame:
    """Area overlap between every old and new unit: share of the old and of the new unit's area."""
    old_m = old[[old_key, "geometry"]].to_crs(RD_NEW)
    new_m = new[[new_key, "geometry"]].to_crs(RD_NEW)
    old_m["old_area"] = old_m.area
    new_m["new_area"] = new_m.area
    pieces = gpd.overlay(
        old_m.rename(columns={old_key: "old_code"}),
        new_m.rename(columns={new_key: "new_code"}),
        how="intersection",
        keep_geom_type=True,
    )
    pieces["area"] = pieces.area
    out = pieces.groupby(["old_code", "new_code"], as_index=False).agg(
        area=("area", "sum"), old_area=("old_area", "first"), new_area=("new_area", "first")
    )
    out["share_of_old"] = out["area"] / out["old_area"]
    out["share_of_new"] = out["area"] / out["new_area"]
    return out[["old_code", "new_code", "share_of_old", "share_of_new"]]
