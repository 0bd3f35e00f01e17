"""The map's place: a static SVG of the map first, the interactive plotly map over it later.

The browser paints an inline SVG (core.charts.svg_map) as soon as the script's first deltas
arrive, long before it has fetched and evaluated plotly.js. The plotly chart goes into the same
container; the SVG lies over it (absolutely positioned, so it takes no space and the box keeps
its height: no layout shift) until maplibre has drawn the same state's polygons, then a small
script hides it. Clicks pass through the picture (pointer-events: none) at all times.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from components import data
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
  const hide = (picture) => {
    picture.style.visibility = 'hidden';
    picture.__rrHidden = picture.getAttribute('data-state');
  };
  // Whoever starts to pan or zoom works on the plotly map: never leave a stale picture over it.
  for (const kind of ['pointerdown', 'wheel', 'keydown']) {
    w.document.addEventListener(kind, (event) => {
      const view = event.target.closest && event.target.closest('[data-testid="stVerticalBlock"]');
      const picture = view && view.querySelector(':scope svg.rr-early-map');
      if (picture && view.querySelector('.js-plotly-plot')) hide(picture);
    }, {capture: true});
  }
  const tick = () => {
    for (const picture of w.document.querySelectorAll('svg.rr-early-map')) {
      const state = picture.getAttribute('data-state');
      if (picture.__rrHidden === state) continue;
      if (picture.__rrHidden !== undefined) {
        picture.style.visibility = 'visible';
        picture.__rrHidden = undefined;
      }
      const view = picture.closest('[data-testid="stVerticalBlock"]');
      const gd = view && view.querySelector('.js-plotly-plot');
      const meta = gd && gd.layout && gd.layout.meta;
      if (meta === state && painted(gd)) hide(picture);
    }
  };
  w.setInterval(tick, 50);
})();
</script>"""

# Per map place: its height before plotly's element exists, the picture laid over the chart
# (absolutely positioned: it takes no room, so nothing moves when it goes), the script out of flow.
STYLE = """<style>
.st-key-{key} {{position: relative; min-height: {height}px}}
.st-key-{key} .stElementContainer:has(svg.rr-early-map) {{
  position: absolute; top: 0; left: 0; right: 0; z-index: 3; pointer-events: none; margin: 0;
}}
.st-key-{key} .stElementContainer:has(svg.rr-early-map) * {{margin: 0; pointer-events: none}}
.st-key-{key} .stElementContainer:has(.stHtml) {{position: absolute; width: 0; height: 0}}
</style>"""


# Emitted at the top of a map page, before anything it positions:
# - phones: the map comes before its controls (Kaart) and before the measure picker
#   (Overzicht), and Streamlit's 6rem top padding shrinks, so the map is on the first screen;
# - a widget whose code has not loaded yet is a 40 px grey skeleton; it keeps the height of
#   the widget it becomes, so the map under it does not move when the code arrives;
# - the map's place has the map's height before its picture is parsed (HEIGHTS);
# - the frame's script elements (st.html, no key) are not 40 px skeletons above the title while
#   their code loads (they are 0 px high once it has).
HEIGHTS = {"map_view": 620, "overview_map_view": 560}  # px, the figures' layout.height
PAGE_STYLE = """<style>
.stElementContainer:has(.rr-page-style) {display: none}
@media (max-width: 640px) {
  .stMainBlockContainer {padding-top: 3.5rem}
  .st-key-kaart_explorer > div:has(.st-key-map_view) {order: -1}
  .st-key-overview_map_section > div:has(.st-key-overview_map_view) {order: -1}
}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]
  > .stElementContainer:not([class*="st-key-"]):has([data-testid="stSkeleton"]) {display: none}
.st-key-map_view {min-height: 620px}
.st-key-overview_map_view {min-height: 560px}
.st-key-indicator, .st-key-indicator_y, .st-key-scheme, .st-key-classes, .st-key-filter_province,
.st-key-filter_size, .st-key-select_mode, .st-key-overview_measure {min-height: 68px}
.st-key-high_contrast:has([data-testid="stSkeleton"]),
.st-key-basemap:has([data-testid="stSkeleton"]) {height: 24px; overflow: hidden}
.st-key-bivariate:has([data-testid="stSkeleton"]) {height: 32px; overflow: hidden}
</style>"""


def render_page_style() -> None:
    """The layout rules above; call first on a page with an early map.

    As markdown, not st.html: st.html's code is a lazily loaded chunk, and until it has arrived
    the element is a 40 px skeleton and its rules do not apply."""
    st.markdown(PAGE_STYLE + '<span class="rr-page-style"></span>', unsafe_allow_html=True)


@st.cache_resource(show_spinner=False, max_entries=64)
def _paths(center_lat: float, center_lon: float, zoom: float, folder: str) -> tuple[dict, dict]:
    """Projected gemeente and province paths for one view (shared; never mutated)."""
    center = {"lat": center_lat, "lon": center_lon}
    gemeenten = svg_map.project_paths(data.table("gemeenten_geo"), center, zoom)
    provinces = data.table("provincies_geo")
    return gemeenten, svg_map.project_paths(provinces, center, zoom, key=provinces.columns[0])


def picture(spec: dict, *, alt: str) -> str:
    """The SVG of a choropleth spec (same view, classes, colours, outlines); tags the spec's
    layout.meta with the picture's state so the page knows when the plotly map shows it."""
    center, zoom, _ = svg_map.view_of(spec)
    gemeenten, provinces = _paths(center["lat"], center["lon"], zoom, str(paths.bundle_dir()))
    drawn = svg_map.from_spec(
        spec, gemeenten, provinces, alt=alt, province_color=figures.PROVINCE_LINE
    )
    state = hashlib.blake2b(drawn.encode(), digest_size=6).hexdigest()
    spec["layout"]["meta"] = state
    return drawn.replace('data-state=""', f'data-state="{state}"', 1)


def render(spec: dict, *, view_key: str, alt: str) -> st.delta_generator.DeltaGenerator:
    """Open the map's place (container `view_key`) with the static picture in it; the caller
    puts the plotly chart into the returned container (after its controls, if it likes)."""
    height = svg_map.view_of(spec)[2]
    drawn = picture(spec, alt=alt)
    view = st.container(key=view_key)
    with view:
        st.markdown(STYLE.format(key=view_key, height=height) + drawn, unsafe_allow_html=True)
        st.html(SWAP_JS, unsafe_allow_javascript=True)
    return view
