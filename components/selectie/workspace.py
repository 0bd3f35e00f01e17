"""The team workspace on the page Selectie: sign-in, saving the basket as a team list, the
team's lists (container `team_lists`) and loading one into the basket. The chosen list itself
(gemeenten, status, notes, export, owner's actions) is team_list.

Team data is shown only to signed-in users whose domain is allowed; nothing of it goes into
the URL, the basket's own exports, the slides or the follow-along view.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import account, cache, frame
from components.selectie import ranking_ui, team_entry, team_list, team_state
from components.selectie.team_state import CURRENT, PREVIOUS_BASKET, engine, failed, say, show
from core import fmt, safe
from core.workspace import database, identity, listfile, lists, rules


def render(codes: list[str]) -> None:
    """The whole workspace section."""
    if not account.configured():
        st.info(
            "Teamlijsten zijn nog niet ingeschakeld. Met inloggen via de eigen "
            "identiteitsdienst van de organisatie (OpenID Connect) bewaart het team hier lijsten "
            "met gemeenten, met per gemeente een status en een notitie. De beheerder zet dit aan "
            "met een sectie `[auth]` in `.streamlit/secrets.toml` (zie README, Hosting). Tot die "
            "tijd blijft uw selectie alleen in deze sessie en in de link."
        )
        return
    user = account.current_user()
    if user is None:
        st.markdown(
            "Log in met uw organisatie-account om de lijsten van het team te zien, uw selectie "
            "als teamlijst te bewaren en per gemeente bij te houden hoe ver het contact is. "
            "Zonder inloggen blijft uw selectie alleen in deze sessie en in de link."
        )
        account.render_login()
        return
    if not account.allowed(user):
        domains = ", ".join(sorted(identity.allowed_domains()))
        st.warning(
            f"U bent ingelogd als {safe.markdown(user.email or user.id, 80)}, maar de teamlijsten zijn "
            f"alleen voor adressen van {safe.markdown(domains, 200)}. Log uit en log in met uw "
            "werkadres, of vraag de beheerder om toegang."
        )
        return
    st.caption(
        f"Ingelogd als {safe.markdown(user.name, 60)}. Teamlijsten, statussen en notities zijn alleen "
        "zichtbaar voor ingelogde teamleden; ze gaan niet mee in een gedeelde link, de "
        "presentatie of de exports van de selectie hierboven."
    )
    _render_workspace(user, list(codes))


@frame.fragment
def _render_workspace(user: identity.User, codes: list[str]) -> None:
    """The signed-in part, as a fragment: saving a status reruns this, not the ranking above.
    Loading a list into the basket redraws the whole app (sidebar count, basket, exports)."""
    frame.rerun_if_basket_changed()
    team_entry.stash_typing()
    _render_save(user, codes)
    try:
        summaries = lists.all_lists(engine())
    except database.Unavailable as error:
        team_state.went_down()
        _render_down(str(error))
        return
    _render_lists(summaries)
    chosen = next((s for s in summaries if s.id == st.session_state.get(CURRENT)), None)
    if chosen is not None:
        team_list.render(chosen.id, user, codes)


def _render_down(reason: str) -> None:
    st.warning(
        safe.markdown(reason)
        + " Wat u nog niet had opgeslagen, blijft in dit venster bewaard (zie "
        "hieronder, als er iets is)."
    )
    team_entry.render_unsaved()
    st.button("Opnieuw proberen", key="team_db_retry", on_click=_retry)


def _retry() -> None:
    st.session_state.pop(team_state.DOWN_UNTIL, None)


def _render_save(user: identity.User, codes: list[str]) -> None:
    st.subheader("Selectie bewaren als teamlijst")
    cols = st.columns([2, 3])
    cols[0].text_input(
        "Naam van de lijst",
        key="team_list_name",
        max_chars=rules.NAME_MAX,
        placeholder="Bijvoorbeeld: Brabant, eerste ronde",
    )
    cols[1].text_area(
        "Beschrijving (niet verplicht)",
        key="team_list_description",
        max_chars=rules.DESCRIPTION_MAX,
        height=68,
    )
    st.button(
        f"Bewaar de selectie ({fmt.number(len(codes))} gemeenten) als teamlijst",
        key="team_list_save",
        on_click=_save,
        args=(user, list(codes)),
        disabled=not codes,
    )
    if not codes:
        st.caption("Zet eerst gemeenten in de selectie; dan kunt u haar als teamlijst bewaren.")
    show("save")


def _save(user: identity.User, codes: list[str]) -> None:
    state = st.session_state
    try:
        known = set(cache.valid_codes())
        valid = [c for c in codes if c in known]
        made = lists.create(
            engine(),
            user,
            state.get("team_list_name", ""),
            state.get("team_list_description", ""),
            valid,
        )
    except (lists.WorkspaceError, rules.Invalid, database.Unavailable) as error:
        failed("save", error)  # the typed name and description stay in their fields
        return
    state["team_list_name"] = ""
    state["team_list_description"] = ""
    state[CURRENT] = made.id
    state["team_list_choice"] = made.id
    say(
        "save",
        "success",
        f"Teamlijst {safe.markdown(made.name)} bewaard met {fmt.number(made.count)} gemeenten. Het team "
        "ziet haar nu in de lijst hieronder.",
    )


def _lists_table(summaries: list[lists.Summary]) -> pd.DataFrame:
    frame_ = pd.DataFrame(
        {
            "Naam": [s.name for s in summaries],
            "Beschrijving": [fmt.shorten(rules.clean_line(s.description), 80) for s in summaries],
            "Eigenaar": [s.owner_name for s in summaries],
            "Laatst gewijzigd": [listfile.local_time(s.updated_at) for s in summaries],
            "Door": [s.updated_by for s in summaries],
            "Gemeenten": [s.count for s in summaries],
        }
    )
    # The table's own download button writes cells as they are: typed text that starts like a
    # formula is shown (and saved) with a leading quote.
    return frame_.map(safe.neutralise)


def _render_lists(summaries: list[lists.Summary]) -> None:
    st.subheader("Lijsten van het team")
    with st.container(key="team_lists"):
        if not summaries:
            st.info("Het team heeft nog geen lijsten. Bewaar hierboven de eerste.")
            return
        st.dataframe(
            _lists_table(summaries),
            hide_index=True,
            key="team_lists_table",
            height=min(36 * (len(summaries) + 1) + 2, 320),
            column_config={"Gemeenten": st.column_config.NumberColumn(format="%d")},
        )
        ids = [s.id for s in summaries]
        names = {
            s.id: f"{s.name} ({fmt.number(s.count)} gemeenten, {s.owner_name})" for s in summaries
        }
        if st.session_state.get("team_list_choice") not in ids:
            st.session_state["team_list_choice"] = (
                st.session_state.get(CURRENT) if st.session_state.get(CURRENT) in ids else None
            )
        cols = st.columns([3, 2], vertical_alignment="bottom")
        chosen = cols[0].selectbox(
            "Lijst openen",
            ids,
            format_func=lambda i: names.get(i, "?"),
            key="team_list_choice",
            index=None,
            placeholder="Kies een lijst van het team",
        )
        st.session_state[CURRENT] = chosen
        chosen_summary = next((s for s in summaries if s.id == chosen), None)
        cols[1].button(
            "In de selectie zetten",
            key="team_list_load",
            disabled=chosen is None,
            on_click=_load,
            args=(chosen,),
        )
        if chosen_summary is not None:
            st.caption(
                f"In de selectie zetten vervangt de huidige selectie door de "
                f"{fmt.number(chosen_summary.count)} gemeenten van deze lijst; de vorige selectie "
                "kunt u daarna terugzetten."
            )
        show("load")
        previous = st.session_state.get(PREVIOUS_BASKET)
        if previous is not None:
            st.button(
                f"Vorige selectie terugzetten ({fmt.number(len(previous))} gemeenten)",
                key="team_list_undo_load",
                on_click=_undo_load,
            )


def _load(list_id: int | None) -> None:
    if list_id is None:
        return
    try:
        detail = lists.get(engine(), list_id)
    except (lists.WorkspaceError, database.Unavailable) as error:
        failed("load", error)
        return
    known = set(cache.valid_codes())
    codes = [c for c in detail.codes if c in known]
    st.session_state[PREVIOUS_BASKET] = list(st.session_state.get(frame.BASKET, []))
    ranking_ui.set_basket(codes, "replace", "Lijst geladen: {total} gemeenten in de selectie.")
    st.session_state[frame.BASKET_CHANGED] = True
    skipped = len(detail.codes) - len(codes)
    say(
        "load",
        "success",
        f"De selectie bevat nu de {fmt.number(len(codes))} gemeenten van {safe.markdown(detail.summary.name)}."
        + (f" {fmt.number(skipped)} onbekende codes zijn overgeslagen." if skipped else ""),
    )


def _undo_load() -> None:
    previous = st.session_state.pop(PREVIOUS_BASKET, None)
    if previous is not None:
        ranking_ui.set_basket(previous, "replace", "Vorige selectie teruggezet: {total} gemeenten.")
        st.session_state[frame.BASKET_CHANGED] = True
