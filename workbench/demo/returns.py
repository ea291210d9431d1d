"""Subjects of closed accounts that register again under a new name (2022/10, 2017/13).

After the workflow has closed or blacklisted some accounts, a few of their
registered subjects come back: a new subject record with the same ID number or
credit code, a new account under another name.  The account checks then find
``closed_subject_returns`` and file each as an automated case, as
``workbench checks run`` would on a real platform's stock.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from workbench.cases.bulk_checks import check_batch, subject_counts
from workbench.cases.check_policy import load_policy
from workbench.cases.subjects import subject_numbers
from workbench.models import Account, Subject
from workbench.models.base import saved
from workbench.models.codes import AccountStatus

NEW_NAMES = ("晨光生活记", "小城慢时光", "老街味道说", "山野清风录", "星河日常")


def reregister(session: Session, rng: random.Random, now: datetime, limit: int = 3) -> dict:
    """Bring back up to ``limit`` closed subjects under new names; what was filed."""
    closed = session.exec(
        select(Account)
        .where(
            col(Account.status).in_((AccountStatus.CLOSED, AccountStatus.BLACKLISTED)),
            col(Account.subject_id).is_not(None),
        )
        .order_by(col(Account.id))
    ).all()
    ids: list[int] = []
    names = list(NEW_NAMES)
    rng.shuffle(names)
    for old in closed:
        subject = session.get(Subject, old.subject_id)
        if len(ids) == limit or subject is None or not subject_numbers(subject):
            continue
        again = Subject(
            kind=subject.kind,
            verified_name=subject.verified_name,
            id_number=subject.id_number,
            credit_code=subject.credit_code,
            created_at=now - timedelta(hours=6),
        )
        session.add(again)
        session.flush()
        account = Account(
            platform_id=f"demo-return-{len(ids) + 1:02d}",
            kind=old.kind,
            subject_id=again.id,
            name=names[len(ids) % len(names)],
            bio="新号，分享日常。",
            verification_method=old.verification_method,
            verification_status=old.verification_status,
            registered_at=now - timedelta(hours=6),
            updated_at=now - timedelta(hours=6),
        )
        session.add(account)
        session.flush()
        ids.append(saved(account.id))
    if not ids:
        return {"accounts": 0, "cases_opened": 0}
    result = check_batch(
        session, ids, policy=load_policy(session), now=now, counts=subject_counts(session)
    )
    return {"accounts": len(ids), "cases_opened": result.cases_opened}
