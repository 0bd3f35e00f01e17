"""The user-data import: the messy-file corpus, the command line, downloads, limits and speed."""

from __future__ import annotations

import io
import json
import math
import random
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from core import catalogue, paths
from core.ingest import names as ingest_names
from core.ingest import options as ingest_options
from core.ingest import output as ingest_output
from core.ingest import pipeline as ingest
from core.ingest import report as ingest_report
from tests.fixtures.ingest import corpus

CASES = corpus.cases()
CONTRACT_KEYS = [
    "ok", "error", "rows", "matched", "key_column", "value_columns", "unmatched", "duplicates",
    "successors", "warnings", "values",
]  # fmt: skip


@pytest.fixture(scope="module")
def reference() -> ingest_names.Reference:
    return ingest_names.load_reference()


def _run(name: str, reference: ingest_names.Reference, **options: object) -> ingest_report.Report:
    filename, data, _expected = CASES[name]
    return ingest.ingest(data, filename, ingest_options.Options(**options), reference)


def _close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("name", list(CASES))
def test_corpus_case_gives_its_expected_report(
    name: str, reference: ingest_names.Reference
) -> None:
    filename, data, expected = CASES[name]
    out = ingest.ingest(data, filename, reference=reference).to_contract_json()
    assert list(out) == CONTRACT_KEYS
    assert json.loads(json.dumps(out)) == out  # plain JSON types only
    for key, want in expected.items():
        if key == "values":
            for code, columns in want.items():
                assert code in out["values"], (code, sorted(out["values"])[:10])
                for column, value in columns.items():
                    assert _close(out["values"][code][column], value), (
                        code,
                        column,
                        out["values"][code],
                    )
        elif key == "error":
            assert out["error"] and want in out["error"], out["error"]
        elif key == "warning":
            assert any(want in w for w in out["warnings"]), out["warnings"]
        else:
            assert out[key] == want, (key, out[key])
    if out["ok"]:
        assert out["error"] is None
        assert out["rows"] == out["matched"] + len(out["unmatched"])
    else:
        assert out["values"] == {} and out["key_column"] is None


def test_missing_markers_are_never_zero(reference: ingest_names.Reference) -> None:
    report = _run("cbs_missing_markers", reference)
    column = report.values["Uitkeringen"]
    assert column.isna().sum() == 3
    assert (column.fillna(-1) != 0).all()


def test_title_rows_and_footer_are_not_data(reference: ingest_names.Reference) -> None:
    report = _run("cp1252_title_rows_footer", reference)
    assert [u.value for u in report.unmatched] == []
    assert report.table.rows == [5, 6, 7]
    assert any("Windows-1252" in n for n in report.notes)
    assert any("Bron: Monitor" in w for w in report.warnings)


def test_sheet_choice_and_wrong_sheet(reference: ingest_names.Reference) -> None:
    name = "xlsx_second_sheet_title_footer_codes_as_numbers"
    chosen = _run(name, reference, sheet="Data")
    assert chosen.ok and chosen.matched == 3
    assert not any("werkblad" in w for w in chosen.warnings)  # the user chose: nothing to check
    wrong = _run(name, reference, sheet="Blad1")
    assert not wrong.ok
    assert "'Blad1' bestaat niet" in wrong.error and "'Data'" in wrong.error
    text_only = _run(name, reference, sheet="Toelichting")
    assert not text_only.ok and "ander werkblad ('Data')" in text_only.error


def test_user_resolves_ambiguous_and_split_names(reference: ingest_names.Reference) -> None:
    report = _run("ambiguous_name", reference)
    assert report.choices == {"Bergen": ("GM0373", "GM0893")}
    resolved = _run("ambiguous_name", reference, resolve={"Bergen": "GM0893"})
    assert resolved.unmatched == [] and resolved.values.loc["GM0893", "Waarde"] == 1
    split = _run("merged_and_split_gemeenten", reference)
    assert split.choices["Haaren"] == ("GM0757", "GM0824", "GM0855", "GM0865")
    assert "verdeeld" in split.unmatched[0].reason


def test_user_chooses_duplicate_row_or_sum(reference: ingest_names.Reference) -> None:
    first = _run("duplicates", reference)
    (duplicate,) = first.duplicates
    assert duplicate.rows == [2, 4] and duplicate.kept == 2
    assert [v["Waarde"] for v in duplicate.values] == [1, 3]
    assert [r.row for r in first.rejected] == [4]
    second = _run("duplicates", reference, keep_rows={"GM0363": 4})
    assert second.values.loc["GM0363", "Waarde"] == 3
    summed = _run("duplicates", reference, keep_rows={"GM0363": ingest_options.SUM_ROWS})
    assert summed.values.loc["GM0363", "Waarde"] == 4
    none = _run("duplicates", reference, keep_rows={"GM0363": 0})
    assert math.isnan(none.values.loc["GM0363", "Waarde"])


def test_merged_predecessors_can_be_added_up(reference: ingest_names.Reference) -> None:
    data = b"Gemeente;Inwoners;Aandeel\nBrielle;17000;10,5\nHellevoetsluis;40000;12,5\nWestvoorne;14000;9\n"
    report = ingest.ingest(
        data,
        "2022.csv",
        ingest_options.Options(keep_rows={"GM1992": ingest_options.SUM_ROWS}),
        reference,
    )
    assert report.successors == {
        "Brielle": "GM1992",
        "Hellevoetsluis": "GM1992",
        "Westvoorne": "GM1992",
    }
    assert report.values.loc["GM1992", "Inwoners"] == 71000
    assert math.isnan(report.values.loc["GM1992", "Aandeel"])  # shares are never added up


def test_fractions_are_multiplied_only_after_confirmation(
    reference: ingest_names.Reference,
) -> None:
    plain = _run("fractions", reference)
    assert plain.column("share").fraction and plain.column("share").fraction_confirmed is None
    assert plain.values.loc["GM0363", "share"] == 0.25
    confirmed = _run("fractions", reference, as_percent=frozenset({"share"}))
    assert confirmed.values.loc["GM0363", "share"] == 25
    assert confirmed.column("share").unit == "%"
    assert not any("fracties" in w for w in confirmed.warnings)
    refused = _run("fractions", reference, not_fraction=frozenset({"share"}))
    assert (
        refused.values.loc["GM0363", "share"] == 0.25
        and refused.column("share").fraction_confirmed is False
    )


def test_wijken_are_added_up_only_when_asked(reference: ingest_names.Reference) -> None:
    data = b"Codering;Inwoners;Aandeel\nWK036300;1000;1,5\nWK036301;2000;2,5\nBU05990000;300;1\nBU05990001;.;1\n"
    plain = ingest.ingest(data, "wijken.csv", reference=reference)
    assert plain.matched == 0 and {u.kind for u in plain.unmatched} == {"wijk", "buurt"}
    summed = ingest.ingest(
        data, "wijken.csv", ingest_options.Options(aggregate_wijken=True), reference
    )
    assert summed.values.loc["GM0363", "Inwoners"] == 3000
    assert math.isnan(summed.values.loc["GM0363", "Aandeel"])
    assert math.isnan(summed.values.loc["GM0599", "Inwoners"])  # one buurt had no value
    assert summed.unmatched == []


def test_reading_overrides(reference: ingest_names.Reference) -> None:
    data = "Gemeente|Waarde\nAmsterdam|1.234\n".encode("cp1252")
    detected = ingest.ingest(data, "pipe.txt", reference=reference)
    assert detected.values.loc["GM0363", "Waarde"] == 1.234  # "|" file: English convention
    dutch = ingest.ingest(data, "pipe.txt", ingest_options.Options(decimal=","), reference)
    assert dutch.values.loc["GM0363", "Waarde"] == 1234
    wrong = ingest.ingest(
        "Gemeente;x\nSúdwest-Fryslân;1\n".encode("cp1252"),
        "a.csv",
        ingest_options.Options(encoding="utf-8"),
        reference,
    )
    assert not wrong.ok and "Tekenset" in wrong.error
    keyed = ingest.ingest(
        b"Naam;Code\nAmsterdam;GM0599\n",
        "k.csv",
        ingest_options.Options(key_column="Naam"),
        reference,
    )
    assert keyed.key_column == "Naam" and list(keyed.values.index) == ["GM0363"]


def test_limits_give_dutch_messages(
    reference: ingest_names.Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.ingest import limits as ingest_limits

    monkeypatch.setattr(ingest_limits, "MAX_BYTES", 100)
    big = ingest.ingest(
        b"Gemeente;Waarde\n" + b"Amsterdam;1\n" * 20, "groot.csv", reference=reference
    )
    assert not big.ok and "de grens is" in big.error
    monkeypatch.setattr(ingest_limits, "MAX_BYTES", 10**9)
    monkeypatch.setattr(ingest_limits, "MAX_ROWS", 5)
    rows = ingest.ingest(
        b"Gemeente;Waarde\n" + b"Amsterdam;1\n" * 6, "rijen.csv", reference=reference
    )
    assert not rows.ok and "rijen" in rows.error
    monkeypatch.setattr(ingest_limits, "MAX_COLUMNS", 3)
    cols = ingest.ingest(b"a;b;c;d\nAmsterdam;1;2;3\n", "breed.csv", reference=reference)
    assert not cols.ok and "kolommen" in cols.error


def test_downloads_neutralise_formulas(reference: ingest_names.Reference) -> None:
    report = _run("injection_and_html", reference)
    text = ingest_output.to_csv_bytes(ingest_output.problem_rows(report, "unmatched")).decode(
        "utf-8-sig"
    )
    assert "'=1+1" in text and "'@SUM(A1)" in text
    assert "\n=" not in text and ";=" not in text and ";@" not in text
    book = openpyxl.load_workbook(
        io.BytesIO(ingest_output.to_xlsx_bytes(ingest_output.problem_rows(report, "unmatched")))
    )
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "'=1+1" in cells
    assert all(not (isinstance(c, str) and c.startswith(("=", "@", "+", "-"))) for c in cells)


def test_problem_rows_keep_the_original_cells(reference: ingest_names.Reference) -> None:
    report = _run("merged_and_split_gemeenten", reference)
    unmatched = ingest_output.problem_rows(report, "unmatched")
    assert unmatched[["rij", "waarde"]].to_dict("records") == [{"rij": 5, "waarde": "Haaren"}]
    assert unmatched.loc[0, "Leden"] == "40"
    rejected = ingest_output.problem_rows(report, "rejected")
    assert sorted(rejected["rij"]) == [2, 3, 4]  # Weesp + GM0457 (no row chosen) and Haren


def test_template_lists_every_gemeente(shipped: dict) -> None:
    frame = ingest_output.template(shipped["gemeenten"])
    assert len(frame) == 342 and frame["Gemeentecode"].is_unique
    assert list(frame.columns[:3]) == ["Gemeentecode", "Gemeentenaam", "Provincie"]
    assert (frame.iloc[:, 3:] == "").all().all()
    back = ingest.ingest(ingest_output.to_csv_bytes(frame), "sjabloon.csv")
    assert back.ok and back.matched == 342 and back.key_column == "Gemeentecode"


def test_imported_indicator_metadata() -> None:
    column = ingest_report.Column(
        "Kent de raad (%)", "value", percent=True, unit="%", note="3 getallen"
    )
    item = ingest_output.make_indicator(
        "import_x",
        column,
        "monitor_2024.csv",
        pd.Timestamp("2026-03-01").date(),
        label="Kent de raad",
        higher_is_worse=False,
        year=2024,  # the report's year (here from the file name), or the user's answer
    )
    assert item.kind == "imported" and item.theme == "eigen" and item.year == 2024
    assert item.source == "monitor_2024.csv, geüpload op 1 maart 2026"
    # Without a year in the file the year is unknown, never the upload's (2026).
    unknown = ingest_output.make_indicator(
        "import_y", column, "monitor.csv", pd.Timestamp("2026-03-01").date()
    )
    assert unknown.year is None
    assert "Peiljaar onbekend" in catalogue.footnote(unknown)
    assert (
        ingest_output.indicator_id("Enquête 2024.xlsx", "Vertrouwen (%)")
        == "import_enquete_2024_vertrouwen"
    )
    assert ingest_output.indicator_id("a.csv", "b", ["import_a_b"]) == "import_a_b_2"


def test_candidate_list_uses_uploaded_seats(reference: ingest_names.Reference) -> None:
    seats = ingest.read_seats(
        b'"GemeenteCode";"GemeenteNaam";"AantalZetels"\n"0060";"Ameland";"3"\n',
        "Raadzetels_GR2030.csv",
        reference,
    )
    assert seats == {"GM0060": 3}
    report = ingest.ingest(
        corpus.candidate_list(),
        "Kandidatenlijsten_GR2030.csv",
        ingest_options.Options(seats=seats),
        reference,
    )
    assert report.kind == "candidate_lists" and report.year == 2030
    assert report.values.loc["GM0060", "candidates_per_seat_2030"] == 2
    assert (
        report.values.loc["GM0060", "short_lists_share_2030"] == 50
    )  # 4 and 2 candidates, 3 seats
    assert math.isnan(report.values.loc["GM0014", "candidates_per_seat_2030"])
    assert any("raadszetels onbekend" in w for w in report.warnings)


@pytest.mark.parametrize("bad", ["0,45", "0", "-3", "4500", "100", "2,5"])
def test_seats_that_are_no_whole_number_from_one_up_are_reported_not_used(
    reference: ingest_names.Reference, bad: str
) -> None:
    # int() once made 0,45 seats into 0, and 0 seats gave infinite candidates per seat, which
    # ranked that gemeente first.
    seats = ingest.read_seats(
        f'"GemeenteCode";"AantalZetels"\n"0060";"{bad}"\n"0014";"45"\n'.encode(),
        "Raadzetels_GR2030.csv",
        reference,
    )
    report = ingest.ingest(
        corpus.candidate_list(),
        "Kandidatenlijsten_GR2030.csv",
        ingest_options.Options(seats=seats),
        reference,
    )
    values = report.values
    assert values.loc["GM0014", "candidates_per_seat_2030"] == 6 / 45
    for column in ("candidates_per_seat_2030", "short_lists_share_2030"):
        assert math.isnan(values.loc["GM0060", column]), (bad, column)
    assert all(math.isfinite(v) for v in values.to_numpy().ravel() if not math.isnan(v))
    warning = next(w for w in report.warnings if w.startswith("Raadszetels: bij 1 gemeente"))
    assert "Ameland (GM0060)" in warning and "van 1 tot en met 99" in warning, warning
    assert len(warning) < 400


def test_real_candidate_list_prefix(raw_dir) -> None:
    path = raw_dir / "elections" / "GR2026" / "Kandidatenlijsten_GR2026_first7gemeenten.csv"
    report = ingest.ingest(path.read_bytes(), "Kandidatenlijsten_GR2026.csv")
    assert report.ok and report.rows == 1335 and report.matched == 1335
    values = report.values
    assert (
        values.loc["GM0014", "candidates_2026"] == 427 and values.loc["GM0014", "lists_2026"] == 15
    )
    assert values.loc["GM0060", "candidates_2026"] == 56
    assert values["gender_unknown_candidates_2026"].sum() == 427  # SOURCES.md: 427 blank


def test_real_cbs_export_matches_its_gemeente_rows(raw_dir) -> None:
    path = raw_dir / "cbs" / "Kerncijfers_wijken_en_buurten_2024_geslachten.csv"
    report = ingest.ingest(path.read_bytes(), path.name)
    assert report.key_column == "Regioaanduiding/Codering (code)"
    assert report.matched == 342 and report.rows == 18310
    assert report.values.loc["GM0363", "Bevolking/Aantal inwoners (aantal)"] == 931298
    kinds = pd.Series([u.kind for u in report.unmatched]).value_counts()
    assert kinds["buurt"] + kinds.get("unknown", 0) >= 14574 - 1000 and kinds["total"] == 1


def _big_csv(rows: int) -> bytes:
    gemeenten = pd.read_parquet(paths.BUNDLE_DIR / "gemeenten.parquet")
    pairs = list(zip(gemeenten["code"], gemeenten["name"], strict=True))
    rng = random.Random(7)
    lines = ["Gemeentecode;Gemeente;Score;Leeftijd"]
    for i in range(rows):
        code, name = pairs[i % len(pairs)]
        lines.append(
            f"{code};{name};{rng.uniform(0, 10):.2f};{rng.randint(18, 90)}".replace(".", ",", 1)
        )
    return ("\n".join(lines) + "\n").encode()


def test_100000_rows_are_read_and_matched(reference: ingest_names.Reference) -> None:
    # Speed is measured in bench/ingest_time.py, not asserted here (a loaded machine is slower).
    data = _big_csv(100_000)
    report = ingest.ingest(data, "respondenten.csv", reference=reference)
    assert report.ok and report.rows == 100_000 and report.matched == 100_000
    assert len(report.duplicates) == 342


def test_cli_prints_the_contract_json(tmp_path) -> None:
    filename, data, _ = CASES["merged_and_split_gemeenten"]
    path = tmp_path / filename
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "core.ingest", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert list(out) == CONTRACT_KEYS
    assert out["successors"] == {"Weesp": "GM0363", "Haren": "GM0014", "GM0457": "GM0363"}
    assert out["unmatched"] == [{"row": 5, "value": "Haaren"}]


def test_cli_exit_2_and_dutch_error_when_unreadable(tmp_path) -> None:
    path = tmp_path / "foto.csv"
    path.write_bytes(CASES["png_named_csv"][1])
    done = subprocess.run(
        [sys.executable, "-m", "core.ingest", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 2
    out = json.loads(done.stdout)
    assert out["ok"] is False and "afbeelding" in out["error"] and out["values"] == {}
    missing = subprocess.run(
        [sys.executable, "-m", "core.ingest", str(tmp_path / "nee.csv"), "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
        timeout=120,
    )
    assert missing.returncode == 2 and "niet te openen" in json.loads(missing.stdout)["error"]


def test_cli_sheet_option(tmp_path) -> None:
    filename, data, _ = CASES["xlsx_second_sheet_title_footer_codes_as_numbers"]
    path = tmp_path / filename
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "core.ingest", str(path), "--sheet", "Nee", "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 2 and "Nee" in json.loads(done.stdout)["error"]
