"""Kiesraad sources: lists, seats and gender of the elected (2014-2022), council sizes of 2026
and the staffel of Gemeentewet art. 8.

The first names of the elected travel in two columns (gender_counts.NOT_GIVEN_NAMES,
PUBLISHED_NAMES) only until core.build.gender_counts has turned them into counts; they never
reach the bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from core.build import eml, gender_counts, rawfile


def read_results(raw: Path, year: int) -> pd.DataFrame:
    """Per list: seats and elected councillors by gender, from the Resultaat EML files of a year."""
    folder = f"elections/GR{year}/eml_resultaat"
    files = sorted((raw / folder).glob("Resultaat_*.eml.xml"))
    rawfile.check(bool(files), folder, "no Resultaat_*.eml.xml files found")
    rows = []
    for path in files:
        result = rawfile.reading(f"{folder}/{path.name}", lambda p=path: eml.read_resultaat(p))
        for item in result.lists:
            rows.append(
                {
                    "year": year,
                    "election_code": result.gemeente_code,
                    "election_name": result.gemeente_name,
                    "list_id": item.list_id,
                    "list_name": item.list_name,
                    "seats": item.seats,
                    "women": item.women,
                    "men": item.men,
                    "gender_unknown": item.gender_unknown,
                    "gender_not_given": item.gender_missing,
                    gender_counts.NOT_GIVEN_NAMES: item.missing_first_names,
                    gender_counts.PUBLISHED_NAMES: item.published_first_names,
                }
            )
    frame = pd.DataFrame(rows)
    dupes = frame.duplicated(["election_code", "list_id"])
    rawfile.check(
        not dupes.any(), folder, f"duplicate lists {frame.loc[dupes, 'election_code'].tolist()[:5]}"
    )
    return frame


def read_results_2014(raw: Path) -> pd.DataFrame:
    """Per list for 2014 from the GRtool JSON (no EML files saved): seats and gender of the elected."""
    rel = "elections/GR2014/grtool_2014.json"
    data = rawfile.reading(
        rel, lambda: json.loads(rawfile.locate(raw, rel).read_text(encoding="utf-8"))
    )
    rows = []
    for council in data:
        for party in council["partijen"]:
            genders = [k.get("geslacht") for k in party["kandidaten"]]
            missing = tuple(
                (k.get("voornaam") or "").strip()
                for k in party["kandidaten"]
                if k.get("geslacht") not in ("female", "male", "unknown")
            )
            published = tuple(
                ((k.get("voornaam") or "").strip(), k["geslacht"])
                for k in party["kandidaten"]
                if k.get("geslacht") in ("female", "male")
            )
            rows.append(
                {
                    "year": 2014,
                    "election_code": council["cbsCodeFormatted"],
                    "election_name": council["naam"],
                    "list_id": str(party["id"]),
                    "list_name": party["naam"],
                    "seats": len(genders),
                    "women": genders.count("female"),
                    "men": genders.count("male"),
                    "gender_unknown": genders.count("unknown"),
                    "gender_not_given": len(missing),
                    gender_counts.NOT_GIVEN_NAMES: missing,
                    gender_counts.PUBLISHED_NAMES: published,
                }
            )
    return pd.DataFrame(rows)


def read_list_lengths_2022(raw: Path) -> pd.DataFrame:
    """List lengths and votes for 2022; the derived CSV is first checked against our own EML parse."""
    rel = "elections/GR2022/extracted_GR2022_telling_lists.csv"
    lists = rawfile.reading(
        rel,
        lambda: pd.read_csv(rawfile.locate(raw, rel), dtype={"gemeente_code": str, "list_id": str}),
    )
    needed = {"gemeente_code", "list_id", "list_valid_votes", "n_candidates_on_list"}
    rawfile.check(
        needed <= set(lists.columns), rel, f"missing columns {sorted(needed - set(lists.columns))}"
    )
    lists["election_code"] = "GM" + lists["gemeente_code"].str.zfill(4)
    samples = sorted((raw / "elections/GR2022/eml_telling_sample").glob("Telling_*.eml.xml"))
    rawfile.check(
        bool(samples),
        "elections/GR2022/eml_telling_sample",
        "no Telling sample files to check against",
    )
    for path in samples:
        telling = rawfile.reading(path.name, lambda p=path: eml.read_telling(p))
        ours = {(i.list_id, i.valid_votes, i.n_candidates) for i in telling.lists}
        theirs = lists[lists["election_code"] == telling.gemeente_code]
        given = set(
            zip(
                theirs["list_id"],
                theirs["list_valid_votes"],
                theirs["n_candidates_on_list"],
                strict=True,
            )
        )
        rawfile.check(
            ours == given, rel, f"differs from our parse of {path.name}: {sorted(ours ^ given)}"
        )
    out = lists.rename(
        columns={"list_valid_votes": "votes", "n_candidates_on_list": "n_candidates"}
    )
    return out[["election_code", "list_id", "votes", "n_candidates"]]


def read_lists_2022(raw: Path) -> pd.DataFrame:
    """Every list of 2022 (also those without seats), with seats, gender of the elected and length.

    Resultaat files only name lists that won seats, so the full set of lists comes from the count:
    the extracted Telling CSV, and the GRtool JSON (built from the same counts) for the 18 large
    gemeenten whose Telling file is not in the raw data. Councils without a Resultaat file have
    no known seats and are left out.
    """
    rel = "elections/GR2022/grtool_2022.json"
    data = rawfile.reading(
        rel, lambda: json.loads(rawfile.locate(raw, rel).read_text(encoding="utf-8"))
    )
    universe = pd.DataFrame(
        [
            {
                "election_code": c["cbsCodeFormatted"],
                "list_id": str(p["id"]),
                "list_name_json": p["naam"],
                "votes_json": p["stemmen"],
            }
            for c in data
            for p in c["partijen"]
        ]
    )
    elected = read_results(raw, 2022)
    lengths = read_list_lengths_2022(raw)
    orphans = elected.merge(universe, on=["election_code", "list_id"], how="left", indicator=True)
    orphans = orphans[orphans["_merge"] == "left_only"]
    rawfile.check(
        orphans.empty,
        rel,
        f"lists with seats missing from the JSON: {orphans['election_code'].tolist()[:5]}",
    )
    frame = universe[universe["election_code"].isin(set(elected["election_code"]))]
    frame = frame.merge(elected, on=["election_code", "list_id"], how="left")
    frame = frame.merge(lengths, on=["election_code", "list_id"], how="left")
    names = elected.groupby("election_code")["election_name"].first()
    frame["election_name"] = frame["election_code"].map(names)
    frame["list_name"] = frame["list_name"].fillna(frame["list_name_json"])
    counts = ["seats", "women", "men", "gender_unknown", "gender_not_given"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    # Lists without seats have no elected, so no first names.
    for column in (gender_counts.NOT_GIVEN_NAMES, gender_counts.PUBLISHED_NAMES):
        frame[column] = frame[column].map(lambda v: v if isinstance(v, tuple) else ())
    # Votes: the Kiesraad count where we have it; else the JSON, built from the same count.
    frame["votes"] = frame["votes"].fillna(frame["votes_json"])
    frame["year"] = 2022
    return frame[
        [
            "year",
            "election_code",
            "election_name",
            "list_id",
            "list_name",
            *counts,
            "votes",
            "n_candidates",
            gender_counts.NOT_GIVEN_NAMES,
            gender_counts.PUBLISHED_NAMES,
        ]
    ]


def read_seats_2026(raw: Path) -> pd.DataFrame:
    """Council sizes for the election of 18 March 2026."""
    rel = "elections/GR2026/Raadzetels_GR2026.csv"
    frame = rawfile.reading(rel, lambda: pd.read_csv(rawfile.locate(raw, rel), sep=";", dtype=str))
    rawfile.check(
        {"GemeenteCode", "AantalZetels"} <= set(frame.columns),
        rel,
        "missing GemeenteCode/AantalZetels",
    )
    out = pd.DataFrame(
        {
            "code": "GM" + frame["GemeenteCode"].str.zfill(4),
            "seats_2026": rawfile.reading(
                rel, lambda: pd.to_numeric(frame["AantalZetels"]).astype("int64")
            ),
        }
    )
    rawfile.check(out["code"].is_unique, rel, "duplicate gemeente codes")
    return out.sort_values("code").reset_index(drop=True)


def read_staffel(raw: Path) -> pd.DataFrame:
    """The council-size bands of Gemeentewet art. 8."""
    rel = "elections/staffel_gemeentewet_art8.csv"
    frame = rawfile.reading(
        rel, lambda: pd.read_csv(rawfile.locate(raw, rel), dtype={"band_as_worded_in_law": str})
    )
    rawfile.check(
        {"min_inhabitants", "max_inhabitants", "council_seats"} <= set(frame.columns),
        rel,
        "missing columns",
    )
    frame["max_inhabitants"] = frame["max_inhabitants"].astype("Int64")
    frame["min_inhabitants"] = frame["min_inhabitants"].astype("int64")
    frame["council_seats"] = frame["council_seats"].astype("int64")
    return frame
