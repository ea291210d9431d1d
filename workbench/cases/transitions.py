"""The case lifecycle as service calls (docs/domain.md, "The case lifecycle").

``received → accepted | declined``, ``accepted → screening → disposed |
no_violation``, ``disposed | no_violation | declined → replied → closed``.

Each call takes the session, the acting reviewer, the case id and the version
the reviewer saw; it checks the role and claim, refuses moves the lifecycle
does not allow, stops and starts the handling clocks, bumps the version and
writes one audit event.  A refused call raises a typed error and changes
nothing.  Screening findings are recorded by
:func:`workbench.cases.screening.record_findings`; disposing with measures by
:func:`workbench.measures.measures.dispose_case` (measures sit above cases).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases import credibility
from workbench.cases.casework import load_for_action, move, now_or, save
from workbench.errors import ValidationError
from workbench.models import Case
from workbench.models.codes import CaseStatus, DeclineReason

DECLINE_LABELS = {
    DeclineReason.DUPLICATE: ("重复举报", "duplicate"),
    DeclineReason.OUT_OF_SCOPE: ("不属于受理范围", "out of scope"),
    DeclineReason.INSUFFICIENT_INFORMATION: ("信息不足", "insufficient information"),
    DeclineReason.MALICIOUS_REPORT: ("恶意举报", "malicious report"),
}


def _reason(reason: str | None, zh: str, en: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(f"请填写{zh}的理由", f"give a reason for {en}")
    return text


def _step(
    session: Session,
    actor: Actor,
    case_id: int,
    expected_version: int,
    now: datetime | None,
    to: CaseStatus,
    action: str,
    *,
    reason: str | None = None,
    upheld: bool | None = None,
    malicious: bool = False,
    **fields,
) -> Case:
    """Load and check the case, move it, count the outcome for its reporters, save, audit."""
    now = now_or(now)
    case = load_for_action(session, actor, case_id, expected_version, now)
    before = move(session, case, to, now, **fields)
    if upheld is not None:
        credibility.record_outcome(session, case, upheld=upheld, now=now, malicious=malicious)
    save(session, actor, case, action, before, now, reason=reason or None)
    return case


def accept_case(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    note: str = "",
    now: datetime | None = None,
) -> Case:
    """Accept (受理) a received case: received → accepted."""
    return _step(
        session,
        actor,
        case_id,
        expected_version,
        now,
        CaseStatus.ACCEPTED,
        "case.accept",
        reason=note.strip(),
    )


def decline_case(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    reason_code: str,
    note: str = "",
    now: datetime | None = None,
) -> Case:
    """Decline a received case with a reason code: received → declined."""
    try:
        code = DeclineReason(reason_code)
    except ValueError as exc:
        raise ValidationError(
            "不予受理须选择理由："
            + "、".join(f"{zh}（{c.value}）" for c, (zh, _) in DECLINE_LABELS.items()),
            f"declining needs a reason code: {', '.join(c.value for c in DeclineReason)}"
            f" (not {reason_code!r})",
        ) from exc
    zh, en = DECLINE_LABELS[code]
    note = note.strip()
    return _step(
        session,
        actor,
        case_id,
        expected_version,
        now,
        CaseStatus.DECLINED,
        "case.decline",
        reason=f"{zh} / {en}" + (f": {note}" if note else ""),
        upheld=False,
        malicious=code == DeclineReason.MALICIOUS_REPORT,
        decline_reason=code.value,
        **({"resolution_note": note} if note else {}),
    )


def start_screening(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    now: datetime | None = None,
) -> Case:
    """Begin screening (甄别) an accepted case: accepted → screening."""
    return _step(
        session,
        actor,
        case_id,
        expected_version,
        now,
        CaseStatus.SCREENING,
        "case.start_screening",
    )


def find_no_violation(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    reason: str,
    now: datetime | None = None,
) -> Case:
    """Screening found no violation: screening → no_violation (a reason is required)."""
    reason = _reason(reason, "未发现违规", "finding no violation")
    return _step(
        session,
        actor,
        case_id,
        expected_version,
        now,
        CaseStatus.NO_VIOLATION,
        "case.no_violation",
        reason=reason,
        upheld=False,
        resolution_note=reason,
    )


def mark_replied(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    note: str = "",
    now: datetime | None = None,
) -> Case:
    """The reporters have been answered (反馈): disposed | no_violation | declined → replied."""
    return _step(
        session,
        actor,
        case_id,
        expected_version,
        now,
        CaseStatus.REPLIED,
        "case.reply",
        reason=note.strip(),
    )


def close_case(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    note: str = "",
    now: datetime | None = None,
) -> Case:
    """File a replied case away: replied → closed; its claim ends."""
    now = now_or(now)
    return _step(
        session,
        actor,
        case_id,
        expected_version,
        now,
        CaseStatus.CLOSED,
        "case.close",
        reason=note.strip(),
        closed_at=now,
        assignee_id=None,
        claimed_until=None,
    )
