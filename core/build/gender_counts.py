"""First names of the elected -> counts per council and the method table; the names stop here.

The readers hand over, per list, the first names of the elected whose list gave no gender (to
estimate) and of those whose list did (to check the estimate against). This module turns them
into counts per council (never per list: for a list with one seat a count per list would be the
inferred gender of one named councillor) and into the `gender_method` table (per step: how often
it decided, and how often it was right on the councillors of 2022 with a published gender).
"""

from __future__ import annotations

import collections

import pandas as pd

from core.build import gender

NOT_GIVEN_NAMES = "_first_names_not_given"
PUBLISHED_NAMES = "_first_names_published"
NAME_COLUMNS = (NOT_GIVEN_NAMES, PUBLISHED_NAMES)
# The election whose published genders check the method (all its elected have a first name).
CHECK_YEAR = 2022
COUNCIL_KEYS = ["year", "election_code"]


def council_estimates(lists: pd.DataFrame) -> pd.DataFrame:
    """Per council: women_estimated, men_estimated and gender_missing (not given, not estimated)."""
    rows = []
    for key, names in lists.groupby(COUNCIL_KEYS, sort=True)[NOT_GIVEN_NAMES]:
        answers = [gender.estimate(name) for group in names for name in group]
        rows.append(
            {
                "year": key[0],
                "election_code": key[1],
                "women_estimated": answers.count("female"),
                "men_estimated": answers.count("male"),
                "gender_missing": answers.count(None),
            }
        )
    frame = pd.DataFrame(
        rows, columns=[*COUNCIL_KEYS, "women_estimated", "men_estimated", "gender_missing"]
    )
    return frame.astype({"year": "int64"})


def method_table(lists: pd.DataFrame) -> pd.DataFrame:
    """Per step (and per reason for no estimate): what it means, how it did on the published
    genders of CHECK_YEAR, and how many elected it decided per election year."""
    checked = lists.loc[lists["year"] == CHECK_YEAR, PUBLISHED_NAMES]
    check = gender.check_steps(pair for group in checked for pair in group)
    years = sorted(lists["year"].unique())
    decided = {
        year: collections.Counter(
            gender.estimate_with_step(name).step
            for group in lists.loc[lists["year"] == year, NOT_GIVEN_NAMES]
            for name in group
        )
        for year in years
    }
    rows = []
    for step, meaning in [*gender.STEPS.items(), *gender.UNDECIDED.items()]:
        result = check[step]
        tried = result["right"] + result["wrong"]
        rows.append(
            {
                "step": step,
                "estimates": step in gender.STEPS,
                "meaning": meaning,
                f"checked_right_{CHECK_YEAR}": result["right"],
                f"checked_wrong_{CHECK_YEAR}": result["wrong"],
                f"checked_undecided_{CHECK_YEAR}": result["undecided"],
                f"accuracy_{CHECK_YEAR}": result["right"] / tried * 100 if tried else float("nan"),
                **{f"elected_{year}": int(decided[year][step]) for year in years},
            }
        )
    return pd.DataFrame(rows)


def without_names(lists: pd.DataFrame) -> pd.DataFrame:
    """The lists without the first-name columns (what may be written to the bundle)."""
    return lists.drop(columns=[c for c in NAME_COLUMNS if c in lists.columns])
