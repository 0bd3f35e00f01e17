"""The law's staffel on 1 January 2024 inhabitants against the actual 2026 council sizes."""

from __future__ import annotations

import dataclasses

import pandas as pd

from core import fmt, staffel


@dataclasses.dataclass(frozen=True)
class Agreement:
    """How well the law's staffel on 1 January 2024 inhabitants matches the 2026 council sizes."""

    compared: int
    matching: int
    differing: pd.DataFrame
    without_2026: list[str]

    @property
    def share(self) -> float:
        return self.matching / self.compared * 100 if self.compared else float("nan")

    def summary(self) -> str:
        """The agreement in a few Dutch sentences."""
        d = self.differing
        text = (
            f"{fmt.number(self.matching)} van de {fmt.number(self.compared)} gemeenten "
            f"({fmt.percent(self.share)}) hebben in 2026 precies het aantal zetels dat de staffel "
            "geeft bij hun inwoners op 1 januari 2024."
        )
        if d.empty:
            return text
        up, down = int((d["direction"] > 0).sum()), int((d["direction"] < 0).sum())
        one_band = bool((d["bands_apart"] == 1).all())
        text += (
            f" Bij {fmt.count(len(d), 'gemeente', 'gemeenten')} verschilt het: "
            f"{fmt.count(up, 'heeft', 'hebben')} in 2026 meer zetels, {fmt.number(down)} minder"
            + (", telkens precies één band." if one_band else ".")
        )
        near = d["distance"].notna()
        if near.any():
            text += (
                f" Ze liggen alle{'' if near.all() else ' op één na'} dicht bij een grens van "
                f"de staffel: ten hoogste {fmt.number(d['distance'].max())} inwoners "
                f"({fmt.percent(d['distance_pct'].max())}) ervan af."
            )
        text += (
            " De wet telt de inwoners op 1 januari van het jaar vóór de verkiezing (art. 1 lid 2): "
            "voor 2026 is dat 1 januari 2025. Die cijfers zitten niet in de gegevens van "
            "Raadsradar. Een kleine groei of daling in 2024 past bij elk verschil, maar we kunnen "
            "het niet controleren."
        )
        return text


def agreement(gemeenten: pd.DataFrame, law: pd.DataFrame) -> Agreement:
    """Compare the law's seats at 1 January 2024 inhabitants with the actual 2026 council sizes."""
    law = staffel.from_table(law)
    g = gemeenten[gemeenten["seats_2026"].notna()].copy()
    g["seats_law_2024"] = staffel.seats_for(g["inhabitants"], law)
    g["seats_2026"] = g["seats_2026"].astype("int64")
    diff = g[g["seats_law_2024"] != g["seats_2026"]].copy()
    law_index = law.reset_index(drop=True)
    rows = []
    for row in diff.itertuples(index=False):
        band_now = law_index.index[law_index["council_seats"] == row.seats_law_2024][0]
        match = law_index.index[law_index["council_seats"] == row.seats_2026]
        entry = {
            "code": row.code,
            "name": row.name,
            "inhabitants": int(row.inhabitants),
            "seats_law_2024": int(row.seats_law_2024),
            "seats_2026": int(row.seats_2026),
            "direction": 1 if row.seats_2026 > row.seats_law_2024 else -1,
            "bands_apart": None,
            "edge": None,
            "distance": None,
            "distance_pct": None,
        }
        if len(match):
            band = law_index.loc[match[0]]
            entry["bands_apart"] = abs(int(match[0]) - int(band_now))
            up = entry["direction"] > 0
            edge = int(band["min_inhabitants"]) if up else int(band["max_inhabitants"])
            entry["edge"] = edge
            entry["distance"] = abs(edge - int(row.inhabitants))
            entry["distance_pct"] = entry["distance"] / int(row.inhabitants) * 100
        entry["explanation"] = _explain(entry)
        rows.append(entry)
    columns = [
        "code", "name", "inhabitants", "seats_law_2024", "seats_2026", "direction",
        "bands_apart", "edge", "distance", "distance_pct", "explanation",
    ]  # fmt: skip
    differing = pd.DataFrame(rows, columns=columns)
    for column in ("bands_apart", "edge", "distance"):
        differing[column] = differing[column].astype("Int64")
    differing["distance_pct"] = differing["distance_pct"].astype("float64")
    differing = differing.sort_values(["direction", "distance_pct"], ascending=[False, True])
    without = gemeenten.loc[gemeenten["seats_2026"].isna(), "name"].tolist()
    return Agreement(len(g), len(g) - len(differing), differing.reset_index(drop=True), without)


def _explain(entry: dict) -> str:
    if entry["edge"] is None:
        return (
            f"{entry['seats_2026']} zetels komt niet voor in de staffel van de wet. Dit kunnen we "
            "niet verklaren."
        )
    people = fmt.number(entry["distance"])
    pct = fmt.percent(entry["distance_pct"])
    if entry["direction"] > 0:
        text = (
            f"{people} inwoners te weinig voor {entry['seats_2026']} zetels (vanaf "
            f"{fmt.number(entry['edge'])}). Met {pct} groei in 2024 klopt het met de wet."
        )
    else:
        text = (
            f"{people} inwoners boven de grens voor {entry['seats_2026']} zetels (tot en met "
            f"{fmt.number(entry['edge'])}). Met {people} inwoners minder in 2024 klopt het met "
            "de wet."
        )
    if entry["bands_apart"] and entry["bands_apart"] > 1:
        text += f" Let op: het verschil is {entry['bands_apart']} banden, niet één."
    return text


def agreement_table(result: Agreement) -> pd.DataFrame:
    """The differing gemeenten for reading: Dutch column names and numbers formatted as text."""
    d = result.differing
    return pd.DataFrame(
        {
            "Gemeente": d["name"],
            "Inwoners 1 januari 2024": d["inhabitants"].map(fmt.number),
            "Zetels volgens de staffel": d["seats_law_2024"],
            "Zetels 2026": d["seats_2026"],
            "Verklaring": d["explanation"],
        }
    )
