"""Credit grades (2022/18 据以提供相应服务, 2021/13): services according to credit.

An account's credit score (0-100) falls as measures take effect and comes back
when they are revoked (:mod:`workbench.measures.account_effects`).  Its grade
follows from the score by thresholds, the setting ``credit.grades``::

    {"thresholds": {"A": 80, "B": 60, "C": 40},
     "restricts": {"A": [], "B": [], "C": ["monetise", "ads"],
                   "D": ["post", "follow", "monetise", "ads", "live"]}}

A score at or above A's threshold is grade A, at or above B's is B, at or above
C's is C, and below that D.  Each grade takes away the functions ``restricts``
names (the measure catalogue's functions), which join the restrictions of the
measures in force on the account.  A change of grade is audited
(``account.credit_grade``), told to the holder through the outbox (template
``credit_grade_changed``, filed with the measure that moved the score) and
re-weighs the priority of the account's open cases (:mod:`workbench.cases.priority`).
Changing the thresholds regrades every account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.priority import refresh_priorities
from workbench.errors import ValidationError
from workbench.measures.measure_catalogue import FUNCTIONS
from workbench.models import Account, Case, Measure
from workbench.models.base import saved
from workbench.models.codes import OPEN_CASE_STATUSES, CreditGrade, RecipientKind, Role
from workbench.records import audit
from workbench.replies.reply_drafts import build_draft, enqueue
from workbench.settings import get_setting, put_setting
from workbench.timelimits.appeal_window import local_date

SETTING = "credit.grades"
GRADES = [g.value for g in CreditGrade]
THRESHOLD_GRADES = GRADES[:-1]  # D is what falls below C


@dataclass(frozen=True)
class GradePolicy:
    thresholds: dict[str, int] = field(default_factory=lambda: {"A": 80, "B": 60, "C": 40})
    restricts: dict[str, list[str]] = field(
        default_factory=lambda: {
            "A": [],
            "B": [],
            "C": ["monetise", "ads"],
            "D": ["post", "follow", "monetise", "ads", "live"],
        }
    )

    def grade_of(self, score: int) -> str:
        for grade in THRESHOLD_GRADES:
            if score >= self.thresholds[grade]:
                return grade
        return GRADES[-1]

    def as_json(self) -> dict:
        return {"thresholds": dict(self.thresholds), "restricts": dict(self.restricts)}


def _bad(where: str, zh: str, en: str) -> ValidationError:
    return ValidationError(f"信用等级设置 {where}：{zh}", f"credit grades {where}: {en}")


def parse_policy(data: object) -> GradePolicy:
    """A checked grade policy; a missing part keeps its default.  Bad input names where."""
    if not isinstance(data, dict):
        raise _bad("", "应为对象（thresholds、restricts）", "must be an object")
    unknown = sorted(set(data) - {"thresholds", "restricts"})
    if unknown:
        raise _bad(unknown[0], "未知的设置项", "unknown key; use thresholds and restricts")
    default = GradePolicy()
    thresholds = data.get("thresholds", default.thresholds)
    if not isinstance(thresholds, dict) or sorted(thresholds) != THRESHOLD_GRADES:
        raise _bad(
            "thresholds", "须给出 A、B、C 三级的下限分数", "give the lowest score of A, B and C"
        )
    checked: dict[str, int] = {}
    for grade in THRESHOLD_GRADES:
        value = thresholds[grade]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise _bad(
                f"thresholds.{grade}", f"{value!r} 应为 1-100 的整数", f"{value!r} is not 1-100"
            )
        checked[grade] = value
    for higher, lower in zip(THRESHOLD_GRADES, THRESHOLD_GRADES[1:], strict=False):
        if checked[higher] <= checked[lower]:
            raise _bad(
                f"thresholds.{higher}",
                f"{checked[higher]} 须高于 {lower} 级的 {checked[lower]}",
                f"{checked[higher]} must be above {lower}'s {checked[lower]}",
            )
    restricts = data.get("restricts", default.restricts)
    if not isinstance(restricts, dict) or set(restricts) - set(GRADES):
        raise _bad("restricts", "键须为等级 A-D", "keys must be grades A-D")
    functions: dict[str, list[str]] = {}
    for grade in GRADES:
        names = restricts.get(grade, [])
        if not isinstance(names, list) or any(n not in FUNCTIONS for n in names):
            raise _bad(
                f"restricts.{grade}",
                f"功能须从 {', '.join(FUNCTIONS)} 中选择",
                f"name functions from {', '.join(FUNCTIONS)}",
            )
        functions[grade] = sorted(set(names))
    return GradePolicy(checked, functions)


def load_policy(session: Session) -> GradePolicy:
    value = get_setting(session, SETTING)
    return GradePolicy() if value is None else parse_policy(value)


def downgrade_points(policy: GradePolicy, score: int) -> int:
    """Points that take ``score`` to just below the lowest score of its grade, so the grade
    falls one step (降低信用等级, 2021/13); 0 at the lowest grade, which cannot fall."""
    grade = policy.grade_of(score)
    if grade == GRADES[-1]:
        return 0
    return score - (policy.thresholds[grade] - 1)


def restricted_by_grade(policy: GradePolicy, grade: str) -> list[str]:
    return list(policy.restricts.get(grade, []))


def _notify(
    session: Session,
    actor: Actor | None,
    account: Account,
    before: str,
    now: datetime,
    policy: GradePolicy,
):
    """Tell the holder, filed with the latest measure on the account (None: no measure)."""
    measure = session.exec(
        select(Measure).where(Measure.account_id == account.id).order_by(col(Measure.id).desc())
    ).first()
    if measure is None:
        return None
    restricted = restricted_by_grade(policy, account.credit_grade)
    draft = build_draft(
        recipient_kind=RecipientKind.ACCOUNT_HOLDER,
        recipient_address=account.contact,
        template="credit_grade_changed",
        language="zh_CN",
        context={
            "account_name": account.name or account.platform_id,
            "platform_id": account.platform_id,
            "grade_before": before,
            "grade_after": account.credit_grade,
            "credit_score": account.credit_score,
            "restricted_label": "、".join(FUNCTIONS[f][0] for f in restricted) or "无",
            "changed_date": local_date(now),
        },
        case_id=measure.case_id,
        measure_id=measure.id,
    )
    return enqueue(session, actor, draft, now)


def apply_grade(
    session: Session,
    account: Account,
    *,
    actor: Actor | None,
    now: datetime,
    policy: GradePolicy | None = None,
) -> bool:
    """Set the grade the score earns; audited, told and re-weighed if it changed."""
    policy = policy or load_policy(session)
    grade = policy.grade_of(account.credit_score)
    if grade == account.credit_grade:
        return False
    before = account.credit_grade
    account.credit_grade = grade
    session.add(account)
    session.flush()
    reply = _notify(session, actor, account, before, now, policy)
    audit.record(
        session,
        actor,
        "account.credit_grade",
        "account",
        account.id,
        account_id=account.id,
        before={"credit_grade": before},
        after={
            "credit_grade": grade,
            "credit_score": account.credit_score,
            "restricted": restricted_by_grade(policy, grade),
            "notice_reply_id": reply.id if reply else None,
        },
        at=now,
    )
    open_cases = session.exec(
        select(Case).where(
            Case.target_account_id == account.id,
            col(Case.status).in_([s.value for s in OPEN_CASE_STATUSES]),
        )
    ).all()
    refresh_priorities(session, list(open_cases))
    return True


def set_policy(session: Session, actor: Actor, data: object, *, now: datetime) -> list[int]:
    """Change the thresholds and restrictions (administrator); every account regraded.
    The accounts whose grade changed."""
    require_role(actor, Role.ADMINISTRATOR)
    policy = parse_policy(data)
    before = load_policy(session)
    put_setting(session, actor, SETTING, policy.as_json())
    audit.record(
        session,
        actor,
        "credit.grades",
        "setting",
        None,
        before=before.as_json(),
        after=policy.as_json(),
        at=now,
    )
    # account_effects keeps the grade in step and imports this module.
    from workbench.measures.account_effects import recompute_account_status

    changed = []
    rows = session.exec(
        select(Account.id, Account.credit_score, Account.credit_grade).order_by(col(Account.id))
    ).all()
    for account_id, score, current in rows:
        grade = policy.grade_of(score)
        restricted = set(restricted_by_grade(before, current)) != set(
            restricted_by_grade(policy, grade)
        )
        if grade != current or restricted:
            recompute_account_status(session, saved(account_id), actor=actor, now=now)
            changed.append(saved(account_id))
    return changed
