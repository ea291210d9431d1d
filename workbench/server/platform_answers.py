"""The answers of the platform's ``/v1`` routes: the batch's rows parsed, what was filed
or refused shaped as JSON (see :mod:`workbench.server.platform`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from workbench.errors import ValidationError, WorkbenchError
from workbench.importing.platform_accounts import ChangeFiled
from workbench.importing.platform_rows import MAX_BATCH, BatchOutcome, Filed, Problem, RowsRefused
from workbench.importing.platform_snapshots import SnapshotFiled
from workbench.operations import errors as op_errors

CONFLICT_KINDS = {kind for kind, status in op_errors.STATUS.items() if status == 409}


class TooMany(WorkbenchError):
    """A batch over :data:`MAX_BATCH` rows."""


def problem(p: Problem) -> dict:
    return dataclasses.asdict(p)


def refused_rows(exc: RowsRefused) -> tuple[int, dict]:
    """The status and body refusing a batch's rows: 409 when every problem is a conflict."""
    kinds = {p.kind for p in exc.problems}
    status = 409 if kinds and kinds <= CONFLICT_KINDS else 422
    error = op_errors.to_wire(
        op_errors.KINDS["Conflict" if status == 409 else "ValidationError"](exc.zh, exc.en)
    )
    error["problems"] = [problem(p) for p in exc.problems]
    return status, {"error": error}


def batch_rows(payload: Any, name: str) -> tuple[list[Any], bool]:
    if not isinstance(payload, dict) or not isinstance(payload.get(name), list):
        raise ValidationError(
            f'请求内容应为 {{"{name}": [...]}}', f'the body must be {{"{name}": [...]}}'
        )
    unknown = set(payload) - {name, "accept_partial"}
    if unknown:
        raise ValidationError(
            f"未知字段：{', '.join(sorted(unknown))}",
            f"unknown fields: {', '.join(sorted(unknown))}",
        )
    rows = payload[name]
    if not rows:
        raise ValidationError(f"{name} 不能为空", f"{name} is empty")
    if len(rows) > MAX_BATCH:
        raise TooMany(
            f"一次最多 {MAX_BATCH} 行（收到 {len(rows)} 行），请分批发送",
            f"a batch holds at most {MAX_BATCH} rows (got {len(rows)}); send it in parts",
        )
    partial = payload.get("accept_partial", False)
    if not isinstance(partial, bool):
        raise ValidationError(
            "accept_partial 应为 true 或 false", "accept_partial must be a boolean"
        )
    return rows, partial


def filed_answer(filed: Filed, noun: str) -> dict:
    answer: dict[str, Any] = {"row": filed.row, "external_id": filed.external_id}
    answer[f"{noun}_id"] = filed.id
    if noun == "report":
        answer["case_id"] = filed.case_id
    answer["existing"] = filed.existing
    return answer


def batch_answer(outcome: BatchOutcome, noun: str) -> dict:
    return answers(outcome, lambda filed: filed_answer(filed, noun))


def single_answer(outcome: BatchOutcome, noun: str) -> tuple[int, dict]:
    filed = outcome.accepted[0]
    return (200 if filed.existing else 201), filed_answer(filed, noun)


def change_answer(filed: Filed) -> dict:
    assert isinstance(filed, ChangeFiled)
    return {
        "row": filed.row,
        "external_id": filed.external_id,
        "change_request_id": filed.id,
        "account_id": filed.account_id,
        "outcome": filed.outcome,
        "hits": list(filed.hits),
        "refusal": filed.refusal,
        "existing": filed.existing,
    }


def snapshot_answer(filed: Filed) -> dict:
    assert isinstance(filed, SnapshotFiled)
    return {
        "row": filed.row,
        "id": filed.external_id,
        "account_id": filed.id,
        "result": filed.result,
        "followers_added": filed.followers_added,
        "transfers_added": filed.transfers_added,
        "existing": filed.existing,
    }


def answers(outcome: BatchOutcome, shape: Callable[[Filed], dict]) -> dict:
    return {
        "accepted": [shape(f) for f in outcome.accepted],
        "rejected": [problem(p) for p in outcome.rejected],
    }
