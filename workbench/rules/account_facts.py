"""The account data the account-level checks judge, from screen input or the database.

``None`` means "not given": ``workbench screen`` checks only what its input
line carries, so a text-only line gets no account-level hits.  Loaded from the
database every field is given, and an empty column is ``""``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from workbench.models.base import SHANGHAI
from workbench.models.codes import (
    AccountKind,
    AccountStatus,
    SubjectKind,
    VerificationMethod,
    VerificationStatus,
)

# Accounts that no longer count towards a subject's cap.
ENDED_STATUSES = frozenset({AccountStatus.CLOSED.value, AccountStatus.BLACKLISTED.value})
SCREEN_FIELDS = (
    "subject_id",
    "subject_kind",
    "subject_accounts",
    "verification",
    "id_number",
    "credit_code",
    "operator",
    "registered_address",
    "content_category",
    "contact",
    "org_business_scope",
    "publishes",
    "last_active_at",
    "follower_history",
    "transfers",
)


# What accounts put in a field to fill it without disclosing anything (2022/13 asks
# for a valid contact and the rest): compared after dropping spaces and punctuation.
PLACEHOLDERS = frozenset(
    [
        "无",
        "暂无",
        "没有",
        "空",
        "待定",
        "待填",
        "待补充",
        "未填",
        "未填写",
        "未知",
        "不详",
        "保密",
        "略",
        "暂缺",
        "暂不提供",
        "不提供",
        "无联系方式",
        "请私信",
        "私信",
        "见主页",
        "见简介",
        "同上",
        "其他",
        "测试",
        "test",
        "none",
        "null",
        "nil",
        "na",
        "n/a",
        "tbd",
        "unknown",
        "xxx",
        "x",
        "某某",
        "某地",
        "某某公司",
    ]
)
_FILLER = re.compile(r"[\s\W_]+")


def placeholder(value: str | None) -> bool:
    """Is ``value`` given but empty of information: 暂无, 待定, 123456, 000, ``-``, ...?"""
    if value is None:
        return False
    raw = value.strip().casefold()
    if raw in PLACEHOLDERS:
        return True
    bare = _FILLER.sub("", raw)
    if not bare or bare in PLACEHOLDERS:
        return True
    if bare.isdigit() and (len(set(bare)) == 1 or bare in "01234567890" or bare in "9876543210"):
        return True  # 000, 8888, 123456, 987654
    return bool(re.fullmatch(r"x+|\*+|某+", bare))


# What each account-level check reads from a ``workbench screen`` line: a check
# runs only on what the line gives (a field left out is not judged), so the same
# account gets the same account-level hits from ``screen`` as from ``checks run``.
CHECK_INPUTS = (
    (
        "identity_unverified",
        "实名认证（2022/9、2022/15）",
        "identity (2022/9, 2022/15)",
        "verification, publishes, id_number, credit_code",
    ),
    (
        "public_account_incomplete",
        "公众账号信息展示（2022/13）",
        "public account disclosure (2022/13)",
        "kind=public, operator, registered_address, content_category, contact, ip_location, "
        "credit_code, org_business_scope (each field only when the line gives it)",
    ),
    (
        "subject_account_cap",
        "主体账号数量（2021/10）",
        "accounts per subject (2021/10)",
        "subject_id (lines sharing it, or the same id_number / credit_code), subject_kind, "
        "subject_accounts",
    ),
    (
        "inactive_six_months",
        "六个月未使用（2021/10）",
        "idle six months (2021/10)",
        "kind=public, last_active_at",
    ),
    ("traffic_anomaly", "流量异常（2021/12）", "traffic (2021/12)", "follower_history"),
    ("unapproved_transfer", "转让（2021/11）", "transfers (2021/11)", "kind=public, transfers"),
    (
        "content_category_mismatch",
        "内容类别（2021/15）",
        "content category (2021/15)",
        "kind=public, content_category, name, bio",
    ),
)


class FactsError(ValueError):
    """A screen input field the account checks cannot read ("zh / en")."""


@dataclass(frozen=True)
class SubjectAccount:
    """One account a subject holds, as listed in a ``subject_account_cap`` hit."""

    ref: str
    name: str = ""
    status: str = AccountStatus.ACTIVE.value
    account_id: int | None = None


@dataclass(frozen=True)
class Transfer:
    """A recorded change of operator or subject (2021/11)."""

    changed_at: datetime | None
    from_operator: str | None = None
    to_operator: str | None = None
    from_subject: str | None = None
    to_subject: str | None = None
    approved: bool = False
    approval_reference: str | None = None

    @property
    def changes_hands(self) -> bool:
        def norm(v):
            return (v or "").strip()

        return norm(self.from_operator) != norm(self.to_operator) or norm(
            self.from_subject
        ) != norm(self.to_subject)


@dataclass(frozen=True)
class AccountFacts:
    ref: str
    account_id: int | None = None
    kind: str = AccountKind.INDIVIDUAL.value
    name: str = ""
    bio: str = ""
    publishes: bool = True
    ip_location: str | None = None
    verification_method: str | None = None
    verification_status: str | None = None
    id_number: str | None = None
    credit_code: str | None = None
    subject_id: str | None = None
    subject_kind: str | None = None
    subject_accounts: tuple[SubjectAccount, ...] | None = None
    operator: str | None = None
    registered_address: str | None = None
    content_category: str | None = None
    contact: str | None = None
    org_business_scope: str | None = None
    registered_at: datetime | None = None
    last_active_at: datetime | None = None
    follower_history: tuple[tuple[date, int], ...] | None = None
    transfers: tuple[Transfer, ...] | None = None

    @property
    def is_public(self) -> bool:
        return self.kind == AccountKind.PUBLIC.value

    @property
    def effective_subject_kind(self) -> str:
        if self.subject_kind:
            return self.subject_kind
        if self.kind == AccountKind.ORGANISATION.value or self.credit_code:
            return SubjectKind.ORGANISATION.value
        return SubjectKind.INDIVIDUAL.value

    @property
    def held_accounts(self) -> tuple[SubjectAccount, ...]:
        """The subject's accounts that still count towards its cap."""
        return tuple(a for a in self.subject_accounts or () if a.status not in ENDED_STATUSES)


def _text(record: Mapping, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise FactsError(f"{key} 应为文本 / {key} must be text")
    return value


def _flag(record: Mapping, key: str, default: bool) -> bool:
    value = record.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise FactsError(f"{key} 应为 true 或 false / {key} must be true or false")
    return value


def parse_instant(value, key: str) -> datetime | None:
    """An ISO date or date-time; without an offset it is Beijing time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            try:
                moment = datetime.combine(date.fromisoformat(value), time())
            except ValueError:
                raise FactsError(
                    f"{key} 不是有效的日期时间：{value!r} / {key} is not an ISO date-time: {value!r}"
                ) from None
    else:
        raise FactsError(f"{key} 应为日期时间文本 / {key} must be an ISO date-time")
    return moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment


def _parse_day(value, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise FactsError(f"{key} 中的日期无效：{value!r} / bad date in {key}: {value!r}") from None


def parse_history(value) -> tuple[tuple[date, int], ...] | None:
    """``[[date, count], ...]`` as sorted (date, count) pairs."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise FactsError(
            "follower_history 应为 [[日期, 数量], ...] / follower_history must be [[date, count], ...]"
        )
    pairs = []
    for item in value:
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise FactsError(
                f"follower_history 项 {item!r} 应为 [日期, 数量] / "
                f"follower_history item {item!r} must be [date, count]"
            )
        count = item[1]
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise FactsError(
                f"follower_history 粉丝数 {count!r} 应为非负整数 / "
                f"follower count {count!r} must be a non-negative integer"
            )
        pairs.append((_parse_day(item[0], "follower_history"), count))
    return tuple(sorted(pairs))


def parse_transfers(value) -> tuple[Transfer, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(t, Mapping) for t in value):
        raise FactsError("transfers 应为对象列表 / transfers must be a list of objects")
    result = []
    for item in value:
        result.append(
            Transfer(
                changed_at=parse_instant(item.get("changed_at"), "transfers.changed_at"),
                from_operator=_text(item, "from_operator"),
                to_operator=_text(item, "to_operator"),
                from_subject=_text(item, "from_subject_id"),
                to_subject=_text(item, "to_subject_id"),
                approved=_flag(item, "approved", False),
                approval_reference=_text(item, "approval_reference"),
            )
        )
    return tuple(result)


def parse_verification(value: object) -> tuple[str | None, str | None]:
    """``"mobile"`` (verified by mobile) or ``{"method": ..., "status": ...}``."""
    if value is None:
        return None, None
    methods = {m.value for m in VerificationMethod}
    statuses = {s.value for s in VerificationStatus}
    method: str | None
    status: str | None
    if isinstance(value, str):
        method, status = value, None
    elif isinstance(value, Mapping):
        method, status = value.get("method"), value.get("status")
    else:
        raise FactsError("verification 应为文本或对象 / verification must be text or an object")
    if method not in methods:
        raise FactsError(
            f"verification 方式 {method!r} 无效 / verification method {method!r} is not one of "
            f"{', '.join(sorted(methods))}"
        )
    if status is None:
        status = (
            VerificationStatus.UNVERIFIED.value
            if method == VerificationMethod.NONE
            else VerificationStatus.VERIFIED.value
        )
    if status not in statuses:
        raise FactsError(
            f"verification 状态 {status!r} 无效 / verification status {status!r} is not one of "
            f"{', '.join(sorted(statuses))}"
        )
    return method, status


def subject_groups(records: Iterable[Mapping]) -> dict[str, tuple[SubjectAccount, ...]]:
    """The accounts of each ``subject_id`` among screen input records.

    Subjects are counted by identity (2021/10): lines whose subjects carry the same
    ``credit_code`` or ``id_number`` under different ``subject_id`` values are one
    subject, and each of those ids maps to all their accounts.
    """
    by_identity: dict[str, list[SubjectAccount]] = {}
    identity_of: dict[str, str] = {}
    for record in records:
        subject = record.get("subject_id")
        if subject is None or subject == "":
            continue
        number = "".join(str(record.get("credit_code") or record.get("id_number") or "").split())
        identity = identity_of.setdefault(str(subject), number.upper() or f"#{subject}")
        by_identity.setdefault(identity, []).append(
            SubjectAccount(ref=str(record.get("id", "")), name=str(record.get("name") or ""))
        )
    return {subject: tuple(by_identity[identity]) for subject, identity in identity_of.items()}


def facts_from_screen(
    record: Mapping, *, subject_accounts: tuple[SubjectAccount, ...] | None = None
) -> AccountFacts:
    """The facts one ``workbench screen`` input line gives.

    ``subject_accounts`` are the accounts of the line's ``subject_id`` found in
    the whole input (see :func:`subject_groups`); a line may instead list them
    itself in ``subject_accounts`` (ids).
    """
    if not isinstance(record, Mapping):
        raise FactsError("输入行应为 JSON 对象 / an input line must be a JSON object")
    method, status = parse_verification(record.get("verification"))
    listed = record.get("subject_accounts")
    if listed is not None:
        if not isinstance(listed, list):
            raise FactsError("subject_accounts 应为列表 / subject_accounts must be a list")
        subject_accounts = tuple(SubjectAccount(ref=str(ref)) for ref in listed)
    kind = record.get("kind") or AccountKind.INDIVIDUAL.value
    if kind not in {k.value for k in AccountKind}:
        raise FactsError(
            f"kind {kind!r} 无效 / kind {kind!r} is not individual|organisation|public"
        )
    subject_kind = record.get("subject_kind")
    if subject_kind is not None and subject_kind not in {k.value for k in SubjectKind}:
        raise FactsError(f"subject_kind {subject_kind!r} 无效 / unknown subject_kind")
    return AccountFacts(
        ref=str(record.get("id", "")),
        kind=kind,
        name=_text(record, "name") or "",
        bio=_text(record, "bio") or "",
        publishes=_flag(record, "publishes", True),
        ip_location=_text(record, "ip_location"),
        verification_method=method,
        verification_status=status,
        id_number=_text(record, "id_number"),
        credit_code=_text(record, "credit_code"),
        subject_id=_text(record, "subject_id"),
        subject_kind=subject_kind,
        subject_accounts=subject_accounts,
        operator=_text(record, "operator"),
        registered_address=_text(record, "registered_address"),
        content_category=_text(record, "content_category"),
        contact=_text(record, "contact"),
        org_business_scope=_text(record, "org_business_scope"),
        last_active_at=parse_instant(record.get("last_active_at"), "last_active_at"),
        follower_history=parse_history(record.get("follower_history")),
        transfers=parse_transfers(record.get("transfers")),
    )
