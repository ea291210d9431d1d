"""The subject-level blacklist: closed accounts' registered subjects must not come back.

2022/10 and 2017/13 forbid a closed or blacklisted account from registering
again, and speak of its registered subject (注册主体), not only its name.  When
a measure closes or blacklists an account (once in effect), the ID number or
unified social credit code of its subject enters ``closed_subject`` as a keyed
hash: HMAC-SHA256 under a subkey of the key file (:mod:`workbench.records.audit_key`),
which the database does not hold.  The list names no one; whoever reads the
table cannot test a number against it without the key file.  A revoked or
expired measure that leaves the account open takes its entry out again, as
with closed names (:mod:`workbench.measures.account_effects`).

A new or changed account (import, the platform's account snapshots, change
requests) whose subject's digest is on the list under another account gets
the hit ``closed_subject_returns`` (2022/10, 2017/13), naming the earlier
accounts with their names masked.  The number itself appears nowhere but in
the subject table it came from: not in the list, an audit payload or a hit.

Rotating the key file: rows made under another key are hashed again from
their accounts' subjects the next time the list is read.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.models import Account, ClosedSubject, Subject, utcnow
from workbench.models.base import saved
from workbench.models.codes import AccountStatus, HitSeverity, RuleCategory
from workbench.models.views import OtherAccount
from workbench.records.audit_key import audit_key
from workbench.rules.hits import Hit, account_hit
from workbench.rules.idcodes import normalise
from workbench.rules.privacy import mask_name

RULE = "closed_subject_returns"
KIND_LABELS = {
    "id_number": ("身份证号", "ID number"),
    "credit_code": ("统一社会信用代码", "credit code"),
}
STATUS_LABELS = {
    AccountStatus.CLOSED: ("已关闭", "closed"),
    AccountStatus.BLACKLISTED: ("已列入黑名单", "blacklisted"),
}


@dataclass(frozen=True, slots=True)
class SubjectKey:
    key_id: str
    secret: bytes

    def digest(self, kind: str, number: str) -> str:
        return hmac.new(self.secret, f"{kind}:{number}".encode(), hashlib.sha256).hexdigest()


def subject_key() -> SubjectKey:
    """The list's key: a subkey of the audit key, so it follows the key file."""
    key = audit_key()
    secret = hmac.new(key.secret, b"workbench closed subjects v1", hashlib.sha256).digest()
    return SubjectKey(key.key_id, secret)


def subject_numbers(subject: Subject | None) -> list[tuple[str, str]]:
    """The subject's (kind, normalised number) pairs: ID number and credit code if present."""
    if subject is None:
        return []
    pairs = [
        ("id_number", normalise(subject.id_number)),
        ("credit_code", normalise(subject.credit_code)),
    ]
    return [(kind, number) for kind, number in pairs if number]


def _digests(key: SubjectKey, subject: Subject | None) -> dict[str, str]:
    return {key.digest(kind, number): kind for kind, number in subject_numbers(subject)}


def sync_closed_subject(session: Session, account: Account, now: datetime) -> dict:
    """Keep the account's entries in step with its status; what changed, for the audit
    record (the kinds of number only, never a number or a digest)."""
    rows = session.exec(select(ClosedSubject).where(ClosedSubject.account_id == account.id)).all()
    closed = account.status in (AccountStatus.CLOSED, AccountStatus.BLACKLISTED)
    if not closed:
        for row in rows:
            session.delete(row)
        return {"closed_subject_removed": sorted({r.kind for r in rows})} if rows else {}
    key = subject_key()
    source = "blacklist" if account.status == AccountStatus.BLACKLISTED else "closure"
    wanted = _digests(key, session.get(Subject, account.subject_id) if account.subject_id else None)
    added = []
    for row in rows:
        if row.digest in wanted and row.key_id == key.key_id:
            if row.source != source:
                row.source = source
                session.add(row)
            wanted.pop(row.digest)
        else:
            session.delete(row)  # made under a retired key, or the subject changed
    session.flush()
    for digest, kind in wanted.items():
        session.add(
            ClosedSubject(
                digest=digest,
                key_id=key.key_id,
                kind=kind,
                account_id=saved(account.id),
                source=source,
                added_at=now,
            )
        )
        added.append(kind)
    return {"closed_subject_added": sorted(added)} if added else {}


def _rekey(session: Session, key: SubjectKey, now: datetime) -> None:
    stale = session.exec(select(ClosedSubject.account_id).where(ClosedSubject.key_id != key.key_id))
    for account_id in sorted(set(stale.all())):
        account = session.get(Account, account_id)
        if account is not None:
            sync_closed_subject(session, account, now)
    session.flush()


@dataclass(frozen=True, slots=True)
class EarlierAccount:
    """A closed or blacklisted account of the same registered subject, for the reviewer."""

    account_id: int
    platform_id: str
    masked_name: str
    status: str
    kind: str  # which number matched: id_number or credit_code
    closed_at: datetime

    def describe(self) -> str:
        status_zh, status_en = STATUS_LABELS.get(
            AccountStatus(self.status), (self.status, self.status)
        )
        return (
            f"{self.platform_id}「{self.masked_name}」{status_zh}"
            f"（{self.closed_at.date().isoformat()}）/ {status_en}"
        )


def earlier_accounts(
    session: Session, account_ids: list[int], *, now: datetime, rekey: bool = True
) -> dict[int, list[EarlierAccount]]:
    """Per account, the other accounts of its subject on the list (none: not in the dict).

    ``rekey`` False (a read) leaves rows of a retired key unmatched until the next write."""
    accounts = session.exec(
        select(Account).where(
            col(Account.id).in_(account_ids), col(Account.subject_id).is_not(None)
        )
    ).all()
    subjects = {
        s.id: s
        for s in session.exec(
            select(Subject).where(col(Subject.id).in_({a.subject_id for a in accounts}))
        ).all()
    }
    if not any(subject_numbers(s) for s in subjects.values()):
        return {}  # nothing to look up: the key file is not even read
    key = subject_key()
    if rekey:
        _rekey(session, key, now)
    wanted = {saved(a.id): _digests(key, subjects.get(a.subject_id)) for a in accounts}
    every = {d for digests in wanted.values() for d in digests}
    if not every:
        return {}
    rows = session.exec(select(ClosedSubject).where(col(ClosedSubject.digest).in_(every))).all()
    by_digest: dict[str, list[ClosedSubject]] = defaultdict(list)
    for row in rows:
        by_digest[row.digest].append(row)
    holders = {
        a.id: a
        for a in session.exec(
            select(Account).where(col(Account.id).in_({r.account_id for r in rows}))
        ).all()
    }
    found: dict[int, list[EarlierAccount]] = {}
    for account_id, digests in wanted.items():
        earlier = {}
        for digest in digests:
            for row in by_digest.get(digest, []):
                holder = holders[row.account_id]
                if row.account_id == account_id or row.account_id in earlier:
                    continue
                earlier[row.account_id] = EarlierAccount(
                    row.account_id,
                    holder.platform_id,
                    mask_name(holder.name),
                    holder.status,
                    row.kind,
                    row.added_at,
                )
        if earlier:
            found[account_id] = sorted(earlier.values(), key=lambda e: (e.closed_at, e.account_id))
    return found


def subject_return_hit(earlier: list[EarlierAccount]) -> Hit:
    """The ``closed_subject_returns`` hit naming the earlier accounts (names masked)."""
    kinds = sorted({e.kind for e in earlier})
    zh = "、".join(KIND_LABELS[k][0] for k in kinds)
    en = " and ".join(KIND_LABELS[k][1] for k in kinds)
    listed = "；".join(e.describe() for e in earlier)
    return account_hit(
        RuleCategory.CLOSED_SUBJECT_RETURNS,
        RULE,
        "subject",
        "",
        HitSeverity.HIGH,
        1.0,
        f"注册主体（{zh}）曾有账号被关闭或列入黑名单，不得重新注册（2022/10、2017/13）："
        f"{listed} / the registered subject ({en}) of this account had accounts closed "
        f"or blacklisted and may not register again (2022/10, 2017/13)",
        {"earlier_account_ids": [e.account_id for e in earlier]},
    )


def subject_return_hits(
    session: Session, account_ids: list[int], *, now: datetime
) -> dict[int, list[Hit]]:
    """Per account whose subject is on the list under another account, its hit."""
    return {
        account_id: [subject_return_hit(earlier)]
        for account_id, earlier in earlier_accounts(session, account_ids, now=now).items()
    }


def other_accounts(session: Session, account: Account, others: list[Account]) -> tuple:
    """For the account card: the subject's other accounts, then the closed or blacklisted
    accounts of the same ID number or credit code under another subject record, names
    masked (2022/10, 2017/13)."""
    listed = [OtherAccount(saved(a.id), a.platform_id, a.name, a.status) for a in others]
    seen = {a.id for a in others}
    account_id = saved(account.id)
    earlier = earlier_accounts(session, [account_id], now=utcnow(), rekey=False)
    listed += [
        OtherAccount(e.account_id, e.platform_id, e.masked_name, e.status)
        for e in earlier.get(account_id, [])
        if e.account_id not in seen
    ]
    return tuple(listed)
