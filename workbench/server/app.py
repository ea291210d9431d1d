"""``workbench serve``: the operations as JSON over HTTP, behind reviewer sign-in.

The server alone holds the database credentials.  A reviewer signs in
(``POST /api/v1/session``) and gets a token; every operation is
``POST /api/v1/ops/NAME`` with its keyword arguments as the JSON body and the
token as ``Authorization: Bearer``.  The server resolves the token to the
reviewer on each request, runs the operation in one transaction with the
server's clock, and answers ``{"result": ..., "changes": ...}``; a refusal
is ``{"error": {"kind", "zh", "en"}}`` with a 4xx status.  Writes take an
``Idempotency-Key`` header: a retry after a lost answer applies once.
Changes reach connected clients through ``GET /api/v1/changes``
(server-sent events).  ``/openapi.json`` documents it all.
"""

import asyncio
import inspect
import logging
import math
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import workbench.operations.catalogue  # noqa: F401  (registers every operation)
from workbench.access import auth, sessions
from workbench.db import run_in_transaction, session_scope
from workbench.errors import NotSignedIn, WorkbenchError
from workbench.operations import api_clients as api_client_ops
from workbench.operations import errors as op_errors
from workbench.operations.core import REGISTRY, OperationSpec
from workbench.operations.runner import execute
from workbench.server.deliverer import INTERVAL as DELIVER_INTERVAL
from workbench.server.deliverer import WebhookDeliverer
from workbench.server.intake_process import BulkIntake
from workbench.server.platform import platform_router
from workbench.server.stream import Broadcaster
from workbench.server.sweeper import MINUTES as SWEEP_MINUTES
from workbench.server.sweeper import CaseSweeper
from workbench.server.ticker import INTERVAL, ClockTicker

log = logging.getLogger(__name__)

API = "/api/v1"
MAX_BODY = 2 * 1024 * 1024
MAX_KEY = 100


class SignIn(BaseModel):
    login: str = Field(max_length=100)
    password: str = Field(max_length=200)
    client: str = Field(default="", max_length=200)


class Reviewer(BaseModel):
    reviewer_id: int
    login: str
    display_name: str
    roles: list[str]


class SignedIn(Reviewer):
    token: str
    expires_at: datetime


def _error(exc: WorkbenchError, *, status: int | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": op_errors.to_wire(exc)},
        status_code=status or op_errors.status_of(exc),
        headers={"WWW-Authenticate": "Bearer"} if isinstance(exc, NotSignedIn) else None,
    )


class _TooLarge(StarletteHTTPException):
    """Raised from the body as it is read: the framework passes an HTTP error
    through to :func:`create_app`'s handler, which answers 413 in words."""

    def __init__(self) -> None:
        super().__init__(413, "request body too large")


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with a 413 in words, counting the
    bytes as they arrive (a body sent in chunks has no Content-Length to trust)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = _error(
            op_errors.KINDS["ValidationError"](
                f"请求过大（上限 {self.limit // 1024} KB）",
                f"the request body is larger than {self.limit // 1024} KB",
            ),
            status=413,
        )
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


def _bearer(authorization: Annotated[str | None, Header()] = None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise NotSignedIn("请先登录", "sign in first: send Authorization: Bearer TOKEN")
    return authorization[7:].strip()


def create_app(
    engine: Engine,
    *,
    session_lifetime: timedelta = sessions.DEFAULT_LIFETIME,
    clock: Callable[[], datetime | None] | None = None,
    broadcaster: Broadcaster | None = None,
    tick_every: float = INTERVAL,
    server_key: bytes | None = None,
    deliver_every: float | None = None,
    sweep_every: float | None = None,
    bulk_intake: BulkIntake | None = None,
) -> FastAPI:
    """The ASGI application on ``engine`` (opened and migrated by the caller).

    ``server_key`` is what the platform clients' secrets derive from (the key
    file's); without one, a random key for this process (a test's server).
    ``deliver_every``: seconds between the webhook deliverer's rounds; by default
    :data:`~.deliverer.INTERVAL`, or none when ``tick_every`` is 0 (a test drives both).
    ``sweep_every``: seconds between the case sweeps (:mod:`.sweeper`); by default
    five minutes, or none when ``tick_every`` is 0; 0 leaves sweeping to a cron job.
    ``bulk_intake``: the process the ``/v1`` batches run in (:mod:`.intake_process`);
    without one they run in the server's threads."""
    app = FastAPI(
        title="账号信息投诉举报处理工作台 · Workbench server",
        version="1",
        description=__doc__,
        docs_url=None,  # its page loads scripts from a CDN a team network may not reach
        redoc_url=None,
    )
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    hub = broadcaster or Broadcaster(engine)
    app.state.broadcaster = hub
    ticker = ClockTicker(engine, hub.publish_local, interval=tick_every, clock=clock)
    app.state.ticker = ticker
    app.router.add_event_handler("startup", hub.start)
    app.router.add_event_handler("startup", ticker.start)
    app.router.add_event_handler("shutdown", ticker.stop)
    app.router.add_event_handler("shutdown", hub.stop)

    def now() -> datetime | None:
        return clock() if clock is not None else None

    _answer_errors(app)
    _reviewer_routes(app, engine, now, session_lifetime, hub)
    for spec in REGISTRY.values():
        _add_operation(app, engine, spec, now, hub)
    key = server_key or secrets.token_bytes(32)
    api_client_ops.use_server_key(key)
    if deliver_every is None:
        deliver_every = DELIVER_INTERVAL if tick_every > 0 else 0
    deliverer = WebhookDeliverer(engine, key, interval=deliver_every, clock=clock)
    app.state.deliverer = deliverer
    app.router.add_event_handler("startup", deliverer.start)
    app.router.add_event_handler("shutdown", deliverer.stop)
    if sweep_every is None:
        sweep_every = SWEEP_MINUTES * 60 if tick_every > 0 else 0
    sweeper = CaseSweeper(engine, hub.publish_local, interval=sweep_every, clock=clock)
    app.state.sweeper = sweeper
    app.router.add_event_handler("startup", sweeper.start)
    app.router.add_event_handler("shutdown", sweeper.stop)
    if bulk_intake is not None:
        app.router.add_event_handler("startup", bulk_intake.start)
        app.router.add_event_handler("shutdown", bulk_intake.stop)
    app.include_router(platform_router(engine, key, now, hub, bulk_intake))
    return app


def _answer_errors(app: FastAPI) -> None:
    """Every refusal and fault answered in one shape, ``{"error": {kind, zh, en}}``."""

    @app.exception_handler(WorkbenchError)
    async def refused(_request: Request, exc: WorkbenchError) -> JSONResponse:
        return _error(exc)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        # A fault (a bug): the transaction was rolled back; the client gets words, the
        # log the traceback (uvicorn logs it as the exception passes on).
        log.error("%s %s failed: %r", request.method, request.url.path, exc)
        return JSONResponse(
            {
                "error": {
                    "kind": "WorkbenchError",
                    "zh": "服务器内部错误，操作未完成，已记录日志",
                    "en": "the server failed on this request; nothing was done (logged)",
                }
            },
            status_code=500,
        )

    @app.exception_handler(RequestValidationError)
    async def malformed(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or '(body)'}: "
            f"{e.get('msg', '')}"
            for e in exc.errors()[:10]
        )
        return _error(
            op_errors.KINDS["ValidationError"](
                f"请求内容有误：{problems}", f"the request is malformed: {problems}"
            )
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_refusal(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        """Refusals the framework makes (too large a body, no such path) in the same
        shape as every other refusal, so a client reads them in words."""
        if exc.status_code == 413:
            zh = f"请求过大（上限 {MAX_BODY // 1024} KB）"
            en = f"the request body is larger than {MAX_BODY // 1024} KB"
        elif exc.status_code in (404, 405):
            zh, en = "没有这个接口", f"no such endpoint ({exc.status_code})"
        else:
            zh, en = f"请求被拒绝（{exc.status_code}）", f"refused: {exc.detail}"
        return JSONResponse(
            {"error": {"kind": "ValidationError", "zh": zh, "en": en}},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )


def _reviewer_routes(
    app: FastAPI,
    engine: Engine,
    now: Callable[[], datetime | None],
    session_lifetime: timedelta,
    hub: Broadcaster,
) -> None:
    """The health check, signing a reviewer in and out, and the stream of changes."""

    @app.get("/healthz", tags=["server"])
    def health() -> dict[str, str]:
        with session_scope(engine, write=False) as session:
            session.connection().exec_driver_sql("SELECT 1")
        return {"status": "ok"}

    @app.post(f"{API}/session", tags=["sign-in"], response_model=SignedIn)
    def sign_in(body: SignIn) -> SignedIn:
        """Sign a reviewer in; five wrong passwords lock the login for 15 minutes."""
        at = now()
        actor = auth.sign_in(engine, body.login, body.password, now=at)

        def open_(session):
            return sessions.open_session(
                session, actor, lifetime=session_lifetime, client=body.client, now=at
            )

        token, expires = run_in_transaction(engine, open_)
        return SignedIn(
            token=token,
            expires_at=expires,
            reviewer_id=actor.id,
            login=actor.login,
            display_name=actor.display_name,
            roles=sorted(actor.roles),
        )

    @app.get(f"{API}/session", tags=["sign-in"], response_model=Reviewer)
    def who(token: Annotated[str, Depends(_bearer)]) -> Reviewer:
        """The reviewer the token signs in (refused once it has expired or was revoked)."""
        with session_scope(engine, write=False) as session:
            actor = sessions.resolve(session, token, now=now())
        return Reviewer(
            reviewer_id=actor.id,
            login=actor.login,
            display_name=actor.display_name,
            roles=sorted(actor.roles),
        )

    @app.delete(f"{API}/session", tags=["sign-in"], status_code=204)
    def sign_out(token: Annotated[str, Depends(_bearer)]) -> None:
        """End the sign-in: the token stops working at once."""
        run_in_transaction(engine, lambda s: sessions.close_session(s, token, now=now()))

    @app.get(f"{API}/changes", tags=["changes"])
    async def changes(token: Annotated[str, Depends(_bearer)]) -> StreamingResponse:
        """Server-sent events: one ``changes`` event per committed change, a comment
        every 15 s to keep the connection open.  The stream ends when the sign-in
        does (checked again every 30 s)."""

        def check() -> None:
            with session_scope(engine, write=False) as session:
                sessions.resolve(session, token, now=now())

        async def alive() -> bool:
            try:
                await asyncio.to_thread(check)
            except WorkbenchError:
                return False
            return True

        await asyncio.to_thread(check)  # not on the event loop: the database may be busy
        return StreamingResponse(
            hub.events(alive),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )


INT64 = 2**63


def _unstorable(value: Any, path: str = "") -> str | None:
    """Where ``value`` (an operation's JSON arguments) holds what no database column
    takes: an integer beyond 64 bits, a number that is not finite, text with NUL.
    Refused here in words; the database would fail the request instead."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return None if -INT64 <= value < INT64 else path or "(body)"
    if isinstance(value, float):
        return None if math.isfinite(value) else path or "(body)"
    if isinstance(value, str):
        return path or "(body)" if "\x00" in value else None
    if isinstance(value, dict):
        items = [(str(k), v) for k, v in value.items()]
    elif isinstance(value, list | tuple):
        items = [(str(i), v) for i, v in enumerate(value)]
    else:
        return None
    for key, item in items:
        where = f"{path}.{key}" if path else key
        found = _unstorable(key, where) or _unstorable(item, where)
        if found is not None:
            return found
    return None


def _add_operation(
    app: FastAPI,
    engine: Engine,
    spec: OperationSpec,
    now: Callable[[], datetime | None],
    hub: Broadcaster,
) -> None:
    def endpoint(body: BaseModel, token: str, idempotency_key: str | None) -> JSONResponse:
        if idempotency_key is not None and not 0 < len(idempotency_key) <= MAX_KEY:
            raise op_errors.KINDS["ValidationError"](
                f"Idempotency-Key 长度须为 1–{MAX_KEY}", f"Idempotency-Key must be 1-{MAX_KEY} long"
            )
        wire = body.model_dump(mode="json")
        field = _unstorable(wire)
        if field is not None:
            raise op_errors.KINDS["ValidationError"](
                f"请求内容有误：{field} 超出范围或含有 NUL 字符",
                f"the request is malformed: {field} is out of range or contains a NUL character",
            )
        arguments = {name: getattr(body, name) for name in type(body).model_fields}

        def actor_source(session):
            if token == "" and spec.public:
                return None
            return sessions.resolve(session, token, now=now())

        try:
            outcome = execute(
                engine,
                spec,
                arguments,
                actor_source,
                now=now(),
                idempotency_key=idempotency_key if spec.write else None,
                wire_arguments=wire,
            )
        except WorkbenchError:
            raise
        except Exception as exc:
            readable = op_errors.readable(exc)
            if readable is None:
                raise
            raise readable from exc
        hub.publish_local(outcome.changes)
        result = outcome.result if outcome.replayed else spec.dump_result(outcome.result)
        return JSONResponse(
            {
                "result": result,
                "changes": {
                    "entities": outcome.changes.entities,
                    "queues": outcome.changes.queues,
                },
            },
            headers={"Idempotent-Replayed": "true"} if outcome.replayed else None,
        )

    def route(
        body: Any,
        token: str = Depends(_bearer),
        idempotency_key: str | None = Header(default=None, alias="Idempotency-Key"),
    ) -> JSONResponse:
        return endpoint(body, token, idempotency_key)

    params = list(inspect.signature(route).parameters.values())
    params[0] = params[0].replace(annotation=Annotated[spec.arguments, Body()])
    route.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    route.__name__ = spec.name
    app.add_api_route(
        f"{API}/ops/{spec.name}",
        route,
        methods=["POST"],
        name=spec.name,
        summary=spec.summary,
        tags=[spec.function.__module__.rsplit(".", 1)[-1]],
        description=(inspect.getdoc(spec.function) or "")
        + (f"\n\nRoles: {', '.join(spec.roles)}" if spec.roles else ""),
    )
