"""Failures of the plain (unregistered) tools in this package, for the command line.

The registered operations refuse with a
:class:`~workbench.errors.WorkbenchError`; the database owner's tools
and the unattended jobs (:mod:`.maintenance`, :mod:`.unattended`,
:mod:`.records`, :mod:`.screening`) refuse input a person must fix the same way
(a ``ValidationError``), and raise :class:`ToolError` for everything else,
with the message (Chinese first) and the exit code the command returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError

from workbench.errors import NotFound, PermissionDenied, ValidationError, WorkbenchError
from workbench.operations.database import DatabaseOpenError

__all__ = [
    "DatabaseOpenError",
    "NotFound",
    "PermissionDenied",
    "ToolError",
    "ValidationError",
    "WorkbenchError",
    "reachable",
]


class ToolError(Exception):
    """A tool cannot do its work; ``str()`` says why, ``exit_code`` is 1 or 2."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def reachable(*, writing: bool = False) -> Iterator[None]:
    """Turns a database that cannot be reached (or written) into a :class:`ToolError` (exit 1)."""
    try:
        yield
    except OperationalError as exc:
        if writing:
            raise ToolError(f"无法写入数据库 / cannot write the database: {exc.orig}", 1) from exc
        raise ToolError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
