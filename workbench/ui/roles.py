"""What each role sees and may use in the desktop (the services still check).

``RoleGate(actor)`` answers ``allows(*roles)`` and applies that to widgets and
actions: ``gate.show_for(widget, "supervisor")`` hides it from others,
``gate.enable_for(action, "moderator", "supervisor")`` disables it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from workbench.models.codes import REVIEWER_ROLES, Role
from workbench.models.views import QueueName
from workbench.operations.access import Actor

_WORKERS = (Role.MODERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR)

#: Roles that see each queue.
QUEUE_ROLES: dict[str, tuple[str, ...]] = {
    QueueName.REPORTS: _WORKERS,
    QueueName.COMPLAINTS: _WORKERS,
    QueueName.REFERRALS: _WORKERS,
    QueueName.APPEALS: (Role.APPEAL_REVIEWER, Role.SUPERVISOR, Role.ADMINISTRATOR),
    QueueName.CHANGE_REQUESTS: _WORKERS,
    QueueName.CORRECTIONS: _WORKERS,
    QueueName.ESCALATIONS: _WORKERS,
    QueueName.APPROVALS: (Role.SUPERVISOR, Role.ADMINISTRATOR),
    QueueName.AUTOMATED: _WORKERS,
    QueueName.MINE: REVIEWER_ROLES,
}


class RoleGate:
    def __init__(self, actor: Actor):
        self.actor = actor

    def allows(self, *roles: str) -> bool:
        return any(self.actor.has(str(r)) for r in roles)

    def queues(self, order) -> list[str]:
        return [str(q) for q in order if self.allows(*QUEUE_ROLES[QueueName(q)])]

    def show_for(self, target: QWidget | QAction, *roles: str) -> bool:
        allowed = self.allows(*roles)
        target.setVisible(allowed)
        return allowed

    def enable_for(self, target: QWidget | QAction, *roles: str) -> bool:
        allowed = self.allows(*roles)
        target.setEnabled(allowed)
        return allowed
