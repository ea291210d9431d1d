"""Importing reports and complaints: validated rows filed through batched intake.

Fields: ``external_id`` (required, the idempotency key), ``channel``
(required), ``kind`` (default ``complaint`` for ``public_complaint``, else
``report``), ``reporter_id``, ``reporter_name``, ``reporter_contact``,
``target_account_id`` (required: the platform id of an account already in
the database), ``category`` (required), ``text``, ``evidence`` (image paths
relative to the file; a JSON array, or ``;`` between paths in CSV) and
``received_at`` (required, ISO 8601 with an offset; not in the future, nor
older than the setting ``intake.received_at_max_age_days``).  Rows are filed in file
order by :func:`workbench.cases.intake_batch.receive_reports`, which joins or
opens cases exactly as one report received at a time would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.intake import ReportInput, received_window
from workbench.cases.intake_batch import receive_reports
from workbench.importing import require_importer
from workbench.importing.fields import Row
from workbench.importing.records import Record
from workbench.models import Account
from workbench.models.base import saved
from workbench.models.codes import Channel, ReportCategory, ReportKind

BATCH = 100_000  # reports filed per receive_reports call: about 6 KB of state per report
LOOKUP = 500


@dataclass
class ReportImport:
    received: int = 0  # new reports filed
    already_known: int = 0  # external ids received before: nothing filed
    cases_opened: int = 0
    joined: int = 0


def _platform_ids(session: Session, wanted: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(wanted)
    for i in range(0, len(ordered), LOOKUP):
        part = ordered[i : i + LOOKUP]
        for account_id, platform_id in session.exec(
            select(col(Account.id), col(Account.platform_id)).where(
                col(Account.platform_id).in_(part)
            )
        ):
            found[platform_id] = saved(account_id)
    return found


def check_reports(session: Session, records: list[Record], base: Path) -> list[ReportInput | None]:
    """Each record as a ReportInput, or None with the reasons added to ``record.problems``."""
    parsed: list[tuple[Record, Row, dict] | None] = []
    first_line: dict[str, int] = {}
    window = received_window(session)
    for record in records:
        if record.data is None:
            parsed.append(None)
            continue
        row = Row(record.data, base)
        channel = row.choice("channel", Channel)
        if row.raw("channel") is None:
            row.bad("channel", "必填", "required")
        kind_default = (
            ReportKind.COMPLAINT.value
            if channel == Channel.PUBLIC_COMPLAINT
            else ReportKind.REPORT.value
        )
        category = row.choice("category", ReportCategory)
        if row.raw("category") is None:
            row.bad("category", "必填", "required")
        fields = {
            "external_id": row.text("external_id", max_length=64, required=True),
            "channel": channel,
            "kind": row.choice("kind", ReportKind, default=kind_default),
            "reporter_external_id": row.text("reporter_id", max_length=64),
            "reporter_name": row.text("reporter_name", max_length=200) or "",
            "reporter_contact": row.text("reporter_contact", max_length=200),
            "target": row.text("target_account_id", max_length=64, required=True),
            "category": category,
            "text": row.text("text") or "",
            "received_at": row.instant("received_at", required=True),
            "evidence_paths": tuple(
                p for p in (row.image("evidence", v) for v in row.items("evidence")) if p
            ),
        }
        if fields["received_at"] is not None:
            problem = window.problem(fields["received_at"])
            if problem is not None:
                row.bad("received_at", *problem)
        ext = fields["external_id"]
        if ext:
            if ext in first_line:
                row.bad(
                    "external_id",
                    f"与第 {first_line[ext]} 行重复",
                    f"{ext!r} is also on line {first_line[ext]}",
                )
            else:
                first_line[ext] = record.line
        parsed.append((record, row, fields))
    accounts = _platform_ids(session, {p[2]["target"] for p in parsed if p and p[2]["target"]})
    out: list[ReportInput | None] = []
    for entry in parsed:
        if entry is None:
            out.append(None)
            continue
        record, row, fields = entry
        target = fields.pop("target")
        if target and target not in accounts:
            row.bad(
                "target_account_id",
                f"账号 {target} 不存在",
                f"no account with platform id {target!r} (import the accounts first)",
            )
        record.problems += row.problems
        if record.problems:
            out.append(None)
            continue
        out.append(ReportInput(target_account_id=accounts[target], **fields))
    return out


def import_reports(
    session: Session,
    items: list[ReportInput],
    *,
    actor: Actor | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ReportImport:
    """File ``items`` in order in ``session``'s transaction, :data:`BATCH` per intake call.

    ``progress(stage, done, total)``: ``filed`` as reports are decided and after
    each call, ``writing`` while a call writes its rows.  ``actor`` None is an
    import by the system; a reviewer needs an import role.
    """
    require_importer(actor)
    summary = ReportImport()
    total = len(items)
    for start in range(0, total, BATCH):

        def step(stage: str, n: int, start: int = start) -> None:
            if progress is not None:  # only handed on with a progress to report to
                progress("filed" if stage == "decided" else stage, start + n, total)

        part = items[start : start + BATCH]
        for result in receive_reports(session, actor, part, progress=step if progress else None):
            if result.existing:
                summary.already_known += 1
                continue
            summary.received += 1
            if result.joined:
                summary.joined += 1
            else:
                summary.cases_opened += 1
        if progress is not None:
            progress("filed", start + len(part), total)
    return summary
