"""Sources, licences and the state of the data bundle (page Gegevens)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache
from core import bundle, fmt


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


def render_election_2026() -> None:
    """How the 2026 election came into the bundle: derived files, their checks, what is missing."""
    st.subheader("De verkiezing van 18 maart 2026")
    st.markdown(
        "De cijfers over 2026 komen uit twee bestanden die zijn **afgeleid uit bestanden van de "
        "Kiesraad** (beschreven in SOURCES.md bij de ruwe gegevens, delen 2c en 2d):\n\n"
        "- **Kandidatenlijsten per lijst** (alle 340 gemeenten die kozen, 2.926 lijsten, 61.751 "
        "kandidaten): per lijst het aantal kandidaten en het opgegeven geslacht van elke "
        "kandidaat, overgenomen uit het landelijke kandidatenbestand van de Kiesraad, zonder "
        "namen. Gecontroleerd: kandidaatnummers 1 tot n zonder gaten; lijstnummers 1 tot k per "
        "gemeente; precies dezelfde 340 gemeenten als de raadszetels van 2026; Groningen opnieuw "
        "gelezen en op elk getal en elk geslacht gelijk; 30 lijsten twee keer gelezen en gelijk; "
        "het aantal lijsten per gemeente gelijk aan het aantal partijen in de uitslag.\n"
        "- **Uitslag per partij** (339 gemeenten): stemmen, zetels en het opgegeven geslacht van "
        "de gekozen raadsleden, uit de samenvatting van de officiële uitslag door het project "
        "GRtool. Gecontroleerd: de zetels per gemeente tellen op tot de raadsgrootte en de "
        "stemmen tot het totaal; per partij evenveel gekozenen als zetels; raadsgroottes gelijk "
        "aan de Kiesraad; steekproeven (Groningen, Gooise Meren, Gouda, Gulpen-Wittem, "
        "Haaksbergen) gelijk aan de bron.\n\n"
        "Raadsradar controleert bij het bouwen van de bundel opnieuw dat de tellingen per lijst "
        "kloppen, dat de zetels per gemeente gelijk zijn aan de raadsgrootte en dat alleen "
        "Gorinchem geen uitslag heeft. **Hilversum en Wijdemeren** kozen op 18 maart 2026 niet "
        "(herindeling). Van **Gorinchem** ontbreekt de uitslag in de bron: de cijfers over "
        "kandidaten zijn er wel, die over de gekozen raad niet."
    )


def render_gender_method() -> None:
    """The gender estimate per step: what decides, how often it was right, how often used."""
    st.subheader("Geslacht van raadsleden geschat uit de voornaam")
    try:
        table = cache.table("gender_method")
    except bundle.BundleError as exc:
        st.warning(f"De methodetabel is niet te lezen: {exc}")
        return
    st.markdown(
        "Waar de lijst het geslacht van een gekozen raadslid niet opgaf, schat Raadsradar het uit "
        "de voornaam, in stappen; de eerste stap die antwoordt, beslist. Namen die voor beide "
        "geslachten gebruikt worden, worden niet geschat. Getoetst op de raadsleden van 2022 van "
        "wie de lijst het geslacht wél opgaf. In de bundel staan alleen aantallen per raad, "
        "geen namen en geen schatting per lijst."
    )
    # Dutch number format as text (st.table shows raw integers as 5477).
    shown = pd.DataFrame(
        {
            "Stap": table["meaning"],
            "Goed (toets 2022)": table["checked_right_2022"].map(fmt.number),
            "Fout (toets 2022)": table["checked_wrong_2022"].map(fmt.number),
            "Nauwkeurigheid": [
                fmt.percent(v, 1, missing="niet geschat") for v in table["accuracy_2022"]
            ],
            **{
                f"Zonder opgegeven geslacht {year}": table[f"elected_{year}"].map(fmt.number)
                for year in (2026, 2022, 2018, 2014)
            },
        }
    )
    st.table(shown, hide_index=True)
    st.caption(
        "De laatste vier kolommen: hoeveel gekozen raadsleden zonder opgegeven geslacht elke "
        "stap besliste (of waarom niet geschat), per verkiezing. Bronnen: gender-guesser 0.4.0 (namenlijst van gender.c met een kolom voor Nederland) en "
        "nomquamgender 0.1.4 (naam-geslachtgegevens uit 36 bronnen), beide via PyPI. Toets: "
        "Kiesraad, uitslagen gemeenteraadsverkiezingen 16 maart 2022 (EML)."
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
