"""Reading the raw sources: find a file, and turn any failure into an error that names it."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from core.build import eml

T = TypeVar("T")


class PrepareError(RuntimeError):
    """A raw file is missing or not what the bundle expects."""


def locate(raw: Path, relative: str) -> Path:
    """The path of a raw file; PrepareError when it is not there."""
    path = raw / relative
    if not path.is_file():
        raise PrepareError(f"{relative}: file not found under {raw}")
    return path


def reading(relative: str, action: Callable[[], T]) -> T:
    """Run a read step and turn any failure into an error that names the raw file."""
    try:
        return action()
    except PrepareError:
        raise
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        zipfile.BadZipFile,
        json.JSONDecodeError,
        eml.EmlError,
    ) as exc:
        raise PrepareError(
            f"{relative}: cannot be read as expected ({type(exc).__name__}: {exc})"
        ) from exc


def check(condition: bool, relative: str, message: str) -> None:
    """PrepareError naming the raw file when a condition on it does not hold."""
    if not condition:
        raise PrepareError(f"{relative}: {message}")
