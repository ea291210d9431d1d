"""The smaller administration tabs: calendar days, templates, lexicons, rule dismissal rates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel
from sqlmodel import select

from tests.ui.journeys import open_window, people, reported_case
from workbench.cases import screening, transitions
from workbench.db import session_scope
from workbench.models import CalendarDay, RuleHit

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


def test_templates_are_listed_by_title_and_previewed_with_sample_values(page):
    tab = page.templates
    page.tabs.setCurrentWidget(tab)
    titles = [tab.names.item(i).text() for i in range(tab.names.count())]
    assert "处置通知（账号运营者）" in titles and "measure_notice" not in titles
    assert tab.preview.toPlainText()  # the first template is shown at once
    tab.names.setCurrentRow(titles.index("申诉结果：变更处置"))
    assert "{appellant_name}" in tab.source.toPlainText()
    preview = tab.preview.toPlainText()
    assert "张女士" in preview and "«" not in preview and "{" not in preview


def test_lexicons_are_listed_when_the_tab_opens(page):
    tab = page.lexicons
    page.tabs.setCurrentWidget(tab)
    assert tab.lists.rowCount() > 0  # without pressing 重新加载并检查
    tab.check()
    assert tab.lists.rowCount() > 0 and "词表已加载" in tab.message.text()
    counts = [tab.lists.item(r, 1).text() for r in range(tab.lists.rowCount())]
    assert any("," in c for c in counts)  # the banned-content list's thousands are grouped
    assert all(c.replace(",", "").isdigit() for c in counts)


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
    assert (table.item(0, 0).text(), table.item(0, 4).text()) == ("冒用国家机关名称", "100%")


def test_a_reviewers_status_reads_enabled_in_english(qtbot, qapp, engine, runner, ui_settings):
    from workbench.ui import i18n

    i18n.install(qapp, "en")
    try:
        actors = people(engine)
        window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
        window.pages.setCurrentWidget(panels.admin)
        tab = panels.admin.reviewers
        statuses = {tab.table.item(r, 0).text(): tab.table.item(r, 2).text()
                    for r in range(tab.table.rowCount())}  # fmt: skip
    finally:
        i18n.install(qapp, "zh_CN")
    assert set(statuses.values()) <= {"Enabled", "Disabled", "Locked"} and statuses


def test_an_administrator_is_told_why_there_are_no_case_actions(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    reported_case(engine, "某区税务局", n=1)
    window, _panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.queue_view.select_row(0)
    note = window.case_view.findChild(QLabel, "noCaseActions")
    assert note is not None and note.isVisible() and "系统管理" in note.text()
    moderator, _ = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    assert moderator.case_view.findChild(QLabel, "noCaseActions") is None


def test_the_lexicon_lists_read_by_name_and_whole(qtbot, qapp, engine, runner, ui_settings):
    """规则词表 names each list by what it holds beside its file, never cut (issue 18)."""
    actors = people(engine)
    window, panels = open_window(qtbot, engine, actors["admin"], runner, ui_settings)
    window.resize(800, 900)
    window.pages.setCurrentWidget(panels.admin)
    panels.admin.tabs.setCurrentWidget(panels.admin.lexicons)
    table = panels.admin.lexicons.lists
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "国际组织名称（international_organisations）" in names
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(n) for n in names)
    assert table.columnWidth(0) >= widest
