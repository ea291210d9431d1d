"""An administrator sets the credit-grade thresholds and restrictions in the desktop
(2022/18 据以提供相应服务): saved, every account regraded, bad thresholds refused in words."""

from __future__ import annotations

import pytest

from tests.db.workflow.helpers import make_account
from tests.ui.journeys import open_window, people
from workbench.db import session_scope
from workbench.models import Account

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_an_administrator_sets_the_grades_and_accounts_are_regraded_2022_18(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    account_id = make_account(engine, name="小城美食日记", credit_score=55)
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.pages.setCurrentWidget(panels.admin)
    tab = panels.admin.credit
    panels.admin.tabs.setCurrentWidget(tab)
    assert tab.thresholds["A"].value() == 80 and tab.restricts[("D", "post")].isChecked()

    tab.thresholds["B"].setValue(90)  # above A: refused, nothing changes
    tab.save()
    assert "thresholds.A" in tab.message.text()
    with session_scope(engine, write=False) as s:
        assert s.get(Account, account_id).credit_grade == "A"

    tab.thresholds["B"].setValue(70)
    tab.thresholds["C"].setValue(60)
    tab.restricts[("D", "comment")].setChecked(True)
    tab.save()
    assert "1 个账号" in tab.message.text()
    with session_scope(engine, write=False) as s:
        account = s.get(Account, account_id)
    assert account.credit_grade == "D"  # 55 is below C's 60
    assert {"comment", "post", "follow"} <= set(account.restrictions)
    assert tab.thresholds["C"].value() == 60  # read back after saving
