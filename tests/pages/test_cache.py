"""components.cache: one copy of each bundle table per server, and no caller can change it."""

from __future__ import annotations

from components import cache


def test_changing_a_table_does_not_reach_the_next_caller() -> None:
    first = cache.table("gemeenten")
    name = first.loc[0, "name"]
    first.loc[0, "name"] = "<veranderd>"
    first["extra"] = 1
    del first["province_name"]
    again = cache.table("gemeenten")
    assert again.loc[0, "name"] == name
    assert "extra" not in again.columns
    assert "province_name" in again.columns


def test_the_table_is_read_once_per_server(monkeypatch) -> None:
    from core import bundle

    cache.table("indicators")
    calls = []
    monkeypatch.setattr(bundle, "load_table", lambda *a, **k: calls.append(a))
    for _ in range(3):
        assert len(cache.table("indicators")) == 342
    assert calls == []


def test_a_published_map_frame_is_shared_but_never_changed_by_a_caller() -> None:
    from components import maps
    from core import catalogue

    item = catalogue.get("candidates_per_seat_2022")
    first = maps.map_frame(item)
    row = first.index[first["code"] == "GM0060"][0]  # Ameland: 2022 lists known
    value = first.at[row, "value"]
    assert value > 0
    first["class"] = 7
    first.loc[row, "value"] = -1.0
    again = maps.map_frame(item)
    assert "class" not in again.columns
    assert again.at[row, "value"] == value


def test_names_follow_the_table() -> None:
    names = cache.names()
    table = cache.table("gemeenten")
    assert list(names) == table["code"].tolist()
    assert names["GM0363"] == "Amsterdam"
    assert cache.valid_codes() == frozenset(table["code"])
