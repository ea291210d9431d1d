"""Writes scale with the team (issue 17, item 5): on PostgreSQL no transaction waits for
another's audit events; the sealer chains committed events in commit order, and none is
lost when a sealer dies half-way or two run at once.  The audit log stays the record
2022/16 and 2017/13 ask for: every change, kept in order, changes detectable."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.db import session_scope
from workbench.models import Account, AuditEvent, AuditPending, Case, Reviewer, ReviewerRole
from workbench.operations.local import LocalClient
from workbench.operations.records import checkpoint_audit, verify_audit
from workbench.queues import claims
from workbench.records import audit, sealer


def _actions(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def _pending(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(AuditPending)).scalar_one()


def _verify(engine) -> audit.VerifyResult:
    with session_scope(engine, write=False) as s:
        return audit.verify(s)


def _impatient(session: Session) -> None:
    """Fail at once, instead of waiting, on any row lock another transaction holds."""
    session.execute(text("SET LOCAL lock_timeout = '200ms'"))


def _commit_unsealed(engine, *actions: str) -> None:
    """Events committed by a writer whose sealing never ran (it died after its commit)."""
    at = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(AuditPending.__table__),
            [{"occurred_at": at, "action": a, "entity": "case", "entity_id": 1} for a in actions],
        )


def test_a_writer_holding_its_transaction_open_does_not_block_another(pg_engine):
    held = Session(pg_engine, expire_on_commit=False)
    try:
        audit.record(held, None, "test.first_begun", "case", 1)
        held.flush()  # its event is written, its transaction still open
        with session_scope(pg_engine) as other:
            _impatient(other)
            audit.record(other, None, "test.second_begun", "case", 2)
        assert _actions(pg_engine) == ["test.second_begun"]  # sealed on commit
        held.commit()
    finally:
        held.close()
    # The event written first but committed second is chained second: commit order.
    assert _actions(pg_engine) == ["test.second_begun", "test.first_begun"]
    assert _pending(pg_engine) == 0
    result = _verify(pg_engine)
    assert result.ok and result.checked == 2, result.problem


def _claim_world(engine, cases: int = 2) -> Actor:
    with session_scope(engine) as s:
        reviewer = Reviewer(login="mod", display_name="Mod")
        s.add(reviewer)
        s.flush()
        s.add(ReviewerRole(reviewer_id=reviewer.id, role="moderator"))
        account = Account(platform_id="acc", name="acc")
        s.add(account)
        s.flush()
        s.add_all(
            Case(queue="reports", target_account_id=account.id, category="other")
            for _ in range(cases)
        )
        return Actor(reviewer.id, "mod", "Mod", frozenset({"moderator"}))


def test_two_reviewers_claim_at_once_without_waiting_for_each_other(pg_engine):
    actor = _claim_world(pg_engine)
    first = Session(pg_engine, expire_on_commit=False)
    try:
        mine = claims.claim_next(first, actor, "reports")
        first.flush()
        with session_scope(pg_engine) as second:
            _impatient(second)
            theirs = claims.claim_next(second, actor, "reports")
        assert mine is not None and theirs is not None and mine != theirs
        first.commit()
    finally:
        first.close()
    assert _actions(pg_engine) == ["case.claim", "case.claim"]
    assert _verify(pg_engine).ok


def test_an_unsealed_tail_is_reported_then_sealed_before_verify_and_checkpoint(pg_engine, tmp_path):
    with session_scope(pg_engine) as s:
        audit.record(s, None, "test.sealed", "case", 1)
    _commit_unsealed(pg_engine, "test.late_a", "test.late_b")
    result = _verify(pg_engine)
    assert result.ok and result.checked == 1 and result.unsealed == 2
    client = LocalClient(pg_engine)
    checkpoint = checkpoint_audit(client, tmp_path / "cp.jsonl")
    assert checkpoint.event_id == 3  # the checkpoint sealed first: it covers the tail
    result = verify_audit(client, checkpoints=[tmp_path / "cp.jsonl"])
    assert result.ok and result.checked == 3 and result.unsealed == 0
    assert _actions(pg_engine) == ["test.sealed", "test.late_a", "test.late_b"]


CHILD = """
import sys
from workbench.db import make_engine
from sqlmodel import Session
from workbench.records import sealer
session = Session(make_engine(sys.argv[1]))
print(sealer.seal(session), flush=True)  # chained, not committed
sys.stdin.readline()
"""


def test_a_sealer_killed_half_way_loses_nothing(pg_engine):
    _commit_unsealed(pg_engine, *(f"test.e{i}" for i in range(5)))
    url = pg_engine.url.render_as_string(hide_password=False)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "5"
    finally:
        child.kill()
        child.wait()
    assert _pending(pg_engine) == 5 and _actions(pg_engine) == []
    assert sealer.seal_all(pg_engine) == 5
    assert _actions(pg_engine) == [f"test.e{i}" for i in range(5)]
    assert _pending(pg_engine) == 0 and _verify(pg_engine).ok


def test_a_second_sealer_waits_for_the_first_and_chains_nothing_twice(pg_engine):
    _commit_unsealed(pg_engine, "test.a", "test.b")
    first = Session(pg_engine)
    try:
        assert sealer.seal(first) == 2
        second = Session(pg_engine)
        try:
            _impatient(second)
            with pytest.raises(OperationalError, match="lock timeout"):
                sealer.seal(second)  # waits on the head the first holds
        finally:
            second.close()
        first.commit()
    finally:
        first.close()
    with session_scope(pg_engine) as again:
        assert sealer.seal(again) == 0
    assert _actions(pg_engine) == ["test.a", "test.b"] and _verify(pg_engine).ok


def test_a_key_change_while_events_wait_is_recorded_by_the_sealer(pg_engine, tmp_path):
    from workbench.records.audit_key import audit_key, derive, use_audit_key

    with session_scope(pg_engine) as s:
        audit.record(s, None, "test.old_key", "case", 1)
    old = audit_key()
    new = derive(b"another key file" * 2)
    use_audit_key(new)
    try:
        with session_scope(pg_engine) as s:
            audit.record(s, None, "test.new_key", "case", 2)
    finally:
        use_audit_key(old)
    assert _actions(pg_engine) == ["test.old_key", audit.ROTATE_ACTION, "test.new_key"]
    with session_scope(pg_engine, write=False) as s:
        assert audit.verify(s, keys={old.key_id: old, new.key_id: new}).ok


def test_sqlite_chains_in_the_writing_transaction(sqlite_engine):
    with session_scope(sqlite_engine) as s:
        event = audit.record(s, None, "test.step", "case", 1)
        s.flush()
        assert isinstance(event, AuditEvent) and event.hash
    assert _pending(sqlite_engine) == 0 and _verify(sqlite_engine).ok


def test_the_servers_timer_chains_what_a_dead_writer_left(pg_engine):
    from workbench.server.sealer import AuditSealer

    _commit_unsealed(pg_engine, "test.orphan")
    assert AuditSealer(pg_engine, interval=0).seal_once() == 1
    assert _actions(pg_engine) == ["test.orphan"] and _verify(pg_engine).ok


def test_a_writer_leaves_its_events_to_the_sealer_holding_the_head(pg_engine, caplog):
    """The seal after a commit does not queue behind another sealer: the writer returns,
    its event stays pending (never lost) and the next seal chains it after the others."""
    from workbench.db import make_engine

    url = pg_engine.url.render_as_string(hide_password=False)
    writers = make_engine(url, connect_args={"options": "-c lock_timeout=1000"})
    _commit_unsealed(pg_engine, "test.a")
    first = Session(pg_engine)
    try:
        assert sealer.seal(first) == 1  # holds the head until it commits
        with (
            caplog.at_level("WARNING", logger="workbench.records.sealer"),
            session_scope(writers) as writer,
        ):
            audit.record(writer, None, "test.late", "case", 2)
        assert caplog.records == []  # it skipped the head, it did not time out on it
        first.commit()
    finally:
        first.close()
        writers.dispose()
    assert _actions(pg_engine) == ["test.a"] and _pending(pg_engine) == 1
    assert sealer.seal_all(pg_engine) == 1
    assert _actions(pg_engine) == ["test.a", "test.late"] and _verify(pg_engine).ok


def test_a_reviewers_commit_chains_a_few_hundred_pending_events_and_a_batch_all(pg_engine):
    """A request answering a reviewer does not chain a batch's thousands of events
    before it answers; a commit that wrote more than a few itself chains everything."""
    _commit_unsealed(pg_engine, *(["test.batch_left"] * 1000))  # a batch's, not yet chained
    with Session(pg_engine) as s:
        audit.record(s, None, "test.reviewer", "case", 1)
        s.commit()
    assert _pending(pg_engine) == 1001 - audit.AFTER_COMMIT  # the oldest few, no more
    with Session(pg_engine) as s:
        for n in range(audit.AFTER_COMMIT + 1):
            audit.record(s, None, "test.batch_own", "case", n)
        s.commit()
    assert _pending(pg_engine) == 0
    actions = _actions(pg_engine)
    assert actions.index("test.reviewer") > actions.index("test.batch_left")  # oldest first
    assert _verify(pg_engine).ok
