"""An import pauses Python's cyclic garbage collector and always turns it back on."""

from __future__ import annotations

import gc
import threading

import pytest

from workbench.importing.run import collection_paused


def test_the_collector_is_back_on_after_an_import_that_failed():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collection_paused():
        assert not gc.isenabled()
        raise RuntimeError("bad rows")
    assert gc.isenabled()


def test_overlapping_imports_share_one_pause():
    inner_started, outer_may_end = threading.Event(), threading.Event()
    seen = []

    def other_import():
        with collection_paused():
            inner_started.set()
            outer_may_end.wait(10)
        seen.append(gc.isenabled())  # the first import is still running

    with collection_paused():
        thread = threading.Thread(target=other_import)
        thread.start()
        assert inner_started.wait(10)
        outer_may_end.set()
        thread.join(10)
        assert not gc.isenabled()
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
