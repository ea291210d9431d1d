"""Subcommands of ``workbench``; each module has ``register(subparsers, common)``.

A handler returns the exit code; it raises :class:`CommandError` for input a
person must fix (exit 2 unless said otherwise).
"""

from __future__ import annotations

from workbench.operations import database as _database


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def open_database(url: str | None, *, migrate: bool = True):
    """An engine on ``url`` with the schema brought up to date (SQLite backed up first)."""
    try:
        return _database.open_database(url, migrate=migrate)
    except _database.DatabaseOpenError as exc:
        raise CommandError(str(exc), exit_code=exc.exit_code) from exc


ensure_seeded = _database.ensure_seeded


from workbench.commands import api_client as _api_client  # noqa: E402
from workbench.commands import audit as _audit  # noqa: E402
from workbench.commands import backup as _backup  # noqa: E402
from workbench.commands import bulk as _bulk  # noqa: E402
from workbench.commands import cases as _cases  # noqa: E402
from workbench.commands import checks as _checks  # noqa: E402
from workbench.commands import clocks as _clocks  # noqa: E402
from workbench.commands import credit as _credit  # noqa: E402
from workbench.commands import db as _db  # noqa: E402
from workbench.commands import deadline as _deadline  # noqa: E402
from workbench.commands import demo as _demo  # noqa: E402
from workbench.commands import desktop_entry as _desktop_entry  # noqa: E402
from workbench.commands import figures as _figures  # noqa: E402
from workbench.commands import importing as _importing  # noqa: E402
from workbench.commands import notes as _notes  # noqa: E402
from workbench.commands import notify as _notify  # noqa: E402
from workbench.commands import outbox as _outbox  # noqa: E402
from workbench.commands import purge as _purge  # noqa: E402
from workbench.commands import report as _report  # noqa: E402
from workbench.commands import reveal as _reveal  # noqa: E402
from workbench.commands import reviewer as _reviewer  # noqa: E402
from workbench.commands import screen as _screen  # noqa: E402
from workbench.commands import serve as _serve  # noqa: E402

COMMAND_MODULES = [
    _db,
    _audit,
    _reviewer,
    _api_client,
    _reveal,
    _deadline,
    _clocks,
    _figures,
    _credit,
    _screen,
    _checks,
    _outbox,
    _demo,
    _cases,
    _bulk,
    _notes,
    _importing,
    _notify,
    _report,
    _backup,
    _purge,
    _desktop_entry,
    _serve,
]
