"""Moving the demo's cases through their lifecycle with the workflow services.

Each case gets a target state from its age (recent cases are still open and
running against their deadlines, older ones mostly finished, a few left open
and breached), and is walked there step by step at plausible times, so every
change is audited exactly as a reviewer's would be.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, select

from workbench.cases import screening, transitions
from workbench.demo.setup import Staff
from workbench.demo.timeline import FINISHED_AFTER, WorkingTime
from workbench.measures import measures as measure_service
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.models import Case, Measure, RuleHit
from workbench.models.base import saved
from workbench.models.codes import (
    REPORT_CATEGORY_BASIS,
    SEVERE_MEASURES,
    DeclineReason,
    MeasureCode,
)
from workbench.replies import replies

STATES = (
    "received",
    "accepted",
    "screening",
    "disposed",
    "no_violation",
    "declined",
    "replied",
    "closed",
)
ROUTES = ("disposed", "no_violation", "declined")
DECISIONS = ("decline", "disposed", "no_violation")
# Target states by the case's age in working days (see demo/timeline.py): (states, weights).
YOUNG = ((0, 1), (("received", 60), ("accepted", 25), ("screening", 15)))
MIDDLE = (
    (1, 4),
    (
        ("received", 18),
        ("accepted", 18),
        ("screening", 18),
        ("disposed", 10),
        ("no_violation", 6),
        ("declined", 10),
        ("replied", 12),
        ("closed", 8),
    ),
)
OLD = (
    (4, FINISHED_AFTER),
    (
        ("received", 1),
        ("accepted", 1),
        ("screening", 2),
        ("disposed", 2),
        ("no_violation", 1),
        ("declined", 3),
        ("replied", 20),
        ("closed", 70),
    ),
)
FINISHED = ((FINISHED_AFTER, 10**6), (("replied", 25), ("closed", 75)))
OPEN_TARGETS = ("received", "accepted", "screening", "disposed", "no_violation", "declined")
# Working hours between steps (low, high), before fitting into the case's age.
GAPS = {
    "accept": (2, 30),
    "decline": (1, 30),
    "screen": (1, 20),
    "disposed": (2, 60),
    "no_violation": (2, 40),
    "reply": (1, 20),
    "close": (2, 48),
}
MEASURE_PARAMS: dict[MeasureCode, dict[str, object]] = {
    MeasureCode.CORRECT_BY_DEADLINE: {
        "deadline_days": 5,
        "required": "删除简介中的联系方式",
    },
    MeasureCode.RESTRICT_FUNCTIONS: {"functions": ["post", "message"], "days": 30},
    MeasureCode.SUSPEND: {"days": 7},
    MeasureCode.SUSPEND_UPDATES: {"days": 15},
    MeasureCode.STOP_ADS: {"days": 30},
}
MEASURE_REASONS = {
    MeasureCode.WARN: "首次违规，予以警示",
    MeasureCode.CORRECT_BY_DEADLINE: "账号信息违规，限期改正",
    MeasureCode.RESTRICT_FUNCTIONS: "多次违规，限制发布与私信",
    MeasureCode.SUSPEND: "情节较重，暂停使用",
    MeasureCode.SUSPEND_UPDATES: "反复修改为违规信息",
    MeasureCode.STOP_ADS: "违规广告引流",
    MeasureCode.CLOSE: "情节严重，关闭账号",
    MeasureCode.BLACKLIST: "恶意注册、屡教不改",
    MeasureCode.BAN_REREGISTRATION: "关闭后禁止重新注册",
    MeasureCode.DOWNGRADE_CREDIT: "发布不实信息，降低信用等级",
}


@dataclass
class CaseJob:
    case_id: int
    opened_at: datetime
    category: str
    violating: bool
    target: str = "received"
    route: str | None = None  # how a finished case ended: disposed | no_violation | declined
    last_report_at: datetime | None = None


@dataclass
class WorkflowStats:
    states: Counter = field(default_factory=Counter)
    measures: Counter = field(default_factory=Counter)
    approvals: Counter = field(default_factory=Counter)


def basis_of(category: str) -> str:
    return REPORT_CATEGORY_BASIS.get(category) or "2022/8(8)"


def choose_targets(
    jobs: list[CaseJob], rng: random.Random, now: datetime, clock: WorkingTime | None = None
) -> None:
    """Give each case a target state by its age in working days; the oldest few are set so
    every state and route occurs (the open ones among cases young enough to be open)."""
    clock = clock or WorkingTime()
    ages = {job.case_id: clock.age(job.opened_at, now) for job in jobs}
    for job in jobs:
        age = ages[job.case_id]
        band = next(b for b in (YOUNG, MIDDLE, OLD, FINISHED) if b[0][0] <= age < b[0][1])
        states, weights = zip(*band[1], strict=True)
        job.target = rng.choices(states, weights=weights)[0]
    forced = [
        ("closed", "disposed"),
        ("closed", "no_violation"),
        ("closed", "declined"),
        ("replied", "disposed"),
        ("replied", "no_violation"),
        ("replied", "declined"),
        ("disposed", None),
        ("no_violation", None),
        ("declined", None),
        ("received", None),
        ("accepted", None),
        ("screening", None),
    ] + [("disposed", None)] * 8  # enough disposals for every measure code
    oldest = sorted(jobs, key=lambda j: (not j.violating, j.opened_at))
    finished = [j for j in oldest if ages[j.case_id] >= FINISHED_AFTER] or oldest
    recent = [j for j in oldest if ages[j.case_id] < FINISHED_AFTER] or oldest
    taken: set[int] = set()
    for target, route in forced:
        pool = recent if target in OPEN_TARGETS else finished
        chosen = next((j for j in pool if j.case_id not in taken), None)
        if chosen is None:
            continue
        taken.add(chosen.case_id)
        chosen.target, chosen.route = target, route
    for job in jobs:
        if job.target in ROUTES:
            job.route = job.target
        elif job.target in ("replied", "closed") and job.route is None:
            if job.violating:
                job.route = "disposed" if rng.random() < 0.8 else "no_violation"
            else:
                job.route = "declined" if rng.random() < 0.55 else "no_violation"


def steps_for(job: CaseJob) -> list[str]:
    target = job.target
    if target in ("received", "accepted", "screening"):
        return ["accept", "screen"][: STATES.index(target)]
    route = job.route or target
    steps = ["decline"] if route == "declined" else ["accept", "screen", route]
    if target in ("replied", "closed"):
        steps.append("reply")
    if target == "closed":
        steps.append("close")
    return steps


def _lay(start: datetime, gaps: list[float], now: datetime, clock: WorkingTime) -> list[datetime]:
    """Steps ``gaps`` working hours apart after ``start``, squeezed to end before ``now``."""
    room = clock.age(start, now) * 24 * 0.9
    scale = min(1.0, room / sum(gaps)) if gaps else 1.0
    out, at = [], start
    for gap in gaps:
        at = min(clock.later(at, max(gap * scale, 0.001)), now - timedelta(seconds=1))
        out.append(at)
    return out


def schedule(
    job: CaseJob,
    steps: list[str],
    rng: random.Random,
    now: datetime,
    clock: WorkingTime | None = None,
) -> list[datetime]:
    """Times for ``steps`` after the case opened, squeezed to end before ``now``.

    The decision (decline, disposal, no violation) and what follows come after
    the last report joined the case, so every reporter is answered.
    """
    clock = clock or WorkingTime()
    gaps = [rng.uniform(*GAPS[s]) for s in steps]
    times = _lay(job.opened_at, gaps, now, clock)
    decisive = next((i for i, s in enumerate(steps) if s in DECISIONS), None)
    if decisive is not None and job.last_report_at and times[decisive] <= job.last_report_at:
        times[decisive:] = _lay(job.last_report_at, gaps[decisive:], now, clock)
    return times


class Mover:
    """Walks cases to their targets with the services, as the demo's reviewers."""

    def __init__(self, staff: Staff, rng: random.Random, now: datetime):
        self.staff = staff
        self.rng = rng
        self.now = now
        self.clock = WorkingTime()
        self.codes = itertools.cycle(list(MeasureCode))
        self.declines = itertools.cycle(list(DeclineReason))
        self.severe_seen: Counter[str] = Counter()
        self.stats = WorkflowStats()

    def moderator(self, case_id: int):
        return self.staff.moderators[case_id % len(self.staff.moderators)]

    def _measures(self, case: Case) -> list[MeasureSpec]:
        count = 1 if self.rng.random() < 0.7 else 2
        codes: list[MeasureCode] = []
        while len(codes) < count:
            code = next(self.codes)
            if code not in codes:
                codes.append(code)
        return [
            MeasureSpec(code.value, "", MEASURE_REASONS[code], dict(MEASURE_PARAMS.get(code, {})))
            for code in codes
        ]

    def _approve(self, session: Session, measure: Measure, at: datetime, *, settle: bool) -> None:
        """Severe measures: some left pending, most approved, a few rejected.

        ``settle``: the case goes on to its reply, which waits for the approval.
        """
        n = self.severe_seen[measure.code]
        self.severe_seen[measure.code] += 1
        if n % 4 == 1 and not settle:
            self.stats.approvals["pending"] += 1
            return
        approve = n % 4 != 3
        supervisor = self.staff.supervisors[n % len(self.staff.supervisors)]
        measure_service.approve_measure(
            session,
            supervisor,
            saved(measure.id),
            approve=approve,
            reason="同意，依规处置" if approve else "证据不足，改为警示",
            now=min(
                at + timedelta(hours=self.rng.uniform(0.1, 1)), self.now - timedelta(minutes=1)
            ),
        )
        self.stats.approvals["approved" if approve else "rejected"] += 1

    def advance(self, session: Session, job: CaseJob) -> None:
        steps = steps_for(job)
        times = schedule(job, steps, self.rng, self.now, self.clock)
        actor = self.moderator(job.case_id)
        case = session.get_one(Case, job.case_id)
        for step, at in zip(steps, times, strict=True):
            v = case.version
            if step == "accept":
                transitions.accept_case(session, actor, saved(case.id), expected_version=v, now=at)
            elif step == "decline":
                transitions.decline_case(
                    session,
                    actor,
                    saved(case.id),
                    expected_version=v,
                    reason_code=next(self.declines).value,
                    note="",
                    now=at,
                )
            elif step == "screen":
                self._screen(session, actor, case, job, at)
            elif step == "disposed":
                taken = measure_service.apply_measure(
                    session,
                    actor,
                    saved(case.id),
                    expected_version=v,
                    measures=self._measures(case),
                    reason="查证属实",
                    now=at,
                )
                for m in taken:
                    self.stats.measures[m.code] += 1
                    if m.code in SEVERE_MEASURES:
                        self._approve(session, m, at, settle=job.target != "disposed")
            elif step == "no_violation":
                transitions.find_no_violation(
                    session,
                    actor,
                    saved(case.id),
                    expected_version=v,
                    reason="经核查未发现违规",
                    now=at,
                )
            elif step == "reply":
                replies.reply_to_reporters(
                    session, actor, saved(case.id), expected_version=v, now=at
                )
            elif step == "close":
                transitions.close_case(session, actor, saved(case.id), expected_version=v, now=at)
        self.stats.states[case.status] += 1

    def _screen(self, session: Session, actor, case: Case, job: CaseJob, at: datetime) -> None:
        upheld = (job.route or job.target) == "disposed" or (
            job.target == "screening" and job.violating
        )
        hits = session.exec(select(RuleHit.id).where(RuleHit.case_id == case.id)).all()
        decision = "accepted" if upheld else "dismissed"
        findings = (
            [(case.category, basis_of(case.category), "截图与账号信息一致")] if upheld else []
        )
        screening.record_findings(
            session,
            actor,
            saved(case.id),
            expected_version=case.version,
            findings=findings,
            hit_decisions={saved(h): decision for h in hits},
            notes="" if upheld else "举报内容与账号信息不符",
            now=at,
        )
