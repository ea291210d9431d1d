"""Intake (受理前): the one path by which reports and complaints become cases.

:func:`receive_reports` files a sequence of reports in order, one or a hundred
thousand; :func:`receive_report` files one through it (a reviewer's entry, the
platform's single report).  The rules of filing are in
:mod:`workbench.cases.intake`: a report joins the open case on the same
account and category opened within the join window or opens one in its
channel's queue with its acceptance clock running; a second report from the
same reporter on a case carries no weight; reporter credibility and the
malicious-report flags are kept; intake is idempotent by external id.

A call reads what it needs once (reports, reporters, open cases, rule hits,
policies, the calendar), decides each report in memory as if the reports had
come one by one, then writes each table at once (:mod:`.intake_batch_write`).
Only the reading of reporters, reports and open cases and the writing happen
under intake's lock; a batch sent again finds its reports filed before it.

``received_at`` dates reports and cases and is checked for plausibility; the
audit events are written at the writer's clock, never at ``received_at``.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from workbench.access.auth import Actor, require_role
from workbench.cases.casework import hold_intake, now_or
from workbench.cases.intake import (
    INTAKE_ROLES,
    ReceivedWindow,
    ReportInput,
    check_received_at,
    checked_input,
    describe_file,
    queue_for,
    received_window,
)
from workbench.cases.intake_batch_state import (
    BatchState,
    PlannedReport,
    _case_state,
    _chunks,
    _cred_state,
    _update,
    by_time,
)
from workbench.cases.intake_batch_write import write_audit, write_rows
from workbench.cases.referrals import may_join
from workbench.errors import NotFound
from workbench.models import AuditHead, Case, Report, ReporterCredibility
from workbench.models.base import one_of, saved
from workbench.models.codes import ClockState, Role, Stage
from workbench.timelimits.deadlines import compute_due
from workbench.timelimits.policies import select_policy


@dataclass(frozen=True)
class BatchResult:
    """What became of one input: its report and case ids, as ``IntakeResult`` says."""

    external_id: str
    report_id: int
    case_id: int
    joined: bool
    counted: bool
    existing: bool = False


def _between(reps: list[PlannedReport], since: datetime, until: datetime) -> list[PlannedReport]:
    """The reports of a time-ordered list received in [since, until]."""
    lo = bisect_left(reps, (since, -1), key=by_time)
    hi = bisect_right(reps, (until, math.inf), key=by_time)
    return reps[lo:hi]


class _Batch(BatchState):
    """Decides each report as ``receive_report`` would, against the loaded state."""

    #: When the audit events of a report are written: the call's ``now``, or per
    #: report for a simulated writer (the demo).
    written_at: Callable[[ReportInput], datetime] | None = None

    def _policy(self, queue: str, category: str, grade: str):
        cached = self.policy_cache.get((queue, category, grade))
        if cached is not None:
            return cached
        key = {"stage": Stage.ACCEPT.value, "queue": queue, "category": category, "grade": grade}
        found = select_policy(self.policies, **key) or select_policy(self.defaults, **key)
        if found is None:
            raise NotFound(
                f"阶段 {Stage.ACCEPT.value} 没有处理时限",
                f"no time limit is defined for the stage {Stage.ACCEPT.value}",
            )
        self.policy_cache[(queue, category, grade)] = found
        return found

    def open_case(self, actor: Actor | None, item: ReportInput, written: datetime) -> dict:
        at = item.received_at
        queue = queue_for(item.kind, item.channel).value
        case: dict[str, Any] = {
            "id": None,
            "order": 10**15 + len(self.new_cases),
            "queue": queue,
            "status": "received",
            "decline_reason": None,
            "resolution_note": None,
            "assignee_id": None,
            "claimed_until": None,
            "priority": 0.0,
            "weight": 0.0,
            "reporter_count": 0,
            "version": 1,
            "target_account_id": item.target_account_id,
            "category": item.category,
            "opened_at": at,
            "updated_at": at,
            "strongest_hit": None,
            "parent_case_id": None,
            "closed_at": None,
            "changed": True,
        }
        self.case_reporters[id(case)] = set()
        self.case_weighted[id(case)] = []
        grade = self.grades[item.target_account_id]
        policy = self._policy(queue, item.category, grade)
        due = compute_due(at, policy.amount, policy.unit, self.snapshot)
        case["due_at"], case["clock_state"] = due.at, ClockState.RUNNING.value
        case["clock"] = {
            "case_id": None,
            "appeal_id": None,
            "correction_order_id": None,
            "stage": Stage.ACCEPT.value,
            "policy_id": policy.policy_id,
            "policy_version": policy.version,
            "calendar_version": self.snapshot.version,
            "amount": policy.amount,
            "unit": policy.unit,
            "started_at": at,
            "due_at": due.at,
            "provisional": due.provisional,
            "paused_seconds": 0,
            "paused_since": None,
            "state": ClockState.RUNNING.value,
            "met_at": None,
            "breached_at": None,
            "warning_level": 0,
            "assignee_id": None,
        }
        self.set_priority(case)
        self.new_cases.append(case)
        self.open_cases[(item.target_account_id, item.category)].append(case)
        after = _case_state(case) | {"category": item.category, "parent_case_id": None}
        self.events.append(
            (actor, "case.open", "case", case, case, item.target_account_id, None, after, None,
             written)
        )  # fmt: skip
        return case

    def _flag(self, reps: list[PlannedReport], why: str, now: datetime) -> list[PlannedReport]:
        flagged = []
        for rep in reps:
            if rep.suspected:
                continue
            rep.suspected = True
            if not rep.new:
                self.flagged_existing.append(saved(rep.id))
            if rep.reporter_id is not None:
                cred = self.cred(rep.reporter_id)
                before = _cred_state(cred)
                cred["malicious_flags"] += 1
                _update(cred, now)
                after = _cred_state(cred) | {"report_id": rep}
                self.events.append(
                    (None, "reporter.flag", "reporter", rep.reporter_id, rep.case or rep.case_id,
                     rep.account_id, before, after, why, now)
                )  # fmt: skip
            flagged.append(rep)
        self.refresh_for_reporters({r.reporter_id for r in reps if r.reporter_id is not None})
        return flagged

    def note_report(self, rep: PlannedReport, now: datetime) -> list[PlannedReport]:
        settings = self.cred_settings
        if rep.reporter_id is not None:
            cred = self.cred(rep.reporter_id)
            cred["reports_made"] += 1
            _update(cred, now)
        flagged: list[PlannedReport] = []
        at = rep.received_at
        if rep.reporter_id is not None:
            since = at - timedelta(days=settings["credibility.repeat_window_days"])
            repeats = _between(self.by_pair[(rep.reporter_id, rep.account_id)], since, at)
            if len(repeats) >= settings["credibility.repeat_threshold"]:
                flagged += self._flag(
                    repeats,
                    f"同一举报人 {len(repeats)} 次举报同一账号 / one reporter reported the same "
                    f"account {len(repeats)} times",
                    now,
                )
        since = at - timedelta(hours=settings["credibility.burst_hours"])
        recent = _between(self.by_account[rep.account_id], since, at)
        threshold = settings["credibility.burst_threshold"]
        if len(recent) < threshold:  # fewer reports than the burst needs reporters
            return flagged
        new_after = at - timedelta(days=settings["credibility.new_reporter_days"])
        burst = [
            r
            for r in recent
            if r.reporter_id is not None and self.first_seen[r.reporter_id] >= new_after
        ]
        new_reporters = {r.reporter_id for r in burst}
        if len(new_reporters) >= threshold:
            flagged += self._flag(
                burst,
                f"{len(new_reporters)} 个新举报人短时间内集中举报同一账号 / {len(new_reporters)} "
                "new reporters reported the same account in a burst",
                now,
            )
        return flagged

    def receive(self, actor: Actor | None, item: ReportInput) -> PlannedReport:
        at = item.received_at
        written = self.now if self.written_at is None else self.written_at(item)
        ext = item.reporter_external_id
        reporter_id = self.reporters[ext]["id"] if ext else None
        since = at - self.window
        candidates = [
            c
            for c in self.open_cases.get((item.target_account_id, item.category), ())
            if c["opened_at"] >= since and may_join(c["queue"], item.channel)
        ]
        case = max(candidates, key=lambda c: (c["opened_at"], c["order"]), default=None)
        joined = case is not None
        if case is None:
            case = self.open_case(actor, item, written)
        repeat = reporter_id is not None and reporter_id in self.case_reporters[id(case)]
        weight = 0.0 if repeat else 1.0
        rep = PlannedReport(None, reporter_id, item.target_account_id, at, case=case, new=True)
        rep.seq = 10**15 + len(self.new_reports)
        rep.row = {
            "external_id": item.external_id,
            "kind": item.kind,
            "channel": item.channel,
            "reporter_id": reporter_id,
            "target_account_id": item.target_account_id,
            "category": item.category,
            "text": item.text,
            "weight": weight,
            "received_at": at,
            "created_at": self.now,
        }
        rep.evidence = [describe_file(p) for p in item.evidence_paths]
        rep.joined, rep.counted = joined, not repeat
        self.index(rep)
        self.new_reports.append(rep)
        if reporter_id is not None:
            self.attach(case, reporter_id, weight)
        flagged = self.note_report(rep, written)
        before = _case_state(case)
        case["weight"] += weight
        if not repeat:
            case["reporter_count"] += 1
        self.set_priority(case)
        if joined:
            case["version"] += 1
            case["updated_at"] = at
        case["changed"] = True
        after = _case_state(case) | {
            "report": {
                "external_id": item.external_id,
                "kind": item.kind,
                "channel": item.channel,
                "weight": weight,
            },
            "joined": joined,
            "evidence": [
                {"sha256": e.get("sha256"), "problem": e.get("problem")} for e in rep.evidence
            ],
            "flagged_reports": flagged,
        }
        self.events.append(
            (actor, "report.receive", "report", rep, case, item.target_account_id, before, after,
             None, written)
        )  # fmt: skip
        return rep


PROGRESS_EVERY = 5000  # reports decided between two progress calls


def receive_reports(
    session: Session,
    actor: Actor | None,
    items: Sequence[ReportInput],
    *,
    progress: Callable[[str, int], None] | None = None,
    now: datetime | None = None,
    written_at: Callable[[ReportInput], datetime] | None = None,
) -> list[BatchResult]:
    """File ``items`` in order, as one ``receive_report`` call each; one result per item.

    A report whose external id is already known is not filed again (its
    result says ``existing``), also when the same id comes twice in ``items``.
    ``actor`` None is channel intake and import; a reviewer must be a moderator
    or supervisor, as for ``receive_report``.  ``progress("decided", n)`` is
    called every :data:`PROGRESS_EVERY` new reports decided, and
    ``progress("writing", n)`` before the rows are written; an exception it
    raises ends the call with nothing written by it.

    The audit events are written at ``now`` (the current instant unless a test
    simulates it); ``written_at(item)`` instead gives each report's own writer's
    clock, for demo data simulating a platform that received them over time.
    A ``received_at`` outside the plausible window of that clock (see
    :func:`workbench.cases.intake.received_window`) refuses the whole call.
    """
    if actor is not None:
        require_role(actor, *INTAKE_ROLES, Role.PLATFORM)  # or the platform's API client
    now = now_or(now)
    checked = [checked_input(i) for i in items]
    if not checked:
        return []
    window = received_window(session, now)
    for item in checked:
        if written_at is not None:
            window = ReceivedWindow.at(written_at(item), window.max_age_days)
        check_received_at(window, item.received_at, report=item.external_id)
    session.flush()
    # Before intake's lock: a batch sent again finds its reports filed and waits for nothing.
    known = _known(session, {i.external_id for i in checked})
    fresh, first = _first_of_each(checked, known)
    reps: list[PlannedReport] = []
    if fresh:
        batch = _Batch(session, fresh, now)  # what no intake changes, read before the lock
        batch.written_at = written_at
        hold_intake(session)  # one intake at a time: joins and new reporters never race
        late = _known(session, set(first))  # filed by another intake while this one waited
        if late:
            known |= late
            fresh, first = _first_of_each(checked, known)
    if fresh:
        batch.load(fresh)
        for n, item in enumerate(fresh, 1):
            reps.append(batch.receive(actor, item))
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress("decided", n)
        if progress is not None:
            progress("writing", len(fresh))
        write_rows(batch)
        write_audit(batch)
        _expire_written(session)
    results = []
    seen: set[str] = set()
    for item in checked:
        ext = item.external_id
        if ext in known:
            report_id, case_id, counted = known[ext]
            results.append(BatchResult(ext, report_id, case_id, False, counted, True))
            continue
        rep = reps[first[ext]]
        again = ext in seen
        seen.add(ext)
        results.append(
            BatchResult(
                ext,
                saved(rep.id),
                saved(rep.case_id),
                rep.joined and not again,
                rep.counted,
                again,
            )
        )
    return results


def _known(session: Session, external_ids: set[str]) -> dict[str, tuple[int, int, bool]]:
    """The reports filed under these external ids: (report id, case id, counted)."""
    known: dict[str, tuple[int, int, bool]] = {}
    for part in _chunks(sorted(external_ids)):
        for report_id, external_id, case_id, weight in session.execute(
            select(
                col(Report.id), col(Report.external_id), col(Report.case_id), col(Report.weight)
            ).where(one_of(col(Report.external_id), part, session.get_bind().dialect.name))
        ):
            known[external_id] = (report_id, case_id, weight > 0)
    return known


def _first_of_each(
    checked: list[ReportInput], known: dict
) -> tuple[list[ReportInput], dict[str, int]]:
    """The reports to file (the first of each external id not filed yet), and where each is."""
    fresh: list[ReportInput] = []
    first: dict[str, int] = {}
    for item in checked:
        if item.external_id not in known and item.external_id not in first:
            first[item.external_id] = len(fresh)
            fresh.append(item)
    return fresh, first


#: What the batch writes past the session (cases, reports, credibility, SQLite's chain head).
_WRITTEN = (Case, Report, ReporterCredibility, AuditHead)


def _expire_written(session: Session) -> None:
    """Have the session read again the rows of the tables written past it; other rows it
    holds (the caller's) stay as they are."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, _WRITTEN):
            session.expire(obj)


@dataclass(frozen=True)
class IntakeResult:
    """One report filed by :func:`receive_report`, with its case, as the session holds them."""

    report: Report
    case: Case
    joined: bool  # joined an existing case
    counted: bool  # carries weight (not a repeat from the same reporter)
    existing: bool = False  # the report was already received (same external id)


def receive_report(
    session: Session,
    actor: Actor | None,
    *,
    external_id: str,
    kind: str,
    channel: str,
    target_account_id: int,
    category: str,
    text: str = "",
    reporter_external_id: str | None = None,
    reporter_name: str = "",
    reporter_contact: str | None = None,
    evidence_paths: Iterable[str] = (),
    received_at: datetime,
    now: datetime | None = None,
) -> IntakeResult:
    """Record a report or complaint and file it on a case (new or joined):
    :func:`receive_reports` with this one report.

    ``actor`` is None when the report arrives through a channel (import, the
    platform's form), else the moderator or supervisor entering it (or the
    platform's API client).  ``received_at`` dates the report and the case; the
    audit events are written at ``now`` (the current instant; tests and the demo
    simulate it).
    """
    item = ReportInput(
        external_id=external_id,
        kind=kind,
        channel=channel,
        target_account_id=target_account_id,
        category=category,
        received_at=received_at,
        text=text,
        reporter_external_id=reporter_external_id,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        evidence_paths=tuple(evidence_paths),
    )
    (result,) = receive_reports(session, actor, [item], now=now)
    report, case = session.get(Report, result.report_id), session.get(Case, result.case_id)
    assert report is not None and case is not None
    return IntakeResult(report, case, result.joined, result.counted, result.existing)
