"""Keep the garbage collection that Streamlit runs after every script run cheap.

Streamlit collects all generations after each script run (`runner.postScriptGC`, on by default),
which walks every object the process tracks. After a page's first run almost all of those are
the imported modules and the cached bundle, which live as long as the server: on /kaart that
walk was more than half of the server's CPU per session (py-spy, bench/cpu.py). `gc.freeze()`
moves what is alive at that moment out of the collector's sight, so later collections walk only
what later runs made; freed by reference counting as before, but never by the cycle collector.
Frozen once per page, after its first complete run in this process: the first visitor of each
page adds its own run's objects (a few MB at most), then nothing more is frozen.
"""

from __future__ import annotations

import gc
import threading

_frozen: set[str] = set()
_lock = threading.Lock()


def freeze_after_first_run(page: str) -> None:
    """Freeze the heap the first time `page` has run to its end in this server process."""
    if page in _frozen:
        return
    with _lock:
        if page in _frozen:
            return
        gc.collect()
        gc.freeze()
        _frozen.add(page)
