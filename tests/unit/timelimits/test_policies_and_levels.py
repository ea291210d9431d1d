"""Choosing a policy, and the warning level of a clock (pure, no database)."""

from __future__ import annotations

from datetime import datetime

import pytest

from workbench.errors import ValidationError
from workbench.models import Clock
from workbench.timelimits.alerts import BREACHED, WARNED, Thresholds, level_of
from workbench.timelimits.deadlines import Extension, chinese_calendar_snapshot
from workbench.timelimits.policies import (
    PolicyRule,
    load_default_policies,
    select_policy,
    validate_limit,
)

CAL = chinese_calendar_snapshot()


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


RULES = [
    PolicyRule("*", "*", "*", "accept", 1, "working_days"),
    PolicyRule("*", "*", "key", "accept", 8, "hours"),
    PolicyRule("*", "false_identity", "*", "accept", 12, "hours"),
    PolicyRule("complaints", "*", "*", "accept", 6, "hours"),
    PolicyRule("complaints", "*", "key", "accept", 2, "hours"),
]


@pytest.mark.parametrize(
    ("queue", "category", "grade", "amount"),
    [
        ("reports", "other", "general", 1),  # only the catch-all matches
        ("reports", "other", "key", 8),  # grade
        ("reports", "false_identity", "key", 12),  # category outweighs grade
        ("complaints", "false_identity", "general", 6),  # queue outweighs category
        ("complaints", "other", "key", 2),  # queue + grade is the most specific
    ],
)
def test_most_specific_policy_wins(queue, category, grade, amount):
    rule = select_policy(RULES, stage="accept", queue=queue, category=category, grade=grade)
    assert rule.amount == amount


def test_no_rule_for_the_stage():
    assert select_policy(RULES, stage="reply", queue="reports", category="x", grade="y") is None


def test_shipped_defaults_cover_every_stage():
    """Every stage has a limit for every queue (2022/19, 2021/20), and regulator
    referrals run on a shorter clock of their own (2022/21)."""
    rules = load_default_policies()
    defaults = {r.stage: (r.amount, r.unit) for r in rules if r.queue == "*"}
    referrals = {r.stage: (r.amount, r.unit) for r in rules if r.queue == "referrals"}
    assert {r.queue for r in rules} == {"*", "referrals"}
    assert referrals == {
        "accept": (4, "hours"),
        "screen": (1, "working_days"),
        "dispose": (1, "working_days"),
        "reply": (1, "working_days"),
    }
    assert defaults == {
        "accept": (1, "working_days"),
        "screen": (2, "working_days"),
        "dispose": (3, "working_days"),
        "reply": (1, "working_days"),
        "appeal_decision": (5, "working_days"),
        "correction": (7, "working_days"),
    }


@pytest.mark.parametrize(
    ("stage", "amount", "unit"),
    [
        ("accept", 0, "hours"),
        ("accept", 1.5, "working_days"),
        ("nap", 1, "hours"),
        ("accept", 1, "weeks"),
    ],
)
def test_invalid_limits_refused(stage, amount, unit):
    with pytest.raises(ValidationError):
        validate_limit(stage, amount, unit)


def _clock(**kw) -> Clock:
    base = {
        "case_id": 1,
        "stage": "dispose",
        "amount": 3,
        "unit": "working_days",
        "started_at": t("2026-03-02T10:00+08:00"),
        "due_at": t("2026-03-06T00:00+08:00"),
    }
    return Clock(**{**base, **kw})


def test_levels_of_a_working_day_clock():
    clock, th = _clock(), Thresholds()
    assert level_of(clock, t("2026-03-04T23:59+08:00"), CAL, th, []) == 0
    assert level_of(clock, t("2026-03-05T00:00+08:00"), CAL, th, []) == WARNED
    assert level_of(clock, t("2026-03-06T00:00+08:00"), CAL, th, []) == WARNED  # due, not past
    assert level_of(clock, t("2026-03-06T00:00:01+08:00"), CAL, th, []) == BREACHED
    # A paused clock keeps the level it had.
    paused = _clock(state="paused", warning_level=0)
    assert level_of(paused, t("2026-03-09T00:00+08:00"), CAL, th, []) == 0


def test_elapsed_share_uses_working_time_and_extensions():
    # A 1-day clock started Friday 13 Feb 18:00, due Sunday 00:00 (Saturday is a make-up day).
    clock = _clock(
        amount=1,
        started_at=t("2026-02-13T18:00+08:00"),
        due_at=t("2026-02-15T00:00+08:00"),
    )
    th = Thresholds(elapsed_share=0.75, working_days_left=0)
    # Friday evening uses none of the one-day allowance (30 h left > 24 h).
    assert level_of(clock, t("2026-02-13T23:00+08:00"), CAL, th, []) == 0
    # Saturday 17:59: 6 h 1 min left of 24 h -> 74.9% used; 18:00 -> 75%.
    assert level_of(clock, t("2026-02-14T17:59+08:00"), CAL, th, []) == 0
    assert level_of(clock, t("2026-02-14T18:00+08:00"), CAL, th, []) == WARNED
    # With a 1-day extension on record (allowance 48 h) 6 h left is 87.5% used.
    assert (
        level_of(clock, t("2026-02-14T18:00+08:00"), CAL, th, [Extension(1, "working_days")])
        == WARNED
    )
    assert (
        level_of(clock, t("2026-02-14T06:00+08:00"), CAL, th, [Extension(1, "working_days")]) == 0
    )


def test_hours_clock_uses_calendar_time_and_ignores_working_days_left():
    clock = _clock(
        amount=8,
        unit="hours",
        started_at=t("2026-03-02T10:00+08:00"),
        due_at=t("2026-03-02T18:00+08:00"),
    )
    th = Thresholds(elapsed_share=0.75, working_days_left=1)
    assert level_of(clock, t("2026-03-02T15:59+08:00"), CAL, th, []) == 0
    assert level_of(clock, t("2026-03-02T16:00+08:00"), CAL, th, []) == WARNED
