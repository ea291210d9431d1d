"""A moderator decides held change requests in the 信息变更 view (2022/10)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.ui import factories as f
from tests.ui.journeys import open_window, people
from workbench.db import session_scope
from workbench.measures.corrections import open_correction_order, submit_change_request
from workbench.models import Account, AuditEvent, ChangeRequest, CorrectionOrder, utcnow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def media_name(account, proposed):
    if "新华" in proposed.get("name", ""):
        return [{"category": "impersonate_news_media", "rule": "media", "field": "name",
                 "matched": "新华", "explanation": "名称含新闻媒体名称"}]
    return []


def held_requests(engine) -> dict[str, int]:
    """Two accounts under correction orders, each with a change request screening held."""
    out = {}
    with session_scope(engine) as s:
        for key, name, proposed in (("refused", "新华社官方号", "新华视点"),
                                    ("approved", "新华日报发布", "新华路小店")):
            account = f.account(s, name=name)
            open_correction_order(s, None, account_id=account.id, required="名称冒充新闻媒体",
                                  deadline=utcnow() + timedelta(days=3))
            request = submit_change_request(s, None, account.id, {"name": proposed},
                                            screen=media_name)
            out[key] = request.id
            out[f"{key}_account"] = account.id
    return out


def _row_of(view, request_id: int) -> int:
    return next(i for i, r in enumerate(view.rows) if r.id == request_id)


def test_moderator_refuses_one_change_and_approves_another(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    ids = held_requests(engine)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    view = panels.change_requests
    assert view is not None and panels.appeals is None
    with qtbot.waitSignal(view.loaded):
        window.pages.setCurrentWidget(view)
    assert view.list.rowCount() == 2

    # The refused one: current beside proposed, the hit with its article.
    view.list.setCurrentCell(_row_of(view, ids["refused"]), 0)
    assert view.current.id == ids["refused"]
    assert [view.changes.item(0, c).text() for c in range(3)] == ["名称", "新华社官方号", "新华视点"]
    assert view.hits.item(0, 3).text() == "2022/8(4)"
    assert view.basis.text() == "2022/10"
    view.buttons["refuse"].click()  # no reason: refused in the view, nothing sent
    assert "理由" in view.message.text()
    view.reason.setText("仍含新闻媒体名称")
    view.basis.setText("2022/8(4)")
    with qtbot.waitSignal(view.decided) as decided:
        view.buttons["refuse"].click()
    assert decided.args == [ids["refused"], False]
    assert "不予变更" in view.message.text()
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, ids["refused"]).status == "rejected"
        assert s.get(Account, ids["refused_account"]).name == "新华社官方号"
        event = s.exec(select(AuditEvent).where(
            AuditEvent.action == "change_request.reject",
            AuditEvent.entity_id == ids["refused"])).one()
        assert event.reason == "仍含新闻媒体名称" and event.after["basis"] == "2022/8(4)"
    assert view.list.rowCount() == 1 and view.reason.text() == ""

    # The approved one: the account renamed, its correction order met.
    view.list.setCurrentCell(0, 0)
    assert view.current.id == ids["approved"]
    with qtbot.waitSignal(view.decided) as decided:
        view.buttons["approve"].click()
    assert decided.args == [ids["approved"], True]
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, ids["approved"]).status == "passed"
        assert s.get(Account, ids["approved_account"]).name == "新华路小店"
        order = s.exec(select(CorrectionOrder).where(
            CorrectionOrder.account_id == ids["approved_account"])).one()
        assert order.status == "met"
    assert view.list.rowCount() == 0
    assert not view.buttons["approve"].isEnabled() and not view.buttons["refuse"].isEnabled()


def test_the_view_is_not_installed_for_appeal_reviewers(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    _window, panels = open_window(qtbot, engine, actors["appeals"], runner, ui_settings)
    assert panels.change_requests is None
