"""Handling time-limit policies: queue x category x account grade x stage.

A policy row names a queue, a report category and an account grade, each of
which may be ``*`` (any).  For a clock the most specific matching row wins:
a named queue outweighs a named category, which outweighs a named grade
(weights 4, 2, 1).  When no row matches, the shipped defaults
(``workbench/resources/policies/default_time_limits.json``) apply, with the same rule.

Changing a policy does not move open clocks by itself: see
:mod:`workbench.timelimits.retime` for the preview and the recomputation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

from sqlmodel import Session, select

from workbench.access.auth import Actor, require_role
from workbench.errors import NotFound, ValidationError
from workbench.models import (
    Account,
    Appeal,
    Case,
    Clock,
    CorrectionOrder,
    Measure,
    TimeLimitPolicy,
    utcnow,
)
from workbench.models.codes import LimitUnit, Role, Stage
from workbench.records import audit
from workbench.resources import Traversable, resource

ANY = "*"
DEFAULTS_FILE = resource("policies/default_time_limits.json")


@dataclass(frozen=True)
class PolicyRule:
    """One limit: the key it applies to and the amount.  ``policy_id`` and
    ``version`` are None for a shipped default that is not in the database."""

    queue: str
    category: str
    grade: str
    stage: str
    amount: float
    unit: str
    policy_id: int | None = None
    version: int | None = None

    @property
    def specificity(self) -> int:
        return (
            (4 if self.queue != ANY else 0)
            + (2 if self.category != ANY else 0)
            + (1 if self.grade != ANY else 0)
        )

    def matches(self, stage: str, queue: str, category: str, grade: str) -> bool:
        return (
            self.stage == stage
            and self.queue in (ANY, queue)
            and self.category in (ANY, category)
            and self.grade in (ANY, grade)
        )


def validate_limit(stage: str, amount: float, unit: str) -> None:
    if stage not in {s.value for s in Stage}:
        raise ValidationError(f"阶段 {stage!r} 无效", f"unknown stage {stage!r}")
    if unit not in {u.value for u in LimitUnit}:
        raise ValidationError(
            f"时限单位 {unit!r} 无效，应为 hours 或 working_days",
            f"unit {unit!r} is not hours or working_days",
        )
    if not amount or amount <= 0:
        raise ValidationError("时限须大于零", "the limit must be greater than zero")
    if unit == LimitUnit.WORKING_DAYS and amount != int(amount):
        raise ValidationError("工作日数须为整数", "working days must be a whole number")


def load_default_policies(path: Path | Traversable | None = None) -> list[PolicyRule]:
    """The shipped default limits (validated; the shipped file is read once)."""
    # Paths and package files hash; the Traversable protocol just does not promise it.
    return list(_read_policies(path or DEFAULTS_FILE))  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def _read_policies(path: Path | Traversable) -> tuple[PolicyRule, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rules = []
    for item in data["policies"]:
        rule = PolicyRule(
            queue=item.get("queue", ANY),
            category=item.get("category", ANY),
            grade=item.get("grade", ANY),
            stage=item["stage"],
            amount=float(item["amount"]),
            unit=item["unit"],
        )
        validate_limit(rule.stage, rule.amount, rule.unit)
        rules.append(rule)
    return tuple(rules)


def select_policy(
    rules: Iterable[PolicyRule], *, stage: str, queue: str, category: str, grade: str
) -> PolicyRule | None:
    """The most specific rule matching the key, or None."""
    best = None
    for rule in rules:
        if rule.matches(stage, queue, category, grade) and (
            best is None or rule.specificity > best.specificity
        ):
            best = rule
    return best


def rule_of(row: TimeLimitPolicy) -> PolicyRule:
    return PolicyRule(
        row.queue, row.category, row.grade, row.stage, row.amount, row.unit, row.id, row.version
    )


def resolve_policy(
    session: Session,
    *,
    stage: str,
    queue: str = ANY,
    category: str = ANY,
    grade: str = ANY,
    defaults: list[PolicyRule] | None = None,
) -> PolicyRule:
    """The limit for a stage of a clock with this queue, category and grade."""
    rows = session.exec(select(TimeLimitPolicy).where(TimeLimitPolicy.stage == stage)).all()
    key = {"stage": stage, "queue": queue, "category": category, "grade": grade}
    found = select_policy([rule_of(r) for r in rows], **key)
    if found is None:
        found = select_policy(defaults if defaults is not None else load_default_policies(), **key)
    if found is None:
        raise NotFound(
            f"阶段 {stage} 没有处理时限", f"no time limit is defined for the stage {stage}"
        )
    return found


def seed_default_policies(session: Session, actor: Actor | None) -> int:
    """Store the shipped defaults whose keys are not in the database yet.

    ``actor`` None is the system setting up a new database.
    """
    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR)
    existing = {
        (r.queue, r.category, r.grade, r.stage) for r in session.exec(select(TimeLimitPolicy)).all()
    }
    added = []
    for rule in load_default_policies():
        if (rule.queue, rule.category, rule.grade, rule.stage) in existing:
            continue
        session.add(
            TimeLimitPolicy(
                queue=rule.queue,
                category=rule.category,
                grade=rule.grade,
                stage=rule.stage,
                amount=rule.amount,
                unit=rule.unit,
                updated_by=actor.id if actor else None,
            )
        )
        added.append(rule)
    session.flush()
    if added:
        audit.record(
            session,
            actor,
            "policy.seed",
            "time_limit_policy",
            None,
            after={"policies": [r.__dict__ for r in added]},
        )
    return len(added)


def set_policy(
    session: Session,
    actor: Actor,
    *,
    stage: str,
    amount: float,
    unit: str,
    queue: str = ANY,
    category: str = ANY,
    grade: str = ANY,
) -> TimeLimitPolicy:
    """Create or change the limit for one key (administrator); bumps its version."""
    require_role(actor, Role.ADMINISTRATOR)
    validate_limit(stage, amount, unit)
    row = session.exec(
        select(TimeLimitPolicy).where(
            TimeLimitPolicy.queue == queue,
            TimeLimitPolicy.category == category,
            TimeLimitPolicy.grade == grade,
            TimeLimitPolicy.stage == stage,
        )
    ).first()
    before = None
    if row is None:
        row = TimeLimitPolicy(
            queue=queue, category=category, grade=grade, stage=stage, amount=amount, unit=unit
        )
    else:
        before = {"amount": row.amount, "unit": row.unit, "version": row.version}
        row.amount, row.unit, row.version = amount, unit, row.version + 1
    row.updated_by = actor.id
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "policy.set",
        "time_limit_policy",
        row.id,
        before=before,
        after={
            "queue": queue,
            "category": category,
            "grade": grade,
            "stage": stage,
            "amount": amount,
            "unit": unit,
            "version": row.version,
        },
    )
    return row


def list_policies(session: Session) -> list[PolicyRule]:
    rows = session.exec(
        select(TimeLimitPolicy).order_by(
            TimeLimitPolicy.stage,
            TimeLimitPolicy.queue,
            TimeLimitPolicy.category,
            TimeLimitPolicy.grade,
        )
    ).all()
    return [rule_of(r) for r in rows]


class PolicyKey(TypedDict):
    """What a clock's time-limit policy is looked up by, beside its stage."""

    queue: str
    category: str
    grade: str


def policy_key(session: Session, clock_or_owner) -> PolicyKey:
    """The queue, category and account grade a clock's policy is looked up by."""
    case = appeal = order = None
    if isinstance(clock_or_owner, Clock):
        c = clock_or_owner
        if c.case_id is not None:
            case = session.get(Case, c.case_id)
        elif c.appeal_id is not None:
            appeal = session.get(Appeal, c.appeal_id)
        else:
            order = session.get(CorrectionOrder, c.correction_order_id)
    elif isinstance(clock_or_owner, Case):
        case = clock_or_owner
    elif isinstance(clock_or_owner, Appeal):
        appeal = clock_or_owner
    else:
        order = clock_or_owner
    account_id = None
    if appeal is not None:
        measure = session.get(Measure, appeal.measure_id)
        case = session.get(Case, measure.case_id) if measure and measure.case_id else None
        account_id = appeal.account_id
    elif order is not None:
        case = session.get(Case, order.case_id) if order.case_id else None
        account_id = order.account_id
    if case is not None and account_id is None:
        account_id = case.target_account_id
    account = session.get(Account, account_id) if account_id is not None else None
    return {
        # Appeals are decided in their own queue, keyed '*'.
        "queue": case.queue if case is not None and appeal is None else ANY,
        "category": case.category if case is not None else ANY,
        "grade": account.grade if account is not None else ANY,
    }
