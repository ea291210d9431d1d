"""Appeals against measures in every state, notices to account holders, and
the outbox: most replies queued, some delivered to a file-drop folder.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from workbench.demo import texts
from workbench.demo.setup import Staff
from workbench.demo.timeline import WorkingTime
from workbench.measures import appeals
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.models import Measure
from workbench.models.base import saved
from workbench.models.codes import AppealStatus, MeasureCode, MeasureStatus
from workbench.replies import replies
from workbench.replies.transports import FileDropTransport, deliver_pending

# The state each appeal is walked to, in turn.
APPEAL_TARGETS = (
    AppealStatus.RECEIVED,
    AppealStatus.SCREENING,
    AppealStatus.UPHELD,
    AppealStatus.REVISED,
    AppealStatus.REVOKED,
    AppealStatus.REPLIED,
    AppealStatus.UPHELD,
    AppealStatus.REPLIED,
)
APPEAL_TEXTS = (
    "账号信息已经修改，请求恢复。",
    "我是本人运营，并非冒充，附营业执照。",
    "简介中的号码是公司客服电话，不是引流。",
    "处罚过重，请求改为警示。",
)


CLOCK = WorkingTime()


def _when(
    start: datetime, now: datetime, rng: random.Random, hours: tuple[float, float]
) -> datetime:
    latest = now - timedelta(minutes=2)
    at = CLOCK.later(start, rng.uniform(*hours))  # working hours, see demo/timeline.py
    return min(at, latest) if latest > start else start + timedelta(seconds=1)


def file_appeals(
    session: Session, staff: Staff, rng: random.Random, now: datetime, count: int
) -> Counter:
    """Appeals on measures in effect, walked to every appeal state."""
    window_start = CLOCK.ago(now, 10)  # about two weeks
    candidates = session.exec(
        select(Measure)
        .where(
            col(Measure.status) == MeasureStatus.IN_EFFECT,
            col(Measure.effective_from) > window_start,
        )
        .order_by(col(Measure.id))
    ).all()
    outcome: Counter[str] = Counter()
    for n, measure in enumerate(candidates[:count]):
        target = APPEAL_TARGETS[n % len(APPEAL_TARGETS)]
        assert measure.effective_from is not None  # the query asked for one
        received = _when(measure.effective_from, now, rng, (2, 72))
        appeal = appeals.file_appeal(
            session,
            None,
            measure_id=saved(measure.id),
            appellant_name=texts.person_name(rng),
            text=rng.choice(APPEAL_TEXTS),
            received_at=received,
            appellant_contact=f"appellant{measure.id}@example.com",
            now=received,  # the demo's simulated writer files it as it arrives
        )
        reviewer = staff.appeal_reviewers[n % len(staff.appeal_reviewers)]
        at = received
        if target != AppealStatus.RECEIVED:
            at = _when(at, now, rng, (1, 24))
            appeals.start_appeal_screening(
                session, reviewer, saved(appeal.id), expected_version=appeal.version, now=at
            )
        if target not in (AppealStatus.RECEIVED, AppealStatus.SCREENING):
            decided = (
                target
                if target != AppealStatus.REPLIED
                else rng.choice((AppealStatus.UPHELD, AppealStatus.REVOKED))
            )
            at = _when(at, now, rng, (2, 48))
            appeals.decide_appeal(
                session,
                reviewer,
                saved(appeal.id),
                expected_version=appeal.version,
                outcome=decided.value,
                reason={
                    AppealStatus.UPHELD: "原处置认定事实清楚",
                    AppealStatus.REVISED: "情节较轻，改为警示",
                    AppealStatus.REVOKED: "申诉理由成立，撤销处置",
                }[decided],
                revised_measure=MeasureSpec(MeasureCode.WARN.value, "", "申诉复核改为警示")
                if decided == AppealStatus.REVISED
                else None,
                now=at,
            )
        if target == AppealStatus.REPLIED:
            appeals.reply_appeal(
                session,
                reviewer,
                saved(appeal.id),
                expected_version=appeal.version,
                now=_when(at, now, rng, (1, 12)),
            )
        outcome[str(appeal.status)] += 1
    return outcome


def notify_holders(session: Session, staff: Staff, now: datetime, limit: int) -> int:
    """Tell account holders of measures in effect and their right to appeal."""
    measures = session.exec(
        select(Measure)
        .where(Measure.status == MeasureStatus.IN_EFFECT)
        .order_by(col(Measure.id))
        .limit(limit)
    ).all()
    for measure in measures:
        actor = next(
            (m for m in staff.moderators if m.id == measure.decided_by), staff.moderators[0]
        )
        replies.notify_account_holder(session, actor, saved(measure.id), now=measure.effective_from)
    return len(measures)


def deliver_some(session: Session, folder: Path, now: datetime, limit: int) -> dict:
    """Deliver the oldest queued replies to ``folder`` (.eml files); the rest stay queued."""
    report = deliver_pending(session, FileDropTransport(folder), now=now, limit=limit)
    return {"delivered": report.delivered, "folder": str(folder)}
