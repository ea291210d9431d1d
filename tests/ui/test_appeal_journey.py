"""An appeal reviewer revokes a measure from the appeals view."""

from __future__ import annotations

import pytest

from tests.ui.journeys import appealed_measure, measured_case, open_window, people
from workbench.access.auth import load_actor
from workbench.db import session_scope
from workbench.measures import appeals
from workbench.models import Account, Appeal, Measure, ReviewerRole, utcnow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_appeal_reviewer_revokes_beside_the_original_decision(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    _case_id, measure_id = measured_case(engine, actors["mod"], "某区税务局", n=1)
    with session_scope(engine) as s:
        account_id = s.get(Measure, measure_id).account_id
        credit_after_measure = s.get(Account, account_id).credit_score
        appeal = appeals.file_appeal(
            s,
            None,
            measure_id=measure_id,
            appellant_name="账号运营者",
            text="本账号是区税务局的官方账号，附授权文件",
            received_at=utcnow(),
        )
        appeal_id = appeal.id
    window, panels = open_window(qtbot, engine, actors["appeals"], runner, ui_settings)
    view = panels.appeals
    assert panels.dashboard is None and panels.admin is None  # not for this role
    window.pages.setCurrentWidget(view)
    assert view.row_count() == 1
    with qtbot.waitSignal(view.appeal_loaded):
        view.select_row(0)
    # The appeal beside the decision: measure, basis, reason, who decided.
    assert "本账号是区税务局" in view.appeal_text.text()
    assert "2022/8(2)" in view.decision_labels["basis"].text()
    assert view.decision_labels["reason"].text() == "名称冒充机关"
    assert "李审核" in view.decision_labels["decided"].text()
    assert view.history.rowCount() == 1
    assert not view.buttons["reply"].isEnabled()

    # Without a reason the service refuses, in words.
    view.buttons["revoked"].click()
    assert "理由" in view.message.text() and "reason" not in view.message.text().lower()
    view.reason.setText("授权文件属实，账号为官方账号")
    with qtbot.waitSignal(view.decided) as decided:
        view.buttons["revoked"].click()
    assert decided.args == [appeal_id, "revoked"]
    with session_scope(engine, write=False) as s:
        assert s.get(Appeal, appeal_id).status == "revoked"
        assert s.get(Measure, measure_id).status == "revoked"
        assert s.get(Account, account_id).credit_score > credit_after_measure
    assert view.detail.status == "revoked"
    assert view.buttons["reply"].isEnabled() and not view.buttons["upheld"].isEnabled()
    assert view.row_count() == 0


def test_the_original_decider_cannot_decide_the_appeal(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    appealed_measure(engine, actors["mod"], "某市卫健委", n=2)
    with session_scope(engine) as s:
        s.add(ReviewerRole(reviewer_id=actors["mod"].id, role="appeal_reviewer"))
    with session_scope(engine, write=False) as s:
        both = load_actor(s, actors["mod"].id)
    window, panels = open_window(qtbot, engine, both, runner, ui_settings)
    view = panels.appeals
    window.pages.setCurrentWidget(view)
    with qtbot.waitSignal(view.appeal_loaded):
        view.select_row(0)
    view.reason.setText("自己复核")
    view.buttons["upheld"].click()
    assert view.detail.status == "appeal_received"
    assert view.message.text()  # refused, shown in words


def test_appeal_reviewer_revises_to_a_lighter_measure(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    _case_id, measure_id = measured_case(
        engine, actors["mod"], "某镇政府", n=3, code="suspend_updates"
    )
    with session_scope(engine) as s:
        appeal_id = appeals.file_appeal(
            s,
            None,
            measure_id=measure_id,
            appellant_name="运营者",
            text="处罚过重",
            received_at=utcnow(),
        ).id
    window, panels = open_window(qtbot, engine, actors["appeals"], runner, ui_settings)
    view = panels.appeals
    window.pages.setCurrentWidget(view)
    with qtbot.waitSignal(view.appeal_loaded):
        view.show_appeal(appeal_id)
    view.reason.setText("情节较轻，改为警示")
    view.buttons["revised"].click()
    dialog = view.active_dialog
    assert dialog.editor.basis.text() == "2022/8(2)"  # the original basis, editable
    dialog.editor.set_code("warn")
    with qtbot.waitSignal(view.decided):
        dialog.accept()
    with session_scope(engine, write=False) as s:
        appeal = s.get(Appeal, appeal_id)
        assert appeal.status == "revised"
        revised = s.get(Measure, appeal.revised_measure_id)
        assert (revised.code, revised.reason) == ("warn", "情节较轻，改为警示")
        assert s.get(Measure, measure_id).status == "revised"
    assert view.history.rowCount() == 2
