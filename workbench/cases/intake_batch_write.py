"""Writing what a batched intake decided: multi-row inserts, updates, audit events.

See :mod:`workbench.cases.intake_batch`.  Rows go to the driver each value
through its column's own bind processing: on PostgreSQL through ``COPY``, one
stream per table and chunk (a row costs the server no statement of its own,
which matters while intake's lock is held); on SQLite with one executemany.
New ids come from the table's sequence on PostgreSQL and after the largest id
on SQLite (the write lock is held).  Audit events are hashed
into the chain in the order they happened and appended at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, text, update
from sqlmodel import Session

from workbench.models import (
    AuditEvent,
    AuditHead,
    AuditPending,
    Case,
    Clock,
    EvidenceAttachment,
    Report,
    ReporterCredibility,
)
from workbench.models.base import UTCDateTime, table_of
from workbench.records.audit import GENESIS, ROTATE_ACTION, chain_hash, jsonable, mark_unsealed
from workbench.records.audit_key import AuditKey, audit_key
from workbench.records.change_feed import note_queues

CHUNK = 500  # ids per IN (...) list
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
CASE_REPRIORITISED = ("priority", "strongest_hit")  # a case only its reporters' scores moved
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
class PlannedReport:
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


def by_time(rep: PlannedReport) -> tuple:
    """Reports in the order the database's (account or reporter, time) indexes give them."""
    return (rep.received_at, rep.seq)


def _chunks(values: Sequence) -> list[list]:
    values = list(values)
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _hash(row: dict, key: AuditKey) -> str:
    """``audit.event_hash`` of the event ``row`` whose before and after are serialised.

    The canonical payload (keys sorted, compact, not ASCII-escaped) is assembled
    key by key, each value written as ``json.dumps`` writes it inside the whole,
    and hashed by ``audit.chain_hash``, the chain's one hash function.
    """

    def number(value) -> str:
        return "null" if value is None else str(int(value))

    def string(value) -> str:
        return "null" if value is None else encode_basestring(value)

    text = (
        f'{{"account_id":{number(row["account_id"])},"action":{string(row["action"])},'
        f'"actor_id":{number(row["actor_id"])},"after":{row["after"]},'
        f'"before":{row["before"]},"case_id":{number(row["case_id"])},'
        f'"entity":{string(row["entity"])},"entity_id":{number(row["entity_id"])},'
        f'"id":{number(row["id"])},"key_id":{string(row["key_id"])},'
        f'"occurred_at":{string(row["occurred_at"].isoformat(timespec="microseconds"))},'
        f'"reason":{string(row["reason"])}}}'
    )
    return chain_hash(row["prev_hash"], text, key)


def _ref(value):
    """The id of a case (dict) or report (PlannedReport) known by now, or the value itself."""
    if isinstance(value, dict):
        return value["id"]
    if isinstance(value, PlannedReport):
        return value.id
    return value


def _json_default(value):
    """What ``json.dumps`` cannot write itself, as ``audit.jsonable`` writes it; a
    planned report as its id (known by the time events are written)."""
    if isinstance(value, PlannedReport):
        return value.id
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=str)
    converted = jsonable(value)
    if converted is value:
        raise TypeError(f"cannot write {type(value).__name__} into an audit event")
    return converted


_ENCODE = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default
).encode


def _payload_json(data: dict) -> str:
    """An event's before or after as the canonical JSON ``audit.event_hash`` reads back
    (keys sorted at every depth, compact): the same text as ``jsonable`` then
    ``json.dumps``, written by the C encoder in one pass."""
    return _ENCODE(data)


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


def _is_time(column) -> bool:
    return isinstance(column.type, UTCDateTime)


def _sqlite_instant(value: datetime | None) -> str | None:
    """What ``UTCDateTime`` and SQLite's DATETIME bind make of an aware instant
    (``2026-09-01 03:04:05.000000``, in UTC), in one C call instead of two Python ones."""
    if value is None:
        return None
    if getattr(value, "tzinfo", None) is not UTC:
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise ValueError(f"naive or non-datetime value {value!r} for a UTC column")
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _memo(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` remembering its answers: many rows share one instant (e.g. created_at)."""
    seen: dict = {}

    def run(value):
        if value not in seen:
            seen[value] = process(value)
        return seen[value]

    return run


def bulk_insert(
    session: Session,
    table: Table,
    rows: list[dict],
    *,
    new_ids: bool = False,
    ready: tuple[str, ...] = (),
) -> None:
    """Insert ``rows`` (dicts with the same keys): ``COPY`` or one executemany per chunk.

    Values go through each column's own bind processing (UTC datetimes, JSON),
    then straight to the driver; the columns in ``ready`` are passed as given
    (JSON already serialised).  ``new_ids`` gives every row a fresh ``id``
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
    names = ", ".join(quote(c) for c in columns)
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join([mark] * len(columns))})"
    fast_time = _sqlite_instant if dialect.name == "sqlite" else None
    pairs = [
        (
            c,
            None
            if c in ready
            else _memo(fast_time or p)
            if p is not None and _is_time(table.c[c])
            else p,
        )
        for c, p in zip(columns, procs, strict=True)
    ]
    for start in range(0, len(rows), 5000):
        chunk = rows[start : start + 5000]
        values = []
        for c, p in pairs:  # column by column: the loops run in C
            column = [row[c] for row in chunk]
            values.append(column if p is None else list(map(p, column)))
        if dialect.name == "postgresql":
            _copy(conn, f"COPY {quote(table.name)} ({names}) FROM STDIN", zip(*values, strict=True))
        else:
            conn.exec_driver_sql(sql, list(zip(*values, strict=True)))


def _copy(conn, statement: str, rows) -> None:
    """Stream ``rows`` (tuples of bound values) into PostgreSQL with ``statement``, a
    ``COPY ... FROM STDIN``, on the connection's own transaction."""
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def write_rows(state) -> None:
    """Insert the new reporters' cases, clocks, reports and evidence; update the rest."""
    session = state.session
    rows = [{k: c[k] for k in CASE_COLUMNS} for c in state.new_cases]
    bulk_insert(session, table_of(Case), rows, new_ids=True)
    for case, row in zip(state.new_cases, rows, strict=True):
        case["id"] = row["id"]
        case["clock"]["case_id"] = row["id"]
    bulk_insert(session, table_of(Clock), [c["clock"] for c in state.new_cases])
    changed = [c for c in state.loaded_cases if c["changed"]]
    # A case a report joined was read locked and is written whole; a case only
    # re-prioritised (a reporter's score moved) was not locked, so only its priority
    # is written: a reviewer's change to it meanwhile keeps its version.
    joined = [c for c in changed if c["joinable"]]
    _update_cases(session, joined, CASE_UPDATED)
    _update_cases(session, [c for c in changed if not c["joinable"]], CASE_REPRIORITISED)
    reports = []
    for rep in state.new_reports:
        rep.row["case_id"] = rep.case["id"]
        rep.row["suspected_malicious"] = rep.suspected
        reports.append(rep.row)
    bulk_insert(session, table_of(Report), reports, new_ids=True)
    evidence = []
    for rep in state.new_reports:
        rep.id = rep.row["id"]
        rep.case_id = rep.case["id"]
        for facts in rep.evidence:
            evidence.append({k: facts.get(k) for k in EVIDENCE_COLUMNS} | {"report_id": rep.id})
    bulk_insert(session, table_of(EvidenceAttachment), evidence)
    if state.flagged_existing:
        table = table_of(Report)
        for part in _chunks(sorted(set(state.flagged_existing))):
            session.execute(
                update(table).where(table.c.id.in_(part)).values(suspected_malicious=True)
            )
    _write_credibility(state)


def _update_cases(session: Session, cases: list[dict], columns: tuple[str, ...]) -> None:
    if not cases:
        return
    table = table_of(Case)
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({k: bindparam(f"b_{k}") for k in columns})
    )
    session.execute(stmt, [{"b_id": c["id"]} | {f"b_{k}": c[k] for k in columns} for c in cases])


def _write_credibility(state) -> None:
    table = table_of(ReporterCredibility)
    new: list[dict] = []
    old: list[dict] = []
    for reporter_id in sorted(state.changed_creds):
        cred = state.creds[reporter_id]
        row = {k: cred[k] for k in CRED_COLUMNS}
        (new if cred["new"] else old).append(row)
    bulk_insert(state.session, table, new)
    if old:
        stmt = (
            update(table)
            .where(table.c.reporter_id == bindparam("b_reporter_id"))
            .values({k: bindparam(f"b_{k}") for k in CRED_COLUMNS if k != "reporter_id"})
        )
        state.session.execute(stmt, [{f"b_{k}": v for k, v in row.items()} for row in old])


def write_audit(state) -> None:
    """Append the planned events to the hash chain, in the order they happened
    (on PostgreSQL, to ``audit_pending`` for the sealer: see :func:`_write_pending`)."""
    session = state.session
    if session.get_bind().dialect.name == "postgresql":
        _write_pending(state)
        return
    head_table = table_of(AuditHead)
    key = audit_key()
    stmt = select(head_table.c.last_event_id, head_table.c.last_hash, head_table.c.key_id).where(
        head_table.c.id == 1
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    head = session.execute(stmt).first()
    if head is None:
        session.execute(insert(head_table).values(id=1, last_event_id=None, last_hash=GENESIS))
        last_id, last_hash, last_key = 0, GENESIS, None
    else:
        last_id, last_hash, last_key = head.last_event_id or 0, head.last_hash, head.key_id
    events = list(state.events)
    if events and last_id and last_key != key.key_id:  # as audit.record: the change recorded
        events.insert(
            0,
            (
                None,
                ROTATE_ACTION,
                "audit",
                None,
                None,
                None,
                {"key_id": last_key},
                {"key_id": key.key_id},
                "审计密钥已更换 / the audit key was changed",
                events[0][9],
            ),
        )
    rows = []
    for event in events:
        last_id += 1
        row = {"id": last_id, **_event_row(event), "prev_hash": last_hash, "key_id": key.key_id}
        row["hash"] = last_hash = _hash(row, key)
        rows.append(row)
    bulk_insert(session, table_of(AuditEvent), rows, ready=("before", "after"))
    if rows:
        note_queues(session)
        session.execute(
            update(head_table)
            .where(head_table.c.id == 1)
            .values(last_event_id=last_id, last_hash=last_hash, key_id=key.key_id)
        )


def _event_row(event: tuple) -> dict:
    """A planned event as the columns it shares with ``audit_pending`` (payloads serialised)."""
    actor, action, entity, entity_ref, case, account_id, before, after, reason, at = event
    return {
        "occurred_at": at,
        "actor_id": actor.id if actor is not None else None,
        "action": action,
        "entity": entity,
        "entity_id": _ref(entity_ref),
        "case_id": _ref(case),
        "account_id": account_id,
        "reason": reason,
        "before": _payload_json(before) if before is not None else "null",
        "after": _payload_json(after) if after is not None else "null",
    }


def _write_pending(state) -> None:
    """The planned events, unchained, for the sealer to chain after the commit, so
    the import holds no lock any other reviewer's action waits for."""
    rows = [_event_row(event) for event in state.events]
    bulk_insert(state.session, table_of(AuditPending), rows, ready=("before", "after"))
    if rows:
        note_queues(state.session)
        mark_unsealed(state.session, len(rows))
