"""No second escaper: html.escape and hand-rolled escapers live in core/safe.py only.

Two copies drift apart (the last round found a markdown escaper that left www. and e-mail
autolinks live, and three formula neutralisers of which one ran in the wrong order). This walks
the source of the app and fails on anything that escapes text outside core.safe.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from core import paths

ROOT = paths.REPO_ROOT
SAFE = ROOT / "core" / "safe.py"
ESCAPER_NAME = re.compile(
    r"(?i)(escape|neutrali[sz]e|saniti[sz]e|markdown_text|clean_text|strip_control|^_?md$)"
)
# Entities and formula starts that only an escaper writes.
ENTITY = re.compile(r"&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
FORMULA_CHARS = {"=", "+", "-", "@"}
# A regular expression that matches markdown's special characters, as the old copies did.
MARKDOWN_CLASS = re.compile(r"\[[^\]]*\\\[[^\]]*\*[^\]]*_|\[[^\]]*`\*_")


def _sources() -> list[Path]:
    files = [ROOT / "dashboard.py"]
    for folder in ("core", "components", "pages", "deploy"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if f.resolve() != SAFE.resolve()]


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            found += [f"{where} imports {a.name}" for a in node.names if a.name in _BANNED]
        elif isinstance(node, ast.ImportFrom) and (node.module or "") in _BANNED:
            found.append(f"{where} imports from {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr == "escape":
            if not (isinstance(node.value, ast.Name) and node.value.id == "re"):
                found.append(f"{where} calls .escape")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if ESCAPER_NAME.search(node.name):
                found.append(f"{where} defines {node.name}()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if ENTITY.search(node.value) and "<" not in node.value:
                found.append(f"{where} writes an HTML entity: {node.value[:40]!r}")
            if MARKDOWN_CLASS.search(node.value):
                found.append(f"{where} has a markdown escaping pattern: {node.value[:40]!r}")
        elif isinstance(node, ast.Tuple):
            strings = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(FORMULA_CHARS & strings) >= 3:
                found.append(f"{where} lists formula characters {sorted(strings)}")
    return found


_BANNED = {"html", "markupsafe", "bleach", "xml.sax.saxutils"}


def test_escapers_live_only_in_core_safe() -> None:
    problems = [p for path in _sources() for p in _problems(path)]
    assert problems == [], "escape with core.safe instead:\n" + "\n".join(problems)


def test_the_check_finds_the_copies_it_was_written_for(tmp_path: Path) -> None:
    """The walk is not blind: the old copies of the last round are each caught."""
    samples = {
        "a.py": "import html\nx = html.escape('a')\n",
        "b.py": "import re\n_M = re.compile(r'([\\\\`*_{}\\[\\]()#+\\-.!|<>~$:])')\n",
        "c.py": "def _md(t):\n    return t\n",
        "d.py": "START = ('=', '+', '-', '@', '\\t')\n",
        "e.py": "def neutralise(c):\n    return c\n",
        "f.py": "import functools, html\n_escape = functools.partial(html.escape, quote=False)\n",
        "g.py": "X = {'<': '&lt;'}\n",
    }
    global ROOT
    saved = ROOT
    ROOT = tmp_path
    try:
        for name, text in samples.items():
            (tmp_path / name).write_text(text)
            assert _problems(tmp_path / name), name
    finally:
        ROOT = saved
