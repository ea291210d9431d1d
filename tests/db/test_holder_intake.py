"""What account holders send in and are told, from the command line: ``workbench import
appeals`` (2021/20), ``workbench import change-requests`` (2022/10) and ``workbench notify``
(2021/20, 2022/15, 2022/10), each through the operations, all or nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.db.importing.support import run, write
from tests.ui import factories as f
from tests.ui.journeys import measured_case, people
from workbench.db import session_scope
from workbench.measures.corrections import open_correction_order
from workbench.models import (
    Account,
    Appeal,
    AuditEvent,
    ChangeRequest,
    Clock,
    CorrectionOrder,
    Measure,
    Reply,
    utcnow,
)


@pytest.fixture
def measures(engine):
    """Two measures in effect on two accounts (by a moderator who can sign in)."""
    actors = people(engine)
    out = {"actors": actors}
    for key, n in (("one", 501), ("two", 502)):
        case_id, measure_id = measured_case(engine, actors["mod"], f"某市某局{n}", n=n)
        with session_scope(engine, write=False) as s:
            platform_id = s.get(Account, s.get(Measure, measure_id).account_id).platform_id
        out[key] = (case_id, measure_id, platform_id)
    return out


def _iso(at) -> str:
    return at.isoformat()


def _appeals(engine) -> list[Appeal]:
    with session_scope(engine, write=False) as s:
        return list(s.exec(select(Appeal).order_by(Appeal.id)).all())


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_appeals_import_once_each_with_its_clock_from_receipt(engine, measures, tmp_path, ext,
                                                              capsys):  # fmt: skip
    """2021/20: an appeal received by letter or phone is filed against its measure, the
    decision clock starting when it was received; importing again files nothing."""
    received = utcnow()
    rows = [
        {"external_id": "ap-1", "measure_id": measures["one"][1], "account_id": measures["one"][2],
         "appellant_name": "运营者甲", "text": "名称为本单位简称", "channel": "phone",
         "received_at": _iso(received)},
        {"external_id": "ap-2", "measure_id": measures["two"][1], "appellant_name": "运营者乙",
         "appellant_contact": "holder@example.com", "text": "请求撤销",
         "received_at": _iso(received)},
    ]  # fmt: skip
    path = write(tmp_path / f"appeals.{ext}", rows)
    capsys.readouterr()
    assert run(engine, "import", "appeals", str(path)) == 0
    assert "2 filed, 0 received before" in capsys.readouterr().out
    filed = _appeals(engine)
    assert [a.external_id for a in filed] == ["ap-1", "ap-2"]
    with session_scope(engine, write=False) as s:
        clock = s.exec(select(Clock).where(Clock.appeal_id == filed[0].id)).one()
        assert abs(clock.started_at - received) < timedelta(seconds=1)
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "appeal.file",
                                                AuditEvent.entity_id == filed[0].id)).one()
        assert event.after["channel"] == "phone"
    assert run(engine, "import", "appeals", str(path)) == 0
    assert "0 filed, 2 received before" in capsys.readouterr().out
    assert len(_appeals(engine)) == 2


def test_a_refused_appeal_row_is_named_and_nothing_is_imported(engine, measures, tmp_path,
                                                               capsys):  # fmt: skip
    """2021/20: one open appeal per measure and the window are checked per row; the file is
    all or nothing and each refusal names its line and field."""
    now = utcnow()
    rows = [
        {"external_id": "ok-1", "measure_id": measures["one"][1], "appellant_name": "甲",
         "text": "申诉", "received_at": _iso(now)},
        {"external_id": "dup-2", "measure_id": measures["one"][1], "appellant_name": "甲",
         "text": "再次申诉", "received_at": _iso(now)},
        {"external_id": "early-3", "measure_id": measures["two"][1], "appellant_name": "乙",
         "text": "申诉", "received_at": _iso(now - timedelta(days=3))},
        {"external_id": "bad-4", "measure_id": measures["two"][1], "account_id": measures["one"][2],
         "appellant_name": "乙", "text": "申诉", "channel": "pigeon", "received_at": _iso(now)},
    ]  # fmt: skip
    path = write(tmp_path / "appeals.csv", rows)
    capsys.readouterr()
    assert run(engine, "import", "appeals", str(path)) == 2
    err = capsys.readouterr().err
    assert "第 3 行 / line 3: measure_id:" in err and "已有一项未结的申诉" in err
    assert "第 4 行 / line 4: received_at:" in err
    assert "line 5" in err and "channel:" in err and "account_id:" in err
    assert "line 2" not in err and "nothing imported" in err
    assert _appeals(engine) == []


def _ordered_account(engine) -> tuple[str, int]:
    """An account under a correction order: (platform id, order id)."""
    with session_scope(engine) as s:
        account = f.account(s, name="某市税务局", bio="")
        order = open_correction_order(s, None, account_id=account.id, required="名称冒充机关",
                                      deadline=utcnow() + timedelta(days=3))  # fmt: skip
        return account.platform_id, order.id


def test_change_requests_are_screened_on_arrival(engine, measures, tmp_path, capsys):
    """2022/10: a change with no rule hit is applied and meets the correction order it
    answers (2022/15); one naming a news outlet is held with its article (2022/8(4))."""
    platform_id, order_id = _ordered_account(engine)
    rows = [
        {"external_id": "cr-1", "account_id": platform_id, "field": "name",
         "value": "小王的茶叶店", "reason": "按要求改名"},
        {"external_id": "cr-2", "account_id": measures["two"][2], "field": "name",
         "value": "人民日报"},
    ]  # fmt: skip
    path = write(tmp_path / "changes.jsonl", rows)
    capsys.readouterr()
    assert run(engine, "import", "change-requests", str(path)) == 0
    assert "2 filed (1 passed screening, 1 held for a moderator)" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        requests = {r.external_id: r for r in s.exec(select(ChangeRequest))}
        assert requests["cr-1"].status == "passed"
        assert s.get(CorrectionOrder, order_id).status == "met"
        renamed = s.exec(select(Account).where(Account.platform_id == platform_id)).one()
        assert renamed.name == "小王的茶叶店"
        held = requests["cr-2"]
        assert held.status == "pending"
        assert "2022/8(4)" in {h["basis"] for h in held.screening_outcome["hits"]}
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "change_request.submit",
                                                AuditEvent.entity_id == requests["cr-1"].id)).one()
        assert event.reason == "按要求改名"


def test_bad_change_request_rows_keep_the_whole_file_out(engine, measures, tmp_path, capsys):
    """2022/10: an unknown account or a field that is not account information is named by
    line and field, and nothing of the file is kept."""
    rows = [
        {"external_id": "g-1", "account_id": measures["one"][2], "field": "bio", "value": "简介"},
        {"external_id": "b-2", "account_id": "nobody", "field": "name", "value": "某某"},
        {"external_id": "b-3", "account_id": measures["two"][2], "field": "phone", "value": "1"},
    ]  # fmt: skip
    path = write(tmp_path / "changes.csv", rows)
    capsys.readouterr()
    assert run(engine, "import", "change-requests", str(path)) == 2
    err = capsys.readouterr().err
    assert "line 3: account_id:" in err and "line 4: field:" in err and "line 2" not in err
    with session_scope(engine, write=False) as s:
        assert s.exec(select(ChangeRequest)).all() == []


def _notify(engine, *args) -> int:
    return run(engine, "notify", *args, "--as", "mod")


def test_notify_previews_and_queues_a_measure_notice(engine, measures, capsys, monkeypatch):
    """2021/20: the holder is told of the measure, its basis and the right to appeal;
    --preview sends nothing, then the notice is queued in the outbox."""
    monkeypatch.setenv("WORKBENCH_PASSWORD", f.PASSWORD)
    measure_id = measures["one"][1]
    capsys.readouterr()
    assert _notify(engine, "measure", str(measure_id), "--preview") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["reply"] is None and "2022/8(2)" in shown["body"] and "申诉" in shown["body"]
    assert "举报人" not in shown["body"]  # the reporter (举报人501) is never named
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Reply).where(Reply.recipient_kind == "account_holder")).all() == []
    assert _notify(engine, "measure", str(measure_id)) == 0
    sent = json.loads(capsys.readouterr().out)
    with session_scope(engine, write=False) as s:
        reply = s.get(Reply, sent["reply"])
        assert (reply.measure_id, reply.template, reply.status) == (
            measure_id, "measure_notice", "queued")


def test_notify_tells_a_refused_change_with_its_reason_and_article(engine, measures, capsys,
                                                                   monkeypatch):  # fmt: skip
    """2022/10: 不予变更 reaches the holder with the moderator's reason and the article;
    an undecided request has nothing to tell (exit 1)."""
    from workbench.operations import change_requests
    from workbench.operations.local import LocalClient

    monkeypatch.setenv("WORKBENCH_PASSWORD", f.PASSWORD)
    client = LocalClient(engine, actor=measures["actors"]["mod"])
    held = client.call(change_requests.submit_change_request, platform_id=measures["two"][2],
                       field="name", value="人民日报", reason="")  # fmt: skip
    assert held.status == "pending" and "2022/8(4)" in {h.basis for h in held.hits}
    capsys.readouterr()
    assert _notify(engine, "change-request", str(held.id)) == 1
    assert "尚未审核" in capsys.readouterr().err
    client.call(change_requests.decide_change_request, change_request_id=held.id, approve=False,
                reason="仍含新闻媒体名称", basis="2022/8(4)")  # fmt: skip
    assert _notify(engine, "change-request", str(held.id), "--language", "en") == 0
    sent = json.loads(capsys.readouterr().out)
    assert sent["template"] == "change_request_rejected"
    assert "仍含新闻媒体名称" in sent["body"] and "2022/8(4)" in sent["body"]


def test_notify_tells_a_correction_order_with_its_deadline(engine, measures, capsys,
                                                           monkeypatch):  # fmt: skip
    """2022/15: the holder is told what to correct and by when (Beijing time)."""
    from workbench.models import SHANGHAI

    monkeypatch.setenv("WORKBENCH_PASSWORD", f.PASSWORD)
    with session_scope(engine) as s:
        account = s.exec(select(Account).where(Account.platform_id == measures["one"][2])).one()
        deadline = utcnow() + timedelta(days=5)
        order = open_correction_order(s, None, account_id=account.id, case_id=measures["one"][0],
                                      required="删除名称中的机关字样", deadline=deadline)  # fmt: skip
        order_id = order.id
    capsys.readouterr()
    assert _notify(engine, "correction-order", str(order_id)) == 0
    sent = json.loads(capsys.readouterr().out)
    assert sent["template"] == "correction_order_notice"
    assert "删除名称中的机关字样" in sent["body"]
    assert deadline.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") in sent["body"]
    with session_scope(engine, write=False) as s:
        assert s.get(Reply, sent["reply"]).case_id == measures["one"][0]
