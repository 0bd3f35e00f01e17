"""Recognising gemeenten: codes, names, aliases, CBS suffixes and former gemeenten."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from core.build import geo
from core.ingest import names as ingest_names
from core.ingest import successors as ingest_successors


@pytest.fixture(scope="module")
def reference() -> ingest_names.Reference:
    return ingest_names.load_reference()


@pytest.mark.parametrize(
    ("value", "kind", "code"),
    [
        ("GM0363", "gemeente", "GM0363"),
        ("gm 363", "gemeente", "GM0363"),
        ("0363", "gemeente", "GM0363"),
        ("363", "gemeente", "GM0363"),
        (363, "gemeente", "GM0363"),
        (363.0, "gemeente", "GM0363"),
        ("2025GM0363", "gemeente", "GM0363"),
        ("AMSTERDAM ", "gemeente", "GM0363"),
        ("Gemeente Amsterdam", "gemeente", "GM0363"),
        ("'s-Gravenhage", "gemeente", "GM0518"),
        ("s Gravenhage", "gemeente", "GM0518"),
        ("Den Haag", "gemeente", "GM0518"),
        ("Den Bosch", "gemeente", "GM0796"),
        ("'s-Hertogenbosch (gemeente)", "gemeente", "GM0796"),
        ("Utrecht (gemeente)", "gemeente", "GM0344"),
        ("Utrecht", "gemeente", "GM0344"),
        ("Bergen (NH.)", "gemeente", "GM0373"),
        ("Bergen NH", "gemeente", "GM0373"),
        ("Bergen (L.)", "gemeente", "GM0893"),
        ("Bergen (Limburg)", "gemeente", "GM0893"),
        ("Hengelo", "gemeente", "GM0164"),
        ("Midden-Groningen", "gemeente", "GM1952"),
        ("Midden-Drenthe", "gemeente", "GM1731"),
        ("Súdwest-Fryslân", "gemeente", "GM1900"),
        ("Sudwest Fryslan", "gemeente", "GM1900"),
        ("Ljouwert", "gemeente", "GM0080"),
        ("Tietjerksteradeel", "gemeente", "GM0737"),
        ("Nuenen, Gerwen en Nederwetten", "gemeente", "GM0820"),
        ("Weesp", "former", "GM0363"),
        ("GM0457", "former", "GM0363"),
        ("Haren Gn", "former", "GM0014"),
        ("Leeuwarderadeel", "former", "GM0080"),
        ("Beemster", "former", "GM0439"),
        ("Bergen", "ambiguous", None),
        ("Haaren", "split", None),
        ("GM0788", "split", None),
        ("Winsum", "split", None),
        ("Littenseradiel", "split", None),
        ("Hengelo (Gld.)", "unknown", None),  # a village in Bronckhorst, not a gemeente
        ("Midden", "unknown", None),
        ("GM9999", "unknown", None),
        ("<b>Amsterdam</b>", "unknown", None),
        ("WK036300", "wijk", "GM0363"),
        ("WK0363AA", "wijk", "GM0363"),
        ("BU03630000", "buurt", "GM0363"),
        ("Wijk 00 Annen", "wijk", None),
        ("PV27", "province", None),
        ("Utrecht (PV)", "province", None),
        ("Noord-Holland", "province", None),
        ("Fryslân", "province", None),
        ("Nederland", "total", None),
        ("NL00", "total", None),
        ("Groot-Amsterdam (CR)", "region", None),
        ("", "empty", None),
        (None, "empty", None),
    ],
)
def test_lookup(
    reference: ingest_names.Reference, value: object, kind: str, code: str | None
) -> None:
    hit = reference.lookup(value)
    assert (hit.kind, hit.code) == (kind, code)


def test_every_2025_name_and_code_finds_itself(
    reference: ingest_names.Reference, shipped: dict
) -> None:
    for code, name in zip(shipped["gemeenten"]["code"], shipped["gemeenten"]["name"], strict=True):
        assert reference.lookup(name).code == code, name
        assert reference.lookup(code).code == code
        assert reference.lookup(code[2:].lstrip("0")).code == code


def test_ambiguous_and_split_list_their_options(reference: ingest_names.Reference) -> None:
    assert reference.lookup("Bergen").options == ("GM0373", "GM0893")
    assert reference.lookup("Haaren").options == ("GM0757", "GM0824", "GM0855", "GM0865")


def test_suggestions_are_offered_not_applied(reference: ingest_names.Reference) -> None:
    assert reference.lookup("Amsterdm").kind == "unknown"
    assert reference.suggest("Amsterdm") == ["Amsterdam"]


def test_places_and_distances(reference: ingest_names.Reference) -> None:
    assert reference.locate_place("Ten Boer") == "GM0014"  # former gemeente, now Groningen
    assert reference.locate_place("Buren") == "GM0214"
    assert reference.locate_place("Nes") is None
    assert 20 < reference.distance_km("GM0060", "GM0080") < 40  # Ameland - Leeuwarden
    assert reference.distance_km("GM0060", "GM0214") > 100  # Ameland - Buren (Gelderland)


def test_successors_from_overlap_is_pure() -> None:
    overlaps = pd.DataFrame(
        {
            "old_code": ["GM0001", "GM0001", "GM0002", "GM0002", "GM0002", "GM0003"],
            "new_code": ["GM0010", "GM0011", "GM0010", "GM0011", "GM0012", "GM0003"],
            "share_of_old": [0.97, 0.03, 0.6, 0.3, 0.1, 0.99],
            "share_of_new": [0.5, 0.01, 0.4, 0.2, 0.05, 0.99],
        }
    )
    names = {"GM0001": "Oud", "GM0002": "Verdeeld", "GM0003": "Blijft"}
    out = ingest_successors.successors_from_overlap(
        overlaps, names, ["GM0003", "GM0010", "GM0011", "GM0012"], 2018
    )
    assert list(out.columns) == list(ingest_successors.SUCCESSOR_COLUMNS)
    assert out[["old_code", "new_code", "split"]].values.tolist() == [
        ["GM0001", "GM0010", False],  # 3% is generalisation noise, not a successor
        ["GM0002", "GM0010", True],
        ["GM0002", "GM0011", True],
        ["GM0002", "GM0012", True],
    ]
    assert set(out["division_year"]) == {2018}
    later = out.assign(division_year=2022).iloc[:1]
    combined = ingest_successors.combine_successors([out, later])
    assert combined[combined["old_code"] == "GM0001"]["division_year"].tolist() == [2022]


def test_known_successors_equal_the_boundary_overlay(raw_dir, shipped: dict) -> None:
    """The hand-kept table is what the 2018 and 2022 maps give (plus mergers before 2018)."""
    new = shipped["gemeenten_geo"]
    frames = []
    for year in (2018, 2022):
        old = gpd.read_file(raw_dir / "grtool" / f"gemeente_{year}.geojson").set_crs(
            "EPSG:4326", allow_override=True
        )
        overlaps = geo.overlap_matrix(old, new, "statcode", "code")
        names = dict(zip(old["statcode"], old["statnaam"], strict=True))
        frames.append(ingest_successors.successors_from_overlap(overlaps, names, new["code"], year))
    derived = ingest_successors.combine_successors(frames)
    known = ingest_successors.known_successors()
    known = known[known["division_year"] >= 2018]
    key = ["old_code", "old_name", "division_year", "new_code", "split", "merged_year"]
    pd.testing.assert_frame_equal(
        derived[key].reset_index(drop=True), known[key].reset_index(drop=True)
    )


def test_known_successors_agree_with_election_link(shipped: dict) -> None:
    """Every merger the bundle's election_link names has those predecessors in the table."""
    known = ingest_successors.known_successors()
    by_name = known.groupby("old_name")["new_code"].apply(set).to_dict()
    link = shipped["election_link"]
    merged = link[(link["year"] == 2018) & ~link["comparable"] & (link["election_code"] == "")]
    current = set(shipped["gemeenten"]["name"])
    for row in merged.itertuples(index=False):
        for name in row.predecessors.split(", "):
            if name not in current:
                assert row.code in by_name.get(name, set()), (name, row.code)
