"""An alternative staffel against the law: seats per gemeente, national totals, key figures."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from core import fmt, national, staffel

BASIS_2026 = "Kiesraad 2026"
BASIS_LAW = "staffel (geen verkiezing in 2026)"
BASIS_OWN_RATIO = "gemeente 2026"
BASIS_NATIONAL_RATIO = "landelijk 2026"


def reference_inhabitants(
    inhabitants: pd.Series, seats_2026: pd.Series, law: pd.DataFrame
) -> pd.Series:
    """The inhabitants a staffel is applied to for the what-if.

    Usually the count of 1 January 2024. Where the 2026 council does not fit that count (the law
    used 1 January 2025), the count is moved to the nearest bound of the law's band for the 2026
    council size: the smallest change that makes the data agree with the law. So an unchanged
    staffel changes nothing, and a changed band only affects the gemeenten really inside it.
    """
    law = staffel.from_table(law)
    ref = inhabitants.astype("int64").copy()
    by_seats = law.drop_duplicates("council_seats", keep=False).set_index("council_seats")
    for index in ref.index:
        seats = seats_2026.loc[index]
        if pd.isna(seats) or int(seats) not in by_seats.index:
            continue
        band = by_seats.loc[int(seats)]
        high = band["max_inhabitants"]
        low_clip = int(band["min_inhabitants"])
        high_clip = int(high) if pd.notna(high) else None
        value = max(int(ref.loc[index]), low_clip)
        ref.loc[index] = value if high_clip is None else min(value, high_clip)
    return ref


def compare(
    gemeenten: pd.DataFrame, indicators: pd.DataFrame, law: pd.DataFrame, alternative: pd.DataFrame
) -> pd.DataFrame:
    """Per gemeente: seats now and with the alternative, the change, inhabitants per seat before
    and after, and the estimated extra candidates (change x 2026 candidates per seat)."""
    law = staffel.from_table(law)
    alternative = staffel.from_table(alternative)
    g = gemeenten[["code", "name", "province_name", "inhabitants", "seats_2026"]].merge(
        indicators[["code", "candidates_per_seat_2026"]], on="code", how="left"
    )
    out = g[["code", "name", "province_name", "inhabitants", "seats_2026"]].copy()
    out["inhabitants"] = out["inhabitants"].astype("int64")
    out["seats_2026"] = out["seats_2026"].astype("Int64")
    out["seats_law_2024"] = staffel.seats_for(out["inhabitants"], law)
    has_2026 = out["seats_2026"].notna()
    out["seats_now"] = out["seats_2026"].fillna(out["seats_law_2024"]).astype("int64")
    out["seats_now_basis"] = np.where(has_2026, BASIS_2026, BASIS_LAW)
    out["reference_inhabitants"] = reference_inhabitants(out["inhabitants"], out["seats_2026"], law)
    out["seats_alt"] = staffel.seats_for(out["reference_inhabitants"], alternative)
    out["band_note"] = [
        band_note(i, r, s2026)
        for i, r, s2026 in zip(
            out["inhabitants"], out["reference_inhabitants"], out["seats_2026"], strict=True
        )
    ]
    out["seat_change"] = out["seats_alt"] - out["seats_now"]
    out["inhabitants_per_seat_now"] = out["inhabitants"] / out["seats_now"]
    out["inhabitants_per_seat_alt"] = out["inhabitants"] / out["seats_alt"]
    ratio, _ = national.candidates_per_seat(indicators)
    own = g["candidates_per_seat_2026"].astype("float64")
    out["candidates_per_seat_used"] = own.fillna(ratio)
    out["candidates_per_seat_basis"] = np.where(own.notna(), BASIS_OWN_RATIO, BASIS_NATIONAL_RATIO)
    out["extra_candidates"] = out["seat_change"] * out["candidates_per_seat_used"]
    return out


def band_note(inhabitants: int, reference: int, seats_2026: object) -> str:
    """Why a gemeente counts in another band than its 2024 inhabitants say ('' when it does not)."""
    if inhabitants == reference or pd.isna(seats_2026):
        return ""
    side = "vanaf" if reference > inhabitants else "tot en met"
    return (
        f"Telt als {fmt.number(reference)} inwoners: de raad van 2026 heeft {int(seats_2026)} "
        f"zetels, de band {side} {fmt.number(reference)} inwoners. Op 1 januari 2024 had de "
        f"gemeente {fmt.number(inhabitants)} inwoners; de wet telt 1 januari 2025, dat cijfer "
        "hebben we niet. Zo verandert een ongewijzigde staffel niets."
    )


@dataclasses.dataclass(frozen=True)
class Totals:
    """National sums of a comparison."""

    gemeenten: int
    inhabitants: int
    seats_now: int
    seats_alt: int
    gemeenten_more: int
    gemeenten_fewer: int
    extra_candidates: float
    extra_candidates_national_ratio: float
    national_ratio: float
    national_ratio_councils: int
    without_2026: int
    # Gemeenten with extra seats whose estimate rests on the national figure, largest first.
    national_ratio_names: tuple[str, ...] = ()
    national_ratio_gemeenten: int = 0

    @property
    def extra_seats(self) -> int:
        return self.seats_alt - self.seats_now


def totals(comparison: pd.DataFrame, indicators: pd.DataFrame) -> Totals:
    """Extra seats, the gemeenten that gain or lose, and the extra candidates (estimate)."""
    ratio, councils = national.candidates_per_seat(indicators)
    change = comparison["seat_change"]
    national_part = comparison["candidates_per_seat_basis"] == BASIS_NATIONAL_RATIO
    on_national = comparison[national_part & (change != 0)].sort_values(
        ["inhabitants", "code"], ascending=[False, True]
    )
    return Totals(
        gemeenten=len(comparison),
        inhabitants=int(comparison["inhabitants"].sum()),
        seats_now=int(comparison["seats_now"].sum()),
        seats_alt=int(comparison["seats_alt"].sum()),
        gemeenten_more=int((change > 0).sum()),
        gemeenten_fewer=int((change < 0).sum()),
        extra_candidates=float(comparison["extra_candidates"].sum()),
        extra_candidates_national_ratio=float(
            comparison.loc[national_part & (change != 0), "extra_candidates"].sum()
        ),
        national_ratio=ratio,
        national_ratio_councils=councils,
        without_2026=int((comparison["seats_now_basis"] == BASIS_LAW).sum()),
        national_ratio_names=tuple(on_national["name"].head(3)),
        national_ratio_gemeenten=len(on_national),
    )


def signed(value: float, decimals: int = 0) -> str:
    """A change with its sign: '+16', '−2', '0' (true minus sign, Dutch digits)."""
    if round(value, decimals) == 0:
        return fmt.number(0, decimals)
    sign = "+" if value > 0 else "−"
    return f"{sign}{fmt.number(abs(value), decimals)}"


def key_figures(t: Totals) -> list[national.KeyFigure]:
    """The national totals as key figures, each with its source and reference date."""
    per_seat_now = t.inhabitants / t.seats_now
    per_seat_alt = t.inhabitants / t.seats_alt
    return [
        national.KeyFigure(
            "Zetels nu",
            t.seats_now,
            "zetels",
            f"{staffel.SOURCE_SEATS}; {staffel.SOURCE_LAW}",
            f"Raden van 2026 in {t.gemeenten - t.without_2026} gemeenten, plus "
            f"{t.without_2026} volgens de staffel (geen verkiezing in 2026)",
        ),
        national.KeyFigure(
            "Zetels met de nieuwe staffel",
            t.seats_alt,
            "zetels",
            staffel.SOURCE_WHAT_IF,
            "Alle gemeenten samen",
        ),
        national.KeyFigure(
            "Extra zetels",
            t.extra_seats,
            "zetels",
            staffel.SOURCE_WHAT_IF,
            f"{fmt.count(t.gemeenten_more, 'gemeente krijgt', 'gemeenten krijgen')} zetels erbij, "
            f"{fmt.count(t.gemeenten_fewer, 'verliest', 'verliezen')} zetels",
            display=signed(t.extra_seats),
        ),
        national.KeyFigure(
            "Extra kandidaten nodig (schatting)",
            t.extra_candidates,
            "kandidaten",
            f"{staffel.SOURCE_CANDIDATES}; {staffel.SOURCE_WHAT_IF}",
            "Schatting: extra zetels maal de kandidaten per zetel van die gemeente in 2026, of "
            f"het landelijke cijfer ({fmt.number(t.national_ratio, 1)}, uit "
            f"{t.national_ratio_councils} raden) als dat ontbreekt. Aanname: partijen zetten per "
            "zetel even veel mensen op de lijst als in 2026. " + national_part_note(t),
            display=signed(t.extra_candidates),
        ),
        national.KeyFigure(
            "Inwoners per zetel (nieuw)",
            per_seat_alt,
            "inwoners",
            f"{staffel.SOURCE_POPULATION}; {staffel.SOURCE_WHAT_IF}",
            f"Landelijk gemiddelde met de nieuwe staffel; nu {fmt.number(per_seat_now)}",
            display=fmt.number(per_seat_alt),
        ),
    ]


def national_part_note(t: Totals) -> str:
    """Which part of the extra candidates rests on the national figure, and for whom."""
    if not t.national_ratio_names:
        return "Alle gemeenten met extra zetels hebben eigen lijstlengtes uit 2026."
    named = t.national_ratio_names[:3]
    listed = ", ".join(named[:-1]) + " en " + named[-1] if len(named) > 1 else named[0]
    more = t.national_ratio_gemeenten > len(named)
    return (
        f"Daarvan rusten {signed(t.extra_candidates_national_ratio)} van de "
        f"{signed(t.extra_candidates)} op het landelijke cijfer: voor "
        f"{fmt.count(t.national_ratio_gemeenten, 'gemeente', 'gemeenten')} met extra zetels "
        f"zonder eigen lijstlengtes uit 2026 ({'onder meer ' if more else ''}{listed})."
    )


def affected(comparison: pd.DataFrame) -> pd.DataFrame:
    """The gemeenten whose council size changes, largest change first."""
    rows = comparison[comparison["seat_change"] != 0]
    return rows.sort_values(
        ["seat_change", "inhabitants", "code"], ascending=[False, False, True]
    ).reset_index(drop=True)
