"""Acting as a signed-in reviewer on the command line, and exports with personal data in full.

``--as LOGIN`` signs the reviewer in (password from ``WORKBENCH_PASSWORD``
or a prompt; failures count towards the lockout).  An export with
``--unmasked`` also needs ``--as`` of a supervisor or administrator and a
``--reason``; the export is then audited as ``personal_data.export``.
"""

from __future__ import annotations

import getpass
import os

from workbench.commands import CommandError
from workbench.queues import auth, reveal
from workbench.queues.auth import Actor
from workbench.queues.errors import WorkbenchError


def sign_in_as(engine, login: str) -> Actor:
    """The reviewer ``login``, signed in with their password."""
    password = os.environ.get("WORKBENCH_PASSWORD") or getpass.getpass(
        f"{login} 的密码 / password: "
    )
    try:
        return auth.sign_in(engine, login, password)
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


def unmasked_exporter(engine, args) -> Actor | None:
    """None for a masked export; else the signed-in reviewer allowed to take it unmasked."""
    if not args.unmasked:
        return None
    if not args.as_login:
        raise CommandError(
            "--unmasked 需要 --as 主管或管理员登录名 / --unmasked needs --as LOGIN of a "
            "supervisor or administrator"
        )
    if not (args.reason or "").strip():
        raise CommandError("--unmasked 需要 --reason 说明理由 / --unmasked needs --reason")
    actor = sign_in_as(engine, args.as_login)
    if not reveal.can_reveal(actor):
        roles = ", ".join(reveal.REVEAL_ROLES)
        raise CommandError(
            f"{actor.login} 无权导出完整个人信息 / {actor.login} may not export personal data "
            f"in full (needs: {roles})",
            exit_code=1,
        )
    return actor
