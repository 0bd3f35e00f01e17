"""The one spreadsheet-formula neutraliser that every CSV and Excel export uses."""

from __future__ import annotations

from core import safe


def test_neutralise() -> None:
    for text in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe.neutralise(text) == "'" + text
    assert safe.neutralise("'s-Gravenhage") == "'s-Gravenhage"
    assert safe.neutralise("Assen") == "Assen"
    assert safe.neutralise(-2) == -2
