"""Credit grades (2022/18): the thresholds and restricted functions in force, and
changing them (administrators; every account regraded, each change audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.measures import credit_grades
from workbench.models import utcnow
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import ADMINISTRATORS, SUPERVISION

__all__ = ["CreditGradePolicy", "credit_grade_policy", "set_credit_grade_policy"]


@dataclass(frozen=True)
class CreditGradePolicy:
    thresholds: dict[str, int]  # the lowest score of grades A, B and C; D below C
    restricts: dict[str, list[str]]  # grade: the functions it restricts
    regraded: int = 0  # accounts whose grade or restrictions changed with this policy


@operation(write=False, roles=SUPERVISION)
def credit_grade_policy(ctx: Ctx) -> CreditGradePolicy:
    """The credit-grade thresholds and the functions each grade restricts."""
    policy = credit_grades.load_policy(ctx.session)
    return CreditGradePolicy(dict(policy.thresholds), dict(policy.restricts))


@operation(write=True, roles=ADMINISTRATORS)
def set_credit_grade_policy(ctx: Ctx, *, policy: dict[str, Any]) -> CreditGradePolicy:
    """Replace the thresholds and/or restrictions; bad input is refused naming where."""
    changed = credit_grades.set_policy(ctx.session, ctx.signed_in, policy, now=ctx.now or utcnow())
    stored = credit_grades.load_policy(ctx.session)
    return CreditGradePolicy(dict(stored.thresholds), dict(stored.restricts), len(changed))
