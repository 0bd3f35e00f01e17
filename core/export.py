"""`python -m core.export --codes ... --format csv|xlsx --out PATH`: the basket list (core.outputs.export)."""

from __future__ import annotations

import sys

from core.outputs import export

if __name__ == "__main__":
    sys.exit(export.main())
