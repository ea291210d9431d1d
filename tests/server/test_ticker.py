"""The server raises time-limit breaches itself, with no desktop open, and every
connected desktop hears of them (2022/16: handling within the time limit)."""

from __future__ import annotations

import threading
from datetime import datetime

from sqlmodel import select

from tests.db.timelimits_support import case
from workbench.db import session_scope
from workbench.models import AuditEvent
from workbench.timelimits import clocks

START = datetime.fromisoformat("2026-03-02T10:00+08:00")  # accept due 4 March 00:00
LATE = datetime.fromisoformat("2026-03-04T00:00:01+08:00")


def test_the_server_ticks_a_breach_once_and_streams_it(server, server_clock, remote, engine):
    with session_scope(engine) as s:
        clock = clocks.start_clock(s, stage="accept", at=START, case=case(s, opened=START))
        case_id, clock_id = clock.case_id, clock.id
    watcher = remote("sup")
    heard: list = []
    arrived, connected = threading.Event(), threading.Event()

    def tell(changes):
        heard.append(changes)
        if case_id in changes.ids("case"):
            arrived.set()

    watcher.subscribe(tell)
    stream = watcher.changes_stream(status=lambda up: up and connected.set())
    stream.start()
    try:
        assert connected.wait(5)
        server_clock.at = LATE
        ticker = server.app.state.ticker
        result = ticker.tick_once()
        assert [a.clock_id for a in result.breached] == [clock_id]
        assert arrived.wait(5), heard
        assert ticker.tick_once().breached == []  # raised once
    finally:
        stream.stop()
    with session_scope(engine, write=False) as s:
        breaches = s.exec(select(AuditEvent).where(AuditEvent.action == "clock.breach")).all()
    assert [e.entity_id for e in breaches] == [clock_id]


def test_a_long_tick_commits_in_short_batches(server, server_clock, engine, monkeypatch):
    """Each batch is its own transaction, so reviewers' changes never wait for a whole tick."""
    from workbench.server import ticker as ticker_module

    with session_scope(engine) as s:
        ids = [
            clocks.start_clock(s, stage="accept", at=START, case=case(s, opened=START)).id
            for _ in range(5)
        ]
    monkeypatch.setattr(ticker_module, "BATCH", 2)
    published: list = []
    ticker = ticker_module.ClockTicker(engine, published.append, interval=0, clock=lambda: LATE)
    result = ticker.tick_once()
    assert sorted(a.clock_id for a in result.breached) == sorted(ids)
    assert len(published) == 3  # batches of 2, 2 and 1, each announced on its own
    assert ticker.tick_once().breached == []
