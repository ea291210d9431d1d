"""The rumour path (谣言, 2021/13): a finding of false information, the debunk, the response.

2021/13 asks the platform to warn of, find, trace, tell apart, debunk and remove
rumours and other false information (预警、发现、溯源、甄别、辟谣、消除), and to
lower the credit grade of the producer who made or spread it, or blacklist them
(对制作发布虚假信息的公众账号生产运营者降低信用等级或者列入黑名单).  Those two
are the only responses this path offers:

* ``downgrade_credit`` (降低信用等级): the measure of that name, which takes the
  account's credit score to just below its grade's threshold, so the grade falls
  one step and the functions the lower grade restricts go with it
  (:mod:`workbench.measures.credit_grades`); revoking it gives the points back;
* ``blacklist`` (列入黑名单) for serious cases: the ordinary measure, which waits
  for a second supervisor's approval like any other.

:func:`record_rumour` records, in one transaction on a case in screening (or
accepted), the finding ``false_information`` on the basis 2021/13, the case's
disposal with the response measure, and a :class:`RumourRecord` with the debunk
(what was published to correct it, where) and the trace (where it came from).
An account already at the lowest grade cannot be downgraded: the reviewer is
told that 2021/13 then leaves the blacklist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import get_account, get_case
from workbench.cases.screening import record_findings
from workbench.errors import ValidationError
from workbench.measures.credit_grades import GRADES, downgrade_points, load_policy
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import apply_measure
from workbench.models import Account, Case, Measure
from workbench.models.base import saved
from workbench.models.codes import MeasureCode, ReportCategory, Role
from workbench.models.regulation import RumourRecord, RumourResponse
from workbench.records import audit
from workbench.records.entry_text import reviewer_text
from workbench.rules.privacy import mask_contacts_in_text

BASIS = "2021/13"
MAX_TEXT = 1000
RESPONSE_MEASURE = {
    RumourResponse.DOWNGRADE: MeasureCode.DOWNGRADE_CREDIT,
    RumourResponse.BLACKLIST: MeasureCode.BLACKLIST,
}


@dataclass(frozen=True)
class RumourOutcome:
    record: RumourRecord
    measure: Measure
    account: Account  # its grade after the response


def record_rumour(
    session: Session,
    actor: Actor,
    case_id: int,
    *,
    expected_version: int,
    response: str,
    debunk: str,
    trace: str = "",
    reason: str,
    now: datetime,
) -> RumourOutcome:
    """Find rumour-spreading on the case (2021/13) and respond: downgrade or blacklist."""
    require_role(actor, Role.MODERATOR, Role.SUPERVISOR)
    try:
        chosen = RumourResponse(response)
    except ValueError as exc:
        raise ValidationError(
            f"应对措施无效：{response}（2021/13 只规定降低信用等级或列入黑名单）",
            f"response {response!r}: 2021/13 provides downgrade_credit or blacklist only",
        ) from exc
    what = ("辟谣情况", "debunk (what was published to correct it)")
    debunk = reviewer_text(debunk, MAX_TEXT, what, lines=True)
    trace = reviewer_text(trace, MAX_TEXT, ("溯源情况", "trace"), required=False, lines=True)
    reason = reviewer_text(reason, MAX_TEXT, ("理由", "reason"), lines=True)
    case = get_case(session, case_id, lock=False)
    account = get_account(session, case.target_account_id, lock=False)
    grades = load_policy(session)
    if chosen is RumourResponse.DOWNGRADE and not downgrade_points(grades, account.credit_score):
        raise ValidationError(
            f"账号信用等级已是最低的 {GRADES[-1]} 级，无法再降；情节严重的可列入黑名单（2021/13）",
            f"the account is at the lowest credit grade {GRADES[-1]} already and cannot be "
            "downgraded; a serious case may be blacklisted (2021/13)",
        )
    (finding,) = record_findings(
        session,
        actor,
        case_id,
        expected_version=expected_version,
        findings=[(ReportCategory.FALSE_INFORMATION.value, BASIS, f"谣言 / rumour: {debunk}")],
        now=now,
    )
    version = session.get_one(Case, case_id).version
    spec = MeasureSpec(RESPONSE_MEASURE[chosen].value, BASIS, reason)
    (measure,) = apply_measure(
        session, actor, case_id, expected_version=version, measures=[spec], reason=reason, now=now
    )
    row = RumourRecord(
        case_id=case_id,
        finding_id=saved(finding.id),
        measure_id=measure.id,
        response=chosen.value,
        debunk=debunk,
        trace=trace,
        recorded_by=actor.id,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "case.rumour",
        "rumour_record",
        row.id,
        case_id=case_id,
        account_id=case.target_account_id,
        after={
            "response": chosen.value,
            "measure_id": measure.id,
            "measure_status": measure.status,
            "finding_id": finding.id,
            "basis": BASIS,
            # reviewers' words, which may quote a contact: masked in the record
            "debunk": mask_contacts_in_text(debunk),
            "trace": mask_contacts_in_text(trace),
        },
        reason=reason,
        at=now,
    )
    return RumourOutcome(row, measure, get_account(session, case.target_account_id, lock=False))


def rumours_of_case(session: Session, case_id: int) -> list[RumourRecord]:
    return list(
        session.exec(
            select(RumourRecord)
            .where(RumourRecord.case_id == case_id)
            .order_by(col(RumourRecord.id))
        ).all()
    )
