"""What every batch the platform's API sends has in common: rows, their problems, the outcome.

Each row is a JSON object; every problem with it is named by row and field
(:class:`Problem`), not only the first.  A batch either files its good rows and
answers with the bad ones (``accept_partial``) or, with any bad row, raises
:class:`RowsRefused` so the caller rolls everything back.  Each row is filed in a
savepoint (:func:`file_in_savepoint`), so a refused row leaves nothing behind.
Used by :mod:`workbench.importing.platform` (reports), ``platform_appeals`` and
``platform_accounts`` (change requests) and ``platform_snapshots``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from workbench.errors import WorkbenchError
from workbench.importing.fields import Row
from workbench.models import Account
from workbench.models.base import one_of, saved

MAX_BATCH = 500
MAX_TEXT = 20_000


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


class CheckedRow(Row):
    """A row's fields read with the import's checks, each problem kept with its field."""

    def __init__(self, data: dict, index: int):
        super().__init__(data, Path("."))
        self.index = index
        self.found: list[tuple[str, str, str]] = []

    def bad(self, name: str, zh: str, en: str) -> None:
        self.found.append((name, zh, en))


def _kind_of(exc: WorkbenchError) -> str:
    return type(exc).__name__


def shape_row(data: Any, index: int, allowed: set[str]) -> tuple[CheckedRow | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [
            Problem(index, None, "(row)", "ValidationError", "应为 JSON 对象", "must be an object")
        ]
    row = CheckedRow(data, index)
    for name in sorted(set(data) - allowed):
        row.bad(str(name)[:64], "未知字段", f"unknown field; use {', '.join(sorted(allowed))}")
    return row, []


def row_problems(row: CheckedRow, external_id: str | None) -> list[Problem]:
    return [
        Problem(row.index, external_id, f, "ValidationError", zh, en) for f, zh, en in row.found
    ]


def duplicate_ids(rows: list[tuple[int, str | None]]) -> list[Problem]:
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


def conflict(index: int, ext: str, fields: list[str]) -> Problem:
    names = ", ".join(fields)
    return Problem(
        index,
        ext,
        names,
        "Conflict",
        f"编号 {ext} 已受理，但 {names} 与已受理的内容不同，未重复受理",
        f"{ext!r} was already received with a different {names}; nothing was changed",
    )


def read_rows(
    rows: list[Any], allowed: set[str], read: Callable[[CheckedRow], dict], outcome: BatchOutcome
) -> list[tuple[int, dict]]:
    """(index, fields) of each row ``read`` finds no problem in; every problem (not an
    object, an unknown field, a bad value, an external id given twice) into
    ``outcome.rejected``.  ``read`` returns the row's fields, ``external_id`` among them."""
    parsed: list[tuple[int, dict]] = []
    for index, data in enumerate(rows):
        row, problems = shape_row(data, index, allowed)
        outcome.rejected += problems
        if row is None:
            continue
        fields = read(row)
        outcome.rejected += row_problems(row, fields["external_id"])
        if not row.found:
            parsed.append((index, fields))
    outcome.rejected += duplicate_ids([(i, f["external_id"]) for i, f in parsed])
    return parsed


def unknown_account(index: int, ext: str, field: str, platform_id: str) -> Problem:
    """The problem of a row naming an account the workbench does not have."""
    return Problem(
        index,
        ext,
        field,
        "ValidationError",
        f"账号 {platform_id} 不存在",
        f"no account with platform id {platform_id!r}",
    )


@contextmanager
def scratch_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="workbench-api-") as folder:
        yield Path(folder)


def finish_batch(outcome: BatchOutcome, accept_partial: bool) -> BatchOutcome:
    outcome.rejected.sort(key=lambda p: p.row)
    outcome.accepted.sort(key=lambda f: f.row)
    if outcome.rejected and not accept_partial:
        raise RowsRefused(outcome.rejected)
    return outcome


def file_in_savepoint(session: Session, outcome: BatchOutcome, index: int, ext: str, work) -> None:
    """Run ``work()`` in a savepoint: a refused row leaves nothing of itself behind."""
    try:
        with session.begin_nested():
            outcome.accepted.append(work())
    except WorkbenchError as exc:
        outcome.rejected.append(Problem(index, ext, "(row)", _kind_of(exc), exc.zh, exc.en))


def account_ids_by_platform_id(session: Session, platform_ids: set[str]) -> dict[str, int]:
    """The workbench's id of each account known by one of ``platform_ids``."""
    found: dict[str, int] = {}
    ordered = sorted(platform_ids)
    dialect = session.get_bind().dialect.name
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        for account_id, platform_id in session.exec(
            select(col(Account.id), col(Account.platform_id)).where(
                one_of(col(Account.platform_id), part, dialect)
            )
        ):
            found[platform_id] = saved(account_id)
    return found
