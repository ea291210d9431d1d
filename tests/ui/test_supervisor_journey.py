"""A supervisor approves a severe measure, reads the dashboard, reassigns and exports."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCharts import QBarCategoryAxis

from tests.ui.journeys import measured_case, open_window, people, reported_case
from workbench.db import session_scope
from workbench.models import Account, Case, Measure
from workbench.queues import read

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_supervisor_approves_and_reads_the_dashboard(qtbot, engine, runner, ui_settings, tmp_path):
    actors = people(engine)
    _case, measure_id = measured_case(engine, actors["mod"], "国务院某部", n=1, code="close")
    waiting = reported_case(engine, "某市交警支队", n=2)
    window, panels = open_window(qtbot, engine, actors["boss"], runner, ui_settings)
    board = panels.dashboard
    assert panels.admin is None
    with qtbot.waitSignal(board.loaded):
        window.pages.setCurrentWidget(board)

    # Deadlines per queue: two open reports (one awaiting its reply), one approval.
    chart = board.queue_chart.chart()
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    # Queues down the side, 举报 on top: Qt draws the first category at the bottom.
    categories = list(reversed(axis.categories()))
    assert categories[0] == "举报"
    totals = chart.series()[0].barSets()[0]
    at = {name: totals.at(len(categories) - 1 - i) for i, name in enumerate(categories)}
    assert at["举报"] == 2
    assert at[categories[list(read.QUEUE_ORDER).index("approvals")]] == 1
    assert board.trend_chart.chart().series()[0].barSets()[0].count() == 8
    assert "已超时" in board.summary.text()

    # The severe measure waits for approval; approving needs a reason, then it takes effect.
    assert board.approvals.rowCount() == 1
    assert "需主管审批" in board.approvals.item(0, 2).text()
    board.select_approval(measure_id)
    board.approve_button.click()
    assert board.message.text()  # refused: no reason
    board.approval_reason.setText("冒充国家机关，情节严重")
    with qtbot.waitSignal(board.loaded):
        board.approve_button.click()
    with session_scope(engine, write=False) as s:
        measure = s.get(Measure, measure_id)
        assert (measure.status, measure.approved_by) == ("in_effect", actors["boss"].id)
        assert s.get(Account, measure.account_id).status == "closed"
    assert board.approvals.rowCount() == 0

    # Reassign the waiting case to the second moderator.
    board.reassign_case.setValue(waiting)
    board.reassign_to.setCurrentIndex(board.reassign_to.findData(actors["mod2"].id))
    board.reassign_reason.setText("均衡工作量")
    with qtbot.waitSignal(board.loaded):
        board.reassign_button.click()
    with session_scope(engine, write=False) as s:
        assert s.get(Case, waiting).assignee_id == actors["mod2"].id
    assert "赵审核" in board.message.text()

    out = tmp_path / "figures.csv"
    board.export_to(out)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert len(rows) > 1 and str(out) in board.message.text()
