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


def test_a_basket_of_every_gemeente_does_not_break_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 23: selecting the whole country crashed the page (the QR code overflowed)."""
    from components.presenteren import exports, follow
    from core import bundle

    monkeypatch.setenv(qr.PUBLIC_URL_ENV, "https://raadsradar.example.org")
    codes = sorted(bundle.load_table("gemeenten")["code"])
    at = _page({"sel": ",".join(codes)})
    assert len(at.session_state["basket"]) == 342
    links = [c.value for c in at.code if "/kaart" in c.value]
    assert links == ["https://raadsradar.example.org/kaart"]
    assert any("te groot voor een QR-code" in w.value for w in at.warning)
    # The downloads are made later, from the link the page showed.
    ctx = follow_context(codes)
    link = qr.follow_link(qr.Base("https://raadsradar.example.org", qr.CONFIGURED), codes, None)
    assert link.dropped == 342
    monkeypatch.setattr(
        exports,
        "pngs",
        lambda *a, **k: (_ for _ in ()).throw(
            exports.images.ImageError("geen browser in deze test")
        ),
    )
    assert exports.pptx_bytes(["focus"], {}, ctx, link).startswith(b"PK")
    page = exports.html_bytes(["focus"], {}, ctx, link).decode()
    assert "te groot voor een QR-code" in page
    assert follow.PAGE_PATH == "presenteren"


def follow_context(codes: list[str]):
    import datetime as dt

    from core import bundle
    from core.charts import static_map
    from core.outputs import slide_model

    geo = bundle.load_table("gemeenten_geo")
    return slide_model.Context(
        tables={name: bundle.load_table(name) for name in bundle.TABLES},
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=dt.date(2026, 12, 3),
        basket=tuple(codes),
    )
