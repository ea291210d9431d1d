"""Writing the planned subjects and accounts in bulk (a few statements, not
one round trip per row), with their follower histories, transfers,
qualifications, and the closed-name list imported from an earlier system.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy import insert
from sqlmodel import Session

from workbench.demo import texts
from workbench.demo.accounts import Plan
from workbench.models import (
    Account,
    AccountTransfer,
    ClosedName,
    FollowerSnapshot,
    Qualification,
    Subject,
)

CHUNK = 1000

T = TypeVar("T")


class Runner(Protocol):
    """Runs ``work`` in a transaction of its own and hands back what it returned."""

    def __call__(self, work: Callable[[Session], T], /) -> T: ...


def _insert_returning_ids(session: Session, model, rows: Sequence[dict]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        result = session.execute(
            insert(model).returning(model.id, sort_by_parameter_order=True),
            list(rows[start : start + CHUNK]),
        )
        ids.extend(result.scalars().all())
    return ids


def _insert(session: Session, model, rows: Sequence[dict]) -> None:
    for start in range(0, len(rows), CHUNK * 5):
        chunk = list(rows[start : start + CHUNK * 5])
        if chunk:
            session.execute(insert(model), chunk)


def write_plan(session: Session, plan: Plan, now: datetime) -> list[int]:
    """Insert everything in ``plan``; the account ids, in plan order."""
    subject_ids = _insert_returning_ids(
        session,
        Subject,
        [
            {
                "external_id": f"demo-subject-{i:06d}",
                "kind": s.kind,
                "verified_name": s.verified_name,
                "id_number": s.id_number,
                "credit_code": s.credit_code,
                "phone": s.phone,
                "created_at": now,
            }
            for i, s in enumerate(plan.subjects)
        ],
    )
    account_rows = []
    for a in plan.accounts:
        row = {
            "subject_id": subject_ids[a.subject],
            "bio": "",
            "signature": "",
            "certification": "",
            "restrictions": [],
            "updated_at": now,
        }
        row.update(a.fields)
        account_rows.append(row)
    # Executemany needs one set of keys for every row.
    keys = sorted({k for row in account_rows for k in row})
    defaults = {"publishes": True}
    account_rows = [{k: row.get(k, defaults.get(k)) for k in keys} for row in account_rows]
    account_ids = _insert_returning_ids(session, Account, account_rows)
    snapshots: list[dict] = []
    transfers: list[dict] = []
    qualifications: list[dict] = []
    for account_id, a in zip(account_ids, plan.accounts, strict=True):
        snapshots.extend(
            {"account_id": account_id, "day": day, "follower_count": count}
            for day, count in a.history
        )
        transfers.extend({"account_id": account_id, **t} for t in a.transfers)
        qualifications.extend(
            {"account_id": account_id, "verified_at": a.fields["registered_at"], **q}
            for q in a.qualifications
        )
    _insert(session, FollowerSnapshot, snapshots)
    _insert(session, AccountTransfer, transfers)
    _insert(session, Qualification, qualifications)
    _insert(
        session,
        ClosedName,
        [{"name": n, "source": "import", "added_at": now} for n in texts.CLOSED_NAMES],
    )
    session.flush()
    return account_ids
