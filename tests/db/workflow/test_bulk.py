"""Bulk decisions: one transaction, all or nothing, each case audited."""

from __future__ import annotations

import pytest
from sqlmodel import select

from workbench.cases import transitions as t
from workbench.cases.bulk import bulk_accept, bulk_decline
from workbench.db import session_scope
from workbench.errors import InvalidTransition, StaleVersion
from workbench.models import AuditEvent

from .helpers import act, audit_ok, case_of, make_account, make_team, report


@pytest.fixture
def world(engine):
    team = make_team(engine)
    ids = [
        report(engine, make_account(engine, name=f"账号{i}"), reporter=f"r{i}").case.id
        for i in range(4)
    ]
    return engine, team, ids


def _count(engine, action):
    with session_scope(engine, write=False) as s:
        return len(s.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_bulk_decline_declines_every_case(world):
    engine, team, ids = world
    done = act(
        engine,
        bulk_decline,
        team.mod,
        [(cid, 1) for cid in ids],
        reason_code="duplicate",
    )
    assert [c.status for c in done] == ["declined"] * 4
    assert all(case_of(engine, cid).decline_reason == "duplicate" for cid in ids)
    assert _count(engine, "case.decline") == 4 and _count(engine, "case.bulk") == 1
    assert audit_ok(engine)


def test_one_case_in_the_wrong_state_leaves_all_unchanged(world):
    engine, team, ids = world
    act(engine, t.accept_case, team.mod, ids[2], expected_version=1)
    events = _count(engine, "case.decline")
    with pytest.raises(InvalidTransition, match=f"case {ids[2]}"):
        act(
            engine,
            bulk_decline,
            team.mod,
            [(ids[0], 1), (ids[1], 1), (ids[2], 2), (ids[3], 1)],
            reason_code="out_of_scope",
        )
    assert [case_of(engine, cid).status for cid in ids] == [
        "received",
        "received",
        "accepted",
        "received",
    ]
    assert [case_of(engine, cid).version for cid in ids] == [1, 1, 2, 1]
    assert _count(engine, "case.decline") == events
    assert audit_ok(engine)


def test_a_stale_case_in_a_bulk_refuses_the_whole_bulk(world):
    engine, team, ids = world
    with pytest.raises(StaleVersion):
        act(engine, bulk_accept, team.mod, [(ids[0], 1), (ids[1], 7)])
    assert case_of(engine, ids[0]).status == "received"
    done = act(engine, bulk_accept, team.mod, [(ids[0], 1), (ids[1], 1)])
    assert [c.status for c in done] == ["accepted", "accepted"]


def test_a_refused_bulk_leaves_the_rest_of_the_transaction_usable(world):
    engine, team, ids = world
    act(engine, t.accept_case, team.mod, ids[3], expected_version=1)
    with session_scope(engine) as s:
        with pytest.raises(InvalidTransition):
            bulk_decline(
                s, team.mod, [(cid, 1) for cid in ids[:3]] + [(ids[3], 2)], reason_code="duplicate"
            )
        t.accept_case(s, team.mod, ids[0], expected_version=1)
    assert [case_of(engine, cid).status for cid in ids] == [
        "accepted",
        "received",
        "received",
        "accepted",
    ]
    assert _count(engine, "case.decline") == 0
    assert audit_ok(engine)
