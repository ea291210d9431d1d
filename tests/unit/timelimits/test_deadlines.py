"""Deadline arithmetic on the chinese_calendar-derived calendar (no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from workbench.timelimits.deadlines import (
    CalendarError,
    CalendarSnapshot,
    Extension,
    Pause,
    WorkingTime,
    add_hours,
    add_working_days,
    chinese_calendar_snapshot,
    compute_due,
    working_hours_between,
)

CAL = chinese_calendar_snapshot()


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def due_wd(start: str, n: int) -> datetime:
    return add_working_days(t(start), n, CAL).at


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # 2026-02-14 (Saturday) is a make-up working day before the Spring Festival.
        ("2026-02-13T18:00+08:00", 1, "2026-02-15T00:00+08:00"),
        # ... then 15-23 February are holidays, so the second working day is Tuesday 24th.
        ("2026-02-13T18:00+08:00", 2, "2026-02-25T00:00+08:00"),
        # 2026-02-28 (Saturday) is the second make-up day.
        ("2026-02-27T09:00+08:00", 1, "2026-03-01T00:00+08:00"),
        # Spring Festival 2025: 28 Jan - 4 Feb off; Sunday 26 Jan and Saturday 8 Feb worked.
        ("2025-01-27T10:00+08:00", 1, "2025-02-06T00:00+08:00"),
        ("2025-01-25T10:00+08:00", 1, "2025-01-27T00:00+08:00"),
        ("2025-02-07T10:00+08:00", 1, "2025-02-09T00:00+08:00"),
        # National Day 2025: 1-8 October off; Sunday 28 Sep and Saturday 11 Oct worked.
        ("2025-09-30T09:00+08:00", 1, "2025-10-10T00:00+08:00"),
        ("2025-09-26T09:00+08:00", 3, "2025-10-01T00:00+08:00"),
        ("2025-10-09T09:00+08:00", 2, "2025-10-12T00:00+08:00"),
        # National Day 2026: 1-7 October off; Saturday 10 Oct worked.
        ("2026-09-30T12:00+08:00", 1, "2026-10-09T00:00+08:00"),
        ("2026-09-30T12:00+08:00", 3, "2026-10-11T00:00+08:00"),
        # Mid-Autumn 2026 (Friday 25 Sep) and Sunday 20 Sep worked.
        ("2026-09-18T12:00+08:00", 1, "2026-09-21T00:00+08:00"),
        ("2026-09-24T12:00+08:00", 1, "2026-09-29T00:00+08:00"),
        # An ordinary week: counting starts the day after, whatever the hour.
        ("2026-03-02T00:00+08:00", 1, "2026-03-04T00:00+08:00"),
        ("2026-03-02T23:59+08:00", 1, "2026-03-04T00:00+08:00"),
    ],
)
def test_working_days_follow_holidays_and_make_up_days(start, n, due):
    result = add_working_days(t(start), n, CAL)
    assert result.at == t(due)
    assert result.provisional is False


def test_utc_start_that_is_already_the_next_day_in_beijing():
    # 17:00Z on the 12th is 01:00 on Friday the 13th in Beijing: count from the 14th.
    assert due_wd("2026-02-12T17:00Z", 1) == t("2026-02-15T00:00+08:00")
    # 15:00Z is 23:00 on Thursday the 12th in Beijing: Friday the 13th is the first day.
    assert due_wd("2026-02-12T15:00Z", 1) == t("2026-02-14T00:00+08:00")
    # Any offset means the same instant.
    assert due_wd("2026-02-12T12:00-05:00", 1) == t("2026-02-15T00:00+08:00")


def test_result_is_utc():
    due = add_working_days(t("2026-02-13T18:00+08:00"), 1, CAL).at
    assert due.utcoffset().total_seconds() == 0
    assert due.isoformat() == "2026-02-14T16:00:00+00:00"


def test_uncovered_year_is_provisional_with_fixed_holidays():
    # 1 January 2027 is a fixed holiday, 2-3 January a weekend: Monday the 4th counts.
    result = add_working_days(t("2026-12-31T10:00+08:00"), 1, CAL)
    assert result.at == t("2027-01-05T00:00+08:00")
    assert result.provisional is True
    # 1-3 October 2027 (Friday to Sunday) off by the fixed-date rule.
    result = add_working_days(t("2027-09-30T10:00+08:00"), 1, CAL)
    assert result.at == t("2027-10-05T00:00+08:00")
    assert result.provisional is True
    # Far beyond any data, still an answer.
    assert add_working_days(t("2099-06-01T10:00+08:00"), 5, CAL).provisional is True


def test_deadline_inside_a_covered_year_is_not_provisional():
    result = add_working_days(t("2026-12-29T10:00+08:00"), 2, CAL)
    # 30 and 31 December 2026 count; the due instant is the first moment of 2027,
    # but no 2027 day was needed to find it.
    assert result.at == t("2027-01-01T00:00+08:00")
    assert result.provisional is False


def test_hours_are_calendar_hours():
    result = add_hours(t("2026-02-13T18:00+08:00"), 24)
    assert result.at == t("2026-02-14T18:00+08:00")
    assert result.provisional is False
    # Across a holiday, hours do not stop.
    assert add_hours(t("2026-02-15T10:00+08:00"), 48).at == t("2026-02-17T10:00+08:00")


def test_working_pause_pushes_a_working_day_clock_by_working_time():
    start = t("2026-03-02T10:00+08:00")  # Monday; 3 working days: due Friday 00:00
    assert compute_due(start, 3, "working_days", CAL).at == t("2026-03-06T00:00+08:00")
    # A 24-hour pause on working days pushes it one working day on.
    one_day = Pause(t("2026-03-03T12:00+08:00"), t("2026-03-04T12:00+08:00"))
    assert compute_due(start, 3, "working_days", CAL, pauses=[one_day]).at == t(
        "2026-03-07T00:00+08:00"
    )
    # Three paused working hours: 03:00 on the next working day after the old due day.
    three_hours = Pause(t("2026-03-05T09:00+08:00"), t("2026-03-05T12:00+08:00"))
    assert compute_due(start, 3, "working_days", CAL, pauses=[three_hours]).at == t(
        "2026-03-06T03:00+08:00"
    )
    # A pause wholly over a weekend moves nothing.
    weekend = Pause(t("2026-03-07T00:00+08:00"), t("2026-03-09T00:00+08:00"))
    assert compute_due(start, 3, "working_days", CAL, pauses=[weekend]).at == t(
        "2026-03-06T00:00+08:00"
    )
    # A pause still open is not counted yet.
    open_pause = Pause(t("2026-03-03T12:00+08:00"), None)
    assert compute_due(start, 3, "working_days", CAL, pauses=[open_pause]).at == t(
        "2026-03-06T00:00+08:00"
    )


def test_pause_pushes_an_hours_clock_by_its_length():
    start = t("2026-03-02T10:00+08:00")
    pause = Pause(t("2026-03-02T11:00+08:00"), t("2026-03-02T13:00+08:00"))
    assert compute_due(start, 24, "hours", CAL, pauses=[pause]).at == t("2026-03-03T12:00+08:00")


def test_pause_before_a_make_up_day_uses_it_as_working_time():
    # 1 working day from Thursday 2026-02-12 10:00: due Saturday 14th 00:00 (Friday counts).
    start = t("2026-02-12T10:00+08:00")
    # Paused the whole of Friday the 13th (a working day): the make-up Saturday absorbs it.
    pause = Pause(t("2026-02-13T00:00+08:00"), t("2026-02-14T00:00+08:00"))
    assert compute_due(start, 1, "working_days", CAL, pauses=[pause]).at == t(
        "2026-02-15T00:00+08:00"
    )


def test_extensions():
    start = t("2026-03-02T10:00+08:00")
    # 3 + 2 working days: 3, 4, 5, 6, 9 March.
    assert compute_due(
        start, 3, "working_days", CAL, extensions=[Extension(2, "working_days")]
    ).at == t("2026-03-10T00:00+08:00")
    assert compute_due(start, 3, "working_days", CAL, extensions=[Extension(6, "hours")]).at == t(
        "2026-03-06T06:00+08:00"
    )
    # A 24-hour clock from Friday 10:00 reaches Saturday 10:00; one working day more
    # skips the weekend and takes the whole of Monday.
    friday = t("2026-03-06T10:00+08:00")
    assert compute_due(friday, 24, "hours", CAL, extensions=[Extension(1, "working_days")]).at == t(
        "2026-03-10T00:00+08:00"
    )


def test_working_hours_between_skips_holidays_and_counts_make_up_days():
    # Friday 18:00-24:00 (6 h) + make-up Saturday (24 h) + Sunday and Monday holidays (0).
    assert working_hours_between(
        t("2026-02-13T18:00+08:00"), t("2026-02-16T12:00+08:00"), CAL
    ) == pytest.approx(30)
    assert working_hours_between(t("2026-03-03T00:00Z"), t("2026-03-02T00:00Z"), CAL) == 0


def test_working_time_from_one_now_to_many_due_times_skips_the_spring_festival():
    """One tick measures every clock's remaining working time from the same now
    (2022/16: handling within the time limit), in any order of due times."""
    now = t("2026-02-13T18:00+08:00")  # Friday before the make-up Saturday and the holiday
    from_now = WorkingTime(now, CAL)
    hours = {
        "2026-02-26T12:00+08:00": 6 + 24 + 2 * 24 + 12,  # Tue 24th and Wed 25th worked
        "2026-02-13T20:00+08:00": 2,  # the same day
        "2026-02-14T06:00+08:00": 6 + 6,  # into the make-up Saturday
        "2026-02-20T12:00+08:00": 6 + 24,  # inside the holiday: nothing more
        "2026-02-13T17:00+08:00": 0,  # before now
        "2026-02-24T00:00+08:00": 6 + 24,  # the holiday's last midnight
    }
    for due, expected in hours.items():
        assert from_now.until(t(due)) / 3600 == pytest.approx(expected), due
        assert working_hours_between(now, t(due), CAL) == pytest.approx(expected), due


def test_fractional_or_negative_working_days_refused():
    with pytest.raises(ValueError):
        add_working_days(t("2026-03-02T10:00+08:00"), 1.5, CAL)
    with pytest.raises(ValueError):
        add_working_days(t("2026-03-02T10:00+08:00"), -1, CAL)


def test_naive_start_refused():
    with pytest.raises(ValueError):
        add_working_days(datetime(2026, 3, 2, 10), 1, CAL)


def test_custom_pattern_and_overrides():
    six_day = CalendarSnapshot(
        frozenset({1, 2, 3, 4, 5, 6}), {date(2026, 3, 7): False}, frozenset({2026})
    )
    # Saturday 7 March is declared a holiday; Saturday 14 would count.
    assert add_working_days(t("2026-03-06T10:00+08:00"), 1, six_day).at == t(
        "2026-03-10T00:00+08:00"
    )
    with pytest.raises(CalendarError):
        CalendarSnapshot(frozenset(), {}, frozenset())
