"""Refusals as they cross between the server and its clients.

A refused operation raises a :class:`~workbench.errors.WorkbenchError`
on the server; the server answers with its kind and both texts, and the
remote client raises the same kind again, so the desktop shows the same words
whichever way it runs.  Database refusals (a broken constraint) are turned
into words here too, once for both transports.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from workbench import errors as service_errors
from workbench.db import explain_integrity_error
from workbench.errors import NotSignedIn, WorkbenchError
from workbench.importing.records import ImportFileError
from workbench.operations.database import DatabaseOpenError


class ServerUnavailable(WorkbenchError):
    """The workbench server cannot be reached; nothing was changed."""


class Conflict(WorkbenchError):
    """An idempotency key was reused for a different request."""


class DatabaseRefused(WorkbenchError):
    """The database refused the change (a constraint); nothing was changed."""


KINDS: dict[str, type[WorkbenchError]] = {
    cls.__name__: cls
    for cls in (
        WorkbenchError,
        service_errors.PermissionDenied,
        service_errors.InvalidTransition,
        service_errors.StaleVersion,
        service_errors.NotFound,
        service_errors.ValidationError,
        service_errors.ClaimConflict,
        service_errors.AuthenticationFailed,
        NotSignedIn,
        ServerUnavailable,
        Conflict,
        DatabaseRefused,
    )
}

#: HTTP status per kind; anything else a reviewer can read is 422.
STATUS = {
    "PermissionDenied": 403,
    "NotFound": 404,
    "StaleVersion": 409,
    "ClaimConflict": 409,
    "InvalidTransition": 409,
    "Conflict": 409,
    "AuthenticationFailed": 401,
    "NotSignedIn": 401,
    "ServerUnavailable": 503,
}


def _pair(text: str) -> tuple[str, str]:
    zh, _, en = text.partition(" / ")
    return zh, en or text


def readable(exc: BaseException) -> WorkbenchError | None:
    """``exc`` as an error a reviewer can read, or None for a fault (a bug)."""
    if isinstance(exc, WorkbenchError):
        return exc
    if isinstance(exc, IntegrityError):
        return DatabaseRefused(*_pair(explain_integrity_error(exc)))
    if isinstance(exc, ImportFileError | DatabaseOpenError):  # their messages are "zh / en"
        return WorkbenchError(*_pair(str(exc)))
    if isinstance(exc, OperationalError):
        return ServerUnavailable(
            "无法访问数据库，请检查网络或数据库设置后重试",
            f"the database could not be reached; check the connection and retry ({exc.orig})",
        )
    return None


def to_wire(exc: WorkbenchError) -> dict[str, Any]:
    kind = type(exc).__name__
    while kind not in KINDS:  # a subclass the client does not know: its nearest known kind
        kind = next(
            (c.__name__ for c in type(exc).__mro__[1:] if c.__name__ in KINDS), "WorkbenchError"
        )
    return {"kind": kind, "zh": exc.zh, "en": exc.en}


def from_wire(data: Any) -> WorkbenchError:
    if not isinstance(data, dict):
        return WorkbenchError("服务器返回了无法识别的错误", f"the server answered: {data!r:.200}")
    cls = KINDS.get(str(data.get("kind")), WorkbenchError)
    return cls(str(data.get("zh", "")), str(data.get("en", "")))


def status_of(exc: WorkbenchError) -> int:
    return STATUS.get(to_wire(exc)["kind"], 422)
