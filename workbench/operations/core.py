"""What an operation is: a named function of plain, typed values, run in one transaction.

An operation is written once, as ``def name(ctx: Ctx, *, arg: T, ...) -> R`` in
one of this package's modules and marked with :func:`operation`.  The desktop
and the command line never call it directly: they hand it to a client
(:mod:`workbench.operations.local` in process, :mod:`workbench.operations.remote`
through ``workbench serve``), which opens the transaction, resolves the acting
reviewer, runs it, commits, and sends the change notices.  Arguments and
results are dataclasses, enums and builtins, so the same call crosses the wire
as JSON unchanged (pydantic validates both ends).
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, create_model
from sqlmodel import Session

from workbench.access.auth import Actor
from workbench.errors import PermissionDenied
from workbench.models.base import saved as saved  # re-exported: operations narrow ids with it

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Ctx:
    """What an operation runs with: its transaction's session, the acting
    reviewer (None only for sign-in and the first administrator), and the
    clock (the server's, or the one a test or the demo sets)."""

    session: Session
    actor: Actor | None
    now: datetime | None = None
    #: Set by an operation whose change writes no audit event (a queue-wide move).
    queues_changed: bool = False

    @property
    def signed_in(self) -> Actor:
        """The acting reviewer; refused in words when nobody is signed in."""
        if self.actor is None:
            raise PermissionDenied("请先登录", "sign in first")
        return self.actor


@dataclass(frozen=True)
class OperationSpec:
    """One registered operation and the adapters that carry it over the wire."""

    name: str
    function: Callable[..., Any]
    write: bool
    public: bool  # callable without a signed-in reviewer (sign-in, first start)
    roles: tuple[str, ...]  # any one of them may call it (empty: any signed-in reviewer)
    arguments: type[BaseModel]  # a pydantic model of the keyword arguments
    result: TypeAdapter[Any]
    summary: str
    #: Its result is personal data in full (a reveal): never kept for a retry, so a
    #: retried call runs (and is audited) again.
    reveals: bool = False

    def dump_arguments(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        model = self.arguments(**kwargs)
        return model.model_dump(mode="json")

    def load_arguments(self, data: Any) -> dict[str, Any]:
        model = self.arguments.model_validate(data)
        return {name: getattr(model, name) for name in self.arguments.model_fields}

    def dump_result(self, value: Any) -> Any:
        return self.result.dump_python(value, mode="json")

    def load_result(self, data: Any) -> Any:
        return self.result.validate_python(data)


REGISTRY: dict[str, OperationSpec] = {}


def operation(
    *,
    write: bool,
    roles: tuple[str, ...] = (),
    public: bool = False,
    name: str | None = None,
    reveals: bool = False,
) -> Callable[[Callable[Concatenate[Ctx, P], R]], Callable[Concatenate[Ctx, P], R]]:
    """Register an operation.  ``write`` opens a write transaction (and takes an
    idempotency key over the wire); ``roles`` are those allowed to call it
    (checked before it runs; the services check their own again); ``public``
    allows it before sign-in; ``reveals`` marks a result of personal data in
    full, which the idempotency store must not keep."""

    def register(fn: Callable[Concatenate[Ctx, P], R]) -> Callable[Concatenate[Ctx, P], R]:
        op_name = name or fn.__name__
        if op_name in REGISTRY and REGISTRY[op_name].function is not fn:
            raise RuntimeError(f"operation {op_name} is defined twice")
        hints = typing.get_type_hints(fn, include_extras=True)
        fields: dict[str, Any] = {}
        for param in list(inspect.signature(fn).parameters.values())[1:]:
            if param.kind is not inspect.Parameter.KEYWORD_ONLY:
                raise TypeError(f"operation {op_name}: {param.name} must be keyword-only")
            default = ... if param.default is inspect.Parameter.empty else param.default
            fields[param.name] = (hints[param.name], default)
        arguments = create_model(
            f"{_camel(op_name)}Arguments",
            __config__=ConfigDict(extra="forbid", arbitrary_types_allowed=False),
            **fields,
        )
        REGISTRY[op_name] = OperationSpec(
            name=op_name,
            function=fn,
            write=write,
            public=public,
            roles=tuple(str(r) for r in roles),
            arguments=arguments,
            result=TypeAdapter(hints.get("return", type(None))),
            summary=(inspect.getdoc(fn) or op_name).split("\n\n")[0],
            reveals=reveals,
        )
        fn.__operation__ = op_name  # type: ignore[attr-defined]
        return fn

    return register


def spec_of(fn: Callable[..., Any]) -> OperationSpec:
    """The registered operation behind ``fn`` (refuses a function that is none)."""
    name = getattr(fn, "__operation__", None)
    if name is None or name not in REGISTRY:
        raise TypeError(f"{getattr(fn, '__name__', fn)!r} is not a workbench operation")
    return REGISTRY[name]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))
