"""Importing what account holders sent in: appeals (2021/20) and change requests (2022/10).

Appeals, one per row: ``external_id`` (required, the idempotency key), ``measure_id``
(required, the measure contested), ``account_id`` (optional platform id; when given it
must be the measure's account), ``appellant_name`` and ``text`` (required),
``appellant_contact``, ``channel`` (phone, letter, email or in_person; default letter)
and ``received_at`` (required, ISO 8601 with an offset).  Each is filed through
:func:`workbench.measures.appeals.file_appeal`, so the window and the one open appeal per
measure are checked and the decision clock starts at ``received_at``.

Change requests, one field per row: ``external_id`` (required), ``account_id`` (required,
platform id), ``field`` (name, bio, signature or certification), ``value`` (required) and
``reason``.  Each goes through :func:`workbench.measures.corrections.submit_change_request`
with the rule engine's ``screen``: no hit applies it, a hit holds it for a moderator.

All or nothing: every row is checked and tried in the import's one transaction; a row
the checks or the services refuse is named with its line and field, and then nothing is
kept (:class:`~workbench.importing.run.BadRows`).  A row whose ``external_id`` was
imported before is skipped, so importing a file twice files nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from workbench.cases.intake import received_window
from workbench.errors import ValidationError, WorkbenchError
from workbench.importing.fields import Row
from workbench.importing.records import Record
from workbench.measures.appeals import file_appeal
from workbench.measures.corrections import Screen, submit_change_request
from workbench.measures.holder_intake import APPEAL_CHANNELS, TEXT_FIELDS
from workbench.models import Account, Appeal, ChangeRequest, Measure
from workbench.models.codes import ChangeRequestStatus

APPEALS = "appeals"
CHANGE_REQUESTS = "change-requests"
MAX_TEXT = 10_000


@dataclass
class HolderImport:
    what: str
    filed: int = 0  # new appeals or change requests
    already_known: int = 0  # external ids imported before: nothing filed
    passed: int = 0  # change requests screening passed at once
    held: int = 0  # change requests held for a moderator


def _known(session: Session, model, ext: str) -> bool:
    return session.exec(select(model.id).where(model.external_id == ext)).first() is not None


def _refusal_field(exc: WorkbenchError, default: str, time_field: str | None) -> str:
    """The field a service refusal is about: ``time_field`` when it is about the window
    or the date (an appeal's), else ``default``."""
    timely = any(w in exc.zh for w in ("期限", "时间", "日期"))
    if time_field is not None and isinstance(exc, ValidationError) and timely:
        return time_field
    return default


def _file(session: Session, record: Record, work, default_field: str, time_field=None):
    """Run ``work`` in a savepoint; a refusal by the service becomes the row's problem."""
    try:
        with session.begin_nested():
            return work()
    except WorkbenchError as exc:
        field = _refusal_field(exc, default_field, time_field)
        record.problems.append(f"{field}: {exc.zh} / {exc.en}")
        return None


def _first_lines(record: Record, row: Row, ext: str | None, seen: dict[str, int]) -> None:
    if not ext:
        return
    if ext in seen:
        row.bad("external_id", f"与第 {seen[ext]} 行重复", f"{ext!r} is also on line {seen[ext]}")
    else:
        seen[ext] = record.line


def import_appeals(
    session: Session, records: list[Record], base: Path, *, actor=None, now: datetime
) -> HolderImport:
    """File the appeals of ``records`` in ``session``; problems go to each record."""
    summary = HolderImport(APPEALS)
    window = received_window(session, now)
    seen: dict[str, int] = {}
    for record in records:
        if record.data is None:
            continue
        row = Row(record.data, base, record.line)
        ext = row.text("external_id", max_length=64, required=True)
        measure_id = row.integer("measure_id", minimum=1, maximum=2**62)
        if row.raw("measure_id") is None:
            row.bad("measure_id", "必填", "required")
        platform_id = row.text("account_id", max_length=64)
        name = row.text("appellant_name", max_length=200, required=True)
        contact = row.text("appellant_contact", max_length=200)
        text = row.text("text", max_length=MAX_TEXT, required=True)
        channel = row.text("channel", max_length=16) or "letter"
        if channel not in APPEAL_CHANNELS:
            row.bad("channel", f"应为 {'、'.join(APPEAL_CHANNELS)} 之一",
                    f"must be one of {', '.join(APPEAL_CHANNELS)}")  # fmt: skip
        received_at = row.instant("received_at", required=True)
        if received_at is not None and (problem := window.problem(received_at)) is not None:
            row.bad("received_at", *problem)
        _first_lines(record, row, ext, seen)
        if measure_id is not None:
            measure = session.get(Measure, measure_id)
            if measure is None:
                row.bad("measure_id", f"处置 {measure_id} 不存在", f"no measure {measure_id}")
            elif (
                platform_id
                and session.get_one(Account, measure.account_id).platform_id != platform_id
            ):
                row.bad("account_id", f"处置 {measure_id} 不是账号 {platform_id} 的",
                        f"measure {measure_id} was not taken on account {platform_id!r}")  # fmt: skip
        record.problems += row.problems
        if record.problems:
            continue
        if _known(session, Appeal, ext):
            summary.already_known += 1
            continue

        def work(ext=ext, measure_id=measure_id, name=name, contact=contact, text=text,
                 channel=channel, received_at=received_at):  # fmt: skip
            appeal = file_appeal(
                session, actor, measure_id=measure_id, appellant_name=name,
                appellant_contact=contact, text=text, received_at=received_at,
                channel=channel, now=now,
            )  # fmt: skip
            appeal.external_id = ext
            session.add(appeal)
            session.flush()
            return appeal

        if _file(session, record, work, "measure_id", "received_at") is not None:
            summary.filed += 1
    return summary


def import_change_requests(
    session: Session,
    records: list[Record],
    base: Path,
    *,
    screen: Screen,
    actor=None,
    now: datetime,
) -> HolderImport:
    """Submit the change requests of ``records``, screened by ``screen``."""
    summary = HolderImport(CHANGE_REQUESTS)
    seen: dict[str, int] = {}
    for record in records:
        if record.data is None:
            continue
        row = Row(record.data, base, record.line)
        ext = row.text("external_id", max_length=64, required=True)
        platform_id = row.text("account_id", max_length=64, required=True)
        field = row.text("field", max_length=32, required=True)
        if field is not None and field not in TEXT_FIELDS:
            row.bad("field", f"应为 {'、'.join(TEXT_FIELDS)} 之一",
                    f"must be one of {', '.join(TEXT_FIELDS)}")  # fmt: skip
        value = row.text("value", max_length=MAX_TEXT, required=True)
        reason = row.text("reason", max_length=1000)
        _first_lines(record, row, ext, seen)
        account = None
        if platform_id:
            account = session.exec(
                select(Account).where(Account.platform_id == platform_id)
            ).first()
            if account is None:
                row.bad("account_id", f"账号 {platform_id} 不存在",
                        f"no account with platform id {platform_id!r}")  # fmt: skip
        record.problems += row.problems
        if record.problems:
            continue
        if _known(session, ChangeRequest, ext):
            summary.already_known += 1
            continue

        def work(ext=ext, account=account, field=field, value=value, reason=reason):
            return submit_change_request(
                session, actor, account.id, {field: value.strip()}, screen,
                now=now, external_id=ext, reason=reason,
            )  # fmt: skip

        request = _file(session, record, work, "value")
        if request is None:
            continue
        summary.filed += 1
        if request.status == ChangeRequestStatus.PASSED:
            summary.passed += 1
        else:
            summary.held += 1
    return summary


__all__ = ["APPEALS", "CHANGE_REQUESTS", "HolderImport", "import_appeals", "import_change_requests"]
