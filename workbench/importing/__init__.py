"""Importing accounts and reports from CSV (with a header) or JSON Lines files.

:mod:`.records` reads a file into numbered records and writes reject files,
:mod:`.fields` checks one field at a time, :mod:`.accounts` and
:mod:`.reports` validate rows and store them through the workflow services,
and :mod:`.run` puts a whole import into one transaction.
"""

from __future__ import annotations

from workbench.access.auth import Actor, require_role
from workbench.cases.intake import INTAKE_ROLES
from workbench.models.codes import Role

#: Roles that may import reports as a reviewer (the desktop): those that file
#: reports, as for batched intake by a reviewer.  An import without a reviewer
#: (the command line, a platform feed) is channel intake.
IMPORT_ROLES = INTAKE_ROLES
#: Accounts are the platform's data, which administrators keep as well.
ACCOUNT_IMPORT_ROLES = (*IMPORT_ROLES, Role.ADMINISTRATOR)


def require_importer(actor: Actor | None, roles: tuple = IMPORT_ROLES) -> None:
    """Refuse a reviewer without one of ``roles``; ``None`` is an import by the system."""
    if actor is not None:
        require_role(actor, *roles)
