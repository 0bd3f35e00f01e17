"""Presenteren: the room follows along, with a QR code and a link to the live view."""

from __future__ import annotations

import streamlit as st

from core.outputs import qr, slide_model

PAGE_PATH = "presenteren"  # this page's url_path: the app's address is the browser's minus it


def follow_link(ctx: slide_model.Context) -> qr.FollowLink:
    """The live view of the presented basket and indicator, on the configured address or else
    the one this browser used (read during the script run: downloads are made later)."""
    base = qr.public_base(
        browser_url=st.context.url, headers=st.context.headers, page_path=PAGE_PATH
    )
    return qr.follow_link(base, list(ctx.basket), ctx.indicator_id)


@st.cache_data(max_entries=64, show_spinner=False)
def _qr_png(url: str) -> bytes:
    return qr.png(url, scale=8)


def render_follow_along(link: qr.FollowLink) -> None:
    """QR code and link to the live view, so the room can open what is presented."""
    with st.container(key="present_follow"):
        cols = st.columns([1, 4], vertical_alignment="center")
        cols[0].image(
            _qr_png(link.url),
            width=180,
            caption="Scan om mee te kijken",
            alt="QR-code naar de live weergave van deze presentatie (het adres staat ernaast)",
        )
        with cols[1]:
            st.markdown("**Kijk zelf verder** op uw eigen scherm:")
            st.code(link.url, language=None, wrap_lines=True)
            if link.dropped:
                st.warning(qr.dropped_note(link.dropped))
            if link.base.local_only:
                st.caption(
                    "Dit adres werkt alleen op deze computer. Wie Raadsradar host, zet het "
                    f"publieke adres in de omgevingsvariabele {qr.PUBLIC_URL_ENV}; anders "
                    "gebruikt de link het adres waarmee u de app hebt geopend."
                )
