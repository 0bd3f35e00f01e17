"""AppTest: the presentation page shows the link (and QR code) to the live view of what is
presented, on the configured public address, and says so when none is configured."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from core import paths
from core.outputs import qr

APP = str(paths.REPO_ROOT / "dashboard.py")


def _page(query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/presenteren.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_link_to_the_live_view_uses_the_public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(qr.PUBLIC_URL_ENV, "https://raadsradar.example.org")
    at = _page({"sel": "GM0096,GM0088", "indicator": "women_gap_2022"})
    links = [c.value for c in at.code if "/kaart" in c.value]
    assert len(links) == 1
    parts = urlsplit(links[0])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://raadsradar.example.org/kaart"
    assert parse_qs(parts.query) == {"sel": ["GM0096,GM0088"], "indicator": ["women_gap_2022"]}
    assert len(at.get("image")) >= 1  # the QR code
    assert not [c for c in at.caption if qr.PUBLIC_URL_ENV in c.value]


def test_without_a_public_address_the_page_says_the_link_is_local(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(qr.PUBLIC_URL_ENV, raising=False)
    at = _page({"sel": "GM0096"})
    links = [c.value for c in at.code if "/kaart" in c.value]
    assert links and links[0].startswith(qr.DEFAULT_PUBLIC_URL + "/kaart?")
    assert [c for c in at.caption if qr.PUBLIC_URL_ENV in c.value]
