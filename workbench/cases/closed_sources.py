"""Where the closed names come from: the ``closed_name`` table and every account now closed
or blacklisted (2022/10), each with a label naming the account and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from workbench.models import SHANGHAI, Account, ClosedName
from workbench.models.codes import AccountStatus


def closed_names_in_database(session: Session) -> list[tuple[str, str]]:
    """(name, label) of every ``closed_name`` row and every closed or blacklisted account."""
    seen: set[tuple[str, int | None]] = set()
    out: list[tuple[str, str]] = []
    rows = session.exec(
        select(ClosedName.name, ClosedName.account_id, ClosedName.source, ClosedName.added_at)
    ).all()
    platform_ids = dict(
        session.exec(
            select(Account.id, Account.platform_id).where(
                col(Account.id).in_({r[1] for r in rows if r[1] is not None})
            )
        ).all()
    )
    for name, account_id, source, added_at in rows:
        seen.add((name, account_id))
        who = f"account {platform_ids.get(account_id, account_id)}" if account_id else "name"
        out.append((name, f"{who} {_SOURCE_WORD[source]} {_day(added_at)}"))
    closed = session.execute(
        sa_select(  # SQLModel's select is typed for up to four columns
            col(Account.id),
            col(Account.name),
            col(Account.platform_id),
            col(Account.status),
            col(Account.updated_at),
        )
        .where(col(Account.status).in_([AccountStatus.CLOSED, AccountStatus.BLACKLISTED]))
        .order_by(col(Account.id))
    ).all()
    for account_id, name, platform_id, status, updated_at in closed:
        if name.strip() and (name, account_id) not in seen:
            out.append((name, f"account {platform_id} {status} {_day(updated_at)}"))
    return out


_SOURCE_WORD = {"closure": "closed", "blacklist": "blacklisted", "import": "imported"}


def _day(at: datetime | None) -> str:
    return at.astimezone(SHANGHAI).date().isoformat() if at else "?"
