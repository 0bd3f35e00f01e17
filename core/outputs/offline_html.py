"""The offline HTML pack: one self-contained file with the slides, interactive maps and tables.

It must open from a USB stick (`file://`) with no network: plotly.js is inlined once, the maps are
`go.Scatter` polygons (no WebGL worker, no tiles; see core.charts.static_map), there are no fonts,
images, style sheets or scripts from elsewhere, and the styling uses no `url()` at all. Every
text from data or from the user is HTML-escaped.
"""

from __future__ import annotations

import pandas as pd
import plotly.io as pio

from core import fmt, safe
from core.outputs import slide_model

PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": True,
    # The camera button saves a PNG at presentation resolution, in the browser, offline.
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
}

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { scroll-snap-type: y proximity; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 22px; line-height: 1.4;
  color: #111; background: #fff; }
header, section { padding: 2rem 3rem; }
header { border-bottom: 4px solid #111; }
section { min-height: 100vh; scroll-snap-align: start; border-bottom: 2px solid #ccc;
  page-break-after: always; }
h1 { font-size: 2.4rem; margin: 0 0 .5rem; }
h2 { font-size: 2.2rem; margin: 0 0 .3rem; }
.subtitle { font-size: 1.1rem; color: #333; margin: 0 0 1rem; }
.warning { background: #b00020; color: #fff; font-weight: bold; padding: .6rem 1rem;
  margin: .5rem 0 1rem; }
.body { display: flex; gap: 2rem; align-items: flex-start; }
.figure { flex: 3 1 0; min-width: 0; margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.side { flex: 1 1 0; min-width: 16rem; order: 2; }
.side ul { padding-left: 1.2rem; margin: 0; }
.side li { margin-bottom: .6rem; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; }
.tile { background: #f2f2f2; padding: 1rem; }
.tile .value { font-size: 2.6rem; font-weight: bold; }
.tile .label { font-weight: bold; }
.tile .note { font-size: .8rem; color: #333; }
table { border-collapse: collapse; font-size: 1rem; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
details { margin-top: 1rem; font-size: .9rem; }
summary { cursor: pointer; font-weight: bold; }
.source { font-size: .8rem; color: #333; margin-top: 1rem; }
nav ol { columns: 2; font-size: 1rem; }
nav a { color: #003b7a; }
@media print { section { min-height: auto; } .plotly-graph-div { break-inside: avoid; } }
"""


def table_html(frame: pd.DataFrame, caption: str = "") -> str:
    """A plain HTML table with every cell escaped."""
    head = "".join(f'<th scope="col">{safe.html(c)}</th>' for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{'' if pd.isna(v) else safe.html(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    cap = f"<caption>{safe.html(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def tiles_html(tiles: list[slide_model.Tile]) -> str:
    return (
        '<div class="tiles">'
        + "".join(
            f'<div class="tile"><div class="value">{safe.html(t.value)}</div>'
            f'<div class="label">{safe.html(t.label)}</div><div class="note">{safe.html(t.note)}</div></div>'
            for t in tiles
        )
        + "</div>"
    )


def bullets_html(bullets: list[str]) -> str:
    if not bullets:
        return ""
    return "<ul>" + "".join(f"<li>{safe.html(b)}</li>" for b in bullets) + "</ul>"


def _figure_html(slide: slide_model.Slide, index: int, first: bool) -> str:
    """The interactive figure; plotly.js goes in once, with the first figure of the document."""
    div = pio.to_html(
        slide.figure,
        include_plotlyjs=first,
        full_html=False,
        config=PLOT_CONFIG,
        div_id=f"figuur-{index}",
        default_width="100%",
        default_height=f"{slide_model.MAP_HEIGHT}px",
        validate=False,
    )
    # A <figure> with a text summary, not role="img": plotly's tool buttons inside must stay
    # reachable (an img may not contain interactive elements).
    return (
        f'<figure class="figure" aria-label="{safe.html(slide.alt)}">{div}'
        f'<figcaption class="visually-hidden">{safe.html(slide.alt)}</figcaption></figure>'
    )


def _section(slide: slide_model.Slide, index: int, first_figure: bool) -> str:
    parts = [f'<section id="dia-{index}" class="slide slide-{safe.html(slide.kind)}">']
    parts.append(f"<h2>{safe.html(slide.title)}</h2>")
    if slide.warning:
        parts.append(f'<p class="warning" role="note">{safe.html(slide.warning)}</p>')
    if slide.subtitle:
        parts.append(f'<p class="subtitle">{safe.html(slide.subtitle)}</p>')
    if slide.figure is not None:
        # The side column comes first in the document (CSS puts it on the right): plotly sizes
        # the figure while the page is still being read, and a column that does not exist yet
        # takes no room, so the figure would be drawn too wide and cover it.
        parts.append(
            f'<div class="body"><div class="side">{bullets_html(slide.bullets)}</div>'
            f"{_figure_html(slide, index, first_figure)}</div>"
        )
    elif slide.kind == "figures":
        parts.append(tiles_html(slide.tiles) + bullets_html(slide.bullets))
    else:
        table = slide.full_table if slide.full_table is not None else slide.table
        if table is not None:
            parts.append(table_html(table))
        parts.append(bullets_html(slide.bullets))
    if slide.figure is not None and slide.full_table is not None:
        parts.append(
            f"<details><summary>{safe.html(slide.full_table_title or 'Tabel')}</summary>"
            f"{table_html(slide.full_table)}</details>"
        )
    if slide.notes:
        notes = "<br>".join(safe.html(line) for line in slide.notes.splitlines())
        parts.append(f"<details><summary>Toelichting en cijfers</summary><p>{notes}</p></details>")
    parts.append(f'<p class="source">{safe.html(slide.footer)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def follow_html(url: str, qr_svg: str, note: str = "") -> str:
    """QR code (inline SVG, made by core.outputs.qr) and the link to the live view; `note`
    says what the link leaves out (a basket too large for a QR code)."""
    label = url.split("://", 1)[-1]
    return (
        '<div class="follow"><h3>Kijk zelf verder</h3>'
        f'<figure role="img" aria-label="QR-code naar {safe.html(url)}">{qr_svg}</figure>'
        f'<p><a href="{safe.html(url)}">{safe.html(label)}</a></p>'
        + (f'<p class="source">{safe.html(note)}</p>' if note else "")
        + "</div>"
    )


def build(
    deck: list[slide_model.Slide],
    sources: list[str],
    *,
    title: str = "",
    follow: tuple[str, str] | None = None,
    follow_note: str = "",
) -> str:
    """The complete HTML document (a str; write it as UTF-8). `follow` = (live-view URL, its
    QR code as SVG) for the closing section, `follow_note` what that link leaves out."""
    made_on = deck[0].made_on if deck else None
    heading = title or "Raadsradar: presentatie"
    when = f" ({fmt.date(made_on)})" if made_on else ""
    sections = []
    first = True
    for index, slide in enumerate(deck, start=1):
        sections.append(_section(slide, index, first and slide.figure is not None))
        first = first and slide.figure is None
    toc = "".join(
        f'<li><a href="#dia-{i}">{safe.html(s.title)}</a></li>' for i, s in enumerate(deck, 1)
    )
    sources_html = "<ul>" + "".join(f"<li>{safe.html(s)}</li>" for s in sources) + "</ul>"
    if follow is not None:
        sources_html += follow_html(*follow, note=follow_note)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{safe.html(heading + when)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{safe.html(heading)}</h1>"
        f"<p>Offline pakket{safe.html(when)}: dit bestand werkt zonder internet. Beweeg over de "
        "kaarten voor de cijfers per gemeente; onder elke kaart staat de tabel. Blader met "
        "Page Down.</p>"
        f'<nav aria-label="Dia\'s"><ol>{toc}<li><a href="#bronnen">Bronnen</a></li></ol></nav>'
        "</header>\n<main>\n"
        + "\n".join(sections)
        + f'\n<section id="bronnen"><h2>Bronnen</h2>{sources_html}</section>\n'
        "</main>\n</body>\n</html>\n"
    )
