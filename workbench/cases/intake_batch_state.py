"""The state a batched intake reads once, keeps in memory and writes back.

See :mod:`workbench.cases.intake_batch`.  :class:`BatchState` loads, for the
accounts and reporters of one call: their open cases (those a report may join
and those a reporter's credibility weighs on), the reports the malicious-report
checks look back on, reporter credibility, rule-hit severities, the
acceptance-stage policies and the calendar; the open cases of a reporter
whose credibility changes are read when that happens.  Writing is in
:mod:`workbench.cases.intake_batch_write`.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Row, or_, select
from sqlmodel import Session, col

from workbench.cases import credibility
from workbench.cases.casework import CASE_FIELDS
from workbench.cases.intake import DEFAULT_JOIN_WINDOW_DAYS, JOIN_WINDOW_SETTING
from workbench.cases.intake_batch_write import PlannedReport, _chunks, bulk_insert, by_time
from workbench.cases.priority import GRADE_POINTS, SEVERITY_POINTS
from workbench.errors import NotFound
from workbench.models import (
    Account,
    Case,
    Report,
    Reporter,
    ReporterCredibility,
    RuleHit,
    TimeLimitPolicy,
)
from workbench.models.base import one_of, table_of
from workbench.models.codes import OPEN_CASE_STATUSES, HitDecision, Queue, Stage
from workbench.settings import get_setting
from workbench.timelimits.calendar import load_snapshot
from workbench.timelimits.policies import load_default_policies, rule_of

OPEN = [s.value for s in OPEN_CASE_STATUSES]
_DECISION = col(RuleHit.decision)
_NOT_DISMISSED = or_(_DECISION.is_(None), _DECISION != HitDecision.DISMISSED)


def _case_state(case: dict) -> dict:
    return {name: case[name] for name in CASE_FIELDS}


def _cred_state(cred: dict) -> dict:
    return {
        "reports_made": cred["reports_made"],
        "upheld": cred["upheld"],
        "declined": cred["declined"],
        "malicious_flags": cred["malicious_flags"],
        "score": round(cred["score"], 4),
    }


def _update(cred: dict, now: datetime) -> None:
    cred["score"] = credibility.score_of(cred["upheld"], cred["declined"], cred["malicious_flags"])
    cred["updated_at"] = now


def _cred_row(cred) -> dict:
    return {
        "reporter_id": cred.reporter_id,
        "reports_made": cred.reports_made,
        "upheld": cred.upheld,
        "declined": cred.declined,
        "malicious_flags": cred.malicious_flags,
        "score": cred.score,
        "updated_at": cred.updated_at,
        "new": False,
    }


def _case_row(case) -> dict:
    row = {name: getattr(case, name) for name in CASE_FIELDS}
    return row | {
        "id": case.id,
        "order": case.id,
        "target_account_id": case.target_account_id,
        "category": case.category,
        "opened_at": case.opened_at,
        "updated_at": case.updated_at,
        "strongest_hit": case.strongest_hit,
        "changed": False,
        "joinable": False,  # read locked, as a case a report of the call may join
    }


class BatchState:
    """What one batched intake call reads once and then keeps in memory.

    Built before intake's lock with what no intake changes (the accounts'
    grades, the settings, the acceptance policies, the calendar); :meth:`load`
    reads the rest once the caller holds the lock.
    """

    def __init__(self, session: Session, items: Sequence, now: datetime):
        self.session = session
        self.dialect = session.get_bind().dialect.name
        self.now = now
        self.events: list[tuple] = []
        self.new_reports: list[PlannedReport] = []
        self.new_cases: list[dict] = []
        self.changed_creds: set[int] = set()
        self.flagged_existing: list[int] = []
        accounts = sorted({i.target_account_id for i in items})
        self.grades: dict[int, str] = {}
        self._load_grades(accounts)
        for account_id in accounts:
            if account_id not in self.grades:
                raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
        self.window = timedelta(
            days=float(get_setting(session, JOIN_WINDOW_SETTING, DEFAULT_JOIN_WINDOW_DAYS))
        )
        self.cred_settings = {k: credibility.setting(session, k) for k in credibility.DEFAULTS}
        self.policies = [
            rule_of(r)
            for r in session.execute(
                select(TimeLimitPolicy).where(col(TimeLimitPolicy.stage) == Stage.ACCEPT)
            ).scalars()
        ]
        self.defaults = load_default_policies()
        self.policy_cache: dict[tuple[str, str, str], object] = {}
        self.snapshot = load_snapshot(session)

    def load(self, items: Sequence) -> None:
        """Read the reporters, reports and open cases ``items`` touch (intake's lock held)."""
        accounts = sorted({i.target_account_id for i in items})
        first = min(i.received_at for i in items)
        last = max(i.received_at for i in items)
        self._load_reporters(items)
        self._load_reports(accounts, first, last)
        self._load_cases(accounts, first - self.window)
        # The stored open cases of every stored reporter a flag of this call can name
        # (its own, and those of the stored reports it looks back on), which the flag
        # re-prioritises: read at once, not reporter by reporter as the flags come.
        self._expand(self.known_reporters)

    def _load_grades(self, accounts) -> None:
        wanted = sorted(set(accounts) - set(self.grades))
        for part in _chunks(wanted):
            for account_id, grade in self.session.execute(
                select(col(Account.id), col(Account.grade)).where(
                    one_of(col(Account.id), part, self.dialect)
                )
            ):
                self.grades[account_id] = grade

    def _load_creds(self, reporter_ids) -> None:
        wanted = sorted(set(reporter_ids) - set(self.creds))
        for part in _chunks(wanted):
            for cred in self.session.execute(
                select(table_of(ReporterCredibility)).where(
                    one_of(col(ReporterCredibility.reporter_id), part, self.dialect)
                )
            ):
                self.creds[cred.reporter_id] = _cred_row(cred)

    def _load_reporters(self, items: Sequence) -> None:
        wanted = sorted({i.reporter_external_id for i in items if i.reporter_external_id})
        self.reporters: dict[str, dict] = {}
        self.first_seen: dict[int, datetime] = {}
        self.creds: dict[int, dict] = {}
        for part in _chunks(wanted):
            for stored in self.session.execute(
                select(
                    col(Reporter.id), col(Reporter.external_id), col(Reporter.first_seen_at)
                ).where(one_of(col(Reporter.external_id), part, self.dialect))
            ):
                self.reporters[stored.external_id] = {"id": stored.id}
                self.first_seen[stored.id] = stored.first_seen_at
        self.known_reporters = set(self.first_seen)
        new: list[dict] = []
        for item in items:  # first appearance creates the reporter, as receive_report does
            ext = item.reporter_external_id
            if ext and ext not in self.reporters:
                row = {
                    "external_id": ext,
                    "name": item.reporter_name,
                    "contact": item.reporter_contact,
                    "first_seen_at": item.received_at,
                }
                self.reporters[ext] = row
                new.append(row)
        bulk_insert(self.session, table_of(Reporter), new, new_ids=True)
        for row in new:
            self.first_seen[row["id"]] = row["first_seen_at"]
        self._load_creds(self.known_reporters)

    def _load_reports(self, accounts: list[int], first: datetime, last: datetime) -> None:
        """The stored reports the malicious-report checks may look back on.

        By this call's reporters on its accounts within the repeat window (for
        repeats), and on its accounts within the burst window (for bursts).
        """
        settings = self.cred_settings
        self.by_pair: dict[tuple[int, int], list[PlannedReport]] = defaultdict(list)
        self.by_account: dict[int, list[PlannedReport]] = defaultdict(list)
        known: dict[int, PlannedReport] = {}
        columns = (
            col(Report.id),
            col(Report.reporter_id),
            col(Report.target_account_id),
            col(Report.received_at),
            col(Report.case_id),
            col(Report.suspected_malicious),
            col(Reporter.first_seen_at),
        )

        def rep_of(row) -> PlannedReport:
            rep = known.get(row.id)
            if rep is None:
                rep = known[row.id] = PlannedReport(
                    row.id,
                    row.reporter_id,
                    row.target_account_id,
                    row.received_at,
                    case_id=row.case_id,
                    suspected=row.suspected_malicious,
                    seq=row.id,
                )
            if row.reporter_id is not None:
                self.first_seen.setdefault(row.reporter_id, row.first_seen_at)
                self.known_reporters.add(row.reporter_id)
            return rep

        in_batch = set(accounts)
        since = first - timedelta(days=settings["credibility.repeat_window_days"])
        for part in _chunks(sorted(self.known_reporters)):
            for row in self.session.execute(
                select(*columns)
                .join(Reporter, col(Reporter.id) == Report.reporter_id)
                .where(
                    one_of(col(Report.reporter_id), part, self.dialect),
                    col(Report.received_at) >= since,
                    col(Report.received_at) <= last,
                )
            ):
                if row.target_account_id in in_batch:
                    insort(
                        self.by_pair[(row.reporter_id, row.target_account_id)],
                        rep_of(row),
                        key=by_time,
                    )
        since = first - timedelta(hours=settings["credibility.burst_hours"])
        for part in _chunks(accounts):
            for row in self.session.execute(
                select(*columns)
                .outerjoin(Reporter, col(Reporter.id) == Report.reporter_id)
                .where(
                    one_of(col(Report.target_account_id), part, self.dialect),
                    col(Report.received_at) >= since,
                    col(Report.received_at) <= last,
                )
            ):
                insort(self.by_account[row.target_account_id], rep_of(row), key=by_time)
        self._load_creds(self.known_reporters)

    def index(self, rep: PlannedReport) -> None:
        """Keep ``rep`` in its account's and its reporter's lists, ordered by time."""
        if rep.reporter_id is not None:
            insort(self.by_pair[(rep.reporter_id, rep.account_id)], rep, key=by_time)
        insort(self.by_account[rep.account_id], rep, key=by_time)

    def _load_cases(self, accounts: list[int], since: datetime) -> None:
        """The open cases a report of this call may join (locked on PostgreSQL)."""
        self.cases_by_id: dict[int, dict] = {}
        self.loaded_cases: list[dict] = []
        self.open_cases: dict[tuple[int, str], list[dict]] = defaultdict(list)
        self.case_reporters: dict[int, set] = {}
        self.case_weighted: dict[int, list] = {}
        self.reporter_cases: dict[int, dict[int, dict]] = defaultdict(dict)
        self.expanded: set[int] = set()
        self.account_hits: dict[int, list[str]] = defaultdict(list)
        self.case_hits: dict[int, list[str]] = defaultdict(list)
        self.hit_accounts: set[int] = set()
        rows: list[Row] = []
        postgresql = self.session.get_bind().dialect.name == "postgresql"
        for part in _chunks(accounts):
            joinable = select(table_of(Case)).where(
                one_of(col(Case.target_account_id), part, self.dialect),
                col(Case.status).in_(OPEN),
                col(Case.opened_at) >= since,
                col(Case.queue) != Queue.ESCALATIONS,
            )
            # A case a report may join is held until commit: a reviewer's change to it
            # waits, and is not overwritten by the version and weight written here.
            rows += self.session.execute(
                joinable.with_for_update() if postgresql else joinable
            ).all()
        for row in self._adopt(rows):
            row["joinable"] = True
            self.open_cases[(row["target_account_id"], row["category"])].append(row)
        self._load_hits(accounts)

    def _adopt(self, case_rows) -> list[dict]:
        """Keep open cases read from the database (those not held yet), with their reports."""
        adopted = []
        for case in case_rows:
            if case.id not in self.cases_by_id:
                row = _case_row(case)
                self.cases_by_id[case.id] = row
                self.case_reporters[id(row)] = set()
                self.case_weighted[id(row)] = []
                adopted.append(row)
        adopted.sort(key=lambda r: r["id"])
        self.loaded_cases += adopted
        for part in _chunks([row["id"] for row in adopted]):
            for case_id, reporter_id, weight in self.session.execute(
                select(col(Report.case_id), col(Report.reporter_id), col(Report.weight))
                .where(one_of(col(Report.case_id), part, self.dialect))
                .order_by(col(Report.id))
            ):
                if reporter_id is not None:
                    self.attach(self.cases_by_id[case_id], reporter_id, weight)
        self._load_creds(r for row in adopted for r in self.case_weighted[id(row)])
        accounts = {row["target_account_id"] for row in adopted}
        self._load_grades(accounts)
        self._load_hits(accounts)
        for part in _chunks([row["id"] for row in adopted]):
            for case_id, severity in self.session.execute(
                select(col(RuleHit.case_id), col(RuleHit.severity)).where(
                    one_of(col(RuleHit.case_id), part, self.dialect), _NOT_DISMISSED
                )
            ):
                self.case_hits[case_id].append(severity)
        return adopted

    def _expand(self, reporter_ids) -> None:
        """Read the stored open cases these reporters reported, once per reporter.

        A reporter this call created has reported nothing stored: no query for it.
        """
        wanted = sorted(r for r in reporter_ids if r not in self.expanded)
        self.expanded.update(wanted)
        wanted = [r for r in wanted if r in self.known_reporters]
        rows: list[Row] = []
        for part in _chunks(wanted):
            reported = select(col(Report.case_id)).where(
                one_of(col(Report.reporter_id), part, self.dialect)
            )
            rows += self.session.execute(
                select(table_of(Case)).where(col(Case.id).in_(reported), col(Case.status).in_(OPEN))
            ).all()
        self._adopt(rows)

    def attach(self, case: dict, reporter_id: int, weight: float) -> None:
        """Note a report by ``reporter_id`` on ``case``."""
        self.case_reporters[id(case)].add(reporter_id)
        if weight > 0:
            self.case_weighted[id(case)].append(reporter_id)
        self.reporter_cases[reporter_id][id(case)] = case

    def _load_hits(self, accounts) -> None:
        wanted = sorted(set(accounts) - self.hit_accounts)
        self.hit_accounts.update(wanted)
        for part in _chunks(wanted):
            for account_id, severity in self.session.execute(
                select(col(RuleHit.account_id), col(RuleHit.severity)).where(
                    one_of(col(RuleHit.account_id), part, self.dialect), _NOT_DISMISSED
                )
            ):
                self.account_hits[account_id].append(severity)

    def cred(self, reporter_id: int) -> dict:
        cred = self.creds.get(reporter_id)
        if cred is None:
            cred = {
                "reporter_id": reporter_id,
                "reports_made": 0,
                "upheld": 0,
                "declined": 0,
                "malicious_flags": 0,
                "score": 0.5,
                "updated_at": self.now,
                "new": True,
            }
            self.creds[reporter_id] = cred
        self.changed_creds.add(reporter_id)
        return cred

    def set_priority(self, case: dict) -> None:
        """The case's priority and strongest hit, as ``priority.case_priority`` gives them."""
        severity, points = None, 0
        account_id = case["target_account_id"]
        for severities in (
            self.account_hits.get(account_id),
            self.case_hits.get(case["id"]) if case["id"] is not None else None,
        ):
            for s in severities or ():
                if SEVERITY_POINTS[s] > points:  # the first of the strongest, as max() gives
                    severity, points = s, SEVERITY_POINTS[s]
        weighted = self.case_weighted[id(case)]
        creds = self.creds
        mean = sum([creds[r]["score"] for r in weighted]) / len(weighted) if weighted else 0.5
        parts = (
            10 * points,
            5 * GRADE_POINTS.get(self.grades.get(account_id, "general"), 0),
            round(4 * mean, 3),
            0.5 * min(case["weight"], 10.0),
        )
        case["priority"] = round(sum(parts), 3)
        case["strongest_hit"] = severity

    def refresh_for_reporters(self, reporter_ids) -> None:
        """Re-prioritise the open cases these reporters reported (their scores changed)."""
        self._expand(reporter_ids)
        cases = {}
        for reporter_id in reporter_ids:
            cases.update(self.reporter_cases.get(reporter_id, {}))
        for case in cases.values():
            self.set_priority(case)
            case["changed"] = True
