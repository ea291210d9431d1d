"""The state a batched intake reads once, keeps in memory and writes back.

See :mod:`workbench.queues.intake_batch`.  :class:`BatchState` loads, for the
accounts and reporters of one call: their open cases (those a report may join
and those a reporter's credibility weighs on), the reports the malicious-report
checks look back on, reporter credibility, rule-hit severities, the
acceptance-stage policies and the calendar.  It then writes new and changed
rows with multi-row statements and appends the audit events to the hash chain.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, or_, select, text, update
from sqlmodel import Session

from workbench.models import (
    Account,
    AuditEvent,
    AuditHead,
    Case,
    Clock,
    EvidenceAttachment,
    Report,
    Reporter,
    ReporterCredibility,
    RuleHit,
    TimeLimitPolicy,
)
from workbench.models.codes import OPEN_CASE_STATUSES, HitDecision, Queue, Stage
from workbench.queues import credibility
from workbench.queues.audit import GENESIS, event_hash, jsonable
from workbench.queues.calendar import get_setting, load_snapshot
from workbench.queues.casework import CASE_FIELDS
from workbench.queues.errors import NotFound
from workbench.queues.intake import DEFAULT_JOIN_WINDOW_DAYS, JOIN_WINDOW_SETTING
from workbench.queues.policies import load_default_policies, rule_of
from workbench.queues.priority import GRADE_POINTS, SEVERITY_POINTS

CHUNK = 500  # ids per IN (...) list, rows per INSERT
CASE_COLUMNS = (
    "queue",
    "status",
    "target_account_id",
    "category",
    "decline_reason",
    "resolution_note",
    "due_at",
    "clock_state",
    "priority",
    "reporter_count",
    "weight",
    "strongest_hit",
    "assignee_id",
    "claimed_until",
    "parent_case_id",
    "version",
    "opened_at",
    "updated_at",
    "closed_at",
)
CASE_UPDATED = ("priority", "strongest_hit", "weight", "reporter_count", "version", "updated_at")
EVIDENCE_COLUMNS = ("path", "sha256", "mime_type", "width", "height", "size_bytes", "problem")
CRED_COLUMNS = (
    "reporter_id",
    "reports_made",
    "upheld",
    "declined",
    "malicious_flags",
    "score",
    "updated_at",
)


@dataclass
class _Rep:
    """A report known to this call: loaded or new."""

    id: int | None
    reporter_id: int | None
    account_id: int
    received_at: datetime
    case: dict | None = None
    case_id: int | None = None
    suspected: bool = False
    new: bool = False
    row: dict = field(default_factory=dict)
    evidence: list = field(default_factory=list)
    joined: bool = False
    counted: bool = True
    seq: int = 0  # the id, or for a new report its place after every stored one


class _Event:
    """An audit event as plain attributes, hashed like ``AuditEvent``."""

    def __init__(self, **fields):
        self.__dict__.update(fields)
        self.hash = ""


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


def _ref(value):
    """The id of a case (dict) or report (_Rep) known by now, or the value itself."""
    if isinstance(value, dict):
        return value["id"]
    if isinstance(value, _Rep):
        return value.id
    return value


def _resolve(value):
    if isinstance(value, _Rep):
        return value.id
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


def _chunks(values: Sequence) -> list[list]:
    values = list(values)
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _insert_returning(session: Session, table, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts) and write each new id back into its dict."""
    for part in _chunks(rows):
        if not part:
            continue
        result = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), part
        )
        for row, new_id in zip(part, result.scalars().all(), strict=True):
            row["id"] = new_id


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


def _case_row(case: Case) -> dict:
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
    }


class BatchState:
    """What one batched intake call reads once and then keeps in memory."""

    def __init__(self, session: Session, items: Sequence, now: datetime):
        self.session = session
        self.now = now
        self.events: list[tuple] = []
        self.new_reports: list[_Rep] = []
        self.new_cases: list[dict] = []
        self.changed_creds: set[int] = set()
        self.flagged_existing: list[int] = []
        accounts = sorted({i.target_account_id for i in items})
        self.grades: dict[int, str] = {}
        self._load_grades(accounts)
        for account_id in accounts:
            if account_id not in self.grades:
                raise NotFound(f"账号 {account_id} 不存在", f"account {account_id} does not exist")
        if session.get_bind().dialect.name == "postgresql":
            keys = sorted(
                {zlib.crc32(f"intake:{i.target_account_id}:{i.category}".encode()) for i in items}
            )
            for part in _chunks(keys):
                session.execute(
                    text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) k"),
                    {"keys": part},
                )
        self.window = timedelta(
            days=float(get_setting(session, JOIN_WINDOW_SETTING, DEFAULT_JOIN_WINDOW_DAYS))
        )
        self.cred_settings = {k: credibility.setting(session, k) for k in credibility.DEFAULTS}
        first = min(i.received_at for i in items)
        last = max(i.received_at for i in items)
        self._load_reporters(items)
        look_back = max(
            timedelta(days=self.cred_settings["credibility.repeat_window_days"]),
            timedelta(hours=self.cred_settings["credibility.burst_hours"]),
        )
        self._load_reports(accounts, first - look_back, last)
        self._load_cases(accounts, first - self.window)
        self._load_hits()
        self.policies = [
            rule_of(r)
            for r in session.execute(
                select(TimeLimitPolicy).where(TimeLimitPolicy.stage == Stage.ACCEPT)
            ).scalars()
        ]
        self.defaults = load_default_policies()
        self.snapshot = load_snapshot(session)

    def _load_grades(self, accounts) -> None:
        wanted = sorted(set(accounts) - set(self.grades))
        for part in _chunks(wanted):
            for account_id, grade in self.session.execute(
                select(Account.id, Account.grade).where(Account.id.in_(part))
            ):
                self.grades[account_id] = grade

    def _load_creds(self, reporter_ids) -> None:
        wanted = sorted(set(reporter_ids) - set(self.creds))
        for part in _chunks(wanted):
            for cred in self.session.execute(
                select(ReporterCredibility).where(ReporterCredibility.reporter_id.in_(part))
            ).scalars():
                self.creds[cred.reporter_id] = _cred_row(cred)

    def _load_reporters(self, items: Sequence) -> None:
        wanted = sorted({i.reporter_external_id for i in items if i.reporter_external_id})
        self.reporters: dict[str, dict] = {}
        self.first_seen: dict[int, datetime] = {}
        self.creds: dict[int, dict] = {}
        for part in _chunks(wanted):
            for row in self.session.execute(
                select(Reporter.id, Reporter.external_id, Reporter.first_seen_at).where(
                    Reporter.external_id.in_(part)
                )
            ):
                self.reporters[row.external_id] = {"id": row.id}
                self.first_seen[row.id] = row.first_seen_at
        self.known_reporters = set(self.first_seen)
        new = []
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
        _insert_returning(self.session, Reporter.__table__, new)
        for row in new:
            self.first_seen[row["id"]] = row["first_seen_at"]
        self._load_creds(self.known_reporters)

    def _load_reports(self, accounts: list[int], since: datetime, until: datetime) -> None:
        self.by_pair: dict[tuple[int, int], list[_Rep]] = defaultdict(list)
        self.by_account: dict[int, list[_Rep]] = defaultdict(list)
        for part in _chunks(accounts):
            for row in self.session.execute(
                select(
                    Report.id,
                    Report.reporter_id,
                    Report.target_account_id,
                    Report.received_at,
                    Report.case_id,
                    Report.suspected_malicious,
                    Reporter.first_seen_at,
                )
                .outerjoin(Reporter, Reporter.id == Report.reporter_id)
                .where(
                    Report.target_account_id.in_(part),
                    Report.received_at >= since,
                    Report.received_at <= until,
                )
                .order_by(Report.id)
            ):
                rep = _Rep(
                    row.id,
                    row.reporter_id,
                    row.target_account_id,
                    row.received_at,
                    case_id=row.case_id,
                    suspected=row.suspected_malicious,
                    seq=row.id,
                )
                self.index(rep)
                if row.reporter_id is not None:
                    self.first_seen.setdefault(row.reporter_id, row.first_seen_at)
                    self.known_reporters.add(row.reporter_id)
        self._load_creds(self.known_reporters)

    def index(self, rep: _Rep) -> None:
        if rep.reporter_id is not None:
            self.by_pair[(rep.reporter_id, rep.account_id)].append(rep)
        self.by_account[rep.account_id].append(rep)

    def _load_cases(self, accounts: list[int], since: datetime) -> None:
        """Open cases a report may join, and open cases of the reporters met so far."""
        open_statuses = [s.value for s in OPEN_CASE_STATUSES]
        by_id: dict[int, dict] = {}
        for part in _chunks(accounts):
            for case in self.session.execute(
                select(Case).where(
                    Case.target_account_id.in_(part),
                    Case.status.in_(open_statuses),
                    Case.opened_at >= since,
                    Case.queue != Queue.ESCALATIONS,
                )
            ).scalars():
                by_id[case.id] = _case_row(case)
        for part in _chunks(sorted(self.known_reporters)):
            reported = select(Report.case_id).where(Report.reporter_id.in_(part))
            for case in self.session.execute(
                select(Case).where(Case.id.in_(reported), Case.status.in_(open_statuses))
            ).scalars():
                by_id.setdefault(case.id, _case_row(case))
        self.loaded_cases = [by_id[k] for k in sorted(by_id)]
        self.open_cases: dict[tuple[int, str], list[dict]] = defaultdict(list)
        self.case_reporters: dict[int, set] = {}
        self.case_weighted: dict[int, list] = {}
        self.reporter_cases: dict[int, dict[int, dict]] = defaultdict(dict)
        in_batch = set(accounts)
        for row in self.loaded_cases:
            self.case_reporters[id(row)] = set()
            self.case_weighted[id(row)] = []
            if row["target_account_id"] in in_batch and row["queue"] != Queue.ESCALATIONS:
                self.open_cases[(row["target_account_id"], row["category"])].append(row)
        for part in _chunks(sorted(by_id)):
            for case_id, reporter_id, weight in self.session.execute(
                select(Report.case_id, Report.reporter_id, Report.weight)
                .where(Report.case_id.in_(part))
                .order_by(Report.id)
            ):
                if reporter_id is not None:
                    self.attach(by_id[case_id], reporter_id, weight)
        self._load_creds(r for row in self.loaded_cases for r in self.case_weighted[id(row)])
        self._load_grades(row["target_account_id"] for row in self.loaded_cases)

    def attach(self, case: dict, reporter_id: int, weight: float) -> None:
        """Note a report by ``reporter_id`` on ``case``."""
        self.case_reporters[id(case)].add(reporter_id)
        if weight > 0:
            self.case_weighted[id(case)].append(reporter_id)
        self.reporter_cases[reporter_id][id(case)] = case

    def _load_hits(self) -> None:
        self.account_hits: dict[int, list[str]] = defaultdict(list)
        self.case_hits: dict[int, list[str]] = defaultdict(list)
        not_dismissed = or_(RuleHit.decision.is_(None), RuleHit.decision != HitDecision.DISMISSED)
        for part in _chunks(sorted(self.grades)):
            for account_id, severity in self.session.execute(
                select(RuleHit.account_id, RuleHit.severity).where(
                    RuleHit.account_id.in_(part), not_dismissed
                )
            ):
                self.account_hits[account_id].append(severity)
        for part in _chunks([row["id"] for row in self.loaded_cases]):
            for case_id, severity in self.session.execute(
                select(RuleHit.case_id, RuleHit.severity).where(
                    RuleHit.case_id.in_(part), not_dismissed
                )
            ):
                self.case_hits[case_id].append(severity)

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
        severities = list(self.account_hits.get(case["target_account_id"], ()))
        if case["id"] is not None:
            severities += self.case_hits.get(case["id"], [])
        severity = max(severities, key=lambda s: SEVERITY_POINTS[s], default=None)
        weighted = self.case_weighted[id(case)]
        mean = sum(self.creds[r]["score"] for r in weighted) / len(weighted) if weighted else 0.5
        parts = (
            10 * SEVERITY_POINTS[severity],
            5 * GRADE_POINTS.get(self.grades.get(case["target_account_id"], "general"), 0),
            round(4 * mean, 3),
            0.5 * min(case["weight"], 10.0),
        )
        case["priority"] = round(sum(parts), 3)
        case["strongest_hit"] = severity

    def refresh_for_reporters(self, reporter_ids) -> None:
        """Re-prioritise the open cases these reporters reported (their scores changed)."""
        cases = {}
        for reporter_id in reporter_ids:
            cases.update(self.reporter_cases.get(reporter_id, {}))
        for case in cases.values():
            self.set_priority(case)
            case["changed"] = True

    # -- writing ---------------------------------------------------------------

    def write(self) -> None:
        session = self.session
        rows = [{k: c[k] for k in CASE_COLUMNS} for c in self.new_cases]
        _insert_returning(session, Case.__table__, rows)
        for case, row in zip(self.new_cases, rows, strict=True):
            case["id"] = row["id"]
            case["clock"]["case_id"] = row["id"]
        for part in _chunks([c["clock"] for c in self.new_cases]):
            session.execute(insert(Clock.__table__), part)
        changed = [c for c in self.loaded_cases if c["changed"]]
        if changed:
            table = Case.__table__
            stmt = (
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({k: bindparam(f"b_{k}") for k in CASE_UPDATED})
            )
            session.execute(
                stmt, [{"b_id": c["id"]} | {f"b_{k}": c[k] for k in CASE_UPDATED} for c in changed]
            )
        reports = []
        for rep in self.new_reports:
            rep.row["case_id"] = rep.case["id"]
            rep.row["suspected_malicious"] = rep.suspected
            reports.append(rep.row)
        _insert_returning(session, Report.__table__, reports)
        evidence = []
        for rep in self.new_reports:
            rep.id = rep.row["id"]
            rep.case_id = rep.case["id"]
            for facts in rep.evidence:
                evidence.append({k: facts.get(k) for k in EVIDENCE_COLUMNS} | {"report_id": rep.id})
        for part in _chunks(evidence):
            session.execute(insert(EvidenceAttachment.__table__), part)
        if self.flagged_existing:
            table = Report.__table__
            for part in _chunks(sorted(set(self.flagged_existing))):
                session.execute(
                    update(table).where(table.c.id.in_(part)).values(suspected_malicious=True)
                )
        self._write_credibility()

    def _write_credibility(self) -> None:
        table = ReporterCredibility.__table__
        new, old = [], []
        for reporter_id in sorted(self.changed_creds):
            cred = self.creds[reporter_id]
            row = {k: cred[k] for k in CRED_COLUMNS}
            (new if cred["new"] else old).append(row)
        for part in _chunks(new):
            self.session.execute(insert(table), part)
        if old:
            stmt = (
                update(table)
                .where(table.c.reporter_id == bindparam("b_reporter_id"))
                .values({k: bindparam(f"b_{k}") for k in CRED_COLUMNS if k != "reporter_id"})
            )
            self.session.execute(stmt, [{f"b_{k}": v for k, v in row.items()} for row in old])

    def write_audit(self) -> None:
        """Append the planned events to the hash chain, in the order they happened."""
        session = self.session
        head_table = AuditHead.__table__
        stmt = select(head_table.c.last_event_id, head_table.c.last_hash).where(
            head_table.c.id == 1
        )
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        head = session.execute(stmt).first()
        if head is None:
            session.execute(insert(head_table).values(id=1, last_event_id=None, last_hash=GENESIS))
            last_id, last_hash = 0, GENESIS
        else:
            last_id, last_hash = head.last_event_id or 0, head.last_hash
        rows = []
        for (
            actor,
            action,
            entity,
            entity_ref,
            case,
            account_id,
            before,
            after,
            reason,
            at,
        ) in self.events:
            last_id += 1
            event = _Event(
                id=last_id,
                occurred_at=at,
                actor_id=actor.id if actor is not None else None,
                action=action,
                entity=entity,
                entity_id=_ref(entity_ref),
                case_id=_ref(case),
                account_id=account_id,
                reason=reason,
                before=jsonable(before) if before is not None else None,
                after=jsonable(_resolve(after)) if after is not None else None,
                prev_hash=last_hash,
            )
            event.hash = event_hash(event)
            last_hash = event.hash
            rows.append(event.__dict__)
        for part in _chunks(rows):
            session.execute(insert(AuditEvent.__table__), part)
        if rows:
            session.execute(
                update(head_table)
                .where(head_table.c.id == 1)
                .values(last_event_id=last_id, last_hash=last_hash)
            )
