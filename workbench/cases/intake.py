"""Intake (受理前): what a report is and the rules by which it becomes a case.

Reports are filed by :func:`workbench.cases.intake_batch.receive_reports` (one
or many; ``receive_report`` files one through it); this module holds what that
path and the other intakes share: the report's fields checked and cleaned
(:class:`ReportInput`), the plausible ``received_at`` window, the queue a new
case opens in, the facts of evidence files, and :func:`open_case` for the cases
other services open (change requests).

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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.cases.casework import case_state, now_or
from workbench.cases.priority import refresh_priority
from workbench.errors import ValidationError
from workbench.models import Case
from workbench.models.codes import Channel, Queue, ReportCategory, ReportKind, Role, Stage
from workbench.records import audit
from workbench.records.entry_text import choice
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
class ReportInput:
    """One report or complaint to file (see :func:`workbench.cases.intake_batch.receive_reports`)."""

    external_id: str
    kind: str
    channel: str
    target_account_id: int
    category: str
    received_at: datetime
    text: str = ""
    reporter_external_id: str | None = None
    reporter_name: str = ""
    reporter_contact: str | None = None
    evidence_paths: tuple[str, ...] = ()


_TEXT_FIELDS = ("external_id", "text", "reporter_external_id", "reporter_name", "reporter_contact")


def checked_input(item: ReportInput) -> ReportInput:
    """``item`` validated and cleaned: the codes checked, the text fields without
    control characters and within their lengths, ``received_at`` aware and in UTC
    (the same input back when nothing needed cleaning, which is the rule for an
    import)."""
    require_aware(item.received_at, "received_at")
    # Each cleaned value keeps its field's type (str, or None where the field allows it).
    cleaned: dict[str, Any] = clean_report_fields(
        **{name: getattr(item, name) for name in _TEXT_FIELDS}
    )
    external_id = (cleaned["external_id"] or "").strip()
    if not external_id:
        raise ValidationError("举报编号不能为空", "the report needs an external id")
    cleaned["external_id"] = external_id
    kind = choice(item.kind, ReportKind, ("举报类型", "kind"))
    channel = choice(item.channel, Channel, ("渠道", "channel"))
    category = choice(item.category, ReportCategory, ("举报类别", "category"))
    received_at = item.received_at
    if received_at.tzinfo is not UTC:
        received_at = received_at.astimezone(UTC)
    unchanged = (
        all(type(v) is str for v in (item.kind, item.channel, item.category))
        and (kind, channel, category) == (item.kind, item.channel, item.category)
        and received_at is item.received_at
        and isinstance(item.evidence_paths, tuple)
        and all(cleaned[name] == getattr(item, name) for name in _TEXT_FIELDS)
    )
    if unchanged:
        return item
    return ReportInput(
        kind=kind,
        channel=channel,
        target_account_id=item.target_account_id,
        category=category,
        received_at=received_at,
        evidence_paths=tuple(item.evidence_paths),
        **cleaned,
    )


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
