"""Raw HTTP against the test server, and what the database holds, for the
trust-boundary tests: they speak to the server as any client could, not
through :class:`~workbench.operations.remote.RemoteClient`."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import re
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlmodel import SQLModel

import workbench.models  # noqa: F401  (fills the metadata)
from tests.server.conftest import PASSWORD
from workbench.db import session_scope
from workbench.models import AuditEvent

API = "/api/v1"
CJK = re.compile(r"[\u4e00-\u9fff]")


def sign_in(http: httpx.Client, login: str, password: str = PASSWORD) -> httpx.Response:
    return http.post(f"{API}/session", json={"login": login, "password": password})


def token_of(http: httpx.Client, login: str, password: str = PASSWORD) -> str:
    response = sign_in(http, login, password)
    assert response.status_code == 200, response.text
    return response.json()["token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def call(
    http: httpx.Client, name: str, body: Any, token: str | None, *, key: str | None = None
) -> httpx.Response:
    """``POST /api/v1/ops/NAME`` as the reviewer of ``token`` (with ``key`` as
    its Idempotency-Key)."""
    headers = bearer(token) if token is not None else {}
    if key is not None:
        headers["Idempotency-Key"] = key
    return http.post(f"{API}/ops/{name}", json=body, headers=headers)


def readable_refusal(response: httpx.Response, kind: str) -> dict[str, str]:
    """The refusal's error, checked to say what went wrong in Chinese and in English."""
    error = response.json()["error"]
    assert error["kind"] == kind, error
    assert CJK.search(error["zh"]), error
    assert error["en"] and not CJK.search(error["en"]) and len(error["en"]) > 8, error
    return error


def sample(annotation: Any) -> Any:
    """A valid-shaped JSON value for ``annotation``: ints 1, strings "x", empty
    lists and mappings, dataclasses with their required fields filled."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return sample(args[0])
    if origin in (typing.Union, types.UnionType):
        if type(None) in args:
            return None
        return sample(args[0])
    if origin in (list, set, frozenset, tuple) or annotation in (list, tuple, set):
        return []
    if origin is dict or annotation is dict:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation)).value
    if annotation is bool:
        return False
    if annotation is int:
        return 1
    if annotation is float:
        return 1.0
    if annotation is str:
        return "x"
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        return {
            f.name: sample(hints[f.name])
            for f in dataclasses.fields(annotation)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
    if annotation is datetime:
        return "2026-03-02T02:00:00Z"
    if annotation is date:
        return "2026-03-02"
    if annotation is Decimal:
        return "1"
    if origin is typing.Literal:
        return args[0]
    if annotation is typing.Any:
        return None
    raise TypeError(f"no sample for {annotation!r}")


def body_for(spec) -> dict[str, Any]:
    """Every required argument of ``spec`` (and none of the optional ones)."""
    return {
        name: sample(field.annotation)
        for name, field in spec.arguments.model_fields.items()
        if field.is_required()
    }


def database_state(engine) -> dict[str, str]:
    """A digest of every row of every workbench table: equal before and after
    means nothing was written (nor changed in place)."""
    state: dict[str, str] = {}
    with session_scope(engine, write=False) as session:
        for table in SQLModel.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = session.execute(select(table).order_by(*order)).all()
            state[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return state


def audit_count(engine) -> int:
    with session_scope(engine, write=False) as session:
        return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
