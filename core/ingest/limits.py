"""The size and time limits every reader keeps, and the errors reading raises.

A file beyond a limit raises `Refused` (no reading setting can help); any other unreadable file
raises `ReadError`. Both carry a Dutch message that says what the user can do.
"""

from __future__ import annotations

from core import fmt

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500
# Limits that keep every upload bounded in time and memory (an .xlsx is a zip archive, and a few
# kilobytes can unpack to gigabytes or declare a sheet of 17 billion cells).
MAX_SHEET_ROWS = MAX_ROWS + 1_000  # rows of a sheet, empty ones and title rows included
MAX_UNPACKED_MEMBER = 64 * 1024 * 1024  # one file inside the .xlsx, unpacked
MAX_UNPACKED_TOTAL = 160 * 1024 * 1024  # all files inside the .xlsx together, unpacked
MAX_RATIO = 100  # unpacked/packed size of a member above RATIO_FROM bytes (zip bombs)
RATIO_FROM = 4 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text in one cell
MAX_READ_SECONDS = 30.0
MAX_TEXT_DELIMITERS = 10 * MAX_COLUMNS  # per line of a text file (some may be inside quotes)


class ReadError(ValueError):
    """The file cannot be read as a table; the message (Dutch) says what the user can do."""


class Refused(ReadError):
    """The file is beyond a size limit: no reading setting can make it readable."""


def size_text(n_bytes: int) -> str:
    """'62,3 MB'."""
    return f"{fmt.number(n_bytes / 1024 / 1024, 1)} MB"
