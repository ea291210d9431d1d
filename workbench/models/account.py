"""Accounts, the subjects behind them, and what hangs off an account.

Account information (2022/23) is name, avatar, cover, bio, signature and
certification; the rest is what the rules need to judge it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, check_in, check_not_blank, utcnow
from .codes import (
    AccountGrade,
    AccountKind,
    AccountStatus,
    CreditGrade,
    QualificationField,
    SubjectKind,
    VerificationMethod,
    VerificationStatus,
    values,
)


class Subject(SQLModel, table=True):
    """The person or organisation (主体) behind one or more accounts."""

    __tablename__ = "subject"
    __table_args__ = (
        check_in("kind", values(SubjectKind)),
        check_not_blank("verified_name"),
        Index("ix_subject_id_number", "id_number"),
        Index("ix_subject_credit_code", "credit_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, max_length=64, unique=True)
    kind: str = Field(max_length=16)
    verified_name: str = Field(max_length=200)
    id_number: str | None = Field(default=None, max_length=18)  # GB 11643
    credit_code: str | None = Field(default=None, max_length=18)  # GB 32100
    phone: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


#: The columns of an account that are its account information (2022/23): what a
#: change request may change and what the rule engine screens.
ACCOUNT_INFO_COLUMNS = ("name", "avatar_path", "cover_path", "bio", "signature", "certification")

#: The longest text account information may be, in characters: the platforms' own
#: limits, with room to spare (names are 20 to 30 characters on the large platforms,
#: an organisation's full name rarely passes 40; bios and introductions 70 to 300;
#: signatures and certification lines about 30 to 100).  Imports, change requests and
#: ``workbench screen`` refuse longer values by name; the rule engine screens any
#: length in linear time, but nothing longer reaches it from the platform.
ACCOUNT_INFO_LIMITS = {"name": 64, "bio": 500, "signature": 200, "certification": 200}
ACCOUNT_INFO_LABELS = {
    "name": "名称",
    "bio": "简介",
    "signature": "签名",
    "certification": "认证信息",
}


def info_length_problem(field: str, value: str) -> tuple[str, str] | None:
    """Why ``value`` is too long for account information ``field``, as (zh, en), or None."""
    limit = ACCOUNT_INFO_LIMITS.get(field)
    if limit is None or len(value) <= limit:
        return None
    label = ACCOUNT_INFO_LABELS[field]
    return (
        f"{label}（{field}）长 {len(value):,} 个字符，超过平台上限 {limit} 个字符",
        f"{field} is {len(value):,} characters long, over the platform's limit of {limit}",
    )


class Account(SQLModel, table=True):
    __tablename__ = "account"
    __table_args__ = (
        check_in("kind", values(AccountKind)),
        check_in("verification_method", values(VerificationMethod)),
        check_in("verification_status", values(VerificationStatus)),
        check_in("status", values(AccountStatus)),
        check_in("grade", values(AccountGrade)),
        check_in("credit_grade", values(CreditGrade)),
        CheckConstraint("credit_score BETWEEN 0 AND 100", name="credit_score_range"),
        CheckConstraint("follower_count >= 0", name="follower_count_nonnegative"),
        check_not_blank("platform_id"),
        Index("ix_account_subject", "subject_id"),
        Index("ix_account_status", "status"),
        Index("ix_account_name", "name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform_id: str = Field(max_length=64, unique=True)
    kind: str = Field(default=AccountKind.INDIVIDUAL, max_length=16)
    subject_id: int | None = Field(default=None, foreign_key="subject.id")
    # Account information (2022/23)
    name: str = Field(default="", max_length=200)
    avatar_path: str | None = Field(default=None, max_length=500)
    cover_path: str | None = Field(default=None, max_length=500)
    bio: str = Field(default="")
    signature: str = Field(default="")
    certification: str = Field(default="")
    # Real identity (2022/9) and claimed against verified information (2022/7)
    verification_method: str = Field(default=VerificationMethod.NONE, max_length=16)
    verification_status: str = Field(default=VerificationStatus.UNVERIFIED, max_length=16)
    phone: str | None = Field(default=None, max_length=32)
    publishes: bool = Field(default=True)  # publishes content or sends messages
    claimed_profession: str | None = Field(default=None, max_length=100)
    verified_profession: str | None = Field(default=None, max_length=100)
    verified_org_name: str | None = Field(default=None, max_length=200)
    org_nature: str | None = Field(default=None, max_length=100)
    org_business_scope: str | None = Field(default=None)
    org_industry: str | None = Field(default=None, max_length=100)
    ip_location: str | None = Field(default=None, max_length=64)  # 2022/12
    # Public accounts (2022/13, 2021/9)
    operator_name: str | None = Field(default=None, max_length=200)
    registered_address: str | None = Field(default=None, max_length=300)
    operating_address: str | None = Field(default=None, max_length=300)
    content_category: str | None = Field(default=None, max_length=64)
    contact: str | None = Field(default=None, max_length=200)
    # Classified registration and graded management (2021/7), credit (2022/18)
    category: str | None = Field(default=None, max_length=64)
    grade: str = Field(default=AccountGrade.GENERAL, max_length=16)
    credit_score: int = Field(default=100)
    credit_grade: str = Field(default=CreditGrade.A, max_length=1)  # 2022/18
    status: str = Field(default=AccountStatus.ACTIVE, max_length=16)
    restrictions: list = Field(default_factory=list, sa_type=JSON)
    follower_count: int = Field(default=0)
    registered_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_active_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Qualification(SQLModel, table=True):
    """Proof of qualification in a regulated field, and its special mark (2022/11)."""

    __tablename__ = "qualification"
    __table_args__ = (
        check_in("field", values(QualificationField)),
        UniqueConstraint("account_id", "field", name="uq_qualification_account_field"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    field: str = Field(max_length=16)
    document: str = Field(default="", max_length=300)
    licence_no: str | None = Field(default=None, max_length=100)
    special_mark: str | None = Field(default=None, max_length=100)
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    valid_until: date | None = Field(default=None)


class FollowerSnapshot(SQLModel, table=True):
    """Follower count on one day, for the traffic anomaly check (2021/12)."""

    __tablename__ = "follower_snapshot"
    __table_args__ = (CheckConstraint("follower_count >= 0", name="count_nonnegative"),)

    account_id: int = Field(foreign_key="account.id", primary_key=True)
    day: date = Field(primary_key=True)
    follower_count: int


class AccountTransfer(SQLModel, table=True):
    """A change of operator or subject of a public account (2021/11)."""

    __tablename__ = "account_transfer"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    from_operator: str | None = Field(default=None, max_length=200)
    to_operator: str | None = Field(default=None, max_length=200)
    from_subject_id: int | None = Field(default=None, foreign_key="subject.id")
    to_subject_id: int | None = Field(default=None, foreign_key="subject.id")
    approved: bool = Field(default=False)
    approval_reference: str | None = Field(default=None, max_length=100)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AccountInfoRevision(SQLModel, table=True):
    """One field of account information as it changed: the card's history."""

    __tablename__ = "account_info_revision"
    __table_args__ = (Index("ix_account_info_revision_account", "account_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    field: str = Field(max_length=32)
    old_value: str | None = None
    new_value: str | None = None
    change_request_id: int | None = Field(default=None, foreign_key="change_request.id")
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClosedName(SQLModel, table=True):
    """A name of a closed or blacklisted account, checked by ``closed_account_similar``."""

    __tablename__ = "closed_name"
    __table_args__ = (
        check_not_blank("name"),
        check_in("source", ["closure", "blacklist", "import"]),
        UniqueConstraint("name", "account_id", name="uq_closed_name_name_account"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    source: str = Field(default="closure", max_length=16)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClosedSubject(SQLModel, table=True):
    """The registered subject (注册主体) of a closed or blacklisted account (2022/10, 2017/13).

    Only a keyed hash of the ID number or unified social credit code is kept
    (:mod:`workbench.cases.subjects`), with the id of the key that made it: the
    list itself names no one.  ``closed_subject_returns`` checks it.
    """

    __tablename__ = "closed_subject"
    __table_args__ = (
        check_in("kind", ["id_number", "credit_code"]),
        check_in("source", ["closure", "blacklist"]),
        UniqueConstraint("digest", "account_id", name="uq_closed_subject_digest_account"),
    )

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64, index=True)  # HMAC-SHA256, hex
    key_id: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    account_id: int = Field(foreign_key="account.id", index=True)
    source: str = Field(default="closure", max_length=16)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AccountLinkKey(SQLModel, table=True):
    """One link key of an account (issue 16 item 6): what may tie it to other accounts.

    ``kind`` ``contact``: an HMAC of a decoded contact (``kind:value``) under a
    subkey of the key file, never the contact itself; ``subject``: the subject
    list's keyed hash of the ID number or credit code (as in ``closed_subject``);
    ``avatar``: the avatar's 64-bit perceptual hash (hex), and ``avatar_band``:
    one band of it (``index:bits``) to find near duplicates.  ``detail`` names
    the sort of contact or number (``wechat``, ``id_number``), never a value.
    Maintained by :mod:`workbench.cases.links`.
    """

    __tablename__ = "account_link_key"
    __table_args__ = (
        check_in("kind", ["contact", "subject", "avatar", "avatar_band"]),
        Index("ix_account_link_key_kind_digest", "kind", "digest"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    kind: str = Field(max_length=16)
    digest: str = Field(max_length=64)
    key_id: str = Field(default="", max_length=16)
    detail: str = Field(default="", max_length=16)
