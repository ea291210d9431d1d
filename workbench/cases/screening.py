"""Screening (甄别): the reviewer's findings on a case.

The reviewer records the violated categories, each with its legal basis
(``2022/8(2)`` style; the category's usual basis when none is given), decides
every rule hit of the case or its account (accepted or dismissed, through
:func:`workbench.cases.hit_store.decide_hit`; dismissals feed each rule's
dismissal rate), and writes notes.  Recording findings on an
accepted case starts its screening.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.casework import (
    case_state,
    load_for_action,
    move,
    now_or,
    require_status,
    save,
)
from workbench.cases.hit_store import decide_hit
from workbench.cases.legal_basis import check_basis
from workbench.cases.priority import refresh_priority
from workbench.errors import NotFound, ValidationError
from workbench.models import Finding, RuleHit
from workbench.models.codes import (
    REPORT_CATEGORY_BASIS,
    CaseStatus,
    HitDecision,
    ReportCategory,
)

MAX_BASIS_LENGTH = 32


def _finding(item) -> tuple[str, str | None, str]:
    if isinstance(item, Mapping):
        return item.get("category", ""), item.get("basis"), item.get("notes", "") or ""
    category, basis, *rest = item
    return category, basis, (rest[0] if rest else "") or ""


def check_finding(category: str, basis: str | None) -> tuple[str, str]:
    """The category code and normalised basis of one finding."""
    try:
        category = ReportCategory(category).value
    except ValueError as exc:
        raise ValidationError(
            f"违规类别无效：{category}", f"unknown category {category!r}"
        ) from exc
    if basis is None or not basis.strip():
        basis = REPORT_CATEGORY_BASIS.get(ReportCategory(category))
        if basis is None:
            raise ValidationError(
                f"类别「{category}」没有默认依据，请填写法律依据",
                f"category {category} has no default basis; give the legal basis",
            )
    basis = check_basis(basis)
    if len(basis) > MAX_BASIS_LENGTH:
        raise ValidationError(
            "法律依据过长，请分条记录", "the basis is too long; record one finding per basis"
        )
    return category, basis


def record_findings(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    findings: Iterable = (),
    hit_decisions: Mapping[int, str] | None = None,
    notes: str = "",
    now: datetime | None = None,
) -> list[Finding]:
    """Record findings, hit decisions and notes on an accepted or screening case.

    ``findings`` holds ``(category, basis, notes)`` tuples (or dicts with
    those keys); a blank basis takes the category's usual one.
    """
    now = now_or(now)
    checked = []
    for item in findings:
        category, basis, finding_notes = _finding(item)
        checked.append((*check_finding(category, basis), finding_notes.strip()))
    decisions = {}
    for hit_id, decision in (hit_decisions or {}).items():
        try:
            decisions[int(hit_id)] = HitDecision(decision).value
        except ValueError as exc:
            raise ValidationError(
                f"规则命中 {hit_id} 的决定无效：{decision}（应为 accepted 或 dismissed）",
                f"decision {decision!r} on hit {hit_id} must be accepted or dismissed",
            ) from exc
    case = load_for_action(session, actor, case_id, expected_version, now)
    require_status(
        case,
        CaseStatus.ACCEPTED,
        CaseStatus.SCREENING,
        action_zh="记录甄别结果",
        action_en="screened",
    )
    if case.status == CaseStatus.ACCEPTED:
        before = move(session, case, CaseStatus.SCREENING, now)
    else:
        before = case_state(case)
    rows = [
        Finding(
            case_id=case_id, category=c, basis=b, notes=n, recorded_by=actor.id, recorded_at=now
        )
        for c, b, n in checked
    ]
    session.add_all(rows)
    hits = {}
    if decisions:
        stmt = (
            select(RuleHit)
            .where(col(RuleHit.id).in_(sorted(decisions)))
            .order_by(col(RuleHit.id))
        )
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        found = session.exec(stmt).all()
        hits = {h.id: h for h in found}
    for hit_id in decisions:
        hit = hits.get(hit_id)
        if hit is None or not (hit.case_id == case.id or hit.account_id == case.target_account_id):
            raise NotFound(
                f"规则命中 {hit_id} 不属于案件 {case.id}",
                f"rule hit {hit_id} does not belong to case {case.id} or its account",
            )
    for hit_id, decision in decisions.items():
        decide_hit(session, actor, hit_id, decision, notes.strip() or None, at=now)
    if notes.strip():
        case.resolution_note = "\n".join(filter(None, [case.resolution_note, notes.strip()]))
    session.flush()
    refresh_priority(session, case)
    save(
        session,
        actor,
        case,
        "case.screen",
        before,
        now,
        reason=notes.strip() or None,
        extra={
            "findings": [{"category": c, "basis": b} for c, b, _ in checked],
            "hit_decisions": decisions,
        },
    )
    return rows
