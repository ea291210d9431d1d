"""What a reviewer needs to enter an account holder's appeal or change request by hand.

An appeal received by phone or letter (2021/20) names the account and the measure it
contests: :func:`appeal_targets` lists the account's measures that took effect, each
with the last day it may be appealed and the appeal already open against it.  A change
request (2022/10) names the account and a field of its information: :func:`change_target`
gives the current values (phones and the like written into them masked, 2022/16).  Both look the account up by its platform id and refuse an
unknown one in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from workbench.errors import NotFound, ValidationError
from workbench.models import Account, Appeal, Measure
from workbench.models.base import saved
from workbench.models.codes import OPEN_APPEAL_STATUSES, MeasureStatus
from workbench.rules.privacy import mask_in_text
from workbench.timelimits.appeal_window import appeal_deadline, appeal_window_days

#: How an appeal entered by hand reached the platform: code -> (Chinese, English).
APPEAL_CHANNELS = {
    "phone": ("电话", "phone"),
    "letter": ("信函", "letter"),
    "email": ("电子邮件", "email"),
    "in_person": ("现场", "in person"),
}
#: The account information a change request entered by hand may change (text fields).
TEXT_FIELDS = ("name", "bio", "signature", "certification")
MAX_MEASURES = 100


@dataclass(frozen=True)
class AppealableMeasure:
    id: int
    code: str
    status: str
    basis: str
    reason: str
    effective_from: datetime | None
    last_day: date  # the last Beijing day an appeal may be received
    open_appeal_id: int | None


@dataclass(frozen=True)
class AppealTarget:
    account_id: int
    platform_id: str
    account_name: str
    window_days: int
    measures: tuple[AppealableMeasure, ...]


@dataclass(frozen=True)
class ChangeTarget:
    account_id: int
    platform_id: str
    account_name: str
    current: tuple[tuple[str, str], ...]  # (field, current value, masked) for TEXT_FIELDS


def check_channel(channel: str) -> str:
    if channel not in APPEAL_CHANNELS:
        raise ValidationError(
            f"申诉渠道无效：{channel}（可选：{'、'.join(z for z, _ in APPEAL_CHANNELS.values())}）",
            f"unknown appeal channel {channel!r} (one of {', '.join(APPEAL_CHANNELS)})",
        )
    return channel


def account_by_platform_id(session: Session, platform_id: str) -> Account:
    wanted = (platform_id or "").strip()
    if not wanted:
        raise ValidationError("请填写账号的平台编号", "give the account's platform id")
    account = session.exec(select(Account).where(Account.platform_id == wanted)).first()
    if account is None:
        raise NotFound(f"账号 {wanted} 不存在", f"no account with platform id {wanted!r}")
    return account


def appeal_targets(session: Session, platform_id: str) -> AppealTarget:
    """The account and its measures that took effect (in effect or ended), newest first."""
    account = account_by_platform_id(session, platform_id)
    window = appeal_window_days(session)
    measures = session.exec(
        select(Measure)
        .where(
            Measure.account_id == account.id,
            col(Measure.status).in_([MeasureStatus.IN_EFFECT.value, MeasureStatus.EXPIRED.value]),
        )
        .order_by(col(Measure.decided_at).desc(), col(Measure.id).desc())
        .limit(MAX_MEASURES)
    ).all()
    open_by_measure = dict(
        session.exec(
            select(Appeal.measure_id, Appeal.id).where(
                col(Appeal.measure_id).in_([m.id for m in measures]),
                col(Appeal.status).in_([s.value for s in OPEN_APPEAL_STATUSES]),
            )
        ).all()
    )
    return AppealTarget(
        account_id=saved(account.id),
        platform_id=account.platform_id,
        account_name=account.name,
        window_days=window,
        measures=tuple(
            AppealableMeasure(
                id=saved(m.id),
                code=m.code,
                status=m.status,
                basis=m.basis,
                reason=m.reason,
                effective_from=m.effective_from,
                last_day=appeal_deadline(m, window),
                open_appeal_id=open_by_measure.get(saved(m.id)),
            )
            for m in measures
        ),
    )


def change_target(session: Session, platform_id: str) -> ChangeTarget:
    """The account and the current value of each text field a change request may change."""
    account = account_by_platform_id(session, platform_id)
    return ChangeTarget(
        account_id=saved(account.id),
        platform_id=account.platform_id,
        account_name=account.name,
        current=tuple((f, mask_in_text(getattr(account, f) or "") or "") for f in TEXT_FIELDS),
    )


def pending_change_request_count(session: Session) -> int:
    """How many change requests wait for a moderator."""
    from sqlalchemy import func

    from workbench.models import ChangeRequest
    from workbench.models.codes import ChangeRequestStatus

    return int(
        session.exec(
            select(func.count())
            .select_from(ChangeRequest)
            .where(ChangeRequest.status == ChangeRequestStatus.PENDING)
        ).one()
    )
