"""The demo's reviewers (one or more per role), calendar and time-limit policies.

Every demo reviewer signs in with :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from workbench.access import auth
from workbench.access.auth import Actor
from workbench.models.codes import Role

DEMO_PASSWORD = "demo-pass-2026"

# login, display name, roles
REVIEWERS = (
    ("admin1", "管理员 周文", (Role.ADMINISTRATOR,)),
    ("sup1", "主管 陈静", (Role.SUPERVISOR,)),
    ("sup2", "主管 李强", (Role.SUPERVISOR,)),
    ("mod1", "审核员 王芳", (Role.MODERATOR,)),
    ("mod2", "审核员 张伟", (Role.MODERATOR,)),
    ("mod3", "审核员 刘洋", (Role.MODERATOR,)),
    ("mod4", "审核员 赵敏", (Role.MODERATOR,)),
    ("appeal1", "申诉复核 孙磊", (Role.APPEAL_REVIEWER,)),
    ("appeal2", "申诉复核 吴娟", (Role.APPEAL_REVIEWER,)),
)


@dataclass
class Staff:
    """The demo reviewers as actors, by role."""

    admin: Actor
    supervisors: list[Actor]
    moderators: list[Actor]
    appeal_reviewers: list[Actor]

    @property
    def logins(self) -> list[tuple[str, str]]:
        everyone = [self.admin, *self.supervisors, *self.moderators, *self.appeal_reviewers]
        return [(a.login, ", ".join(sorted(a.roles))) for a in everyone]


def create_staff(session: Session) -> Staff:
    """Create the demo reviewers (the administrator first, who then adds the others)."""
    actors: list[Actor] = []
    admin: Actor | None = None
    for login, name, roles in REVIEWERS:
        reviewer = auth.create_reviewer(
            session, admin, login=login, display_name=name, roles=roles, password=DEMO_PASSWORD
        )
        actor = auth.actor_of(session, reviewer)
        if admin is None:
            admin = actor
        actors.append(actor)

    def having(role: Role) -> list[Actor]:
        return [a for a in actors if a.has(role)]

    return Staff(
        admin=having(Role.ADMINISTRATOR)[0],
        supervisors=having(Role.SUPERVISOR),
        moderators=having(Role.MODERATOR),
        appeal_reviewers=having(Role.APPEAL_REVIEWER),
    )


def seed_calendar_and_policies(session: Session, admin: Actor, years: list[int]) -> dict:
    """The statutory holidays of ``years`` (chinese_calendar) and the shipped time-limit policies.

    Only the years the demo's cases span are seeded: every clock reads the
    whole calendar, and older years would only slow the demo down.
    """
    from workbench.timelimits.calendar import seed_from_chinese_calendar
    from workbench.timelimits.policies import seed_default_policies

    seeded = seed_from_chinese_calendar(session, admin, years=years)
    policies = seed_default_policies(session, admin)
    return {"calendar_years": seeded.years, "calendar_days": seeded.days, "policies": policies}
