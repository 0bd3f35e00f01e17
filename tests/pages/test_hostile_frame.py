"""Hostile shared links and broken bundle files inside fragments (issue 16, items 1 and 4)."""

from __future__ import annotations

import ast
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from components import frame
from core import fmt, paths, safe

APP = str(paths.REPO_ROOT / "dashboard.py")
PHISHING = "[Klik hier om opnieuw in te loggen](https://evil.example/login)"
TRACKER = "![t](http://host.example/p.gif)"
# Markdown that would become a live link, an image, raw HTML or a bare URL once rendered.
LIVE_MARKDOWN = re.compile(r"(?<!\\)\[|(?<!\\)\]\(|(?<!\\)<|(?<!\\):(?=//)|(?<!\\)!\[")


def _run(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


def _warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_echoed_link_values_are_escaped_in_the_sidebar_warning() -> None:
    at = _run({"indicator": PHISHING, "sel": "GM0363,![](//host.example/s)"})
    assert not at.exception
    (warning,) = _warnings(at)
    assert "https://evil.example" not in warning
    assert "](" not in warning.replace("\\](", "")
    assert not LIVE_MARKDOWN.search(warning), warning
    # The user still sees what was wrong, cut short: the start of each value.
    assert "\\[Klik hier om opnie" in warning
    assert "\\!\\[\\]\\(\\/\\/host\\.exam" in warning
    assert at.session_state["basket"] == ["GM0363"]
    assert "indicator" not in at.query_params


def test_a_huge_indicator_value_and_ten_thousand_codes_give_a_short_warning() -> None:
    codes = ",".join(f"XX{i:05d}" for i in range(10_000))
    at = _run({"indicator": "x" * 60_000, "sel": codes})
    assert not at.exception
    (warning,) = _warnings(at)
    assert len(warning) < 800, len(warning)
    assert "en 9.990 andere" in warning
    assert "XX00000" in warning and "XX00009" in warning and "XX00010" not in warning
    assert "x" * 20 not in warning  # the indicator value is cut (19 characters and '…')
    # Nothing close to the link's size is kept in the session either.
    assert len(repr(at.session_state["basket_rejected"])) < 800


def test_rejected_message_escapes_and_summarises() -> None:
    message = frame.rejected_message(
        {"codes": ["<img src=x>", "GM9999"], "more": 9_990, "indicator": "import_evil:1"}
    )
    assert message is not None
    assert "\\<img src\\=x\\>" in message
    assert "GM9999 en 9.990 andere" in message
    assert "import\\_evil\\:1" in message and "sessie van wie ze importeerde" in message
    assert frame.rejected_message({}) is None
    assert frame.rejected_message({"codes": [], "more": 0, "indicator": None}) is None


@pytest.mark.parametrize(
    "text",
    [
        PHISHING,
        TRACKER,
        "<https://evil.example>",
        "https://evil.example/x",
        "www.evil.example",
        "a@evil.example",
        ":red[rood] :material/home:",
        "$x^2$",
        "&lt;script&gt;",
        "line\nbreak\r\x07bell",
    ],
)
def test_markdown_text_leaves_no_syntax(text: str) -> None:
    escaped = safe.markdown(text)
    # Every punctuation character is preceded by a backslash, control characters are gone.
    unescaped = re.sub(r"\\.", "", escaped)
    assert not re.search(r"[\[\]()<>!:/.$&@\\`*_]", unescaped), escaped
    assert not re.search(r"[\x00-\x1f]", escaped)
    # Streamlit links bare URLs and e-mail addresses in the text after resolving escapes.
    shown = re.sub(r"\\(.)", r"\1", escaped)
    assert not re.search(r"(?i)https?://|www\.|[\w.+-]@", shown), shown


def test_markdown_text_cuts_before_escaping() -> None:
    assert safe.markdown("a.b.c.d.e", 4) == "a\\.b…"
    assert fmt.listing([str(i) for i in range(10_000)]).endswith("8, 9 en 9.990 andere")
    assert fmt.listing(["a", "b"]) == "a, b"


# --- Item 4: a broken bundle file inside a fragment -------------------------------------------


@pytest.mark.parametrize("name", ["indicators.parquet", "gemeenten_geo.parquet"])
def test_missing_file_on_the_map_page_shows_the_dutch_message(tmp_path, monkeypatch, name) -> None:
    """The map explorer is a fragment: its errors never reach run_page's handler."""
    shutil.copytree(paths.BUNDLE_DIR, tmp_path / "data")
    (tmp_path / "data" / name).unlink()
    monkeypatch.setenv("RAADSRADAR_BUNDLE", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/kaart.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1  # shown once, not by every fragment of the page
    assert name in at.error[0].value and "Deze pagina kan niet verder" in at.error[0].value
    assert any("core.prepare" in c.value for c in at.code)


def test_every_fragment_goes_through_frame_fragment() -> None:
    """st.fragment used directly would show a raw traceback for a broken bundle file."""
    offenders = []
    for folder in ("pages", "components"):
        for path in sorted((paths.REPO_ROOT / folder).glob("*.py")):
            if path.name == "frame.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr == "fragment"
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "st"
                ):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_unknown_map_settings_from_a_link_are_escaped_and_cut() -> None:
    # The view parameters (issue 17, item 9) are echoed through the same escaping as sel/indicator.
    at = _run({"province": PHISHING, "scheme": "y" * 5_000, "sel": "GM0363"})
    assert not at.exception
    (warning,) = _warnings(at)
    assert "kaartinstellingen" in warning
    assert "https://evil.example" not in warning
    assert not LIVE_MARKDOWN.search(warning), warning
    assert "y" * 40 not in warning
    assert at.session_state["basket"] == ["GM0363"]
