"""The supervisor's figures on handling time limits, and their CSV/XLSX export.

Open clocks (running or paused) at ``now``:

* **due today / tomorrow / this week**: not yet past due, and due on that
  Beijing date.  A due time of exactly 00:00 belongs to the day before (24:00
  of the last working day), so a clock due "2026-03-04T00:00+08:00" is due
  on 3 March, not 4 March.  "This week" runs from today to Sunday and
  includes today and tomorrow.
* **at risk**: running, not past due, and past a warning threshold now
  (:func:`workbench.timelimits.alerts.level_of`), whether or not a tick has
  raised the warning yet.
* **breached**: open and past due.

Closed clocks (met or breached), closed within [since, until), grouped per
queue (a case's queue; ``appeal`` and ``correction`` for the others) and per
reviewer (the clock's assignee when it stopped; ``None`` is unassigned).  Each
stage is charged to whoever held it, from when they took it (``held_since``:
a claim or a reassignment, or the stage's start if the case was held then;
unknown, the stage's start); the time before is the queue's wait:

* **handled**: the number of distinct cases, appeals or correction orders;
* **handling time** of a clock: the working time from when its holder took
  it to close, less the working time spent paused, in hours; its **median**
  and **90th percentile** (linear interpolation between closest ranks, as
  ``statistics.quantiles(method="inclusive")``);
* **waiting before claim** (等待认领) of a clock: the working time from start
  to when its holder took it, less pauses; its median and 90th percentile;
* **met share**: clocks not breached / closed clocks;
* **breach length**: close - due in calendar hours, for breached clocks: the
  count, mean and longest.  A queue counts every breach.  A reviewer answers
  only for breaches that came while they held the stage: a clock already past
  due when they took it is the queue's wait (**breached waiting**), not theirs,
  and counts as not breached in their met share.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import median

from sqlalchemy import or_
from sqlmodel import Session, col, select

from workbench.models import SHANGHAI, Case, Clock, ClockPause, Reviewer
from workbench.models.base import saved
from workbench.models.codes import ClockState
from workbench.models.views import QUEUE_LABELS
from workbench.spreadsheet import (
    DATETIME,
    DECIMAL,
    PERCENT,
    WHOLE,
    csv_row,
    format_sheet,
    xlsx_cells,
)
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.deadlines import require_aware, working_seconds_between
from workbench.timelimits.risk import at_risk

OPEN = (ClockState.RUNNING, ClockState.PAUSED)
CLOSED = (ClockState.MET, ClockState.BREACHED)


#: The reviewer group of clocks nobody held (shown in the reader's language by the desktop).
UNASSIGNED = "(未分配 / unassigned)"


@dataclass(frozen=True)
class DueSummary:
    due_today: int
    due_tomorrow: int
    due_this_week: int
    at_risk: int
    breached: int
    open_clocks: int
    paused: int


@dataclass(frozen=True)
class GroupFigures:
    """The closed clocks of one queue or one reviewer."""

    group: str
    handled: int
    closed_clocks: int
    median_working_hours: float | None
    p90_working_hours: float | None
    met_share: float | None
    breaches: int
    mean_breach_hours: float | None
    max_breach_hours: float | None
    median_wait_hours: float | None = None
    p90_wait_hours: float | None = None
    breached_waiting: int = 0  # past due before anyone took the stage
    #: A reviewer's display name (王芳) beside ``group``, their login; None for queues.
    name: str | None = None


@dataclass(frozen=True)
class SupervisorFigures:
    at: datetime
    since: datetime | None
    until: datetime | None
    due: DueSummary
    per_queue: list[GroupFigures] = field(default_factory=list)
    per_reviewer: list[GroupFigures] = field(default_factory=list)


def due_day(due: datetime) -> date:
    """The Beijing date a due time falls on; 00:00 exactly is 24:00 of the day before."""
    return (due.astimezone(SHANGHAI) - timedelta(microseconds=1)).date()


def percentile(values: Iterable[float], share: float) -> float | None:
    """The ``share`` percentile with linear interpolation between closest ranks."""
    data = sorted(values)
    if not data:
        return None
    pos = share * (len(data) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def _closed_at(clock: Clock) -> datetime:
    at = clock.met_at if clock.state == ClockState.MET else clock.breached_at
    assert at is not None, "a met or breached clock has the time it closed"
    return at


def _owner(clock: Clock) -> tuple[str, int]:
    if clock.case_id is not None:
        return "case", clock.case_id
    if clock.appeal_id is not None:
        return "appeal", clock.appeal_id
    assert clock.correction_order_id is not None, "a clock has one owner"
    return "correction", clock.correction_order_id


@dataclass(frozen=True)
class Charge:
    """One closed clock split at the moment its holder took it."""

    held_hours: float
    wait_hours: float
    taken: datetime

    def breached_waiting(self, clock: Clock) -> bool:
        return clock.state == ClockState.BREACHED and clock.due_at <= self.taken


def _group(
    name: str, clocks: list[Clock], charges: dict[int, Charge], *, reviewer: bool = False
) -> GroupFigures:
    """The figures of ``clocks``; a reviewer's leave out breaches that came before they
    took the stage."""
    handling = [charges[saved(c.id)].held_hours for c in clocks]
    waiting = [charges[saved(c.id)].wait_hours for c in clocks]
    before = [c for c in clocks if charges[saved(c.id)].breached_waiting(c)]
    breached = [
        c
        for c in clocks
        if c.state == ClockState.BREACHED
        and not (reviewer and charges[saved(c.id)].breached_waiting(c))
    ]
    late = [(_closed_at(c) - c.due_at).total_seconds() / 3600 for c in breached]
    return GroupFigures(
        group=name,
        handled=len({_owner(c) for c in clocks}),
        closed_clocks=len(clocks),
        median_working_hours=median(handling) if handling else None,
        p90_working_hours=percentile(handling, 0.9),
        met_share=(len(clocks) - len(breached)) / len(clocks) if clocks else None,
        breaches=len(breached),
        mean_breach_hours=sum(late) / len(late) if late else None,
        max_breach_hours=max(late) if late else None,
        median_wait_hours=median(waiting) if waiting else None,
        p90_wait_hours=percentile(waiting, 0.9),
        breached_waiting=len(before),
    )


def _working_hours(start, end, pauses: list[ClockPause], closed: datetime, snapshot) -> float:
    """Working hours in [start, end) less the working time of the pauses within it."""
    if end <= start:
        return 0.0
    worked = working_seconds_between(start, end, snapshot)
    for p in pauses:
        lo, hi = max(p.started_at, start), min(p.ended_at or closed, end)
        if hi > lo:
            worked -= working_seconds_between(lo, hi, snapshot)
    return max(0.0, worked) / 3600


def charge(clock: Clock, pauses: list[ClockPause], snapshot) -> Charge:
    """Split a closed clock at the moment its holder took it (its start if unknown)."""
    closed = _closed_at(clock)
    taken = min(max(clock.held_since or clock.started_at, clock.started_at), closed)
    return Charge(
        held_hours=_working_hours(taken, closed, pauses, closed, snapshot),
        wait_hours=_working_hours(clock.started_at, taken, pauses, closed, snapshot),
        taken=taken,
    )


def supervisor_figures(
    session: Session,
    *,
    now: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
) -> SupervisorFigures:
    """The figures at ``now``; closed clocks counted when closed within [since, until)."""
    require_aware(now, "now")
    snapshot = load_snapshot(session)
    open_clocks = session.exec(select(Clock).where(col(Clock.state).in_(OPEN))).all()
    today = now.astimezone(SHANGHAI).date()
    sunday = today + timedelta(days=7 - today.isoweekday())
    pending = [c for c in open_clocks if c.due_at >= now]
    days = [due_day(c.due_at) for c in pending]
    summary = DueSummary(
        due_today=sum(d == today for d in days),
        due_tomorrow=sum(d == today + timedelta(days=1) for d in days),
        due_this_week=sum(today <= d <= sunday for d in days),
        # The one definition the queues' badges and rows use too (timelimits/risk.py).
        at_risk=at_risk(session, now).clocks,
        breached=sum(c.due_at < now for c in open_clocks),
        open_clocks=len(open_clocks),
        paused=sum(c.state == ClockState.PAUSED for c in open_clocks),
    )

    query = select(Clock).where(col(Clock.state).in_(CLOSED))
    if since is not None:
        query = query.where(or_(col(Clock.met_at) >= since, col(Clock.breached_at) >= since))
    if until is not None:
        query = query.where(or_(col(Clock.met_at) < until, col(Clock.breached_at) < until))
    closed = [
        c
        for c in session.exec(query).all()
        if (since is None or _closed_at(c) >= since) and (until is None or _closed_at(c) < until)
    ]
    pauses: dict[int, list[ClockPause]] = defaultdict(list)
    if closed:
        for p in session.exec(
            select(ClockPause).where(col(ClockPause.clock_id).in_([c.id for c in closed]))
        ).all():
            pauses[p.clock_id].append(p)
    charges = {saved(c.id): charge(c, pauses[saved(c.id)], snapshot) for c in closed}

    queues = {
        case.id: case.queue
        for case in session.exec(
            select(Case).where(col(Case.id).in_({c.case_id for c in closed if c.case_id}))
        ).all()
    }
    by_queue: dict[str, list[Clock]] = defaultdict(list)
    by_reviewer: dict[int | None, list[Clock]] = defaultdict(list)
    for c in closed:
        kind, _ = _owner(c)
        by_queue[queues[c.case_id] if kind == "case" else kind].append(c)
        by_reviewer[c.assignee_id].append(c)
    reviewers = {
        r.id: r
        for r in session.exec(
            select(Reviewer).where(col(Reviewer.id).in_({k for k in by_reviewer if k is not None}))
        ).all()
    }
    names = {k: r.login for k, r in reviewers.items()}
    per_queue = [_group(q, by_queue[q], charges) for q in sorted(by_queue)]
    per_reviewer = [
        replace(
            _group(names.get(k, UNASSIGNED) if k else UNASSIGNED, v, charges, reviewer=True),
            name=reviewers[k].display_name if k in reviewers else None,
        )
        for k, v in sorted(by_reviewer.items(), key=lambda kv: names.get(kv[0], "~"))
    ]
    return SupervisorFigures(now, since, until, summary, per_queue, per_reviewer)


SUMMARY_LABELS = {
    "due_today": "今日到期 / due today",
    "due_tomorrow": "明日到期 / due tomorrow",
    "due_this_week": "本周到期 / due this week",
    "at_risk": "临近超时 / at risk",
    "breached": "已超时 / breached",
    "open_clocks": "计时中 / open clocks",
    "paused": "暂停中 / paused",
}
GROUP_COLUMNS = [
    ("group", "分组 / group"),
    ("handled", "处理件数 / handled"),
    ("closed_clocks", "完成环节 / closed clocks"),
    ("median_working_hours", "中位用时(工作小时) / median working hours"),
    ("p90_working_hours", "90%用时(工作小时) / p90 working hours"),
    ("met_share", "按时率 / share met"),
    ("breaches", "超时次数 / breaches"),
    ("mean_breach_hours", "平均超时(小时) / mean breach hours"),
    ("max_breach_hours", "最长超时(小时) / longest breach hours"),
    ("median_wait_hours", "等待认领中位(工作小时) / median waiting before claim"),
    ("p90_wait_hours", "等待认领90%(工作小时) / p90 waiting before claim"),
    ("breached_waiting", "等待中超时 / breached while waiting"),
]


def figure_rows(figures: SupervisorFigures) -> list[tuple[str, str, str, object]]:
    """The figures in long form: (scope, group, measure, value)."""
    rows: list[tuple[str, str, str, object]] = [
        ("summary", "", key, value) for key, value in asdict(figures.due).items()
    ]
    for scope, groups in (("queue", figures.per_queue), ("reviewer", figures.per_reviewer)):
        for g in groups:
            rows += [(scope, g.group, key, getattr(g, key)) for key, _ in GROUP_COLUMNS[1:]]
    return rows


def _round(value):
    return round(value, 4) if isinstance(value, float) else value


def export_csv(figures: SupervisorFigures, path: Path) -> None:
    """Long-form CSV (scope, group, measure, value), UTF-8 with BOM for spreadsheet apps."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        # group: a queue's code or a reviewer's login; name: the reviewer's display name.
        writer.writerow(["scope", "group", "measure", "value", "name"])
        writer.writerow(["summary", "", "at", figures.at.astimezone(SHANGHAI).isoformat(), ""])
        names = {g.group: g.name or "" for g in figures.per_reviewer}
        for scope, group, measure, value in figure_rows(figures):
            value = "" if value is None else _round(value)
            name = names.get(group, "") if scope == "reviewer" else ""
            writer.writerow(csv_row([scope, group, measure, value, name]))


#: A queue group's name in the workbook (queue codes, and what owns a clock outside them).
GROUP_LABELS = {
    **{q.value: zh for q, (zh, _en) in QUEUE_LABELS.items()},
    "appeal": "申诉",
    "correction": "限期改正跟进",
}


def _group_format(key: str) -> str:
    if key == "met_share":
        return PERCENT
    return DECIMAL if key.endswith("_hours") else WHOLE


def export_xlsx(figures: SupervisorFigures, path: Path) -> None:
    """A workbook with three sheets: summary, per queue, per reviewer; headers frozen,
    columns sized, shares as percentages, hours to a tenth, queues by name."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "概况 Summary"
    sheet.append(["项目 / item", "数值 / value"])
    sheet.append(["时点 / at", figures.at.astimezone(SHANGHAI).replace(tzinfo=None)])
    sheet["B2"].number_format = DATETIME
    for key, value in asdict(figures.due).items():
        sheet.append([SUMMARY_LABELS[key], value])
    format_sheet(sheet)
    for title, groups, named in (
        ("按队列 Queues", figures.per_queue, True),
        ("按审核员 Reviewers", figures.per_reviewer, False),
    ):
        ws = book.create_sheet(title)
        ws.append([label for _, label in GROUP_COLUMNS])
        for g in groups:
            values = [getattr(g, key) for key, _ in GROUP_COLUMNS]
            if named:
                values[0] = GROUP_LABELS.get(g.group, g.group)
            elif g.name:
                values[0] = f"{g.name}（{g.group}）"  # as the dashboard names them, and unique
            ws.append(xlsx_cells(ws, values))
        format_sheet(
            ws, formats={i: _group_format(k) for i, (k, _) in enumerate(GROUP_COLUMNS, 1) if i > 1}
        )
    book.save(path)


def export(figures: SupervisorFigures, path: Path) -> None:
    """Export by the file's extension: .csv or .xlsx."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        export_csv(figures, path)
    elif suffix == ".xlsx":
        export_xlsx(figures, path)
    else:
        raise ValueError(f"导出格式须为 .csv 或 .xlsx / export to .csv or .xlsx, not {suffix!r}")
