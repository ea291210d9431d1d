"""Internal notes on a case and an account, and case tags from a managed list with
the queue filter by tag (issue 15 item 11).  Notes and tag changes are audited
(2022/17, 2021/19: keep records); notes are masked like other free text (2021/19
protect personal information) and never leave the team."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlmodel import select

from workbench.access import auth
from workbench.cases import notes, tags
from workbench.cli import main
from workbench.db import session_scope
from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.models import AuditEvent, InternalNote
from workbench.models.note import NOTE_MAX_CHARS
from workbench.models.views import QueueFilter
from workbench.queues import read

from .helpers import act, audit_ok, later, make_account, make_team, report

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def world(engine):
    team = make_team(engine)
    account_id = make_account(engine)
    case_id = report(engine, account_id).case.id
    return engine, team, account_id, case_id


def _events(engine, action):
    with session_scope(engine, write=False) as s:
        return s.exec(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        ).all()


def test_notes_on_a_case_and_an_account_keep_author_and_time_and_are_audited_masked(world):
    """2022/17, 2021/19: a note is a record with its author and time; the phone number
    in it is masked on every read and in the audit event, the text is kept."""
    engine, team, account_id, case_id = world
    body = "持有人来电 13812345678，要求书面决定"
    act(engine, notes.add_note, team.mod, body=body, case_id=case_id, now=later(hours=1))
    act(engine, notes.add_note, team.sup, body="  同一运营者  ", account_id=account_id)
    on_case = act(engine, notes.list_notes, team.appeals, case_id=case_id)
    on_account = act(engine, notes.list_notes, team.admin, account_id=account_id)
    assert [(n.author, n.created_at) for n in on_case] == [("Mod", later(hours=1))]
    assert "13812345678" not in on_case[0].body and on_case[0].body.startswith("持有人来电 138")
    assert [n.body for n in on_account] == ["同一运营者"]
    (event, _) = _events(engine, "note.add")
    assert event.case_id == case_id and event.account_id == account_id
    assert "13812345678" not in str(event.after) and event.after["chars"] == len(body)
    with session_scope(engine, write=False) as s:
        kept = s.exec(select(InternalNote).where(InternalNote.case_id == case_id)).one()
    assert kept.body == body
    assert audit_ok(engine)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"body": "x" * (NOTE_MAX_CHARS + 1), "case_id": 0}, ValidationError, "at most 2000"),
        ({"body": "   ", "case_id": 0}, ValidationError, "empty"),
        ({"body": "x"}, ValidationError, "exactly one"),
        ({"body": "x", "case_id": 999_999}, NotFound, "case 999999"),
        ({"body": "x", "account_id": 999_999}, NotFound, "account 999999"),
    ],
)
def test_a_bad_note_is_refused_in_words_and_nothing_is_written(world, kwargs, error, words):
    engine, team, _account_id, case_id = world
    if kwargs.get("case_id") == 0:
        kwargs = kwargs | {"case_id": case_id}
    with pytest.raises(error) as refused:
        act(engine, notes.add_note, team.mod, **kwargs)
    assert words in refused.value.en
    with session_scope(engine, write=False) as s:
        assert s.exec(select(InternalNote)).all() == []
    assert _events(engine, "note.add") == []


def test_the_tag_list_is_kept_by_supervisors_and_names_are_normalised(world):
    engine, team, _account_id, _case_id = world
    with pytest.raises(PermissionDenied):
        act(engine, tags.define_tag, team.mod, "fraud")
    act(engine, tags.define_tag, team.sup, " Ｆｒａｕｄ  Ring ")
    with pytest.raises(ValidationError, match="already on the list"):
        act(engine, tags.define_tag, team.admin, "fraud ring")
    with pytest.raises(ValidationError, match="at most 24"):
        act(engine, tags.define_tag, team.admin, "长" * 25)
    assert [t.name for t in act(engine, tags.list_tags, team.mod)] == ["fraud ring"]
    act(engine, tags.retire_tag, team.admin, "FRAUD RING")
    assert act(engine, tags.list_tags, team.mod) == []
    assert [e.action for e in _events(engine, "tag.define") + _events(engine, "tag.retire")] == [
        "tag.define",
        "tag.retire",
    ]


def test_tagging_is_audited_and_the_queue_filters_and_shows_tags(world):
    """2022/17: who tagged a case and who took the tag off is on the record."""
    engine, team, account_id, case_id = world
    other = report(engine, make_account(engine, name="其他号"), reporter="r2").case.id
    act(engine, tags.define_tag, team.sup, "批量注册")
    act(engine, tags.define_tag, team.sup, "回访")
    with pytest.raises(NotFound, match="there is no tag"):
        act(engine, tags.tag_case, team.mod, case_id, "未定义")
    with pytest.raises(PermissionDenied):
        act(engine, tags.tag_case, team.appeals, case_id, "回访")
    assert act(engine, tags.tag_case, team.mod, case_id, "批量注册") is True
    assert act(engine, tags.tag_case, team.mod, case_id, "批量注册") is False
    act(engine, tags.tag_case, team.mod, case_id, "回访")
    act(engine, tags.tag_case, team.mod, other, "回访")
    with session_scope(engine, write=False) as s:
        page = read.fetch_page(s, "reports", QueueFilter(tag="批量注册"))
        both = read.fetch_page(s, "reports", QueueFilter(tag="回访"))
        assert read.count_rows(s, "reports", QueueFilter(tag="回访")) == 2
    assert [(r.case_id, r.tags) for r in page.rows] == [(case_id, ("回访", "批量注册"))]
    assert {r.case_id for r in both.rows} == {case_id, other}
    assert act(engine, tags.untag_case, team.sup, case_id, "批量注册") is True
    with session_scope(engine, write=False) as s:
        assert read.fetch_page(s, "reports", QueueFilter(tag="批量注册")).rows == ()
    act(engine, tags.retire_tag, team.sup, "回访")
    assert act(engine, tags.case_tags, team.appeals, case_id) == ["回访"]  # kept when retired
    with pytest.raises(ValidationError, match="retired"):
        act(engine, tags.tag_case, team.mod, case_id, "回访")
    (untag,) = _events(engine, "case.untag")
    assert untag.case_id == case_id and untag.account_id == account_id
    assert len(_events(engine, "case.tag")) == 3
    assert audit_ok(engine)


def test_nothing_outside_the_notes_modules_reads_notes():
    """Notes are for reviewers only: replies, notices, platform exports and the
    regulator's report never read the table (2021/19 personal information); only the
    audited reveal and the retention purge touch it besides the notes service."""
    allowed = {
        "workbench/models/note.py",
        "workbench/models/__init__.py",
        "workbench/cases/notes.py",
        "workbench/access/reveal.py",  # a supervisor's audited reveal of a note in full
        "workbench/archive/retention.py",  # a purge removes a case's notes with it
    }
    readers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "workbench").rglob("*.py")
        if "migrations" not in path.parts
        and (
            "InternalNote" in path.read_text(encoding="utf-8")
            or "internal_note" in path.read_text(encoding="utf-8")
        )
    }
    assert readers == allowed


def test_the_note_and_tag_commands(world, database_url, monkeypatch, capsys):
    """``workbench note`` and ``workbench tag`` through the operations; bad input exits 2
    naming the flag, a refusal exits 1 and names who was refused."""
    engine, team, account_id, case_id = world
    with session_scope(engine) as s:
        for login, role in (("lead", "supervisor"), ("rev", "moderator")):
            auth.create_reviewer(
                s, team.admin, login=login, display_name=login, roles=[role], password="pw-long-1"
            )
    monkeypatch.setenv("WORKBENCH_PASSWORD", "pw-long-1")
    db = ["--database", database_url]
    assert main(["tag", "define", "回访", "--as", "lead", *db]) == 0
    assert main(["tag", "define", "诈骗", "--as", "rev", *db]) == 1
    assert "rev may not" in capsys.readouterr().err
    assert main(["tag", "add", "--case", str(case_id), "回访", "--as", "rev", *db]) == 0
    assert json.loads(capsys.readouterr().out) == ["回访"]
    assert main(["tag", "list", "--as", "rev", *db]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == ["回访"]
    assert main(["note", "add", "--case", str(case_id), "--text", " ", "--as", "rev", *db]) == 2
    assert "--text" in capsys.readouterr().err
    args = ["note", "add", "--case", str(case_id), "--text", "已电话回访", "--as", "rev", *db]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["note", "list", "--case", str(case_id), "--as", "lead", *db]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert (shown["author"], shown["body"]) == ("rev", "已电话回访")
    assert main(["tag", "remove", "--case", str(case_id), "回访", "--as", "rev", *db]) == 0
    assert json.loads(capsys.readouterr().out) == []
    monkeypatch.setattr("sys.stdin", io.StringIO("多行备注\n第二行 rev@example.com\n"))
    assert (
        main(["note", "add", "--account", str(account_id), "--text", "-", "--as", "rev", *db]) == 0
    )
    capsys.readouterr()
    assert main(["note", "list", "--account", str(account_id), "--as", "rev", *db]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert shown["body"].startswith("多行备注\n第二行 ") and "rev@example.com" not in shown["body"]


def test_a_purge_takes_a_closed_cases_notes_and_tags_with_it_masked_in_the_export(engine, tmp_path):
    """2017/16: after the retention period a closed case goes with its notes and tags;
    the export masks the phone number a note quotes, and a supervisor's reveal of a
    note is audited (2021/19)."""
    from tests.db.importing.support import run
    from tests.db.maintenance.test_purge import _close
    from workbench.access import reveal
    from workbench.cases import transitions as t

    team = make_team(engine)
    account_id = make_account(engine)
    case_id = report(engine, account_id).case.id
    act(engine, t.decline_case, team.mod, case_id, expected_version=1,
        reason_code="duplicate", now=later(hours=1))  # fmt: skip
    note = act(engine, notes.add_note, team.mod, body="来电 13812345678", case_id=case_id,
               now=later(hours=2))  # fmt: skip
    note_id = note.id
    full = act(engine, reveal.reveal, team.sup, entity="internal_note", entity_id=note_id,
               field="body", reason="核实来电")  # fmt: skip
    assert full == "来电 13812345678"
    act(engine, tags.define_tag, team.sup, "重复", now=later(hours=2))
    act(engine, tags.tag_case, team.mod, case_id, "重复", now=later(hours=2))
    _close(engine, team.mod, case_id, later(days=1))
    export = tmp_path / "purged.jsonl"
    assert run(engine, "purge", "--before", "2026-05-01", "--export", str(export)) == 0
    rows = [json.loads(x) for x in export.read_text(encoding="utf-8").splitlines()]
    (kept,) = [r["row"] for r in rows if r["table"] == "internal_note"]
    assert kept["body"] == "来电 138****5678"
    assert [r["row"]["case_id"] for r in rows if r["table"] == "case_tag"] == [case_id]
    with session_scope(engine, write=False) as s:
        assert s.exec(select(InternalNote)).all() == []
        assert act(engine, tags.list_tags, team.mod)[0].name == "重复"  # the list stays
