"""One status, one name (issue 18): the desktop shows a case's or an appeal's status by
the name the services use in their messages (models/codes.py), and the empty case pane
says where the queue is."""

from __future__ import annotations

from workbench.models.codes import (
    APPEAL_STATUS_LABELS,
    CASE_STATUS_LABELS,
    AppealStatus,
    CaseStatus,
)
from workbench.queues import appeals, casework
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
