"""`python -m core.ingest FILE [--sheet NAME] --json`: the import report (core.ingest.pipeline)."""

from __future__ import annotations

import sys

from core.ingest import pipeline

sys.exit(pipeline.main())
