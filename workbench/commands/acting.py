"""Opening the database, acting as a signed-in reviewer, and exports with personal data in full.

Every command works through the operations layer: :func:`open_client` opens a
:class:`~workbench.operations.local.LocalClient` on ``--database``.
``--as LOGIN`` signs the reviewer in (password from ``WORKBENCH_PASSWORD``
or a prompt; failures count towards the lockout) and the command then calls
operations as that reviewer.  An export with ``--unmasked`` also needs
``--as`` of a supervisor or administrator and a ``--reason``; the export is
then audited as ``personal_data.export``.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager

from workbench.commands import CommandError
from workbench.operations.access import REVEAL_ROLES, Actor, can_reveal
from workbench.operations.failures import DatabaseOpenError, ToolError, WorkbenchError
from workbench.operations.local import LocalClient


@contextmanager
def failures() -> Iterator[None]:
    """A tool's failure or a database that cannot be opened, as the command's error."""
    try:
        yield
    except (ToolError, DatabaseOpenError) as exc:
        raise CommandError(str(exc), exit_code=exc.exit_code) from exc


def open_client(url: str | None, *, migrate: bool = True) -> LocalClient:
    """A client on ``url``, its schema brought up to date (SQLite backed up first)."""
    with failures():
        return LocalClient.open(url, migrate=migrate)


def sign_in_as(client: LocalClient, login: str) -> Actor:
    """The reviewer ``login``, signed in on ``client`` with their password."""
    password = os.environ.get("WORKBENCH_PASSWORD") or getpass.getpass(
        f"{login} 的密码 / password: "
    )
    try:
        return client.sign_in(login, password)
    except WorkbenchError as exc:
        raise CommandError(str(exc), exit_code=1) from exc


def add_unmasked_options(parser) -> None:
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="导出完整个人信息（需主管或管理员，须说明理由）/ personal data in full "
        "(supervisors and administrators; needs --as and --reason; audited)",
    )
    parser.add_argument("--as", dest="as_login", metavar="LOGIN", help="acting reviewer")
    parser.add_argument("--reason", help="why the export needs personal data in full")


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
