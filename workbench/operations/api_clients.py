"""The platform's API clients, kept by administrators: add, list, disable, enable, rotate.

A client's secret is derived from the server's key (:mod:`workbench.server_key`),
so these operations need it where they run: the server sets it when it starts
(:func:`use_server_key`), and ``workbench api-client`` on the server's machine
reads the same key file.  The secret is in the answer of ``add_api_client``
and ``rotate_api_client_secret`` only, and never kept for an idempotent retry
(``reveals``): a retried rotation rotates again.
"""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import ADMINISTRATORS
from workbench.platform import api_clients, platform_outbox
from workbench.platform.api_clients import SCOPES, ApiClientView, IssuedSecret
from workbench.platform.platform_outbox import DeadLetter

__all__ = [
    "SCOPES",
    "ApiClientView",
    "DeadLetter",
    "IssuedSecret",
    "add_api_client",
    "discard_dead_letter",
    "list_dead_letters",
    "retry_dead_letter",
    "set_api_client_webhook",
    "list_api_clients",
    "rotate_api_client_secret",
    "set_api_client_active",
    "use_server_key",
]

_key: bytes | None = None


def use_server_key(key: bytes) -> None:
    """The key the clients' secrets of this process derive from."""
    global _key
    if len(key) < 32:
        raise ValueError("the server key must be at least 32 bytes")
    _key = key


def server_key_in_use() -> bool:
    return _key is not None


def _server_key() -> bytes:
    if _key is None:
        raise WorkbenchError(
            "未载入服务器密钥，无法生成接口密钥（请在服务器上操作，或给出 --key-file）",
            "the server key is not loaded, so no API secret can be made: do this through "
            "the server, or on its machine with --key-file",
        )
    return _key


@operation(write=False, roles=ADMINISTRATORS)
def list_api_clients(ctx: Ctx) -> list[ApiClientView]:
    """Every platform API client with its scopes and whether it is active (no secrets)."""
    return api_clients.list_clients(ctx.session)


@operation(write=True, roles=ADMINISTRATORS, reveals=True)
def add_api_client(ctx: Ctx, *, name: str, scopes: list[str]) -> IssuedSecret:
    """Register a platform client with scopes; its secret is in the answer, once."""
    return api_clients.add_client(
        ctx.session, ctx.signed_in, _server_key(), name=name, scopes=scopes, now=ctx.now
    )


@operation(write=True, roles=ADMINISTRATORS)
def set_api_client_active(ctx: Ctx, *, name: str, active: bool, reason: str = "") -> ApiClientView:
    """Disable a client (its requests are refused at once) or enable it again."""
    return api_clients.set_client_active(
        ctx.session, ctx.signed_in, name=name, active=active, reason=reason, now=ctx.now
    )


@operation(write=True, roles=ADMINISTRATORS, reveals=True)
def rotate_api_client_secret(ctx: Ctx, *, name: str) -> IssuedSecret:
    """A new secret for the client, in the answer once; the old one stops working at once."""
    return api_clients.rotate_secret(
        ctx.session, ctx.signed_in, _server_key(), name=name, now=ctx.now
    )


@operation(write=True, roles=ADMINISTRATORS)
def set_api_client_webhook(ctx: Ctx, *, name: str, url: str | None) -> str | None:
    """Register the URL the client's replies, notices and measures are sent to (empty: none)."""
    return platform_outbox.set_webhook(ctx.session, ctx.signed_in, name=name, url=url)


@operation(write=False, roles=ADMINISTRATORS)
def list_dead_letters(ctx: Ctx) -> list[DeadLetter]:
    """Outgoing messages the webhook gave up on, oldest first (their last error masked)."""
    return platform_outbox.dead_letters(ctx.session)


@operation(write=True, roles=ADMINISTRATORS)
def retry_dead_letter(ctx: Ctx, *, message_id: int) -> None:
    """Send a dead letter again, due now, with the same delivery id."""
    platform_outbox.retry_dead_letter(ctx.session, ctx.signed_in, message_id, now=ctx.now)


@operation(write=True, roles=ADMINISTRATORS)
def discard_dead_letter(ctx: Ctx, *, message_id: int, reason: str) -> None:
    """Give up on a dead letter for good, saying why."""
    platform_outbox.discard_dead_letter(
        ctx.session, ctx.signed_in, message_id, reason=reason, now=ctx.now
    )
