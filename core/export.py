"""`python -m core.export --codes ... --format csv|xlsx --out PATH`: the basket list (core.outputs.export_cli)."""

from __future__ import annotations

import sys

from core.outputs import export_cli

if __name__ == "__main__":
    sys.exit(export_cli.main())
