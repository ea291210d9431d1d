"""One status, one name (issue 18): the desktop shows a case's or an appeal's status by
the name the services use in their messages (models/codes.py), and the empty case pane
says where the queue is."""

from __future__ import annotations

import pytest

from workbench.cases import casework
from workbench.measures import appeals
from workbench.models.codes import (
    APPEAL_STATUS_LABELS,
    CASE_STATUS_LABELS,
    AppealStatus,
    CaseStatus,
)
from workbench.ui.labels import label


def test_the_desktop_and_the_services_name_statuses_alike(qapp):
    for status in CaseStatus:
        assert label("status", status.value) == CASE_STATUS_LABELS[status][0]
        assert casework.STATUS_LABELS[status][0] == CASE_STATUS_LABELS[status][0]
    for status in AppealStatus:
        if status is AppealStatus.REVISED or status is AppealStatus.REVOKED:
            continue  # the codes measures share: checked through the appeal table below
        assert label("status", status.value) == APPEAL_STATUS_LABELS[status][0]
    assert appeals.STATUS_LABELS is APPEAL_STATUS_LABELS
    assert label("status", "received") == "待受理"
    assert label("status", "appeal_received") == "申诉待受理"


def test_the_empty_case_pane_points_up_to_the_queue(qtbot, engine, runner):
    from workbench.operations.local import LocalClient
    from workbench.ui.panes.case_view import CaseView

    view = CaseView(LocalClient(engine), runner)
    qtbot.addWidget(view)
    assert "上方" in view.placeholder.text() and "左侧" not in view.placeholder.text()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_action_panel_names_statuses_and_follows_the_transitions(
    qtbot, engine, runner, ui_settings
):
    """The panel's own texts use the shared names (未发现违规, never 未违规) and what it
    enables is what models/codes.py's CASE_TRANSITIONS allow from the case's status."""
    from tests.ui.journeys import open_window, people, reported_case
    from workbench.models.codes import CASE_TRANSITIONS
    from workbench.ui.panes.actions import can_become

    actors = people(engine)
    reported_case(engine, "某市统计局", n=1)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    panel = panels.actions
    window.queue_list.select("reports")
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(0)
    assert panel.detail.status == CaseStatus.RECEIVED
    assert panel.actions["accept"].isEnabled() and panel.actions["decline"].isEnabled()
    assert not panel.actions["reply"].isEnabled() and not panel.actions["measures"].isEnabled()
    panel.actions["accept"].trigger()
    assert "（待受理 → 已受理）" in panel.confirm_line.text()
    panel.cancel()
    panel.actions["no_violation"].setEnabled(True)  # only to read its dialog's text
    panel.no_violation()
    assert "（甄别中 → 未发现违规）" in panel.active_dialog.labelText()
    assert "未违规）" not in panel.active_dialog.labelText().replace("未发现违规", "")
    panel.active_dialog.reject()
    for status, targets in CASE_TRANSITIONS.items():
        for target in CaseStatus:
            assert can_become(status.value, target) == (target in targets)
    assert not can_become(None, CaseStatus.ACCEPTED) and not can_become("bogus", CaseStatus.CLOSED)
