"""Account snapshots sent by the platform's systems through its API.

Rows are checked and answered as :mod:`workbench.importing.platform` does for
reports: every problem named by row and field, all or nothing unless
``accept_partial``, a differing resend a conflict naming the fields.

**Account snapshots** are the platform's current truth about an account,
read and stored by the account import (:func:`workbench.importing.accounts.account_row`,
:func:`~workbench.importing.accounts.import_accounts`): a snapshot the same as
the stored account changes nothing (``unchanged``); a different one updates the
account, account information kept as revisions, and the new or changed account
is screened.  Two fields are the workbench's own and not the platform's to set:
``status`` (moved by measures) and ``credit_score`` (2022/18); nor are
``avatar`` and ``cover``, files named on the importing machine.  Follower
counts (``follower_history``: ``{"day", "follower_count"}``) and operator
transfers (``transfers``: ``{"changed_at", "from_operator", "to_operator",
"approved", "approval_reference"}``) are appended, once per account and day or
account and moment: the same again adds nothing, a different count or transfer
at a key already stored is a conflict.  After they are stored the account-level
checks (fake traffic 2021/12, unapproved transfer 2021/11, …) run on the
accounts that gained history, and their hits are stored for ``workbench checks
run`` to file.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.bulk_checks import load_account_facts, subject_counts
from workbench.cases.casework import now_or
from workbench.cases.check_policy import load_policy
from workbench.cases.hit_store import store_hits
from workbench.importing.accounts import account_row, import_accounts
from workbench.importing.fields import Row
from workbench.importing.platform_rows import (
    BatchOutcome,
    Filed,
    Problem,
    account_ids_by_platform_id,
    duplicate_ids,
    finish_batch,
)
from workbench.models import Account, AccountTransfer, FollowerSnapshot
from workbench.rules.account_checks import account_check_hits

SNAPSHOT_FIELDS = {
    "id",
    "kind",
    "name",
    "bio",
    "signature",
    "certification",
    "verified_profession",
    "verified_org_name",
    "qualifications",
    "ip_location",
    "claimed_profession",
    "org_nature",
    "org_business_scope",
    "org_industry",
    "operator_name",
    "registered_address",
    "operating_address",
    "content_category",
    "contact",
    "category",
    "phone",
    "grade",
    "verification_method",
    "verification_status",
    "publishes",
    "follower_count",
    "registered_at",
    "last_active_at",
    "last_published_at",
    "subject_id",
    "subject_kind",
    "subject_name",
    "id_number",
    "credit_code",
    "subject_phone",
    "follower_history",
    "transfers",
}
#: Columns the import would default that belong to the workbench, not the platform.
WORKBENCH_OWNED = ("status", "credit_score")
FOLLOWER_FIELDS = {"day", "follower_count"}
TRANSFER_FIELDS = {"changed_at", "from_operator", "to_operator", "approved", "approval_reference"}
MAX_HISTORY = 1000  # follower days or transfers in one snapshot


@dataclass(frozen=True)
class SnapshotFiled(Filed):
    """An account snapshot stored: ``result`` created, updated or unchanged."""

    result: str = ""
    followers_added: int = 0
    transfers_added: int = 0


@dataclass
class _Snapshot:
    index: int
    platform_id: str
    row: Any  # the import's AccountRow
    followers: list[tuple[int, date, int]] = field(default_factory=list)  # (item, day, count)
    transfers: list[tuple[int, dict]] = field(default_factory=list)


def _named(index: int, ext: str | None, problems: list[str]) -> list[Problem]:
    out = []
    for problem in problems:
        name, _, rest = problem.partition(": ")
        zh, _, en = rest.partition(" / ")
        out.append(Problem(index, ext, name, "ValidationError", zh, en or zh))
    return out


def _list(row: Row, name: str) -> list:
    value = row.data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        row.bad(name, "应为列表", "must be a list")
        return []
    if len(value) > MAX_HISTORY:
        row.bad(name, f"最多 {MAX_HISTORY} 项", f"at most {MAX_HISTORY} items")
        return []
    return value


def _item(row: Row, where: str, item: Any, allowed: set[str]) -> Row | None:
    if not isinstance(item, dict):
        row.bad(where, "应为 JSON 对象", "must be an object")
        return None
    inner = Row(item, Path("."))
    for name in sorted(set(item) - allowed):
        inner.bad(str(name)[:64], "未知字段", f"unknown field; use {', '.join(sorted(allowed))}")
    return inner


def _adopt(row: Row, where: str, inner: Row) -> None:
    row.problems += [f"{where}.{p}" for p in inner.problems]


def _history(row: Row, snapshot: _Snapshot) -> None:
    for n, item in enumerate(_list(row, "follower_history")):
        where = f"follower_history[{n}]"
        inner = _item(row, where, item, FOLLOWER_FIELDS)
        if inner is None:
            continue
        day = None
        raw = inner.raw("day")
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(raw) if isinstance(raw, str) else None
        if day is None:
            inner.bad("day", "应为日期，如 2026-03-02", "must be a date such as 2026-03-02")
        count = inner.integer("follower_count", maximum=2**62)
        if inner.raw("follower_count") is None:
            inner.bad("follower_count", "必填", "required")
        _adopt(row, where, inner)
        if day is not None and count is not None and not inner.problems:
            snapshot.followers.append((n, day, count))
    days = [d for _, d, _ in snapshot.followers]
    if len(days) != len(set(days)):
        row.bad("follower_history", "同一天出现多次", "a day appears more than once")
    for n, item in enumerate(_list(row, "transfers")):
        where = f"transfers[{n}]"
        inner = _item(row, where, item, TRANSFER_FIELDS)
        if inner is None:
            continue
        transfer = {
            "changed_at": inner.instant("changed_at", required=True),
            "from_operator": inner.text("from_operator", max_length=200),
            "to_operator": inner.text("to_operator", max_length=200),
            "approved": bool(inner.boolean("approved")),
            "approval_reference": inner.text("approval_reference", max_length=100),
        }
        _adopt(row, where, inner)
        if not inner.problems:
            snapshot.transfers.append((n, transfer))
    moments = [t["changed_at"] for _, t in snapshot.transfers]
    if len(moments) != len(set(moments)):
        row.bad("transfers", "同一时刻出现多次", "a moment appears more than once")


def _parse_snapshot(index: int, data: Any) -> tuple[_Snapshot | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [
            Problem(index, None, "(row)", "ValidationError", "应为 JSON 对象", "must be an object")
        ]
    row = Row(data, Path("."))
    for name in sorted(set(data) - SNAPSHOT_FIELDS):
        if name in WORKBENCH_OWNED:
            row.bad(
                name,
                "由工作台维护，平台不能设置",
                "is kept by the workbench, not set by the platform",
            )
        elif name in ("avatar", "cover"):
            row.bad(name, "接口不接收图片路径", "image paths are not taken through the API")
        else:
            row.bad(str(name)[:64], "未知字段", "unknown field")
    checked = Row({k: v for k, v in data.items() if k in SNAPSHOT_FIELDS}, Path("."))
    imported = account_row(checked)  # the account import's own checks
    platform_id = data.get("id") if isinstance(data.get("id"), str) else None
    snapshot = _Snapshot(index, platform_id or "", imported)
    _history(row, snapshot)
    row.problems = checked.problems + row.problems
    if row.problems or imported is None:
        return None, _named(index, platform_id, row.problems)
    for column in WORKBENCH_OWNED:
        imported.columns.pop(column, None)
    return snapshot, []


def file_account_snapshots(
    session: Session,
    actor: Actor,
    rows: list[Any],
    *,
    screener,
    accept_partial: bool = False,
    now: datetime | None = None,
) -> BatchOutcome:
    """Store the platform's account snapshots (see the module's text)."""
    now = now_or(now)
    outcome = BatchOutcome()
    parsed: list[_Snapshot] = []
    for index, data in enumerate(rows):
        snapshot, problems = _parse_snapshot(index, data)
        outcome.rejected += problems
        if snapshot is not None:
            parsed.append(snapshot)
    outcome.rejected += [
        Problem(p.row, p.external_id, "id", p.kind, p.zh, p.en)
        for p in duplicate_ids([(s.index, s.platform_id) for s in parsed])
    ]
    refused = {p.row for p in outcome.rejected}
    parsed = [s for s in parsed if s.index not in refused]
    known = {
        a.platform_id: a
        for a in session.exec(
            select(Account).where(col(Account.platform_id).in_([s.platform_id for s in parsed]))
        )
    }
    additions: dict[int, tuple[list, list]] = {}
    for s in parsed:
        account = known.get(s.platform_id)
        followers, transfers = list(s.followers), list(s.transfers)
        conflicts: list[Problem] = []
        if account is not None and account.id is not None:
            followers, transfers, conflicts = _new_history(session, s, account.id)
        if conflicts:
            outcome.rejected += conflicts
        else:
            additions[s.index] = (followers, transfers)
    refused = {p.row for p in outcome.rejected}
    parsed = [s for s in parsed if s.index not in refused]
    if not parsed or (outcome.rejected and not accept_partial):
        return finish_batch(outcome, accept_partial)
    summary = import_accounts(
        session, [s.row for s in parsed], screener=screener, now=now, actor=actor
    )
    ids = account_ids_by_platform_id(session, {s.platform_id for s in parsed})
    gained: set[int] = set()
    for s in parsed:
        account_id = ids[s.platform_id]
        followers, transfers = additions[s.index]
        for _n, day, count in followers:
            session.add(FollowerSnapshot(account_id=account_id, day=day, follower_count=count))
        for _n, t in transfers:
            session.add(AccountTransfer(account_id=account_id, **t))
        if followers or transfers:
            gained.add(account_id)
        result = summary.results[s.platform_id]
        outcome.accepted.append(
            SnapshotFiled(
                s.index,
                s.platform_id,
                account_id,
                existing=result == "unchanged" and not (followers or transfers),
                result=result,
                followers_added=len(followers),
                transfers_added=len(transfers),
            )  # fmt: skip
        )
    session.flush()
    _check_accounts(session, sorted(gained), now)
    return finish_batch(outcome, accept_partial)


def _new_history(
    session: Session, s: _Snapshot, account_id: int
) -> tuple[list, list, list[Problem]]:
    """What of the snapshot's history is new, and the conflicts with what is stored."""
    stored_days: dict[date, int] = {
        f.day: f.follower_count
        for f in session.exec(
            select(FollowerSnapshot).where(FollowerSnapshot.account_id == account_id)
        )
    }
    problems: list[Problem] = []
    followers = []
    for n, day, count in s.followers:
        if day not in stored_days:
            followers.append((n, day, count))
        elif stored_days[day] != count:
            problems.append(
                Problem(
                    s.index,
                    s.platform_id,
                    f"follower_history[{n}].follower_count",
                    "Conflict",
                    f"{day} 的粉丝数已记录为 {stored_days[day]:,}，未重复记录",
                    f"the follower count of {day} is already stored as {stored_days[day]:,}; "
                    "nothing was changed",
                )  # fmt: skip
            )
    stored_transfers = {
        t.changed_at: t
        for t in session.exec(
            select(AccountTransfer).where(AccountTransfer.account_id == account_id)
        )
    }
    transfers = []
    for n, t in s.transfers:
        old = stored_transfers.get(t["changed_at"])
        if old is None:
            transfers.append((n, t))
            continue
        differ = [k for k, v in t.items() if getattr(old, k) != v]
        if differ:
            names = ", ".join(differ)
            problems.append(
                Problem(
                    s.index,
                    s.platform_id,
                    f"transfers[{n}]",
                    "Conflict",
                    f"该时刻的转让已记录，但 {names} 不同，未重复记录",
                    f"a transfer at this moment is already stored with a different {names}; "
                    "nothing was changed",
                )  # fmt: skip
            )
    return followers, transfers, problems


def _check_accounts(session: Session, account_ids: list[int], now: datetime) -> None:
    """The account-level checks on accounts whose follower history or transfers grew;
    their hits stored as the import stores them (once per fingerprint while undecided)."""
    if not account_ids:
        return
    policy = load_policy(session)
    counts = subject_counts(session)
    for facts in load_account_facts(session, account_ids, policy=policy, now=now, counts=counts):
        assert facts.account_id is not None
        store_hits(session, facts.account_id, account_check_hits(facts, policy, now=now), at=now)
