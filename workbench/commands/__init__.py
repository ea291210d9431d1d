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
