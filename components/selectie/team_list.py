"""One team list on the page Selectie: what it holds (status and note per gemeente, who changed
what when), adding gemeenten from the basket, taking them out, the list's own export, and the
owner's rename and delete. Every change carries the list's version (optimistic concurrency)."""

from __future__ import annotations

import streamlit as st

from components import cache
from components.selectie import team_entry
from components.selectie.team_state import CURRENT, engine, failed, say, show
from core import fmt, safe
from core.workspace import database, identity, listfile, lists, rules

RENAME_FOR = "team_rename_for"  # (list id, version) the rename fields were filled from
RENAME_NAME = "team_rename_name"
RENAME_DESCRIPTION = "team_rename_description"


def render(list_id: int, user: identity.User, codes: list[str]) -> None:
    """The chosen list, read fresh from the database on every run."""
    try:
        detail = lists.get(engine(), list_id)
    except lists.NotFound as error:
        st.session_state[CURRENT] = None
        st.info(safe.markdown(str(error)))
        return
    except database.Unavailable as error:
        failed("list", error)
        show("list")
        team_entry.render_unsaved()
        return
    summary = detail.summary
    with st.container(key="team_list_detail"):
        st.subheader(f"Lijst: {safe.markdown(summary.name)}")
        if summary.description:
            st.text(summary.description)
        st.caption(
            f"Eigenaar: {safe.markdown(summary.owner_name, 60)}. Laatst gewijzigd "
            f"{listfile.local_time(summary.updated_at)} door {safe.markdown(summary.updated_by, 60)}. "
            f"{fmt.number(summary.count)} gemeenten: " + _status_counts(detail) + "."
        )
        show("list")
        gemeenten = cache.table("gemeenten")
        shown = listfile.table(detail, gemeenten)
        if len(shown):
            st.dataframe(
                shown.map(safe.neutralise),
                hide_index=True,
                key="team_list_table",
                height=min(35 * (len(shown) + 1) + 3, 400),
                column_config={
                    "Code": st.column_config.TextColumn(width="small"),
                    "Provincie": None,  # in the export; on screen the note needs the room
                    "Notitie": st.column_config.TextColumn(width="large"),
                },
            )
        team_entry.render(detail, user)
        _render_membership(detail, user, codes)
        _render_export(detail, user, gemeenten)
        _render_owner(detail, user)


def _status_counts(detail: lists.Detail) -> str:
    counts = {key: 0 for key in rules.STATUSES}
    for entry in detail.entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    return ", ".join(f"{fmt.number(n)} {rules.STATUSES[k]}" for k, n in counts.items())


def _render_membership(detail: lists.Detail, user: identity.User, codes: list[str]) -> None:
    st.markdown("**Gemeenten in de lijst**")
    new = [c for c in codes if c not in set(detail.codes)]
    names = cache.table("gemeenten").set_index("code")["name"].to_dict()
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    cols[0].button(
        f"Nieuwe gemeenten uit de selectie toevoegen ({fmt.number(len(new))})",
        key="team_list_add",
        disabled=not new,
        on_click=_add,
        args=(detail.summary.id, detail.summary.version, user, new),
    )
    gone = cols[1].multiselect(
        "Uit de lijst halen",
        detail.codes,
        format_func=lambda c: names.get(c, c),
        key="team_list_remove_codes",
        placeholder="Kies gemeenten",
    )
    cols[2].button(
        "Weghalen",
        key="team_list_remove",
        disabled=not gone,
        on_click=_remove,
        args=(detail.summary.id, detail.summary.version, user),
    )
    show("membership")


def _add(list_id: int, version: int, user: identity.User, new: list[str]) -> None:
    try:
        added = lists.add_codes(engine(), user, list_id, version, new)
    except (lists.WorkspaceError, rules.Invalid, database.Unavailable) as error:
        failed("membership", error)
        return
    say("membership", "success", f"{fmt.number(len(added))} gemeenten toegevoegd aan de lijst.")


def _remove(list_id: int, version: int, user: identity.User) -> None:
    gone = list(st.session_state.get("team_list_remove_codes") or [])
    try:
        removed = lists.remove_codes(engine(), user, list_id, version, gone)
    except (lists.WorkspaceError, rules.Invalid, database.Unavailable) as error:
        failed("membership", error)
        return
    st.session_state["team_list_remove_codes"] = []
    say("membership", "success", f"{fmt.number(removed)} gemeenten uit de lijst gehaald.")


def _render_export(detail: lists.Detail, user: identity.User, gemeenten: object) -> None:
    st.markdown("**Deze lijst exporteren** (met status en notities; alleen voor het team)")
    cols = st.columns(2)
    cols[0].download_button(
        "Excel",
        lambda: listfile.to_xlsx(detail, gemeenten, user.name),
        file_name=listfile.file_name(detail, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="team_list_export_xlsx",
        on_click="ignore",
    )
    cols[1].download_button(
        "CSV",
        lambda: listfile.to_csv(detail, gemeenten),
        file_name=listfile.file_name(detail, "csv"),
        mime="text/csv",
        key="team_list_export_csv",
        on_click="ignore",
    )


def _render_owner(detail: lists.Detail, user: identity.User) -> None:
    summary = detail.summary
    if summary.owner_id != user.id:
        st.caption(
            f"Alleen de eigenaar ({safe.markdown(summary.owner_name, 60)}) kan de lijst hernoemen of "
            "verwijderen. Status, notities en gemeenten kan iedereen in het team bijwerken."
        )
        return
    state = st.session_state
    with st.expander("Naam en beschrijving wijzigen, lijst verwijderen"):
        filled = state.get(RENAME_FOR)
        typed = (state.get(RENAME_NAME), state.get(RENAME_DESCRIPTION))
        untouched = filled is None or typed == tuple(filled[2:])
        if (
            filled is None
            or filled[0] != summary.id
            or (filled[1] != summary.version and untouched)
        ):
            state[RENAME_NAME] = summary.name
            state[RENAME_DESCRIPTION] = summary.description
            state[RENAME_FOR] = (summary.id, summary.version, summary.name, summary.description)
        st.text_input("Naam", key=RENAME_NAME, max_chars=rules.NAME_MAX)
        st.text_area("Beschrijving", key=RENAME_DESCRIPTION, max_chars=rules.DESCRIPTION_MAX)
        st.button(
            "Naam en beschrijving opslaan",
            key="team_list_rename",
            on_click=_rename,
            args=(summary.id, state[RENAME_FOR][1], user),
        )
        show("owner")
        st.divider()
        sure = st.checkbox(
            f"Ja, verwijder deze lijst met alle {fmt.number(summary.count)} statussen en notities",
            key="team_delete_confirm",
        )
        st.button(
            "Lijst verwijderen",
            key="team_list_delete",
            disabled=not sure,
            on_click=_delete,
            args=(summary.id, summary.version, user),
        )


def _rename(list_id: int, version: int, user: identity.User) -> None:
    state = st.session_state
    try:
        renamed = lists.rename(
            engine(),
            user,
            list_id,
            version,
            state.get(RENAME_NAME, ""),
            state.get(RENAME_DESCRIPTION, ""),
        )
    except (lists.WorkspaceError, rules.Invalid, database.Unavailable) as error:
        failed("owner", error)  # what was typed stays in the fields
        return
    state[RENAME_NAME] = renamed.name
    state[RENAME_DESCRIPTION] = renamed.description
    state[RENAME_FOR] = (renamed.id, renamed.version, renamed.name, renamed.description)
    say("owner", "success", f"Opgeslagen als {safe.markdown(renamed.name)}.")


def _delete(list_id: int, version: int, user: identity.User) -> None:
    try:
        lists.remove_list(engine(), user, list_id, version)
    except (lists.WorkspaceError, database.Unavailable) as error:
        failed("owner", error)
        return
    st.session_state[CURRENT] = None
    st.session_state["team_list_choice"] = None
    st.session_state["team_delete_confirm"] = False
    say("load", "success", "De lijst is verwijderd.")
