"""The map view in a shared link: filters, classes and zoom as URL query parameters (pure)."""

from __future__ import annotations

import dataclasses
import math
import re

from core import classify, mapview

# URL parameter -> the session_state entry that keeps it across pages (components/kaart/controls.KEPT
# keeps each control's value under "kaart_kept_<widget key>").
PARAMS = {
    "province": "kaart_kept_filter_province",
    "size": "kaart_kept_filter_size",
    "scheme": "kaart_kept_scheme",
    "classes": "kaart_kept_classes",
    "breaks": "kaart_kept_manual_breaks",
}
ZOOM_PARAM = "zoom"
ZOOM_STATE = "kaart_zoom"  # {"lat": .., "lon": .., "zoom": ..} from the link, for the first draw
DEFAULTS = {"scheme": "quantiles", "classes": 5}
# Inside the Netherlands (with a margin) and within maplibre's zoom range.
_LAT = (50.0, 54.5)
_LON = (2.5, 8.0)
_ZOOM = (3.0, 16.0)
# ASCII digits only: "²" passes str.isdigit() but not int(), and "٣" or "５" pass int() but are
# no number anyone typed in a link of ours. Such values are reported like any other.
_WHOLE = re.compile(r"[0-9]{1,3}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,3}(\.[0-9]{1,12})?")


@dataclasses.dataclass(frozen=True)
class Parsed:
    """What a link's view parameters restore, and what they held that could not be used."""

    state: dict[str, object]
    rejected: list[str]


def parse(params: dict[str, str], provinces: list[str]) -> Parsed:
    """Read the view parameters of a link; unknown values are reported, never guessed."""
    state: dict[str, object] = {}
    rejected: list[str] = []
    province = params.get("province")
    if province:
        if province in provinces:
            state[PARAMS["province"]] = province
        else:
            rejected.append(f"province={province}")
    size = params.get("size")
    if size:
        if size in mapview.SIZE_CLASSES:
            state[PARAMS["size"]] = size
        else:
            rejected.append(f"size={size}")
    scheme = params.get("scheme")
    if scheme:
        if scheme in classify.SCHEMES:
            state[PARAMS["scheme"]] = scheme
        else:
            rejected.append(f"scheme={scheme}")
    classes = params.get("classes")
    if classes:
        if _WHOLE.fullmatch(classes) and classify.MIN_K <= int(classes) <= classify.MAX_K:
            state[PARAMS["classes"]] = int(classes)
        else:
            rejected.append(f"classes={classes}")
    breaks = params.get("breaks")
    if breaks and state.get(PARAMS["scheme"]) == "manual":
        state[PARAMS["breaks"]] = breaks
    zoom = params.get(ZOOM_PARAM)
    if zoom:
        view = parse_zoom(zoom)
        if view is None:
            rejected.append(f"zoom={zoom}")
        else:
            state[ZOOM_STATE] = view
    return Parsed(state, rejected)


def parse_zoom(text: str) -> dict[str, float] | None:
    """'52.1,5.3,7.25' (lat, lon, zoom) -> {"lat", "lon", "zoom"}; None when out of range."""
    parts = text.split(",")
    if len(parts) != 3 or not all(_DECIMAL.fullmatch(p) for p in parts):
        return None
    lat, lon, zoom = (float(p) for p in parts)
    if not all(math.isfinite(v) for v in (lat, lon, zoom)):
        return None
    if not (
        _LAT[0] <= lat <= _LAT[1] and _LON[0] <= lon <= _LON[1] and _ZOOM[0] <= zoom <= _ZOOM[1]
    ):
        return None
    return {"lat": lat, "lon": lon, "zoom": zoom}


def serialise(state: dict[str, object]) -> dict[str, str]:
    """The view parameters for the URL ('' = leave the parameter out: default or not set)."""
    out: dict[str, str] = {}
    for name, key in PARAMS.items():
        value = state.get(key)
        if value is None or value == "" or DEFAULTS.get(name) == value:
            out[name] = ""
        else:
            out[name] = str(value)
    if state.get(PARAMS["scheme"]) != "manual":
        out["breaks"] = ""
    view = state.get(ZOOM_STATE)
    out[ZOOM_PARAM] = (
        f"{view['lat']:.4f},{view['lon']:.4f},{view['zoom']:.2f}" if isinstance(view, dict) else ""
    )
    return out
