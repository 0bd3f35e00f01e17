"""The slides' context on the published bundle, as the Presenteren page builds it (shared by the
slide, deck-render and legend tests)."""

from __future__ import annotations

import datetime as dt

from core import bundle
from core.charts import static_map
from core.outputs import slide_model


def on_bundle(made_on: dt.date) -> slide_model.Context:
    geo = bundle.load_table("gemeenten_geo")
    return slide_model.Context(
        tables={name: bundle.load_table(name) for name in bundle.TABLES},
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=made_on,
    )
