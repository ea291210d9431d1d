"""The stable codes of the domain (see docs/domain.md), with their Chinese labels.

Codes are stored in the database and used by ``workbench screen``; they never
change.  Labels are for display: Chinese first, English second.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MODERATOR = "moderator"
    SUPERVISOR = "supervisor"
    APPEAL_REVIEWER = "appeal_reviewer"
    ADMINISTRATOR = "administrator"
    #: A platform system calling the integration API (``/v1/``), never a person:
    #: it cannot sign in and no reviewer is given it.
    PLATFORM = "platform"


#: The roles a person may hold (what the desktop and ``workbench reviewer`` offer).
REVIEWER_ROLES = tuple(r for r in Role if r is not Role.PLATFORM)

ROLE_LABELS = {
    Role.MODERATOR: ("审核员", "Moderator"),
    Role.SUPERVISOR: ("主管", "Supervisor"),
    Role.APPEAL_REVIEWER: ("申诉复核", "Appeal reviewer"),
    Role.ADMINISTRATOR: ("管理员", "Administrator"),
    Role.PLATFORM: ("平台接口", "Platform client"),
}


class AccountKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"
    PUBLIC = "public"


class SubjectKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


class VerificationMethod(StrEnum):
    """Real-identity verification (2022/9): mobile, ID number or credit code."""

    NONE = "none"
    MOBILE = "mobile"
    ID_NUMBER = "id_number"
    CREDIT_CODE = "credit_code"


class VerificationStatus(StrEnum):
    UNVERIFIED = "unverified"
    PENDING = "pending"
    VERIFIED = "verified"
    FAILED = "failed"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    WARNED = "warned"
    CORRECTING = "correcting"  # under a correction order (限期改正)
    RESTRICTED = "restricted"
    SUSPENDED = "suspended"
    CLOSED = "closed"
    BLACKLISTED = "blacklisted"


class AccountGrade(StrEnum):
    """Graded management (2021/7): routes and orders the queues."""

    GENERAL = "general"  # 一般
    IMPORTANT = "important"  # 重要
    KEY = "key"  # 重点


class CreditGrade(StrEnum):
    """Credit grades (2022/18 据以提供相应服务): from the credit score by thresholds."""

    A = "A"  # 良好
    B = "B"  # 一般
    C = "C"  # 较差
    D = "D"  # 差


CREDIT_GRADE_LABELS = {
    CreditGrade.A: ("良好", "good"),
    CreditGrade.B: ("一般", "fair"),
    CreditGrade.C: ("较差", "poor"),
    CreditGrade.D: ("差", "bad"),
}


class QualificationField(StrEnum):
    """Regulated fields needing proof of qualification (2022/11, 2021/9)."""

    NEWS = "news"
    PUBLISHING = "publishing"
    ECONOMY = "economy"
    EDUCATION = "education"
    HEALTH = "health"
    JUSTICE = "justice"


class RuleCategory(StrEnum):
    """Rule hit categories: text rules, then account-level checks."""

    IMPERSONATE_ORGANISATION = "impersonate_organisation"
    IMPERSONATE_STATE = "impersonate_state"
    IMPERSONATE_NEWS_MEDIA = "impersonate_news_media"
    MISUSE_PLACE_NAME = "misuse_place_name"
    EMBEDDED_CONTACT = "embedded_contact"
    MISLEADING_CLAIM = "misleading_claim"
    PROHIBITED_CONTENT = "prohibited_content"
    STRICT_VERIFICATION = "strict_verification"
    CLOSED_ACCOUNT_SIMILAR = "closed_account_similar"
    QUALIFICATION_REQUIRED = "qualification_required"
    PROFESSION_MISMATCH = "profession_mismatch"
    ORG_MISMATCH = "org_mismatch"
    IDENTITY_UNVERIFIED = "identity_unverified"
    PUBLIC_ACCOUNT_INCOMPLETE = "public_account_incomplete"
    SUBJECT_ACCOUNT_CAP = "subject_account_cap"
    INACTIVE_SIX_MONTHS = "inactive_six_months"
    TRAFFIC_ANOMALY = "traffic_anomaly"
    UNAPPROVED_TRANSFER = "unapproved_transfer"
    CONTENT_CATEGORY_MISMATCH = "content_category_mismatch"
    CLOSED_SUBJECT_RETURNS = "closed_subject_returns"
    BATCH_REGISTRATION = "batch_registration"
    PUBLIC_FIGURE_NAME = "public_figure_name"


RULE_BASIS = {
    RuleCategory.IMPERSONATE_ORGANISATION: "2022/8(2)",
    RuleCategory.IMPERSONATE_STATE: "2022/8(3)",
    RuleCategory.IMPERSONATE_NEWS_MEDIA: "2022/8(4)",
    RuleCategory.MISUSE_PLACE_NAME: "2022/8(5)",
    RuleCategory.EMBEDDED_CONTACT: "2022/8(6)",
    RuleCategory.MISLEADING_CLAIM: "2022/8(7)",
    RuleCategory.PROHIBITED_CONTENT: "2022/8(1)",
    RuleCategory.STRICT_VERIFICATION: "2022/10",
    RuleCategory.CLOSED_ACCOUNT_SIMILAR: "2022/10",
    RuleCategory.QUALIFICATION_REQUIRED: "2022/11",
    RuleCategory.PROFESSION_MISMATCH: "2022/7",
    RuleCategory.ORG_MISMATCH: "2022/7",
    RuleCategory.IDENTITY_UNVERIFIED: "2022/9",
    RuleCategory.PUBLIC_ACCOUNT_INCOMPLETE: "2022/13",
    RuleCategory.SUBJECT_ACCOUNT_CAP: "2021/10",
    RuleCategory.INACTIVE_SIX_MONTHS: "2021/10",
    RuleCategory.TRAFFIC_ANOMALY: "2021/12",
    RuleCategory.UNAPPROVED_TRANSFER: "2021/11",
    RuleCategory.CONTENT_CATEGORY_MISMATCH: "2021/15",
    RuleCategory.CLOSED_SUBJECT_RETURNS: "2022/10",
    RuleCategory.BATCH_REGISTRATION: "2021/18(8)",
    RuleCategory.PUBLIC_FIGURE_NAME: "2021/8",
}

RULE_LABELS = {
    RuleCategory.IMPERSONATE_ORGANISATION: ("假冒机构", "Impersonates an organisation"),
    RuleCategory.IMPERSONATE_STATE: ("假冒国家或地区", "Impersonates a state or region"),
    RuleCategory.IMPERSONATE_NEWS_MEDIA: ("假冒新闻媒体", "Impersonates news media"),
    RuleCategory.MISUSE_PLACE_NAME: ("滥用地名", "Misuses a place name"),
    RuleCategory.EMBEDDED_CONTACT: ("含联系方式", "Embedded contact details"),
    RuleCategory.MISLEADING_CLAIM: ("夸大或误导", "Misleading claim"),
    RuleCategory.PROHIBITED_CONTENT: ("违法违禁内容", "Prohibited content"),
    RuleCategory.STRICT_VERIFICATION: ("需严格核验", "Strict verification"),
    RuleCategory.CLOSED_ACCOUNT_SIMILAR: ("与已关闭账号相似", "Similar to a closed account"),
    RuleCategory.QUALIFICATION_REQUIRED: ("缺少资质", "Qualification required"),
    RuleCategory.PROFESSION_MISMATCH: ("职业信息不符", "Profession mismatch"),
    RuleCategory.ORG_MISMATCH: ("机构信息不符", "Organisation mismatch"),
    RuleCategory.IDENTITY_UNVERIFIED: ("未真实身份认证", "Identity unverified"),
    RuleCategory.PUBLIC_ACCOUNT_INCOMPLETE: ("公众账号信息不全", "Public account incomplete"),
    RuleCategory.SUBJECT_ACCOUNT_CAP: ("主体账号超限", "Too many accounts per subject"),
    RuleCategory.INACTIVE_SIX_MONTHS: ("六个月未使用", "Inactive six months"),
    RuleCategory.TRAFFIC_ANOMALY: ("流量异常", "Traffic anomaly"),
    RuleCategory.UNAPPROVED_TRANSFER: ("未经批准转让", "Unapproved transfer"),
    RuleCategory.CONTENT_CATEGORY_MISMATCH: ("内容类别不符", "Content category mismatch"),
    RuleCategory.CLOSED_SUBJECT_RETURNS: (
        "已关闭主体重新注册",
        "Subject of a closed account returns",
    ),
    RuleCategory.BATCH_REGISTRATION: ("疑似批量注册", "Suspected batch registration"),
    RuleCategory.PUBLIC_FIGURE_NAME: (
        "未经授权使用名单上的名称",
        "Listed name, no authorisation",
    ),
}


class ReportCategory(StrEnum):
    """What a report or complaint alleges: a rule category or a 2021/18 violation."""

    IMPERSONATE_ORGANISATION = "impersonate_organisation"
    IMPERSONATE_STATE = "impersonate_state"
    IMPERSONATE_NEWS_MEDIA = "impersonate_news_media"
    MISUSE_PLACE_NAME = "misuse_place_name"
    EMBEDDED_CONTACT = "embedded_contact"
    MISLEADING_CLAIM = "misleading_claim"
    PROHIBITED_CONTENT = "prohibited_content"
    STRICT_VERIFICATION = "strict_verification"
    CLOSED_ACCOUNT_SIMILAR = "closed_account_similar"
    QUALIFICATION_REQUIRED = "qualification_required"
    PROFESSION_MISMATCH = "profession_mismatch"
    ORG_MISMATCH = "org_mismatch"
    IDENTITY_UNVERIFIED = "identity_unverified"
    PUBLIC_ACCOUNT_INCOMPLETE = "public_account_incomplete"
    SUBJECT_ACCOUNT_CAP = "subject_account_cap"
    INACTIVE_SIX_MONTHS = "inactive_six_months"
    TRAFFIC_ANOMALY = "traffic_anomaly"
    UNAPPROVED_TRANSFER = "unapproved_transfer"
    CONTENT_CATEGORY_MISMATCH = "content_category_mismatch"
    CLOSED_SUBJECT_RETURNS = "closed_subject_returns"
    BATCH_REGISTRATION = "batch_registration"
    PUBLIC_FIGURE_NAME = "public_figure_name"
    FALSE_IDENTITY = "false_identity"
    ACCOUNT_MISUSE = "account_misuse"
    UNLICENSED_NEWS = "unlicensed_news"
    FAKE_TRAFFIC = "fake_traffic"
    INCITEMENT_OR_ABUSE = "incitement_or_abuse"
    FALSE_INFORMATION = "false_information"
    PAID_POSTING_OR_EXTORTION = "paid_posting_or_extortion"
    ACCOUNT_TRADING = "account_trading"
    ILLEGAL_INFORMATION = "illegal_information"
    OTHER = "other"


REPORT_CATEGORY_BASIS: dict[str, str] = {  # keyed by ReportCategory (a StrEnum)
    **{ReportCategory(c.value): b for c, b in RULE_BASIS.items()},
    ReportCategory.FALSE_IDENTITY: "2021/18(1)",
    ReportCategory.ACCOUNT_MISUSE: "2021/18(2)",
    ReportCategory.UNLICENSED_NEWS: "2021/18(3)",
    ReportCategory.FAKE_TRAFFIC: "2021/18(4)",
    ReportCategory.INCITEMENT_OR_ABUSE: "2021/18(5)",
    ReportCategory.FALSE_INFORMATION: "2021/18(6)",
    ReportCategory.PAID_POSTING_OR_EXTORTION: "2021/18(7)",
    ReportCategory.ACCOUNT_TRADING: "2021/18(8)",
    ReportCategory.ILLEGAL_INFORMATION: "2021/18(9)",
}

REPORT_CATEGORY_LABELS = {
    **{ReportCategory(c.value): label for c, label in RULE_LABELS.items()},
    ReportCategory.FALSE_IDENTITY: ("虚假身份", "False identity"),
    ReportCategory.ACCOUNT_MISUSE: ("冒用或盗用账号", "Account misuse"),
    ReportCategory.UNLICENSED_NEWS: ("无资质新闻", "Unlicensed news"),
    ReportCategory.FAKE_TRAFFIC: ("虚假流量", "Fake traffic"),
    ReportCategory.INCITEMENT_OR_ABUSE: ("煽动或辱骂", "Incitement or abuse"),
    ReportCategory.FALSE_INFORMATION: ("虚假信息", "False information"),
    ReportCategory.PAID_POSTING_OR_EXTORTION: ("有偿发帖或敲诈", "Paid posting or extortion"),
    ReportCategory.ACCOUNT_TRADING: ("买卖账号", "Account trading"),
    ReportCategory.ILLEGAL_INFORMATION: ("违法信息", "Illegal information"),
    ReportCategory.OTHER: ("其他", "Other"),
}


class ReportKind(StrEnum):
    REPORT = "report"  # 举报: anyone
    COMPLAINT = "complaint"  # 投诉: an affected party


class Channel(StrEnum):
    USER_REPORT = "user_report"
    PUBLIC_COMPLAINT = "public_complaint"
    REGULATOR_REFERRAL = "regulator_referral"
    AUTOMATED_SCREENING = "automated_screening"
    CHANGE_REQUEST = "change_request"


class Queue(StrEnum):
    """Where a case is worked.  Appeals, approvals and correction follow-ups
    are queues over their own tables."""

    REPORTS = "reports"
    COMPLAINTS = "complaints"
    CHANGE_REQUESTS = "change_requests"
    AUTOMATED = "automated"
    ESCALATIONS = "escalations"
    REFERRALS = "referrals"  # 监管转办: reports on the regulator's channel (2022/21)


class CaseStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    SCREENING = "screening"
    DISPOSED = "disposed"
    NO_VIOLATION = "no_violation"
    REPLIED = "replied"
    CLOSED = "closed"


OPEN_CASE_STATUSES = (
    CaseStatus.RECEIVED,
    CaseStatus.ACCEPTED,
    CaseStatus.SCREENING,
)

#: Cases with no work left in a queue (replied cases only wait to be closed).
FINISHED_CASE_STATUSES = (CaseStatus.REPLIED, CaseStatus.CLOSED)

CASE_TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.RECEIVED: (CaseStatus.ACCEPTED, CaseStatus.DECLINED),
    CaseStatus.ACCEPTED: (CaseStatus.SCREENING,),
    CaseStatus.SCREENING: (CaseStatus.DISPOSED, CaseStatus.NO_VIOLATION),
    CaseStatus.DISPOSED: (CaseStatus.REPLIED,),
    CaseStatus.NO_VIOLATION: (CaseStatus.REPLIED,),
    CaseStatus.DECLINED: (CaseStatus.REPLIED,),
    CaseStatus.REPLIED: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}


class DeclineReason(StrEnum):
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out_of_scope"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    MALICIOUS_REPORT = "malicious_report"


class MeasureCode(StrEnum):
    WARN = "warn"  # 警示提醒
    CORRECT_BY_DEADLINE = "correct_by_deadline"  # 限期改正
    RESTRICT_FUNCTIONS = "restrict_functions"  # 限制账号功能
    SUSPEND = "suspend"  # 暂停使用
    SUSPEND_UPDATES = "suspend_updates"  # 暂停信息更新
    STOP_ADS = "stop_ads"  # 停止广告发布
    CLOSE = "close"  # 关闭账号
    BLACKLIST = "blacklist"  # 列入黑名单
    BAN_REREGISTRATION = "ban_reregistration"  # 禁止重新注册
    DOWNGRADE_CREDIT = "downgrade_credit"  # 降低信用等级 (2021/13, 2022/18)


MEASURE_LABELS = {
    MeasureCode.WARN: ("警示提醒", "Warning"),
    MeasureCode.CORRECT_BY_DEADLINE: ("限期改正", "Correct by deadline"),
    MeasureCode.RESTRICT_FUNCTIONS: ("限制账号功能", "Restrict functions"),
    MeasureCode.SUSPEND: ("暂停使用", "Suspend"),
    MeasureCode.SUSPEND_UPDATES: ("暂停信息更新", "Suspend updates"),
    MeasureCode.STOP_ADS: ("停止广告发布", "Stop advertising"),
    MeasureCode.CLOSE: ("关闭账号", "Close account"),
    MeasureCode.BLACKLIST: ("列入黑名单", "Blacklist"),
    MeasureCode.BAN_REREGISTRATION: ("禁止重新注册", "Ban re-registration"),
    MeasureCode.DOWNGRADE_CREDIT: ("降低信用等级", "Downgrade the credit grade"),
}

SEVERE_MEASURES = (MeasureCode.CLOSE, MeasureCode.BLACKLIST, MeasureCode.BAN_REREGISTRATION)


class MeasureStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    IN_EFFECT = "in_effect"
    REJECTED = "rejected"
    EXPIRED = "expired"
    REVISED = "revised"
    REVOKED = "revoked"


class AppealStatus(StrEnum):
    RECEIVED = "appeal_received"
    SCREENING = "appeal_screening"
    UPHELD = "upheld"
    REVISED = "revised"
    REVOKED = "revoked"
    REPLIED = "replied"


OPEN_APPEAL_STATUSES = (AppealStatus.RECEIVED, AppealStatus.SCREENING)

#: One name per status, (Chinese, English), for the services' messages and the desktop.
CASE_STATUS_LABELS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.RECEIVED: ("待受理", "Received"),
    CaseStatus.ACCEPTED: ("已受理", "Accepted"),
    CaseStatus.DECLINED: ("不予受理", "Declined"),
    CaseStatus.SCREENING: ("甄别中", "Screening"),
    CaseStatus.DISPOSED: ("已处置", "Disposed"),
    CaseStatus.NO_VIOLATION: ("未发现违规", "No violation found"),
    CaseStatus.REPLIED: ("已反馈", "Replied"),
    CaseStatus.CLOSED: ("已结案", "Closed"),
}
APPEAL_STATUS_LABELS: dict[AppealStatus, tuple[str, str]] = {
    AppealStatus.RECEIVED: ("申诉待受理", "Appeal received"),
    AppealStatus.SCREENING: ("申诉复核中", "Appeal under review"),
    AppealStatus.UPHELD: ("维持", "Upheld"),
    AppealStatus.REVISED: ("变更", "Revised"),
    AppealStatus.REVOKED: ("撤销", "Revoked"),
    AppealStatus.REPLIED: ("已反馈", "Replied"),
}


class Stage(StrEnum):
    """A step with its own handling time limit."""

    ACCEPT = "accept"
    SCREEN = "screen"
    DISPOSE = "dispose"
    REPLY = "reply"
    APPEAL_DECISION = "appeal_decision"
    CORRECTION = "correction"


class LimitUnit(StrEnum):
    HOURS = "hours"
    WORKING_DAYS = "working_days"


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"


class PauseReason(StrEnum):
    WAITING_REPORTER = "waiting_reporter"
    WAITING_ACCOUNT_HOLDER = "waiting_account_holder"


class DayKind(StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"


class HitSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class HitDecision(StrEnum):
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class ChangeRequestStatus(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    REJECTED = "rejected"


class CorrectionStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"
    CANCELLED = "cancelled"


class RecipientKind(StrEnum):
    REPORTER = "reporter"
    ACCOUNT_HOLDER = "account_holder"
    APPELLANT = "appellant"


class DeliveryStatus(StrEnum):
    DRAFT = "draft"
    QUEUED = "queued"
    DELIVERED = "delivered"
    FAILED = "failed"


def values(enum: type[StrEnum]) -> list[str]:
    """The stored codes of an enumeration, in declaration order."""
    return [m.value for m in enum]


#: Further codes a report or export spells out, (Chinese, English).
MEASURE_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "pending_approval": ("待审批", "Pending approval"),
    "in_effect": ("生效中", "In effect"),
    "rejected": ("已驳回", "Rejected"),
    "expired": ("已到期", "Expired"),
    "revised": ("已变更", "Revised"),
    "revoked": ("已撤销", "Revoked"),
}
ACCOUNT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "individual": ("个人", "Individual"),
    "organisation": ("机构", "Organisation"),
    "public": ("公众账号", "Public account"),
}
VERIFICATION_LABELS: dict[str, tuple[str, str]] = {
    "none": ("未认证", "None"),
    "mobile": ("手机号码", "Mobile number"),
    "id_number": ("身份证号码", "ID number"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "unverified": ("未核验", "Unverified"),
    "pending": ("核验中", "Pending"),
    "verified": ("已核验", "Verified"),
    "failed": ("核验失败", "Failed"),
}
ACCOUNT_GRADE_LABELS: dict[str, tuple[str, str]] = {
    "general": ("一般", "General"),
    "important": ("重要", "Important"),
    "key": ("重点", "Key"),
}
