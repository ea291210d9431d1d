"""The smaller administration tabs: calendar days, templates, lexicons, rule dismissal rates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from sqlmodel import select

from tests.ui.journeys import open_window, people, reported_case
from workbench.db import session_scope
from workbench.models import CalendarDay, RuleHit
from workbench.queues import screening, transitions

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def page(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.pages.setCurrentWidget(panels.admin)
    return panels.admin


def _days(engine):
    with session_scope(engine, write=False) as s:
        return [(d.day, d.kind) for d in s.exec(select(CalendarDay)).all()]


def test_calendar_day_set_cleared_and_imported(page, engine, tmp_path):
    tab = page.calendar
    page.tabs.setCurrentWidget(tab)
    tab.day.setDate(QDate(2027, 2, 20))
    tab.kind.setCurrentIndex(tab.kind.findData("workday"))
    tab.do_set()
    assert _days(engine) == [(date(2027, 2, 20), "workday")]
    assert "个进行中的时限改变期限" in tab.message.text()  # open clocks recomputed
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "2027-02-20"
    tab.do_clear()
    assert _days(engine) == [] and tab.table.rowCount() == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,calendar\n", encoding="utf-8")
    tab.import_csv(bad)
    assert tab.message.text() and _days(engine) == []  # refused in words, nothing stored


def test_templates_are_listed_and_previewed(page):
    tab = page.templates
    page.tabs.setCurrentWidget(tab)
    names = [tab.names.item(i).text() for i in range(tab.names.count())]
    assert "measure_notice" in names
    tab.names.setCurrentRow(names.index("measure_notice"))
    assert tab.source.toPlainText() and "«" in tab.preview.toPlainText()


def test_lexicons_reload(page):
    tab = page.lexicons
    page.tabs.setCurrentWidget(tab)
    tab.check()
    assert tab.lists.rowCount() > 0 and "词表已加载" in tab.message.text()


def test_rule_dismissal_rates(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    case_id = reported_case(engine, "某市档案馆", n=1)
    with session_scope(engine) as s:
        hit_id = s.exec(select(RuleHit.id).where(RuleHit.case_id == case_id)).one()
        version = transitions.accept_case(s, actors["mod"], case_id, expected_version=1).version
        screening.record_findings(
            s, actors["mod"], case_id, expected_version=version, hit_decisions={hit_id: "dismissed"}
        )
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.pages.setCurrentWidget(panels.admin)
    panels.admin.tabs.setCurrentWidget(panels.admin.rates)
    table = panels.admin.rates.table
    assert table.rowCount() == 1
    assert (table.item(0, 0).text(), table.item(0, 4).text()) == ("organisation_lexicon", "100%")
