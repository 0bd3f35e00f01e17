"""The data page's import screens: upload, reading settings, the report and the choices."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import imported
from core import fmt, safe
from core.ingest import options as ingest_options
from core.ingest import read_excel as ingest_read_excel
from core.ingest import report as ingest_report


# Characters of a name or column from the file echoed in a widget label (the rest ends in "…").
LABEL_ECHO = 80

def render_upload() -> dict | None:
    """The uploader (key `upload`); a new file is stored in the session, untouched."""
    uploaded = st.file_uploader(
        "Kies een bestand met één rij per gemeente",
        type=imported.UPLOAD_TYPES,
        key="upload",
        help="CSV, TSV of TXT (elke tekenset en elk scheidingsteken), Excel (.xlsx, kies het "
        "werkblad) of Parquet. Ook het kandidatenbestand van de Kiesraad "
        "(Kandidatenlijsten_GRjjjj.csv). Het bestand blijft alleen in uw sessie.",
    )
    if uploaded is not None:
        content = uploaded.getvalue()
        file_id = imported.file_id_of(uploaded.name, content)
        files = imported.state(imported.FILES)
        if file_id not in files:
            files[file_id] = {
                "name": uploaded.name,
                "data": content,
                "uploaded": dt.date.today().isoformat(),
                "size": len(content),
            }
        if st.session_state.get(imported.CURRENT) != file_id:
            imported.make_current(file_id)
    stored = imported.current_file()
    if stored is not None and uploaded is None:
        st.caption(f"Bestand in deze sessie: {safe.markdown(stored['name'])}")
    return stored


def render_read_options(
    stored: dict, report: ingest_report.Report | None
) -> ingest_options.Options:
    """Overrides for sheet, encoding, delimiter, decimal mark, header row and key column."""
    options = imported.current_options()
    file_id = st.session_state[imported.CURRENT]
    table = report.table if report else None
    with st.expander("Leesinstellingen (alleen nodig als de herkenning niet klopt)"):
        cols = st.columns(3)
        # From the file itself, so a sheet can be chosen even when the chosen one failed.
        sheets = ingest_read_excel.sheet_names(imported.file_bytes(stored) or b"")
        if sheets:
            choice = cols[0].selectbox(
                "Werkblad",
                [imported.AUTO, *sheets],
                key=f"upload_sheet_{file_id}",
                index=(
                    [imported.AUTO, *sheets].index(options.sheet) if options.sheet in sheets else 0
                ),
            )
            imported.set_option("sheet", None if choice == imported.AUTO else choice)
        encoding = cols[1].selectbox(
            "Tekenset",
            imported.ENCODINGS,
            key=f"upload_encoding_{file_id}",
            index=imported.ENCODINGS.index(options.encoding)
            if options.encoding in imported.ENCODINGS
            else 0,
        )
        imported.set_option("encoding", None if encoding == imported.AUTO else encoding)
        delimiter = cols[2].selectbox(
            "Scheidingsteken",
            list(imported.DELIMITERS),
            key=f"upload_delimiter_{file_id}",
            index=list(imported.DELIMITERS.values()).index(options.delimiter)
            if options.delimiter in imported.DELIMITERS.values()
            else 0,
        )
        imported.set_option("delimiter", imported.DELIMITERS[delimiter])
        cols = st.columns(3)
        decimal = cols[0].selectbox(
            "Decimaalteken",
            list(imported.DECIMALS),
            key=f"upload_decimal_{file_id}",
            index=list(imported.DECIMALS.values()).index(options.decimal)
            if options.decimal in imported.DECIMALS.values()
            else 0,
        )
        imported.set_option("decimal", imported.DECIMALS[decimal])
        header = cols[1].number_input(
            "Rij met de kolomnamen (0 = automatisch)",
            min_value=0,
            step=1,
            value=int(options.header_row or 0),
            key=f"upload_header_{file_id}",
        )
        imported.set_option("header_row", int(header) or None)
        columns = (
            [imported.AUTO, *map(str, table.frame.columns)]
            if table is not None
            else [imported.AUTO]
        )
        key = cols[2].selectbox(
            "Kolom met de gemeente",
            columns,
            key=f"upload_key_{file_id}",
            index=columns.index(options.key_column) if options.key_column in columns else 0,
        )
        imported.set_option("key_column", None if key == imported.AUTO else key)
        wijken = st.checkbox(
            "Wijken of buurten optellen tot gemeenten (alleen aantallen, alleen voor gemeenten "
            "zonder eigen rij)",
            value=options.aggregate_wijken,
            key=f"upload_wijken_{file_id}",
        )
        imported.set_option("aggregate_wijken", bool(wijken))
        if report is not None and report.kind == "candidate_lists":
            _render_seat_source(report, options, file_id)
    return imported.current_options()


def _render_seat_source(
    report: ingest_report.Report, options: ingest_options.Options, file_id: str
) -> None:
    """For candidate lists: council sizes from the bundle (2026) or from an imported column."""
    sources = {"uit de app (raadszetels 2026)": None} if report.year == 2026 else {}
    for key, entry in imported.state(imported.INDICATORS).items():
        if "zetel" in f"{entry['column']} {entry['indicator']['label']}".lower():
            sources[f"eigen import: {entry['indicator']['label']}"] = key
    if not sources:
        st.caption(
            "Raadszetels: importeer eerst een bestand met het aantal zetels per gemeente (zoals "
            "Raadzetels_GR2026.csv) en sla die kolom op als indicator; daarna kiest u die hier."
        )
        return
    labels = list(sources)
    current = next(
        (k for k, v in sources.items() if v and options.seats == _seats_of(v)), labels[0]
    )
    choice = st.selectbox(
        "Raadszetels voor kandidaten per zetel en korte lijsten",
        labels,
        index=labels.index(current),
        key=f"upload_seats_{file_id}",
    )
    imported.set_option("seats", _seats_of(sources[choice]) if sources[choice] else None)


def _seats_of(indicator_id: str) -> dict[str, float]:
    # As imported: the candidate-list report uses whole numbers from 1 up and reports the rest
    # (int() once made 0,45 seats into 0, and 0 seats into infinite candidates per seat).
    return dict(imported.state(imported.INDICATORS)[indicator_id]["values"])


# --- Choices the import cannot make alone ------------------------------------------------------


def render_choices(report: ingest_report.Report) -> None:
    """Ambiguous and split names, duplicate rows and fraction columns: the user decides."""
    if not report.ok:
        return
    options = imported.current_options()
    file_id = st.session_state[imported.CURRENT]
    ref = imported.reference()
    fractions = [c for c in report.columns if c.role == "value" and c.fraction]
    unknown = _unknown_names(report, options, ref)
    if not (report.choices or options.resolve or report.duplicates or fractions or unknown):
        return
    st.subheader("Wat de import niet zelf beslist")
    if fractions:
        st.markdown("**Fracties of procenten?**")
        answers = {
            "nog niet gekozen": None,
            "fracties (0,25 = 25%): omrekenen naar procenten": True,
            "gewone getallen: laten zoals ze zijn": False,
        }
        as_percent, not_fraction = set(options.as_percent), set(options.not_fraction)
        for column in fractions:
            current = (
                True
                if column.name in as_percent
                else (False if column.name in not_fraction else None)
            )
            choice = st.radio(
                f"Kolom '{safe.markdown(column.name, LABEL_ECHO)}': alle waarden liggen tussen 0 en 1",
                list(answers),
                index=list(answers.values()).index(current),
                key=f"fraction_{file_id}_{imported.short_key(column.name)}",
                horizontal=True,
            )
            as_percent.discard(column.name)
            not_fraction.discard(column.name)
            if answers[choice] is True:
                as_percent.add(column.name)
            elif answers[choice] is False:
                not_fraction.add(column.name)
        imported.set_option("as_percent", sorted(as_percent))
        imported.set_option("not_fraction", sorted(not_fraction))
    if unknown:
        _render_unknown_names(unknown, options, file_id, ref)
    # Values resolved earlier are no longer open choices in the report; keep showing them so
    # that the user can change the answer.
    open_choices = dict(report.choices)
    for given in options.resolve:
        if given not in unknown:
            open_choices.setdefault(given, ref.lookup(given).options)
    if open_choices:
        st.markdown("**Namen die bij meer gemeenten passen, en verdeelde voormalige gemeenten**")
        resolve = dict(options.resolve)
        for given, codes in list(open_choices.items())[: imported.LIST_LIMIT]:
            labels = {"(niet gebruiken)": ""} | {ref.label(c): c for c in codes}
            current = resolve.get(given, "")
            choice = st.selectbox(
                f"'{safe.markdown(given, LABEL_ECHO)}' hoort bij",
                list(labels),
                key=f"resolve_{file_id}_{imported.short_key(given)}",
                index=list(labels.values()).index(current) if current in labels.values() else 0,
            )
            if labels[choice]:
                resolve[given] = labels[choice]
            else:
                resolve.pop(given, None)
        imported.set_option("resolve", resolve)
    if report.duplicates:
        st.markdown("**Meer rijen voor één gemeente: welke telt?**")
        keep = dict(options.keep_rows)
        for duplicate in report.duplicates[: imported.LIST_LIMIT]:
            labels = {
                f"rij {r} ({g})": r for r, g in zip(duplicate.rows, duplicate.given, strict=True)
            }
            labels |= {"geen van deze": 0, "optellen (alleen aantallen)": ingest_options.SUM_ROWS}
            current = duplicate.kept if duplicate.kept is not None else 0
            # The report keeps the values of the first rows of a group (there can be hundreds).
            shown = zip(duplicate.rows, duplicate.given, duplicate.values, strict=False)
            st.dataframe(
                safe.frame(
                    pd.DataFrame([{"rij": r, "in het bestand": g, **v} for r, g, v in shown])
                ),
                hide_index=True,
                key=f"duplicate_table_{file_id}_{duplicate.code}",
            )
            if len(duplicate.rows) > len(duplicate.values):
                st.caption(
                    f"De eerste {len(duplicate.values)} van {fmt.number(len(duplicate.rows))} "
                    "rijen; alle rijen staan in de download met afgewezen rijen."
                )
            choice = st.selectbox(
                f"{ref.label(duplicate.code)}",
                list(labels),
                key=f"duplicate_{file_id}_{duplicate.code}",
                index=list(labels.values()).index(current) if current in labels.values() else 0,
            )
            keep[duplicate.code] = labels[choice]
        imported.set_option("keep_rows", keep)


def _unknown_names(
    report: ingest_report.Report, options: ingest_options.Options, ref: object
) -> list[str]:
    """Names the import did not recognise, plus those the user already linked by hand."""
    given = [u.value for u in report.unmatched if u.kind == "unknown"]
    given += [g for g in options.resolve if ref.lookup(g).kind == "unknown"]
    return list(dict.fromkeys(given))


def _render_unknown_names(
    unknown: list[str], options: ingest_options.Options, file_id: str, ref: object
) -> None:
    """Pick the gemeente for a name the import did not know, here instead of in the file."""
    st.markdown("**Onbekende namen: kies de gemeente**")
    st.caption(
        "Typ in de keuzelijst om te zoeken. Suggesties die op de naam lijken staan bovenaan. "
        "Uw bestand blijft zoals het is; de keuze geldt in deze sessie."
    )
    by_name = {name: code for code, name in ref.names.items()}
    everyone = sorted(ref.names, key=lambda c: ref.names[c])
    resolve = dict(options.resolve)
    for given in unknown[: imported.LIST_LIMIT]:
        suggested = [by_name[n] for n in ref.suggest(given) if n in by_name]
        choices = ["", *suggested, *[c for c in everyone if c not in suggested]]
        current = resolve.get(given, "")
        hint = f" (suggestie: {', '.join(ref.names[c] for c in suggested)})" if suggested else ""
        choice = st.selectbox(
            f"'{safe.markdown(given, LABEL_ECHO)}' is{hint}",
            choices,
            index=choices.index(current) if current in choices else 0,
            format_func=lambda c: "(niet gebruiken)" if not c else ref.label(c),
            key=f"unknown_{file_id}_{imported.short_key(given)}",
        )
        if choice:
            resolve[given] = choice
        else:
            resolve.pop(given, None)
    imported.set_option("resolve", resolve)


# --- Downloads ---------------------------------------------------------------------------------
