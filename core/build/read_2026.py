"""The election of 18 March 2026: every candidate list and the result per party (Kiesraad,
derived files described in elections/SOURCES.md, sections 2c and 2d).

Per list: its length and its candidates' published gender (all 340 gemeenten that voted); for
the 339 gemeenten in the results file: votes, seats and the elected councillors' published
gender, plus the first names of the elected whose list gave none (for the estimate; they leave
this module only in gender_counts.NOT_GIVEN_NAMES and never reach the bundle). Gorinchem's
result is absent at the source: its lists are kept, its seats and elected stay missing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.build import gender_counts, rawfile

YEAR = 2026
LISTS_FILE = "elections/GR2026/GR2026_kandidatenlijsten_per_lijst.csv"
RESULTS_FILE = "elections/GR2026/GR2026_uitslag_per_partij.csv"
# Gemeenten that voted in 2026 but whose result per party is not in the source (SOURCES.md 2d).
RESULTS_ABSENT_AT_SOURCE = {"GM0512": "Gorinchem"}
_LIST_COLUMNS = {
    "GemeenteCode",
    "GemeenteNaam",
    "LijstNummer",
    "LijstNaam",
    "AantalKandidaten",
    "Vrouw",
    "Man",
    "GeslachtLeeg",
    "GeslachtPerKandidaat",
}
_RESULT_COLUMNS = {
    "GemeenteCode",
    "PartijId",
    "Stemmen",
    "Zetels",
    "GekozenVrouw",
    "GekozenMan",
    "GekozenGeslachtLeeg",
    "GeslachtPerGekozene",
    "VoornamenZonderGeslacht",
}


def _read(raw: Path, rel: str, needed: set[str]) -> pd.DataFrame:
    frame = rawfile.reading(
        rel,
        lambda: pd.read_csv(
            rawfile.locate(raw, rel), sep=";", dtype=str, keep_default_na=False, encoding="utf-8"
        ),
    )
    rawfile.check(
        needed <= set(frame.columns), rel, f"missing columns {sorted(needed - set(frame.columns))}"
    )
    rawfile.check(
        frame["GemeenteCode"].str.fullmatch(r"GM\d{4}").all(), rel, "GemeenteCode not GMxxxx"
    )
    return frame


def _ints(frame: pd.DataFrame, columns: list[str], rel: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = rawfile.reading(rel, lambda c=column: frame[c].astype("int64"))
    return frame


def read_candidate_lists(raw: Path, seats_2026: pd.DataFrame) -> pd.DataFrame:
    """Every list of 2026: number, name, length and the candidates' published gender (counts)."""
    rel = LISTS_FILE
    frame = _ints(
        _read(raw, rel, _LIST_COLUMNS),
        ["LijstNummer", "AantalKandidaten", "Vrouw", "Man", "GeslachtLeeg"],
        rel,
    )
    per_candidate = frame["GeslachtPerKandidaat"]
    rawfile.check(
        bool((per_candidate.str.len() == frame["AantalKandidaten"]).all())
        and bool((per_candidate.str.count("F") == frame["Vrouw"]).all())
        and bool((per_candidate.str.count("M") == frame["Man"]).all())
        and bool((per_candidate.str.count("-") == frame["GeslachtLeeg"]).all()),
        rel,
        "gender counts differ from GeslachtPerKandidaat",
    )
    rawfile.check(bool((frame["AantalKandidaten"] > 0).all()), rel, "a list without candidates")
    numbers = frame.groupby("GemeenteCode")["LijstNummer"].agg(sorted)
    rawfile.check(
        all(n == list(range(1, len(n) + 1)) for n in numbers), rel, "list numbers not 1..k"
    )
    voted = set(seats_2026["code"])
    rawfile.check(
        set(frame["GemeenteCode"]) == voted,
        rel,
        f"gemeenten differ from Raadzetels_GR2026.csv: {sorted(set(frame['GemeenteCode']) ^ voted)}",
    )
    return pd.DataFrame(
        {
            "year": YEAR,
            "election_code": frame["GemeenteCode"],
            "election_name": frame["GemeenteNaam"],
            "list_id": frame["LijstNummer"].astype(str),
            "list_name": frame["LijstNaam"],
            "n_candidates": frame["AantalKandidaten"],
            "candidates_women": frame["Vrouw"],
            "candidates_men": frame["Man"],
            "candidates_gender_empty": frame["GeslachtLeeg"],
        }
    )


def read_results(raw: Path, seats_2026: pd.DataFrame) -> pd.DataFrame:
    """Per party of 2026: votes, seats, the elected by published gender, first names to estimate."""
    rel = RESULTS_FILE
    frame = _ints(
        _read(raw, rel, _RESULT_COLUMNS),
        ["PartijId", "Stemmen", "Zetels", "GekozenVrouw", "GekozenMan", "GekozenGeslachtLeeg"],
        rel,
    )
    rawfile.check(
        bool(
            (
                frame["GekozenVrouw"] + frame["GekozenMan"] + frame["GekozenGeslachtLeeg"]
                == frame["Zetels"]
            ).all()
        ),
        rel,
        "elected by gender do not add up to the seats",
    )
    # One entry per elected without a gender, in order; an entry may be empty (no first name
    # at the source), so one such councillor gives an empty field.
    names = pd.Series(
        [
            tuple(part.strip() for part in text.split(";")) if n else ()
            for text, n in zip(
                frame["VoornamenZonderGeslacht"], frame["GekozenGeslachtLeeg"], strict=True
            )
        ],
        index=frame.index,
    )
    rawfile.check(
        bool((names.map(len) == frame["GekozenGeslachtLeeg"]).all()),
        rel,
        "number of first names differs from GekozenGeslachtLeeg",
    )
    size = seats_2026.set_index("code")["seats_2026"]
    seats = frame.groupby("GemeenteCode")["Zetels"].sum()
    differs = sorted(code for code, n in seats.items() if size.get(code) != n)
    rawfile.check(not differs, rel, f"seats differ from Raadzetels_GR2026.csv: {differs[:5]}")
    absent = set(size.index) - set(seats.index)
    rawfile.check(
        absent == set(RESULTS_ABSENT_AT_SOURCE),
        rel,
        f"gemeenten without a result: {sorted(absent)} (expected only Gorinchem, GM0512)",
    )
    return pd.DataFrame(
        {
            "election_code": frame["GemeenteCode"],
            "list_id": frame["PartijId"].astype(str),
            "votes": frame["Stemmen"],
            "seats": frame["Zetels"],
            "women": frame["GekozenVrouw"],
            "men": frame["GekozenMan"],
            "gender_unknown": 0,  # the 2026 source has female, male or empty only
            "gender_not_given": frame["GekozenGeslachtLeeg"],
            gender_counts.NOT_GIVEN_NAMES: names,
        }
    )


def read_lists(raw: Path, seats_2026: pd.DataFrame) -> pd.DataFrame:
    """Every list of 2026 with its result (missing for Gorinchem's lists)."""
    lists = read_candidate_lists(raw, seats_2026)
    results = read_results(raw, seats_2026)
    merged = lists.merge(
        results, on=["election_code", "list_id"], how="outer", indicator=True, validate="1:1"
    )
    orphans = merged[merged["_merge"] == "right_only"]
    rawfile.check(
        orphans.empty,
        RESULTS_FILE,
        f"parties not in the candidate lists: {orphans['election_code'].tolist()[:5]}",
    )
    with_result = set(results["election_code"])
    unmatched = merged[
        (merged["_merge"] == "left_only") & merged["election_code"].isin(with_result)
    ]
    rawfile.check(
        unmatched.empty,
        RESULTS_FILE,
        f"lists without a result row: {unmatched['election_code'].tolist()[:5]}",
    )
    merged = merged.drop(columns="_merge")
    for column in ("votes", "seats", "women", "men", "gender_unknown", "gender_not_given"):
        merged[column] = merged[column].astype("Int64")
    merged[gender_counts.NOT_GIVEN_NAMES] = merged[gender_counts.NOT_GIVEN_NAMES].map(
        lambda v: v if isinstance(v, tuple) else ()
    )
    merged[gender_counts.PUBLISHED_NAMES] = [()] * len(merged)
    return merged
