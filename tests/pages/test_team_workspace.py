"""The team workspace on the page Selectie (AppTest, signed-in users seeded as st.user):
switched off without [auth]; anonymous visitors see no team data; a list saved by one user is
seen and loaded by another; hostile text stays text; a stale edit keeps both versions; the
database stopped mid-session leaves the rest of the page working and nothing typed lost."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import paths, safe
from core.workspace import database, identity, lists
from deploy import postgres

APP = str(paths.REPO_ROOT / "dashboard.py")
PAGE = "pages/selectie.py"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret-of-thirty-two-chars",
    "client_id": "raadsradar",
    "client_secret": "geheim",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ANNA = {"is_logged_in": True, "email": "anna@campagne.nl", "name": "Anna de Vries", "sub": "a1"}
BOB = {"is_logged_in": True, "email": "bob@campagne.nl", "name": "Bob Jansen", "sub": "b2"}


@pytest.fixture
def db(workspace_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app's workspace database for this test (SQLite and PostgreSQL)."""
    monkeypatch.setenv(database.URL_ENV, workspace_url)
    monkeypatch.delenv(identity.ALLOWED_DOMAINS_ENV, raising=False)
    yield workspace_url


def _page(user: dict | None = None, sel: str = "", auth: dict | None = AUTH) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if sel:
        at.query_params["sel"] = sel
    if auth is not None:
        at.secrets["auth"] = auth
    if user is not None:
        at.user = dict(user)
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _everything(at: AppTest) -> bytes:
    """Every element's serialised message (texts, tables' Arrow data, widget options)."""
    found = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            found.append(proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return b"\n".join(found)


def _shown(text: str) -> str:
    """Markdown as the reader sees it: without core.safe's escapes and autolink breaks."""
    return re.sub(r"\\(.)", r"\1", text).replace(safe.WORD_JOINER, "")


def _table(at: AppTest, column: str) -> object:
    """The first table with this column (display tables carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button} | {e.key for e in at.selectbox}


def _stored(url: str) -> list[lists.Detail]:
    """Every list as stored now (read with an engine of its own, closed again)."""
    engine = database.open_database(url)
    try:
        return [lists.get(engine, s.id) for s in lists.all_lists(engine)]
    finally:
        engine.dispose()


def _seed(
    url: str, name: str = "Geheim plan Brabant", note: str = "Burgemeester belt terug"
) -> int:
    engine = database.open_database(url)
    try:
        user = identity.User("carla@campagne.nl", "Carla", "carla@campagne.nl")
        made = lists.create(engine, user, name, "interne beschrijving", ["GM0796", "GM0855"])
        lists.update_entry(engine, user, made.id, "GM0796", 1, "benaderd", note)
        return made.id
    finally:
        engine.dispose()


def test_without_auth_the_app_is_as_before_and_says_how_to_turn_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(database.URL_ENV, raising=False)
    monkeypatch.setenv(database.STATE_ENV, str(tmp_path / "state"))
    at = _page(user=ANNA, sel="GM0363", auth=None)
    text = " ".join(i.value for i in at.info)
    assert "Teamlijsten zijn nog niet ingeschakeld" in text and "[auth]" in text
    assert not {"login", "team_list_save", "team_list_load", "logout"} & _keys(at)
    assert b"team_lists" not in _everything(at)
    assert not (tmp_path / "state").exists()  # no database is touched


def test_anonymous_visitors_see_no_team_data(db: str) -> None:
    _seed(db)
    at = _page(user={"is_logged_in": False}, sel="GM0796")
    assert "login" in _keys(at)
    assert not {"team_list_save", "team_list_load", "team_entry_save", "logout"} & _keys(at)
    everything = _everything(at)
    for secret in ("Geheim plan", "Burgemeester belt terug", "interne beschrijving", "Carla"):
        assert secret.encode() not in everything
    assert b"team_lists" not in everything


def test_incomplete_auth_settings_are_named(db: str) -> None:
    at = _page(user={"is_logged_in": False}, auth={"client_id": "x"})
    message = " ".join(e.value for e in at.error)
    assert "[auth] redirect_uri" in message and "[auth] server_metadata_url" in message
    assert "login" not in _keys(at)


def test_one_saves_the_other_sees_and_loads_it(db: str) -> None:
    anna = _page(ANNA, sel="GM0796,GM0855,GM0758")
    assert any("Ingelogd als **Anna de Vries**" in _shown(m.value) for m in anna.sidebar.markdown)
    anna.text_input(key="team_list_name").input("Brabant, eerste ronde")
    anna.text_area(key="team_list_description").input("Start in januari")
    anna.button(key="team_list_save").click().run()
    assert not anna.exception, anna.exception
    assert [_shown(s.value) for s in anna.success] == [
        "Teamlijst Brabant, eerste ronde bewaard met 3 gemeenten. Het team ziet haar nu in de "
        "lijst hieronder."
    ]
    assert anna.text_input(key="team_list_name").value == ""  # ready for the next one

    bob = _page(BOB, sel="GM0363")
    table = _table(bob, "Eigenaar")
    assert table[["Naam", "Eigenaar", "Gemeenten"]].values.tolist() == [
        ["Brabant, eerste ronde", "Anna de Vries", 3]
    ]
    assert table["Laatst gewijzigd"].iloc[0].count("-") == 2  # '2-12-2026 11:10'
    choice = bob.selectbox(key="team_list_choice")
    choice.set_value(_stored(db)[0].summary.id).run()
    bob.button(key="team_list_load").click().run()
    assert not bob.exception, bob.exception
    assert bob.session_state["basket"] == ["GM0796", "GM0855", "GM0758"]
    # The link carries the gemeenten, never the list's name or its id.
    assert bob.query_params["sel"] == "GM0796,GM0855,GM0758"
    assert set(bob.query_params) <= {"sel", "indicator"}
    bob.button(key="team_list_undo_load").click().run()
    assert bob.session_state["basket"] == ["GM0363"]


def _open_first_list(at: AppTest) -> None:
    options = at.selectbox(key="team_list_choice").options
    assert options, "no team list to open"
    ids = [d.summary.id for d in _stored(database.database_url())]
    at.selectbox(key="team_list_choice").set_value(ids[0]).run()
    assert not at.exception, at.exception


def test_hostile_names_and_notes_are_shown_as_text(db: str) -> None:
    hostile = "[klik](javascript:alert(1)) <img src=x onerror=alert(1)> **vet**"
    _seed(db, name=hostile, note='=HYPERLINK("http://evil.example") <script>x</script>')
    at = _page(ANNA)
    _open_first_list(at)
    headings = [h.value for h in at.subheader]
    title = next(h for h in headings if h.startswith("Lijst:"))
    assert "\\[klik\\]\\(javascript\\:alert\\(1\\)\\)" in title and "\\<img" in title
    assert "\\*\\*vet\\*\\*" in title
    table = _table(at, "Notitie")
    assert table["Notitie"].iloc[0].startswith("'=HYPERLINK")  # the table's own CSV download
    assert at.text_area(key="team_entry_note").value.startswith("=HYPERLINK")  # editable as typed


def test_a_stale_edit_keeps_both_versions_and_lets_the_second_choose(db: str) -> None:
    _seed(db, note="")
    anna, bob = _page(ANNA), _page(BOB)
    for at in (anna, bob):
        _open_first_list(at)
        assert at.selectbox(key="team_entry_code").value == "GM0796"
    anna.selectbox(key="team_entry_status").set_value("afspraak_gepland")
    anna.text_area(key="team_entry_note").input("Afspraak dinsdag 10 uur")
    anna.button(key="team_entry_save").click().run()
    assert "Hertogenbosch, status afspraak gepland" in _shown(anna.success[-1].value)

    bob.text_area(key="team_entry_note").input("Mail gestuurd naar griffie")
    bob.button(key="team_entry_save").click().run()
    assert not bob.exception, bob.exception
    warning = _shown(" ".join(w.value for w in bob.warning))
    assert "Anna de Vries heeft deze gemeente intussen gewijzigd" in warning
    texts = [t.value for t in bob.text]
    assert "Mail gestuurd naar griffie" in texts and "Afspraak dinsdag 10 uur" in texts
    assert bob.text_area(key="team_entry_note").value == "Mail gestuurd naar griffie"
    assert _stored(db)[0].entries[0].note == "Afspraak dinsdag 10 uur"  # nothing overwritten

    bob.button(key="team_conflict_mine").click().run()
    assert not bob.exception, bob.exception
    entry = _stored(db)[0].entries[0]
    assert (entry.note, entry.note_by, entry.status) == (
        "Mail gestuurd naar griffie",
        "Bob Jansen",
        "benaderd",
    )


def test_only_the_owner_sees_rename_and_delete(db: str) -> None:
    anna = _page(ANNA, sel="GM0363")
    anna.text_input(key="team_list_name").input("Van Anna")
    anna.button(key="team_list_save").click().run()
    bob = _page(BOB)
    _open_first_list(bob)
    assert "team_list_delete" not in _keys(bob)
    assert any("Alleen de eigenaar (Anna de Vries)" in _shown(c.value) for c in bob.caption)
    anna.text_input(key="team_rename_name").input("Van Anna, hernoemd")
    anna.button(key="team_list_rename").click().run()
    assert _shown(anna.success[-1].value) == "Opgeslagen als Van Anna, hernoemd."
    anna.checkbox(key="team_delete_confirm").check().run()
    anna.button(key="team_list_delete").click().run()
    assert not anna.exception, anna.exception
    assert _stored(db) == []


def test_a_domain_outside_the_allowed_list_sees_no_team_data(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(db)
    monkeypatch.setenv(identity.ALLOWED_DOMAINS_ENV, "minbzk.nl, vng.nl")
    at = _page(ANNA)
    assert any("alleen voor adressen van minbzk.nl, vng.nl" in _shown(w.value) for w in at.warning)
    assert b"Geheim plan" not in _everything(at)
    assert "logout" in _keys(at)


def test_database_stopped_mid_session(pg_server: postgres.Postgres, monkeypatch) -> None:
    """The rest of the page keeps working, the workspace says so in Dutch, and the note typed
    while it was down comes back into the field when the database does."""
    server = postgres.Postgres()
    try:
        server.start()
        monkeypatch.setenv(database.URL_ENV, server.url)
        _seed(server.url, note="")
        at = _page(ANNA, sel="GM0363")
        _open_first_list(at)
        server.stop()
        at.text_area(key="team_entry_note").input("Getypt tijdens de storing")
        at.button(key="team_entry_save").click().run()
        assert not at.exception, at.exception
        errors = " ".join(e.value for e in at.error) + " ".join(w.value for w in at.warning)
        assert "kan de database nu niet bereiken" in errors
        assert "Getypt tijdens de storing" in [t.value for t in at.text]
        # The rest of the page works: the ranking and the basket are there.
        assert any(d.key == "ranking" for d in at.dataframe)
        assert at.session_state["basket"] == ["GM0363"]
        at.run()  # another run while it is still down
        assert "Getypt tijdens de storing" in [t.value for t in at.text]
        # Saving the basket as a new list fails with the reason; the typed name stays.
        at.text_input(key="team_list_name").input("Nieuwe lijst tijdens storing")
        at.button(key="team_list_save").click().run()
        assert any("kan de database nu niet bereiken" in e.value for e in at.error)
        assert at.text_input(key="team_list_name").value == "Nieuwe lijst tijdens storing"
        server.start()
        at.button(key="team_db_retry").click().run()
        assert not at.exception, at.exception
        assert at.text_area(key="team_entry_note").value == "Getypt tijdens de storing"
        at.button(key="team_entry_save").click().run()
        assert _stored(server.url)[0].entries[0].note == "Getypt tijdens de storing"
    finally:
        server.cleanup()
