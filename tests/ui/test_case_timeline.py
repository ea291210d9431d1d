"""The case timeline in words (issue 18): a sentence per event, Beijing time, newest
first, grouped by stage, with the clock's events (start, pause, resume, extension,
warning or breach, met) among them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.ui import factories as f
from workbench.access.auth import actor_of
from workbench.cases import intake, transitions
from workbench.cases.timeline import timeline_of
from workbench.db import session_scope
from workbench.models.codes import Stage
from workbench.timelimits import alerts, clocks
from workbench.ui import i18n
from workbench.ui.panes.case_view import CaseView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

OPENED = datetime(2026, 10, 19, 16, 0, tzinfo=UTC)  # 2026-10-20 00:00 in Beijing


def _worked_case(engine) -> int:
    """Opened at 16:00 UTC, accepted by 王芳 an hour later, its screening clock paused,
    resumed, extended by a supervisor and then overdue."""
    with session_scope(engine) as s:
        mod = actor_of(s, f.reviewer(s, "wangfang", ("moderator",), display_name="王芳"))
        boss = actor_of(s, f.reviewer(s, "boss", ("supervisor",), display_name="王主管"))
        account = f.account(s, name="央视新闻官方号")
        case = intake.open_case(
            s,
            None,
            queue="reports",
            target_account_id=account.id,
            category="impersonate_news_media",
            now=OPENED,
        )
        case_id = case.id
        transitions.accept_case(
            s, mod, case_id, expected_version=case.version, now=OPENED + timedelta(hours=1)
        )
        case = s.get(type(case), case_id)
        clocks.pause_clocks(
            s, mod, case=case, reason="waiting_reporter", at=OPENED + timedelta(hours=2)
        )
        clocks.resume_clocks(s, mod, case=case, at=OPENED + timedelta(hours=3))
        clocks.extend_case_clocks(
            s,
            boss,
            case_id=case_id,
            amount=6,
            unit="hours",
            reason="等待外部鉴定意见",
            at=OPENED + timedelta(hours=4),
        )
        alerts.tick(s, OPENED + timedelta(days=30))
    return case_id


def test_the_read_has_the_clock_events_newest_first_with_stages(engine):
    case_id = _worked_case(engine)
    with session_scope(engine, write=False) as s:
        timeline = timeline_of(s, case_id)
    actions = [e.action for e in timeline]
    assert [e.at for e in timeline] == sorted((e.at for e in timeline), reverse=True)
    for action in ("clock.start", "clock.met", "clock.pause", "clock.resume", "clock.extend"):
        assert action in actions
    assert "clock.breach" in actions or "clock.warning" in actions
    stages = {e.action: e.stage for e in timeline if e.kind == "audit"}
    assert stages["case.open"] == stages["case.accept"] == Stage.ACCEPT
    assert all(e.stage is not None for e in timeline)
    clock_stages = {e.stage for e in timeline if e.action in ("clock.pause", "clock.extend")}
    assert clock_stages == {Stage.SCREEN}
    accept = next(e for e in timeline if e.action == "case.accept")
    changes = {c.field: c for c in accept.changes}
    assert (changes["status"].before, changes["status"].after) == ("received", "accepted")
    assert "version" not in changes and "assignee_id" not in changes
    extend = next(e for e in timeline if e.action == "clock.extend")
    due = next(c for c in extend.changes if c.field == "due")
    assert datetime.fromisoformat(due.after) - datetime.fromisoformat(due.before) == timedelta(
        hours=6
    )


def _texts(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _view(qtbot, engine, runner, case_id) -> CaseView:
    view = CaseView(f.client(engine), runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.case_loaded):
        view.show_case(case_id)
    return view


def test_the_timeline_reads_as_sentences_in_beijing_time(engine, runner, qtbot):
    case_id = _worked_case(engine)
    table = _view(qtbot, engine, runner, case_id).timeline
    rows = _texts(table)
    flat = "\n".join(" | ".join(row) for row in rows)
    for raw in ("case.open", "case.accept", "clock.", "assignee_id", "{", "None", "+00:00"):
        assert raw not in flat, raw

    # Grouped by stage, the stage with the newest event first; newest first inside.
    assert [table.item(r, 0).text() for r in sorted(table.stage_rows)] == ["甄别", "受理"]
    entries = [table.entry_rows[r] for r in sorted(table.entry_rows)]
    for stage in (Stage.SCREEN, Stage.ACCEPT):
        times = [e.at for e in entries if e.stage == stage]
        assert times == sorted(times, reverse=True)
    first_entry = min(table.entry_rows)
    assert table.entry_rows[first_entry].at == OPENED + timedelta(days=30)  # the breach

    by_sentence = {row[1]: row for row in rows}
    opened = by_sentence["系统 立案"]
    assert opened[0] == "2026-10-20 00:00"  # 16:00 UTC is midnight in Beijing
    accepted = by_sentence["王芳 受理了案件"]
    assert "状态：待受理 → 已受理" in accepted[2]
    started = [s for s in by_sentence if s.startswith("时限：受理阶段截止 ")]
    assert started == ["时限：受理阶段截止 2026-10-22 00:00（北京时间）"]  # two working days
    assert by_sentence[started[0]][0] == "2026-10-20 00:00"
    assert any(s.startswith("时限：甄别阶段截止 ") for s in by_sentence)
    assert "时限：受理阶段按时完成" in by_sentence
    assert "暂停原因：等待举报人补充" in by_sentence["王芳 暂停了计时"][2]
    assert "截止：" in by_sentence["王芳 恢复了计时"][2]
    extended = by_sentence["王主管 延长了甄别阶段的时限"][2]
    assert "延长：6 小时" in extended and "理由：等待外部鉴定意见" in extended
    assert any(s.startswith("时限超时：甄别阶段") for s in by_sentence)


@pytest.fixture
def english(qapp):
    i18n.install(qapp, "en")
    yield qapp
    i18n.install(qapp, "zh_CN")


def test_the_timeline_in_english(engine, runner, qtbot, english):
    case_id = _worked_case(engine)
    table = _view(qtbot, engine, runner, case_id).timeline
    rows = _texts(table)
    assert table.horizontalHeaderItem(0).text() == "Time (Beijing)"
    assert [table.item(r, 0).text() for r in sorted(table.stage_rows)] == [
        "Screening",
        "Acceptance",
    ]
    by_sentence = {row[1]: row for row in rows}
    assert "Status: Received → Accepted" in by_sentence["王芳 accepted the case"][2]
    assert by_sentence["The system opened the case"][0] == "2026-10-20 00:00"
    assert "Deadline: Acceptance finished in time" in by_sentence
    assert "Extended by: 6 hours" in by_sentence["王主管 extended the Screening deadline"][2]
    assert not any("时" in cell or "系统" in cell for row in rows for cell in row[:2])


def test_a_narrow_timeline_wraps_instead_of_pushing_the_details_out(qtbot):
    """At 800 px the details column was past the right edge (issue 18): the event column
    gives up to half the room, the rows wrap, nothing is beyond the table's width."""
    from datetime import UTC, datetime

    from workbench.models.views import TimelineEntry
    from workbench.ui.widgets.timeline import TimelineTable

    at = datetime(2026, 11, 27, 6, 31, tzinfo=UTC)
    entries = tuple(
        TimelineEntry(
            at=at,
            kind="audit",
            actor="审核员 " + "欧阳" * 20,  # a sentence wider than the room
            action="case.open",
            summary="status=received, queue=reports, category=impersonate_organisation",
            stage="accept",
        )
        for _ in range(3)
    )
    table = TimelineTable(entries)
    qtbot.addWidget(table)
    table.resize(460, 400)
    table.show()
    qtbot.waitExposed(table)
    room = table.viewport().width()
    widths = [table.columnWidth(c) for c in range(3)]
    assert sum(widths) <= room + 1  # nothing past the right edge
    assert widths[table.DETAILS] >= (room - widths[table.TIME]) // 2 - 1
    table.resize(1400, 400)
    qtbot.waitUntil(lambda: table.viewport().width() > 1000)
    assert table.columnWidth(table.EVENT) == table._event_width  # wide: all of it again
