"""A supervisor approves or rejects a severe measure from the case itself (issue 15,
item 5; 2022/8: closing an account or blacklisting is decided with a supervisor's
approval), with the measure, its reason, the proposer and the evidence in view."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.ui.journeys import measured_case, open_window, people
from workbench.db import session_scope
from workbench.models import AuditEvent, Measure

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_supervisor_approves_from_the_case_view(qtbot, engine, runner, ui_settings):
    """2022/8: the approval box lists the case's measure awaiting approval with its reason
    and proposer and the case's evidence; a rejection needs a reason; approving puts the
    measure in effect and the box goes away."""
    actors = people(engine)
    case_id, measure_id = measured_case(engine, actors["mod"], "某省人民政府", n=701,
                                        code="close")  # fmt: skip
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.case_view.show_case(case_id)
    box, actions = panels.actions.extras.box, panels.actions.actions
    assert box.isVisible() and box.entries.count() == 1
    lines = box.entries.item(0).text().split("\n")
    assert "关闭" in lines[0] and "需主管审批" in lines[0]
    assert lines[1:3] == ["依据：2022/8(2)", "理由：名称冒充机关"]
    assert lines[3].startswith("提议：李审核 · ")
    assert "举报 1 份" in box.evidence.text()
    assert actions["approve"].isEnabled() and actions["approve"] in window.case_menu.actions()

    actions["reject"].trigger()  # no reason: refused in the panel, nothing sent
    assert "审批意见" in panels.actions.message.text()
    with session_scope(engine, write=False) as s:
        assert s.get(Measure, measure_id).status == "pending_approval"

    box.reason.setText("证据充分，同意关闭")
    with qtbot.waitSignal(window.case_view.case_loaded):
        actions["approve"].trigger()
    with session_scope(engine, write=False) as s:
        measure = s.get(Measure, measure_id)
        assert (measure.status, measure.approved_by) == ("in_effect", actors["boss"].id)
        event = s.exec(select(AuditEvent).where(AuditEvent.entity == "measure",
                                                AuditEvent.entity_id == measure_id,
                                                AuditEvent.reason == "证据充分，同意关闭")).first()
        assert event is not None  # fmt: skip
    assert not box.isVisible() and not actions["approve"].isEnabled()
    assert "已批准处置" in panels.actions.message.text()


def test_a_moderator_sees_no_approval_box(qtbot, engine, runner, ui_settings):
    """2022/8: approval is the supervisor's; the moderator's panel does not offer it."""
    actors = people(engine)
    case_id, _measure_id = measured_case(engine, actors["mod"], "某市人民政府", n=702,
                                         code="close")  # fmt: skip
    window, panels = open_window(qtbot, engine, actors["mod2"], runner, ui_settings)
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.case_view.show_case(case_id)
    assert not panels.actions.extras.box.isVisible()
    assert not panels.actions.actions["approve"].isVisible()


def test_the_dashboard_lists_approvals_by_case_account_and_measure(qtbot, engine, runner,
                                                                   ui_settings):  # fmt: skip
    """2022/8: the supervisor's approval list reads as case, account and measure, the
    whole reason at hand."""
    actors = people(engine)
    case_id, measure_id = measured_case(engine, actors["mod"], "某自治区人民政府", n=703,
                                        code="close")  # fmt: skip
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    board = panels.dashboard
    with qtbot.waitSignal(board.loaded):
        board.refresh()
    table = board.approvals
    headers = [table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["案件", "账号", "措施"]
    assert table.item(0, 0).text() == f"#{case_id}"
    assert table.item(0, 1).text() == "某自治区人民政府"
    assert f"M{measure_id}" in table.item(0, 2).text()
    assert table.item(0, 3).toolTip() == "名称冒充机关"
