"""Excel decompression bombs (issue 16, item 2): refused quickly, in bounded memory, in Dutch.

Each bomb is read in a subprocess of its own, so that its peak memory can be measured (the
maximum resident size after the read minus the one before it) and so that a reader that does
not stop is killed by the timeout instead of running for hours.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from core import paths
from core.ingest import limits, options, pipeline
from tests.core import xlsx_bombs

# The child measures CPU time, which does not depend on how busy the machine is.
_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from core.ingest import pipeline, read_excel
    import openpyxl, pandas  # imported before the baseline is taken

    def usage():
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime, r.ru_maxrss * 1024

    data = open(sys.argv[1], "rb").read()
    cpu, peak = usage()
    report = pipeline.ingest(data, sys.argv[1].rsplit("/", 1)[-1]).to_contract_json()
    names = read_excel.sheet_names(data)
    cpu_after, peak_after = usage()
    print(json.dumps({"report": report, "cpu_s": cpu_after - cpu,
                      "extra_mb": (peak_after - peak) / 2**20, "sheets": names}))
    """
)
MAX_CPU_S = 5.0
MAX_EXTRA_MB = 150
TIMEOUT_S = 120  # wall clock, generous for a busy machine; without the limits: hours


def _read_in_child(data: bytes, tmp_path, name: str = "bom.xlsx") -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)],
            cwd=paths.REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the bomb did not end within {TIMEOUT_S} s")
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _assert_refused(result: dict, *words: str) -> None:
    report = result["report"]
    assert report["ok"] is False
    assert "geweigerd" in report["error"] or "grens" in report["error"]
    for word in words:
        assert word in report["error"], report["error"]
    assert result["cpu_s"] < MAX_CPU_S, result
    assert result["extra_mb"] < MAX_EXTRA_MB, result


def test_the_builder_makes_readable_workbooks() -> None:
    report = pipeline.ingest(xlsx_bombs.table(), "tabel.xlsx").to_contract_json()
    assert report["ok"] and report["values"] == {"GM0363": {"waarde": 1}}


def test_declared_dimension_bomb_is_refused_before_parsing(tmp_path) -> None:
    data = xlsx_bombs.dimension_bomb("A1:XFD1048576")
    assert len(data) < 5_000  # 4.7 kB that declares 17 billion cells
    result = _read_in_child(data, tmp_path)
    _assert_refused(result, "16.384 kolommen", "1.048.576 rijen", "de grens is 500 kolommen")
    assert result["sheets"] == ["Blad1"]  # the sheet list is read without touching the sheet


@pytest.mark.parametrize(
    ("dimension", "refused"),
    [("A1:SF10", False), ("A1:SG10", True), ("A1:B201000", False), ("A1:B201001", True)],
)
def test_declared_dimension_at_the_limits(dimension: str, refused: bool) -> None:
    report = pipeline.ingest(xlsx_bombs.table(dimension), "t.xlsx").to_contract_json()
    assert report["ok"] is not refused, report["error"]


def test_one_huge_cell_is_refused_before_unpacking(tmp_path) -> None:
    data = xlsx_bombs.huge_cell_bomb(300)
    assert len(data) < 400_000  # 300 MB of text in about 300 kB
    result = _read_in_child(data, tmp_path)
    _assert_refused(result, "xl/worksheets/sheet1.xml", "300,0 MB", "zip-bom")


def test_a_cell_above_excels_own_limit_is_refused() -> None:
    report = pipeline.ingest(xlsx_bombs.far_cell(3, text="x" * 40_000), "t.xlsx")
    assert not report.ok and "40.000 tekens" in report.error


def test_a_million_empty_rows_are_refused_while_reading(tmp_path) -> None:
    data = xlsx_bombs.empty_rows_bomb(1_048_576)
    result = _read_in_child(data, tmp_path)
    _assert_refused(result, "201.000 rijen")


def test_empty_rows_below_the_limit_are_read() -> None:
    report = pipeline.ingest(xlsx_bombs.empty_rows_bomb(150_000), "t.xlsx").to_contract_json()
    assert report["ok"] and report["values"] == {"GM0363": {"waarde": 1}}


def test_a_cell_far_to_the_right_is_refused_without_padding(tmp_path) -> None:
    result = _read_in_child(xlsx_bombs.far_cell(16_384), tmp_path)
    _assert_refused(result, "kolom 16.384")


def test_a_row_of_a_million_empty_cells_is_refused_before_parsing(tmp_path) -> None:
    cells = b"".join(b'<c r="A%d"/>' % i for i in range(1_000_000))
    data = xlsx_bombs.workbook(
        xlsx_bombs._sheet([xlsx_bombs._TABLE, b'<row r="3">' + cells + b"</row>"])
    )
    result = _read_in_child(data, tmp_path)
    _assert_refused(result, "meer dan 500 cellen")


def test_zip_limits_name_the_part_and_the_reason(monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNPACKED_TOTAL", 10_000)
    report = pipeline.ingest(xlsx_bombs.table(), "t.xlsx")
    assert not report.ok and "uitgepakt" in report.error and "de grens is" in report.error
    monkeypatch.setattr(limits, "MAX_UNPACKED_TOTAL", 10**9)
    monkeypatch.setattr(limits, "RATIO_FROM", 100)
    monkeypatch.setattr(limits, "MAX_RATIO", 2)
    report = pipeline.ingest(xlsx_bombs.table(), "t.xlsx")
    assert not report.ok and "keer samengeperst" in report.error


def test_a_parquet_file_of_millions_of_rows_is_refused_from_its_metadata() -> None:
    import io
    import time

    import pandas as pd

    buffer = io.BytesIO()
    pd.DataFrame({"gemeente": ["Amsterdam"] * 3_000_000, "v": 0.0}).to_parquet(buffer)
    assert len(buffer.getvalue()) < 100_000  # 3 million rows in a few tens of kB
    start = time.process_time()
    report = pipeline.ingest(buffer.getvalue(), "veel.parquet")
    assert time.process_time() - start < 1.0
    assert not report.ok and report.refused and "3.000.000 rijen" in report.error


def test_refusals_by_a_limit_are_marked_unreadable_files_are_not() -> None:
    refused = pipeline.ingest(xlsx_bombs.dimension_bomb(), "bom.xlsx")
    assert refused.refused and "refused" not in refused.to_contract_json()
    broken = pipeline.ingest(b"PK\x03\x04 kapot", "kapot.xlsx")
    assert not broken.ok and not broken.refused
    wrong = pipeline.ingest("a;b\n".encode("utf-16"), "t.csv", options.Options(encoding="ascii"))
    assert not wrong.ok and not wrong.refused  # another reading setting may help


_TEXT_MB = 49 * 1024 * 1024  # just under the upload limit


@pytest.mark.parametrize(
    ("shape", "words"),
    [
        ("empty_lines", ("51.380.224 regels", "201.000")),
        ("one_line_of_fields", ("Regel 1", "scheidingstekens", "500 kolommen")),
        ("quoted_lines", ("regels (lege meegeteld)",)),
    ],
)
def test_text_files_of_millions_of_lines_or_fields_are_refused(tmp_path, shape, words) -> None:
    """Before: minutes of CPU for empty lines, and an uncaught csv.Error for one long line."""
    data = {
        "empty_lines": b"\n" * _TEXT_MB,
        "one_line_of_fields": b"a;" * (_TEXT_MB // 2),
        "quoted_lines": b'"a;""b"""\n' * (_TEXT_MB // 10),
    }[shape]
    result = _read_in_child(data, tmp_path, "tabel.csv")
    report = result["report"]
    assert report["ok"] is False
    for word in words:
        assert word in report["error"], report["error"]
    assert result["cpu_s"] < MAX_CPU_S, result
    assert result["extra_mb"] < MAX_EXTRA_MB, result
