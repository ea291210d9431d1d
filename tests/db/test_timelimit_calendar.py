"""The working-day calendar in the database: seeding, edits, CSV import, versions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from tests.db.audit_support import sealed
from tests.db.timelimits_support import person
from workbench.db import session_scope
from workbench.errors import PermissionDenied, ValidationError
from workbench.models import AuditEvent, CalendarDay
from workbench.timelimits import calendar
from workbench.timelimits.deadlines import add_working_days


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_seeded_calendar_knows_make_up_days_and_records_years(engine):
    with session_scope(engine) as s:
        result = calendar.seed_from_chinese_calendar(s, None, years=[2025, 2026])
        assert result.years == [2025, 2026]
        snap = calendar.load_snapshot(s)
        assert snap.version == 1
        assert snap.covered_years == {2025, 2026}
        assert [y for y, _, _ in calendar.covered_years(s)] == [2025, 2026]
        # Saturday 2026-02-14 is a make-up working day, 2026-02-16 a holiday.
        assert s.get(CalendarDay, date(2026, 2, 14)).kind == "workday"
        assert "Spring Festival" in s.get(CalendarDay, date(2026, 2, 16)).note
    due = add_working_days(t("2026-02-13T18:00+08:00"), 1, snap)
    assert due.at == t("2026-02-15T00:00+08:00") and not due.provisional
    # 2024 was not seeded: provisional.
    assert add_working_days(t("2024-03-01T10:00+08:00"), 1, snap).provisional


def test_edits_need_an_administrator_bump_the_version_and_are_audited(engine):
    with session_scope(engine) as s:
        admin = person(s, "admin", "administrator")
        moderator = person(s, "mod", "moderator")
        calendar.seed_from_chinese_calendar(s, admin, years=[2026])
        with pytest.raises(PermissionDenied):
            calendar.set_day(s, moderator, date(2026, 3, 2), "holiday")
        # A company holiday on Monday 2 March 2026.
        assert calendar.set_day(s, admin, date(2026, 3, 2), "休", "公司活动") == 2
        snap = calendar.load_snapshot(s)
        assert not snap.is_working_day(date(2026, 3, 2))
        assert calendar.clear_day(s, admin, date(2026, 3, 2)) == 3
        assert calendar.load_snapshot(s).is_working_day(date(2026, 3, 2))
        assert calendar.set_weekly_pattern(s, admin, [1, 2, 3, 4, 5, 6]) == 4
        assert calendar.load_snapshot(s).is_working_day(date(2026, 3, 7))
        with pytest.raises(ValidationError):
            calendar.set_weekly_pattern(s, admin, [])
        sealed(s)
        actions = s.exec(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == [
        "calendar.seed",
        "calendar.set_day",
        "calendar.clear_day",
        "calendar.weekly_pattern",
    ]


def test_reseeding_keeps_manual_days(engine):
    with session_scope(engine) as s:
        admin = person(s, "admin", "administrator")
        calendar.seed_from_chinese_calendar(s, admin, years=[2026])
        # The administrator decides 2026-02-14 is not worked after all.
        calendar.set_day(s, admin, date(2026, 2, 14), "holiday", "本单位不调休")
        calendar.seed_from_chinese_calendar(s, admin, years=[2026])
        row = s.get(CalendarDay, date(2026, 2, 14))
        assert (row.kind, row.source) == ("holiday", "manual")


CSV_2027 = """date,kind,note
2027-01-01,holiday,元旦
2027-02-06,休,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-20,班,春节调休
"""


def test_csv_import_covers_the_year(engine):
    with session_scope(engine) as s:
        admin = person(s, "admin", "administrator")
        result = calendar.import_calendar_csv(s, admin, CSV_2027)
        assert result.years == [2027] and result.days == 5
        snap = calendar.load_snapshot(s)
    assert snap.is_covered(date(2027, 2, 8))
    # Friday 2027-02-05 + 1 working day: 6-8 Feb off, 9 Feb (Tuesday) counts.
    due = add_working_days(t("2027-02-05T10:00+08:00"), 1, snap)
    assert due.at == t("2027-02-10T00:00+08:00") and due.provisional is False
    # Saturday 20 February is worked.
    assert snap.is_working_day(date(2027, 2, 20))


def test_csv_errors_name_every_bad_line(engine):
    bad = (
        "date,kind,note\n"
        "2027-01-01,holiday,元旦\n"
        "2027-13-01,holiday,\n"
        "2027-02-07,rest,春节\n"
        "2027-01-01,workday,again\n"
        "just-one-field\n"
    )
    with pytest.raises(ValidationError) as info:
        calendar.parse_calendar_csv(bad)
    text = str(info.value)
    assert "line 3" in text and "2027-13-01" in text
    assert "line 4" in text and "rest" in text
    assert "line 5" in text and "repeats line 2" in text
    assert "line 6" in text
    assert "第 3 行" in text
    with session_scope(engine) as s:
        admin = person(s, "admin", "administrator")
        with pytest.raises(ValidationError):
            calendar.import_calendar_csv(s, admin, bad)
        assert calendar.calendar_version(s) == 0
    with pytest.raises(ValidationError, match="no dates"):
        calendar.parse_calendar_csv("date,kind,note\n")
