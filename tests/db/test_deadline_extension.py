"""A supervisor extends a case's deadline (2022/19, 2021/20: the platform sets and keeps
its handling time limits; a longer one is decided by a supervisor, with a reason, and
recorded): the operation on both transports' runner, and ``workbench deadline extend``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from tests.db.timelimits_support import case, person
from workbench.access import auth
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import SHANGHAI, AuditEvent, Case, Clock, utcnow
from workbench.timelimits import calendar, clocks, policies


@pytest.fixture
def world(engine, database_url, monkeypatch):
    """A supervisor and a moderator who can sign in, and a case whose dispose clock runs."""
    with session_scope(engine) as s:
        calendar.seed_from_chinese_calendar(s, None, years=[2025, 2026, 2027])
        policies.seed_default_policies(s, None)
        admin = person(s, "admin", "administrator")
        for login, role in (("boss", "supervisor"), ("worker", "moderator")):
            auth.create_reviewer(
                s, admin, login=login, display_name=login, roles=[role], password="pw-long-1"
            )
        start = utcnow() - timedelta(hours=1)
        c = case(s, opened=start)
        clocks.start_clock(s, stage="dispose", at=start, case=c)
        case_id = c.id
    monkeypatch.setenv("WORKBENCH_PASSWORD", "pw-long-1")
    return engine, database_url, case_id


def _due(engine, case_id) -> datetime:
    with session_scope(engine, write=False) as s:
        return s.exec(select(Clock.due_at).where(Clock.case_id == case_id)).one()


def _extensions(engine) -> list[AuditEvent]:
    with session_scope(engine, write=False) as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == "clock.extend")).all())


def _run(url, *args) -> int:
    return main(["deadline", "extend", *args, "--database", url])


def test_a_supervisor_extends_a_case_deadline_with_a_reason(world, capsys):
    """2022/19, 2021/20: the new due time is the old one plus the hours granted, audited."""
    engine, url, case_id = world
    before = _due(engine, case_id)
    assert _run(url, str(case_id), "--hours", "5", "--reason", "等待外部鉴定", "--as", "boss") == 0
    out = json.loads(capsys.readouterr().out)
    after = _due(engine, case_id)
    assert after - before == timedelta(hours=5)
    assert out == {"case": case_id, "due": after.astimezone(SHANGHAI).isoformat()}
    (event,) = _extensions(engine)
    assert event.reason == "等待外部鉴定" and event.case_id == case_id
    with session_scope(engine, write=False) as s:
        assert s.get(Case, case_id).due_at == after

    assert _run(url, str(case_id), "--days", "2", "--reason", "材料补充", "--as", "boss") == 0
    capsys.readouterr()
    assert _due(engine, case_id) > after and len(_extensions(engine)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "0"], "whole number"),
        (["--days", "1.5"], "whole number"),
        (["--days", "abc"], "not a number"),
        (["--hours", "-2"], "a number > 0"),
        (["--days", "61"], "at most 60 working days"),
        (["--days", "2", "--reason", "  "], "--reason must not be empty"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(world, capsys, args, message):
    """2022/19: an extension names a sensible amount and a reason, or nothing changes."""
    engine, url, case_id = world
    before = _due(engine, case_id)
    argv = [*args, "--reason", "需要鉴定"] if "--reason" not in args else args
    assert _run(url, str(case_id), *argv, "--as", "boss") == 2
    assert message in capsys.readouterr().err
    assert _due(engine, case_id) == before and _extensions(engine) == []


def test_a_moderator_is_refused_with_exit_1(world, capsys):
    """2022/19, 2021/20: only a supervisor extends a time limit."""
    engine, url, case_id = world
    before = _due(engine, case_id)
    assert _run(url, str(case_id), "--days", "2", "--reason", "想多些时间", "--as", "worker") == 1
    assert "supervisor" in capsys.readouterr().err.lower()
    assert _due(engine, case_id) == before and _extensions(engine) == []


def test_a_case_without_a_running_deadline_is_refused_and_an_unknown_one_is_bad_input(
    world, capsys
):
    """2022/19: there is nothing to extend once the step's clock has stopped."""
    engine, url, case_id = world
    with session_scope(engine) as s:
        clocks.stop_clock(s, stage="dispose", at=utcnow(), case=s.get(Case, case_id))
    assert _run(url, str(case_id), "--days", "1", "--reason", "鉴定", "--as", "boss") == 1
    assert "no running deadline" in capsys.readouterr().err
    assert _run(url, "999999", "--days", "1", "--reason", "鉴定", "--as", "boss") == 2
    assert "does not exist" in capsys.readouterr().err
    assert _extensions(engine) == []
