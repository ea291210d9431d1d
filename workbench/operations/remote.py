"""Operations through a workbench server (``workbench serve``).

The same calls as in process: arguments go as JSON, the result comes back
as the operation's own type, a refusal as the same error kind with the same
words.  Every write carries a fresh ``Idempotency-Key``; when the connection
drops before the answer arrives, the call is sent again with the same key,
so it applies once.  When the server cannot be reached the call is refused
with :class:`~workbench.operations.errors.ServerUnavailable`: nothing was
changed, and the reviewer can try again.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import uuid
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import httpx

from workbench.access.auth import Actor
from workbench.errors import NotSignedIn, WorkbenchError
from workbench.operations import notices
from workbench.operations.client import Listener, Subscribers, keyword_arguments
from workbench.operations.core import Ctx, spec_of
from workbench.operations.errors import ServerUnavailable, from_wire
from workbench.operations.streams import Status, Tell, ThreadStream
from workbench.records.change_feed import Changes

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
API = "/api/v1"
RETRIES = 3


def _unavailable(url: str, exc: BaseException) -> ServerUnavailable:
    return ServerUnavailable(
        f"无法连接工作台服务器 {url}，操作未执行，请稍后重试",
        f"cannot reach the workbench server {url} ({type(exc).__name__}); nothing was done",
    )


class RemoteClient:
    """A client of one workbench server at ``base_url``."""

    kind = "remote"

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 30.0,
        verify: bool | str = True,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.location = self.base_url
        self.token = token
        self.actor: Actor | None = None
        self.subscribers = Subscribers()
        self._verify = verify
        self._http = httpx.Client(
            base_url=self.base_url, timeout=timeout, verify=verify, transport=transport
        )

    def check(self) -> None:
        """Refuse in words unless the server answers (before the sign-in dialog)."""
        try:
            response = self._http.get("/healthz")
        except (httpx.TransportError, OSError) as exc:
            raise _unavailable(self.base_url, exc) from exc
        if response.status_code != 200:
            raise ServerUnavailable(
                f"工作台服务器 {self.base_url} 暂不可用（{response.status_code}）",
                f"the workbench server {self.base_url} answered {response.status_code}",
            )

    # -- sign-in ---------------------------------------------------------------------
    def sign_in(self, login: str, password: str) -> Actor:
        data = self._send(
            "POST", f"{API}/session", {"login": login, "password": password, "client": "desktop"}
        )
        self.token = data["token"]
        self.actor = Actor(
            data["reviewer_id"], data["login"], data["display_name"], frozenset(data["roles"])
        )
        return self.actor

    def sign_out(self) -> None:
        if self.token is not None:
            try:
                self._send("DELETE", f"{API}/session", None)
            except WorkbenchError as exc:  # the server is gone: the token expires by itself
                log.info("sign-out not confirmed by the server: %s", exc)
        self.token, self.actor = None, None

    # -- operations ------------------------------------------------------------------
    def call(self, op: Callable[Concatenate[Ctx, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        spec = spec_of(op)
        arguments = keyword_arguments(op, args, kwargs)
        body = spec.dump_arguments(arguments)
        key = str(uuid.uuid4()) if spec.write else None
        data = self._send("POST", f"{API}/ops/{spec.name}", body, idempotency_key=key)
        raw = data.get("changes") or {}
        changes = Changes(
            {str(k): tuple(int(i) for i in v) for k, v in (raw.get("entities") or {}).items()},
            bool(raw.get("queues")),
        )
        self.subscribers.tell(changes)
        return spec.load_result(data.get("result"))

    def _send(
        self, method: str, path: str, body: Any, *, idempotency_key: str | None = None
    ) -> dict:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        # An operation is safe to send again: a read changes nothing and a write
        # carries its key, so the server applies it once.  Sign-in is sent once.
        attempts = RETRIES if path.startswith(f"{API}/ops/") else 1
        last: BaseException = OSError("no answer")
        for _attempt in range(attempts):
            try:
                response = self._http.request(method, path, json=body, headers=headers)
            except (httpx.TransportError, OSError) as exc:
                last = exc
                continue
            return self._answer(response)
        raise _unavailable(self.base_url, last)

    def _answer(self, response: httpx.Response) -> dict:
        try:
            data = response.json() if response.content else {}
        except ValueError:
            data = {}
        if response.is_success:
            return data if isinstance(data, dict) else {}
        if isinstance(data, dict) and "error" in data:
            error = from_wire(data["error"])
            if isinstance(error, NotSignedIn):
                self.actor = None
            raise error
        raise WorkbenchError(
            f"服务器返回错误 {response.status_code}",
            f"the server answered {response.status_code}: {response.text[:200]}",
        )

    # -- changes ---------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.subscribers.add(listener)

    def changes_stream(self, status: Status | None = None) -> ServerEventStream:
        return ServerEventStream(self, self.subscribers.tell, status)

    def close(self) -> None:
        self._http.close()


class ServerEventStream(ThreadStream):
    """Reads the server's ``/api/v1/changes`` event stream, reconnecting when it drops."""

    name = "server-events"

    def __init__(self, client: RemoteClient, tell: Tell, status: Status | None = None):
        super().__init__(tell, status)
        self.client = client
        self._response: httpx.Response | None = None

    def interrupt(self) -> None:
        response = self._response
        if response is not None:
            # Closing the response from another thread does not wake a read blocked
            # on the socket (it waits for the next ping, 15 s): shut the socket down.
            with contextlib.suppress(Exception):
                stream = response.extensions.get("network_stream")
                sock = stream.get_extra_info("socket") if stream is not None else None
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(Exception):  # closing from another thread: we stop anyway
                response.close()

    def loop(self) -> None:
        if not self.client.token:
            raise NotSignedIn("请先登录", "sign in first")
        headers = {"Authorization": f"Bearer {self.client.token}", "Accept": "text/event-stream"}
        timeout = httpx.Timeout(10.0, read=60.0)
        with (
            httpx.Client(base_url=self.client.base_url, verify=self.client._verify) as http,
            http.stream("GET", f"{API}/changes", headers=headers, timeout=timeout) as resp,
        ):
            if resp.status_code != 200:
                raise ConnectionError(f"the server answered {resp.status_code}")
            self._response = resp
            event, data = "", list[str]()
            for line in resp.iter_lines():
                if self.stopping.is_set():
                    return
                # Connected once the server has spoken (its ": connected" comment):
                # from then on it sends this client every change.
                self.set_connected(True)
                if line == "":
                    if event == "changes" and data:
                        changes = notices.decode("\n".join(data))
                        if changes is not None:
                            self.tell(changes)
                    event, data = "", list[str]()
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())
                    if sum(map(len, data)) > notices.MAX_PAYLOAD:  # no notice is this long
                        log.warning("dropped an overlong event from the server")
                        event, data = "", []
        self._response = None
        if not self.stopping.is_set():
            raise ConnectionError("the server closed the event stream")
