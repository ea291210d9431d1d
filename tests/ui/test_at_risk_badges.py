"""The queues' at-risk badges agree with the dashboard (issue 18): one definition of
临近超时 (a running clock's warning, :func:`workbench.timelimits.risk.at_risk`) gives the
dashboard's count, each queue's badge and the colour of each row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from workbench.models.views import DueState
from workbench.operations.local import LocalClient
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels
from workbench.ui.settings import UiSettings
from workbench.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

#: Every clock is in exactly one of these (``mine`` repeats cases; approvals are measures).
OWN_QUEUES = ("reports", "complaints", "referrals", "appeals", "change_requests",
              "corrections", "escalations", "automated")  # fmt: skip


def test_badges_add_up_to_the_dashboards_at_risk(qtbot, qapp, demo_set, tmp_path):
    engine, actor = demo_set
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(LocalClient(engine, actor=actor), TaskRunner(synchronous=True), settings,
                        live=False)  # fmt: skip
    qtbot.addWidget(window)
    panels = install_panels(window)
    window.show()
    window.pages.setCurrentWidget(panels.dashboard)
    dashboard = panels.dashboard.data
    at_risk = dashboard.figures.due.at_risk
    assert at_risk > 0  # the demo always has some (see workbench/demo)
    counts = {c.queue: c.at_risk for c in dashboard.counts}
    assert sum(counts[q] for q in OWN_QUEUES) == at_risk
    # Each queue's badge is the dashboard's bar (but a queue counted otherwise, as
    # 信息变更 by its pending requests).
    other = getattr(window.queue_list, "totals", {})
    badges = {q: window.queue_list.count_of(q) for q in window.queue_list.queues()}
    assert {q: c.at_risk for q, c in badges.items() if q not in other} == {
        q: n for q, n in counts.items() if q not in other
    }
    # The rows coloured at risk are the ones the badge counts.
    for queue in ("reports", "automated"):
        window.pages.setCurrentIndex(0)
        window.queue_list.select(queue)
        model = window.queue_model
        states = [model.row_at(i).due_state for i in range(model.rowCount())]
        assert states.count(DueState.AT_RISK) == badges[queue].at_risk
    window.shutdown()
