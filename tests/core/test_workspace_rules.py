"""The workspace's pure rules: typed text, the signed-in user and allowed domains, and a team
list as CSV and Excel (status and notes in, formulas neutralised)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from core.workspace import identity, listfile, lists, rules


def test_lines_lose_control_and_direction_characters() -> None:
    assert rules.clean_line("  Brabant\t\x00eerste \u202e ronde\n") == "Brabant eerste ronde"
    assert (
        rules.clean_block("regel 1\r\nregel 2\x07\n\n\n\nregel 3") == "regel 1\nregel 2\n\nregel 3"
    )
    assert rules.name_key("Fryslân  EERST") == rules.name_key("fryslan eerst")
    assert rules.name_key("Brabant") != rules.name_key("Brabant 2")


def test_codes_are_checked_and_deduplicated() -> None:
    assert rules.codes(["gm0363", "GM0363", " GM0599 "]) == ["GM0363", "GM0599"]
    with pytest.raises(rules.Invalid, match="Geen gemeentecode"):
        rules.codes(["GM03631"])
    with pytest.raises(rules.Invalid, match="Onbekende gemeentecode: GM9999"):
        rules.codes(["GM9999"], known={"GM0363"})


def test_the_user_comes_from_the_claims_and_only_when_signed_in() -> None:
    assert identity.from_claims({}) is None
    assert identity.from_claims({"is_logged_in": False, "email": "a@b.nl"}) is None
    user = identity.from_claims(
        {"is_logged_in": True, "email": " Anna@Campagne.NL ", "name": "Anna\u202e", "sub": "x1"}
    )
    assert user == identity.User("anna@campagne.nl", "Anna", "anna@campagne.nl")
    # No e-mail claim: the subject identifies, and is what colleagues read.
    assert identity.from_claims({"is_logged_in": True, "sub": "k-42"}) == identity.User(
        "k-42", "k-42", None
    )


def test_allowed_domains() -> None:
    domains = identity.allowed_domains(" minbzk.nl, @VNG.nl;prodemos.nl ")
    assert domains == {"minbzk.nl", "vng.nl", "prodemos.nl"}
    anna = identity.User("anna@vng.nl", "Anna", "anna@vng.nl")
    eve = identity.User("eve@vng.nl.evil.example", "Eve", "eve@vng.nl.evil.example")
    assert identity.is_allowed(anna, {}, domains)
    assert not identity.is_allowed(eve, {}, domains)
    assert not identity.is_allowed(anna, {"email_verified": False}, domains)
    assert not identity.is_allowed(identity.User("k-42", "K"), {}, domains)
    assert identity.is_allowed(eve, {}, identity.allowed_domains(""))  # unset: everyone


def _detail() -> lists.Detail:
    stamp = dt.datetime(2026, 3, 18, 12, 30)  # UTC; 13:30 in Amsterdam (winter time)
    summary = lists.Summary(1, "=Brabant+1", "@SUM(A1)", "anna@x.nl", "Anna", stamp, "Bob", 3, 2)
    entries = [
        lists.Entry(
            "GM0363",
            "benaderd",
            '=HYPERLINK("http://x")\nregel 2',
            "Bob",
            stamp,
            "-Bob",
            stamp,
            "Anna",
            stamp,
            2,
        ),
        lists.Entry("GM0599", "nog_niet_benaderd", "", None, None, None, None, "Anna", stamp, 1),
    ]
    return lists.Detail(summary, entries)


GEMEENTEN = pd.DataFrame(
    {
        "code": ["GM0363", "GM0599"],
        "name": ["Amsterdam", "Rotterdam"],
        "province_name": ["Noord-Holland", "Zuid-Holland"],
    }
)


def test_the_csv_holds_status_notes_and_no_formulas() -> None:
    text = listfile.to_csv(_detail(), GEMEENTEN).decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    assert list(frame.columns) == [v[0] for v in listfile.COLUMNS.values()]
    first = frame.iloc[0]
    assert (first["Gemeente"], first["Status"], first["Status gewijzigd op"]) == (
        "Amsterdam",
        "benaderd",
        "18-3-2026 13:30",
    )
    assert first["Notitie"] == '\'=HYPERLINK("http://x")\nregel 2'
    assert first["Notitie gewijzigd door"] == "'-Bob"
    assert frame.iloc[1]["Status"] == "nog niet benaderd" and frame.iloc[1]["Notitie"] == ""


def test_the_excel_file_has_the_list_and_what_it_is(tmp_path) -> None:
    data = listfile.to_xlsx(_detail(), GEMEENTEN, "Carla")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Lijst", "Over deze lijst"]
    rows = list(book["Lijst"].iter_rows(values_only=True))
    assert rows[1][:4] == ("GM0363", "Amsterdam", "Noord-Holland", "benaderd")
    assert rows[1][6].startswith("'=HYPERLINK")
    about = dict(book["Over deze lijst"].iter_rows(values_only=True))
    assert about["Lijst"] == "'=Brabant+1" and about["Beschrijving"] == "'@SUM(A1)"
    assert about["Eigenaar"] == "Anna" and about["Aantal gemeenten"] == "2"
    assert about["Geëxporteerd"].endswith("door Carla")
    # No cell anywhere is a formula.
    for sheet in book:
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row)


def test_file_names_keep_only_safe_characters() -> None:
    detail = _detail()
    assert listfile.file_name(detail, "csv") == "raadsradar-lijst-brabant-1.csv"
    hostile = lists.Detail(
        lists.Summary(7, "../../etc/passwd ✓", "", "a", "A", detail.summary.updated_at, "A", 1, 0),
        [],
    )
    assert listfile.file_name(hostile, "xlsx") == "raadsradar-lijst-etc-passwd.xlsx"


def test_team_data_reaches_only_the_workspace_pieces() -> None:
    """Slides, the HTML pack, the follow-along view, links and the basket's exports cannot
    carry statuses or notes: nothing outside the workspace's own pieces reads the workspace."""
    from tests import test_architecture

    readers = sorted(
        module
        for module, targets in test_architecture._graph().items()
        if any(t.startswith("core.workspace") for t in targets)
        and not module.startswith("core.workspace")
    )
    assert readers == [
        "components.account",
        "components.selectie.team_entry",
        "components.selectie.team_list",
        "components.selectie.team_state",
        "components.selectie.workspace",
    ]
