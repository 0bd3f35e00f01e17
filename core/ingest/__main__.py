"""`python -m core.ingest FILE [--sheet NAME] --json`: the import report (core.ingest.cli)."""

from __future__ import annotations

import sys

from core.ingest import cli

sys.exit(cli.main())
