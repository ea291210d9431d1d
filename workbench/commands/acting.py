"""Opening the database, acting as a signed-in reviewer, and exports with personal data in full.

Every command works through the operations layer: :func:`open_client` opens a
:class:`~workbench.operations.local.LocalClient` on ``--database``.
``--as LOGIN`` signs the reviewer in (password from ``WORKBENCH_PASSWORD``
or a prompt; failures count towards the lockout) and the command then calls
operations as that reviewer.  A prompt needs a terminal on standard input;
without one the command says where else the password may come from and exits 2.

Exit codes: 2 for input a person must fix (a ``ValidationError``, a record
that does not exist, no password to be had), 1 for a refusal or failure at run
time (a wrong password, a missing role, a disabled reviewer, a state that does
not allow the action, a database that cannot be reached).  An export with ``--unmasked`` also needs
``--as`` of a supervisor or administrator and a ``--reason``; the export is
then audited as ``personal_data.export``.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from typing import Any

from workbench.commands import CommandError
from workbench.operations.access import REVEAL_ROLES, Actor, can_reveal
from workbench.operations.failures import (
    DatabaseOpenError,
    NotFound,
    ToolError,
    ValidationError,
    WorkbenchError,
)
from workbench.operations.local import LocalClient

AS_HELP = (
    "以此审核员身份操作（密码取自 WORKBENCH_PASSWORD 或终端提示）/ act as this reviewer "
    "(password from WORKBENCH_PASSWORD or a prompt at the terminal)"
)


def exit_code_of(exc: WorkbenchError) -> int:
    """2 for input a person must fix (malformed, or naming nothing that exists); 1 for a
    refusal at run time (wrong password, missing role, a state that does not allow it)."""
    return 2 if isinstance(exc, ValidationError | NotFound) else 1


@contextmanager
def failures() -> Iterator[None]:
    """A tool's failure or a database that cannot be opened, as the command's error."""
    try:
        yield
    except (ToolError, DatabaseOpenError) as exc:
        raise CommandError(str(exc), exit_code=exc.exit_code) from exc


@contextmanager
def refusals() -> Iterator[None]:
    """Like :func:`failures`, and a refused operation as the command's error (exit 2 for
    bad input, 1 for a refusal at run time)."""
    try:
        with failures():
            yield
    except WorkbenchError as exc:
        raise CommandError(str(exc), exit_code=exit_code_of(exc)) from exc


def has_terminal() -> bool:
    """Whether standard input is a terminal a person can type a password into."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


def ask_password(prompt: str, *, elsewhere: tuple[str, str]) -> str:
    """A password typed at the terminal (not echoed).  Without a terminal, or when input
    ends before one is typed, a :class:`CommandError` (exit 2) naming ``elsewhere``, the
    (zh, en) of where else the password may come from."""
    zh, en = elsewhere
    if not has_terminal():
        raise CommandError(f"没有终端可输入密码：请{zh} / no terminal to type the password: {en}")
    try:
        return getpass.getpass(prompt)
    except EOFError as exc:
        raise CommandError(f"没有输入密码：请{zh} / no password was typed: {en}") from exc


def open_client(url: str | None, *, migrate: bool = True) -> LocalClient:
    """A client on ``url``, its schema brought up to date (SQLite backed up first)."""
    with failures():
        return LocalClient.open(url, migrate=migrate)


def sign_in_as(client: LocalClient, login: str) -> Actor:
    """The reviewer ``login``, signed in on ``client`` with their password."""
    password = os.environ.get("WORKBENCH_PASSWORD") or ask_password(
        f"{login} 的密码 / password: ",
        elsewhere=("设置 WORKBENCH_PASSWORD", "set WORKBENCH_PASSWORD"),
    )
    with refusals():
        return client.sign_in(login, password)


def run_as_json(args, call: Callable[[LocalClient], Any]) -> int:
    """Open ``args.database``, sign in as ``args.as_login``, run ``call(client)`` (a
    refusal as the command's error) and print what it returns as JSON: a record
    (dataclass) as an object, a list of them as a list.  Exit 0."""
    client = open_client(args.database)
    try:
        sign_in_as(client, args.as_login)
        with refusals():
            result = call(client)
    finally:
        client.close()
    if isinstance(result, list):
        # An operation returns records (dataclass instances), never a dataclass itself.
        result = [asdict(r) if is_dataclass(r) and not isinstance(r, type) else r for r in result]
    elif is_dataclass(result) and not isinstance(result, type):
        result = asdict(result)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0


def add_unmasked_options(parser) -> None:
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="导出完整个人信息（需主管或管理员，须说明理由）/ personal data in full "
        "(supervisors and administrators; needs --as and --reason; audited)",
    )
    parser.add_argument("--as", dest="as_login", metavar="LOGIN", help=AS_HELP)
    parser.add_argument(
        "--reason",
        help="为何需要完整个人信息（记入审计日志）/ why the export needs personal data in full "
        "(audited)",
    )


def unmasked_exporter(client: LocalClient, args) -> Actor | None:
    """None for a masked export; else the reviewer signed in on ``client``, allowed to
    take it unmasked."""
    if not args.unmasked:
        return None
    if not args.as_login:
        raise CommandError(
            "--unmasked 需要 --as 主管或管理员登录名 / --unmasked needs --as LOGIN of a "
            "supervisor or administrator"
        )
    if not (args.reason or "").strip():
        raise CommandError("--unmasked 需要 --reason 说明理由 / --unmasked needs --reason")
    actor = sign_in_as(client, args.as_login)
    if not can_reveal(actor):
        roles = ", ".join(REVEAL_ROLES)
        raise CommandError(
            f"{actor.login} 无权导出完整个人信息 / {actor.login} may not export personal data "
            f"in full (needs: {roles})",
            exit_code=1,
        )
    return actor
