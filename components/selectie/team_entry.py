"""Status and note per gemeente of the chosen team list, edited one gemeente at a time.

Nothing typed is lost without a message: what differs from the stored row is kept as a draft
(per list and gemeente) on every run, so it survives switching gemeente, a failed save, a
database that went away and a stale edit; a colleague's newer version is never overwritten
unless the user says so after seeing it (optimistic concurrency on the row's version).
"""

from __future__ import annotations

import streamlit as st

from components import cache
from components.selectie.team_state import engine, failed, say, show
from core import fmt, safe
from core.workspace import database, listfile, lists, rules

CODE = "team_entry_code"
STATUS = "team_entry_status"
NOTE = "team_entry_note"
BASE = "team_entry_base"  # the stored row the fields were filled from: list, code, version, values
DRAFTS = "team_drafts"  # (list id, code) -> typed values that differ from the stored row
CONFLICT = "team_conflict"  # the last refused save: (list id, code), mine and theirs


def _names() -> dict[str, str]:
    return cache.table("gemeenten").set_index("code")["name"].to_dict()


def _dirty(base: dict) -> bool:
    state = st.session_state
    if STATUS not in state or NOTE not in state:
        return False
    return (state[STATUS], rules.clean_block(state[NOTE])) != (base["status"], base["note"])


def stash_typing() -> None:
    """First thing on every run: keep what is typed in the fields as a draft while it differs
    from the stored row (the fields' own state is dropped on a run that does not draw them)."""
    state = st.session_state
    base = state.get(BASE)
    if not base:
        return
    drafts = state.setdefault(DRAFTS, {})
    key = (base["list"], base["code"])
    if _dirty(base):
        drafts[key] = {
            "status": state[STATUS],
            "note": state[NOTE],
            "version": base["version"],
            "base_status": base["status"],
            "base_note": base["note"],
            "list_name": base["list_name"],
        }
    elif STATUS in state:
        drafts.pop(key, None)


def _fill(status: str, note: str) -> None:
    st.session_state[STATUS] = status if status in rules.STATUSES else rules.FIRST_STATUS
    st.session_state[NOTE] = note


def _snapshot(list_id: int, list_name: str, entry: lists.Entry) -> dict:
    return {
        "list": list_id,
        "list_name": list_name,
        "code": entry.code,
        "version": entry.version,
        "status": entry.status,
        "note": entry.note,
    }


def _sync(summary: lists.Summary, entry: lists.Entry) -> None:
    """Before the fields are drawn: fill them from a draft, from the stored row, or leave them."""
    state = st.session_state
    base = state.get(BASE)
    key = (summary.id, entry.code)
    here = base is not None and (base["list"], base["code"]) == key
    if not here or STATUS not in state or NOTE not in state:
        draft = state.get(DRAFTS, {}).get(key)
        if draft:
            _fill(draft["status"], draft["note"])
            state[BASE] = {
                **_snapshot(summary.id, summary.name, entry),
                "version": draft["version"],
                "status": draft["base_status"],
                "note": draft["base_note"],
            }
            say(
                "entry",
                "info",
                "Uw nog niet opgeslagen invoer bij deze gemeente staat weer in het veld.",
            )
        else:
            _fill(entry.status, entry.note)
            state[BASE] = _snapshot(summary.id, summary.name, entry)
    elif entry.version != base["version"] and not _dirty(base):
        # A colleague changed the row while this user only looked: show the new version.
        _fill(entry.status, entry.note)
        state[BASE] = _snapshot(summary.id, summary.name, entry)


def _who(by: str | None, at: object) -> str:
    if not by:
        return "nog niet gewijzigd"
    return f"{safe.markdown(by, 60)}, {listfile.local_time(at)}"


def render(detail: lists.Detail, user: object) -> None:
    """The editor for one gemeente of the list at a time."""
    st.markdown("**Status en notitie per gemeente**")
    codes = detail.codes
    if not codes:
        st.info("Deze lijst heeft geen gemeenten. Voeg ze toe vanuit de selectie.")
        return
    names = _names()
    state = st.session_state
    if state.get(CODE) not in codes:
        state[CODE] = codes[0]
    code = st.selectbox("Gemeente", codes, format_func=lambda c: names.get(c, c), key=CODE)
    entry = next(e for e in detail.entries if e.code == code)
    _sync(detail.summary, entry)
    cols = st.columns([1, 2])
    cols[0].selectbox("Status", list(rules.STATUSES), format_func=rules.STATUSES.get, key=STATUS)
    cols[1].text_area(
        "Notitie (kort: wie, wat, wanneer)", key=NOTE, max_chars=rules.NOTE_MAX, height=90
    )
    st.caption(
        f"Status: {_who(entry.status_by, entry.status_at)}. "
        f"Notitie: {_who(entry.note_by, entry.note_at)}."
    )
    base = state.get(BASE) or {}
    if entry.version != base.get("version") and _dirty(base):
        st.warning(
            "Iemand anders heeft deze gemeente gewijzigd terwijl u typte. Bij opslaan ziet u "
            "beide versies naast elkaar; niets gaat verloren."
        )
    st.button(
        "Status en notitie opslaan",
        key="team_entry_save",
        on_click=_save,
        args=(detail.summary.id, code, user),
    )
    show("entry")
    _render_conflict(detail.summary.id, code, user)
    _render_other_drafts(detail.summary.id, code, names)


def _save(list_id: int, code: str, user: object, force_version: int | None = None) -> None:
    state = st.session_state
    base = state.get(BASE) or {}
    if (base.get("list"), base.get("code")) != (list_id, code):
        return
    mine = (state.get(STATUS, rules.FIRST_STATUS), state.get(NOTE, ""))
    version = force_version if force_version is not None else base["version"]
    try:
        saved = lists.update_entry(engine(), user, list_id, code, version, *mine)
    except lists.Stale as error:
        state[CONFLICT] = {"key": (list_id, code), "mine": mine, "theirs": error.current}
        failed("entry", error)
        return
    except (lists.WorkspaceError, rules.Invalid, database.Unavailable) as error:
        failed("entry", error)
        if isinstance(error, database.Unavailable):
            say(
                "entry",
                "error",
                safe.markdown(str(error))
                + " Uw invoer is niet opgeslagen; ze blijft in dit venster "
                "bewaard en staat weer in het veld zodra de database terug is.",
            )
        return
    state.pop(CONFLICT, None)
    state.get(DRAFTS, {}).pop((list_id, code), None)
    state[BASE] = _snapshot(list_id, base["list_name"], saved)
    _fill(saved.status, saved.note)
    say(
        "entry",
        "success",
        f"Opgeslagen: {safe.markdown(_names().get(code, code))}, status {rules.STATUSES[saved.status]}.",
    )


def _render_conflict(list_id: int, code: str, user: object) -> None:
    conflict = st.session_state.get(CONFLICT)
    if not conflict or conflict["key"] != (list_id, code):
        return
    theirs: lists.Entry | None = conflict["theirs"]
    status, note = conflict["mine"]
    with st.container(border=True, key="team_conflict_box"):
        st.markdown(f"**Uw invoer** (niet opgeslagen): status {rules.STATUSES.get(status, status)}")
        st.text(note or "(geen notitie)")
        if theirs is None:
            st.markdown(
                "Deze gemeente staat niet meer in de lijst; kopieer uw notitie als u haar wilt bewaren."
            )
            return
        st.markdown(
            f"**Nu opgeslagen**: status {rules.STATUSES.get(theirs.status, theirs.status)} "
            f"({_who(theirs.status_by, theirs.status_at)}); notitie ({_who(theirs.note_by, theirs.note_at)}):"
        )
        st.text(theirs.note or "(geen notitie)")
        cols = st.columns(2)
        cols[0].button(
            "Mijn invoer toch opslaan",
            key="team_conflict_mine",
            on_click=_save,
            args=(list_id, code, user, theirs.version),
        )
        cols[1].button(
            "Mijn invoer weggooien, de opgeslagen versie laden",
            key="team_conflict_theirs",
            on_click=_take_theirs,
            args=(list_id, theirs),
        )


def _take_theirs(list_id: int, theirs: lists.Entry) -> None:
    state = st.session_state
    base = state.get(BASE) or {}
    state.pop(CONFLICT, None)
    state.get(DRAFTS, {}).pop((list_id, theirs.code), None)
    state[BASE] = _snapshot(list_id, base.get("list_name", ""), theirs)
    _fill(theirs.status, theirs.note)


def _render_other_drafts(list_id: int, code: str, names: dict[str, str]) -> None:
    others = [k for k in st.session_state.get(DRAFTS, {}) if k != (list_id, code)]
    if others:
        st.caption(
            "Nog niet opgeslagen invoer bij: "
            + ", ".join(safe.markdown(names.get(c, c)) for _, c in others)
            + ". Kies die gemeente om haar op te slaan."
        )


def render_unsaved() -> None:
    """While the database is away: everything typed and not yet saved, to read or copy."""
    drafts = st.session_state.get(DRAFTS, {})
    if not drafts:
        return
    names = _names()
    st.markdown("**Nog niet opgeslagen**")
    for (_, code), draft in drafts.items():
        st.markdown(
            f"{safe.markdown(names.get(code, code))} in {safe.markdown(draft['list_name'], 60)}: status "
            f"{rules.STATUSES.get(draft['status'], draft['status'])}; notitie:"
        )
        st.text(draft["note"] or "(geen notitie)")
    st.caption(f"{fmt.number(len(drafts))} gemeenten met invoer die nog niet is opgeslagen.")
