"""The case timeline in words: a sentence per event in the reviewer's language, its
changes as readable "field: before → after" text, times in Beijing time.

No widgets here: :class:`~workbench.ui.widgets.timeline.TimelineTable` shows what
these functions return (as plain text).  The read
(:func:`workbench.cases.timeline.timeline_of`) has already picked the fields
worth showing and given each entry its stage; an action this module does not
know still reads as a sentence, named after the kind of thing it changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from workbench.models.codes import LimitUnit, PauseReason, Stage
from workbench.models.views import TimelineChange, TimelineEntry
from workbench.operations.cases import DECLINE_LABELS
from workbench.ui.i18n import pick
from workbench.ui.labels import label, local_time
from workbench.ui.widgets.plain import fill

STAGES: dict[str, tuple[str, str]] = {  # Stage, a StrEnum, keys it
    Stage.ACCEPT: ("受理", "Acceptance"),
    Stage.SCREEN: ("甄别", "Screening"),
    Stage.DISPOSE: ("处置", "Disposal"),
    Stage.REPLY: ("反馈", "Reply"),
    Stage.APPEAL_DECISION: ("申诉决定", "Appeal decision"),
    Stage.CORRECTION: ("限期改正", "Correction"),
}
OTHER_STAGE = ("其他", "Other")

#: %1 is who did it, %2 the stage, %3 the due time in Beijing time.
SENTENCES = {
    "case.open": ("%1 立案", "%1 opened the case"),
    "report.receive": ("收到一份举报", "A report was received"),
    "case.accept": ("%1 受理了案件", "%1 accepted the case"),
    "case.decline": ("%1 决定不予受理", "%1 declined the case"),
    "case.start_screening": ("%1 开始甄别", "%1 started screening"),
    "case.screen": ("%1 进行了规则筛查", "%1 screened the account against the rules"),
    "case.dispose": ("%1 作出处置决定", "%1 decided on measures"),
    "case.no_violation": ("%1 认定未发现违规", "%1 found no violation"),
    "case.reply": ("%1 完成反馈", "%1 replied"),
    "case.close": ("%1 结案", "%1 closed the case"),
    "case.claim": ("%1 认领了案件", "%1 claimed the case"),
    "case.renew_claim": ("%1 延长了认领", "%1 renewed the claim"),
    "case.release_claim": ("%1 放回了案件", "%1 released the case"),
    "case.reassign": ("%1 重新分派了案件", "%1 reassigned the case"),
    "case.lease_expired": (
        "认领到期，案件回到队列",
        "The claim ran out; the case is back in the queue",
    ),
    "case.escalate": ("%1 将案件升级", "%1 escalated the case"),
    "measure.decide": ("%1 拟定处置措施", "%1 proposed a measure"),
    "measure.approve": ("%1 批准了处置措施", "%1 approved the measure"),
    "measure.reject": ("%1 驳回了处置措施", "%1 rejected the measure"),
    "measure.in_effect": ("处置措施生效", "The measure took effect"),
    "measure.expire": ("处置措施到期", "The measure expired"),
    "measure.revised": ("%1 经申诉变更了处置措施", "%1 revised the measure on appeal"),
    "measure.revoked": ("%1 经申诉撤销了处置措施", "%1 revoked the measure on appeal"),
    "measure.regulator_order": (
        "%1 按监管要求执行处置（2022/21）",
        "%1 carried out a measure the regulator ordered (2022/21)",
    ),
    "case.rumour": (
        "%1 认定制作发布谣言并处置（2021/13）",
        "%1 found rumour-spreading and responded (2021/13)",
    ),
    "rule_hit.accepted": ("%1 采纳了规则命中", "%1 accepted a rule hit"),
    "rule_hit.dismissed": ("%1 排除了规则命中", "%1 dismissed a rule hit"),
    "reply.queue": ("%1 发出答复", "%1 sent a reply"),
    "reply.deliver": ("答复已送达", "The reply was delivered"),
    "reply.fail": ("答复未能送达", "The reply could not be delivered"),
    "reply.retry": ("%1 重新发送答复", "%1 sent the reply again"),
    "reporter.flag": ("%1 将举报人标记为疑似恶意", "%1 flagged the reporter as possibly malicious"),
    "reporter.outcome": ("举报人信用已更新", "The reporter's credibility was updated"),
    "personal_data.reveal": ("%1 查看了遮蔽的个人信息", "%1 revealed masked personal data"),
    "clock.start": ("时限：%2阶段截止 %3（北京时间）", "Deadline: %2 due %3 (Beijing time)"),
    "clock.met": ("时限：%2阶段按时完成", "Deadline: %2 finished in time"),
    "clock.missed": ("时限：%2阶段超时完成", "Deadline: %2 finished late"),
    "clock.warning": ("时限预警：%2阶段临近截止", "Deadline warning: %2 is due soon"),
    "clock.breach": ("时限超时：%2阶段已过截止时间", "Deadline breached: %2 is overdue"),
    "clock.pause": ("%1 暂停了计时", "%1 paused the clock"),
    "clock.resume": ("%1 恢复了计时", "%1 resumed the clock"),
    "clock.extend": ("%1 延长了%2阶段的时限", "%1 extended the %2 deadline"),
}

#: The fallback for an action not listed above: what kind of thing changed.
ENTITIES = {
    "case": ("案件", "the case"),
    "report": ("举报", "a report"),
    "measure": ("处置措施", "a measure"),
    "reply": ("答复", "a reply"),
    "clock": ("时限", "a deadline"),
    "rule_hit": ("规则命中", "a rule hit"),
    "reporter": ("举报人", "a reporter"),
    "appeal": ("申诉", "an appeal"),
    "correction_order": ("限期改正", "a correction order"),
}
GENERIC = ("%1 更新了%4", "%1 changed %4")
GENERIC_UNKNOWN = ("%1 记录了一项操作", "%1 recorded an action")

SYSTEM = ("系统", "The system")

FIELDS = {
    "status": ("状态", "Status"),
    "queue": ("队列", "Queue"),
    "category": ("类别", "Category"),
    "decline_reason": ("不予受理原因", "Decline reason"),
    "resolution_note": ("处理说明", "Resolution note"),
    "assignee": ("处理人", "Assignee"),
    "claimed_until": ("认领至", "Claimed until"),
    "reporter_count": ("举报人数", "Reporters"),
    "measure": ("措施", "Measure"),
    "effective_from": ("生效时间", "Effective from"),
    "effective_until": ("有效期至", "Effective until"),
    "decision": ("决定", "Decision"),
    "recipient": ("接收人", "Recipient"),
    "delivery": ("发送状态", "Delivery"),
    "deadline": ("改正期限", "Deadline"),
    "due": ("截止", "Due"),
    "pause_reason": ("暂停原因", "Paused because"),
    "extension": ("延长", "Extended by"),
}

PAUSE_REASONS = {
    PauseReason.WAITING_REPORTER: ("等待举报人补充", "Waiting for the reporter"),
    PauseReason.WAITING_ACCOUNT_HOLDER: ("等待账号主体回复", "Waiting for the account holder"),
}
RECIPIENTS = {
    "reporter": ("举报人", "Reporter"),
    "account_holder": ("账号主体", "Account holder"),
    "appellant": ("申诉人", "Appellant"),
}
DELIVERY = {
    "draft": ("草稿", "Draft"),
    "queued": ("待发送", "Queued"),
    "delivered": ("已送达", "Delivered"),
    "failed": ("发送失败", "Failed"),
}
UNITS: dict[str, tuple[str, str]] = {  # LimitUnit, a StrEnum, keys it
    LimitUnit.HOURS: ("%1 小时", "%1 hours"),
    LimitUnit.WORKING_DAYS: ("%1 个工作日", "%1 working days"),
}
LABEL_KINDS = {"status": "status", "queue": "queue", "category": "category",
               "measure": "measure", "hit_decision": "hit_decision"}  # fmt: skip
PAIR_KINDS: dict[str, Mapping[Any, tuple[str, str]]] = {  # keyed by StrEnums or str
    "decline_reason": DECLINE_LABELS,
    "pause_reason": PAUSE_REASONS,
    "recipient": RECIPIENTS,
    "delivery": DELIVERY,
}


def stage_title(stage: str | None) -> str:
    """The header of a stage's group of events."""
    return pick(STAGES.get(stage, OTHER_STAGE) if stage else OTHER_STAGE)


def beijing(iso: str | None) -> str:
    """An ISO instant (as the read gives it) in Beijing time, ``2026-10-20 00:00``."""
    if not iso:
        return ""
    try:
        return local_time(datetime.fromisoformat(iso))
    except ValueError:
        return ""


def _due(entry: TimelineEntry) -> str:
    for change in entry.changes:
        if change.field == "due":
            return beijing(change.after)
    return ""


def sentence(entry: TimelineEntry) -> str:
    """What happened, as a sentence in the reviewer's language."""
    actor = entry.actor or pick(SYSTEM)
    stage = pick(STAGES.get(entry.stage, OTHER_STAGE)) if entry.stage else pick(OTHER_STAGE)
    template = SENTENCES.get(entry.action)
    entity = ENTITIES.get(entry.action.split(".", 1)[0])
    if template is None:
        template = GENERIC if entity is not None else GENERIC_UNKNOWN
    return fill(pick(template), actor, stage, _due(entry), pick(entity) if entity else "")


def value_text(kind: str, value: str | None) -> str:
    """One value of a change as the reviewer reads it ("—" when there is none)."""
    if value is None or value == "":
        return "—"
    if kind == "time":
        return beijing(value) or "—"
    if kind in LABEL_KINDS:
        return label(LABEL_KINDS[kind], value)
    if kind in PAIR_KINDS:
        pair = PAIR_KINDS[kind].get(value)
        return pick(pair) if pair else value
    if kind == "limit":
        amount, _, unit = value.partition(" ")
        template = UNITS.get(unit)
        return fill(pick(template), amount) if template else value
    return value


def change_text(change: TimelineChange) -> str:
    """``状态：待受理 → 已受理`` (only the new value when there was none before)."""
    name = pick(FIELDS.get(change.field, (change.field, change.field)))
    after = value_text(change.kind, change.after)
    if change.before is not None:
        after = f"{value_text(change.kind, change.before)} → {after}"
    return fill(pick(("%1：%2", "%1: %2")), name, after)


def details(entry: TimelineEntry) -> str:
    """The entry's changes and reason, one per line."""
    lines = [change_text(c) for c in entry.changes if not _in_sentence(entry, c)]
    if entry.reason:
        lines.append(fill(pick(("理由：%1", "Reason: %1")), entry.reason))
    return "\n".join(lines)


def _in_sentence(entry: TimelineEntry, change: TimelineChange) -> bool:
    """The start of a clock names its due time in the sentence already."""
    return entry.action == "clock.start" and change.field == "due"


def grouped(entries: tuple[TimelineEntry, ...]) -> list[tuple[str | None, list[TimelineEntry]]]:
    """The entries by stage, newest first within a stage and the stage with the
    newest event first (the read gives them newest first)."""
    groups: dict[str | None, list[TimelineEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.at, reverse=True):
        groups.setdefault(entry.stage, []).append(entry)
    return list(groups.items())
