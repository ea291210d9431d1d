"""The periodic and batch work the command line runs without a reviewer.

Plain functions on a :class:`~.local.LocalClient`'s database, not registered
operations: they run from cron, a systemd timer or a script on the machine
that holds the database, as the system (no ``--as``), exactly as the commands
always have; the team server never exposes them.  The reviewer's own versions
are operations: :func:`workbench.operations.timelimits.tick_clocks` (every
desktop ticks) and the 数据 menu's imports and checks (:mod:`.jobs`).

* :func:`tick_clocks` raises the warnings and breaches due at a time;
  :func:`sweep_cases` frees expired claims, ends measures that ran out,
  escalates missed correction orders, clears stale case-view heartbeats and
  closes replied cases that no appeal can reopen (:mod:`workbench.cases.closing`).
* :func:`deliver_replies` and :func:`reply_counts`: the reply outbox.
* :func:`import_records`: accounts or reports from a file, in one transaction.
* :func:`run_checks` and :func:`check_thresholds`: the bulk account-level checks.
* :func:`due_time`: a due time in Chinese working days or hours.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import func
from sqlmodel import select

from workbench.cases.bulk_checks import DEFAULT_BATCH, BulkSummary, run_account_checks
from workbench.cases.check_policy import load_policy
from workbench.db import APP_NAME, run_in_transaction, session_scope
from workbench.errors import ValidationError
from workbench.importing.accounts import AccountImport
from workbench.importing.records import ImportFileError, Record
from workbench.importing.run import (
    BadRows,
    ImportOutcome,
    import_accounts_file,
    import_reports_file,
)
from workbench.models import Reply
from workbench.operations.database import ensure_seeded
from workbench.operations.failures import reachable
from workbench.operations.local import LocalClient
from workbench.operations.screening import screener_for_database
from workbench.operations.sweep import Swept, sweep
from workbench.replies.transports import (
    DEFAULT_SENDER,
    DeliveryReport,
    FileDropTransport,
    SmtpTransport,
    deliver_pending,
)
from workbench.rules.account_checks import ACCOUNT_CHECK_CATEGORIES
from workbench.timelimits.alerts import TickResult, tick
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.deadlines import (
    CalendarError,
    CalendarSnapshot,
    Due,
    add_hours,
    add_working_days,
    chinese_calendar_snapshot,
)

__all__ = [
    "ACCOUNT_CHECK_CATEGORIES",
    "AccountImport",
    "DEFAULT_BATCH",
    "DEFAULT_SENDER",
    "BadRows",
    "BulkSummary",
    "DeliveryReport",
    "Due",
    "FileDropTransport",
    "ImportFileError",
    "ImportOutcome",
    "Record",
    "SmtpTransport",
    "Swept",
    "TickResult",
    "CalendarSnapshot",
    "check_thresholds",
    "default_outbox",
    "deliver_replies",
    "due_time",
    "import_records",
    "reply_counts",
    "run_checks",
    "sweep_cases",
    "tick_clocks",
    "working_calendar",
]


# -- clocks and the case workflow ----------------------------------------------------


def tick_clocks(client: LocalClient, now: datetime) -> TickResult:
    """Raise the warnings and breaches due at ``now`` (each once, audited)."""
    return run_in_transaction(client.engine, lambda session: tick(session, now))


def sweep_cases(client: LocalClient, now: datetime) -> Swept:
    """The periodic work of the case workflow at ``now``; running it twice changes nothing more."""
    return sweep(client.engine, now)


# -- the reply outbox ----------------------------------------------------------------


def default_outbox() -> Path:
    """The file transport's drop folder: ``outbox`` in the user data folder."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "outbox"


def deliver_replies(client: LocalClient, transport, *, now: datetime, limit: int) -> DeliveryReport:
    """Try every due reply once through ``transport``."""
    return run_in_transaction(
        client.engine, lambda s: deliver_pending(s, transport, now=now, limit=limit)
    )


def reply_counts(client: LocalClient) -> dict[str, int]:
    """How many replies there are per delivery status."""
    with session_scope(client.engine, write=False) as s:
        rows = s.exec(
            select(Reply.status, func.count()).group_by(Reply.status).order_by(Reply.status)
        ).all()
    return dict(rows)


# -- imports and bulk checks ---------------------------------------------------------


def import_records(
    client: LocalClient,
    what: str,
    path: Path,
    *,
    skip_bad: bool,
    progress: Callable[[str, int, int], None],
    lexicons: str | None = None,
) -> ImportOutcome:
    """Import ``path`` (``what``: accounts or reports) in one transaction, as the system.

    Raises ``ImportFileError`` for a file that cannot be read, ``BadRows`` when
    bad rows stopped it (nothing stored), a ``ValidationError`` for unreadable
    lexicons and a :class:`~.failures.ToolError` when the database cannot be written.
    """
    engine = client.engine
    with reachable(writing=True):
        if what == "accounts":
            screener = screener_for_database(engine, lexicons)
            return import_accounts_file(
                engine, path, screener=screener, skip_bad=skip_bad, progress=progress,
                prepare=lambda: _seed(engine),
            )  # fmt: skip
        return import_reports_file(
            engine, path, skip_bad=skip_bad, progress=progress, prepare=lambda: _seed(engine)
        )


def _seed(engine) -> None:
    ensure_seeded(engine)


def run_checks(
    client: LocalClient,
    *,
    batch_size: int = DEFAULT_BATCH,
    open_cases: bool = True,
    progress: Callable[[BulkSummary], None] | None = None,
    text: bool = False,
    lexicons: str | None = None,
) -> BulkSummary:
    """Check every account in service (``text``: its information against the text rules
    too), store new hits and file them; batches commit one by one."""
    engine = client.engine
    with reachable():
        screener = screener_for_database(engine, lexicons, images=False) if text else None
        return run_account_checks(
            engine,
            batch_size=batch_size,
            open_cases=open_cases,
            progress=progress,
            screener=screener,
        )


def check_thresholds(client: LocalClient) -> dict:
    """The account-check thresholds in force (the database's policy)."""
    with session_scope(client.engine, write=False) as session:
        return load_policy(session).thresholds()


# -- due times -----------------------------------------------------------------------


def working_calendar(client: LocalClient | None) -> CalendarSnapshot:
    """The database's working-day calendar with ``client`` (an administrator's edits and
    imported years included; ``covered_years`` empty when none are loaded), else
    the ``chinese_calendar`` package's, in memory."""
    if client is None:
        return chinese_calendar_snapshot()
    with session_scope(client.engine, write=False) as session:
        return load_snapshot(session)


def due_time(
    calendar: CalendarSnapshot,
    start: datetime,
    *,
    working_days: int | None = None,
    hours: float | None = None,
) -> Due:
    """When something started at ``start`` is due: after ``working_days`` working days
    of ``calendar`` or ``hours`` calendar hours."""
    try:
        if working_days is not None:
            return add_working_days(start, working_days, calendar)
        return add_hours(start, hours or 0.0)
    except (CalendarError, OverflowError) as exc:
        raise ValidationError("无法计算", f"cannot compute the due time: {exc}") from exc
