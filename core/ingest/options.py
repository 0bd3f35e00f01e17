"""How to read a file: the choices the user (or the command line) makes; empty means detect."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

SUM_ROWS = -1  # Options.keep_rows value: add up the rows (count columns only)


@dataclasses.dataclass(frozen=True)
class Options:
    """How to read a file; every field None/empty means: detect it.

    resolve: value as given -> GM code chosen by the user (ambiguous names, split gemeenten);
    "" leaves the row out. keep_rows: GM code -> file row number to keep among duplicates
    (0 = keep none, SUM_ROWS = add up the count columns). as_percent: fraction columns (0-1)
    the user confirmed, multiplied by 100; not_fraction: columns the user says are plain
    numbers. seats: council size per GM code for candidate lists (default for 2026: the
    bundle's seats_2026); only whole numbers from 1 up are used, the others are reported.
    """

    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    header_row: int | None = None
    key_column: str | None = None
    resolve: Mapping[str, str] = dataclasses.field(default_factory=dict)
    keep_rows: Mapping[str, int] = dataclasses.field(default_factory=dict)
    as_percent: frozenset[str] = frozenset()
    not_fraction: frozenset[str] = frozenset()
    aggregate_wijken: bool = False
    seats: Mapping[str, float] | None = None
    election_year: int | None = None

    def cache_key(self) -> str:
        """A stable text form (for caching a report per file and options)."""
        data = dataclasses.asdict(self)
        for name in ("as_percent", "not_fraction"):
            data[name] = sorted(data[name])
        return json.dumps(data, sort_keys=True, default=str)
