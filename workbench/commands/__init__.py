"""Subcommands of ``workbench``; each module has ``register(subparsers, common)``.

A handler returns the exit code; it raises :class:`CommandError` for input a
person must fix (exit 2 unless said otherwise).
"""

from __future__ import annotations

from workbench.db import DatabaseUrlError, make_engine
from workbench.schema import SchemaTooNewError, upgrade


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def open_database(url: str | None, *, migrate: bool = True):
    """An engine on ``url`` with the schema brought up to date (SQLite backed up first)."""
    try:
        engine = make_engine(url)
    except DatabaseUrlError as exc:
        raise CommandError(str(exc)) from exc
    if migrate:
        try:
            upgrade(engine)
        except SchemaTooNewError as exc:
            engine.dispose()
            raise CommandError(str(exc), exit_code=1) from exc
    return engine


def ensure_seeded(engine) -> str | None:
    """On a database without a calendar, load the statutory holidays and default limits.

    Returns a line saying what was loaded, or None when the database had them.
    """
    from sqlmodel import select

    from workbench.db import run_in_transaction
    from workbench.models import CalendarYear
    from workbench.queues.calendar import seed_from_chinese_calendar
    from workbench.queues.policies import seed_default_policies

    def work(session):
        if session.exec(select(CalendarYear.year).limit(1)).first() is not None:
            return None
        seeded = seed_from_chinese_calendar(session, None)
        policies = seed_default_policies(session, None)
        return (
            f"已载入法定节假日 / loaded holidays and make-up days {seeded.years[0]}-"
            f"{seeded.years[-1]}; {policies} default time limits"
        )

    return run_in_transaction(engine, work)


from workbench.commands import audit as _audit  # noqa: E402
from workbench.commands import backup as _backup  # noqa: E402
from workbench.commands import cases as _cases  # noqa: E402
from workbench.commands import checks as _checks  # noqa: E402
from workbench.commands import clocks as _clocks  # noqa: E402
from workbench.commands import db as _db  # noqa: E402
from workbench.commands import deadline as _deadline  # noqa: E402
from workbench.commands import demo as _demo  # noqa: E402
from workbench.commands import desktop_entry as _desktop_entry  # noqa: E402
from workbench.commands import figures as _figures  # noqa: E402
from workbench.commands import importing as _importing  # noqa: E402
from workbench.commands import outbox as _outbox  # noqa: E402
from workbench.commands import purge as _purge  # noqa: E402
from workbench.commands import report as _report  # noqa: E402
from workbench.commands import reveal as _reveal  # noqa: E402
from workbench.commands import reviewer as _reviewer  # noqa: E402
from workbench.commands import screen as _screen  # noqa: E402

COMMAND_MODULES = [
    _db,
    _audit,
    _reviewer,
    _reveal,
    _deadline,
    _clocks,
    _figures,
    _screen,
    _checks,
    _outbox,
    _demo,
    _cases,
    _importing,
    _report,
    _backup,
    _purge,
    _desktop_entry,
]
