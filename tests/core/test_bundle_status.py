"""bundle.status: which files of the committed bundle are present, readable and unchanged."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from core import bundle, paths


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.BUNDLE_DIR, folder)
    return folder


def _states(folder) -> dict[str, str]:
    return {row["file"]: row["state"] for row in bundle.status(folder)}


def test_committed_bundle_is_complete_and_unchanged() -> None:
    states = _states(paths.BUNDLE_DIR)
    expected = {f"{name}.parquet" for name in (*bundle.TABLES, *bundle.GEO_TABLES)}
    assert set(states) == expected | {bundle.CATALOGUE_FILE}
    assert set(states.values()) == {"in orde"}


def test_missing_unreadable_and_changed_files_are_told_apart(copy) -> None:
    (copy / "successors.parquet").unlink()
    (copy / "indicators.parquet").write_bytes(b"not parquet")
    (copy / bundle.CATALOGUE_FILE).write_text("{broken", encoding="utf-8")
    # Readable, but not what prepare wrote (one value changed).
    national = pd.read_parquet(copy / "national.parquet")
    national.iloc[0, -1] = (
        national.iloc[0, -1] + 1 if national.dtypes.iloc[-1].kind in "if" else "x"
    )
    national.to_parquet(copy / "national.parquet")
    states = _states(copy)
    assert states["successors.parquet"] == "ontbreekt"
    assert states["indicators.parquet"] == "onleesbaar"
    assert states[bundle.CATALOGUE_FILE] == "onleesbaar"
    assert states["national.parquet"] == "gewijzigd"
    assert states["gemeenten.parquet"] == "in orde"
    details = {row["file"]: row["detail"] for row in bundle.status(copy)}
    assert "indicators.parquet" in details["indicators.parquet"]


def test_missing_or_broken_manifest_is_one_row(copy, tmp_path) -> None:
    (copy / bundle.MANIFEST_FILE).write_text("[]", encoding="utf-8")
    assert bundle.status(copy) == [
        {"file": bundle.MANIFEST_FILE, "state": "onleesbaar", "detail": "TypeError"}
    ]
    assert bundle.status(tmp_path / "nowhere")[0]["state"] == "ontbreekt"
