"""What the regulator's report counts of the regulations' own paths, for a period.

* ``rumours``: rumour findings recorded (2021/13: 降低信用等级或者列入黑名单);
* ``ordered``: measures carried out on the regulator's order (2022/21);
* ``referrals``: reports received on the regulator's channel (监管转办);
* ``reported_back``: reports back to the regulator queued (回复监管).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from workbench.models import Reply, Report
from workbench.models.codes import Channel
from workbench.models.regulation import RegulatorOrder, RumourRecord

LABELS = {
    "rumours": "谣言认定（2021/13） / rumour findings (2021/13)",
    "ordered": "按监管要求处置（2022/21） / measures on the regulator's order (2022/21)",
    "referrals": "收到监管转办 / regulator referrals received",
    "reported_back": "已回复监管 / reports back to the regulator",
}


def regulation_counts(session: Session, lo: datetime, hi: datetime) -> dict[str, int]:
    """The four counts for the instants ``lo`` (included) to ``hi`` (excluded)."""

    def count(column, *where) -> int:
        return int(session.exec(select(func.count(column)).where(*where)).one())

    return {
        "rumours": count(
            RumourRecord.id, RumourRecord.recorded_at >= lo, RumourRecord.recorded_at < hi
        ),
        "ordered": count(
            RegulatorOrder.id, RegulatorOrder.recorded_at >= lo, RegulatorOrder.recorded_at < hi
        ),
        "referrals": count(
            Report.id,
            Report.channel == Channel.REGULATOR_REFERRAL,
            Report.received_at >= lo,
            Report.received_at < hi,
        ),
        "reported_back": count(
            Reply.id,
            col(Reply.template).startswith("referral_"),
            Reply.created_at >= lo,
            Reply.created_at < hi,
        ),
    }
