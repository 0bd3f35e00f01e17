"""The app's import of a large file in a process of its own (issue 23, item 10): the same report
as the command line, within limits of CPU time and memory, stopped when the session stops."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from core.ingest import names as ingest_names
from core.ingest import options as ingest_options
from core.ingest import pipeline as ingest
from core.ingest import worker
from tests.fixtures.ingest import corpus


@pytest.fixture(scope="module")
def reference() -> ingest_names.Reference:
    return ingest_names.load_reference()


@pytest.fixture
def always_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large, so small test files take the child process's path."""
    monkeypatch.setattr(worker, "IN_PROCESS_BYTES", 0)


def _children() -> list[int]:
    """Import processes this test process started that still run."""
    mine = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"core.ingest.worker" in command:
            mine.append(int(entry))
    return mine


def _survey(rows: int = 2_000) -> bytes:
    lines = ["Gemeente;Score;Aandeel"]
    names = ["Amsterdam", "Rotterdam", "Utrecht", "Weesp", "Bergen", "Onbekendstad"]
    lines += [f"{names[i % len(names)]};{i % 10};{i % 7},5" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    "name",
    ["duplicates", "merged_and_split_gemeenten", "xlsx_second_sheet_title_footer_codes_as_numbers"],
)
def test_the_child_gives_the_report_the_command_line_gives(
    reference: ingest_names.Reference, always_a_child: None, name: str
) -> None:
    filename, data, _expected = corpus.cases()[name]
    options = ingest_options.Options()
    here = ingest.ingest(data, filename, options, reference)
    there = worker.run(data, filename, options, reference)
    assert there.to_contract_json() == here.to_contract_json()
    assert _children() == []


def test_a_large_file_is_read_in_a_child_and_kept_compact(
    reference: ingest_names.Reference, always_a_child: None
) -> None:
    seen: list[int] = []
    report = worker.run(
        _survey(), "enquete.csv", ingest_options.Options(), reference,
        tick=lambda seconds, phase: seen.extend(_children()),
    )  # fmt: skip
    assert report.ok and report.rows == 2_000
    # The session keeps only the rows its downloads of problem rows need.
    wanted = {u.row for u in report.unmatched} | {r.row for r in report.rejected}
    assert set(report.table.rows) == wanted and len(report.table.frame) == len(wanted)
    assert _children() == []


def test_limits_stop_the_child_with_a_dutch_message(
    reference: ingest_names.Reference, always_a_child: None
) -> None:
    data = _survey(60_000)
    small = worker.Limits(memory=20 * 2**20)
    report = worker.run(data, "groot.csv", ingest_options.Options(), reference, limits=small)
    assert not report.ok and report.refused
    assert "meer dan 20 MB geheugen nodig" in report.error
    quick = worker.Limits(cpu_seconds=0.3)
    report = worker.run(data, "groot.csv", ingest_options.Options(), reference, limits=quick)
    assert not report.ok and report.refused and "gestopt" in report.error
    assert _children() == []


def test_a_stop_from_the_session_ends_the_child(
    reference: ingest_names.Reference, always_a_child: None
) -> None:
    class Stop(Exception):
        pass

    running: list[list[int]] = []

    def tick(seconds: float, phase: str) -> None:
        running.append(_children())
        if len(running) >= 2:
            raise Stop  # Streamlit raises StopException here when the tab has closed

    with pytest.raises(Stop):
        worker.run(_survey(200_000), "groot.csv", ingest_options.Options(), reference, tick=tick)
    assert running[0], "the import ran in a child process"
    assert _children() == []


def test_one_large_import_at_a_time_and_a_clear_message_when_busy(
    reference: ingest_names.Reference, always_a_child: None
) -> None:
    assert worker.SLOTS.acquire(timeout=5)  # another session's import
    try:
        phases: list[str] = []
        report = worker.run(
            _survey(), "enquete.csv", ingest_options.Options(), reference,
            tick=lambda seconds, phase: phases.append(phase), limits=worker.Limits(wait=0.6),
        )  # fmt: skip
        assert not report.ok and not report.refused
        assert "al" in report.error and "ander groot bestand" in report.error
        assert phases and set(phases) == {"wachten"}
        done = threading.Event()
        answer: list = []

        def later() -> None:
            answer.append(worker.run(_survey(), "enquete.csv", ingest_options.Options(), reference))
            done.set()

        threading.Thread(target=later, daemon=True).start()
        assert not done.wait(0.5)  # waits for the slot
    finally:
        worker.SLOTS.release()
    assert done.wait(60) and answer[0].ok


def test_a_child_that_dies_gives_a_dutch_message(
    reference: ingest_names.Reference, always_a_child: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "command", lambda: ["python", "-c", "import sys; sys.exit(9)"])
    report = worker.run(_survey(), "enquete.csv", ingest_options.Options(), reference)
    assert not report.ok and "onverwacht afgebroken" in report.error


def test_small_files_are_read_in_this_process(reference: ingest_names.Reference) -> None:
    report = worker.run(_survey(50), "klein.csv", ingest_options.Options(), reference,
                        tick=lambda s, p: pytest.fail("no child, nothing to wait for"))  # fmt: skip
    assert report.ok and report.rows == 50
    assert worker.weight(_survey(50)) < worker.IN_PROCESS_BYTES
