"""The supervisor's dashboard on the hand-worked data set of tests/db/test_fair_figures.py:
the reviewers' handling time charged from their claims, and the queue's wait before a claim
as its own figure (issue 15, item 9; the handling time limits of 2021/16-17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from tests.db.test_fair_figures import NOW, data  # noqa: F401  (the hand-worked fixture)
from workbench.access.auth import actor_of
from workbench.db import session_scope
from workbench.models import Reviewer
from workbench.operations.local import LocalClient
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_the_dashboard_shows_the_hand_worked_wait_and_handling_time_2021_16(
    qtbot,
    data,  # noqa: F811
    runner,
    ui_settings,
):
    with session_scope(data, write=False) as s:
        sue = actor_of(s, s.exec(select(Reviewer).where(Reviewer.login == "sue")).one())
    client = LocalClient(data, actor=sue, clock=lambda: NOW)
    window = MainWindow(client, runner, ui_settings, live=False)
    qtbot.addWidget(window)
    window.show()
    board = install_panels(window).dashboard
    with qtbot.waitSignal(board.loaded):
        window.pages.setCurrentWidget(board)

    assert board.waiting.text() == "等待认领（中位 / 90%，工作小时，近 30 天）：举报 2.0 / 33.6"
    chart = board.reviewer_chart.chart()
    median, p90 = (bar_set for bar_set in chart.series()[0].barSets())
    # alice 6 h and 8 h (not the 54 h of the overdue case she claimed), bob 3, 8 and 16 h
    assert [median.at(i) for i in range(median.count())] == pytest.approx([7.0, 8.0])
    assert [p90.at(i) for i in range(p90.count())] == pytest.approx([7.8, 14.4])
    # The bars are named by the reviewers' display names, not their logins (issue 18).
    (names,) = chart.axes(Qt.Orientation.Vertical)
    assert names.categories() == ["Alice", "Bob"]
