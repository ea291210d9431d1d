"""The demo is built relative to its day (issue 18): whichever day it is built on, its
open cases are a realistic mix of due soon, at risk and breached, in about the same
proportions, and none is overdue by weeks (it used to show 超时 54 天)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from workbench.db import make_engine, session_scope
from workbench.demo.run import DemoOptions, build_demo
from workbench.demo.timeline import FINISHED_AFTER
from workbench.models import Clock
from workbench.schema import upgrade
from workbench.timelimits import risk

BEIJING = timezone(timedelta(hours=8))
#: Two ordinary working days months apart.
DAYS = (
    datetime(2026, 3, 11, 10, 0, tzinfo=BEIJING),  # a Wednesday
    datetime(2026, 11, 24, 10, 0, tzinfo=BEIJING),  # a Tuesday
)


def _mix(tmp_path, now: datetime) -> dict[str, float]:
    engine = make_engine(f"sqlite:///{tmp_path / f'demo-{now:%Y%m%d}.sqlite3'}")
    upgrade(engine, backup=False)
    now = now.astimezone(UTC)
    build_demo(engine, DemoOptions(accounts=60, reports=240, now=now))
    with session_scope(engine, write=False) as s:
        open_clocks = s.exec(select(Clock).where(Clock.state == "running")).all()
        at_risk = risk.at_risk(s, now).clocks
    engine.dispose()
    breached = [c for c in open_clocks if c.due_at < now]
    return {
        "open": len(open_clocks),
        "breached": len(breached),
        "at_risk": at_risk,
        "running": len(open_clocks) - len(breached) - at_risk,
        "worst_days_overdue": max(
            ((now - c.due_at) / timedelta(days=1) for c in breached), default=0
        ),
    }


@pytest.mark.slow
def test_the_demo_shows_the_same_mix_on_any_day(tmp_path):
    first, second = (_mix(tmp_path, day) for day in DAYS)
    for mix in (first, second):
        assert mix["breached"] and mix["at_risk"] and mix["running"], mix  # every kind present
        assert mix["breached"] < mix["open"] / 2, mix  # a minority is late
        assert mix["worst_days_overdue"] <= FINISHED_AFTER + 4, mix  # days, not weeks
    assert abs(first["open"] - second["open"]) <= max(3, first["open"] // 4), (first, second)
    for kind in ("breached", "at_risk", "running"):  # each kind's share of the open clocks
        shares = (first[kind] / first["open"], second[kind] / second["open"])
        assert abs(shares[0] - shares[1]) <= 0.15, (kind, first, second)
