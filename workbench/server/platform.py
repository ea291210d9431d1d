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
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from workbench.db import run_in_transaction
from workbench.errors import NotSignedIn, ValidationError, WorkbenchError
from workbench.evidence_store import EvidenceStore, default_folder
from workbench.importing.platform import file_reports
from workbench.importing.platform_accounts import file_change_requests
from workbench.importing.platform_appeals import file_appeals
from workbench.importing.platform_rows import RowsRefused
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
from workbench.server.platform_answers import (
    TooMany,
    answers,
    batch_answer,
    batch_rows,
    change_answer,
    refused_rows,
    single_answer,
    snapshot_answer,
)
from workbench.server.sealer import timer_running
from workbench.server.stream import Broadcaster

PREFIX = "/v1"

#: A route's work: (session, caller, the parsed JSON body, accept_partial, now) → answer.
Handler = Callable[[Session, Caller, Any, bool, datetime], tuple[int, dict]]
#: Runs a batch's request elsewhere (the bulk intake process), with the arguments of
#: :meth:`PlatformRoutes.answer`.
BulkRunner = Callable[..., Awaitable["Answer"]]


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


@dataclasses.dataclass(frozen=True)
class PlatformRequest:
    """One ``/v1`` request as plain data (it may go to the bulk intake process)."""

    route: str  # the route's path under /v1, as registered
    method: str
    signed_path: str  # the path and query the signature covers
    body: bytes
    credentials: Credentials
    partial: bool  # ?accept_partial=true
    content_type: str | None
    at: datetime  # the server's clock when the request came


@dataclasses.dataclass(frozen=True)
class Answer:
    """What a ``/v1`` request answers, as plain data (it may come from the bulk intake
    process): the status, the JSON body, extra headers and what the request changed."""

    status: int
    body: dict
    headers: dict[str, str] | None = None
    changes: Changes | None = None

    def response(self) -> JSONResponse:
        return JSONResponse(self.body, status_code=self.status, headers=self.headers)


def refusal(exc: WorkbenchError) -> Answer:
    """A refusal in the shape of every other (see :func:`workbench.server.app._error`)."""
    if isinstance(exc, RowsRefused):
        return Answer(*refused_rows(exc))
    status = 413 if isinstance(exc, TooMany) else op_errors.status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, NotSignedIn) else None
    return Answer(status, {"error": op_errors.to_wire(exc)}, headers)


@dataclasses.dataclass(frozen=True)
class Route:
    scope: str
    handler: Handler
    form_field: str | None = None
    bulk: bool = False  # a batch: run by the bulk intake process when the server has one


class PlatformRoutes:
    """What every ``/v1`` route shares: the caller's signature and scope checked, the
    handler run in one transaction, its changes announced, refusals answered.

    Kept by the server (which adds each route to its router) and by the bulk intake
    process (:mod:`workbench.server.intake_process`, which runs the batches)."""

    def __init__(self, engine: Engine, key: bytes):
        self.engine, self.key = engine, key
        self.table: dict[str, Route] = {}
        self.summaries: dict[str, tuple[str, str]] = {}

    def answer(self, request: PlatformRequest) -> Answer:
        """The answer to one request; a fault (a bug) is raised."""
        route = self.table[request.route]

        def work(session: Session) -> tuple[int, dict, Changes]:
            clear_changes(session)
            if route.bulk:  # its events chained by this process (unless left to a timer)
                audit.seal_fully(session)
            caller = api_clients.verify(
                session,
                self.key,
                request.credentials,
                method=request.method,
                path=request.signed_path,
                body=request.body,
                scope=route.scope,
                now=request.at,
            )
            if request.method == "GET":
                payload: Any = dict(parse_qsl(urlsplit(request.signed_path).query))
            elif uploads.is_multipart(request.content_type):
                if route.form_field is None:
                    raise ValidationError(
                        "此接口只接收 JSON", "this route takes JSON, not multipart/form-data"
                    )
                payload = uploads.form(request.body, request.content_type or "", route.form_field)
            else:
                payload = _json(request.body)
            status, answer = route.handler(session, caller, payload, request.partial, request.at)
            return status, answer, announce(session)

        try:
            status, answer, changes = run_in_transaction(self.engine, work)
        except WorkbenchError as exc:
            return refusal(exc)
        except Exception as exc:
            readable = op_errors.readable(exc)
            if readable is None:
                raise
            return refusal(readable)
        return Answer(status, answer, None, changes)

    def add(self, path: str, scope: str, handler: Handler, summary: str, **options: Any) -> None:
        """Add a route: its scope, its work, a line for the OpenAPI document, and
        ``method`` (POST by default), ``form_field`` (multipart) or ``bulk``."""
        method = options.pop("method", "POST")
        self.table[path] = Route(scope, handler, **options)
        self.summaries[path] = (method, summary)


class _Server:
    """The ``/v1`` routes on the server's router: each request run in a thread, or a
    batch in the bulk intake process when there is one, its changes then announced."""

    def __init__(
        self,
        routes: PlatformRoutes,
        router: APIRouter,
        now: Callable[[], datetime | None],
        hub: Broadcaster,
        bulk: BulkRunner | None,
    ):
        self.routes, self.router, self.now, self.hub, self.bulk = routes, router, now, hub, bulk

    def mount(self) -> None:
        for path, route in self.routes.table.items():
            method, summary = self.routes.summaries[path]
            self._add(path, route, method, summary)

    def _add(self, path: str, route: Route, method: str, summary: str) -> None:
        async def endpoint(request: Request) -> JSONResponse:
            body = await request.body()
            query = request.url.query
            asked = PlatformRequest(
                route=path,
                method=request.method,
                signed_path=request.url.path + (f"?{query}" if query else ""),
                body=body,
                credentials=_credentials(request),
                partial=_flag(request),
                content_type=request.headers.get("content-type"),
                at=self.now() or utcnow(),
            )
            if route.bulk and self.bulk is not None:
                answer = await self.bulk(asked)
            else:
                answer = await run_in_threadpool(self.routes.answer, asked)
            if answer.changes is not None:
                self.hub.publish_local(answer.changes)
            return answer.response()

        endpoint.__name__ = "platform_" + path.strip("/").replace("/", "_")
        description = f"Scope: {route.scope}"
        if route.form_field is not None:
            description += (
                f". Also multipart/form-data: the JSON in the field `{route.form_field}`, "
                'images as file parts taken by evidence items {"part": NAME}'
                + (" or named `evidence`" if route.form_field == "report" else "")
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


def platform_routes(engine: Engine, key: bytes) -> PlatformRoutes:
    """The ``/v1`` routes' work on ``engine``, clients' secrets derived from ``key``."""
    routes = PlatformRoutes(engine, key)
    screener = _LazyScreener(engine)
    _report_routes(routes, EvidenceStore(default_folder(engine)))
    _appeal_routes(routes)
    _change_request_routes(routes, screener)
    _account_routes(routes, screener)
    _notice_routes(routes)
    return routes


def platform_router(
    engine: Engine,
    key: bytes,
    now: Callable[[], datetime | None],
    hub: Broadcaster,
    bulk: BulkRunner | None = None,
) -> APIRouter:
    """The ``/v1`` routes on ``engine``; batches go to ``bulk`` (the bulk intake
    process, :mod:`workbench.server.intake_process`) when given."""
    router = APIRouter(prefix=PREFIX, tags=["platform"])
    _Server(platform_routes(engine, key), router, now, hub, bulk).mount()
    return router


def _report_routes(routes: PlatformRoutes, store: EvidenceStore) -> None:
    def reports(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        outcome = file_reports(session, caller.actor, [payload], store=store, now=at)
        return single_answer(outcome, "report")

    def reports_batch(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        rows, flag = batch_rows(payload, "reports")
        if timer_running():  # the batch answers without chaining its events: the timer does
            audit.leave_to_timer(session)
        outcome = file_reports(
            session, caller.actor, rows, store=store, accept_partial=partial or flag, now=at
        )
        return 200, batch_answer(outcome, "report")

    routes.add(
        "/reports", "intake:reports", reports, "File one report or complaint",
        form_field="report",
    )  # fmt: skip
    routes.add(
        "/reports/batch", "intake:reports", reports_batch, "File up to 500 reports",
        form_field="reports", bulk=True,
    )  # fmt: skip


def _appeal_routes(routes: PlatformRoutes) -> None:
    def appeals(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        return single_answer(file_appeals(session, caller.actor, [payload], now=at), "appeal")

    def appeals_batch(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        rows, flag = batch_rows(payload, "appeals")
        outcome = file_appeals(session, caller.actor, rows, accept_partial=partial or flag, now=at)
        return 200, batch_answer(outcome, "appeal")

    routes.add("/appeals", "intake:appeals", appeals, "File one appeal against a measure")
    routes.add(
        "/appeals/batch", "intake:appeals", appeals_batch, "File up to 500 appeals", bulk=True
    )


def _change_request_routes(routes: PlatformRoutes, screener: _LazyScreener) -> None:
    def change_requests(session: Session, caller: Caller, payload, partial: bool, at: datetime):
        outcome = file_change_requests(
            session, caller.actor, [payload], screener=screener(), now=at
        )
        filed = outcome.accepted[0]
        return (200 if filed.existing else 201), change_answer(filed)

    def change_requests_batch(session: Session, caller: Caller, payload, partial: bool, at):
        rows, flag = batch_rows(payload, "change_requests")
        outcome = file_change_requests(
            session, caller.actor, rows, screener=screener(), accept_partial=partial or flag, now=at
        )
        return 200, answers(outcome, change_answer)

    routes.add(
        "/change_requests", "intake:change_requests", change_requests,
        "File one change to account information, screened on arrival",
    )  # fmt: skip
    routes.add(
        "/change_requests/batch", "intake:change_requests", change_requests_batch,
        "File up to 500 changes to account information", bulk=True,
    )  # fmt: skip


def _account_routes(routes: PlatformRoutes, screener: _LazyScreener) -> None:
    def accounts(session: Session, caller: Caller, payload: Any, partial: bool, at: datetime):
        outcome = file_account_snapshots(
            session, caller.actor, [payload], screener=screener(), now=at
        )
        filed = outcome.accepted[0]
        assert isinstance(filed, SnapshotFiled)
        return (201 if filed.result == "created" else 200), snapshot_answer(filed)

    def accounts_batch(session: Session, caller: Caller, payload: Any, partial: bool, at):
        rows, flag = batch_rows(payload, "accounts")
        outcome = file_account_snapshots(
            session, caller.actor, rows, screener=screener(), accept_partial=partial or flag, now=at
        )
        return 200, answers(outcome, snapshot_answer)

    routes.add("/accounts", "accounts:write", accounts, "Store one account snapshot")
    routes.add(
        "/accounts/batch",
        "accounts:write",
        accounts_batch,
        "Store up to 500 account snapshots",
        bulk=True,
    )


def _notice_routes(routes: PlatformRoutes) -> None:
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
