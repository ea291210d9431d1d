"""Reports and complaints sent by the platform's systems through its API.

A row is filed once per external id: sent again with the same content it answers
with the record already filed (``existing``); with different content it is
refused as a conflict naming the fields that differ.  :func:`file_reports` works
in the caller's transaction; rows, problems and the all-or-nothing rule are in
:mod:`workbench.importing.platform_rows`, appeals in
:mod:`workbench.importing.platform_appeals`.

Evidence images come in the row, base64, or as file parts of a multipart
request, and are checked before they are decoded: see
:mod:`workbench.importing.platform_evidence`.  An accepted image is copied into
the evidence store and the report refers to that copy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.casework import now_or
from workbench.cases.intake import ReportInput, received_window
from workbench.cases.intake_batch import receive_report, receive_reports
from workbench.errors import WorkbenchError
from workbench.evidence_store import EvidenceStore
from workbench.importing.platform_evidence import check_evidence
from workbench.importing.platform_rows import (
    MAX_TEXT,
    BatchOutcome,
    CheckedRow,
    Filed,
    account_ids_by_platform_id,
    conflict,
    file_in_savepoint,
    finish_batch,
    read_rows,
    scratch_folder,
    unknown_account,
)
from workbench.models import EvidenceAttachment, Report, Reporter
from workbench.models.base import one_of
from workbench.models.codes import Channel, ReportCategory, ReportKind
from workbench.text import clean_text

REPORT_FIELDS = {
    "external_id",
    "channel",
    "kind",
    "target_account_id",
    "category",
    "text",
    "reporter_id",
    "reporter_name",
    "reporter_contact",
    "received_at",
    "evidence",
}

# -- reports and complaints ----------------------------------------------------------


def file_reports(
    session: Session,
    actor: Actor,
    rows: list[Any],
    *,
    store: EvidenceStore,
    accept_partial: bool = False,
    now: datetime | None = None,
) -> BatchOutcome:
    """File the platform's reports and complaints (see the module's text)."""
    now = now_or(now)
    outcome = BatchOutcome()
    window = received_window(session, now)
    parsed: list[tuple[int, dict]] = []
    with scratch_folder() as folder:

        def read(row: CheckedRow) -> dict:
            channel = row.choice("channel", Channel)
            if row.raw("channel") is None:
                row.bad("channel", "必填", "required")
            category = row.choice("category", ReportCategory)
            if row.raw("category") is None:
                row.bad("category", "必填", "required")
            default_kind = (
                ReportKind.COMPLAINT if channel == Channel.PUBLIC_COMPLAINT else ReportKind.REPORT
            )
            fields = {
                "external_id": row.text("external_id", max_length=64, required=True),
                "channel": channel,
                "kind": row.choice("kind", ReportKind, default=default_kind.value),
                "target": row.text("target_account_id", max_length=64, required=True),
                "category": category,
                "text": row.text("text", max_length=MAX_TEXT) or "",
                "reporter_external_id": row.text("reporter_id", max_length=64),
                "reporter_name": row.text("reporter_name", max_length=200) or "",
                "reporter_contact": row.text("reporter_contact", max_length=200),
                "received_at": row.instant("received_at", required=True),
            }
            if fields["received_at"] is not None:
                problem = window.problem(fields["received_at"])
                if problem is not None:
                    row.bad("received_at", *problem)
            images = check_evidence(row, row.raw("evidence") or [], folder)
            fields["images"] = images
            return fields

        parsed = read_rows(rows, REPORT_FIELDS, read, outcome)
        refused = {p.row for p in outcome.rejected}
        parsed = [(i, f) for i, f in parsed if i not in refused]
        accounts = account_ids_by_platform_id(session, {f["target"] for _, f in parsed})
        known = _known_reports(session, [f["external_id"] for _, f in parsed])
        fresh: list[tuple[int, dict]] = []
        for index, fields in parsed:
            ext = fields["external_id"]
            if fields["target"] not in accounts:
                outcome.rejected.append(
                    unknown_account(index, ext, "target_account_id", fields["target"])
                )
                continue
            fields["target_account_id"] = accounts[fields["target"]]
            existing = known.get(ext)
            if existing is not None:
                differ = _report_differs(session, existing, fields)
                if differ:
                    outcome.rejected.append(conflict(index, ext, differ))
                else:
                    assert existing.id is not None
                    outcome.accepted.append(
                        Filed(index, ext, existing.id, existing.case_id, existing=True)
                    )
                continue
            if outcome.rejected and not accept_partial:
                continue  # refused as a whole: only the checks still run
            fresh.append((index, fields))
        _file_fresh(session, actor, outcome, fresh, store, now)
    return finish_batch(outcome, accept_partial)


def _known_reports(session: Session, external_ids: list[str]) -> dict[str, Report]:
    """The reports already filed under these external ids, read in a few queries."""
    found: dict[str, Report] = {}
    ordered = sorted(set(external_ids))
    dialect = session.get_bind().dialect.name
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        for report in session.exec(
            select(Report).where(one_of(col(Report.external_id), part, dialect))
        ):
            found[report.external_id] = report
    return found


def _file_fresh(
    session: Session,
    actor: Actor,
    outcome: BatchOutcome,
    fresh: list[tuple[int, dict]],
    store: EvidenceStore,
    now: datetime,
) -> None:
    """File the new reports through the batched intake, the file import's fast path;
    if the service refuses one of them, file them one by one so the refusal names
    its row (and, when the caller accepts part of a batch, the others are kept)."""
    if not fresh:
        return
    try:
        with session.begin_nested():
            inputs = [
                ReportInput(
                    external_id=fields["external_id"],
                    kind=fields["kind"],
                    channel=fields["channel"],
                    target_account_id=fields["target_account_id"],
                    category=fields["category"],
                    received_at=fields["received_at"],
                    text=fields["text"],
                    reporter_external_id=fields["reporter_external_id"],
                    reporter_name=fields["reporter_name"],
                    reporter_contact=fields["reporter_contact"],
                    evidence_paths=_kept(store, fields),
                )
                for _, fields in fresh
            ]
            results = receive_reports(session, actor, inputs, now=now)
    except WorkbenchError:
        for index, fields in fresh:
            file_in_savepoint(
                session,
                outcome,
                index,
                fields["external_id"],
                lambda index=index, fields=fields: _receive(
                    session, actor, index, fields, store, now
                ),
            )
        return
    for (index, fields), result in zip(fresh, results, strict=True):
        outcome.accepted.append(
            Filed(index, fields["external_id"], result.report_id, result.case_id, result.existing)
        )


def _kept(store: EvidenceStore, fields: dict) -> tuple[str, ...]:
    try:
        return tuple(str(store.keep(image.path)) for image in fields["images"])
    except OSError as exc:
        raise WorkbenchError(
            "证据图片无法存入证据库", f"the evidence could not be stored: {exc.strerror or exc}"
        ) from exc


def _receive(
    session: Session, actor: Actor, index: int, fields: dict, store: EvidenceStore, now: datetime
) -> Filed:
    kept = list(_kept(store, fields))
    result = receive_report(
        session,
        actor,
        external_id=fields["external_id"],
        kind=fields["kind"],
        channel=fields["channel"],
        target_account_id=fields["target_account_id"],
        category=fields["category"],
        text=fields["text"],
        reporter_external_id=fields["reporter_external_id"],
        reporter_name=fields["reporter_name"],
        reporter_contact=fields["reporter_contact"],
        evidence_paths=kept,
        received_at=fields["received_at"],
        now=now,
    )
    assert result.report.id is not None and result.case.id is not None
    return Filed(index, fields["external_id"], result.report.id, result.case.id, result.existing)


def _report_differs(session: Session, report: Report, fields: dict) -> list[str]:
    reporter = session.get(Reporter, report.reporter_id) if report.reporter_id else None
    stored_images = sorted(
        (
            sha
            for sha in session.exec(
                select(col(EvidenceAttachment.sha256)).where(
                    col(EvidenceAttachment.report_id) == report.id
                )
            )
        ),
        key=lambda sha: sha or "",
    )
    compared = {
        "kind": (report.kind, fields["kind"]),
        "channel": (report.channel, fields["channel"]),
        "target_account_id": (report.target_account_id, fields["target_account_id"]),
        "category": (report.category, fields["category"]),
        "text": (report.text, clean_text(fields["text"])),
        "reporter_id": (reporter.external_id if reporter else None, fields["reporter_external_id"]),
        "received_at": (report.received_at, fields["received_at"]),
        "evidence": (stored_images, sorted(i.sha256 for i in fields["images"])),
    }
    return [name for name, (stored, sent) in compared.items() if stored != sent]
