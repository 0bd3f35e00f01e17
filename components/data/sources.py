"""Sources, licences and the state of the data bundle (page Gegevens)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import bundle


def render_sources() -> None:
    """Every source of the bundle with publisher, licence and reference date."""
    st.markdown(
        "Alle cijfers in Raadsradar komen uit deze open bronnen. Bij elk cijfer in de app staan de "
        "bron en het peiljaar. CBS-gegevens vallen onder **CC BY 4.0**: bij hergebruik vermelden "
        "als *Bron: CBS*."
    )
    # A static table: eight rows whose long names should wrap, not scroll sideways.
    st.table(
        pd.DataFrame(bundle.SOURCES).rename(
            columns={
                "name": "Bron",
                "publisher": "Uitgever",
                "licence": "Licentie",
                "reference": "Peildatum",
                "used_for": "Gebruikt voor",
            }
        ),
        hide_index=True,
    )
    st.markdown(
        "**Niet in de bundel:** opleidingsniveau en beperking per gemeente, en kenmerken van "
        "kandidaten naast geslacht. Raadsradar schat die niet; voeg ze hierboven toe als eigen "
        "gegevens (de pagina Groepen zegt per groep waar de cijfers te vinden zijn)."
    )


def render_bundle_status() -> None:
    """Checked only when opened (reads every file): which files are fine, which are not."""
    with st.expander("Gegevensbundel controleren", key="bundle_check", on_change="rerun") as box:
        if not box.open:
            return
        rows = bundle.status()
        st.dataframe(
            pd.DataFrame(rows).rename(
                columns={"file": "Bestand", "state": "Toestand", "detail": "Toelichting"}
            ),
            hide_index=True,
            key="bundle_status",
        )
        broken = [r["file"] for r in rows if r["state"] != "in orde"]
        if broken:
            st.warning(
                f"Niet in orde: {', '.join(broken)}. Maak de bundel opnieuw met "
                f"`{bundle.REBUILD_COMMAND}` in de map van de app en start de app opnieuw."
            )
        else:
            st.success(
                f"Alle {len(rows)} bestanden zijn aanwezig, leesbaar en gelijk aan wat "
                "core.prepare schreef."
            )
