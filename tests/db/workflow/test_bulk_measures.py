"""Bulk measures and bulk replies (issue 15 item 11): all or nothing, each case decided
by the same service as alone and audited, a severe measure sent to a supervisor's
approval on every case (2022/17), a reply refused while one waits (2021/20), and a
preview that runs it all and changes nothing."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from workbench.cases import screening, transitions
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied
from workbench.measures.bulk import bulk_measures
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import approve_measure
from workbench.models import AuditEvent, Measure, Reply
from workbench.replies.bulk import bulk_reply

from .helpers import act, audit_ok, case_of, make_account, make_team, report

WARN = MeasureSpec("warn", "2022/8(2)", "名称冒充新闻媒体")
CLOSE = MeasureSpec("close", "2022/8(2)", "多次冒充，情节严重")


def _screened(engine, team, n=3) -> list[tuple[int, int]]:
    items = []
    for i in range(n):
        case_id = report(engine, make_account(engine, name=f"冒充{i}"), reporter=f"r{i}").case.id
        act(engine, transitions.accept_case, team.mod, case_id, expected_version=1)
        act(engine, screening.record_findings, team.mod, case_id, expected_version=2,
            findings=[("impersonate_news_media", "2022/8(2)", "")])  # fmt: skip
        items.append((case_id, case_of(engine, case_id).version))
    return items


def _events(engine, action=None) -> int:
    with session_scope(engine, write=False) as s:
        stmt = select(func.count()).select_from(AuditEvent)
        if action:
            stmt = stmt.where(AuditEvent.action == action)
        return s.exec(stmt).one()


@pytest.fixture
def world(engine):
    team = make_team(engine)
    return engine, team, _screened(engine, team)


def test_a_bulk_measure_disposes_every_case_each_audited(world):
    engine, team, items = world
    steps = act(engine, bulk_measures, team.mod, items, measures=[WARN])
    assert [(s.case_id, s.status_before, s.status_after, s.in_effect) for s in steps] == [
        (cid, "screening", "disposed", ("warn",)) for cid, _v in items
    ]
    assert _events(engine, "case.dispose") == 3 and _events(engine, "case.bulk") == 1
    assert audit_ok(engine)


def test_a_severe_bulk_measure_waits_for_approval_on_every_case(world):
    """2022/17: 关闭账号 goes to a supervisor for each case, even when a supervisor
    decides the bulk, and the decider cannot approve their own."""
    engine, team, items = world
    steps = act(engine, bulk_measures, team.sup, items, measures=[WARN, CLOSE])
    assert all(s.in_effect == ("warn",) and s.awaiting_approval == ("close",) for s in steps)
    with session_scope(engine, write=False) as s:
        pending = s.exec(select(Measure).where(Measure.status == "pending_approval")).all()
    assert sorted(m.case_id for m in pending) == sorted(cid for cid, _v in items)
    with pytest.raises(PermissionDenied, match="another supervisor"):
        act(engine, approve_measure, team.sup, pending[0].id, approve=True, reason="同意")
    act(engine, approve_measure, team.sup2, pending[0].id, approve=True, reason="同意")


def test_one_case_that_refuses_leaves_every_case_unchanged_and_is_named(world):
    engine, team, items = world
    unscreened = report(engine, make_account(engine, name="未甄别"), reporter="rx").case.id
    before = _events(engine)
    chosen = [*items[:2], (unscreened, 1), items[2]]
    for preview in (True, False):
        with pytest.raises(InvalidTransition, match=f"case {unscreened} refused"):
            act(engine, bulk_measures, team.mod, chosen, measures=[WARN], dry_run=preview)
    assert {case_of(engine, cid).status for cid, _v in items} == {"screening"}
    assert _events(engine) == before


def test_the_preview_says_what_the_run_does_and_changes_nothing(world):
    engine, team, items = world
    before = _events(engine)
    preview = act(engine, bulk_measures, team.mod, items, measures=[WARN, CLOSE], dry_run=True)
    assert _events(engine) == before
    assert [case_of(engine, cid).version for cid, _v in items] == [v for _c, v in items]
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count()).select_from(Measure)).one() == 0
    done = act(engine, bulk_measures, team.mod, items, measures=[WARN, CLOSE])
    assert preview == done
    assert audit_ok(engine)


def test_a_bulk_reply_waits_while_a_severe_measure_awaits_approval(world):
    """2021/20, 2022/17: the reply states only measures in effect; one case waiting for
    approval refuses the whole bulk reply, named, until a supervisor approves."""
    engine, team, items = world
    act(engine, bulk_measures, team.mod, items[:2], measures=[WARN])
    (waiting,) = act(engine, bulk_measures, team.mod, items[2:], measures=[CLOSE])
    chosen = [(cid, case_of(engine, cid).version) for cid, _v in items]
    with pytest.raises(InvalidTransition, match=f"case {waiting.case_id} refused"):
        act(engine, bulk_reply, team.mod, chosen)
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count()).select_from(Reply)).one() == 0
        measure = s.exec(select(Measure).where(Measure.case_id == waiting.case_id)).one()
    act(engine, approve_measure, team.sup, measure.id, approve=True, reason="同意")
    steps = act(engine, bulk_reply, team.mod, chosen)
    assert [(s.status_after, s.replies) for s in steps] == [("replied", 1)] * 3
    assert _events(engine, "case.bulk") == 3
    assert audit_ok(engine)
