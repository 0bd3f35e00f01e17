"""Presentation slides built from the bundle, the basket and the indicator chosen on the map.

Slide ids are stable strings: "national", "map:<indicator id>" (one per indicator chosen for
a map; by default the one on the page Kaart), "shortage_map" (the headline shortage measure), "change_map" (its change since 2022),
"bivariate", "groups", "focus" and "profile:GM0363" (one per chosen gemeente). The slide
itself and its context are in slide_model; the builders in slide_maps and slide_tables.
"""

from __future__ import annotations

from core import bundle, catalogue
from core.outputs import slide_maps, slide_model, slide_tables


def options(ctx: slide_model.Context) -> dict[str, str]:
    """Every slide that can be shown now: id -> default title, in the default order."""
    out = {"national": "Het landelijke beeld"}
    # The talk's own maps come first: a presentation about women opens with their map.
    for item_id in dict.fromkeys(ctx.map_indicators):
        if ctx.known(item_id) and item_id != catalogue.HEADLINE_SHORTAGE:
            out[f"{slide_model.MAP_PREFIX}{item_id}"] = f"Kaart: {ctx.meta(item_id).label}"
    out["shortage_map"] = "Waar zijn de minste kandidaten per zetel?"
    out["change_map"] = "Meer of minder kandidaten per zetel dan in 2022?"
    out["bivariate"] = "Weinig kandidaten én weinig vrouwen in de raad"
    out["groups"] = "Vrouwen en andere groepen in de raad"
    out["focus"] = "Focusgemeenten"
    names = ctx.names()
    for code in ctx.profiles:
        if code in names:
            out[f"{slide_model.PROFILE_PREFIX}{code}"] = f"Profiel: {names[code]}"
    return out


def build(slide_id: str, ctx: slide_model.Context, title: str | None = None) -> slide_model.Slide:
    """One slide by id, with the user's title when given."""
    available = options(ctx)
    if slide_id not in available:
        raise KeyError(f"Onbekende of niet beschikbare dia: {slide_id!r}")
    default = available[slide_id]
    if slide_id.startswith(slide_model.PROFILE_PREFIX):
        slide = slide_tables.profile_slide(ctx, slide_id, default)
    elif slide_id.startswith(slide_model.MAP_PREFIX):
        slide = slide_maps.indicator_map_slide(ctx, slide_id, default)
    else:
        builder = {
            "national": slide_tables.national_slide,
            "shortage_map": slide_maps.shortage_map_slide,
            "change_map": slide_maps.change_map_slide,
            "bivariate": slide_maps.bivariate_slide,
            "groups": slide_tables.groups_slide,
            "focus": slide_tables.focus_slide,
        }[slide_id]
        slide = builder(ctx, default)
    return slide.with_title(title)


def deck(
    ids: list[str], ctx: slide_model.Context, titles: dict[str, str] | None = None
) -> list[slide_model.Slide]:
    """The slides in the chosen order (unknown ids are skipped)."""
    available = options(ctx)
    titles = titles or {}
    return [build(i, ctx, titles.get(i)) for i in ids if i in available]


def sources(slides: list[slide_model.Slide]) -> list[str]:
    """The closing sources slide: every source the slides cite, then the bundle's open data
    with publisher, reference date and licence."""
    cited = list(dict.fromkeys(source for slide in slides for source in slide.sources))
    data = [
        f"Open data in Raadsradar: {s['name']} ({s['publisher']}, {s['reference']}; "
        f"licentie: {s['licence']})"
        for s in bundle.SOURCES
    ]
    return [*cited, *data]
