"""Retention (2017/16): removing case records and audit events older than a date.

Audit events and case records are kept at least :data:`RETENTION_DAYS` days;
a purge before a later date is refused.  A purge removes

* every case closed before the date, with what belongs to it: its reports and
  their evidence, findings, rule hits, clocks (with pauses and extensions),
  replies, measures with their appeals and correction orders (and theirs);
  a case whose measure is still in force or awaiting approval, or whose
  appeal or correction order is still open, is kept whole;
* the audit events written before the date, as the oldest part of the
  chain: every event older than the first one written on or after the date.
  Event times are when the workbench wrote them (never a time from input),
  but writers' clocks differ a little and databases written by older
  versions carry times from input, so a purge never removes an event with a
  later one kept before it: the chain stays whole from the first event kept.

Rows elsewhere that merely point at a removed row (a later case's parent,
a superseding measure, a change request's correction order) keep their own
data and lose the link.  Everything removed is first written to an export
file (JSON Lines or XLSX); only after the file is complete is anything
deleted, all in one transaction, which also records the purge in the audit
log.  ``workbench audit verify`` still passes: the chain is checked from
the first event kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Table, delete, func, select, text, update
from sqlmodel import Session, col

from workbench.access.auth import Actor, require_role
from workbench.access.reveal import mask_row
from workbench.errors import ValidationError
from workbench.models import SHANGHAI, AuditEvent, metadata
from workbench.models.codes import (
    OPEN_APPEAL_STATUSES,
    CaseStatus,
    CorrectionStatus,
    MeasureStatus,
    Role,
)
from workbench.records import audit
from workbench.spreadsheet import xlsx_cells

RETENTION_DAYS = 183
CHUNK = 500
# Foreign keys by which a row belongs to (is removed with) the row it points at.
OWNED_BY = {
    ("measure", "case_id"),
    ("finding", "case_id"),
    ("report", "case_id"),
    ("correction_order", "case_id"),
    ("correction_order", "measure_id"),
    ("appeal", "measure_id"),
    ("evidence_attachment", "report_id"),
    ("clock", "case_id"),
    ("clock", "appeal_id"),
    ("clock", "correction_order_id"),
    ("clock_extension", "clock_id"),
    ("clock_pause", "clock_id"),
    ("reply", "case_id"),
    ("reply", "report_id"),
    ("reply", "measure_id"),
    ("reply", "appeal_id"),
    ("rule_hit", "case_id"),
    ("internal_note", "case_id"),
}
LIVE_MEASURES = (MeasureStatus.IN_EFFECT.value, MeasureStatus.PENDING_APPROVAL.value)


@dataclass
class PurgePlan:
    """What a purge before ``cutoff`` removes: ids per table, and audit events."""

    cutoff: datetime
    ids: dict[str, set[int]] = field(default_factory=dict)
    audit_events: int = 0
    audit_before_id: int = 0  # audit events with a smaller id are removed
    kept_cases: int = 0  # closed before the cutoff but still in force somewhere

    def counts(self) -> dict[str, int]:
        out = {name: len(ids) for name, ids in sorted(self.ids.items()) if ids}
        out["audit_event"] = self.audit_events
        return out


def cutoff_of(before: date, *, now: datetime) -> datetime:
    """Beijing midnight starting ``before``; refused when younger than the retention floor."""
    cutoff = datetime.combine(before, time(), SHANGHAI)
    floor = now - timedelta(days=RETENTION_DAYS)
    if cutoff > floor:
        earliest = (floor.astimezone(SHANGHAI)).date()
        raise ValidationError(
            f"记录须保存至少 {RETENTION_DAYS} 天（六个月），最晚只能清除 {earliest} 之前的记录",
            f"records are kept at least {RETENTION_DAYS} days (2017/16): the latest date a purge "
            f"may use is {earliest}, not {before}",
        )
    return cutoff


def _table(name: str) -> Table:
    return metadata.tables[name]


def _ids(session: Session, table: Table, column: str, values: set[int]) -> set[int]:
    found: set[int] = set()
    ordered = sorted(values)
    for i in range(0, len(ordered), CHUNK):
        found.update(
            session.execute(
                select(table.c.id).where(table.c[column].in_(ordered[i : i + CHUNK]))
            ).scalars()
        )
    return found


def _references() -> list[tuple[Table, str, str, bool]]:
    """(table, column, referred table, owned) for every foreign key between tables with ids."""
    out = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            column = fk.parent
            owned = (table.name, column.name) in OWNED_BY or not column.nullable
            out.append((table, column.name, fk.column.table.name, owned))
    return out


def plan_purge(session: Session, cutoff: datetime) -> PurgePlan:
    """The rows a purge before ``cutoff`` would remove."""
    plan = PurgePlan(cutoff)
    cases = _table("cases")
    closed = set(
        session.execute(
            select(cases.c.id).where(
                cases.c.status == CaseStatus.CLOSED.value, cases.c.closed_at < cutoff
            )
        ).scalars()
    )
    plan.ids = _owned(session, {"cases": closed})
    live = _live_cases(session, plan.ids)
    if live:
        plan.kept_cases = len(live)
        plan.ids = _owned(session, {"cases": closed - live})
    plan.audit_before_id = _first_kept_event(session, cutoff)
    plan.audit_events = session.execute(
        select(func.count())
        .select_from(AuditEvent)
        .where(col(AuditEvent.id) < plan.audit_before_id)
    ).scalar_one()
    return plan


def _first_kept_event(session: Session, cutoff: datetime) -> int:
    """The id of the first event written on or after ``cutoff`` (or after the last event):
    the events before it are the chain's oldest part, all written before ``cutoff``."""
    first = session.execute(
        select(func.min(col(AuditEvent.id))).where(col(AuditEvent.occurred_at) >= cutoff)
    ).scalar()
    if first is not None:
        return first
    last = session.execute(select(func.max(AuditEvent.id))).scalar()
    return (last or 0) + 1


def _owned(session: Session, roots: dict[str, set[int]]) -> dict[str, set[int]]:
    """The roots and every row that belongs to them, transitively."""
    ids = {name: set(values) for name, values in roots.items()}
    refs = [r for r in _references() if r[3] and "id" in r[0].c]
    changed = True
    while changed:
        changed = False
        for table, column, referred, _ in refs:
            parents = ids.get(referred)
            if not parents:
                continue
            found = _ids(session, table, column, parents) - ids.get(table.name, set())
            if found:
                ids.setdefault(table.name, set()).update(found)
                changed = True
    return ids


def _live_cases(session: Session, ids: dict[str, set[int]]) -> set[int]:
    """Cases among ``ids`` with a measure in force or pending, or an open appeal or order."""
    live: set[int] = set()
    checks = (
        ("measure", "status", LIVE_MEASURES),
        ("appeal", "status", tuple(s.value for s in OPEN_APPEAL_STATUSES)),
        ("correction_order", "status", (CorrectionStatus.OPEN.value,)),
    )
    for name, column, statuses in checks:
        table = _table(name)
        rows = sorted(ids.get(name, ()))
        for i in range(0, len(rows), CHUNK):
            stmt = select(table.c.id).where(
                table.c.id.in_(rows[i : i + CHUNK]), table.c[column].in_(statuses)
            )
            for row_id in session.execute(stmt).scalars():
                live |= _case_of(session, name, row_id)
    return live


def _case_of(session: Session, name: str, row_id: int) -> set[int]:
    table = _table(name)
    row = session.execute(select(table).where(table.c.id == row_id)).mappings().one()
    if name == "appeal":
        return _case_of(session, "measure", row["measure_id"])
    found = {row["case_id"]} if row.get("case_id") else set()
    if name == "correction_order" and row["measure_id"]:
        found |= _case_of(session, "measure", row["measure_id"])
    return found


def _keyless(plan: PurgePlan) -> Iterator[tuple[Table, str, list[int]]]:
    """(table, column, ids) for rows without an id that belong to removed rows."""
    for table, column, referred, owned in _references():
        if owned and "id" not in table.c and plan.ids.get(referred):
            yield table, column, sorted(plan.ids[referred])


def _rows(session: Session, plan: PurgePlan, unmasked: bool = False) -> Iterator[tuple[str, dict]]:
    for table in metadata.sorted_tables:
        ordered = sorted(plan.ids.get(table.name, ()))
        for i in range(0, len(ordered), CHUNK):
            stmt = select(table).where(table.c.id.in_(ordered[i : i + CHUNK])).order_by(table.c.id)
            for row in session.execute(stmt).mappings():
                values = dict(row) if unmasked else mask_row(table.name, dict(row))
                yield table.name, audit.jsonable(values)
    for table, column, ordered in _keyless(plan):
        for i in range(0, len(ordered), CHUNK):
            stmt = select(table).where(table.c[column].in_(ordered[i : i + CHUNK]))
            for row in session.execute(stmt).mappings():
                yield table.name, audit.jsonable(dict(row))
    events = _table("audit_event")
    stmt = select(events).where(events.c.id < plan.audit_before_id).order_by(events.c.id)
    for row in session.execute(stmt).mappings():
        yield "audit_event", audit.jsonable(dict(row))


def export_plan(session: Session, plan: PurgePlan, path: Path, *, unmasked: bool = False) -> str:
    """Write every row the plan removes to ``path`` (.jsonl or .xlsx); its SHA-256.

    Personal data is masked unless ``unmasked`` (see
    :func:`workbench.access.reveal.authorise_unmasked_export`).
    """
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".xlsx"):
        raise ValidationError(
            f"导出文件须为 .jsonl 或 .xlsx：{path.name}",
            f"the export must be a .jsonl or .xlsx file, not {path.name}",
        )
    fd, tmp = tempfile.mkstemp(dir=path.resolve().parent, prefix=".purge-", suffix=suffix)
    os.close(fd)
    try:
        if suffix == ".jsonl":
            with open(tmp, "w", encoding="utf-8") as fh:
                for name, row in _rows(session, plan, unmasked):
                    fh.write(json.dumps({"table": name, "row": row}, ensure_ascii=False) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        else:
            _export_xlsx(session, plan, Path(tmp), unmasked)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _export_xlsx(session: Session, plan: PurgePlan, path: Path, unmasked: bool) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheets: dict = {}
    for name, row in _rows(session, plan, unmasked):
        if name not in sheets:
            sheets[name] = book.create_sheet(name[:31])
            sheets[name].append(list(row))
        sheets[name].append(
            xlsx_cells(
                sheets[name],
                [
                    json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                    for v in row.values()
                ],
            )
        )
    if not sheets:
        book.create_sheet("empty").append(["没有要清除的记录 / nothing to remove"])
    book.save(path)


def execute_purge(session: Session, actor: Actor | None, plan: PurgePlan, *, note: dict) -> None:
    """Remove what ``plan`` lists, in ``session``'s transaction, and audit the purge.

    ``actor`` None is the maintenance command; a reviewer must be an administrator.
    """
    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR)
    owned = {name: ids for name, ids in plan.ids.items() if ids}
    for table, column, referred, is_owned in _references():
        if is_owned or not owned.get(referred):
            continue
        ordered = sorted(owned[referred])
        for i in range(0, len(ordered), CHUNK):
            session.execute(
                update(table)
                .where(table.c[column].in_(ordered[i : i + CHUNK]))
                .values({column: None})
            )
    for table, column, ordered in _keyless(plan):
        for i in range(0, len(ordered), CHUNK):
            session.execute(delete(table).where(table.c[column].in_(ordered[i : i + CHUNK])))
    for table in reversed(metadata.sorted_tables):
        ordered = sorted(owned.get(table.name, ()))
        for i in range(0, len(ordered), CHUNK):
            session.execute(delete(table).where(table.c.id.in_(ordered[i : i + CHUNK])))
    if plan.audit_events:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SET LOCAL workbench.audit_purge = 'on'"))
        session.execute(
            delete(_table("audit_event")).where(col(AuditEvent.id) < plan.audit_before_id)
        )
    session.expire_all()
    audit.record(
        session,
        actor,
        "retention.purge",
        "retention",
        None,
        after={
            "before": plan.cutoff.isoformat(),
            "removed": plan.counts(),
            "audit_kept_from_id": plan.audit_before_id,
        }
        | note,
        reason=f"2017/16: records before {plan.cutoff.astimezone(SHANGHAI).date()}",
    )
