"""An administrator changes a time limit: previewed first, applied only on confirm."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.ui.journeys import open_window, people, reported_case
from workbench.access import auth
from workbench.db import session_scope
from workbench.errors import WorkbenchError
from workbench.models import Case, TimeLimitPolicy

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _due(engine, case_id):
    with session_scope(engine, write=False) as s:
        return s.get(Case, case_id).due_at


def test_policy_change_with_its_preview(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市应急管理局", n=1)
    before = _due(engine, case_id)
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    assert panels.dashboard is not None and panels.appeals is not None
    page = panels.admin
    window.pages.setCurrentWidget(page)
    tab = page.policies
    page.tabs.setCurrentWidget(tab)
    shipped = tab.table.rowCount()
    assert shipped > 0

    tab.stage.setCurrentIndex(tab.stage.findData("accept"))
    tab.queue.setCurrentIndex(tab.queue.findData("reports"))
    tab.amount.setValue(2)
    tab.unit.setCurrentIndex(tab.unit.findData("hours"))
    assert not tab.apply_button.isEnabled()  # preview first
    tab.preview_button.click()
    assert tab.preview_table.rowCount() == 1
    assert f"#{case_id}" in tab.preview_table.item(0, 0).text()
    assert "1" in tab.preview_summary.text()
    # Nothing saved by the preview.
    assert _due(engine, case_id) == before
    with session_scope(engine, write=False) as s:
        assert s.exec(select(TimeLimitPolicy).where(TimeLimitPolicy.queue == "reports")).all() == []

    # Changing the form after the preview asks for a new one.
    tab.amount.setValue(3)
    assert not tab.apply_button.isEnabled()
    tab.amount.setValue(2)
    tab.preview_button.click()
    new_due = tab.moves[0].new_due
    tab.apply_button.click()
    assert _due(engine, case_id) == new_due != before
    assert "重算" in tab.message.text()
    with session_scope(engine, write=False) as s:
        (policy,) = s.exec(select(TimeLimitPolicy).where(TimeLimitPolicy.queue == "reports")).all()
        assert (policy.stage, policy.amount, policy.unit) == ("accept", 2, "hours")
    assert tab.table.rowCount() == shipped + 1  # the new rule beside the shipped ones


def test_reviewers_tab_adds_and_disables(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    page = panels.admin
    window.pages.setCurrentWidget(page)
    tab = page.reviewers
    page.tabs.setCurrentWidget(tab)
    tab.login.setText("newmod")
    tab.display_name.setText("新审核员")
    tab.password.setText("short")
    tab.role_boxes["moderator"].setChecked(True)
    tab.do_add()
    assert "8" in tab.message.text()  # the password rule, in words
    tab.password.setText("long-enough-1")
    tab.do_add()
    assert any(r.login == "newmod" for r in tab.rows)
    tab.reason.setText("离职")
    tab.do_disable()
    assert [r.active for r in tab.rows if r.login == "newmod"] == [False]
    with pytest.raises(WorkbenchError, match="disabled"):
        auth.sign_in(engine, "newmod", "long-enough-1")
