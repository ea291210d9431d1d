"""Claims: leases on cases, queue order, and no case ever claimed twice."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from workbench.cases.priority import refresh_priority
from workbench.db import make_engine, run_in_transaction, session_scope
from workbench.errors import ClaimConflict, PermissionDenied
from workbench.models import Account, AuditEvent, Case, Clock, RuleHit
from workbench.queues import claims

from .helpers import act, audit_ok, case_of, later, make_account, make_team, report


@pytest.fixture
def world(engine):
    return engine, make_team(engine)


def test_next_case_is_the_one_due_first_then_highest_priority(world):
    engine, team = world
    plain = report(engine, make_account(engine, name="甲"), reporter="a").case
    key_account = make_account(engine, name="乙", grade="key")
    important = report(engine, key_account, reporter="b").case
    with session_scope(engine) as s:
        s.add(
            RuleHit(
                account_id=plain.target_account_id,
                category="impersonate_state",
                rule="state",
                field="name",
                basis="2022/8(3)",
                severity="critical",
                fingerprint="f1",
            )
        )
        s.flush()
        refresh_priority(s, s.get(Case, plain.id))
    early = report(engine, make_account(engine, name="丙"), reporter="c", at=later(days=-1)).case
    order = [
        act(engine, claims.claim_next, team.mod, "reports", now=later(minutes=1)) for _ in range(3)
    ]
    assert order == [early.id, plain.id, important.id]
    assert case_of(engine, plain.id).strongest_hit == "critical"
    assert act(engine, claims.claim_next, team.mod2, "reports", now=later(minutes=2)) is None
    assert audit_ok(engine)


def test_leases_expire_renew_release_and_reassign(world):
    engine, team = world
    cid = report(engine, make_account(engine), reporter="a").case.id
    c = act(engine, claims.claim_case, team.mod, cid, now=later(minutes=0))
    assert c.assignee_id == team.mod.id and c.claimed_until == later(minutes=15)
    with pytest.raises(ClaimConflict):
        act(engine, claims.claim_case, team.mod2, cid, now=later(minutes=5))
    c = act(engine, claims.renew_claim, team.mod, cid, now=later(minutes=10))
    assert c.claimed_until == later(minutes=25)
    with pytest.raises(ClaimConflict):
        act(engine, claims.release_claim, team.mod2, cid, now=later(minutes=11))
    assert act(engine, claims.expire_leases, later(minutes=20)) == 0
    assert act(engine, claims.expire_leases, later(minutes=26)) == 1
    assert case_of(engine, cid).assignee_id is None
    c = act(engine, claims.claim_case, team.mod2, cid, now=later(minutes=27))
    with pytest.raises(PermissionDenied):
        act(engine, claims.reassign, team.mod2, cid, team.mod.id)
    c = act(
        engine, claims.reassign, team.sup, cid, team.mod.id, reason="休假", now=later(minutes=28)
    )
    assert c.assignee_id == team.mod.id
    c = act(engine, claims.release_claim, team.mod, cid, now=later(minutes=29))
    assert c.assignee_id is None and c.claimed_until is None
    assert audit_ok(engine)


def test_a_lapsed_claim_due_first_is_taken_next_with_its_clocks_and_audit(world):
    engine, team = world
    early = report(engine, make_account(engine, name="甲"), reporter="a", at=later(days=-1)).case
    report(engine, make_account(engine, name="乙"), reporter="b")
    assert act(engine, claims.claim_next, team.mod, "reports", now=later(minutes=1)) == early.id
    # mod's 15-minute lease has run out: the case due first is free again, before the other
    assert act(engine, claims.claim_next, team.mod2, "reports", now=later(minutes=30)) == early.id
    case = case_of(engine, early.id)
    assert (case.assignee_id, case.claimed_until) == (team.mod2.id, later(minutes=45))
    with session_scope(engine, write=False) as s:
        clocks = s.exec(select(Clock).where(Clock.case_id == early.id)).all()
        running = [c for c in clocks if c.state == "running"]
        assert running and all(
            (c.assignee_id, c.held_since) == (team.mod2.id, later(minutes=30)) for c in running
        )
        claim = s.exec(
            select(AuditEvent)
            .where(AuditEvent.case_id == early.id, AuditEvent.action == "case.claim")
            .order_by(AuditEvent.id.desc())
        ).first()
    assert claim is not None and claim.actor_id == team.mod2.id
    assert claim.before["assignee_id"] == team.mod.id
    assert claim.after["assignee_id"] == team.mod2.id
    assert claim.after["version"] == claim.before["version"] + 1 == case.version
    assert audit_ok(engine)


def _claim_until_empty(url: str, reviewer_id: int, queue) -> None:
    from workbench.access.auth import Actor

    actor = Actor(reviewer_id, f"m{reviewer_id}", f"M{reviewer_id}", frozenset({"moderator"}))
    engine = make_engine(url, pool_size=1, max_overflow=0)
    now = datetime.now(UTC)
    mine = []
    while True:
        case_id = run_in_transaction(
            engine, lambda s: claims.claim_next(s, actor, "reports", now=now)
        )
        if case_id is None:
            break
        mine.append(case_id)
    engine.dispose()
    queue.put(mine)


def _race(engine, team, *, cases: int, workers: int) -> list[list[int]]:
    """``workers`` processes claim from one queue of ``cases`` until it is empty."""
    with session_scope(engine) as s:
        account = Account(platform_id="target", name="目标")
        s.add(account)
        s.flush()
        s.add_all(
            Case(queue="reports", target_account_id=account.id, category="other", priority=i % 7)
            for i in range(cases)
        )
    reviewers = [team.mod.id, team.mod2.id, team.sup.id, team.sup2.id]
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # no pooled connection crosses into the children
    # fork: the children start at once, without importing the workbench again.
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=_claim_until_empty, args=(url, reviewers[i % 4], queue))
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    claimed = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    every = [cid for ids in claimed for cid in ids]
    assert len(every) == cases and len(set(every)) == cases  # none twice, none left
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Case).where(Case.assignee_id.is_(None))).all() == []
    assert audit_ok(engine)
    return claimed


@pytest.mark.slow
@pytest.mark.postgres_only
def test_eight_processes_never_claim_a_case_twice(pg_engine):
    claimed = _race(pg_engine, make_team(pg_engine), cases=600, workers=8)
    assert sum(1 for ids in claimed if ids) >= 2  # the work really was shared


def test_sqlite_claims_never_double_either(sqlite_engine):
    _race(sqlite_engine, make_team(sqlite_engine), cases=150, workers=3)
