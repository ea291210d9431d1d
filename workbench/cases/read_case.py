"""The case view's data: one case with its account card, rule hits, reports,
timeline and related cases, as plain values with personal data masked (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import case as case_when
from sqlalchemy import or_, select
from sqlmodel import Session, col

from workbench.cases.check_policy import load_policy
from workbench.cases.links import linked_accounts
from workbench.cases.subjects import other_accounts
from workbench.errors import NotFound
from workbench.models import (
    Account,
    AccountInfoRevision,
    AuditEvent,
    Case,
    ChangeRequest,
    Clock,
    EvidenceAttachment,
    Measure,
    Qualification,
    Report,
    Reporter,
    ReporterCredibility,
    Reviewer,
    RuleHit,
    Subject,
    utcnow,
)
from workbench.models.base import saved
from workbench.models.codes import CaseStatus, MeasureStatus, Stage
from workbench.models.views import (
    AccountCard,
    CaseDetail,
    Credibility,
    HitView,
    MeasureView,
    PersonalRef,
    QualificationView,
    RelatedCase,
    ReportView,
    RevisionView,
    TimelineChange,
    TimelineEntry,
)
from workbench.rules.privacy import mask_contact, mask_id_number, mask_phone
from workbench.timelimits import risk as risks

PERSONAL_FIELDS = {"phone": mask_phone, "contact": mask_contact, "id_number": mask_id_number}
MAX_REVISIONS = 100
MAX_TIMELINE = 300
MAX_RELATED = 30
MAX_HITS = 100


def _revision_value(field: str, value: str | None) -> str | None:
    masker = PERSONAL_FIELDS.get(field)
    return masker(value) if masker else value


def _personal_refs(account: Account, subject: Subject | None) -> tuple:
    """Where the card's masked values come from (only those with a value)."""
    refs = []
    if subject is not None and subject.id_number:
        refs.append(("id_number", PersonalRef("subject", saved(subject.id), "id_number")))
    if account.phone:
        refs.append(("phone", PersonalRef("account", saved(account.id), "phone")))
    elif subject is not None and subject.phone:  # the card shows the subject's phone then
        refs.append(("phone", PersonalRef("subject", saved(subject.id), "phone")))
    if account.contact:
        refs.append(("contact", PersonalRef("account", saved(account.id), "contact")))
    return tuple(refs)


def account_card(session: Session, account_id: int) -> AccountCard:
    """The account card of ``account_id``, personal data masked."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
    subject = session.get(Subject, account.subject_id) if account.subject_id else None
    quals = session.execute(
        select(Qualification).where(col(Qualification.account_id) == account_id)
    ).scalars()
    measures = session.execute(
        select(Measure)
        .where(
            col(Measure.account_id) == account_id,
            col(Measure.status) == MeasureStatus.IN_EFFECT,
        )
        .order_by(col(Measure.decided_at).desc())
    ).scalars()
    revisions = session.execute(
        select(AccountInfoRevision)
        .where(col(AccountInfoRevision.account_id) == account_id)
        .order_by(col(AccountInfoRevision.changed_at).desc(), col(AccountInfoRevision.id).desc())
        .limit(MAX_REVISIONS)
    ).scalars()
    others: list[Account] = []
    if account.subject_id is not None:
        others = list(
            session.execute(
                select(Account)
                .where(col(Account.subject_id) == account.subject_id, col(Account.id) != account_id)
                .order_by(col(Account.id))
            ).scalars()
        )
    return AccountCard(
        id=account_id,
        platform_id=account.platform_id,
        kind=account.kind,
        name=account.name,
        avatar_path=account.avatar_path,
        cover_path=account.cover_path,
        bio=account.bio,
        signature=account.signature,
        certification=account.certification,
        verification_method=account.verification_method,
        verification_status=account.verification_status,
        subject_kind=subject.kind if subject else None,
        subject_name=subject.verified_name if subject else None,
        id_number=mask_id_number(subject.id_number) if subject else None,
        credit_code=subject.credit_code if subject else None,
        phone=mask_phone(account.phone or (subject.phone if subject else None)),
        claimed_profession=account.claimed_profession,
        verified_profession=account.verified_profession,
        verified_org_name=account.verified_org_name,
        org_nature=account.org_nature,
        org_business_scope=account.org_business_scope,
        org_industry=account.org_industry,
        ip_location=account.ip_location,
        operator_name=account.operator_name,
        registered_address=account.registered_address,
        operating_address=account.operating_address,
        content_category=account.content_category,
        contact=mask_contact(account.contact),
        category=account.category,
        grade=account.grade,
        credit_score=account.credit_score,
        credit_grade=account.credit_grade,
        status=account.status,
        restrictions=tuple(str(r) for r in account.restrictions or ()),
        follower_count=account.follower_count,
        registered_at=account.registered_at,
        last_active_at=account.last_active_at,
        qualifications=tuple(
            QualificationView(
                q.field,
                q.licence_no,
                q.special_mark,
                q.valid_until.isoformat() if q.valid_until else None,
                q.document,
            )
            for q in quals
        ),
        measures_in_force=tuple(
            MeasureView(m.id, m.code, m.status, m.basis, m.reason, m.decided_at, m.effective_until)
            for m in measures
        ),
        revisions=tuple(
            RevisionView(
                r.field,
                _revision_value(r.field, r.old_value),
                _revision_value(r.field, r.new_value),
                r.changed_at,
            )
            for r in revisions
        ),
        other_accounts=other_accounts(session, account, list(others)),
        linked_accounts=linked_accounts(session, account_id, policy=load_policy(session).links),
        personal=_personal_refs(account, subject),
    )


def _field_text(account: Account, hit: RuleHit, proposals: dict[int, dict]) -> str:
    """The text the hit's span indexes: the proposed value for a change request,
    else the account's current field."""
    if hit.change_request_id is not None:
        value = proposals.get(hit.change_request_id, {}).get(hit.field)
        if isinstance(value, str):
            return value
    value = getattr(account, hit.field, None) if hit.field in Account.model_fields else None
    return value if isinstance(value, str) else hit.matched


def rule_hits(session: Session, case: Case, account: Account) -> tuple[HitView, ...]:
    """Every hit on the account, this case's first, then the strongest: the
    account information is what the case is about, whichever screening found it."""
    own = case_when((col(RuleHit.case_id) == case.id, 0), else_=1)
    hits = (
        session.execute(
            select(RuleHit)
            .where(col(RuleHit.account_id) == account.id)
            .order_by(own, col(RuleHit.score).desc(), col(RuleHit.id))
            .limit(MAX_HITS)
        )
        .scalars()
        .all()
    )
    cr_ids = {h.change_request_id for h in hits if h.change_request_id is not None}
    proposals = {}
    if cr_ids:
        for cr in session.execute(
            select(ChangeRequest).where(col(ChangeRequest.id).in_(cr_ids))
        ).scalars():
            proposals[cr.id] = cr.proposed or {}
    return tuple(
        HitView(
            id=h.id,
            category=h.category,
            rule=h.rule,
            field=h.field,
            field_text=_field_text(account, h, proposals),
            start=h.span_start,
            end=h.span_end,
            matched=h.matched,
            basis=h.basis,
            severity=h.severity,
            score=h.score,
            explanation=h.explanation,
            decision=h.decision,
        )
        for h in hits
    )


def reports_of(session: Session, case_id: int) -> tuple[ReportView, ...]:
    rows = session.execute(
        select(Report, Reporter, ReporterCredibility)
        .outerjoin(Reporter, col(Reporter.id) == Report.reporter_id)
        .outerjoin(ReporterCredibility, col(ReporterCredibility.reporter_id) == Report.reporter_id)
        .where(col(Report.case_id) == case_id)
        .order_by(col(Report.received_at), col(Report.id))
    ).all()
    report_ids = [r.id for r, _p, _c in rows]
    evidence: dict[int, list[str]] = {}
    if report_ids:
        for att in session.execute(
            select(EvidenceAttachment)
            .where(col(EvidenceAttachment.report_id).in_(report_ids))
            .order_by(col(EvidenceAttachment.id))
        ).scalars():
            evidence.setdefault(att.report_id, []).append(att.path)
    return tuple(
        ReportView(
            id=r.id,
            external_id=r.external_id,
            kind=r.kind,
            channel=r.channel,
            category=r.category,
            text=r.text,
            received_at=r.received_at,
            reporter_name=p.name if p else "",
            reporter_contact=mask_contact(p.contact) if p else None,
            credibility=Credibility(
                c.score, c.reports_made, c.upheld, c.declined, c.malicious_flags
            )
            if c
            else None,
            suspected_malicious=r.suspected_malicious,
            evidence_paths=tuple(evidence.get(r.id, ())),
            reporter_contact_ref=PersonalRef("reporter", p.id, "contact")
            if p is not None and p.contact
            else None,
        )
        for r, p, c in rows
    )


#: Which stage a case event belongs to: the one the case was in before it (a
#: case's first event, with no status yet, belongs to acceptance).
STATUS_STAGE: dict[str | None, Stage] = {  # looked up by the status stored in the payload
    None: Stage.ACCEPT,
    CaseStatus.RECEIVED: Stage.ACCEPT,
    CaseStatus.ACCEPTED: Stage.SCREEN,
    CaseStatus.SCREENING: Stage.DISPOSE,
    CaseStatus.DISPOSED: Stage.REPLY,
    CaseStatus.NO_VIOLATION: Stage.REPLY,
    CaseStatus.DECLINED: Stage.REPLY,
    CaseStatus.REPLIED: Stage.REPLY,
    CaseStatus.CLOSED: Stage.REPLY,
}
ENTITY_STAGE = {"appeal": Stage.APPEAL_DECISION, "correction_order": Stage.CORRECTION}

#: The payload fields the timeline shows, per entity: (field, shown as, kind).
#: Everything else in a payload (versions, weights, internal ids) stays out.
CASE_CHANGE_FIELDS = (
    ("status", "status", "status"),
    ("queue", "queue", "queue"),
    ("category", "category", "category"),
    ("decline_reason", "decline_reason", "decline_reason"),
    ("resolution_note", "resolution_note", "text"),
    ("assignee_id", "assignee", "text"),
    ("claimed_until", "claimed_until", "time"),
    ("reporter_count", "reporter_count", "number"),
)
CHANGE_FIELDS = {
    "case": CASE_CHANGE_FIELDS,
    "report": CASE_CHANGE_FIELDS,
    "measure": (
        ("code", "measure", "measure"),
        ("status", "status", "status"),
        ("effective_from", "effective_from", "time"),
        ("effective_until", "effective_until", "time"),
    ),
    "rule_hit": (("category", "category", "category"), ("decision", "decision", "hit_decision")),
    "reply": (("recipient_kind", "recipient", "recipient"), ("status", "delivery", "delivery")),
    "appeal": (("status", "status", "status"),),
    "correction_order": (("status", "status", "status"), ("deadline", "deadline", "time")),
}


def _instant(value: object) -> str | None:
    """An audit payload's instant (ISO text or datetime) as ISO text in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def _value(value: object, kind: str) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if kind == "time":
        return _instant(value)
    return str(value)


def _changes(
    entity: str, before: dict, after: dict, names: dict[int, str]
) -> tuple[TimelineChange, ...]:
    changes = []
    for key, shown_as, kind in CHANGE_FIELDS.get(entity, ()):
        if key not in before and key not in after:
            continue
        old, new = before.get(key), after.get(key)
        if key == "assignee_id":
            old = names.get(old, f"#{old}") if isinstance(old, int) else None
            new = names.get(new, f"#{new}") if isinstance(new, int) else None
        old, new = _value(old, kind), _value(new, kind)
        if old != new:
            changes.append(TimelineChange(shown_as, kind, old, new))
    return tuple(changes)


def _clock_changes(action: str, before: dict, after: dict) -> tuple[TimelineChange, ...]:
    """The due times, pause reason and extension of a clock event."""
    if action == "clock.pause":
        return (
            TimelineChange(
                "pause_reason", "pause_reason", None, _value(after.get("reason"), "text")
            ),
        )
    if action == "clock.resume":
        return tuple(
            TimelineChange("due", "time", _instant(m.get("old_due")), _instant(m.get("new_due")))
            for m in after.get("moves") or ()
            if isinstance(m, dict)
        )
    changes = [
        TimelineChange("due", "time", _instant(before.get("due_at")), _instant(after.get("due_at")))
    ]
    if action == "clock.extend" and after.get("amount") is not None:
        limit = f"{after['amount']:g} {after.get('unit', '')}".strip()
        changes.append(TimelineChange("extension", "limit", None, limit))
    return tuple(changes)


def _event_clocks(event: AuditEvent) -> list[int]:
    """The clocks an audit event is about."""
    after = event.after if isinstance(event.after, dict) else {}
    if event.entity == "clock" and event.entity_id is not None:
        return [event.entity_id]
    ids: list[object] = [c for c in after.get("clocks") or () if isinstance(c, int)]
    ids += [m.get("clock") for m in after.get("moves") or () if isinstance(m, dict)]
    return [c for c in ids if isinstance(c, int)]


def _reviewer_names(session: Session, events: list[AuditEvent]) -> dict[int, str]:
    ids = set()
    for event in events:
        for payload in (event.before, event.after):
            if isinstance(payload, dict) and isinstance(payload.get("assignee_id"), int):
                ids.add(payload["assignee_id"])
    if not ids:
        return {}
    rows = session.execute(
        select(col(Reviewer.id), col(Reviewer.display_name)).where(col(Reviewer.id).in_(ids))
    ).all()
    return {rid: name for rid, name in rows}


def timeline_of(session: Session, case_id: int) -> tuple[TimelineEntry, ...]:
    """Audit events of the case and its clocks (started, met or missed), newest first,
    each with the stage it belongs to and its changes in readable fields."""
    entries: list[TimelineEntry] = []
    clocks = session.execute(select(Clock).where(col(Clock.case_id) == case_id)).scalars().all()
    clock_stage = {c.id: c.stage for c in clocks}
    # The newest events when there are more than MAX_TIMELINE, read back oldest first
    # so that each event's stage follows from the case's status before it.
    rows = session.execute(
        select(AuditEvent, col(Reviewer.display_name))
        .outerjoin(Reviewer, col(Reviewer.id) == AuditEvent.actor_id)
        .where(col(AuditEvent.case_id) == case_id)
        .order_by(col(AuditEvent.id).desc())
        .limit(MAX_TIMELINE)
    ).all()[::-1]
    names = _reviewer_names(session, [event for event, _actor in rows])
    status: str | None = None
    for event, actor in rows:
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        status = before.get("status", status) if event.entity in ("case", "report") else status
        if event.action.startswith("clock."):
            ids = _event_clocks(event)
            stage = clock_stage.get(ids[0]) if ids else None
            kind, changes = "clock", _clock_changes(event.action, before, after)
        else:
            stage = ENTITY_STAGE.get(event.entity) or STATUS_STAGE.get(status, Stage.REPLY)
            kind, changes = "audit", _changes(event.entity, before, after, names)
        summary = ", ".join(f"{k}={v}" for k, v in after.items())
        entries.append(
            TimelineEntry(
                event.occurred_at,
                kind,
                actor,
                event.action,
                summary,
                event.reason,
                stage,
                changes,
            )
        )
        if event.entity in ("case", "report") and "status" in after:
            status = after["status"]
    for clock in clocks:
        due = TimelineChange("due", "time", None, _instant(clock.due_at))
        summary = f"due={clock.due_at.isoformat(timespec='minutes')}"
        entries.append(
            TimelineEntry(
                clock.started_at, "clock", None, "clock.start", summary, None, clock.stage, (due,)
            )
        )
        ended: datetime | None = clock.met_at or clock.breached_at
        if ended is not None:
            action = "clock.met" if clock.met_at is not None else "clock.missed"
            entries.append(
                TimelineEntry(ended, "clock", None, action, summary, None, clock.stage, (due,))
            )
    # Newest first; at the same instant a clock's end before the next one's start.
    order = {"clock.start": 0, "clock.met": 1, "clock.missed": 1}
    entries.sort(key=lambda e: (e.at, order.get(e.action, 2)), reverse=True)
    return tuple(entries)


def related_cases(session: Session, case: Case) -> tuple[RelatedCase, ...]:
    """Other cases on the same account, and the case's parent and children."""
    conditions = [
        col(Case.target_account_id) == case.target_account_id,
        col(Case.parent_case_id) == case.id,
    ]
    if case.parent_case_id is not None:
        conditions.append(col(Case.id) == case.parent_case_id)
    rows = session.execute(
        select(Case)
        .where(or_(*conditions), col(Case.id) != case.id)
        .order_by(col(Case.opened_at).desc(), col(Case.id).desc())
        .limit(MAX_RELATED)
    ).scalars()
    return tuple(RelatedCase(c.id, c.queue, c.category, c.status, c.opened_at) for c in rows)


def case_detail(session: Session, case_id: int, *, now: datetime | None = None) -> CaseDetail:
    """Everything the case view shows about ``case_id``."""
    now = now or utcnow()
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"案件 {case_id} 不存在", f"case {case_id} does not exist")
    account = session.get_one(Account, case.target_account_id)
    assignee = session.get(Reviewer, case.assignee_id) if case.assignee_id else None
    return CaseDetail(
        id=case_id,
        queue=case.queue,
        status=case.status,
        category=case.category,
        due_at=case.due_at,
        # At risk as the queues and the dashboard say it (timelimits/risk.py).
        due_state=risks.row_state(
            {"clock_state": case.clock_state, "due_at": case.due_at, "case_id": case_id},
            "case_id",
            risks.at_risk(session, now, case_ids=[case_id]),
            now,
        ),
        version=case.version,
        assignee_name=assignee.display_name if assignee else None,
        opened_at=case.opened_at,
        reporter_count=case.reporter_count,
        decline_reason=case.decline_reason,
        resolution_note=case.resolution_note,
        account=account_card(session, case.target_account_id),
        hits=rule_hits(session, case, account),
        reports=reports_of(session, case_id),
        timeline=timeline_of(session, case_id),
        related=related_cases(session, case),
    )
