"""Team lists on SQLite and on PostgreSQL: save, read, change with the version seen, owner's
rights, hostile text, and stale edits (two colleagues at once)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from core.workspace import database, lists, rules
from core.workspace.identity import User

ANNA = User("anna@campagne.nl", "Anna de Vries", "anna@campagne.nl")
BOB = User("bob@campagne.nl", "Bob Jansen", "bob@campagne.nl")


@pytest.fixture
def engine(workspace_url: str) -> Iterator[Engine]:
    engine = database.open_database(workspace_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_a_saved_list_is_read_back_by_a_colleague(engine: Engine) -> None:
    made = lists.create(
        engine, ANNA, "Brabant, eerste ronde", "Eerst de kleine", ["GM0796", "GM0855", "GM0796"]
    )
    assert (made.name, made.count, made.version, made.owner_id) == (
        "Brabant, eerste ronde",
        2,
        1,
        ANNA.id,
    )
    seen = lists.all_lists(engine)
    assert [(s.name, s.count, s.owner_name) for s in seen] == [
        ("Brabant, eerste ronde", 2, "Anna de Vries")
    ]
    detail = lists.get(engine, made.id)
    assert detail.codes == ["GM0796", "GM0855"]  # order kept, the duplicate once
    assert {e.status for e in detail.entries} == {rules.FIRST_STATUS}
    assert detail.summary.description == "Eerst de kleine"


def test_lists_come_newest_change_first_with_counts(engine: Engine) -> None:
    first = lists.create(engine, ANNA, "Eerste", "", ["GM0363"])
    second = lists.create(engine, BOB, "Tweede", "", ["GM0599", "GM0518", "GM0344"])
    assert [s.name for s in lists.all_lists(engine)] == ["Tweede", "Eerste"]
    lists.add_codes(engine, ANNA, first.id, first.version, ["GM0599"])
    seen = lists.all_lists(engine)
    assert [(s.name, s.count) for s in seen] == [("Eerste", 2), ("Tweede", 3)]
    assert seen[0].updated_by == "Anna de Vries" and second.version == 1


def test_names_are_unique_regardless_of_case_accents_and_spaces(engine: Engine) -> None:
    lists.create(engine, ANNA, "Fryslân eerst", "", ["GM0080"])
    for same in ("fryslan eerst", "  FRYSLÂN   eerst "):
        with pytest.raises(lists.Duplicate, match="al een lijst met deze naam"):
            lists.create(engine, BOB, same, "", ["GM0080"])
    assert len(lists.all_lists(engine)) == 1


def test_status_and_note_record_who_and_when_per_field(engine: Engine) -> None:
    made = lists.create(engine, ANNA, "Lijst", "", ["GM0363", "GM0599"])
    entry = lists.update_entry(engine, BOB, made.id, "GM0363", 1, "benaderd", "")
    assert (entry.status, entry.status_by, entry.note_by, entry.version) == (
        "benaderd",
        "Bob Jansen",
        None,
        2,
    )
    entry = lists.update_entry(engine, ANNA, made.id, "GM0363", 2, "benaderd", "Griffier gebeld")
    assert (entry.status_by, entry.note_by, entry.note) == (
        "Bob Jansen",
        "Anna de Vries",
        "Griffier gebeld",
    )
    assert entry.note_at is not None and entry.status_at is not None
    other = lists.get(engine, made.id).entries[1]
    assert (other.code, other.status, other.version) == ("GM0599", rules.FIRST_STATUS, 1)
    # The list shows the last change, but its own version (name, gemeenten) did not move.
    summary = lists.get(engine, made.id).summary
    assert (summary.updated_by, summary.version) == ("Anna de Vries", 1)


def test_a_stale_edit_is_refused_and_shows_what_is_stored(engine: Engine) -> None:
    made = lists.create(engine, ANNA, "Lijst", "", ["GM0363"])
    # Both opened the row at version 1; Anna saves first.
    lists.update_entry(engine, ANNA, made.id, "GM0363", 1, "afspraak_gepland", "Dinsdag 10 uur")
    with pytest.raises(lists.Stale, match="Anna de Vries heeft deze gemeente intussen") as caught:
        lists.update_entry(engine, BOB, made.id, "GM0363", 1, "benaderd", "Mail gestuurd")
    theirs = caught.value.current
    assert (theirs.status, theirs.note, theirs.version) == ("afspraak_gepland", "Dinsdag 10 uur", 2)
    stored = lists.get(engine, made.id).entries[0]
    assert (stored.status, stored.note) == ("afspraak_gepland", "Dinsdag 10 uur")
    # Having seen it, Bob may still choose his own text: on the version he was shown.
    mine = lists.update_entry(
        engine, BOB, made.id, "GM0363", theirs.version, "benaderd", "Mail gestuurd"
    )
    assert (mine.status, mine.note, mine.version) == ("benaderd", "Mail gestuurd", 3)


def test_list_changes_need_the_version_seen(engine: Engine) -> None:
    made = lists.create(engine, ANNA, "Lijst", "", ["GM0363"])
    lists.add_codes(engine, BOB, made.id, 1, ["GM0599"])
    with pytest.raises(lists.Stale, match="Bob Jansen heeft deze lijst intussen gewijzigd"):
        lists.rename(engine, ANNA, made.id, 1, "Nieuwe naam", "")
    with pytest.raises(lists.Stale):
        lists.remove_codes(engine, ANNA, made.id, 1, ["GM0363"])
    with pytest.raises(lists.Stale):
        lists.remove_list(engine, ANNA, made.id, 1)
    assert lists.get(engine, made.id).codes == ["GM0363", "GM0599"]
    renamed = lists.rename(engine, ANNA, made.id, 2, "Nieuwe naam", "Met uitleg")
    assert (renamed.name, renamed.description, renamed.version) == ("Nieuwe naam", "Met uitleg", 3)


def test_only_the_owner_renames_or_deletes(engine: Engine) -> None:
    made = lists.create(engine, ANNA, "Van Anna", "", ["GM0363"])
    with pytest.raises(lists.NotAllowed, match=r"Alleen de eigenaar .*Anna de Vries"):
        lists.rename(engine, BOB, made.id, 1, "Van Bob", "")
    with pytest.raises(lists.NotAllowed):
        lists.remove_list(engine, BOB, made.id, 1)
    assert lists.get(engine, made.id).summary.name == "Van Anna"
    lists.update_entry(engine, BOB, made.id, "GM0363", 1, "actief", "Bob mag dit wel")
    lists.remove_list(engine, ANNA, made.id, 1)
    assert lists.all_lists(engine) == []
    with pytest.raises(lists.NotFound):
        lists.get(engine, made.id)
    # Its entries went with it (ON DELETE CASCADE, also on SQLite).
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM team_list_entries").scalar() == 0


def test_an_edit_on_a_deleted_list_or_removed_gemeente_says_so(engine: Engine) -> None:
    made = lists.create(engine, ANNA, "Lijst", "", ["GM0363", "GM0599"])
    lists.remove_codes(engine, BOB, made.id, 1, ["GM0599"])
    with pytest.raises(lists.Stale, match="uit de lijst gehaald"):
        lists.update_entry(engine, ANNA, made.id, "GM0599", 1, "benaderd", "")
    lists.remove_list(engine, ANNA, made.id, 2)
    with pytest.raises(lists.NotFound, match="bestaat niet meer"):
        lists.update_entry(engine, BOB, made.id, "GM0363", 1, "benaderd", "")


HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example","klik")',
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "Robert'); DROP TABLE team_lists;--",
    "\u202eesrever",  # a right-to-left override would flip what colleagues read
    "**vet** :red[rood] $x^2$",
]


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_names_and_notes_are_stored_as_text(engine: Engine, hostile: str) -> None:
    made = lists.create(engine, ANNA, hostile, hostile, ["GM0363"])
    expected = rules.clean_line(hostile)
    assert made.name == expected and "\u202e" not in made.name
    lists.update_entry(engine, BOB, made.id, "GM0363", 1, "benaderd", hostile + "\n" + hostile)
    detail = lists.get(engine, made.id)
    assert detail.entries[0].note == expected + "\n" + expected
    # The tables are intact (the SQL-looking name was a value, not a statement).
    assert [s.name for s in lists.all_lists(engine)] == [expected]


def test_lengths_are_limited_with_a_dutch_message(engine: Engine) -> None:
    with pytest.raises(rules.Invalid, match="81 tekens lang; maak hem korter"):
        lists.create(engine, ANNA, "x" * 81, "", ["GM0363"])
    with pytest.raises(rules.Invalid, match="beschrijving"):
        lists.create(engine, ANNA, "Goed", "y" * 501, ["GM0363"])
    with pytest.raises(rules.Invalid, match="Geef de lijst een naam"):
        lists.create(engine, ANNA, " \t\x00 ", "", ["GM0363"])
    with pytest.raises(rules.Invalid, match="selectie is leeg"):
        lists.create(engine, ANNA, "Leeg", "", [])
    made = lists.create(engine, ANNA, "x" * 80, "y" * 500, ["GM0363"])
    with pytest.raises(rules.Invalid, match="notitie is 501 tekens"):
        lists.update_entry(engine, ANNA, made.id, "GM0363", 1, "benaderd", "z" * 501)
    with pytest.raises(rules.Invalid, match="Kies een status"):
        lists.update_entry(engine, ANNA, made.id, "GM0363", 1, "gewonnen", "")
    assert lists.get(engine, made.id).entries[0].version == 1  # nothing half-saved
