"""`python -m core.export --codes GM0363,GM0599 --format csv|xlsx --out PATH` writes the same bytes
as the page's export buttons for that basket (with the default weights unless told otherwise).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core import bundle, catalogue, indicators
from core.outputs import export, export_table


def _parse_weights(text: str) -> dict[str, float]:
    weights = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        weights[key.strip()] = float(value) if value else 1.0
    return weights


def main(argv: list[str] | None = None) -> int:
    """Write the export file for the codes given; 0 on success, 2 on a bad basket or bundle."""
    parser = argparse.ArgumentParser(
        prog="python -m core.export", description=export.__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--codes", required=True, help="comma-separated CBS codes, e.g. GM0363,GM0599"
    )
    parser.add_argument("--format", required=True, choices=export.FORMATS, dest="file_format")
    parser.add_argument("--out", required=True, type=Path, help="file to write")
    parser.add_argument(
        "--csv-style", default=export_table.DEFAULT_CSV_STYLE, choices=list(export_table.CSV_STYLES)
    )
    parser.add_argument(
        "--shape", default="selectie", choices=list(export_table.SHAPES), help="CSV only"
    )
    parser.add_argument(
        "--weights", default="", help="id=weight,... (default: the standard weights)"
    )
    parser.add_argument(
        "--willing", type=float, default=indicators.WILLING_SHARE * 100, help="percent"
    )
    parser.add_argument("--bundle", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    codes = [c.strip().upper() for c in args.codes.split(",") if c.strip()]
    try:
        tables = {name: bundle.load_table(name, args.bundle) for name in export.TABLES}
        settings = export_table.Settings(
            weights=_parse_weights(args.weights) or dict(catalogue.DEFAULT_PRIORITY_WEIGHTS),
            willing_share=args.willing / 100,
            csv_style=args.csv_style,
            shape=args.shape,
        )
        payload = export.export(args.file_format, codes, tables, settings)
    except (KeyError, ValueError, bundle.BundleError) as exc:
        print(f"Fout: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    args.out.write_bytes(payload)
    print(f"{args.out}: {len(codes)} gemeenten, {len(payload)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
