"""The log of regulator's reports made (2022/17 及时报告, 2021/19): what went to the regulator.

Each report written, by ``workbench report`` or from the desktop, leaves one row:
the period it covers, the format, who made it (the signed-in reviewer, or the
database owner's login on this machine for the command line without ``--as``),
when, whether it held personal data in full, how many measures it listed, and
the SHA-256 of the file as written, so the copy the regulator holds can be told
apart from any other.  Audited as ``regulator_report.made``; rows are never
changed or removed.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import ValidationError
from workbench.models.codes import Role
from workbench.models.regulation import REPORT_FORMATS, RegulatorReportLog
from workbench.records import audit

SOURCES = ("command", "desktop")
REPORTING_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)


def file_sha256(path: Path) -> tuple[str, int]:
    """The SHA-256 and size of a file, read in pieces."""
    digest = hashlib.sha256()
    size = 0
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def log_report(
    session: Session,
    actor: Actor | None,
    *,
    start: date,
    end: date,
    fmt: str,
    sha256: str,
    size_bytes: int,
    measures: int,
    unmasked: bool,
    source: str,
    now: datetime,
    owner_login: str = "",
) -> RegulatorReportLog:
    """Record a report made.  ``actor`` None is the database owner's own command on this
    machine (``owner_login`` names them); a reviewer needs a supervisor's or an
    administrator's role."""
    if actor is not None:
        require_role(actor, *REPORTING_ROLES)
    if fmt not in REPORT_FORMATS:
        raise ValidationError(f"格式无效：{fmt}", f"format must be csv, xlsx or pdf, not {fmt!r}")
    if source not in SOURCES:
        raise ValidationError(f"来源无效：{source}", "source must be command or desktop")
    if end < start:
        raise ValidationError(f"截止日期 {end} 早于起始日期 {start}", f"{end} is before {start}")
    sha256 = sha256.strip().lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValidationError("文件哈希应为 64 位十六进制 SHA-256", "sha256 must be 64 hex digits")
    if actor is not None:
        label = f"{actor.display_name} ({actor.login})"
    else:
        label = f"数据库所有者 / database owner {owner_login}".strip()
    row = RegulatorReportLog(
        period_start=start,
        period_end=end,
        format=fmt,
        made_by=actor.id if actor is not None else None,
        made_by_label=label[:120],
        made_at=now,
        sha256=sha256,
        size_bytes=max(0, int(size_bytes)),
        measures=max(0, int(measures)),
        unmasked=unmasked,
        source=source,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "regulator_report.made",
        "regulator_report_log",
        row.id,
        after={
            "period": [start.isoformat(), end.isoformat()],
            "format": fmt,
            "sha256": sha256,
            "size_bytes": row.size_bytes,
            "measures": row.measures,
            "unmasked": unmasked,
            "source": source,
            "made_by": label,
        },
        at=now,
    )
    return row


def reports_made(session: Session, *, limit: int = 500) -> list[RegulatorReportLog]:
    """The reports made, newest first."""
    return list(
        session.exec(
            select(RegulatorReportLog)
            .order_by(col(RegulatorReportLog.made_at).desc(), col(RegulatorReportLog.id).desc())
            .limit(limit)
        ).all()
    )
