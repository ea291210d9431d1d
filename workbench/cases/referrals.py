"""Regulator referrals (监管转办): their own queue, time limit and report back (2022/21).

2022/21 asks the platform to co-operate with the cyberspace administration's supervision,
and 2022/20 names the supervision of cases (案件督办) among the regulators' mechanisms.  A
report arriving on the regulator's channel (``regulator_referral``) opens a case in the
``referrals`` queue (监管转办), whose clocks follow that queue's time limits (shipped:
accept within 4 hours, then screen, dispose and report back within one working day each;
an administrator changes them like any policy).  A referral joins only an open referral
case on the same account and category, and an ordinary report never joins a referral, so
the regulator's matter keeps its own clock.

Once the case is decided, the reply to its reporter is the report back to the regulator
(回复监管), drafted from ``referral_measure_taken``, ``referral_no_violation`` or
``referral_declined``; it goes through the outbox like every reply, audited when queued
and when delivered.
"""

from __future__ import annotations

from workbench.models.codes import CaseStatus, Channel, Queue

REPORT_BACK_TEMPLATES = {
    CaseStatus.DISPOSED: "referral_measure_taken",
    CaseStatus.NO_VIOLATION: "referral_no_violation",
    CaseStatus.DECLINED: "referral_declined",
}


def may_join(case_queue: str, channel: str) -> bool:
    """Whether a report on ``channel`` may join an open case in ``case_queue``: referrals
    only each other, ordinary reports never a referral."""
    return (case_queue == Queue.REFERRALS) == (channel == Channel.REGULATOR_REFERRAL)


def report_back_template(queue: str, status: str) -> str | None:
    """The report back's template for a decided referral case (None: not one)."""
    if queue != Queue.REFERRALS:
        return None
    return REPORT_BACK_TEMPLATES.get(CaseStatus(status))
