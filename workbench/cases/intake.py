"""Intake (受理前): reports and complaints become cases.

A report joins the open case on the same target account and category
opened within the join window (setting ``intake.join_window_days``, default
7), or opens a new one in the queue of its channel.  A second report from
the same reporter on one case is recorded but carries no weight and does not
count as another reporter.  Intake is idempotent by the report's external id.
Evidence files are recorded with their SHA-256, size and, for images that
open, dimensions; a file that cannot be read is kept and flagged.

When a report was received on the platform (``received_at``) is data from
the channel or the import file: it dates the report and the case and starts
the acceptance clock, but the audit events say when they were written, by
the writer's clock (``now``, the current instant unless a caller simulates
time), never by ``received_at`` (2017/13, 2017/16: the log and its retention
go by when things were recorded).  A ``received_at`` later than the writer's
clock plus :data:`RECEIVED_AT_SKEW`, or older than the setting
``intake.received_at_max_age_days`` (default three years), is refused.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlmodel import Session, select

from workbench.access.auth import Actor, require_role
from workbench.cases import credibility
from workbench.cases.casework import case_state, get_account, hold_intake, now_or
from workbench.cases.priority import refresh_priority
from workbench.errors import ValidationError
from workbench.models import Case, EvidenceAttachment, Report, Reporter
from workbench.models.codes import (
    OPEN_CASE_STATUSES,
    Channel,
    Queue,
    ReportCategory,
    ReportKind,
    Role,
    Stage,
)
from workbench.records import audit
from workbench.settings import get_setting
from workbench.text import clean_text
from workbench.timelimits import clocks
from workbench.timelimits.deadlines import require_aware

JOIN_WINDOW_SETTING = "intake.join_window_days"
DEFAULT_JOIN_WINDOW_DAYS = 7
MAX_EVIDENCE_PIXELS = 50_000_000  # about 7000 x 7000; a larger header is never decoded
RECEIVED_AT_SKEW = timedelta(minutes=5)  # clocks of the platform and the writer may differ
RECEIVED_AT_MAX_AGE_SETTING = "intake.received_at_max_age_days"
DEFAULT_RECEIVED_AT_MAX_AGE_DAYS = 3 * 365 + 1  # three years

QUEUE_OF_CHANNEL = {
    Channel.USER_REPORT: Queue.REPORTS,
    Channel.PUBLIC_COMPLAINT: Queue.COMPLAINTS,
    Channel.REGULATOR_REFERRAL: Queue.REFERRALS,  # 监管转办 (workbench.cases.referrals)
    Channel.AUTOMATED_SCREENING: Queue.AUTOMATED,
    Channel.CHANGE_REQUEST: Queue.CHANGE_REQUESTS,
}


@dataclass(frozen=True)
class IntakeResult:
    report: Report
    case: Case
    joined: bool  # joined an existing case
    counted: bool  # carries weight (not a repeat from the same reporter)
    existing: bool = False  # the report was already received (same external id)


def _choice(value: str, enum, what_zh: str, what_en: str) -> str:
    try:
        return enum(value).value
    except ValueError as exc:
        raise ValidationError(
            f"{what_zh}无效：{value}",
            f"unknown {what_en} {value!r}; choose from {', '.join(e.value for e in enum)}",
        ) from exc


#: The roles that file a report as a reviewer (and so import reports and run
#: the bulk checks, which file their hits as reports).
INTAKE_ROLES = (Role.MODERATOR, Role.SUPERVISOR)

FIELD_LIMITS = (  # (name, zh, longest), as the report and reporter tables hold them
    ("external_id", "举报编号", 64),
    ("reporter_external_id", "举报人编号", 64),
    ("reporter_name", "举报人姓名", 200),
    ("reporter_contact", "举报人联系方式", 200),
)


def clean_report_fields(**fields: str | None) -> dict[str, str | None]:
    """The free-text fields of a report without control characters (tab and newline
    kept), refused by name when longer than the database keeps."""
    out = {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}
    for name, zh, longest in FIELD_LIMITS:
        value = out.get(name)
        if isinstance(value, str) and len(value) > longest:
            raise ValidationError(
                f"{zh}超过 {longest} 个字符", f"{name} is longer than {longest} characters"
            )
    return out


@dataclass(frozen=True)
class ReceivedWindow:
    """The instants a ``received_at`` may take, against the writer's clock ``now``."""

    now: datetime
    max_age_days: float
    earliest: datetime
    latest: datetime

    @classmethod
    def at(cls, now: datetime, max_age_days: float) -> ReceivedWindow:
        now = require_aware(now, "now")
        return cls(now, max_age_days, now - timedelta(days=max_age_days), now + RECEIVED_AT_SKEW)

    def problem(self, received_at: datetime) -> tuple[str, str] | None:
        """Why ``received_at`` is refused, as (zh, en) naming no field, or None."""
        if self.earliest <= received_at <= self.latest:
            return None
        shown = received_at.astimezone(UTC).isoformat(timespec="seconds")
        if received_at > self.latest:
            minutes = int(RECEIVED_AT_SKEW.total_seconds() // 60)
            return (
                f"{shown} 晚于当前时间（允许误差 {minutes} 分钟）",
                f"{shown} is in the future (more than {minutes} minutes after "
                f"{self.now.astimezone(UTC).isoformat(timespec='seconds')})",
            )
        days = f"{self.max_age_days:g}"
        return (
            f"{shown} 早于 {days} 天前（设置 {RECEIVED_AT_MAX_AGE_SETTING}）",
            f"{shown} is more than {days} days ago (setting {RECEIVED_AT_MAX_AGE_SETTING})",
        )


def received_window(session: Session, now: datetime | None = None) -> ReceivedWindow:
    """The window of plausible ``received_at`` instants for a writer whose clock reads ``now``."""
    days = float(
        get_setting(session, RECEIVED_AT_MAX_AGE_SETTING, DEFAULT_RECEIVED_AT_MAX_AGE_DAYS)
    )
    return ReceivedWindow.at(now_or(now), days)


def check_received_at(window: ReceivedWindow, received_at: datetime, *, report: str = "") -> None:
    """ValidationError naming the field (and the report) when ``received_at`` is implausible."""
    problem = window.problem(received_at)
    if problem is None:
        return
    zh, en = problem
    which_zh = f"举报 {report} 的" if report else ""
    which_en = f" of report {report!r}" if report else ""
    raise ValidationError(
        f"{which_zh}received_at（收到时间）无效：{zh}", f"received_at{which_en} refused: {en}"
    )


def queue_for(kind: str, channel: str) -> Queue:
    """The queue a new case opens in: by channel, a complaint from a user to complaints."""
    if channel == Channel.USER_REPORT and kind == ReportKind.COMPLAINT:
        return Queue.COMPLAINTS
    return QUEUE_OF_CHANNEL[Channel(channel)]


def open_case(
    session: Session,
    actor: Actor | None,
    *,
    queue: str,
    target_account_id: int,
    category: str,
    now: datetime,
    parent_case_id: int | None = None,
    note: str | None = None,
    extra: dict | None = None,
    written_at: datetime | None = None,
) -> Case:
    """A new case in ``received``, its acceptance clock running, audited.

    ``now`` dates the case and starts its clock; the audit event is written at
    ``written_at`` (the writer's clock) when the case is dated by input data.
    """
    case = Case(
        queue=queue,
        target_account_id=target_account_id,
        category=category,
        parent_case_id=parent_case_id,
        resolution_note=note,
        opened_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    clocks.start_clock(session, stage=Stage.ACCEPT, at=now, case=case)
    refresh_priority(session, case)
    session.flush()
    audit.record(
        session,
        actor,
        "case.open",
        "case",
        case.id,
        case_id=case.id,
        account_id=target_account_id,
        after=case_state(case)
        | {"category": category, "parent_case_id": parent_case_id}
        | (extra or {}),
        at=written_at or now,
    )
    return case


def _find_open_case(
    session: Session, account_id: int, category: str, since: datetime, *, referral: bool
) -> Case | None:
    stmt = (
        select(Case)
        .where(
            Case.target_account_id == account_id,
            Case.category == category,
            Case.status.in_([s.value for s in OPEN_CASE_STATUSES]),
            Case.opened_at >= since,
            Case.queue != Queue.ESCALATIONS,
            (Case.queue == Queue.REFERRALS) == referral,  # referrals join only each other
        )
        .order_by(Case.opened_at.desc(), Case.id.desc())
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.exec(stmt).first()


def _reporter(
    session: Session, external_id: str | None, name: str, contact: str | None, at: datetime
) -> Reporter | None:
    if not external_id:
        return None
    reporter = session.exec(select(Reporter).where(Reporter.external_id == external_id)).first()
    if reporter is None:
        reporter = Reporter(external_id=external_id, name=name, contact=contact, first_seen_at=at)
        session.add(reporter)
        session.flush()
    return reporter


def describe_file(path: str) -> dict:
    """SHA-256, size and image facts of an evidence file; ``problem`` when it cannot be used.

    The same unchanged file (path, size, modification time, inode) is read
    once per process: evidence shared by many reports is not decoded again.
    """
    try:
        st = os.stat(path)
    except OSError:
        return _describe(path)
    return dict(_describe_unchanged(str(path), st.st_size, st.st_mtime_ns, st.st_ino))


@lru_cache(maxsize=4096)
def _describe_unchanged(path: str, _size: int, _mtime_ns: int, _inode: int) -> dict:
    return _describe(path)


def _describe(path: str) -> dict:
    """The facts of :func:`describe_file`, read from the file.

    The file is hashed in pieces, and an image is decoded only when its header
    claims at most :data:`MAX_EVIDENCE_PIXELS`, so a decompression bomb costs
    no memory.
    """
    facts: dict = {"path": str(path)}
    file = Path(path)
    digest = hashlib.sha256()
    try:
        with file.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        facts["size_bytes"] = file.stat().st_size
    except OSError as exc:
        facts["problem"] = f"文件无法读取 / file cannot be read: {exc.strerror or exc}"[:300]
        return facts
    facts["sha256"] = digest.hexdigest()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                fmt = image.format
                width, height = image.size
                if width * height > MAX_EVIDENCE_PIXELS:
                    facts["problem"] = (
                        f"图片尺寸过大（{width}×{height}），未解码 / image too large "
                        f"({width}x{height} pixels), not decoded"
                    )
                    return facts
                image.load()  # decoding the pixels finds truncated files too
                facts["width"], facts["height"] = width, height
                facts["mime_type"] = Image.MIME.get(fmt) if fmt else None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        facts["problem"] = "图片像素数超出上限，未解码 / image too large (pixel limit), not decoded"
    except UnidentifiedImageError:
        if file.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}:
            facts["problem"] = "图片无法打开 / the image cannot be opened"
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        facts["problem"] = f"图片已损坏 / the image is broken: {exc}"[:300]
    return facts


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
    """Record a report or complaint and file it on a case (new or joined).

    ``actor`` is None when the report arrives through a channel (import, the
    platform's form), else the moderator or supervisor entering it.
    ``received_at`` dates the report and the case; the audit events are
    written at ``now`` (the current instant; tests and the demo simulate it).
    """
    if actor is not None:
        require_role(actor, *INTAKE_ROLES, Role.PLATFORM)  # or the platform's API client
    require_aware(received_at, "received_at")
    now = now_or(now)
    cleaned = clean_report_fields(
        external_id=external_id,
        text=text,
        reporter_external_id=reporter_external_id,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
    )
    external_id, text = cleaned["external_id"], cleaned["text"]
    reporter_external_id = cleaned["reporter_external_id"]
    reporter_name, reporter_contact = cleaned["reporter_name"], cleaned["reporter_contact"]
    external_id = (external_id or "").strip()
    if not external_id:
        raise ValidationError("举报编号不能为空", "the report needs an external id")
    kind = _choice(kind, ReportKind, "举报类型", "kind")
    channel = _choice(channel, Channel, "渠道", "channel")
    category = _choice(category, ReportCategory, "举报类别", "category")
    check_received_at(received_window(session, now), received_at, report=external_id)
    hold_intake(session)  # one intake at a time: joins and new reporters never race
    existing = session.exec(select(Report).where(Report.external_id == external_id)).first()
    if existing is not None:
        return IntakeResult(
            existing, session.get(Case, existing.case_id), False, existing.weight > 0, True
        )
    get_account(session, target_account_id, lock=False)
    reporter = _reporter(
        session, reporter_external_id, reporter_name, reporter_contact, received_at
    )
    window = float(get_setting(session, JOIN_WINDOW_SETTING, DEFAULT_JOIN_WINDOW_DAYS))
    case = _find_open_case(
        session,
        target_account_id,
        category,
        received_at - timedelta(days=window),
        referral=channel == Channel.REGULATOR_REFERRAL,
    )
    joined = case is not None
    if case is None:
        case = open_case(
            session,
            actor,
            queue=queue_for(kind, channel),
            target_account_id=target_account_id,
            category=category,
            now=received_at,
            written_at=now,
        )
    repeat = reporter is not None and (
        session.exec(
            select(Report.id).where(Report.case_id == case.id, Report.reporter_id == reporter.id)
        ).first()
        is not None
    )
    report = Report(
        external_id=external_id,
        kind=kind,
        channel=channel,
        reporter_id=reporter.id if reporter else None,
        target_account_id=target_account_id,
        category=category,
        text=text,
        case_id=case.id,
        weight=0.0 if repeat else 1.0,
        received_at=received_at,
    )
    session.add(report)
    session.flush()
    attachments = [
        EvidenceAttachment(report_id=report.id, **describe_file(p)) for p in evidence_paths
    ]
    session.add_all(attachments)
    flagged = credibility.note_report(session, report, now)
    before = case_state(case)
    case.weight += report.weight
    if not repeat:
        case.reporter_count += 1
    refresh_priority(session, case)
    if joined:
        case.version += 1
        case.updated_at = received_at
    session.add(case)
    session.flush()
    audit.record(
        session,
        actor,
        "report.receive",
        "report",
        report.id,
        case_id=case.id,
        account_id=target_account_id,
        before=before,
        after=case_state(case)
        | {
            "report": {
                "external_id": external_id,
                "kind": kind,
                "channel": channel,
                "weight": report.weight,
            },
            "joined": joined,
            "evidence": [{"sha256": a.sha256, "problem": a.problem} for a in attachments],
            "flagged_reports": flagged,
        },
        at=now,
    )
    return IntakeResult(report, case, joined, not repeat)
