"""A request that filed a batch may leave its audit events to the server's sealing timer:
they stay pending, safely, until the timer chains them; nothing else changes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from workbench.models import AuditEvent, AuditPending
from workbench.records import audit
from workbench.server.sealer import AuditSealer, timer_running


def _counts(engine) -> tuple[int, int]:
    with Session(engine) as s:
        pending = s.execute(select(func.count()).select_from(AuditPending)).scalar_one()
        chained = s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    return pending, chained


def _leave(s: Session, action: str) -> None:
    """A batch's event in ``s``'s transaction, left to the timer."""
    audit.leave_to_timer(s)
    audit.record(s, None, action, "case", None)


def test_events_left_to_the_timer_wait_for_it_and_the_next_commit_seals_again(pg_engine):
    pending, chained = _counts(pg_engine)
    with Session(pg_engine) as s:
        _leave(s, "test.batch")
        s.commit()
        assert _counts(pg_engine) == (pending + 1, chained), "left pending for the timer"
        audit.record(s, None, "test.single", "case", None)
        s.commit()  # the session's next transaction seals after its commit, as always
    assert _counts(pg_engine) == (pending, chained + 2)


def test_the_timer_chains_what_was_left_to_it(pg_engine):
    pending, chained = _counts(pg_engine)
    with Session(pg_engine) as s:
        _leave(s, "test.batch")
        s.commit()
    assert AuditSealer(pg_engine, interval=0).seal_once() == 1
    assert _counts(pg_engine) == (pending, chained + 1)


def test_a_rolled_back_request_leaves_nothing_to_the_next(pg_engine):
    pending, chained = _counts(pg_engine)
    with Session(pg_engine) as s:
        _leave(s, "test.refused")
        s.rollback()
        audit.record(s, None, "test.single", "case", None)
        s.commit()
    assert _counts(pg_engine) == (pending, chained + 1)


def test_only_a_sealer_whose_timer_runs_takes_the_batches(pg_engine):
    by_hand = AuditSealer(pg_engine, interval=0)  # the tests' sealer: rounds run by hand
    by_hand.start()
    assert not timer_running()
    by_hand.stop()
    timed = AuditSealer(pg_engine, interval=3600)
    timed.start()
    try:
        assert timer_running()
    finally:
        timed.stop()
    assert not timer_running()
