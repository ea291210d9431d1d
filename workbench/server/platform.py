"""The platform's integration API, ``/v1/``: for the platform's systems, not reviewers.

A platform system is an API client an administrator registered
(``workbench api-client add NAME --scope …``); it signs each request with its
secret (HMAC-SHA256, see :mod:`workbench.platform.api_clients`) or sends it as
``Authorization: Bearer``.  The request is checked, and its work done, in one
transaction: a refused request writes nothing, not even the use of its
signature.  What it changes is audited with the client as the actor.

Routes (JSON bodies; a row's evidence images are base64 inside it, or, for
reports, file parts of a ``multipart/form-data`` body, see :mod:`.uploads`):

* ``POST /v1/reports`` one report or complaint; ``POST /v1/reports/batch``
  ``{"reports": [...], "accept_partial": false}`` (scope ``intake:reports``);
* ``POST /v1/appeals`` one appeal against a measure; ``POST /v1/appeals/batch``
  ``{"appeals": [...]}`` (scope ``intake:appeals``);
* ``POST /v1/change_requests`` one change to account information, screened on
  arrival and answered ``accepted``, ``held`` (with the hits) or ``refused``;
  ``POST /v1/change_requests/batch`` ``{"change_requests": [...]}`` (scope
  ``intake:change_requests``);
* ``POST /v1/accounts`` one account snapshot with its follower history and
  transfers; ``POST /v1/accounts/batch`` ``{"accounts": [...]}`` (scope
  ``accounts:write``); see :mod:`workbench.importing.platform_snapshots`.

Each row is filed once per ``external_id``: the same row again answers with the
record filed before (``"existing": true``); different content under the same id
is a 409 naming the fields.  A batch (up to :data:`MAX_BATCH` rows) is all or
nothing unless ``accept_partial`` (in the body, or ``?accept_partial=true``):
then the good rows are filed and the bad ones come back in ``rejected``.
A refusal is ``{"error": {"kind", "zh", "en", "problems": [{"row", "external_id",
"field", "kind", "zh", "en"}]}}``.

The rule engine's screener (lexicons and the closed names) is built once per
server process, on the first request that needs it, with the text rules only:
account snapshots and change requests carry no image files.

Out (scope ``notices:read``, see :mod:`workbench.platform.platform_outbox`):
``GET /v1/notices?after=SEQUENCE&limit=N`` lists the client's messages not yet
delivered; ``POST /v1/notices/ack`` ``{"delivery_ids": [...]}`` acknowledges them
(idempotent).  Each route is added with its scope through :func:`_route`.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from workbench.db import run_in_transaction
from workbench.errors import ValidationError, WorkbenchError
from workbench.evidence_store import EvidenceStore, default_folder
from workbench.importing.platform import file_reports
from workbench.importing.platform_accounts import ChangeFiled, file_change_requests
from workbench.importing.platform_appeals import file_appeals
from workbench.importing.platform_rows import MAX_BATCH, BatchOutcome, Filed, Problem, RowsRefused
from workbench.importing.platform_snapshots import SnapshotFiled, file_account_snapshots
from workbench.models import utcnow
from workbench.operations import errors as op_errors
from workbench.operations.runner import announce
from workbench.operations.screening import Screener, screener_for_database
from workbench.platform import api_clients, platform_outbox
from workbench.platform.api_clients import Caller, Credentials
from workbench.records import audit
from workbench.records.change_feed import Changes, clear_changes
from workbench.server import uploads
from workbench.server.sealer import timer_running
from workbench.server.stream import Broadcaster

PREFIX = "/v1"
CONFLICT_KINDS = {kind for kind, status in op_errors.STATUS.items() if status == 409}

#: A route's work: (session, caller, the parsed JSON body, accept_partial, now) → answer.
Handler = Callable[[Session, Caller, Any, bool, datetime], tuple[int, dict]]


class TooMany(WorkbenchError):
    """A batch over :data:`MAX_BATCH` rows."""


def _credentials(request: Request) -> Credentials:
    headers = request.headers
    authorization = headers.get("authorization") or ""
    bearer = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
    return Credentials(
        bearer=bearer,
        client=headers.get("x-workbench-client"),
        timestamp=headers.get("x-workbench-timestamp"),
        signature=headers.get("x-workbench-signature"),
    )


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            f"请求内容不是有效的 JSON：{exc}", f"the request body is not valid JSON: {exc}"
        ) from None


def _flag(request: Request) -> bool:
    value = (request.query_params.get("accept_partial") or "").lower()
    return value in ("1", "true", "yes")


def _problem(p: Problem) -> dict:
    return dataclasses.asdict(p)


def refused_rows(exc: RowsRefused) -> JSONResponse:
    kinds = {p.kind for p in exc.problems}
    status = 409 if kinds and kinds <= CONFLICT_KINDS else 422
    error = op_errors.to_wire(
        op_errors.KINDS["Conflict" if status == 409 else "ValidationError"](exc.zh, exc.en)
    )
    error["problems"] = [_problem(p) for p in exc.problems]
    return JSONResponse({"error": error}, status_code=status)


def _rows(payload: Any, name: str) -> tuple[list[Any], bool]:
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


def _filed(filed: Filed, noun: str) -> dict:
    answer: dict[str, Any] = {"row": filed.row, "external_id": filed.external_id}
    answer[f"{noun}_id"] = filed.id
    if noun == "report":
        answer["case_id"] = filed.case_id
    answer["existing"] = filed.existing
    return answer


def _batch_answer(outcome: BatchOutcome, noun: str) -> dict:
    return {
        "accepted": [_filed(f, noun) for f in outcome.accepted],
        "rejected": [_problem(p) for p in outcome.rejected],
    }


def _single_answer(outcome: BatchOutcome, noun: str) -> tuple[int, dict]:
    filed = outcome.accepted[0]
    return (200 if filed.existing else 201), _filed(filed, noun)


def _change_answer(filed: Filed) -> dict:
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


def _snapshot_answer(filed: Filed) -> dict:
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


def _answers(outcome: BatchOutcome, shape: Callable[[Filed], dict]) -> dict:
    return {
        "accepted": [shape(f) for f in outcome.accepted],
        "rejected": [_problem(p) for p in outcome.rejected],
    }


class _Routes:
    """What every ``/v1`` route shares: the caller's signature and scope checked, the
    handler run in one transaction, its changes announced, refusals answered."""

    def __init__(
        self,
        router: APIRouter,
        engine: Engine,
        key: bytes,
        now: Callable[[], datetime | None],
        hub: Broadcaster,
    ):
        self.router, self.engine, self.key, self.now, self.hub = router, engine, key, now, hub

    def run(
        self,
        method: str,
        path: str,
        body: bytes,
        credentials: Credentials,
        scope: str,
        partial: bool,
        handler: Handler,
        content_type: str | None = None,
        form_field: str | None = None,
    ) -> JSONResponse:
        at = self.now() or utcnow()

        def work(session: Session) -> tuple[int, dict, Changes]:
            clear_changes(session)
            caller = api_clients.verify(
                session,
                self.key,
                credentials,
                method=method,
                path=path,
                body=body,
                scope=scope,
                now=at,
            )
            if method == "GET":
                payload: Any = dict(parse_qsl(urlsplit(path).query))
            elif uploads.is_multipart(content_type):
                if form_field is None:
                    raise ValidationError(
                        "此接口只接收 JSON", "this route takes JSON, not multipart/form-data"
                    )
                payload = uploads.form(body, content_type or "", form_field)
            else:
                payload = _json(body)
            status, answer = handler(session, caller, payload, partial, at)
            return status, answer, announce(session)

        try:
            status, answer, changes = run_in_transaction(self.engine, work)
        except RowsRefused as exc:
            return refused_rows(exc)
        except TooMany as exc:
            return JSONResponse({"error": op_errors.to_wire(exc)}, status_code=413)
        except WorkbenchError:
            raise
        except Exception as exc:
            readable = op_errors.readable(exc)
            if readable is None:
                raise
            raise readable from exc
        self.hub.publish_local(changes)
        return JSONResponse(answer, status_code=status)

    def add(
        self,
        path: str,
        scope: str,
        handler: Handler,
        summary: str,
        method: str = "POST",
        form_field: str | None = None,
    ) -> None:
        async def endpoint(request: Request) -> JSONResponse:
            body = await request.body()
            query = request.url.query
            signed_path = request.url.path + (f"?{query}" if query else "")
            return await run_in_threadpool(
                self.run,
                request.method,
                signed_path,
                body,
                _credentials(request),
                scope,
                _flag(request),
                handler,
                request.headers.get("content-type"),
                form_field,
            )

        endpoint.__name__ = "platform_" + path.strip("/").replace("/", "_")
        description = f"Scope: {scope}"
        if form_field is not None:
            description += (
                f". Also multipart/form-data: the JSON in the field `{form_field}`, images as "
                'file parts taken by evidence items {"part": NAME}'
                + (" or named `evidence`" if form_field == "report" else "")
            )
        self.router.add_api_route(
            path, endpoint, methods=[method], summary=summary, description=description
        )


class _LazyScreener:
    """The server process's screener, built by the first request that needs it."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.built: Screener | None = None
        self.lock = threading.Lock()

    def __call__(self) -> Screener:
        with self.lock:
            if self.built is None:
                self.built = screener_for_database(self.engine, images=False)
            return self.built


def platform_router(
    engine: Engine,
    key: bytes,
    now: Callable[[], datetime | None],
    hub: Broadcaster,
) -> APIRouter:
    """The ``/v1`` routes on ``engine``, clients' secrets derived from ``key``."""
    router = APIRouter(prefix=PREFIX, tags=["platform"])
    routes = _Routes(router, engine, key, now, hub)
    screener = _LazyScreener(engine)
    _report_routes(routes, EvidenceStore(default_folder(engine)))
    _appeal_routes(routes)
    _change_request_routes(routes, screener)
    _account_routes(routes, screener)
    _notice_routes(routes)
    return router


def _report_routes(routes: _Routes, store: EvidenceStore) -> None:
    def reports(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        outcome = file_reports(session, caller.actor, [payload], store=store, now=at)
        return _single_answer(outcome, "report")

    def reports_batch(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        rows, flag = _rows(payload, "reports")
        if timer_running():  # the batch answers without chaining its events: the timer does
            audit.leave_to_timer(session)
        outcome = file_reports(
            session, caller.actor, rows, store=store, accept_partial=partial or flag, now=at
        )
        return 200, _batch_answer(outcome, "report")

    routes.add(
        "/reports", "intake:reports", reports, "File one report or complaint",
        form_field="report",
    )  # fmt: skip
    routes.add(
        "/reports/batch", "intake:reports", reports_batch, "File up to 500 reports",
        form_field="reports",
    )  # fmt: skip


def _appeal_routes(routes: _Routes) -> None:
    def appeals(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        return _single_answer(file_appeals(session, caller.actor, [payload], now=at), "appeal")

    def appeals_batch(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        rows, flag = _rows(payload, "appeals")
        outcome = file_appeals(session, caller.actor, rows, accept_partial=partial or flag, now=at)
        return 200, _batch_answer(outcome, "appeal")

    routes.add("/appeals", "intake:appeals", appeals, "File one appeal against a measure")
    routes.add("/appeals/batch", "intake:appeals", appeals_batch, "File up to 500 appeals")


def _change_request_routes(routes: _Routes, screener: _LazyScreener) -> None:
    def change_requests(session: Session, caller: Caller, payload, partial: bool, at: datetime):
        outcome = file_change_requests(
            session, caller.actor, [payload], screener=screener(), now=at
        )
        filed = outcome.accepted[0]
        return (200 if filed.existing else 201), _change_answer(filed)

    def change_requests_batch(session: Session, caller: Caller, payload, partial: bool, at):
        rows, flag = _rows(payload, "change_requests")
        outcome = file_change_requests(
            session, caller.actor, rows, screener=screener(), accept_partial=partial or flag, now=at
        )
        return 200, _answers(outcome, _change_answer)

    routes.add(
        "/change_requests", "intake:change_requests", change_requests,
        "File one change to account information, screened on arrival",
    )  # fmt: skip
    routes.add(
        "/change_requests/batch", "intake:change_requests", change_requests_batch,
        "File up to 500 changes to account information",
    )  # fmt: skip


def _account_routes(routes: _Routes, screener: _LazyScreener) -> None:
    def accounts(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        outcome = file_account_snapshots(
            session, caller.actor, [payload], screener=screener(), now=at
        )
        filed = outcome.accepted[0]
        assert isinstance(filed, SnapshotFiled)
        return (201 if filed.result == "created" else 200), _snapshot_answer(filed)

    def accounts_batch(session: Session, caller: Caller, payload: Any, partial: bool, at):
        rows, flag = _rows(payload, "accounts")
        outcome = file_account_snapshots(
            session, caller.actor, rows, screener=screener(), accept_partial=partial or flag, now=at
        )
        return 200, _answers(outcome, _snapshot_answer)

    routes.add("/accounts", "accounts:write", accounts, "Store one account snapshot")
    routes.add(
        "/accounts/batch", "accounts:write", accounts_batch, "Store up to 500 account snapshots"
    )


def _notice_routes(routes: _Routes) -> None:
    def notices(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        after, limit = payload.get("after", "0"), payload.get("limit", "100")
        if not after.isdigit() or not limit.isdigit() or len(after) > 18 or len(limit) > 6:
            raise ValidationError(
                "after 与 limit 须为非负整数", "after and limit must be non-negative integers"
            )
        rows = platform_outbox.pending_for(
            session, caller.client_id, after=int(after), limit=int(limit)
        )
        return 200, {"notices": rows, "after": rows[-1]["sequence"] if rows else int(after)}

    def notices_ack(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        ids = payload.get("delivery_ids") if isinstance(payload, dict) else None
        return 200, platform_outbox.acknowledge(session, caller.actor, caller.client_id, ids, at)

    routes.add(
        "/notices", "notices:read", notices,
        "Replies, notices and measures not yet delivered, after a sequence", method="GET",
    )  # fmt: skip
    routes.add("/notices/ack", "notices:read", notices_ack, "Acknowledge messages by delivery id")
