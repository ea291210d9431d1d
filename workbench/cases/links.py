"""The stored index of link keys, linked accounts on the card, batch-registration hits.

Issue 16 item 6; the grouping itself is pure (:mod:`workbench.rules.linking`).
``account_link_key`` holds per account the keys that may tie it to others:

* each decoded contact as HMAC-SHA256 of ``kind:value`` under a subkey of the key
  file (as the subject list does, :mod:`workbench.cases.subjects`), so the
  table names no contact and cannot be tested against one without the key file;
* each subject number as the subject list's own keyed hash;
* the avatar's perceptual hash and its bands (for near duplicates), with a
  digest of the avatar's path so an unchanged avatar is not read again.

Maintained when accounts are imported (also the platform's snapshots) and by
``workbench checks run`` before it checks; rows made under a retired key are
made again the next time the account is indexed.

New accounts sharing one contact (registered within
:attr:`~workbench.rules.linking.LinkPolicy.new_within_days`) are one
``batch_registration`` hit (2021/18(8): 违规批量注册), filed on the first
registered account of the group and naming the others with masked names.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from workbench.cases.subjects import SubjectKey, subject_key, subject_numbers
from workbench.models import Account, Subject
from workbench.models.account import AccountLinkKey
from workbench.models.codes import HitSeverity, RuleCategory
from workbench.models.views import LinkedAccount
from workbench.records.audit_key import audit_key
from workbench.rules.contact import ContactScanner
from workbench.rules.hits import Hit, account_hit
from workbench.rules.images import ImageUnreadable, open_image
from workbench.rules.linking import (
    AVATAR,
    CONTACT,
    INFO_FIELDS,
    MAX_IMAGE_DISTANCE,
    SUBJECT,
    LinkKeys,
    LinkPolicy,
    bands,
    contact_values,
    new_account_clusters,
)
from workbench.rules.privacy import mask_name
from workbench.rules.symbols import phash

RULE = "batch_registration"
BAND = "avatar_band"
CARD_LIMIT = 20  # linked accounts the card lists at most


def contact_key() -> SubjectKey:
    """The contacts' key: a subkey of the audit key, so it follows the key file."""
    key = audit_key()
    secret = hmac.new(key.secret, b"workbench linked contacts v1", hashlib.sha256).digest()
    return SubjectKey(key.key_id, secret)


def avatar_hash(path: str | None) -> int | None:
    """The avatar's perceptual hash; None without a readable, non-flat picture."""
    if not path:
        return None
    try:
        return phash(open_image(Path(path)))
    except ImageUnreadable:
        return None


def _path_digest(path: str | None) -> str:
    return hashlib.sha256((path or "").encode()).hexdigest()[:16]


def _wanted(account: Account, subject: Subject | None, contacts, subjects, old_avatar, scanner):
    """The rows the account should have: (kind, digest, key_id, detail)."""
    texts = [(f, getattr(account, f) or "") for f in INFO_FIELDS]
    rows = set()
    for value in contact_values(texts, scanner):
        rows.add((CONTACT, contacts.digest(CONTACT, value), contacts.key_id, value.split(":")[0]))
    for kind, number in subject_numbers(subject):
        rows.add((SUBJECT, subjects.digest(kind, number), subjects.key_id, kind))
    path = _path_digest(account.avatar_path)
    avatar = old_avatar.get(path) if old_avatar else None
    if avatar is None:
        avatar = avatar_hash(account.avatar_path)
    if avatar is not None:
        rows.add((AVATAR, f"{avatar:016x}", "", path))
        for index, bits in bands(avatar, MAX_IMAGE_DISTANCE):
            rows.add((BAND, f"{index}:{bits:x}", "", ""))
    return rows


def sync_link_keys(
    session: Session, account_ids: Sequence[int], *, scanner: ContactScanner | None = None
) -> int:
    """Bring the accounts' link keys in step with their information; how many changed."""
    if not account_ids:
        return 0
    accounts = session.exec(select(Account).where(col(Account.id).in_(list(account_ids)))).all()
    subject_ids = {a.subject_id for a in accounts if a.subject_id}
    subjects = {
        s.id: s for s in session.exec(select(Subject).where(col(Subject.id).in_(subject_ids)))
    }
    existing: dict[int, list[AccountLinkKey]] = defaultdict(list)
    for row in session.exec(
        select(AccountLinkKey).where(col(AccountLinkKey.account_id).in_(list(account_ids)))
    ):
        existing[row.account_id].append(row)
    contacts, subject_keys = contact_key(), subject_key()
    changed = 0
    for account in accounts:
        assert account.id is not None
        rows = existing.get(account.id, [])
        old_avatar = {r.detail: int(r.digest, 16) for r in rows if r.kind == AVATAR}
        subject = subjects.get(account.subject_id) if account.subject_id else None
        wanted = _wanted(account, subject, contacts, subject_keys, old_avatar, scanner)
        have = {(r.kind, r.digest, r.key_id, r.detail): r for r in rows}
        if set(have) == wanted:
            continue
        changed += 1
        for key, row in have.items():
            if key not in wanted:
                session.delete(row)
        for kind, digest, key_id, detail in wanted - set(have):
            session.add(
                AccountLinkKey(
                    account_id=account.id, kind=kind, digest=digest, key_id=key_id, detail=detail
                )
            )
    session.flush()
    return changed


def _holders(session: Session, keys: set[tuple[str, str]], policy: LinkPolicy):
    """Per (kind, digest), its holders; a key held by more than the common limit is left out."""
    if not keys:
        return {}
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    pairs = sorted(keys)
    for start in range(0, len(pairs), 200):
        part = pairs[start : start + 200]
        condition = or_(
            *(and_(col(AccountLinkKey.kind) == k, col(AccountLinkKey.digest) == d) for k, d in part)
        )
        for kind, digest, account_id in session.exec(
            select(AccountLinkKey.kind, AccountLinkKey.digest, AccountLinkKey.account_id).where(
                condition
            )
        ):
            found[(kind, digest)].add(account_id)
    return {k: ids for k, ids in found.items() if len(ids) <= policy.common_limit}


def linked_accounts(
    session: Session, account_id: int, *, policy: LinkPolicy | None = None, limit: int = CARD_LIMIT
) -> tuple[LinkedAccount, ...]:
    """The accounts sharing a contact, a subject or a near-duplicate avatar with this one
    (a key too common to say anything left out), names masked, most reasons first."""
    policy = policy or LinkPolicy()
    mine = session.exec(select(AccountLinkKey).where(AccountLinkKey.account_id == account_id)).all()
    reasons: dict[int, set[str]] = defaultdict(set)
    exact = {(r.kind, r.digest) for r in mine if r.kind in (CONTACT, SUBJECT, AVATAR)}
    for (kind, _), ids in _holders(session, exact, policy).items():
        for other in ids - {account_id}:
            reasons[other].add(kind)
    avatar = next((int(r.digest, 16) for r in mine if r.kind == AVATAR), None)
    if avatar is not None:
        band_keys = {(r.kind, r.digest) for r in mine if r.kind == BAND}
        near = set().union(*_holders(session, band_keys, policy).values()) - {account_id}
        if near:
            for other, digest in session.exec(
                select(AccountLinkKey.account_id, AccountLinkKey.digest).where(
                    AccountLinkKey.kind == AVATAR, col(AccountLinkKey.account_id).in_(near)
                )
            ):
                if (int(digest, 16) ^ avatar).bit_count() <= policy.image_distance:
                    reasons[other].add(AVATAR)
    if not reasons:
        return ()
    order = sorted(reasons, key=lambda i: (-len(reasons[i]), i))[:limit]
    accounts = {a.id: a for a in session.exec(select(Account).where(col(Account.id).in_(order)))}
    kinds = (CONTACT, SUBJECT, AVATAR)
    return tuple(
        LinkedAccount(
            i,
            accounts[i].platform_id,
            mask_name(accounts[i].name),
            accounts[i].status,
            tuple(k for k in kinds if k in reasons[i]),
        )
        for i in order
    )


def batch_registration_hit(members: list[Account], kinds: list[str], policy: LinkPolicy) -> Hit:
    """The one hit for a group of new accounts sharing a contact, on its first account."""
    listed = "；".join(f"{a.platform_id}「{mask_name(a.name)}」" for a in members)
    contact = "、".join(sorted(set(kinds)))
    return account_hit(
        RuleCategory.BATCH_REGISTRATION,
        RULE,
        "contact",
        "",
        HitSeverity.MEDIUM,
        0.8,
        f"{len(members)} 个新注册账号（{policy.new_within_days} 天内）使用同一联系方式"
        f"（{contact}），疑似违规批量注册（2021/18(8)）：{listed} / {len(members)} accounts "
        f"registered within {policy.new_within_days} days share one contact ({contact}): "
        f"suspected batch registration (2021/18(8))",
        {"linked_account_ids": [a.id for a in members]},
    )


def batch_registration_hits(
    session: Session,
    account_ids: Sequence[int],
    *,
    now: datetime,
    policy: LinkPolicy | None = None,
    any_anchor: bool = False,
) -> dict[int, list[Hit]]:
    """Per group of new accounts sharing a contact whose first account is one of
    ``account_ids``, that account's one ``batch_registration`` hit (2021/18(8)).

    ``any_anchor`` (an import): also the groups an account of ``account_ids`` joins
    whose first account is another, keyed by that account."""
    policy = policy or LinkPolicy()
    ids = list(account_ids)
    mine: set[str] = set()
    for start in range(0, len(ids), 500):
        mine.update(
            session.exec(
                select(AccountLinkKey.digest).where(
                    AccountLinkKey.kind == CONTACT,
                    col(AccountLinkKey.account_id).in_(ids[start : start + 500]),
                )
            )
        )
    holders = _holders(session, {(CONTACT, d) for d in mine}, policy)
    if not holders:
        return {}
    everyone = set().union(*holders.values())
    accounts = {a.id: a for a in session.exec(select(Account).where(col(Account.id).in_(everyone)))}
    details = {
        (r.account_id, r.digest): r.detail
        for r in session.exec(
            select(AccountLinkKey).where(
                AccountLinkKey.kind == CONTACT, col(AccountLinkKey.account_id).in_(everyone)
            )
        )
    }
    contacts: dict[int, set[str]] = defaultdict(set)
    for (_, digest), ids in holders.items():
        for i in ids:
            contacts[i].add(digest)
    keys = [
        LinkKeys(i, frozenset(contacts[i]), registered_at=accounts[i].registered_at)
        for i in sorted(contacts)
    ]
    wanted = set(account_ids)
    groups: dict[int, tuple[set[int], list[str]]] = {}
    for cluster in new_account_clusters(keys, now=now, policy=policy):
        if cluster.anchor not in wanted and not (any_anchor and wanted & set(cluster.members)):
            continue
        members, kinds = groups.setdefault(cluster.anchor, (set(), []))
        members.update(cluster.members)
        kinds.append(details.get((cluster.anchor, cluster.contact), CONTACT))
    out = {}
    for anchor, (members, kinds) in groups.items():
        ordered = sorted((accounts[i] for i in members), key=lambda a: (a.registered_at, a.id or 0))
        out[anchor] = [batch_registration_hit(ordered, kinds, policy)]
    return out
