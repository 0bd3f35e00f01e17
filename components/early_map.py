"""The map's place: a static picture of the map first, the interactive plotly map over it later.

The browser paints an image of the map's SVG (core.charts.svg_map, as a data URI) as soon as
the script's first deltas arrive, long before it has fetched and evaluated plotly.js. The plotly
chart goes into the same container; the picture lies over it (absolutely positioned, so it takes no space and the box keeps
its height: no layout shift) until maplibre has drawn the same state's polygons, then a small
script hides it. Clicks pass through the picture (pointer-events: none) at all times.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import cache
from core import paths
from core.charts import figures, svg_map

# Hides a picture once the plotly map in the same container shows the same state (layout.meta)
# and maplibre has loaded its sources and drawn polygons; shows it again when a new state
# arrives (Streamlit may reuse the <svg> node with new attributes). One interval per page.
SWAP_JS = """<script>
(() => {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__rrEarlyMap) return;
  w.__rrEarlyMap = true;
  const painted = (gd) => {
    const layout = gd._fullLayout;
    if (!layout) return false;
    const traces = (gd.data || []).filter((t) => (t.locations || []).length).length;
    const ids = (layout._subplots || {}).map || ['map'];
    for (const id of ids) {
      const map = layout[id] && layout[id]._subplot && layout[id]._subplot.map;
      if (!map) return false;
      try {
        // Every trace's polygons drawn (or maplibre done loading, if some are out of view).
        const layers = new Set(map.queryRenderedFeatures()
          .filter((f) => /^plotly-trace-layer-.*-fill$/.test(f.layer.id))
          .map((f) => f.layer.id));
        if (!layers.size || (layers.size < traces && !map.loaded())) return false;
      } catch (e) { return false; }
    }
    return true;
  };
  // Phones: the view was made for a wide box; where the box is narrower, zoom out until the
  // area (a trace's meta.fit, the picture's data-fit: west, south, east, north) is whole.
  // The picture is scaled about the map's centre, the map gets the same zoom (as if the
  // person had zoomed, so plotly keeps it on the next state); a view of the person's own
  // (a zoom in the link, or panned and zoomed here) is left alone.
  const merc = (lat) => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
  const fitZoom = (box, lat, lon, width, height) => {
    const [west, south, east, north] = box;
    const halfX = Math.max(east - lon, lon - west, 1e-6);
    const halfY = Math.max(merc(north) - merc(lat), merc(lat) - merc(south), 1e-9);
    const zx = Math.log2(((width / 2 - 6) * 360) / (512 * halfX));
    const zy = Math.log2(((height / 2 - 6) * 2 * Math.PI) / (512 * halfY));
    return Math.min(zx, zy);
  };
  const fitPicture = (picture) => {
    const fit = picture.getAttribute('data-fit');
    const holder = picture.closest('.stElementContainer');
    if (!fit || !holder) return;
    const width = holder.clientWidth;
    const height = parseFloat(picture.getAttribute('height'));
    const key = `${picture.getAttribute('data-state')}|${width}`;
    if (!width || picture.__rrFit === key) return;
    picture.__rrFit = key;
    const zoom = parseFloat(picture.getAttribute('data-zoom'));
    const [lat, lon] = picture.getAttribute('data-center').split(',').map(Number);
    const scale = Math.min(1, 2 ** (fitZoom(fit.split(',').map(Number), lat, lon, width, height) - zoom));
    const wide = scale < 0.999;
    picture.style.maxWidth = wide ? 'none' : '';
    picture.style.width = wide ? `${width / scale}px` : '100%';
    picture.style.marginLeft = wide ? `${(width - width / scale) / 2}px` : '';
    picture.style.transformOrigin = '50% 50%';
    picture.style.transform = wide ? `scale(${scale})` : '';
  };
  const fitMap = (gd) => {
    const trace = (gd.data || []).find((t) => t && t.meta && t.meta.fit);
    const layout = gd._fullLayout;
    const map = layout && layout.map && layout.map._subplot && layout.map._subplot.map;
    if (!trace || !map || typeof gd.on !== 'function') return;
    if (!gd.__rrFitHook) {
      gd.__rrFitHook = true;
      gd.on('plotly_relayout', () => {
        if (!gd.__rrFitting) gd.__rrUserView = gd.layout.uirevision;
      });
    }
    const width = gd.clientWidth;
    const height = gd.clientHeight;
    const key = [gd.layout.meta, gd.layout.uirevision, width, height].join('|');
    if (!width || gd.__rrFit === key) return;
    gd.__rrFit = key;
    if (gd.__rrUserView !== undefined && gd.__rrUserView === gd.layout.uirevision) return;
    const centre = map.getCenter();
    const zoom = fitZoom(trace.meta.fit, centre.lat, centre.lng, width, height);
    if (zoom >= map.getZoom() - 0.001) return;
    gd.__rrFitting = true;
    try {
      map.jumpTo({zoom}, {originalEvent: {type: 'rr-fit'}});
    } finally {
      gd.__rrFitting = false;
    }
  };
  const hide = (picture) => {
    picture.style.visibility = 'hidden';
    picture.__rrHidden = picture.getAttribute('data-state');
  };
  // Whoever starts to pan or zoom works on the plotly map: never leave a stale picture over it.
  for (const kind of ['pointerdown', 'wheel', 'keydown']) {
    w.document.addEventListener(kind, (event) => {
      const view = event.target.closest && event.target.closest('[data-testid="stVerticalBlock"]');
      const picture = view && view.querySelector(':scope .rr-early-map');
      if (picture && view.querySelector('.js-plotly-plot')) hide(picture);
    }, {capture: true});
  }
  const tick = () => {
    for (const gd of w.document.querySelectorAll('.js-plotly-plot')) fitMap(gd);
    for (const picture of w.document.querySelectorAll('.rr-early-map')) fitPicture(picture);
    for (const picture of w.document.querySelectorAll('.rr-early-map')) {
      const state = picture.getAttribute('data-state');
      if (picture.__rrHidden === state) continue;
      if (picture.__rrHidden !== undefined) {
        picture.style.visibility = 'visible';
        picture.__rrHidden = undefined;
      }
      const view = picture.closest('[data-testid="stVerticalBlock"]');
      const gd = view && view.querySelector('.js-plotly-plot');
      const meta = gd && gd.layout && gd.layout.meta;
      if (meta === state && painted(gd)) {
        hide(picture);
        ready();
      }
    }
    // Sections under the map wait for it (components/later.py); without a painted map
    // (no WebGL, say) they come after 20 s anyway.
    const button = w.document.querySelector('.st-key-map_ready_button button');
    if (button && !button.__rrSeen) button.__rrSeen = performance.now();
    if (button && performance.now() - button.__rrSeen > 20000) ready();
  };
  const ready = () => {
    const button = w.document.querySelector('.st-key-map_ready_button button');
    if (button && !button.__rrClicked) {
      button.__rrClicked = true;
      button.click();
    }
  };
  w.setInterval(tick, 50);
})();
</script>"""

# Per map place: its height before plotly's element exists, and the picture laid over the chart
# (absolutely positioned: it takes no room, so nothing moves when it goes).
STYLE = """<style>
.st-key-{key} {{position: relative; min-height: {height}px}}
.st-key-{key} .stElementContainer:has(.rr-early-map) {{
  position: absolute; top: 0; left: 0; right: 0; z-index: 3; pointer-events: none; margin: 0;
  overflow: hidden;
}}
.st-key-{key} .stElementContainer:has(.rr-early-map) * {{margin: 0; pointer-events: none}}
.st-key-{key} .stElementContainer:has([data-testid="stSkeleton"]) {{visibility: hidden}}
</style>"""


# Layout rules for the map pages, sent with the frame's house CSS (frame.render_styles, so they
# apply before the widgets' code arrives):
# - phones: Streamlit's 6rem top padding shrinks, so the map is on the first screen (the
#   controls beside the map stack under it by themselves);
# - a toggle whose code has not loaded yet is a 40 px grey skeleton; it gets the height of
#   the toggle it becomes (a selectbox without a visible label is 40 px itself);
# - the map's place has the map's height before its picture is parsed (HEIGHTS);
# - the overview's measure radio (five long labels in a narrow column) is a 40 px skeleton
#   until its code loads, then 185-519 px tall by the column's width: the skeleton gets the
#   height the radio will have at that width (measured at 1024-1920 px wide windows), so the
#   legend under it does not jump down.
READY = "map_ready"  # session_state: this session's browser has painted an interactive map
LAST_VIEW = "_early_map_last_view"  # session_state: the map place drawn last
HEIGHTS = {"map_view": 620, "overview_map_view": 560}  # px, the figures' layout.height
PAGE_STYLE = """<style>
@media (max-width: 640px) {
  .stMainBlockContainer {padding-top: 3.5rem}
}
.st-key-map_view {min-height: 620px}
.st-key-overview_map_view {min-height: 560px}
.st-key-high_contrast:has([data-testid="stSkeleton"]),
.st-key-basemap:has([data-testid="stSkeleton"]) {height: 24px; overflow: hidden}
.st-key-bivariate:has([data-testid="stSkeleton"]) {height: 32px; overflow: hidden}
.st-key-overview_measure_box {container-type: inline-size}
.st-key-overview_measure:has([data-testid="stSkeleton"]) {min-height: 185px}
@container (max-width: 245px) {
  .st-key-overview_measure:has([data-testid="stSkeleton"]) {min-height: 252px}
}
@container (max-width: 190px) {
  .st-key-overview_measure:has([data-testid="stSkeleton"]) {min-height: 274px}
}
@container (max-width: 165px) {
  .st-key-overview_measure:has([data-testid="stSkeleton"]) {min-height: 319px}
}
@container (max-width: 130px) {
  .st-key-overview_measure:has([data-testid="stSkeleton"]) {min-height: 519px}
}
</style>"""


@st.cache_resource(show_spinner=False, max_entries=64)
def _paths(center_lat: float, center_lon: float, zoom: float, folder: str) -> tuple[dict, dict]:
    """Projected gemeente and province paths for one view (shared; never mutated)."""
    center = {"lat": center_lat, "lon": center_lon}
    gemeenten = svg_map.project_paths(cache.table("gemeenten_geo"), center, zoom)
    provinces = cache.table("provincies_geo")
    return gemeenten, svg_map.project_paths(provinces, center, zoom, key=provinces.columns[0])


def picture(spec: dict, *, alt: str, shared: bool = False) -> str:
    """The map's picture (an `<img>` of the SVG of a choropleth spec: same view, classes,
    colours, outlines); tags the spec's layout.meta with the picture's state so the page knows
    when the plotly map shows it. `shared`: the map shows only published data, so the picture
    may be kept for every session (a room that opens the same map draws it once)."""
    drawn = svg_map.layers(spec)
    state = svg_map.state_of(spec, drawn, alt)
    spec["layout"]["meta"] = state
    if shared:
        # The fit (phones) is written on the picture's tag, not drawn: part of the key too.
        fit = repr(figures.fit_of(spec))
        return _shared_picture(state, fit, str(paths.bundle_dir()), spec, alt, drawn)
    return _draw(spec, alt, drawn, state)


def tag(spec: dict, *, alt: str) -> None:
    """Only the state tag of `picture` (for a run that does not send the picture)."""
    spec["layout"]["meta"] = svg_map.state_of(spec, svg_map.layers(spec), alt)


def _draw(spec: dict, alt: str, drawn: dict, state: str) -> str:
    center, zoom, height = svg_map.view_of(spec)
    gemeenten, provinces = _paths(center["lat"], center["lon"], zoom, str(paths.bundle_dir()))
    svg = svg_map.from_spec(
        spec, gemeenten, provinces, alt=alt, province_color=figures.PROVINCE_LINE, drawn=drawn
    )
    return svg_map.as_img(
        svg,
        alt=alt,
        state=state,
        height=height,
        zoom=zoom,
        fit=figures.fit_of(spec),
        center=center,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def _shared_picture(state: str, fit: str, folder: str, _spec: dict, _alt: str, _drawn: dict) -> str:
    # Keyed by the state alone: it is a digest of everything the picture shows (svg_map.state_of).
    return _draw(_spec, _alt, _drawn, state)


def render(
    spec: dict,
    *,
    view_key: str,
    alt: str,
    draw_chart: Callable[[dict], object],
    shared: bool = False,
) -> object:
    """The map's place (container `view_key`): the static picture, and the interactive chart,
    drawn by `draw_chart(spec)`, under it; returns what `draw_chart` returned (the event).
    `shared`: the map holds published data only (see `picture`).

    The picture is absolutely positioned over the chart's box (STYLE, in the same element), so
    the box keeps the chart's height: nothing moves when the picture goes. Until Streamlit's
    HTML code has loaded, the picture's element is a small placeholder above the chart; it
    leaves the flow when the picture arrives, before plotly.js has drawn anything."""
    height = svg_map.view_of(spec)[2]
    # Once this session's browser has painted an interactive map (components/later.py) and this
    # map was the one drawn last, plotly updates it in place on a change (the old map stays
    # until the new one is drawn): the picture (~70 kB per change) is only needed while plotly.js
    # has not arrived, or for a map the page has not shown yet (another page's, say). The
    # element stays (the style only), so the chart keeps its place among the view's elements.
    state = st.session_state
    on_screen = state.get(READY) and state.get(LAST_VIEW) == view_key
    state[LAST_VIEW] = view_key
    # The spec is always tagged with its state: a chart whose spec changed between runs is a new
    # widget to Streamlit (its selection event lost). The picture itself is drawn only when sent.
    if on_screen:
        tag(spec, alt=alt)
        drawn = ""
    else:
        drawn = picture(spec, alt=alt, shared=shared)
    with st.container(key=view_key):
        st.markdown(STYLE.format(key=view_key, height=height) + drawn, unsafe_allow_html=True)
        event = draw_chart(spec)
    return event
