"""The Politiek Actief rows and the Toelichting sheet of the basket export."""

from __future__ import annotations

import datetime as dt
import math
import tomllib

import pandas as pd

from core import bundle, catalogue, fmt, indicator_meta, indicators, paths, ranking, safe
from core.outputs import export_table


def app_version() -> str:
    """The app version from pyproject.toml ([project] version)."""
    with (paths.REPO_ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


GROUP_COLUMNS = [
    export_table.Column("Code", "code", "text", width=9),
    export_table.Column("Gemeente", "name", "text", width=24),
    export_table.Column("Provincie", "province_name", "text", width=16),
    export_table.Column("Groep", "group", "text", width=30),
    export_table.Column("Aandeel in de bevolking (%)", "population_share", "float", '0.0"%"', 16),
    export_table.Column("Peiljaar bevolking", "population_year", "int", "0", 10),
    export_table.Column("Aandeel in de raad (%)", "council_share", "float", '0.0"%"', 16),
    export_table.Column("Peiljaar raad", "council_year", "int", "0", 10),
    export_table.Column("Verschil (procentpunt)", "gap", "float", "+0.0;-0.0;0.0", 14),
    export_table.Column("Zetels in de raad", "seats", "int", "0", 10),
    export_table.Column("Bron", "source", "text", width=40),
    export_table.Column("Toelichting bij deze gemeente", "note", "text", width=80),
]
WOMEN_COUNCIL_NOTE = (
    "Vrouwen, aandeel in de raad: gekozen raadsleden (2026) met bekend geslacht: zoals de lijst "
    "het opgaf, of geschat uit de voornaam waar de lijst het niet opgaf. De kolom Toelichting "
    "noemt per gemeente hoeveel geschat en hoeveel nog onbekend is; ⚠ = samen meer dan 20% van "
    "de raad."
)
MIGRATION_COUNCIL_UNKNOWN = (
    "Aandeel in de raad onbekend: er zijn geen open gegevens per gemeente over de herkomst van "
    "raadsleden. Ter vergelijking, landelijk: in 2023 had 5,9% van de raadsleden een "
    "migratieachtergrond, tegen 25,2% van de bevolking (F. Vermeulen, UvA, februari 2024)."
)
NO_DATA = {
    "Mensen met een praktische opleiding": (
        "Geen gegevens: het opleidingsniveau van inwoners en raadsleden is in de open data van "
        "Raadsradar niet per gemeente bekend. Ter vergelijking, landelijk: 70% van de raadsleden "
        "had in 2020 een hbo- of wo-diploma, tegen 34,2% van de bevolking (platformoverheid.nl)."
    ),
    "Mensen met een beperking": (
        "Geen gegevens: of inwoners of raadsleden een beperking hebben, is in open data niet per "
        "gemeente bekend. Ter vergelijking, landelijk (schatting): minder dan 0,5% van de "
        "raadsleden en bestuurders, tegen 10 tot 15% van de samenleving (VNG Magazine, 2021)."
    ),
}


def groups_frame(
    values: pd.DataFrame, gemeenten: pd.DataFrame, notes: pd.DataFrame, codes: list[str]
) -> pd.DataFrame:
    """Council versus inhabitants per group and gemeente, in the shape of ProDemos' Politiek Actief.

    Two rows per gemeente: women (both shares) and migration background (population only).
    Groups without any figure per gemeente (practical education, disability) and the
    explanations that hold for every row are in the Toelichting sheet, once.
    """
    base = gemeenten[["code", "name", "province_name"]].merge(values, on="code", how="left")
    base = base.set_index("code").loc[codes]
    reasons = notes.set_index(["code", "indicator_id"])["reason"]
    rows = []
    for code, row in base.iterrows():
        common = {"code": code, "name": row["name"], "province_name": row["province_name"]}
        if pd.isna(row["women_council_share_2026"]):
            note = "Aandeel in de raad onbekend: " + reasons.get(
                (code, "women_council_share_2026"), "geen gegevens in de brongegevens."
            )
        else:
            note = indicators.gender_mark(
                row["gender_estimated_share_2026"], row["gender_unknown_share_2026"]
            )
        rows.append(
            {
                **common,
                "group": "Vrouwen",
                "population_share": row["women_population_share_2024"],
                "population_year": 2024,
                "council_share": row["women_council_share_2026"],
                "council_year": 2026,
                "gap": row["women_gap_2026"],
                "seats": row["seats_2026"],
                "source": f"{indicator_meta.SOURCE_CBS_2024}; {indicator_meta.SOURCE_KR_2026_RESULTS}",
                "note": note,
            }
        )
        rows.append(
            {
                **common,
                "group": "Mensen met een migratieachtergrond",
                "population_share": row["origin_non_dutch_share_2024"],
                "population_year": 2024,
                "council_share": math.nan,
                "council_year": math.nan,
                "gap": math.nan,
                "seats": row["seats_2026"],
                "source": indicator_meta.SOURCE_CBS_2024 + " (herkomst buiten Nederland)",
                "note": "",
            }
        )
    frame = pd.DataFrame(rows, columns=[c.key for c in GROUP_COLUMNS])
    return export_table.typed_frame(frame, GROUP_COLUMNS)


GROUP_INDICATORS = (
    "women_population_share_2024",
    "women_council_share_2026",
    "women_gap_2026",
    "gender_estimated_share_2026",
    "gender_unknown_share_2026",
    "origin_non_dutch_share_2024",
    "seats_2026",
)


def _data_statement(items: list[indicator_meta.Indicator]) -> list[str]:
    fictitious = [i.label for i in items if i.kind == "illustrative"]
    imported = [i.label for i in items if i.kind == "imported"]
    lines = []
    if fictitious:
        lines.append(
            "LET OP: deze export bevat FICTIEVE voorbeeldgegevens: "
            + ", ".join(fictitious)
            + ". Die cijfers zijn door de app gemaakt om te laten zien hoe het werkt. Het zijn "
            "geen echte cijfers; gebruik ze niet voor besluiten."
        )
    if imported:
        lines.append(
            "LET OP: deze export bevat eigen geïmporteerde gegevens: "
            + ", ".join(imported)
            + ". Die komen van de gebruiker, niet van CBS of Kiesraad. Raadsradar heeft ze "
            "gekoppeld aan gemeenten, maar niet gecontroleerd."
        )
    if not lines:
        lines.append(
            "Alle cijfers zijn echte open data van CBS en Kiesraad, of daaruit afgeleid. Er zitten "
            "geen fictieve en geen geïmporteerde gegevens in."
        )
    return lines


def _missing_reason(
    key: str, code: str, reasons: pd.Series, items: dict[str, indicator_meta.Indicator]
) -> str:
    lookup = {
        ranking.WOMEN_SEATS_SHORT: "women_gap_2026",
        ranking.WOMEN_SEATS_SHORT_2022: "women_gap_2022",
        ranking.POOL: "seats_2026",
        "inhabitants": "inhabitants_2024",
    }.get(key, key)
    if (code, lookup) in reasons.index:
        return str(reasons[(code, lookup)])
    if items[key].kind == "imported":
        return "Geen waarde voor deze gemeente in het geïmporteerde bestand."
    return "Geen gegevens in de brongegevens."


def notes_rows(
    result: ranking.Ranking,
    codes: list[str],
    notes: pd.DataFrame,
    settings: export_table.Settings,
    today: dt.date,
) -> list[list[object]]:
    """The Toelichting sheet as rows of cells (sections separated by empty rows)."""
    table = result.table.set_index("code").loc[[c for c in result.table["code"] if c in codes]]
    reasons = notes.set_index(["code", "indicator_id"])["reason"]
    exported = {
        "inhabitants_2024": catalogue.get("inhabitants_2024"),
        "seats_2026": catalogue.get("seats_2026"),
        **result.components,
        **{key: catalogue.get(key) for key in GROUP_INDICATORS},
    }
    rows: list[list[object]] = [
        ["Raadsradar: toelichting bij de export"],
        [],
        ["Exportdatum", fmt.date(today)],
        ["App-versie", app_version()],
        ["Aantal gemeenten", len(table)],
        *[["Gegevens", line] for line in _data_statement(list(exported.values()))],
        [],
        ["Score", ranking.SCORE_METHOD],
        ["Uitleg per gemeente", "De twee of drie onderdelen die de score het meest bepalen."],
        [],
        ["Weging", "Gewicht", "Aandeel in de score (%)"],
        *[[label, w, round(share, 1)] for label, w, share in ranking.weights_text(result)],
        [],
        ["Mogelijke kandidaten", ranking.pool_method(settings.willing_share)],
        ["Aandeel dat zich kandidaat wil stellen (%)", round(settings.willing_share * 100, 1)],
        [],
        ["Instellingen van de ranglijst", "Waarde"],
        *(
            [[label, value] for label, value in settings.filters.items()]
            or [["(geen)", "Heel Nederland, alle gemeenten"]]
        ),
        [
            export_table.RANK_FILTERED,
            "De plaats binnen de lijst met de filters hierboven (1 = hoogste score in die "
            "lijst). Leeg voor een gemeente in de selectie die buiten de filters valt.",
        ],
        [
            export_table.RANK_NATIONAL,
            "De plaats van alle 342 gemeenten samen; de score zelf hangt niet af van de filters.",
        ],
        [
            "Aantallen",
            "De kolommen met aantallen (kandidaten, lijsten, zetels, raadsleden naar geslacht, "
            "inwoners) zijn de tellingen waaruit de verhoudingen berekend zijn. Raadsleden: "
            "geslacht zoals de lijst het opgaf, geschat uit de voornaam, of onbekend. "
            + indicator_meta.GENDER_NOTE,
        ],
        [],
        ["Kolom", "Definitie", "Eenheid", "Bron", "Peiljaar", "Soort"],
        *[
            [
                export_table.header_label(i),
                i.definition,
                i.unit,
                i.source,
                i.year if i.year is not None else catalogue.year_text(i),
                indicator_meta.KINDS[i.kind],
            ]
            for i in exported.values()
        ],
        [],
        [
            "Politiek Actief",
            "Het blad Politiek Actief zet per gemeente de raad naast de inwoners, per groep: "
            "twee rijen per gemeente (vrouwen en migratieachtergrond). Landelijke cijfers staan "
            "hier alleen ter vergelijking, nooit als waarde van een gemeente.",
        ],
        ["Politiek Actief: vrouwen", WOMEN_COUNCIL_NOTE],
        ["Politiek Actief: migratieachtergrond", MIGRATION_COUNCIL_UNKNOWN],
        *[[f"Politiek Actief: {group.lower()}", text] for group, text in NO_DATA.items()],
        [],
        ["Ontbrekende gegevens", "Gemeente", "Kolom", "Reden"],
    ]
    missing = 0
    for code, row in table.iterrows():
        for key, item in exported.items():
            column = {"inhabitants_2024": "inhabitants"}.get(key, key)
            value = row[column] if column in row.index else None
            if value is None and key in GROUP_INDICATORS:
                continue  # not in the ranking table; the notes below cover it
            if value is not None and not pd.isna(value):
                continue
            rows.append(
                [
                    code,
                    row["name"],
                    export_table.header_label(item),
                    _missing_reason(key, code, reasons, exported),
                ]
            )
            missing += 1
    for code in table.index:
        for key in GROUP_INDICATORS:
            if (code, key) in reasons.index and key not in result.components:
                item = exported[key]
                rows.append(
                    [
                        code,
                        table.at[code, "name"],
                        export_table.header_label(item),
                        str(reasons[(code, key)]),
                    ]
                )
                missing += 1
    if not missing:
        rows.append(["(geen)", "Alle gemeenten in de selectie hebben alle getoonde gegevens."])
    rows += [[], ["Bron", "Uitgever", "Licentie", "Peildatum", "Gebruikt voor"]]
    rows += [
        [s["name"], s["publisher"], s["licence"], s["reference"], s["used_for"]]
        for s in bundle.SOURCES
    ]
    return [[safe.cell(cell) for cell in row] for row in rows]
