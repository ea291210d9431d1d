"""The measure catalogue (处置措施, 2022/17): what each measure does and which
parameters it takes.

=====================  ==============  =================================  ========
code                   account status  parameters                         approval
=====================  ==============  =================================  ========
warn                   warned          —                                  no
correct_by_deadline    correcting      deadline_days (working days) or    no
                                       deadline (date, Beijing); required
restrict_functions     restricted      functions (list), days (optional)  no
suspend                suspended       days                               no
suspend_updates        restricted      days (optional)                    no
stop_ads               restricted      days (optional)                    no
close                  closed          —                                  yes
blacklist              blacklisted     —                                  yes
ban_reregistration     closed          —                                  yes
downgrade_credit       (unchanged)     —                                  no
=====================  ==============  =================================  ========

Each measure in effect lowers the account's credit score by an amount set
per measure (setting ``measures.credit_delta``, a mapping code -> points;
:data:`DEFAULT_CREDIT_DELTAS` otherwise).  ``downgrade_credit`` (降低信用等级, 2021/13)
takes it to just below the lowest score of the account's grade instead, so the
grade falls one step (:func:`workbench.measures.credit_grades.downgrade_points`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from workbench.errors import ValidationError
from workbench.models.codes import (
    MEASURE_LABELS,
    SEVERE_MEASURES,
    AccountStatus,
    MeasureCode,
)
from workbench.settings import get_setting

CREDIT_SETTING = "measures.credit_delta"

# Functions a restriction can name (限制账号功能).
FUNCTIONS = {
    "post": ("发布内容", "publishing"),
    "comment": ("评论", "commenting"),
    "message": ("私信", "private messages"),
    "live": ("直播", "live streaming"),
    "follow": ("关注", "following"),
    "monetise": ("收益", "monetisation"),
    "ads": ("广告发布", "advertising"),
    "info_update": ("信息更新", "account-information updates"),
}

DEFAULT_CREDIT_DELTAS = {
    MeasureCode.WARN: 2,
    MeasureCode.CORRECT_BY_DEADLINE: 5,
    MeasureCode.STOP_ADS: 5,
    MeasureCode.RESTRICT_FUNCTIONS: 10,
    MeasureCode.SUSPEND_UPDATES: 10,
    MeasureCode.SUSPEND: 20,
    MeasureCode.CLOSE: 40,
    MeasureCode.BAN_REREGISTRATION: 40,
    MeasureCode.BLACKLIST: 60,
    MeasureCode.DOWNGRADE_CREDIT: 0,  # by the grade thresholds: credit_grades.downgrade_points
}

ACCOUNT_STATUS: dict[str, AccountStatus] = {  # looked up by the stored code
    MeasureCode.WARN: AccountStatus.WARNED,
    MeasureCode.CORRECT_BY_DEADLINE: AccountStatus.CORRECTING,
    MeasureCode.RESTRICT_FUNCTIONS: AccountStatus.RESTRICTED,
    MeasureCode.SUSPEND_UPDATES: AccountStatus.RESTRICTED,
    MeasureCode.STOP_ADS: AccountStatus.RESTRICTED,
    MeasureCode.SUSPEND: AccountStatus.SUSPENDED,
    MeasureCode.CLOSE: AccountStatus.CLOSED,
    MeasureCode.BAN_REREGISTRATION: AccountStatus.CLOSED,
    MeasureCode.BLACKLIST: AccountStatus.BLACKLISTED,
    MeasureCode.DOWNGRADE_CREDIT: AccountStatus.ACTIVE,  # the grade falls, not the status
}

# More severe statuses win when several measures are in force.
STATUS_RANK = {s: i for i, s in enumerate(AccountStatus)}

FIXED_RESTRICTIONS = {
    MeasureCode.SUSPEND_UPDATES: ("info_update",),
    MeasureCode.STOP_ADS: ("ads",),
    MeasureCode.BAN_REREGISTRATION: ("reregistration",),
}

MAX_DAYS = 3650
MAX_DEADLINE_DAYS = 120


@dataclass(frozen=True)
class MeasureSpec:
    """A measure as the reviewer chose it: code, legal basis, reason, parameters."""

    code: str
    basis: str = ""
    reason: str = ""
    params: dict = field(default_factory=dict)


def needs_approval(code: str) -> bool:
    return code in SEVERE_MEASURES


def label(code: str) -> str:
    zh, en = MEASURE_LABELS[MeasureCode(code)]
    return f"{zh} {en}"


def _bad(code: str, zh: str, en: str) -> ValidationError:
    zh_label, en_label = MEASURE_LABELS[MeasureCode(code)]
    return ValidationError(f"措施「{zh_label}」参数有误：{zh}", f"measure {en_label}: {en}")


def _days(code: str, value, *, required: bool) -> int | None:
    if value is None:
        if required:
            raise _bad(code, "必须填写天数 days", "the number of days (days) is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
        raise _bad(
            code, f"天数应为 1-{MAX_DAYS} 的整数", f"days must be a whole number 1-{MAX_DAYS}"
        )
    return value


def _deadline(code: str, params: dict) -> dict:
    days, day = params.get("deadline_days"), params.get("deadline")
    if (days is None) == (day is None):
        raise _bad(
            code,
            "请给出改正期限：工作日数 deadline_days 或日期 deadline（二选一）",
            "give the correction deadline as deadline_days (working days) or deadline (a date), one of them",
        )
    out: dict = {}
    if days is not None:
        if (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not 1 <= days <= MAX_DEADLINE_DAYS
        ):
            raise _bad(
                code,
                f"工作日数应为 1-{MAX_DEADLINE_DAYS}",
                f"deadline_days must be 1-{MAX_DEADLINE_DAYS}",
            )
        out["deadline_days"] = days
    else:
        try:
            out["deadline"] = (
                day if isinstance(day, date) else date.fromisoformat(str(day))
            ).isoformat()
        except ValueError as exc:
            raise _bad(code, f"日期 {day} 无效", f"deadline {day!r} is not a date") from exc
    required = str(params.get("required", "")).strip()
    if required:
        out["required"] = required
    return out


def check_params(code: str, params: dict | None) -> dict:
    """The parameters of ``code``, validated and normalised (unknown keys refused)."""
    try:
        code = MeasureCode(code)
    except ValueError as exc:
        raise ValidationError(
            f"未知的措施：{code}",
            f"unknown measure {code!r}; choose from {', '.join(m.value for m in MeasureCode)}",
        ) from exc
    params = dict(params or {})
    allowed = {
        MeasureCode.CORRECT_BY_DEADLINE: {"deadline_days", "deadline", "required"},
        MeasureCode.RESTRICT_FUNCTIONS: {"functions", "days"},
        MeasureCode.SUSPEND: {"days"},
        MeasureCode.SUSPEND_UPDATES: {"days"},
        MeasureCode.STOP_ADS: {"days"},
    }.get(code, set())
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise _bad(code, f"不接受参数 {', '.join(unknown)}", f"does not take {', '.join(unknown)}")
    if code == MeasureCode.CORRECT_BY_DEADLINE:
        return _deadline(code, params)
    out: dict = {}
    if code == MeasureCode.RESTRICT_FUNCTIONS:
        functions = params.get("functions") or []
        if isinstance(functions, str):
            functions = [functions]
        bad = sorted(set(functions) - set(FUNCTIONS))
        if not functions or bad:
            raise _bad(
                code,
                f"请从 {', '.join(FUNCTIONS)} 中选择要限制的功能"
                + (f"（无效：{', '.join(bad)}）" if bad else ""),
                f"name the functions to restrict from {', '.join(FUNCTIONS)}"
                + (f" (unknown: {', '.join(bad)})" if bad else ""),
            )
        out["functions"] = sorted(set(functions))
    if "days" in allowed:
        days = _days(code, params.get("days"), required=code == MeasureCode.SUSPEND)
        if days is not None:
            out["days"] = days
    return out


def restrictions_of(code: str, params: dict) -> list[str]:
    """The account functions a measure in effect takes away."""
    if code == MeasureCode.RESTRICT_FUNCTIONS:
        return list(params.get("functions", []))
    return list(FIXED_RESTRICTIONS.get(MeasureCode(code), ()))


def credit_amount(session: Session, code: str) -> int:
    """Points of credit a measure takes away (setting ``measures.credit_delta``)."""
    configured = get_setting(session, CREDIT_SETTING, {}) or {}
    value = configured.get(code, DEFAULT_CREDIT_DELTAS[MeasureCode(code)])
    return abs(int(value))
