"""Exports mask personal data unless a supervisor or administrator signs in and says why."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from tests.db.importing.support import run
from tests.db.workflow.helpers import act, later, make_account, make_team, report
from workbench.access import auth
from workbench.archive.retention import export_plan, plan_purge
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.measures.measures import MeasureSpec, dispose_case
from workbench.models import AuditEvent, Case, Reviewer
from workbench.replies import replies

PHONE = "13812345678"
CONTACT = "lisi@example.com"
PASSWORD = "a-long-password"
PERIOD = ["--from", "2026-03-01", "--to", "2026-03-31"]


@pytest.fixture
def world(engine, monkeypatch):
    """A case disposed with a reason naming a phone, its reporter answered and the case closed;
    a supervisor ``boss`` and a moderator ``worker`` who can sign in."""
    team = make_team(engine)
    with session_scope(engine) as s:
        for login, role in (("boss", "supervisor"), ("worker", "moderator")):
            auth.create_reviewer(
                s, team.admin, login=login, display_name=login, roles=[role], password=PASSWORD
            )
    monkeypatch.setenv("WORKBENCH_PASSWORD", PASSWORD)
    account = make_account(engine, bio=f"合作请致电 {PHONE}")
    cid = report(engine, account, reporter_contact=CONTACT).case.id
    act(engine, t.accept_case, team.mod, cid, expected_version=1, now=later(hours=1))
    act(engine, screening.record_findings, team.mod, cid, expected_version=2,
        findings=[("embedded_contact", "2022/8(6)", "")], now=later(hours=2))  # fmt: skip
    act(engine, dispose_case, team.mod, cid, expected_version=3,
        measures=[MeasureSpec("warn", "", f"简介含电话 {PHONE}")], now=later(hours=3))  # fmt: skip
    act(engine, replies.reply_to_reporters, team.mod, cid, expected_version=4, now=later(hours=4))
    act(engine, t.close_case, team.mod, cid, expected_version=5, now=later(hours=5))
    return engine, cid


def make_team_member(engine):
    with session_scope(engine, write=False) as s:
        return auth.actor_of(s, s.exec(select(Reviewer).where(Reviewer.login == "mod")).one())


def _exports(engine) -> list[AuditEvent]:
    with session_scope(engine, write=False) as s:
        return s.exec(select(AuditEvent).where(AuditEvent.action == "personal_data.export")).all()


def test_the_regulator_report_is_masked_unless_a_supervisor_asks(world, tmp_path, capsys):
    engine, _ = world
    out = tmp_path / "report.csv"
    assert run(engine, "report", *PERIOD, "--out", str(out)) == 0
    assert PHONE not in out.read_text(encoding="utf-8-sig") and "138****5678" in out.read_text(
        encoding="utf-8-sig"
    )
    assert not _exports(engine)
    full = tmp_path / "full.csv"
    argv = ["report", *PERIOD, "--out", str(full), "--unmasked", "--as", "boss"]
    assert run(engine, *argv, "--reason", "监管部门要求完整数据") == 0
    assert PHONE in full.read_text(encoding="utf-8-sig")
    [event] = _exports(engine)
    assert event.reason == "监管部门要求完整数据" and "regulator report" in event.after["what"]
    assert PHONE not in json.dumps(event.after, ensure_ascii=False)


@pytest.mark.parametrize(
    ("extra", "code", "words"),
    [
        (["--as", "worker", "--reason", "x"], 1, "may not export"),
        (["--reason", "x"], 2, "--as"),
        (["--as", "boss"], 2, "--reason"),
    ],
)
def test_an_unmasked_report_needs_the_permission_a_sign_in_and_a_reason(
    world, tmp_path, capsys, extra, code, words
):
    engine, _ = world
    out = tmp_path / "r.csv"
    assert run(engine, "report", *PERIOD, "--out", str(out), "--unmasked", *extra) == code
    assert words in capsys.readouterr().err
    assert not out.exists() and not _exports(engine)


def test_the_purge_export_masks_contacts_unless_unmasked(world, tmp_path):
    engine, _ = world
    mod = make_team_member(engine)
    account = make_account(engine, name="另一个", platform_id="p-declined")
    cid = report(engine, account, reporter="r-declined", reporter_contact=CONTACT).case.id
    act(engine, t.decline_case, mod, cid, expected_version=1, reason_code="duplicate",
        now=later(hours=1))  # fmt: skip
    act(engine, replies.reply_to_reporters, mod, cid, expected_version=2, now=later(hours=2))
    act(engine, t.close_case, mod, cid, expected_version=3, now=later(hours=3))
    with session_scope(engine) as s:
        plan = plan_purge(s, later(days=30))
        assert plan.ids.get("reply"), "the closed case's reply is purged with it"
        masked = tmp_path / "masked.jsonl"
        export_plan(s, plan, masked)
        full = tmp_path / "full.jsonl"
        export_plan(s, plan, full, unmasked=True)
        s.rollback()
    assert CONTACT not in masked.read_text(encoding="utf-8")
    assert "l***@example.com" in masked.read_text(encoding="utf-8")
    assert CONTACT in full.read_text(encoding="utf-8")


def test_the_purge_command_takes_an_unmasked_export_only_from_an_administrator(
    world, tmp_path, capsys
):
    engine, _ = world
    argv = ["purge", "--before", "2026-04-01", "--export", str(tmp_path / "p.jsonl")]
    assert run(engine, *argv, "--unmasked", "--as", "boss", "--reason", "归档") == 1
    assert "administrator" in capsys.readouterr().err.lower()
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Case)).first() is not None  # nothing was purged
