"""The database owner's tools: schema upgrade, PostgreSQL grants, backup and
restore, the first seeding, the first reviewer, the reviewer roster, the demo data.

Plain functions, not registered operations: they run on this machine, on a
database this process opens (a URL) or on a :class:`~.local.LocalClient`'s
engine, before any reviewer exists or without one, so the team server never
exposes them.  The commands in ``workbench/commands`` call them so that they
never touch the engine, SQLAlchemy or the services themselves.  A failure is a
:class:`~.failures.ToolError` with its message and exit code; a refused
reviewer change a :class:`~workbench.errors.WorkbenchError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from workbench.access import auth
from workbench.db import DatabaseUrlError, make_engine, run_in_transaction, session_scope
from workbench.demo.run import (
    DEFAULT_ACCOUNTS,
    DEFAULT_REPORTS,
    DEFAULT_SEED,
    DemoOptions,
    DemoSummary,
)
from workbench.demo.run import account_count as _account_count
from workbench.demo.run import build_demo as _build_demo
from workbench.demo.setup import DEMO_PASSWORD
from workbench.models import Reviewer
from workbench.operations.database import ensure_seeded
from workbench.operations.failures import ToolError, reachable
from workbench.operations.local import LocalClient
from workbench.pg_roles import GrantError, GrantResult, grant
from workbench.records.backup import BackupError, DatabaseState, backup_database, restore_database
from workbench.schema import SchemaTooNewError, UpgradeResult, upgrade
from workbench.timelimits.calendar import seed_from_chinese_calendar
from workbench.timelimits.policies import seed_default_policies

__all__ = [
    "DEFAULT_ACCOUNTS",
    "DEFAULT_REPORTS",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "DatabaseState",
    "DemoOptions",
    "DemoSummary",
    "GrantResult",
    "RosterLine",
    "Seeded",
    "UpgradeResult",
    "account_count",
    "add_first_reviewer",
    "backup",
    "build_demo",
    "grant_role",
    "restore",
    "reviewer_roster",
    "seed_calendar",
    "upgrade_database",
]


def _engine(url: str | None):
    """An engine on ``url`` without touching the schema (the tools decide that)."""
    try:
        return make_engine(url)
    except DatabaseUrlError as exc:
        raise ToolError(str(exc)) from exc


# -- schema and grants ---------------------------------------------------------------


def upgrade_database(url: str | None) -> tuple[UpgradeResult, str | None]:
    """Create or upgrade the schema, then seed a database without a calendar.

    Returns the upgrade and the line saying what was seeded (None: nothing).
    """
    engine = _engine(url)
    try:
        with reachable():
            result = upgrade(engine)
            seeded = ensure_seeded(engine)
    except SchemaTooNewError as exc:
        raise ToolError(str(exc), exit_code=1) from exc
    finally:
        engine.dispose()
    return result, seeded


def grant_role(url: str | None, role: str) -> GrantResult:
    """Give the PostgreSQL login ``role`` what the workbench needs and no more
    (see :mod:`workbench.pg_roles`); run by the database's owner."""
    engine = _engine(url)
    try:
        with reachable():
            return grant(engine, role)
    except GrantError as exc:
        raise ToolError(str(exc), exc.exit_code) from exc
    finally:
        engine.dispose()


# -- backup and restore (embedded SQLite) ----------------------------------------------


def backup(url: str | None, destination: Path) -> DatabaseState:
    """A consistent copy of the embedded database, safe while it is in use."""
    engine = _engine(url)
    try:
        return backup_database(engine, destination)
    except BackupError as exc:
        raise ToolError(str(exc)) from exc
    finally:
        engine.dispose()


def restore(url: str | None, source: Path, *, force: bool = False) -> DatabaseState:
    """The embedded database restored from ``source`` (a newer one only with ``force``)."""
    engine = _engine(url)
    try:
        return restore_database(engine, source, force=force)
    except BackupError as exc:
        raise ToolError(str(exc)) from exc
    finally:
        engine.dispose()


# -- first setup ---------------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    version: int
    days: int
    years: list[int]
    policies: int


def seed_calendar(client: LocalClient) -> Seeded:
    """Record the statutory holidays and make-up days ``chinese_calendar`` knows and the
    shipped default time limits (existing rows and manual calendar edits are kept)."""

    def work(session):
        seeded = seed_from_chinese_calendar(session, None)
        return Seeded(
            seeded.version, seeded.days, list(seeded.years), seed_default_policies(session, None)
        )

    return run_in_transaction(client.engine, work)


def add_first_reviewer(
    client: LocalClient, *, login: str, display_name: str, roles: list[str], password: str
) -> str:
    """Add a reviewer with nobody signed in: allowed for the very first reviewer of
    an empty database only (refused otherwise, as the service refuses it).
    Returns the login."""

    def work(session):
        return auth.create_reviewer(
            session, None, login=login, display_name=display_name, roles=roles, password=password
        ).login

    return run_in_transaction(client.engine, work)


@dataclass(frozen=True)
class RosterLine:
    login: str
    name: str
    roles: tuple[str, ...]
    active: bool


def reviewer_roster(client: LocalClient) -> list[RosterLine]:
    """Every reviewer by login with their roles (read by the database's owner)."""
    with session_scope(client.engine, write=False) as session:
        return [
            RosterLine(
                r.login,
                r.display_name,
                tuple(sorted(auth.actor_of(session, r).roles)),
                r.active,
            )
            for r in session.exec(select(Reviewer).order_by(Reviewer.login))
        ]


# -- demo data -----------------------------------------------------------------------


def account_count(client: LocalClient) -> int:
    return _account_count(client.engine)


def build_demo(
    client: LocalClient, options: DemoOptions, progress: Callable[[str], None] = lambda _m: None
) -> DemoSummary:
    """Fill the (empty) database with the demo data set, through the services."""
    return _build_demo(client.engine, options, progress=progress)
