"""Display labels for stored codes, (Chinese, English) pairs picked by language."""

from __future__ import annotations

from workbench.models.base import SHANGHAI
from workbench.models.codes import (
    APPEAL_STATUS_LABELS,
    CASE_STATUS_LABELS,
    MEASURE_LABELS,
    ROLE_LABELS,
)
from workbench.models.views import QUEUE_LABELS, category_label
from workbench.ui.i18n import language, pick

#: Case and appeal statuses by the names the services use too (models/codes.py), then
#: the measures' and correction orders'.
STATUS = {
    **{code.value: pair for code, pair in CASE_STATUS_LABELS.items()},
    **{code.value: pair for code, pair in APPEAL_STATUS_LABELS.items()},
    "pending_approval": ("待审批", "Pending approval"),
    "in_effect": ("生效中", "In effect"),
    "rejected": ("已驳回", "Rejected"),
    "expired": ("已到期", "Expired"),
    "open": ("进行中", "Open"),
    "met": ("已按期完成", "Met"),
    "missed": ("逾期未改", "Missed"),
    "cancelled": ("已取消", "Cancelled"),
}

SEVERITY = {
    "low": ("低", "Low"),
    "medium": ("中", "Medium"),
    "high": ("高", "High"),
    "critical": ("严重", "Critical"),
}

HIT_DECISION = {
    "accepted": ("已采纳", "Accepted"),
    "dismissed": ("已排除", "Dismissed"),
}

DUE_STATE = {
    "running": ("进行中", "Running"),
    "at_risk": ("临近超时", "At risk"),
    "breached": ("已超时", "Breached"),
    "paused": ("已暂停", "Paused"),
    "met": ("按时完成", "Met"),
    "none": ("无时限", "No deadline"),
}

ACCOUNT_STATUS = {
    "active": ("正常", "Active"),
    "warned": ("已警示", "Warned"),
    "correcting": ("限期改正中", "Correcting"),
    "restricted": ("功能受限", "Restricted"),
    "suspended": ("暂停使用", "Suspended"),
    "closed": ("已关闭", "Closed"),
    "blacklisted": ("已列入黑名单", "Blacklisted"),
}

VERIFICATION = {
    "none": ("未认证", "None"),
    "mobile": ("手机号码", "Mobile number"),
    "id_number": ("身份证号码", "ID number"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "unverified": ("未核验", "Unverified"),
    "pending": ("核验中", "Pending"),
    "verified": ("已核验", "Verified"),
    "failed": ("核验失败", "Failed"),
}

ACCOUNT_KIND = {
    "individual": ("个人", "Individual"),
    "organisation": ("机构", "Organisation"),
    "public": ("公众账号", "Public account"),
}

GRADE = {"general": ("一般", "General"), "important": ("重要", "Important"), "key": ("重点", "Key")}

QUALIFICATION = {
    "news": ("新闻", "News"),
    "publishing": ("出版", "Publishing"),
    "economy": ("经济", "Economy"),
    "education": ("教育", "Education"),
    "health": ("医疗卫生", "Health"),
    "justice": ("司法", "Justice"),
}

FIELD = {
    "name": ("名称", "Name"),
    "avatar": ("头像", "Avatar"),
    "avatar_path": ("头像", "Avatar"),
    "cover": ("背景图", "Cover"),
    "cover_path": ("背景图", "Cover"),
    "bio": ("简介", "Bio"),
    "signature": ("签名", "Signature"),
    "certification": ("认证信息", "Certification"),
    "contact": ("联系方式", "Contact"),
    "phone": ("手机号码", "Phone"),
    "operator_name": ("运营主体", "Operator"),
    "claimed_profession": ("自称职业", "Claimed profession"),
}

#: Reply templates by what they say (the file name is the id).
TEMPLATE = {
    "appeal_received": ("申诉已收到", "Appeal received"),
    "appeal_revised": ("申诉结果：变更处置", "Appeal decided: measure revised"),
    "appeal_revoked": ("申诉结果：撤销处置", "Appeal decided: measure revoked"),
    "appeal_upheld": ("申诉结果：维持原处置", "Appeal decided: measure upheld"),
    "change_request_passed": ("信息变更已通过", "Change of information approved"),
    "change_request_rejected": ("信息变更不予通过", "Change of information refused"),
    "correction_order_notice": ("限期改正通知", "Order to correct"),
    "credit_grade_changed": ("信用等级变更通知", "Credit grade changed"),
    "measure_notice": ("处置通知（账号运营者）", "Notice of a measure (account holder)"),
    "measure_taken": ("举报结果：已处置", "Report outcome: measures taken"),
    "no_violation": ("举报结果：未发现违规", "Report outcome: no violation"),
    "report_accepted": ("举报已受理", "Report accepted"),
    "report_declined_duplicate": ("不予受理：重复举报", "Not accepted: duplicate"),
    "report_declined_insufficient_information": (
        "不予受理：信息不足",
        "Not accepted: insufficient information",
    ),
    "report_declined_malicious_report": ("不予受理：恶意举报", "Not accepted: malicious report"),
    "report_declined_out_of_scope": ("不予受理：不属于受理范围", "Not accepted: out of scope"),
    "referral_measure_taken": ("回复监管：已处置", "Report back to the regulator: measures taken"),
    "referral_no_violation": ("回复监管：未发现违规", "Report back to the regulator: no violation"),
    "referral_declined": ("回复监管：未予受理", "Report back to the regulator: not taken up"),
}

_TABLES = {
    "status": STATUS,
    "severity": SEVERITY,
    "hit_decision": HIT_DECISION,
    "due_state": DUE_STATE,
    "account_status": ACCOUNT_STATUS,
    "verification": VERIFICATION,
    "account_kind": ACCOUNT_KIND,
    "grade": GRADE,
    "qualification": QUALIFICATION,
    "field": FIELD,
    "measure": {k.value: v for k, v in MEASURE_LABELS.items()},
    "role": {k.value: v for k, v in ROLE_LABELS.items()},
    "queue": {k.value: v for k, v in QUEUE_LABELS.items()},
    "template": TEMPLATE,
}


def label(kind: str, code: str | None) -> str:
    """The label of ``code`` in table ``kind`` (the code itself when unknown)."""
    if code is None:
        return ""
    if kind == "category":
        return category_label(code, language())
    pair = _TABLES[kind].get(str(code))
    return pick(pair) if pair else str(code)


def rule_label(rule: str | None, category: str | None = None) -> str:
    """A rule hit's rule by its name (冒用国家机关名称), never its code (organs_name)."""
    from workbench.operations.reads import rule_name

    return pick(rule_name(rule, category))


def function_label(key: str) -> str:
    """A platform function on its own (a checkbox, a column): 发布 / Publishing."""
    from workbench.operations.cases import FUNCTIONS

    pair = FUNCTIONS.get(key)
    text = pick(pair) if pair else key
    return text[:1].upper() + text[1:]


def local_time(value) -> str:
    """An instant as Beijing time, ``2026-03-02 17:00`` (empty for None)."""
    if value is None:
        return ""
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
