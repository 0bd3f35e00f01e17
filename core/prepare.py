"""`python -m core.prepare --raw DIR [--out DIR]`: rebuild the data bundle (core.build.prepare)."""

from __future__ import annotations

import sys

from core.build import prepare

if __name__ == "__main__":
    sys.exit(prepare.main())
