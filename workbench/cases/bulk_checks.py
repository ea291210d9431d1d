"""Re-checking stock accounts in bulk (2022/15): account-level checks over the database.

Accounts are read in batches by id.  Per run, one GROUP BY counts each
subject's accounts by identity number (two subject records with the same ID
number or credit code are one subject, 2021/10); per batch, one query each loads the accounts with their
subjects, the follower snapshots of the policy's look-back period, the
transfers, and the account lists of subjects over their cap.  Each batch is
one transaction: its hits are stored with :func:`workbench.cases.hit_store.store_hits`
(one undecided row per account and fingerprint) and each hit is filed through
the automated-screening channel with an external id made of the account and
the hit's fingerprint, so a second run files nothing twice and opens no
second case for the same hit.  A run cut short (a crash, a reviewer
cancelling between batches) keeps the batches it committed; the next run
checks every account again and files only what is not filed yet.

A run by a reviewer (``actor``) needs one of :data:`CHECK_ROLES`, the roles
that file reports; ``actor`` None is the system (the command line).

Given a rule-engine ``screener``, a run also screens each account's
information (name, bio, signature, certification, with its qualifications)
against the text rules, and files those hits the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial

from sqlalchemy import ColumnElement, Engine, String, cast, func
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.cases.bulk_screening import Screened, screen_accounts, screen_inputs
from workbench.cases.check_policy import load_policy
from workbench.cases.hit_store import store_hits
from workbench.cases.intake import INTAKE_ROLES
from workbench.cases.intake_batch import ReportInput, receive_reports
from workbench.cases.links import batch_registration_hits, sync_link_keys
from workbench.cases.public_figures import account_figure_hits, figure_index
from workbench.cases.subjects import subject_return_hits
from workbench.db import run_in_transaction
from workbench.models import (
    SHANGHAI,
    Account,
    AccountTransfer,
    FollowerSnapshot,
    RuleHit,
    Subject,
    utcnow,
)
from workbench.models.base import saved
from workbench.models.codes import Channel, ReportKind
from workbench.rules.account_checks import account_check_hits
from workbench.rules.account_facts import ENDED_STATUSES, AccountFacts, SubjectAccount, Transfer
from workbench.rules.account_policy import AccountCheckPolicy
from workbench.rules.engine import Screener
from workbench.rules.hits import Hit

DEFAULT_BATCH = 500
ENDED = sorted(ENDED_STATUSES)
CHECK_ROLES = INTAKE_ROLES  # the checks file their hits as reports


@dataclass
class BulkSummary:
    """What a bulk run found and filed."""

    accounts_checked: int = 0
    accounts_with_hits: int = 0
    hits_found: int = 0
    hits_new: int = 0
    cases_opened: int = 0
    reports_joined: int = 0  # hits filed on a case already open for that account and category
    already_filed: int = 0  # hits an earlier run had filed
    by_category: Counter = field(default_factory=Counter)

    def add(self, other: BulkSummary) -> None:
        for name in (
            "accounts_checked",
            "accounts_with_hits",
            "hits_found",
            "hits_new",
            "cases_opened",
            "reports_joined",
            "already_filed",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_category.update(other.by_category)


def report_external_id(account_id: int, hit: Hit) -> str:
    """The intake id of a hit: the same hit on the same account always gets the same id."""
    return f"auto:{account_id}:{hit.fingerprint}"


def subject_identity_column() -> ColumnElement[str]:
    """The identity a subject is counted by (2021/10): its credit code, else its ID number,
    else (neither recorded) the subject record itself.  The same person or organisation
    entered as two subject records is one subject."""
    return func.coalesce(
        func.nullif(Subject.credit_code, ""),
        func.nullif(Subject.id_number, ""),
        "#" + cast(Subject.id, String),
    )


def subject_identity(subject: Subject) -> str:
    """:func:`subject_identity_column` of one loaded subject."""
    return subject.credit_code or subject.id_number or f"#{subject.id}"


def subject_counts(session: Session, minimum: int = 1) -> dict[str, int]:
    """Accounts still held per subject identity (closed and blacklisted ones excluded), over
    ``minimum``; keyed by :func:`subject_identity`."""
    identity = subject_identity_column()
    count = func.count(col(Account.id))
    rows = session.exec(
        select(identity, count)
        .join(Subject, col(Account.subject_id) == Subject.id)
        .where(col(Account.status).not_in(ENDED))
        .group_by(identity)
        .having(count > minimum)
    ).all()
    return {key: n for key, n in rows}


def _text(value: str | None) -> str:
    return value or ""


def _latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def load_account_facts(
    session: Session,
    account_ids: Sequence[int],
    *,
    policy: AccountCheckPolicy,
    now: datetime,
    counts: dict[str, int] | None = None,
) -> list[AccountFacts]:
    """The facts of ``account_ids`` (in that order), every field given.

    ``counts`` are :func:`subject_counts`; a subject's account list is loaded
    only when its count is over its cap (computed here when not given).
    """
    if not account_ids:
        return []
    ids = list(account_ids)
    rows = session.exec(
        select(Account, Subject)
        .outerjoin(Subject, col(Account.subject_id) == Subject.id)
        .where(col(Account.id).in_(ids))
    ).all()
    identities = {s.id: subject_identity(s) for _, s in rows if s is not None}
    if counts is None:
        wanted = set(identities.values())
        counts = {k: v for k, v in subject_counts(session).items() if k in wanted}
    cutoff = now.astimezone(SHANGHAI).date() - timedelta(days=policy.traffic.lookback_days)
    history = _follower_history(session, ids, cutoff)
    transfers = _transfers(session, ids)
    over_cap = {
        identities[s.id]
        for _, s in rows
        if s is not None and counts.get(identities[s.id], 0) > policy.cap_for(s.kind)
    }
    held = _accounts_over_cap(session, over_cap)
    by_id = {a.id: (a, s) for a, s in rows}
    facts = []
    for account_id in ids:
        if account_id not in by_id:
            continue
        account, subject = by_id[account_id]
        facts.append(
            AccountFacts(
                ref=account.platform_id,
                account_id=account.id,
                kind=account.kind,
                name=account.name,
                bio=account.bio,
                publishes=account.publishes,
                ip_location=_text(account.ip_location),
                verification_method=account.verification_method,
                verification_status=account.verification_status,
                id_number=(subject.id_number if subject else None) or "",
                credit_code=(subject.credit_code if subject else None) or "",
                subject_id=str(subject.id) if subject else None,
                subject_kind=subject.kind if subject else None,
                subject_accounts=tuple(held[identities[subject.id]])
                if subject and identities[subject.id] in held
                else None,
                operator=_text(account.operator_name),
                registered_address=_text(account.registered_address),
                content_category=_text(account.content_category),
                contact=_text(account.contact),
                org_business_scope=_text(account.org_business_scope),
                registered_at=account.registered_at,
                last_active_at=_latest(account.last_active_at, account.last_published_at),
                follower_history=tuple(history.get(account_id, ())),
                transfers=tuple(transfers.get(account_id, ())),
            )
        )
    return facts


def _follower_history(
    session: Session, ids: list[int], cutoff: date
) -> dict[int, list[tuple[date, int]]]:
    """Each account's follower counts by day since ``cutoff``, oldest first."""
    history: dict[int, list[tuple[date, int]]] = {}
    snapshots = session.exec(
        select(
            FollowerSnapshot.account_id, col(FollowerSnapshot.day), FollowerSnapshot.follower_count
        )
        .where(col(FollowerSnapshot.account_id).in_(ids), col(FollowerSnapshot.day) >= cutoff)
        .order_by(col(FollowerSnapshot.account_id), col(FollowerSnapshot.day))
    )
    for account_id, day, count in snapshots:
        history.setdefault(account_id, []).append((day, count))
    return history


def _transfers(session: Session, ids: list[int]) -> dict[int, list[Transfer]]:
    """Each account's changes of operator, oldest first."""
    transfers: dict[int, list[Transfer]] = {}
    for t in session.exec(
        select(AccountTransfer)
        .where(col(AccountTransfer.account_id).in_(ids))
        .order_by(col(AccountTransfer.account_id), col(AccountTransfer.changed_at))
    ):
        transfers.setdefault(t.account_id, []).append(
            Transfer(
                changed_at=t.changed_at,
                from_operator=t.from_operator,
                to_operator=t.to_operator,
                from_subject=str(t.from_subject_id) if t.from_subject_id else None,
                to_subject=str(t.to_subject_id) if t.to_subject_id else None,
                approved=t.approved,
                approval_reference=t.approval_reference,
            )
        )
    return transfers


def _accounts_over_cap(session: Session, over_cap: set[str]) -> dict[str, list[SubjectAccount]]:
    """The accounts still held by each subject identity in ``over_cap``, by registration."""
    held: dict[str, list[SubjectAccount]] = {}
    if over_cap:
        # The subject records behind each identity, found through the indexed number
        # columns, then their accounts by subject id (an index too).
        numbers = sorted(k for k in over_cap if not k.startswith("#"))
        records = [int(k[1:]) for k in over_cap if k.startswith("#")]
        same = session.exec(
            select(Subject).where(
                col(Subject.credit_code).in_(numbers)
                | col(Subject.id_number).in_(numbers)
                | col(Subject.id).in_(records)
            )
        ).all()
        identity_of = {saved(s.id): subject_identity(s) for s in same}
        for acc in session.exec(
            select(Account)
            .where(
                col(Account.subject_id).in_(sorted(identity_of)),
                col(Account.status).not_in(ENDED),
            )
            .order_by(col(Account.registered_at), col(Account.id))
        ):
            assert acc.subject_id is not None  # selected by it
            key = identity_of[acc.subject_id]
            if key in over_cap:
                held.setdefault(key, []).append(
                    SubjectAccount(acc.platform_id, acc.name, acc.status, acc.id)
                )
    return held


def check_account(
    session: Session,
    account_id: int,
    *,
    policy: AccountCheckPolicy | None = None,
    now: datetime | None = None,
) -> list[Hit]:
    """The account-level hits of one account as the database has it now (the account card)."""
    now = now or utcnow()
    policy = policy or load_policy(session)
    facts = load_account_facts(session, [account_id], policy=policy, now=now)
    return account_check_hits(facts[0], policy, now=now) if facts else []


def stock_account_count(session: Session) -> int:
    """How many accounts are still in service (what a bulk run checks)."""
    return session.exec(
        select(func.count(col(Account.id))).where(col(Account.status).not_in(ENDED))
    ).one()


def stock_account_ids(session: Session, *, after: int = 0, limit: int = DEFAULT_BATCH) -> list[int]:
    """The next ``limit`` accounts still in service (not closed or blacklisted) by id."""
    rows = session.exec(
        select(Account.id)
        .where(col(Account.id) > after, col(Account.status).not_in(ENDED))
        .order_by(col(Account.id))
        .limit(limit)
    ).all()
    return [saved(account_id) for account_id in rows]


def _open_fingerprints(session: Session, account_ids: Sequence[int]) -> dict[int, set[str]]:
    """Fingerprints of the undecided hits stored for each account."""
    known: dict[int, set[str]] = {}
    for account_id, fingerprint in session.exec(
        select(RuleHit.account_id, RuleHit.fingerprint).where(
            col(RuleHit.account_id).in_(list(account_ids)), col(RuleHit.decision).is_(None)
        )
    ):
        known.setdefault(account_id, set()).add(fingerprint)
    return known


def _file(session: Session, actor: Actor | None, pending, now, summary) -> None:
    """File each (account, hit, stored row) through automated screening in one batch.

    The batch has the outcome of one ``receive_report`` per hit; a stored row
    without a case joins the case its hit opened or joined.
    """
    if not pending:
        return
    items = [
        ReportInput(
            external_id=report_external_id(account_id, hit),
            kind=ReportKind.REPORT.value,
            channel=Channel.AUTOMATED_SCREENING.value,
            target_account_id=account_id,
            category=hit.category,
            text=hit.explanation,
            received_at=now,
        )
        for account_id, hit, _row in pending
    ]
    for (_account_id, _hit, row), result in zip(
        pending, receive_reports(session, actor, items, now=now), strict=True
    ):
        if result.existing:
            summary.already_filed += 1
            continue
        if result.joined:
            summary.reports_joined += 1
        else:
            summary.cases_opened += 1
        if row.case_id is None:
            row.case_id = result.case_id
            session.add(row)


def check_batch(
    session: Session,
    account_ids: Sequence[int],
    *,
    policy: AccountCheckPolicy,
    now: datetime,
    counts: dict[str, int],
    actor: Actor | None = None,
    open_cases: bool = True,
    screener: Screener | None = None,
    screened: dict[int, Screened] | None = None,
) -> BulkSummary:
    """Check, store and file ``account_ids`` in ``session``'s transaction.

    The accounts are read :data:`DEFAULT_BATCH` at a time, however many are given;
    with a ``screener`` their information is screened against the text rules too.
    ``screened`` holds hits found before the transaction (:func:`screen_accounts`):
    they are used where the account's information still reads as it was screened,
    and an account changed since is screened again here.
    """
    summary = BulkSummary()
    ids = list(account_ids)
    screened = screened or {}
    listed = figure_index(session)  # names used only with an authorisation (2021/8)
    for start in range(0, len(ids), DEFAULT_BATCH):
        chunk = ids[start : start + DEFAULT_BATCH]
        facts = load_account_facts(session, chunk, policy=policy, now=now, counts=counts)
        known = _open_fingerprints(session, chunk)
        texts = screen_inputs(session, chunk) if screener is not None else {}
        returns = subject_return_hits(session, chunk, now=now)  # 2022/10, 2017/13
        figures = account_figure_hits(session, chunk, now=now, index=listed)  # 2021/8
        batches = batch_registration_hits(
            session, chunk, now=now, policy=policy.links
        )  # 2021/18(8)
        pending = []
        for item in facts:
            summary.accounts_checked += 1
            account_id = saved(item.account_id)  # facts read from the database have it
            hits = account_check_hits(item, policy, now=now) + returns.get(account_id, [])
            hits += batches.get(account_id, []) + figures.get(account_id, [])
            if screener is not None:
                account = texts[account_id]
                before = screened.get(account_id)
                if before is not None and before.account == account:
                    hits += before.hits
                else:
                    hits += screener.screen(account).hits
            if not hits:
                continue
            summary.accounts_with_hits += 1
            summary.hits_found += len(hits)
            summary.by_category.update(h.category for h in hits)
            stored = known.get(account_id, set())
            unique = list({h.fingerprint: h for h in hits}.values())
            rows = store_hits(session, account_id, unique, at=now)
            summary.hits_new += sum(1 for h in unique if h.fingerprint not in stored)
            if open_cases:
                pending += [(account_id, h, r) for h, r in zip(unique, rows, strict=True)]
        _file(session, actor, pending, now, summary)
    session.flush()
    return summary


def refresh_link_keys(engine: Engine, *, batch_size: int = DEFAULT_BATCH) -> int:
    """Every account's link keys brought up to date (issue 16 item 6); how many changed."""
    changed, after = 0, 0
    while ids := run_in_transaction(
        engine, partial(stock_account_ids, after=after, limit=batch_size), write=False
    ):
        changed += run_in_transaction(engine, partial(sync_link_keys, account_ids=ids))
        after = ids[-1]
    return changed


def run_account_checks(
    engine: Engine,
    *,
    policy: AccountCheckPolicy | None = None,
    now: datetime | None = None,
    batch_size: int = DEFAULT_BATCH,
    actor: Actor | None = None,
    open_cases: bool = True,
    progress: Callable[[BulkSummary], None] | None = None,
    screener: Screener | None = None,
) -> BulkSummary:
    """Check every account in service; each batch is committed on its own.

    A batch's text is screened between reading it and opening the batch's write
    transaction, so a long screening never holds the database.

    ``progress`` is told the running total after each committed batch; an
    exception it raises ends the run there, the committed batches kept.
    ``screener`` (a rule-engine Screener) adds the text rules to the checks.
    """
    if actor is not None:
        require_role(actor, *CHECK_ROLES)
    now = now or utcnow()
    if policy is None:
        policy = run_in_transaction(engine, load_policy, write=False)
    smallest_cap = min(policy.subject_account_cap.values())
    counts = run_in_transaction(
        engine, lambda s: subject_counts(s, minimum=smallest_cap), write=False
    )
    refresh_link_keys(engine, batch_size=batch_size)
    total = BulkSummary()
    after = 0
    while True:
        ids = run_in_transaction(
            engine, partial(stock_account_ids, after=after, limit=batch_size), write=False
        )
        if not ids:
            break
        screened = None
        if screener is not None:
            # Screening is pure: read the text, close the read, screen, then write.
            inputs = run_in_transaction(
                engine, partial(screen_inputs, account_ids=ids), write=False
            )
            screened = screen_accounts(screener, inputs)
        batch = run_in_transaction(
            engine,
            partial(
                check_batch,
                account_ids=ids,
                policy=policy,
                now=now,
                counts=counts,
                actor=actor,
                open_cases=open_cases,
                screener=screener,
                screened=screened,
            ),
        )
        total.add(batch)
        after = ids[-1]
        if progress is not None:
            progress(total)
    return total
