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
from bisect import insort
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import bindparam, func, insert, or_, select, text, update
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

CHUNK = 500  # ids per IN (...) list
OPEN = [s.value for s in OPEN_CASE_STATUSES]
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


def by_time(rep: _Rep) -> tuple:
    """Reports in the order the database's (account or reporter, time) indexes give them."""
    return (rep.received_at, rep.seq)


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


_PLAIN = (str, int, float, bool, type(None))


def _resolve(value):
    """``value`` as the JSON data ``audit.jsonable`` makes, planned reports as their ids."""
    if isinstance(value, _PLAIN) and not isinstance(value, Enum):
        return value
    if isinstance(value, _Rep):
        return value.id
    if isinstance(value, dict):
        return {str(k): _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return jsonable(value)


def _chunks(values: Sequence) -> list[list]:
    values = list(values)
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _new_ids(session: Session, table, n: int) -> list[int]:
    """``n`` fresh ids for ``table``: from its sequence on PostgreSQL; on SQLite after
    the largest id, which is safe because the write lock is held (``BEGIN IMMEDIATE``)."""
    if n == 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return list(
            session.execute(
                text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                     "FROM generate_series(1, :n)"),
                {"n": n},
            ).scalars()
        )  # fmt: skip
    last = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(last + 1, last + 1 + n))


def bulk_insert(session: Session, table, rows: list[dict], *, new_ids: bool = False) -> None:
    """Insert ``rows`` (dicts with the same keys) with one executemany per chunk.

    Values go through each column's own bind processing (UTC datetimes, JSON),
    then straight to the driver.  ``new_ids`` gives every row a fresh ``id``
    first, written back into its dict.
    """
    if not rows:
        return
    if new_ids:
        for row, new_id in zip(rows, _new_ids(session, table, len(rows)), strict=True):
            row["id"] = new_id
    conn = session.connection()
    dialect = conn.dialect
    columns = list(rows[0])
    procs = [table.c[c].type._cached_bind_processor(dialect) for c in columns]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    pairs = list(zip(columns, procs, strict=True))
    for start in range(0, len(rows), 5000):
        params = [
            tuple(p(row[c]) if p is not None else row[c] for c, p in pairs)
            for row in rows[start : start + 5000]
        ]
        conn.exec_driver_sql(sql, params)


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
                select(ReporterCredibility.__table__).where(
                    ReporterCredibility.reporter_id.in_(part)
                )
            ):
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
        bulk_insert(self.session, Reporter.__table__, new, new_ids=True)
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
        """Keep ``rep`` in its account's and its reporter's lists, ordered by time."""
        if rep.reporter_id is not None:
            insort(self.by_pair[(rep.reporter_id, rep.account_id)], rep, key=by_time)
        insort(self.by_account[rep.account_id], rep, key=by_time)

    def _load_cases(self, accounts: list[int], since: datetime) -> None:
        """The open cases a report of this call may join."""
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
        rows = []
        for part in _chunks(accounts):
            rows += self.session.execute(
                select(Case.__table__).where(
                    Case.target_account_id.in_(part),
                    Case.status.in_(OPEN),
                    Case.opened_at >= since,
                    Case.queue != Queue.ESCALATIONS,
                )
            ).all()
        for row in self._adopt(rows):
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
                select(Report.case_id, Report.reporter_id, Report.weight)
                .where(Report.case_id.in_(part))
                .order_by(Report.id)
            ):
                if reporter_id is not None:
                    self.attach(self.cases_by_id[case_id], reporter_id, weight)
        self._load_creds(r for row in adopted for r in self.case_weighted[id(row)])
        accounts = {row["target_account_id"] for row in adopted}
        self._load_grades(accounts)
        self._load_hits(accounts)
        not_dismissed = or_(RuleHit.decision.is_(None), RuleHit.decision != HitDecision.DISMISSED)
        for part in _chunks([row["id"] for row in adopted]):
            for case_id, severity in self.session.execute(
                select(RuleHit.case_id, RuleHit.severity).where(
                    RuleHit.case_id.in_(part), not_dismissed
                )
            ):
                self.case_hits[case_id].append(severity)
        return adopted

    def _expand(self, reporter_ids) -> None:
        """Read the stored open cases these reporters reported, once per reporter."""
        wanted = sorted(r for r in reporter_ids if r not in self.expanded)
        self.expanded.update(wanted)
        rows = []
        for part in _chunks(wanted):
            reported = select(Report.case_id).where(Report.reporter_id.in_(part))
            rows += self.session.execute(
                select(Case.__table__).where(Case.id.in_(reported), Case.status.in_(OPEN))
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
        not_dismissed = or_(RuleHit.decision.is_(None), RuleHit.decision != HitDecision.DISMISSED)
        for part in _chunks(wanted):
            for account_id, severity in self.session.execute(
                select(RuleHit.account_id, RuleHit.severity).where(
                    RuleHit.account_id.in_(part), not_dismissed
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
        self._expand(reporter_ids)
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
        bulk_insert(session, Case.__table__, rows, new_ids=True)
        for case, row in zip(self.new_cases, rows, strict=True):
            case["id"] = row["id"]
            case["clock"]["case_id"] = row["id"]
        bulk_insert(session, Clock.__table__, [c["clock"] for c in self.new_cases])
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
        bulk_insert(session, Report.__table__, reports, new_ids=True)
        evidence = []
        for rep in self.new_reports:
            rep.id = rep.row["id"]
            rep.case_id = rep.case["id"]
            for facts in rep.evidence:
                evidence.append({k: facts.get(k) for k in EVIDENCE_COLUMNS} | {"report_id": rep.id})
        bulk_insert(session, EvidenceAttachment.__table__, evidence)
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
        bulk_insert(self.session, table, new)
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
                before=_resolve(before) if before is not None else None,
                after=_resolve(after) if after is not None else None,
                prev_hash=last_hash,
            )
            event.hash = event_hash(event)
            last_hash = event.hash
            rows.append(event.__dict__)
        bulk_insert(session, AuditEvent.__table__, rows)
        if rows:
            session.execute(
                update(head_table)
                .where(head_table.c.id == 1)
                .values(last_event_id=last_id, last_hash=last_hash)
            )
