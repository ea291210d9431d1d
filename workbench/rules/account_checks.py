"""Account-level checks: violations in an account's data rather than its words.

Seven checks, each producing :class:`~workbench.rules.hits.Hit` objects of the
same shape as the text rules, with the numbers behind them in the explanation:

- ``identity_unverified`` (2022/9): publishes or messages without real-identity
  verification, or an ID number / credit code failing its check character;
- ``public_account_incomplete`` (2022/13): a public account not showing operator,
  registered address, content category, contact, IP location or (organisations)
  credit code; an organisation without its business scope;
- ``subject_account_cap`` (2021/10): the subject holds more accounts than its cap;
- ``inactive_six_months`` (2021/10): a public account idle for more than 183 days;
- ``traffic_anomaly`` (2021/12): a follower jump far above the account's robust
  baseline, or a sudden mass loss;
- ``unapproved_transfer`` (2021/11): a public account's operator or subject changed
  with no approved transfer;
- ``content_category_mismatch`` (2021/15): a public account's name or bio claims a
  field outside its registered content category.

Fields with no text span use 0/0 and name the data (``verification``,
``follower_history``, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from workbench.models import SHANGHAI, utcnow
from workbench.models.codes import (
    AccountKind,
    HitSeverity,
    RuleCategory,
    SubjectKind,
    VerificationMethod,
    VerificationStatus,
)
from workbench.rules.account_facts import AccountFacts, placeholder
from workbench.rules.account_policy import AccountCheckPolicy
from workbench.rules.content_category import claimed_fields
from workbench.rules.hits import Hit, account_hit
from workbench.rules.idcodes import credit_code_problem, id_number_problem, normalise
from workbench.rules.privacy import mask_id_number
from workbench.rules.traffic import SPIKE, find_episodes

ACCOUNT_CHECK_CATEGORIES = (
    RuleCategory.IDENTITY_UNVERIFIED,
    RuleCategory.PUBLIC_ACCOUNT_INCOMPLETE,
    RuleCategory.SUBJECT_ACCOUNT_CAP,
    RuleCategory.INACTIVE_SIX_MONTHS,
    RuleCategory.TRAFFIC_ANOMALY,
    RuleCategory.UNAPPROVED_TRANSFER,
    RuleCategory.CONTENT_CATEGORY_MISMATCH,
)

# What a public account must show (2022/13, 2021/9), with labels for the explanation.
PUBLIC_DISCLOSURES = {
    "operator": ("运营主体", "operator"),
    "registered_address": ("注册运营地址", "registered address"),
    "content_category": ("内容生产类别", "content category"),
    "contact": ("联系方式", "contact"),
    "ip_location": ("IP属地", "IP location"),
}
# A stored ID number or credit code failing its check character: the platform must
# re-check the information it holds and have it corrected (2022/15).
RECHECK_BASIS = "2022/15"
LISTED_ACCOUNTS = 20  # named in a cap hit's explanation; the details list them all
CREDIT_CODE_LABEL = ("统一社会信用代码", "unified social credit code")
BUSINESS_SCOPE_LABEL = ("经营范围", "business scope")
METHOD_LABELS = {
    VerificationMethod.NONE: "无",
    VerificationMethod.MOBILE: "手机号码",
    VerificationMethod.ID_NUMBER: "身份证号码",
    VerificationMethod.CREDIT_CODE: "统一社会信用代码",
}
STATUS_LABELS = {
    VerificationStatus.UNVERIFIED: "未认证",
    VerificationStatus.PENDING: "审核中",
    VerificationStatus.VERIFIED: "已认证",
    VerificationStatus.FAILED: "认证失败",
}


def _failed(what_zh: str, what_en: str, standard: str, problem: str) -> str:
    zh, _, en = problem.partition(" / ")
    return f"{what_zh}未通过 {standard} 校验：{zh} / {what_en} fails {standard}: {en}"


def check_identity(facts: AccountFacts, policy: AccountCheckPolicy, now: datetime) -> list[Hit]:
    hits = []
    method, status = facts.verification_method, facts.verification_status
    if (
        method is not None
        and status is not None  # facts read through parse_verification always have one
        and facts.publishes
        and (method == VerificationMethod.NONE or status != VerificationStatus.VERIFIED)
    ):
        zh_method = METHOD_LABELS.get(VerificationMethod(method), method)
        zh_status = STATUS_LABELS.get(VerificationStatus(status), status)
        hits.append(
            account_hit(
                RuleCategory.IDENTITY_UNVERIFIED,
                "identity_not_verified",
                "verification",
                f"{method}/{status}",
                HitSeverity.MEDIUM,
                0.7,
                f"发布信息或发送消息但未完成真实身份认证（方式：{zh_method}，状态：{zh_status}） / "
                f"publishes or messages without real-identity verification "
                f"(method {method}, status {status})",
                {"method": method, "status": status},
            )
        )
    hits.extend(_verification_without_number(facts))
    today = now.astimezone(SHANGHAI).date()
    if facts.id_number and normalise(facts.id_number):
        problem = id_number_problem(facts.id_number, today=today)
        if problem:
            hits.append(
                account_hit(
                    RuleCategory.IDENTITY_UNVERIFIED,
                    "id_number_invalid",
                    "id_number",
                    mask_id_number(normalise(facts.id_number)) or "",
                    HitSeverity.HIGH,
                    0.9,
                    _failed("身份证号码", "the ID number", "GB 11643", problem),
                    {"standard": "GB 11643-1999"},
                    basis=RECHECK_BASIS,
                )
            )
    if facts.credit_code and normalise(facts.credit_code):
        problem = credit_code_problem(facts.credit_code)
        if problem:
            hits.append(
                account_hit(
                    RuleCategory.IDENTITY_UNVERIFIED,
                    "credit_code_invalid",
                    "credit_code",
                    normalise(facts.credit_code),
                    HitSeverity.HIGH,
                    0.9,
                    _failed("统一社会信用代码", "the credit code", "GB 32100", problem),
                    {"standard": "GB 32100-2015"},
                    basis=RECHECK_BASIS,
                )
            )
    return hits


# The number a verification method stands on (2022/9): verified "by ID number" with
# no ID number behind it is not verified.
METHOD_NUMBERS = {
    VerificationMethod.ID_NUMBER: ("id_number", "身份证号码", "ID number"),
    VerificationMethod.CREDIT_CODE: ("credit_code", "统一社会信用代码", "credit code"),
}


def _verification_without_number(facts: AccountFacts) -> list[Hit]:
    """A verification naming a method whose number is absent (given as empty, not omitted)."""
    method = facts.verification_method
    if method not in METHOD_NUMBERS or facts.verification_status != VerificationStatus.VERIFIED:
        return []  # unverified ones hit as identity_not_verified
    field, zh, en = METHOD_NUMBERS[VerificationMethod(method)]
    number = getattr(facts, field)
    if number is None or normalise(number):  # not given (screen input), or present
        return []
    return [
        account_hit(
            RuleCategory.IDENTITY_UNVERIFIED,
            "verification_without_number",
            "verification",
            f"{method}/{facts.verification_status}",
            HitSeverity.HIGH,
            0.85,
            f"认证方式为{zh}，但未登记{zh} / verified by {en} with no {en} on record",
            {"method": method, "status": facts.verification_status, "missing": field},
        )
    ]


def _missing(value: str | None) -> bool:
    return value is None or not value.strip()


def check_public_disclosure(
    facts: AccountFacts, policy: AccountCheckPolicy, now: datetime
) -> list[Hit]:
    organisation = facts.effective_subject_kind == SubjectKind.ORGANISATION
    wanted: dict[str, tuple[str, str]] = {}
    given = [facts.operator, facts.registered_address, facts.content_category, facts.contact]
    if facts.is_public and any(v is not None for v in [*given, facts.credit_code]):
        wanted.update(PUBLIC_DISCLOSURES)
        if organisation:
            wanted["credit_code"] = CREDIT_CODE_LABEL
    is_organisation = (facts.is_public and organisation) or facts.kind == AccountKind.ORGANISATION
    if is_organisation and facts.org_business_scope is not None:
        wanted["org_business_scope"] = BUSINESS_SCOPE_LABEL
    hits = []
    who_zh, who_en = (
        ("机构账号", "organisation account")
        if not facts.is_public
        else ("公众账号", "public account")
    )
    for field, (zh, en) in wanted.items():
        value = getattr(facts, field)
        if value is None:  # not given (a screen line without the field): nothing to judge
            continue
        if _missing(value):
            hits.append(
                account_hit(
                    RuleCategory.PUBLIC_ACCOUNT_INCOMPLETE,
                    "account_missing_disclosure",
                    field,
                    field,
                    HitSeverity.LOW,
                    0.5,
                    f"{who_zh}未展示{zh} / {who_en} does not show its {en}",
                    {"missing": field},
                )
            )
        elif placeholder(value):
            hits.append(
                account_hit(
                    RuleCategory.PUBLIC_ACCOUNT_INCOMPLETE,
                    "account_placeholder_disclosure",
                    field,
                    value.strip(),
                    HitSeverity.LOW,
                    0.5,
                    f"{who_zh}的{zh}为占位内容「{value.strip()}」，未提供有效信息 / "
                    f"{who_en} shows a placeholder as its {en} ({value.strip()!r})",
                    {"placeholder": field, "value": value.strip()},
                )
            )
    return hits


def check_subject_cap(facts: AccountFacts, policy: AccountCheckPolicy, now: datetime) -> list[Hit]:
    if facts.subject_accounts is None:
        return []
    held = facts.held_accounts
    kind = facts.effective_subject_kind
    cap = policy.cap_for(kind)
    if len(held) <= cap:
        return []
    kind_zh = "个人" if kind == SubjectKind.INDIVIDUAL else "机构"
    listed = ", ".join(a.ref for a in held[:LISTED_ACCOUNTS])
    if len(held) > LISTED_ACCOUNTS:
        listed += f" …（+{len(held) - LISTED_ACCOUNTS}）"
    return [
        account_hit(
            RuleCategory.SUBJECT_ACCOUNT_CAP,
            "subject_account_cap",
            "subject",
            f"{facts.subject_id or ''}: {len(held)}>{cap}",
            HitSeverity.MEDIUM,
            0.6,
            f"{kind_zh}主体名下 {len(held)} 个账号，上限 {cap}：{listed} / "
            f"{len(held)} accounts, cap {cap} for {kind} subjects: {listed}",
            {
                "subject_id": facts.subject_id,
                "subject_kind": kind,
                "count": len(held),
                "cap": cap,
                "accounts": [
                    {"ref": a.ref, "name": a.name, "status": a.status, "account_id": a.account_id}
                    for a in held
                ],
            },
        )
    ]


def check_inactive(facts: AccountFacts, policy: AccountCheckPolicy, now: datetime) -> list[Hit]:
    if not facts.is_public:
        return []
    last = facts.last_active_at or facts.registered_at
    if last is None:
        return []
    last_day = last.astimezone(SHANGHAI).date()
    idle = (now.astimezone(SHANGHAI).date() - last_day).days
    if idle <= policy.inactive_days:
        return []
    what_zh = "最后登录或发布" if facts.last_active_at else "注册后从未登录或发布，注册于"
    what_en = "last logged in or published" if facts.last_active_at else "never active; registered"
    return [
        account_hit(
            RuleCategory.INACTIVE_SIX_MONTHS,
            "inactive_six_months",
            "last_active_at",
            last_day.isoformat(),
            HitSeverity.LOW,
            0.5,
            f"{what_zh} {last_day.isoformat()}，已 {idle} 天未使用（上限 {policy.inactive_days} 天） / "
            f"{what_en} on {last_day.isoformat()}, idle {idle} days "
            f"(limit {policy.inactive_days})",
            {"last_active": last_day.isoformat(), "idle_days": idle, "limit": policy.inactive_days},
        )
    ]


def check_traffic(facts: AccountFacts, policy: AccountCheckPolicy, now: datetime) -> list[Hit]:
    if not facts.follower_history:
        return []
    hits = []
    for ep in find_episodes(facts.follower_history, policy.traffic):
        details = {
            "kind": ep.kind,
            "first": ep.first.isoformat(),
            "last": ep.last.isoformat(),
            "change": ep.change,
            "peak": ep.peak,
            "peak_day": ep.peak_day.isoformat(),
            "before": ep.before,
            "baseline_per_day": round(ep.baseline, 1),
            "mad": round(ep.mad, 1),
            "threshold": round(ep.threshold, 1),
        }
        when_zh = ep.label
        when_en = f"on {ep.label}" if ep.first == ep.last else f"over {ep.label}"
        if ep.kind == SPIKE:
            base = f"{ep.baseline:,.0f}"
            explanation = (
                f"{when_zh} 粉丝 +{ep.change:,}，而日常基线为 {base}/天"
                f"（MAD {ep.mad:,.0f}，阈值 {ep.threshold:,.0f}/天） / "
                f"+{ep.change:,} followers {when_en} against a baseline of {base}/day "
                f"(MAD {ep.mad:,.0f}, threshold {ep.threshold:,.0f}/day)"
            )
            hits.append(
                account_hit(
                    RuleCategory.TRAFFIC_ANOMALY,
                    "follower_spike",
                    "follower_history",
                    f"spike {ep.label}",
                    HitSeverity.HIGH,
                    0.85,
                    explanation,
                    details,
                )
            )
        else:
            share = -ep.change / ep.before if ep.before else 1.0
            explanation = (
                f"{when_zh} 粉丝骤减 {-ep.change:,}，占此前 {ep.before:,} 的 {share:.0%} / "
                f"{ep.change:,} followers {when_en}, {share:.0%} of the {ep.before:,} before"
            )
            hits.append(
                account_hit(
                    RuleCategory.TRAFFIC_ANOMALY,
                    "follower_mass_loss",
                    "follower_history",
                    f"loss {ep.label}",
                    HitSeverity.MEDIUM,
                    0.7,
                    explanation,
                    details,
                )
            )
    return hits


def check_transfers(facts: AccountFacts, policy: AccountCheckPolicy, now: datetime) -> list[Hit]:
    if not facts.is_public or not facts.transfers:
        return []
    hits = []
    for t in facts.transfers:
        if t.approved or not t.changes_hands:
            continue
        day = t.changed_at.astimezone(SHANGHAI).date().isoformat() if t.changed_at else "?"
        if (t.from_operator or "").strip() != (t.to_operator or "").strip():
            what_zh = f"运营者由「{t.from_operator or '—'}」变更为「{t.to_operator or '—'}」"
            what_en = f"operator changed from {t.from_operator or '-'} to {t.to_operator or '-'}"
            matched = f"operator {t.from_operator or '-'}→{t.to_operator or '-'}"
        else:
            what_zh = f"主体由 {t.from_subject or '—'} 变更为 {t.to_subject or '—'}"
            what_en = f"subject changed from {t.from_subject or '-'} to {t.to_subject or '-'}"
            matched = f"subject {t.from_subject or '-'}→{t.to_subject or '-'}"
        hits.append(
            account_hit(
                RuleCategory.UNAPPROVED_TRANSFER,
                "unapproved_transfer",
                "transfers",
                f"{day} {matched}",
                HitSeverity.HIGH,
                0.8,
                f"{day} {what_zh}，无经批准的转让记录 / {what_en} on {day} "
                "with no approved transfer on record",
                {
                    "changed_at": day,
                    "from_operator": t.from_operator,
                    "to_operator": t.to_operator,
                    "from_subject": t.from_subject,
                    "to_subject": t.to_subject,
                },
            )
        )
    return hits


def check_content_category(
    facts: AccountFacts, policy: AccountCheckPolicy, now: datetime
) -> list[Hit]:
    """2021/15: the name and bio claim a field the registered category does not cover
    (:mod:`workbench.rules.content_category`); the words found are the evidence."""
    if not facts.is_public or _missing(facts.content_category):
        return []
    hits = []
    for spec, found, own in claimed_fields(facts, policy.content_fields):
        first = found[0]
        words = list(dict.fromkeys(m.word for m in found))
        listed = "、".join(words)
        theirs = list(dict.fromkeys(m.word for ms in own.values() for m in ms))
        where_zh = "名称" if first.field == "name" else "简介"
        if spec.regulated:
            zh = f"{where_zh}以「{first.word}」声称{spec.label_zh}领域（{listed}）"
            en = f"the {first.field} claims the {spec.label_en} field ({', '.join(words)})"
        else:
            zh = f"名称和简介主要涉及{spec.label_zh}（{listed}）"
            en = f"the name and bio are about {spec.label_en} ({', '.join(words)})"
        if theirs:
            zh += f"，而涉及登记类别的仅有{'、'.join(theirs)}"
            en += f"; only {', '.join(theirs)} for the registered category"
        hits.append(
            account_hit(
                RuleCategory.CONTENT_CATEGORY_MISMATCH,
                "content_category_mismatch",
                first.field,
                first.word,
                HitSeverity.MEDIUM,
                0.6,
                f"{zh}，登记内容类别为「{facts.content_category}」 / {en}, outside the "
                f"registered content category {facts.content_category}",
                {
                    "claimed_field": spec.code,
                    "regulated": spec.regulated,
                    "content_category": facts.content_category,
                    "evidence": [{"field": m.field, "word": m.word} for m in found],
                    "registered_evidence": theirs,
                },
                span=(first.start, first.start + len(first.word)),
            )
        )
    return hits


CHECKS: tuple[Callable[[AccountFacts, AccountCheckPolicy, datetime], list[Hit]], ...] = (
    check_identity,
    check_public_disclosure,
    check_subject_cap,
    check_inactive,
    check_traffic,
    check_transfers,
    check_content_category,
)


def account_check_hits(
    facts: AccountFacts, policy: AccountCheckPolicy, *, now: datetime | None = None
) -> list[Hit]:
    """Every account-level hit on ``facts``; ``now`` fixes "today" (Asia/Shanghai)."""
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    hits: list[Hit] = []
    for check in CHECKS:
        hits.extend(check(facts, policy, now))
    return hits
