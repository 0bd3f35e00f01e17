"""The import's words for what it found, in Dutch: why a row did not match, and the warnings.

`Reasons` explains each unmatched value (with spelling suggestions for the first ones);
`summarise` adds the short warnings on successors, duplicates and unmatched rows to a report
(the full lists are in the report and its downloads).
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence

from core import fmt
from core.ingest import names as ingest_names
from core.ingest import report as ingest_report

MAX_LISTED = 10  # examples named in one warning; the full lists are in the report and downloads
ECHO_CHARS = 60  # characters of a cell or column name repeated in a message
MAX_ROWS_LISTED = 5  # row numbers named per gemeente in the duplicates warning
MAX_WARNING_CHARS = 2_000  # a safety net: no warning is longer (the lists are in the downloads)


def echo(text: object) -> str:
    """A cell or column name as a message repeats it: one line, at most ECHO_CHARS characters."""
    return fmt.shorten(" ".join(str(text).split()), ECHO_CHARS)


def cap(warning: str) -> str:
    """A warning cut at MAX_WARNING_CHARS (every list in it is already shortened)."""
    return fmt.shorten(warning, MAX_WARNING_CHARS)


REASONS = {
    "empty": "De cel met de gemeente is leeg.",
    "wijk": "Dit is een wijk, geen gemeente.",
    "buurt": "Dit is een buurt, geen gemeente.",
    "province": "Dit is een provincie, geen gemeente.",
    "total": "Dit is een landelijk totaal, geen gemeente.",
    "region": "Dit is een regio-indeling (bijvoorbeeld COROP of GGD-regio), geen gemeente.",
}


OTHER_AREAS = ("total", "province", "region", "wijk", "buurt")  # recognisably no gemeente
KIND_SUMMARY = {
    "unknown": "onbekende code of naam",
    "ambiguous": "naam past bij meer gemeenten",
    "split": "voormalige gemeente, verdeeld over meer gemeenten",
    "empty": "lege gemeentecel",
    "wijk": "wijk",
    "buurt": "buurt",
    "province": "provincie",
    "total": "landelijk totaal",
    "region": "regio, geen gemeente",
}


def _reason(
    hit: ingest_names.Hit, text: str, reference: ingest_names.Reference, suggest: bool = True
) -> str:
    if hit.kind == "unknown":
        if text in reference.names or re.fullmatch(r"(?i)(\d{4})?gm\s?\d{1,4}|\d{1,4}", text):
            return "Geen gemeentecode van 2025 en geen bekende voormalige gemeente."
        guess = reference.suggest(text) if suggest else []
        hint = f" Bedoelt u {' of '.join(guess)}?" if guess else ""
        return f"Onbekende gemeentenaam.{hint} Kies de juiste gemeente of pas het bestand aan."
    if hit.kind == "ambiguous":
        options = " of ".join(reference.label(c) for c in hit.options)
        return f"Deze naam past bij meer gemeenten: {options}. Kies de juiste gemeente."
    if hit.kind == "split":
        former = hit.former
        when = f"in {former.merged_year} " if former and former.merged_year else ""
        parts = join_and([reference.names[c] for c in hit.options])
        return (
            f"Voormalige gemeente {former.old_name if former else text}, {when}verdeeld over "
            f"{parts}. De waarde is niet te verdelen: kies zelf een gemeente of laat de rij weg."
        )
    return REASONS.get(hit.kind, "Niet gekoppeld.")


class Reasons:
    """Reasons per distinct value; spelling suggestions only for the first SUGGESTIONS values."""

    SUGGESTIONS = 200

    def __init__(self, reference: ingest_names.Reference) -> None:
        self.reference = reference
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, hit: ingest_names.Hit, text: str) -> str:
        key = (hit.kind, text)
        if key not in self.cache:
            suggest = len(self.cache) < self.SUGGESTIONS
            self.cache[key] = _reason(hit, text, self.reference, suggest)
        return self.cache[key]


def join_and(items: Sequence[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def summarise(report: ingest_report.Report, reference: ingest_names.Reference) -> None:
    """Short warnings for the successors, duplicates and unmatched rows (details in the report)."""
    if report.successors:
        pairs = [
            f"'{echo(given)}' → {reference.label(code)}"
            for given, code in list(report.successors.items())[: MAX_LISTED + 1]
        ]
        report.warnings.append(
            f"Voormalige gemeenten gekoppeld aan hun opvolger: {', '.join(pairs[:MAX_LISTED])}"
            f"{' en meer' if len(pairs) > MAX_LISTED else ''}. Let op: de waarde gold voor het "
            "oude, kleinere gebied en staat nu bij de hele nieuwe gemeente."
        )
    if report.duplicates:
        parts = [
            f"{reference.label(d.code)}: rijen {_rows_text(d.rows)}"
            for d in report.duplicates[: MAX_LISTED + 1]
        ]
        report.warnings.append(
            f"Meer dan één rij voor {len(report.duplicates)} gemeente(n): "
            f"{'; '.join(parts[:MAX_LISTED])}{_more_gemeenten(len(report.duplicates))}. "
            "Gebruikt is de rij van de gemeente zelf (de eerste als er meer zijn); waar alleen "
            "voormalige gemeenten samenkomen, is geen rij gebruikt. Kies zelf welke rij telt "
            "(bij 'Meer rijen voor één gemeente'), of tel de rijen op (alleen voor aantallen)."
        )
    # Rows of the country, provinces, regions, wijken and buurten are no gemeente: a note
    # says they were not used; only rows the import could not place are a warning.
    others = [u for u in report.unmatched if u.kind in OTHER_AREAS]
    unplaced = [u for u in report.unmatched if u.kind not in OTHER_AREAS]
    if others:
        by_kind = collections.Counter(u.kind for u in others)
        listed = ", ".join(
            f"{fmt.number(n)} × {KIND_SUMMARY.get(kind, kind)}" for kind, n in by_kind.most_common()
        )
        report.notes.append(
            f"{fmt.number(len(others))} rij(en) van andere gebieden dan gemeenten niet gebruikt "
            f"({listed})."
        )
    if unplaced:
        by_kind = collections.Counter(u.kind for u in unplaced)
        parts = []
        for kind, count in by_kind.most_common():
            examples = [u for u in unplaced if u.kind == kind][:3]
            shown = ", ".join(f"'{echo(u.value)}' (rij {u.row})" for u in examples)
            parts.append(
                f"{fmt.number(count)} × {KIND_SUMMARY.get(kind, kind)}, bijvoorbeeld {shown}"
            )
        report.warnings.append(
            f"{fmt.number(len(unplaced))} rij(en) niet aan een gemeente gekoppeld: "
            + "; ".join(parts)
            + ". Ze staan in de download met niet-gekoppelde rijen."
        )
    if report.unmatched:
        parts_in = [u for u in report.unmatched if u.kind in ("wijk", "buurt")]
        counts = [c.name for c in report.columns if c.role == "value" and c.whole and not c.percent]
        if parts_in and counts and report.kind == "table":
            report.warnings.append(
                f"{fmt.number(len(parts_in))} rij(en) zijn wijken of buurten. Tellingen (zoals "
                f"'{counts[0]}') kunnen per gemeente worden opgeteld: kies 'Wijken of buurten "
                "optellen' bij de leesinstellingen (of --aggregate-wijken)."
            )
        # Names the user has to decide on (or may have misspelt) get a line each, with the options.
        decide = [u for u in report.unmatched if u.kind in ("ambiguous", "split")]
        decide += [u for u in report.unmatched if u.kind == "unknown" and "Bedoelt u" in u.reason]
        seen: set[str] = set()
        for item in decide:
            if item.value not in seen and len(seen) < MAX_LISTED:
                seen.add(item.value)
                report.warnings.append(f"Rij {item.row}, '{echo(item.value)}': {item.reason}")


def _more_gemeenten(total: int) -> str:
    left = total - MAX_LISTED
    return "" if left <= 0 else f"; en {fmt.number(left)} andere gemeente{'n' if left > 1 else ''}"


def _rows_text(rows: Sequence[int]) -> str:
    """'2 en 5', or for many rows '2, 5, 9, 12, 40 en 550 andere'."""
    if len(rows) <= MAX_ROWS_LISTED + 1:
        return join_and([str(r) for r in rows])
    shown = ", ".join(str(r) for r in rows[:MAX_ROWS_LISTED])
    return f"{shown} en {fmt.number(len(rows) - MAX_ROWS_LISTED)} andere"
