"""The basket as a small file to save and load again (code, name), and reading one back."""

from __future__ import annotations

import re

import pandas as pd

from core import safe
from core.outputs import export

_CODE_IN_TEXT = re.compile(r"\bGM\d{4}\b", re.IGNORECASE)
MAX_BASKET_FILE_BYTES = 1_000_000


def basket_file(codes: list[str], gemeenten: pd.DataFrame) -> bytes:
    """The basket as a small CSV (code, name), UTF-8 with BOM; `read_basket_file` reads it."""
    names = gemeenten.set_index("code")["name"]
    frame = pd.DataFrame({"code": codes, "gemeente": [safe.cell(names.get(c, "")) for c in codes]})
    return export.to_csv(frame, "comma")


def read_basket_file(payload: bytes, valid: set[str]) -> tuple[list[str], list[str]]:
    """Codes found in a saved basket (or any text or CSV with GM codes): (known, unknown).

    Any file that holds GM codes works, also this app's own CSV exports.
    """
    if len(payload) > MAX_BASKET_FILE_BYTES:
        raise ValueError("Dit bestand is te groot voor een selectie (meer dan 1 MB).")
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = payload.decode("latin-1")
    found = list(dict.fromkeys(m.upper() for m in _CODE_IN_TEXT.findall(text)))
    if not found:
        raise ValueError(
            "In dit bestand staan geen gemeentecodes (zoals GM0363). Kies een bestand dat u "
            "eerder met 'Selectie bewaren' hebt opgeslagen."
        )
    return [c for c in found if c in valid], [c for c in found if c not in valid]
