"""Reports, complaints and appeals sent by the platform's systems through its API.

Each row is a JSON object; every problem with it is named by row and field
(:class:`Problem`), not only the first.  A row is filed once per external id:
sent again with the same content it answers with the record already filed
(``existing``); with different content it is refused as a conflict naming the
fields that differ.  :func:`file_reports` and :func:`file_appeals` work in the
caller's transaction: with ``accept_partial`` the good rows are filed and the
bad ones come back; without it any bad row raises :class:`RowsRefused` and the
caller rolls everything back.

Evidence images come in the row, base64, or as file parts of a multipart
request, and are checked before they are decoded: see
:mod:`workbench.importing.platform_evidence`.  An accepted image is copied into
the evidence store and the report refers to that copy.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.casework import now_or
from workbench.cases.intake import ReportInput, received_window
from workbench.cases.intake_batch import receive_report, receive_reports
from workbench.errors import WorkbenchError
from workbench.evidence_store import EvidenceStore
from workbench.importing.fields import Row
from workbench.importing.platform_evidence import check_evidence
from workbench.measures.appeals import file_appeal
from workbench.models import Account, Appeal, EvidenceAttachment, Report, Reporter
from workbench.models.base import saved
from workbench.models.codes import Channel, ReportCategory, ReportKind
from workbench.text import clean_text, one_line

MAX_BATCH = 500
MAX_TEXT = 20_000
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
APPEAL_FIELDS = {
    "external_id",
    "measure_id",
    "appellant_name",
    "appellant_contact",
    "text",
    "received_at",
}


@dataclass(frozen=True)
class Problem:
    """What is wrong with one row (``row`` counts from 0 in the request)."""

    row: int
    external_id: str | None
    field: str
    kind: str  # the refusal's kind: ValidationError, Conflict, InvalidTransition, ...
    zh: str
    en: str


@dataclass(frozen=True)
class Filed:
    """One row filed now, or found filed before (``existing``)."""

    row: int
    external_id: str
    id: int  # the report's or the appeal's
    case_id: int | None = None
    existing: bool = False


@dataclass
class BatchOutcome:
    accepted: list[Filed] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)


class RowsRefused(WorkbenchError):
    """Rows of the request were refused and nothing was filed (all or nothing)."""

    def __init__(self, problems: list[Problem]):
        shown = problems[:20]
        more = len(problems) - len(shown)
        zh = "；".join(f"第 {p.row} 行 {p.field}：{p.zh}" for p in shown)
        en = "; ".join(f"row {p.row} {p.field}: {p.en}" for p in shown)
        if more:
            zh += f"；另有 {more} 处问题"
            en += f"; and {more} more"
        super().__init__(f"请求未受理，未写入任何内容：{zh}", f"nothing was filed: {en}")
        self.problems = problems


class _Checked(Row):
    """A row's fields read with the import's checks, each problem kept with its field."""

    def __init__(self, data: dict, index: int):
        super().__init__(data, Path("."))
        self.index = index
        self.found: list[tuple[str, str, str]] = []

    def bad(self, name: str, zh: str, en: str) -> None:
        self.found.append((name, zh, en))


def _kind_of(exc: WorkbenchError) -> str:
    return type(exc).__name__


def _shape(data: Any, index: int, allowed: set[str]) -> tuple[_Checked | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [
            Problem(index, None, "(row)", "ValidationError", "应为 JSON 对象", "must be an object")
        ]
    row = _Checked(data, index)
    for name in sorted(set(data) - allowed):
        row.bad(str(name)[:64], "未知字段", f"unknown field; use {', '.join(sorted(allowed))}")
    return row, []


def _problems(row: _Checked, external_id: str | None) -> list[Problem]:
    return [
        Problem(row.index, external_id, f, "ValidationError", zh, en) for f, zh, en in row.found
    ]


def _duplicates(rows: list[tuple[int, str | None]]) -> list[Problem]:
    first: dict[str, int] = {}
    out = []
    for index, ext in rows:
        if not ext:
            continue
        if ext in first:
            out.append(
                Problem(
                    index,
                    ext,
                    "external_id",
                    "ValidationError",
                    f"与第 {first[ext]} 行重复",
                    f"{ext!r} is also in row {first[ext]}",
                )
            )
        else:
            first[ext] = index
    return out


def _differ(index: int, ext: str, fields: list[str]) -> Problem:
    names = ", ".join(fields)
    return Problem(
        index,
        ext,
        names,
        "Conflict",
        f"编号 {ext} 已受理，但 {names} 与已受理的内容不同，未重复受理",
        f"{ext!r} was already received with a different {names}; nothing was changed",
    )


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="workbench-api-") as folder:
        yield Path(folder)


def _finish(outcome: BatchOutcome, accept_partial: bool) -> BatchOutcome:
    outcome.rejected.sort(key=lambda p: p.row)
    outcome.accepted.sort(key=lambda f: f.row)
    if outcome.rejected and not accept_partial:
        raise RowsRefused(outcome.rejected)
    return outcome


def _file_one(session: Session, outcome: BatchOutcome, index: int, ext: str, work) -> None:
    """Run ``work()`` in a savepoint: a refused row leaves nothing of itself behind."""
    try:
        with session.begin_nested():
            outcome.accepted.append(work())
    except WorkbenchError as exc:
        outcome.rejected.append(Problem(index, ext, "(row)", _kind_of(exc), exc.zh, exc.en))


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
    with _scratch() as folder:
        for index, data in enumerate(rows):
            row, problems = _shape(data, index, REPORT_FIELDS)
            outcome.rejected += problems
            if row is None:
                continue
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
            outcome.rejected += _problems(row, fields["external_id"])
            if not row.found:
                parsed.append((index, fields))
        outcome.rejected += _duplicates([(i, f["external_id"]) for i, f in parsed])
        refused = {p.row for p in outcome.rejected}
        parsed = [(i, f) for i, f in parsed if i not in refused]
        accounts = _accounts(session, {f["target"] for _, f in parsed})
        known = _known_reports(session, [f["external_id"] for _, f in parsed])
        fresh: list[tuple[int, dict]] = []
        for index, fields in parsed:
            ext = fields["external_id"]
            if fields["target"] not in accounts:
                outcome.rejected.append(
                    Problem(
                        index,
                        ext,
                        "target_account_id",
                        "ValidationError",
                        f"账号 {fields['target']} 不存在",
                        f"no account with platform id {fields['target']!r}",
                    )
                )
                continue
            fields["target_account_id"] = accounts[fields["target"]]
            existing = known.get(ext)
            if existing is not None:
                differ = _report_differs(session, existing, fields)
                if differ:
                    outcome.rejected.append(_differ(index, ext, differ))
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
    return _finish(outcome, accept_partial)


def _known_reports(session: Session, external_ids: list[str]) -> dict[str, Report]:
    """The reports already filed under these external ids, read in a few queries."""
    found: dict[str, Report] = {}
    ordered = sorted(set(external_ids))
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        for report in session.exec(select(Report).where(col(Report.external_id).in_(part))):
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
            _file_one(
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


def _accounts(session: Session, platform_ids: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(platform_ids)
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        for account_id, platform_id in session.exec(
            select(col(Account.id), col(Account.platform_id)).where(
                col(Account.platform_id).in_(part)
            )
        ):
            found[platform_id] = saved(account_id)
    return found


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


# -- appeals -------------------------------------------------------------------------


def file_appeals(
    session: Session,
    actor: Actor,
    rows: list[Any],
    *,
    accept_partial: bool = False,
    now: datetime | None = None,
) -> BatchOutcome:
    """File the platform's appeals against measures (see the module's text); each
    lands in the appeal reviewers' queue with its decision clock running."""
    now = now_or(now)
    outcome = BatchOutcome()
    window = received_window(session, now)
    parsed: list[tuple[int, dict]] = []
    for index, data in enumerate(rows):
        row, problems = _shape(data, index, APPEAL_FIELDS)
        outcome.rejected += problems
        if row is None:
            continue
        fields = {
            "external_id": row.text("external_id", max_length=64, required=True),
            "measure_id": row.integer("measure_id", minimum=1, maximum=2**62),
            "appellant_name": row.text("appellant_name", max_length=200, required=True),
            "appellant_contact": row.text("appellant_contact", max_length=200),
            "text": row.text("text", max_length=MAX_TEXT, required=True),
            "received_at": row.instant("received_at"),
        }
        if row.raw("measure_id") is None:
            row.bad("measure_id", "必填", "required")
        if fields["received_at"] is not None:
            problem = window.problem(fields["received_at"])
            if problem is not None:
                row.bad("received_at", *problem)
        outcome.rejected += _problems(row, fields["external_id"])
        if not row.found:
            parsed.append((index, fields))
    outcome.rejected += _duplicates([(i, f["external_id"]) for i, f in parsed])
    refused = {p.row for p in outcome.rejected}
    for index, fields in parsed:
        if index in refused:
            continue
        ext = fields["external_id"]
        existing = session.exec(select(Appeal).where(Appeal.external_id == ext)).first()
        if existing is not None:
            differ = _appeal_differs(existing, fields)
            if differ:
                outcome.rejected.append(_differ(index, ext, differ))
            else:
                assert existing.id is not None
                outcome.accepted.append(Filed(index, ext, existing.id, existing=True))
            continue
        # Each row is tried in a savepoint even once the batch is refused as a whole,
        # so the answer names every row the rules (window, one open appeal) refuse.
        _file_one(
            session,
            outcome,
            index,
            ext,
            lambda index=index, fields=fields: _appeal(session, actor, index, fields, now),
        )
    return _finish(outcome, accept_partial)


def _appeal(session: Session, actor: Actor, index: int, fields: dict, now: datetime) -> Filed:
    appeal = file_appeal(
        session,
        actor,
        measure_id=fields["measure_id"],
        appellant_name=fields["appellant_name"],
        appellant_contact=fields["appellant_contact"],
        text=fields["text"],
        received_at=fields["received_at"] or now,
        now=now,
    )
    appeal.external_id = fields["external_id"]
    session.add(appeal)
    session.flush()
    assert appeal.id is not None
    return Filed(index, fields["external_id"], appeal.id)


def _appeal_differs(appeal: Appeal, fields: dict) -> list[str]:
    compared = {
        "measure_id": (appeal.measure_id, fields["measure_id"]),
        "appellant_name": (appeal.appellant_name, one_line(fields["appellant_name"] or "", 200)),
        "appellant_contact": (
            appeal.appellant_contact,
            one_line(fields["appellant_contact"] or "", 200) or None,
        ),
        "text": (appeal.text, clean_text(fields["text"] or "").strip()),
    }
    if fields["received_at"] is not None:
        compared["received_at"] = (appeal.received_at, fields["received_at"])
    return [name for name, (stored, sent) in compared.items() if stored != sent]
