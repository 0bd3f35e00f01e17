"""Parser for the Kiesraad EML files: 510b "Telling" (counts) and 520 "Resultaat" (elected)."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET  # noqa: S405 - the files are the Kiesraad's own, parsed without DTDs
from pathlib import Path

NS = {
    "eml": "urn:oasis:names:tc:evs:schema:eml",
    "kr": "http://www.kiesraad.nl/extensions",
    "xnl": "urn:oasis:names:tc:ciq:xsdschema:xNL:2.0",
}


class EmlError(ValueError):
    """A file that is not a readable Kiesraad EML file of the expected kind."""


@dataclasses.dataclass(frozen=True)
class ListCount:
    """One party list in a Telling file: its votes and its length (candidates on the list)."""

    list_id: str
    list_name: str
    valid_votes: int
    n_candidates: int
    n_candidates_zero_votes: int


@dataclasses.dataclass(frozen=True)
class Telling:
    """The gemeente-level totals of an EML 510b count file."""

    gemeente_code: str
    gemeente_name: str
    election_id: str
    election_date: str
    lists: list[ListCount]
    cast: int
    total_counted: int
    admitted_voters: int | None


@dataclasses.dataclass(frozen=True)
class ElectedList:
    """One party list in a Resultaat file with its elected candidates counted by gender."""

    list_id: str
    list_name: str
    seats: int
    women: int
    men: int
    gender_unknown: int
    gender_missing: int
    # First names of the elected whose gender was not given, for an estimate at prepare time;
    # they never leave core.prepare (the bundle keeps counts only).
    missing_first_names: tuple[str, ...] = ()
    # (first name, published gender) of the elected whose list did give it: the check of the
    # estimate against published genders (core.build.gender.check_steps); never in the bundle.
    published_first_names: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class Resultaat:
    """An EML 520 result file, reduced to figures per list (no candidates' names)."""

    gemeente_code: str
    gemeente_name: str
    election_id: str
    election_date: str
    lists: list[ElectedList]

    @property
    def seats(self) -> int:
        return sum(item.seats for item in self.lists)


def _parse(path: Path, kind: str) -> ET.Element:
    try:
        root = ET.parse(path).getroot()  # noqa: S314
    except (ET.ParseError, OSError) as exc:
        raise EmlError(f"{path.name}: geen leesbaar XML-bestand ({exc})") from exc
    if root.tag != f"{{{NS['eml']}}}EML" or root.get("Id") != kind:
        raise EmlError(f"{path.name}: geen Kiesraad EML {kind}-bestand (Id={root.get('Id')!r})")
    return root


def _domain(root: ET.Element, path: Path) -> tuple[str, str, str, str]:
    ident = root.find(".//eml:ElectionIdentifier", NS)
    domain = root.find(".//kr:ElectionDomain", NS)
    date = root.find(".//kr:ElectionDate", NS)
    if ident is None or domain is None or not domain.get("Id"):
        raise EmlError(f"{path.name}: ElectionDomain (CBS-code van de gemeente) ontbreekt")
    code = "GM" + domain.get("Id", "").zfill(4)
    return (
        code,
        (domain.text or "").strip(),
        ident.get("Id", ""),
        (date.text if date is not None else ""),
    )


def _int(element: ET.Element | None) -> int:
    return int(element.text) if element is not None and element.text else 0


def read_telling(path: Path) -> Telling:
    """Read the gemeente-level TotalVotes block of a 510b file: list votes and list lengths."""
    root = _parse(path, "510b")
    code, name, election_id, date = _domain(root, path)
    total = root.find(".//eml:Contest/eml:TotalVotes", NS)
    if total is None:
        raise EmlError(f"{path.name}: blok TotalVotes ontbreekt")
    lists: list[dict] = []
    # Selections come in order: a list (AffiliationIdentifier) followed by its candidates.
    for selection in total.findall("eml:Selection", NS):
        affiliation = selection.find("eml:AffiliationIdentifier", NS)
        votes = _int(selection.find("eml:ValidVotes", NS))
        if affiliation is not None:
            lists.append(
                {
                    "list_id": affiliation.get("Id", ""),
                    "list_name": (affiliation.findtext("eml:RegisteredName", "", NS) or "").strip(),
                    "valid_votes": votes,
                    "n_candidates": 0,
                    "n_candidates_zero_votes": 0,
                }
            )
        elif selection.find("eml:Candidate", NS) is not None:
            if not lists:
                raise EmlError(f"{path.name}: kandidaat zonder lijst in TotalVotes")
            lists[-1]["n_candidates"] += 1
            lists[-1]["n_candidates_zero_votes"] += int(votes == 0)
    admitted = total.find("eml:UncountedVotes[@ReasonCode='toegelaten kiezers']", NS)
    return Telling(
        gemeente_code=code,
        gemeente_name=name,
        election_id=election_id,
        election_date=date,
        lists=[ListCount(**item) for item in lists],
        cast=_int(total.find("eml:Cast", NS)),
        total_counted=_int(total.find("eml:TotalCounted", NS)),
        admitted_voters=_int(admitted) if admitted is not None else None,
    )


def read_resultaat(path: Path) -> Resultaat:
    """Read a 520 result file: per list the elected candidates, counted by gender."""
    root = _parse(path, "520")
    code, name, election_id, date = _domain(root, path)
    contest = root.find(".//eml:Contest", NS)
    if contest is None:
        raise EmlError(f"{path.name}: blok Contest ontbreekt")
    lists: list[dict] = []
    for selection in contest.findall("eml:Selection", NS):
        affiliation = selection.find("eml:AffiliationIdentifier", NS)
        candidate = selection.find("eml:Candidate", NS)
        if affiliation is not None:
            lists.append(
                {
                    "list_id": affiliation.get("Id", ""),
                    "list_name": (affiliation.findtext("eml:RegisteredName", "", NS) or "").strip(),
                    "seats": 0,
                    "women": 0,
                    "men": 0,
                    "gender_unknown": 0,
                    "gender_missing": 0,
                    "missing_first_names": (),
                    "published_first_names": (),
                }
            )
        elif candidate is not None and selection.findtext("eml:Elected", "", NS) == "yes":
            if not lists:
                raise EmlError(f"{path.name}: gekozen kandidaat zonder lijst")
            gender = candidate.findtext("eml:Gender", None, NS)
            counts = lists[-1]
            counts["seats"] += 1
            key = {"female": "women", "male": "men", "unknown": "gender_unknown"}.get(
                gender or "", "gender_missing"
            )
            counts[key] += 1
            first = (candidate.findtext(".//xnl:FirstName", "", NS) or "").strip()
            if key == "gender_missing":
                counts["missing_first_names"] += (first,)
            elif gender in ("female", "male"):
                counts["published_first_names"] += ((first, gender),)
    return Resultaat(
        gemeente_code=code,
        gemeente_name=name,
        election_id=election_id,
        election_date=date,
        lists=[ElectedList(**item) for item in lists],
    )
