"""The case view's data: one case with its account card, rule hits, reports,
timeline (:mod:`workbench.cases.timeline`) and related cases, as plain values with
personal data masked (no Qt)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case as case_when
from sqlalchemy import or_, select
from sqlmodel import Session, col

from workbench.cases.check_policy import load_policy
from workbench.cases.links import linked_accounts
from workbench.cases.subjects import other_accounts
from workbench.cases.timeline import timeline_of
from workbench.errors import NotFound
from workbench.models import (
    Account,
    AccountInfoRevision,
    Case,
    ChangeRequest,
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
from workbench.models.codes import MeasureStatus
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
)
from workbench.rules.privacy import mask_contact, mask_id_number, mask_phone
from workbench.timelimits import risk as risks

PERSONAL_FIELDS = {"phone": mask_phone, "contact": mask_contact, "id_number": mask_id_number}
MAX_REVISIONS = 100
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
    qualifications = _qualifications(session, account_id)
    measures = _measures_in_force(session, account_id)
    revisions = _revisions(session, account_id)
    others = _same_subject(session, account)
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
        qualifications=qualifications,
        measures_in_force=measures,
        revisions=revisions,
        other_accounts=other_accounts(session, account, others),
        linked_accounts=linked_accounts(session, account_id, policy=load_policy(session).links),
        personal=_personal_refs(account, subject),
    )


def _qualifications(session: Session, account_id: int) -> tuple[QualificationView, ...]:
    quals = session.execute(
        select(Qualification).where(col(Qualification.account_id) == account_id)
    ).scalars()
    return tuple(
        QualificationView(
            q.field,
            q.licence_no,
            q.special_mark,
            q.valid_until.isoformat() if q.valid_until else None,
            q.document,
        )
        for q in quals
    )


def _measures_in_force(session: Session, account_id: int) -> tuple[MeasureView, ...]:
    measures = session.execute(
        select(Measure)
        .where(
            col(Measure.account_id) == account_id,
            col(Measure.status) == MeasureStatus.IN_EFFECT,
        )
        .order_by(col(Measure.decided_at).desc())
    ).scalars()
    return tuple(
        MeasureView(m.id, m.code, m.status, m.basis, m.reason, m.decided_at, m.effective_until)
        for m in measures
    )


def _revisions(session: Session, account_id: int) -> tuple[RevisionView, ...]:
    """The newest :data:`MAX_REVISIONS` changes of the account's information, masked."""
    revisions = session.execute(
        select(AccountInfoRevision)
        .where(col(AccountInfoRevision.account_id) == account_id)
        .order_by(col(AccountInfoRevision.changed_at).desc(), col(AccountInfoRevision.id).desc())
        .limit(MAX_REVISIONS)
    ).scalars()
    return tuple(
        RevisionView(
            r.field,
            _revision_value(r.field, r.old_value),
            _revision_value(r.field, r.new_value),
            r.changed_at,
        )
        for r in revisions
    )


def _same_subject(session: Session, account: Account) -> list[Account]:
    """The other accounts of the account's registered subject."""
    if account.subject_id is None:
        return []
    return list(
        session.execute(
            select(Account)
            .where(col(Account.subject_id) == account.subject_id, col(Account.id) != account.id)
            .order_by(col(Account.id))
        ).scalars()
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
