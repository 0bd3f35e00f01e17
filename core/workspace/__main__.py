"""`python -m core.workspace migrate`: bring the workspace database to the newest schema.

The container's entrypoint runs it before the app starts; replicas that start together take
turns (database.migrate). Exit status 0 when the schema is current, 1 when the database could
not be reached (the app still starts; the workspace tries again when it is used).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core.workspace import database


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.workspace", description=__doc__)
    parser.add_argument("action", choices=["migrate"], help="migrate: upgrade to the newest schema")
    parser.parse_args(argv)
    url = database.database_url()
    try:
        engine = database.open_database(url)
    except database.Unavailable as error:
        print(f"workspace: {database.describe(url)}: {error} ({error.__cause__})", file=sys.stderr)
        return 1
    try:
        print(f"workspace: {database.describe(url)} at revision {database.current(engine)}")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
