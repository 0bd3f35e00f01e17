"""Our own Kiesraad EML parser, checked against the original sample files and the derived CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.build import eml


def _sample(raw_dir: Path, name: str) -> Path:
    return raw_dir / "elections/GR2022/eml_telling_sample" / f"Telling_GR2022_{name}.eml.xml"


def test_telling_vlieland_by_hand(raw_dir: Path) -> None:
    telling = eml.read_telling(_sample(raw_dir, "Vlieland"))
    assert telling.gemeente_code == "GM0096"
    assert telling.election_date == "2022-03-16"
    # Counted by hand in the file: NLV 10 candidates, GroenWit 8, ABV 7, Lijst Fier 5.
    assert [(i.list_name, i.valid_votes, i.n_candidates) for i in telling.lists] == [
        ("NLV", 187, 10),
        ("GroenWit", 74, 8),
        ("Algemeen Belang Vlieland", 141, 7),
        ("Lijst Fier", 253, 5),
    ]
    assert (telling.cast, telling.total_counted, telling.admitted_voters) == (1045, 655, 661)
    # The gemeente total must not include the per-polling-station blocks.
    assert sum(i.valid_votes for i in telling.lists) == telling.total_counted


@pytest.mark.parametrize("name", ["Ameland", "Schiermonnikoog", "Vlieland"])
def test_telling_matches_extracted_csv(raw_dir: Path, name: str) -> None:
    telling = eml.read_telling(_sample(raw_dir, name))
    csv = pd.read_csv(
        raw_dir / "elections/GR2022/extracted_GR2022_telling_lists.csv",
        dtype={"gemeente_code": str, "list_id": str},
    )
    csv = csv[("GM" + csv["gemeente_code"]) == telling.gemeente_code]
    ours = [
        (i.list_id, i.valid_votes, i.n_candidates, i.n_candidates_zero_votes) for i in telling.lists
    ]
    theirs = list(
        zip(
            csv["list_id"],
            csv["list_valid_votes"],
            csv["n_candidates_on_list"],
            csv["n_candidates_zero_votes"],
            strict=True,
        )
    )
    assert ours == theirs
    totals = pd.read_csv(
        raw_dir / "elections/GR2022/extracted_GR2022_telling_gemeente_totals.csv",
        dtype={"gemeente_code": str},
    )
    row = totals[("GM" + totals["gemeente_code"]) == telling.gemeente_code].iloc[0]
    assert (telling.cast, telling.total_counted) == (row["Cast"], row["TotalCounted"])


def test_resultaat_counts_elected_by_gender(raw_dir: Path) -> None:
    result = eml.read_resultaat(
        raw_dir / "elections/GR2022/eml_resultaat/Resultaat_GR2022_Vlieland.eml.xml"
    )
    assert result.gemeente_code == "GM0096"
    assert result.seats == 9
    nlv = result.lists[0]
    assert nlv.list_name == "NLV"
    assert nlv.seats == nlv.women + nlv.men + nlv.gender_unknown + nlv.gender_missing


def test_resultaat_nuenen_matched_on_domain_not_filename(raw_dir: Path) -> None:
    path = (
        raw_dir
        / "elections/GR2022/eml_resultaat/Resultaat_GR2022_Nuenen_GerwenenNederwetten.eml.xml"
    )
    assert eml.read_resultaat(path).gemeente_code == "GM0820"


def test_wrong_kind_and_broken_files_raise(raw_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(eml.EmlError, match="510b"):
        eml.read_telling(
            raw_dir / "elections/GR2022/eml_resultaat/Resultaat_GR2022_Vlieland.eml.xml"
        )
    broken = tmp_path / "x.eml.xml"
    broken.write_text("<EML><Count>", encoding="utf-8")
    with pytest.raises(eml.EmlError, match="x.eml.xml"):
        eml.read_resultaat(broken)
