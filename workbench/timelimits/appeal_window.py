"""The appeal window (2021/20): how long after a measure takes effect the account holder
may appeal it, in Beijing calendar days (setting ``appeals.window_days``, default 15).

Filing an appeal, telling the holder of a measure, entering an appeal by hand and filing a
case away all ask the same question here: is the window still open?
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from workbench.models import SHANGHAI, Measure
from workbench.settings import days_setting

WINDOW_SETTING = "appeals.window_days"
DEFAULT_WINDOW_DAYS = 15
MAX_WINDOW_DAYS = 365


def appeal_window_days(session: Session) -> int:
    """Days after a measure takes effect within which it may be appealed (setting)."""
    return days_setting(
        session, WINDOW_SETTING, DEFAULT_WINDOW_DAYS, minimum=1, maximum=MAX_WINDOW_DAYS
    )


def local_date(at: datetime) -> date:
    """The Beijing calendar date of an instant."""
    return at.astimezone(SHANGHAI).date()


def appeal_deadline(measure: Measure, window_days: int) -> date:
    """The last Beijing calendar day on which the measure may be appealed."""
    start = measure.effective_from or measure.decided_at
    return local_date(start) + timedelta(days=window_days)
