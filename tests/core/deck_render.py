"""Render a PowerPoint deck as LibreOffice draws it and find text printed over text.

LibreOffice (with Carlito, Calibri's metric twin) lays the deck out as PowerPoint does: it grows
table rows to fit their text and lets a text box's text run out of the box. The deck is
converted to PDF (`soffice --headless --convert-to pdf`) and the words are read back with their
boxes (`pdftotext -bbox`). A slide is right when no two words overlap, every word lies inside
the rectangle the deck gave its shape, and the words inside each shape's rectangle are exactly
that shape's text (so no text ran into a neighbour's place).
"""

from __future__ import annotations

import collections
import dataclasses
import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

EMU_PER_PT = 12700
TOLERANCE = 1.5  # points a glyph box may stick out of its shape (font ascent, rounding)
# pdftotext's word boxes are 1.3 × the size high, lines are set 1.22 × the size apart: words
# on consecutive lines overlap a little by construction. More than this is text over text.
LINE_OVERLAP = 0.25


@dataclasses.dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclasses.dataclass(frozen=True)
class Shape:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def holds(self, word: Word, tolerance: float = TOLERANCE) -> bool:
        return (
            self.x0 - tolerance <= word.x0
            and word.x1 <= self.x1 + tolerance
            and self.y0 - tolerance <= word.y0
            and word.y1 <= self.y1 + tolerance
        )

    def around(self, word: Word) -> bool:
        x, y = word.centre
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def tools_or_skip() -> None:
    """LibreOffice and poppler are needed; CI installs them, a developer may not have them."""
    missing = [tool for tool in ("soffice", "pdftotext", "pdftoppm") if not shutil.which(tool)]
    if missing:
        message = f"not installed: {', '.join(missing)} (Debian: libreoffice-impress poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def to_pdf(deck: bytes, folder: Path, name: str = "deck") -> Path:
    """The deck as LibreOffice prints it (a PDF, one page per slide)."""
    source = folder / f"{name}.pptx"
    source.write_bytes(deck)
    profile = folder / "lo-profile"  # its own profile: parallel runs do not share a lock
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / f"{name}.pdf"


def pages(pdf: Path) -> list[list[Word]]:
    """The words of each page, with their boxes in points (origin top left)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    result = []
    for page in out.split("<page ")[1:]:
        result.append(
            [
                Word(html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
                for m in re.finditer(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                    r"(.*?)</word>",
                    page,
                )
            ]
        )
    return result


def png_pages(pdf: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """The pages as PNG pictures (to look at, and to measure pictures on the slide)."""
    for old in folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")],
        check=True,
        timeout=300,
    )
    return sorted(folder.glob("page-*.png"))


def shapes(deck: bytes) -> list[list[Shape]]:
    """Per slide, every shape that carries text, with its rectangle in points."""
    out = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        found = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                text = shape.text_frame.text
            elif shape.has_table:
                text = " ".join(cell.text for row in shape.table.rows for cell in row.cells)
            else:
                continue
            if not text.strip():
                continue
            x0, y0 = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            width, height = shape.width / EMU_PER_PT, shape.height / EMU_PER_PT
            if shape.has_table:
                width = sum(c.width for c in shape.table.columns) / EMU_PER_PT
                height = sum(r.height for r in shape.table.rows) / EMU_PER_PT
            found.append(Shape(shape.name, x0, y0, x0 + width, y0 + height, text))
        out.append(found)
    return out


def _letters(text: str) -> collections.Counter:
    return collections.Counter(c for c in text if not c.isspace() and c != "•")


def overlaps(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words printed over each other."""
    found = []
    ordered = sorted(words, key=lambda w: w.x0)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.x0 >= a.x1 - 0.5:
                break
            wide = min(a.x1, b.x1) - max(a.x0, b.x0)
            high = min(a.y1, b.y1) - max(a.y0, b.y0)
            if wide > 0.5 and high > LINE_OVERLAP * min(a.y1 - a.y0, b.y1 - b.y0):
                found.append((a.text, b.text))
    return found


def problems(words: list[Word], placed: list[Shape], size: tuple[float, float]) -> list[str]:
    """What is wrong on one rendered slide (empty when nothing is)."""
    out = [f"'{a}' over '{b}'" for a, b in overlaps(words)]
    width, height = size
    for word in words:
        if word.x0 < -TOLERANCE or word.y0 < -TOLERANCE or word.x1 > width or word.y1 > height:
            out.append(f"'{word.text}' off the slide")
        if not any(shape.holds(word) for shape in placed):
            out.append(f"'{word.text}' outside every box ({word.x0:.0f}, {word.y0:.0f})")
    for shape in placed:
        inside = [w for w in words if shape.around(w)]
        got, want = _letters("".join(w.text for w in inside)), _letters(shape.text)
        if got != want:
            extra, lost = got - want, want - got
            out.append(
                f"box '{shape.name}' holds other text: extra {''.join(sorted(extra.elements()))!r}"
                f", missing {''.join(sorted(lost.elements()))!r}"
            )
    return out
