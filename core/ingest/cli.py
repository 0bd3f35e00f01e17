"""`python -m core.ingest FILE [--sheet NAME] --json`: the import report on the command line.

The JSON object is `Report.to_contract_json` (test-contract.md); the exit code is 0 when the
file was read and 2 when not. Without --json the notes, counts and warnings are printed as text.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from core.ingest import limits as ingest_limits
from core.ingest import options as ingest_options
from core.ingest import pipeline as ingest_pipeline
from core.ingest import report as ingest_report


def _delimiter(text: str | None) -> str | None:
    return (
        {"tab": "\t", "\\t": "\t", "puntkomma": ";", "komma": ","}.get(text, text) if text else None
    )


def main(argv: list[str] | None = None) -> int:
    """Read FILE as the upload does and print the report; 0 when it was read, 2 when not."""
    parser = argparse.ArgumentParser(
        prog="python -m core.ingest",
        description="Lees een eigen tabel per gemeente zoals de upload op de pagina Gegevens.",
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--sheet", help="werkblad (Excel)")
    parser.add_argument("--key", help="kolom met de gemeente (anders herkend)")
    parser.add_argument("--encoding", help="tekenset, bijvoorbeeld utf-8 of cp1252")
    parser.add_argument("--delimiter", help="scheidingsteken: ';', ',', 'tab' of '|'")
    parser.add_argument("--decimal", choices=[",", "."], help="decimaalteken")
    parser.add_argument("--header-row", type=int, help="rijnummer van de kopregel")
    parser.add_argument("--seats", type=Path, help="bestand met raadszetels (kandidatenlijsten)")
    parser.add_argument(
        "--aggregate-wijken", action="store_true", help="tel wijken op tot gemeenten"
    )
    parser.add_argument("--json", action="store_true", help="druk het verslag af als JSON")
    args = parser.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        report = ingest_report.failed(
            args.file.name,
            f"Het bestand '{args.file}' is niet te openen "
            f"({exc.strerror or type(exc).__name__}). Controleer de naam en de map.",
        )
    else:
        seats = None
        if args.seats:
            try:
                seats = ingest_pipeline.read_seats(args.seats.read_bytes(), args.seats.name)
            except (OSError, ingest_limits.ReadError) as exc:
                report = ingest_report.failed(
                    args.file.name, f"Het zetelbestand is niet te lezen: {exc}"
                )
                return _print(report, args.json)
        options = ingest_options.Options(
            sheet=args.sheet,
            encoding=args.encoding,
            delimiter=_delimiter(args.delimiter),
            decimal=args.decimal,
            header_row=args.header_row,
            key_column=args.key,
            seats=seats,
            aggregate_wijken=args.aggregate_wijken,
        )
        report = ingest_pipeline.ingest(data, args.file.name, options)
    return _print(report, args.json)


def _print(report: ingest_report.Report, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report.to_contract_json(), ensure_ascii=False, indent=2))
    elif not report.ok:
        print(f"Niet gelezen: {report.error}")
    else:
        for note in report.notes:
            print(note)
        print(
            f"{report.filename}: {report.rows} rijen, {report.matched} gekoppeld, "
            f"{len(report.unmatched)} niet gekoppeld; sleutel '{report.key_column}'; "
            f"kolommen: {', '.join(report.value_columns) or 'geen'}."
        )
        for warning in report.warnings:
            print(f"- {warning}")
    return 0 if report.ok else 2
