"""What the desktop shows, as plain frozen values (no ORM, no Qt).

The queries in :mod:`workbench.queues.read` produce these; they are safe to
hand from a worker thread to the GUI thread.  Personal data (ID numbers,
phones, contacts) is already masked in them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from .codes import REPORT_CATEGORY_LABELS, RULE_LABELS, ReportCategory, RuleCategory


class QueueName(StrEnum):
    """The queues at the left of the main window."""

    REPORTS = "reports"
    COMPLAINTS = "complaints"
    REFERRALS = "referrals"
    APPEALS = "appeals"
    CHANGE_REQUESTS = "change_requests"
    CORRECTIONS = "corrections"
    ESCALATIONS = "escalations"
    APPROVALS = "approvals"
    AUTOMATED = "automated"
    MINE = "mine"


QUEUE_LABELS = {
    QueueName.REPORTS: ("举报", "Reports"),
    QueueName.COMPLAINTS: ("投诉", "Complaints"),
    QueueName.REFERRALS: ("监管转办", "Regulator referrals"),
    QueueName.APPEALS: ("申诉", "Appeals"),
    QueueName.CHANGE_REQUESTS: ("信息变更", "Change requests"),
    QueueName.CORRECTIONS: ("限期改正跟进", "Correction follow-ups"),
    QueueName.ESCALATIONS: ("升级处理", "Escalations"),
    QueueName.APPROVALS: ("待审批处置", "Approvals"),
    QueueName.AUTOMATED: ("自动筛查", "Automated screening"),
    QueueName.MINE: ("我认领的", "My claimed cases"),
}


class DueState(StrEnum):
    """How a row's deadline stands, for colouring: the stored clock state
    refined by the time left (a running clock close to its due time is at risk)."""

    NONE = "none"
    RUNNING = "running"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"


#: A running deadline closer than this is shown as at risk.
AT_RISK_WITHIN = timedelta(hours=4)


def due_state(
    clock_state: str | None,
    due_at: datetime | None,
    now: datetime,
    at_risk_within: timedelta = AT_RISK_WITHIN,
) -> str:
    """The :class:`DueState` of a deadline at ``now``."""
    if clock_state in (DueState.MET, DueState.PAUSED, DueState.BREACHED):
        return DueState(clock_state).value
    if due_at is None:
        return DueState.NONE.value
    if due_at <= now:
        return DueState.BREACHED.value
    if due_at <= now + at_risk_within:
        return DueState.AT_RISK.value
    return DueState.RUNNING.value


def category_label(code: str | None, language: str = "zh_CN") -> str:
    """The display label of a report or rule category code."""
    if not code:
        return ""
    index = 0 if language.startswith("zh") else 1
    tables: tuple[tuple[Mapping[Any, tuple[str, str]], type[StrEnum]], ...] = (
        (REPORT_CATEGORY_LABELS, ReportCategory),
        (RULE_LABELS, RuleCategory),
    )
    for table, enum in tables:
        try:
            return table[enum(code)][index]
        except (KeyError, ValueError):
            continue
    return code


@dataclass(frozen=True, slots=True)
class QueueCount:
    queue: str
    total: int
    at_risk: int
    breached: int


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Narrowing a queue: free text (account name, reporter name, report text),
    a category code, a status code, a case tag.  Empty means no narrowing."""

    text: str = ""
    category: str | None = None
    status: str | None = None
    tag: str | None = None  # a tag's name from the managed list
    # Also the cases muted reporters or snoozed accounts keep out of the default view
    # (see ``workbench.cases.holds``).
    show_held: bool = False
    # The text search resolved to the accounts and cases it matches (see
    # ``workbench.queues.text_search.resolve_text``): then the text is not searched again.
    account_ids: tuple[int, ...] | None = None
    case_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class QueueSort:
    """Column key (see ``workbench.queues.read.SORT_KEYS``) and direction."""

    key: str = "due_at"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of a queue table."""

    queue: str
    row_id: int  # id of the queue's own record: case, appeal, measure or correction order
    case_id: int | None
    account_id: int
    account_name: str
    category: str | None
    status: str
    due_at: datetime | None
    due_state: str  # a DueState value
    strongest_severity: str | None
    strongest_rule: str | None  # rule category of the strongest hit
    reporter_count: int
    credibility: float | None  # mean credibility of the case's reporters
    assignee_name: str | None
    opened_at: datetime
    updated_at: datetime
    version: int
    appeal_id: int | None = None
    measure_id: int | None = None
    correction_order_id: int | None = None
    tags: tuple[str, ...] = ()  # the case's tags, by name
    held: bool = False  # a muted reporter or a snoozed account holds it back (cases.holds)


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    offset: int
    total: int | None  # None: the first page, read without counting


@dataclass(frozen=True, slots=True)
class HitView:
    """A rule hit with the text of its field, so the span can be highlighted."""

    id: int
    category: str
    rule: str
    field: str
    field_text: str
    start: int
    end: int
    matched: str
    basis: str
    severity: str
    score: float
    explanation: str
    decision: str | None


@dataclass(frozen=True, slots=True)
class PersonalRef:
    """Where a masked value on screen comes from: what an audited reveal
    (:func:`workbench.access.reveal.reveal`) is asked for."""

    entity: str
    entity_id: int
    field: str


@dataclass(frozen=True, slots=True)
class Credibility:
    score: float
    reports_made: int
    upheld: int
    declined: int
    malicious_flags: int


@dataclass(frozen=True, slots=True)
class ReportView:
    id: int
    external_id: str
    kind: str
    channel: str
    category: str
    text: str
    received_at: datetime
    reporter_name: str
    reporter_contact: str | None  # masked
    credibility: Credibility | None
    suspected_malicious: bool
    evidence_paths: tuple[str, ...] = ()
    reporter_contact_ref: PersonalRef | None = None  # where the masked contact comes from


@dataclass(frozen=True, slots=True)
class TimelineChange:
    """One readable change of a timeline entry: ``field`` went from ``before`` to
    ``after``.  ``kind`` says how the desktop shows the values: ``status``, ``queue``,
    ``category``, ``decline_reason``, ``pause_reason``, ``measure``, ``hit_decision``,
    ``recipient``, ``delivery`` (codes it labels), ``time`` (an ISO instant in UTC,
    shown in Beijing time), ``limit`` (``"2 working_days"``), ``number`` or ``text``
    (shown as written)."""

    field: str
    kind: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # "audit" or "clock"
    actor: str | None
    action: str
    summary: str
    reason: str | None = None
    stage: str | None = None  # the Stage the event belongs to (codes.Stage)
    changes: tuple[TimelineChange, ...] = ()


@dataclass(frozen=True, slots=True)
class QualificationView:
    field: str
    licence_no: str | None
    special_mark: str | None
    valid_until: str | None
    document: str


@dataclass(frozen=True, slots=True)
class MeasureView:
    id: int
    code: str
    status: str
    basis: str
    reason: str
    decided_at: datetime
    effective_until: datetime | None


@dataclass(frozen=True, slots=True)
class RevisionView:
    field: str
    old_value: str | None
    new_value: str | None
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class OtherAccount:
    id: int
    platform_id: str
    name: str
    status: str


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """Another account linked to the card's (issue 16 item 6), its name masked, and what
    links them: ``contact`` 同一联系方式, ``avatar`` 相似头像, ``subject`` 同一主体."""

    id: int
    platform_id: str
    masked_name: str
    status: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AccountCard:
    """Everything the account card shows: account information (2022/23),
    identity, qualifications, public-account fields, credit, status, history."""

    id: int
    platform_id: str
    kind: str
    name: str
    avatar_path: str | None
    cover_path: str | None
    bio: str
    signature: str
    certification: str
    verification_method: str
    verification_status: str
    subject_kind: str | None
    subject_name: str | None
    id_number: str | None  # masked
    credit_code: str | None
    phone: str | None  # masked
    claimed_profession: str | None
    verified_profession: str | None
    verified_org_name: str | None
    org_nature: str | None
    org_business_scope: str | None
    org_industry: str | None
    ip_location: str | None
    operator_name: str | None
    registered_address: str | None
    operating_address: str | None
    content_category: str | None
    contact: str | None  # masked
    category: str | None
    grade: str
    credit_score: int
    status: str
    restrictions: tuple[str, ...]
    follower_count: int
    registered_at: datetime
    last_active_at: datetime | None
    qualifications: tuple[QualificationView, ...] = ()
    measures_in_force: tuple[MeasureView, ...] = ()
    revisions: tuple[RevisionView, ...] = ()
    credit_grade: str = "A"  # from the credit score by thresholds (2022/18)
    other_accounts: tuple[OtherAccount, ...] = ()
    linked_accounts: tuple[LinkedAccount, ...] = ()  # by contact, avatar or subject
    # Card field ("id_number", "phone", "contact") -> where its masked value comes from.
    personal: tuple[tuple[str, PersonalRef], ...] = ()


@dataclass(frozen=True, slots=True)
class RelatedCase:
    id: int
    queue: str
    category: str
    status: str
    opened_at: datetime


@dataclass(frozen=True, slots=True)
class CaseDetail:
    id: int
    queue: str
    status: str
    category: str
    due_at: datetime | None
    due_state: str
    version: int
    assignee_name: str | None
    opened_at: datetime
    reporter_count: int
    decline_reason: str | None
    resolution_note: str | None
    account: AccountCard
    hits: tuple[HitView, ...] = ()
    reports: tuple[ReportView, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    related: tuple[RelatedCase, ...] = field(default=())
