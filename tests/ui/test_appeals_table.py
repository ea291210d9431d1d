"""The appeals tab as a table (issue 18): deadline colours like the queues, the appeal
beside the original decision, a header that never ends in an empty "期限：", the
original decision in its current state, revising from the measure as decided and a
reply to the appellant that states the revised measure's duration (2022/8(6))."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.ui.journeys import measured_case, open_window, people
from workbench.db import session_scope
from workbench.measures import appeals
from workbench.models import Appeal, Clock, utcnow
from workbench.operations import appeals as appeal_ops
from workbench.operations.appeals import MeasureSpec
from workbench.operations.local import LocalClient
from workbench.ui.appeal_model import APPEAL_COLUMNS
from workbench.ui.dialogs.measures import describe
from workbench.ui.queue_model import STATE_COLOURS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _appeal(engine, measure_id: int, *, due_in: timedelta | None = None) -> int:
    with session_scope(engine) as s:
        appeal = appeals.file_appeal(
            s, None, measure_id=measure_id, appellant_name="运营者", text="处罚过重",
            received_at=utcnow(),
        )  # fmt: skip
        if due_in is not None:  # the appeal's deadline and its clock's
            appeal.due_at = utcnow() + due_in
            for clock in s.exec(select(Clock).where(Clock.appeal_id == appeal.id)).all():
                clock.due_at = appeal.due_at
        return appeal.id


def _shown(qtbot, engine, actor, runner, ui_settings, appeal_id: int):
    """The appeals tab of ``actor``'s window showing ``appeal_id``."""
    window, panels = open_window(qtbot, engine, actor, runner, ui_settings)
    view = panels.appeals
    window.pages.setCurrentWidget(view)
    with qtbot.waitSignal(view.appeal_loaded):
        view.show_appeal(appeal_id)
    return view


def test_appeals_are_rows_with_deadline_colours(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    _c1, m1 = measured_case(engine, actors["mod"], "某区税务局", n=1)
    _c2, m2 = measured_case(engine, actors["mod"], "某市卫健委", n=2)
    soon = _appeal(engine, m1, due_in=timedelta(hours=2))
    later = _appeal(engine, m2, due_in=timedelta(days=6))
    window, panels = open_window(qtbot, engine, actors["appeals"], runner, ui_settings)
    view = panels.appeals
    window.pages.setCurrentWidget(view)
    model = view.model
    assert model.rowCount() == 2 and model.columnCount() == len(APPEAL_COLUMNS)
    assert [model.appeal_at(r).id for r in range(2)] == [soon, later]  # nearest first
    background = model.index(0, 0).data(0x8)  # Qt.BackgroundRole
    assert background == STATE_COLOURS["at_risk"]
    assert model.index(1, 0).data(0x8) == STATE_COLOURS["running"]
    assert model.index(0, 2).data() == "某区税务局"
    assert all(
        view.table.indexWidget(model.index(r, c)) is None for r in range(2) for c in range(6)
    )
    # The appeal and the original decision side by side, on one line.
    with qtbot.waitSignal(view.appeal_loaded):
        view.select_row(0)
    assert view.appeal_box.geometry().top() == view.decision_box.geometry().top()
    assert view.appeal_box.geometry().right() < view.decision_box.geometry().left()
    assert "期限：" in view.header.text() and "剩余" in view.header.text()


def test_after_the_decision_the_header_names_the_reviewer_not_an_empty_deadline(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    _case, measure_id = measured_case(engine, actors["mod"], "某镇政府", n=3)
    appeal_id = _appeal(engine, measure_id)
    view = _shown(qtbot, engine, actors["appeals"], runner, ui_settings, appeal_id)
    view.reason.setText("维持原决定")
    with qtbot.waitSignal(view.decided):
        view.buttons["upheld"].click()
    assert view.detail.status == "upheld"
    header = view.header.text()
    assert "期限：<" not in header and not header.rstrip().endswith("期限：")
    assert "复核人" in header
    assert view.row_count() == 0


def test_the_original_decision_reads_its_current_state():
    """A severe measure is marked as needing approval only while it waits for it."""
    spec = MeasureSpec("close", "2022/8(6)", "", {})
    assert "需主管审批" in describe(spec)
    assert "需主管审批" in describe(spec, status="pending_approval")
    assert "需主管审批" not in describe(spec, status="in_effect")


def test_revise_starts_from_the_original_measure_and_the_reply_states_its_days(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    _case, measure_id = measured_case(
        engine, actors["mod"], "某县文旅局", n=4, code="suspend_updates", params={"days": 30}
    )
    appeal_id = _appeal(engine, measure_id)
    view = _shown(qtbot, engine, actors["appeals"], runner, ui_settings, appeal_id)
    assert "30" in view.decision_labels["measure"].text()
    view.reason.setText("情节较轻，缩短期限")
    view.buttons["revised"].click()
    editor = view.active_dialog.editor
    assert editor.code.currentData() == "suspend_updates"  # not the catalogue's first entry
    assert editor.days.value() == 30 and editor.days.isEnabled()
    editor.days.setValue(15)
    with qtbot.waitSignal(view.decided):
        view.active_dialog.accept()
    with session_scope(engine, write=False) as s:
        assert s.get(Appeal, appeal_id).status == "revised"
    client = LocalClient(engine, actor=actors["appeals"])
    (draft,) = client.call(appeal_ops.preview_appeal_reply, appeal_id=appeal_id)
    assert "暂停更新（30 天）" in draft.body or "（30 天）" in draft.body
    assert "（15 天）" in draft.body


def test_at_800_px_the_account_card_is_a_tab_not_a_squeezed_column(
    qtbot, engine, runner, ui_settings
):
    """Two desktops side by side (issue 18): the card moves beside the reports as a tab at
    their full width, the window stays 800 px; wide again, it is the right column."""
    actors = people(engine)
    _case_id, measure_id = measured_case(engine, actors["mod"], "某市文化馆", n=1)
    appeal_id = _appeal(engine, measure_id)
    view = _shown(qtbot, engine, actors["appeals"], runner, ui_settings, appeal_id)
    window = view.window()
    window.resize(800, 900)
    qtbot.waitUntil(lambda: view.tabs.indexOf(view.card_area) >= 0)
    assert view.detail_splitter.indexOf(view.card_area) < 0
    assert window.width() == 800
    view.tabs.setCurrentWidget(view.card_area)
    assert view.card_area.width() >= 400  # the card at the tabs' width, not 125 px
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: view.detail_splitter.indexOf(view.card_area) >= 0)
    assert view.tabs.indexOf(view.card_area) < 0 and view.card_area.isVisible()
