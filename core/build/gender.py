"""Gender estimated from a first name, for elected councillors whose list did not publish it.

Method (named in the catalogue, the data README and the bundle's `gender_method` table), in
steps; the first step that answers decides, and `estimate_with_step` says which one:
1. `nl`: gender-guesser 0.4.0 (PyPI; the name lists of Jörg Michael's `gender.c`, one column per
   country) asked for "the_netherlands": "female"/"male" decide.
2. `nl_mostly`: its Dutch column says "mostly_female"/"mostly_male": counted only when the second
   source (step 5) independently calls the name the same gender; otherwise unknown.
3. `other_countries`: the name is in gender-guesser but has no Dutch data (e.g. Mohamed, Kevin):
   its answer over all countries, "female"/"male" decide, "mostly_*" as in step 2.
4. `first_part`: a compound first name ("Pieter-Jan", "Jan Willem", "MaartenJan") that the lists
   do not hold whole is looked up by its first part (steps 1-3).
5. `second_source`: a name gender-guesser does not know at all: nomquamgender 0.1.4 (PyPI; Van
   Buskirk, Clauset & Larremore, name-gender data from 36 sources), with the package's own
   defaults for a gendered name: p(female) at most 0.1 or at least 0.9, from at least 10
   observations.
Tried and dropped: deciding a compound name by its last part when the first is used for both
genders ("Anne Marie") was right for only 11 of 12 councillors of 2022 with a published gender.
Never guessed: a name used for both genders in the Dutch data (gender-guesser's "andy": Floor,
Marijn, Anne), a "mostly" answer the second source does not confirm, a weakly gendered or
rarely seen name in the second source, and an empty name: those stay unknown.
Only counts leave `core.prepare`; no name is written to the bundle.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import gender_guesser.detector

COUNTRY = "the_netherlands"
# nomquamgender's own defaults for a "gendered, high coverage" name (its `taxonomize`).
SECOND_SOURCE_MAX_UNCERTAINTY = 0.1
SECOND_SOURCE_MIN_COUNTS = 10

# Step ids in the order they are tried, with what each means in Dutch (data page, README).
STEPS = {
    "nl": "gender-guesser, Nederlandse namenlijst: vrouw of man",
    "nl_mostly": (
        "gender-guesser, Nederlandse namenlijst: 'meestal vrouw' of 'meestal man', en "
        "nomquamgender zegt hetzelfde"
    ),
    "other_countries": (
        "gender-guesser, naam zonder Nederlandse gegevens: het antwoord over alle landen "
        "('meestal' alleen als nomquamgender hetzelfde zegt)"
    ),
    "first_part": "samengestelde voornaam: het eerste deel (stappen hierboven)",
    "second_source": (
        "naam die gender-guesser niet kent: nomquamgender (kans op vrouw hoogstens 0,1 of "
        "minstens 0,9, uit minstens 10 waarnemingen)"
    ),
}
# Why no gender was estimated (counted apart, never guessed).
UNDECIDED = {
    "ambiguous": "naam voor beide geslachten, of de bronnen zijn het niet eens: niet geschat",
    "not_found": "naam in geen van beide bronnen (of te zelden gezien): niet geschat",
    "no_name": "geen voornaam in de bron: niet geschat",
}
_PARTS = re.compile(r"[\s\-]+|(?<=[a-zà-ÿ])(?=[A-Z])")


@dataclasses.dataclass(frozen=True)
class Estimate:
    """An estimated gender ('female', 'male' or None) and the step that decided or stopped."""

    gender: str | None
    step: str


@functools.cache
def _detector() -> gender_guesser.detector.Detector:
    return gender_guesser.detector.Detector(case_sensitive=False)


@functools.cache
def _second_source() -> dict[str, list]:
    # nomquamgender's own name table (name -> [sources, observations, p(female), ...]), read
    # from the installed package's folder without importing it: its import loads pandas and
    # this table through a deprecated API. Read on first use (22 MB, ~2 s): only core.prepare.
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nomquamgender (requirements.txt) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return json.loads((folder / "name_data.json").read_text(encoding="utf-8"))


def _fold(name: str) -> str:
    """The name without diacritics (Ömer -> omer), as the name lists often spell it."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def second_source(name: str) -> str | None:
    """nomquamgender's answer: 'female', 'male', 'ambiguous' (weakly gendered), or None (unseen)."""
    entry = _second_source().get(_fold(name.strip().lower()))
    if entry is None or entry[1] < SECOND_SOURCE_MIN_COUNTS:
        return None
    p_female = float(entry[2])
    if p_female >= 1 - SECOND_SOURCE_MAX_UNCERTAINTY:
        return "female"
    if p_female <= SECOND_SOURCE_MAX_UNCERTAINTY:
        return "male"
    return "ambiguous"


def _lookup(name: str) -> Estimate:
    """One name (no parts) in gender-guesser: steps 1-3, else 'ambiguous' or 'not_found'."""
    detector = _detector()
    for key in dict.fromkeys((name, _fold(name))):
        entry = detector.names.get(key)
        if entry is None:
            continue
        column = detector.COUNTRIES.index(COUNTRY)
        dutch = any(values[column] != " " for values in entry.values())
        answer = detector.get_gender(key, COUNTRY if dutch else None)
        step = "nl" if dutch else "other_countries"
        if answer in ("female", "male"):
            return Estimate(answer, step)
        if answer in ("mostly_female", "mostly_male"):
            plain = answer.removeprefix("mostly_")
            if second_source(key) == plain:
                return Estimate(plain, "nl_mostly" if dutch else step)
        # "andy" (both genders) or an unconfirmed "mostly": never guessed.
        return Estimate(None, "ambiguous")
    return Estimate(None, "not_found")


@functools.cache
def estimate_with_step(first_name: str | None) -> Estimate:
    """The estimated gender of a first name and the step that decided (see the module doc)."""
    name = (first_name or "").strip()
    if not name:
        return Estimate(None, "no_name")
    parts = [p.lower() for p in _PARTS.split(name) if p]
    whole = _lookup(name.lower())
    if whole.gender or whole.step == "ambiguous" or len(parts) < 2:
        result = whole
    else:
        first = _lookup(parts[0])
        if first.gender:
            return Estimate(first.gender, "first_part")
        result = first
    if result.step != "not_found":
        return result
    for candidate in (name, parts[0]) if len(parts) > 1 else (name,):
        answer = second_source(candidate)
        if answer in ("female", "male"):
            return Estimate(answer, "second_source")
        if answer == "ambiguous":
            return Estimate(None, "ambiguous")
    return Estimate(None, "not_found")


def estimate(first_name: str | None) -> str | None:
    """'female', 'male' or None (no name, a name used for both, or a name in neither source)."""
    return estimate_with_step(first_name).gender


def check_steps(published: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Accuracy per step on (first name, published gender) pairs: step -> {right, wrong, undecided}.

    Pairs whose published gender is not 'female' or 'male' are skipped.
    """
    out = {step: {"right": 0, "wrong": 0, "undecided": 0} for step in [*STEPS, *UNDECIDED]}
    for first_name, given in published:
        if given not in ("female", "male"):
            continue
        result = estimate_with_step(first_name)
        if result.gender is None:
            out[result.step]["undecided"] += 1
        else:
            out[result.step]["right" if result.gender == given else "wrong"] += 1
    return out
