"""Who may call which operation, declared once beside the operations.

The services check the roles of every change they make; reads have no
service of their own to refuse them, so the runner checks these before it
runs a read (and before a write too, so a refusal costs no work).
"""

from __future__ import annotations

from workbench.models.codes import REVIEWER_ROLES, Role

ANY_REVIEWER = REVIEWER_ROLES  # never the platform's API clients
CASE_READERS = (Role.MODERATOR, Role.SUPERVISOR, Role.APPEAL_REVIEWER, Role.ADMINISTRATOR)
MODERATORS = (Role.MODERATOR, Role.SUPERVISOR)
SUPERVISORS = (Role.SUPERVISOR,)
SUPERVISION = (Role.SUPERVISOR, Role.ADMINISTRATOR)
APPEALS = (Role.APPEAL_REVIEWER, Role.SUPERVISOR, Role.ADMINISTRATOR)
APPEAL_DECIDERS = (Role.APPEAL_REVIEWER,)
ADMINISTRATORS = (Role.ADMINISTRATOR,)
