"""Revealing personal data: the permission, a reason, and an audit event without the value."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from tests.db.importing.support import run
from tests.db.workflow.helpers import audit_ok, make_account, make_team, report
from workbench.access import auth, reveal
from workbench.db import session_scope
from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.models import AuditEvent, Reporter, Subject

PHONE = "13812345678"
ID_NUMBER = "11010119900307123X"


@pytest.fixture
def world(engine):
    team = make_team(engine)
    with session_scope(engine) as s:
        subject = Subject(kind="individual", verified_name="王五", id_number=ID_NUMBER)
        s.add(subject)
        s.flush()
        subject_id = subject.id
    account = make_account(engine, phone=PHONE, contact="wx: wangwu_88", subject_id=subject_id)
    report(engine, account, reporter="r1", reporter_contact="zhangsan@example.com")
    with session_scope(engine, write=False) as s:
        reporter_id = s.exec(select(Reporter.id)).first()
    return engine, team, account, subject_id, reporter_id


def _events(engine, action):
    with session_scope(engine, write=False) as s:
        return s.exec(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_a_supervisor_sees_the_full_value_and_the_log_keeps_only_the_masked_one(world):
    engine, team, account, subject_id, reporter_id = world
    with session_scope(engine) as s:
        phone = reveal.reveal(
            s, team.sup, entity="account", entity_id=account, field="phone", reason="核实号码"
        )
        id_number = reveal.reveal(
            s, team.admin, entity="subject", entity_id=subject_id, field="id_number", reason="x"
        )
        contact = reveal.reveal(
            s, team.sup, entity="reporter", entity_id=reporter_id, field="contact", reason="回访"
        )
    assert (phone, id_number, contact) == (PHONE, ID_NUMBER, "zhangsan@example.com")
    events = _events(engine, "personal_data.reveal")
    assert [(e.actor_id, e.entity, e.reason) for e in events] == [
        (team.sup.id, "account", "核实号码"),
        (team.admin.id, "subject", "x"),
        (team.sup.id, "reporter", "回访"),
    ]
    logged = json.dumps([e.after for e in events], ensure_ascii=False)
    for secret in (PHONE, ID_NUMBER, "zhangsan@example.com", "zhangsan"):
        assert secret not in logged
    assert "138****5678" in logged and "110***********123X" in logged
    assert events[0].account_id == account
    assert audit_ok(engine)


@pytest.mark.parametrize("who", ["mod", "appeals"])
def test_moderators_and_appeal_reviewers_may_not_reveal(world, who):
    engine, team, account, *_ = world
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        reveal.reveal(
            s, getattr(team, who), entity="account", entity_id=account, field="phone", reason="x"
        )
    assert not _events(engine, "personal_data.reveal")


@pytest.mark.parametrize(
    ("entity", "field", "reason", "error"),
    [
        ("account", "phone", "  ", ValidationError),
        ("account", "name", "x", ValidationError),
        ("account", "password_hash", "x", ValidationError),
        ("reviewer", "password_hash", "x", ValidationError),
        ("account", "phone", "x", NotFound),
    ],
)
def test_a_reveal_needs_a_reason_a_personal_field_and_a_record(world, entity, field, reason, error):
    engine, team, account, *_ = world
    entity_id = account + 1000 if error is NotFound else account
    with session_scope(engine) as s, pytest.raises(error):
        reveal.reveal(s, team.sup, entity=entity, entity_id=entity_id, field=field, reason=reason)
    assert not _events(engine, "personal_data.reveal")


def test_can_reveal_names_supervisors_and_administrators(world):
    _, team, *_ = world
    assert [reveal.can_reveal(a) for a in (team.mod, team.appeals, team.sup, team.admin)] == [
        False,
        False,
        True,
        True,
    ]
    assert not reveal.can_reveal(None)


def test_the_reveal_command_needs_a_permitted_sign_in_and_a_reason(world, capsys, monkeypatch):
    engine, team, account, *_ = world
    with session_scope(engine) as s:
        for login, role in (("boss", "supervisor"), ("worker", "moderator")):
            auth.create_reviewer(
                s, team.admin, login=login, display_name=login, roles=[role], password="pw-long-1"
            )
    monkeypatch.setenv("WORKBENCH_PASSWORD", "pw-long-1")
    argv = ["reveal", "account", str(account), "phone", "--reason", "核实"]
    assert run(engine, *argv, "--as", "boss") == 0
    assert capsys.readouterr().out.strip() == PHONE
    assert run(engine, *argv, "--as", "worker") == 1
    assert "supervisor" in capsys.readouterr().err.lower()
    assert run(engine, "reveal", "account", "99999", "phone", "--reason", "x", "--as", "boss") == 2
    assert len(_events(engine, "personal_data.reveal")) == 1
