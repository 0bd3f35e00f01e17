"""CI cannot skip quietly: .ci/run sets CI, and under CI a missing browser or raw data fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from core import paths

ROOT = paths.REPO_ROOT


def test_ci_script_exports_ci_before_it_runs_the_tests() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "export CI=true" in lines
    runs = [i for i, line in enumerate(lines) if line.startswith("python -m pytest")]
    assert runs and lines.index("export CI=true") < runs[0]


def _pytest(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_missing_raw_data_skips_locally_but_fails_under_ci(tmp_path: Path) -> None:
    test = "tests/core/test_ingest.py::test_real_candidate_list_prefix"  # uses raw_dir
    missing = {"RAADSRADAR_RAW": str(tmp_path / "no-raw-data")}
    local = _pytest([test, "-rs"], missing)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout[-800:]
    ci = _pytest([test], {**missing, "CI": "true"})
    assert ci.returncode != 0 and "raw data not found" in ci.stdout, ci.stdout[-800:]


def test_missing_browser_skips_locally_but_fails_under_ci(tmp_path: Path) -> None:
    # The browser fixture finds Chromium the way the picture export does (images.browser_path);
    # $BROWSER_PATH pointing at nothing means: no browser on this machine.
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_needs_a_browser(browser):\n    assert browser\n")
    args = ["-p", "tests.e2e.conftest", "--rootdir", str(tmp_path), str(probe), "-rs"]
    missing = {"BROWSER_PATH": str(tmp_path / "no-chromium"), "PYTHONPATH": str(ROOT)}
    local = _pytest(args, missing)
    assert local.returncode == 0 and "E2E BROWSER MISSING" in local.stdout, local.stdout[-800:]
    ci = _pytest(args, {**missing, "CI": "true"})
    assert ci.returncode != 0 and "E2E BROWSER MISSING" in ci.stdout, ci.stdout[-800:]
