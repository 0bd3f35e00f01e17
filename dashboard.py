"""Raadsradar: the frame around all pages (page config, navigation, selection basket)."""

from __future__ import annotations

import streamlit as st

from components import account, basket_view, cache, frame

st.set_page_config(page_title="Raadsradar", page_icon="🗳️", layout="wide")
frame.leave_legacy_mode()

PAGES = [
    st.Page("pages/overzicht.py", title="Overzicht", icon=":material/home:", default=True),
    st.Page("pages/kaart.py", title="Kaart", icon=":material/map:", url_path="kaart"),
    st.Page(
        "pages/selectie.py", title="Selectie", icon=":material/checklist:", url_path="selectie"
    ),
    st.Page("pages/groepen.py", title="Groepen", icon=":material/diversity_3:", url_path="groepen"),
    st.Page("pages/staffel.py", title="Staffel", icon=":material/straighten:", url_path="staffel"),
    st.Page("pages/data.py", title="Gegevens", icon=":material/database:", url_path="data"),
    st.Page(
        "pages/presenteren.py",
        title="Presenteren",
        icon=":material/slideshow:",
        url_path="presenteren",
    ),
]

problem = cache.check_bundle()
if problem:
    frame.render_bundle_error(problem)
    st.stop()

page = st.navigation(PAGES, position="hidden")
# The sidebar first: it appears in the same frame as the first content.
frame.render_navigation(PAGES)
frame.sync_basket()
basket_view.render_basket_summary()
account.render_sidebar()
frame.render_styles()
frame.render_scripts()
try:
    frame.run_page(page)
finally:
    # Last on the page (also when a page stops early): see basket_view.render_basket_badge.
    basket_view.render_basket_badge()
