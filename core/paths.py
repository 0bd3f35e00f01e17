"""Where the shipped data bundle and the raw sources live, independent of the working directory."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLE_DIR = REPO_ROOT / "data"
DEFAULT_RAW_DIR = REPO_ROOT.parent / "shared" / "data" / "raw"


def bundle_dir() -> Path:
    """The bundle folder in use: $RAADSRADAR_BUNDLE when set (tests, fault drills), else data/."""
    return Path(os.environ.get("RAADSRADAR_BUNDLE", BUNDLE_DIR))
