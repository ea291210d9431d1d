"""Errors a reviewer can read: what was refused and why, Chinese first."""

from __future__ import annotations


class WorkbenchError(Exception):
    """A refused action.  Nothing was changed when one is raised."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class PermissionDenied(WorkbenchError):
    """The acting reviewer lacks the role the action needs."""


class InvalidTransition(WorkbenchError):
    """The case, appeal or measure is not in a state that allows the move."""


class StaleVersion(WorkbenchError):
    """Someone else changed the record since the reviewer loaded it."""


class NotFound(WorkbenchError):
    """The record named does not exist."""


class ValidationError(WorkbenchError):
    """The input is incomplete or malformed."""


class ClaimConflict(WorkbenchError):
    """The case is claimed by another reviewer."""


class AuthenticationFailed(WorkbenchError):
    """Wrong login or password, an inactive reviewer, or a locked account."""


class NotSignedIn(WorkbenchError):
    """No valid sign-in: the session token is missing, expired or revoked."""
