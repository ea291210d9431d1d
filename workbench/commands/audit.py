"""``workbench audit verify``: check the whole hash chain of the audit log."""

from __future__ import annotations

from workbench.commands.acting import open_client
from workbench.operations.records import verify_audit


def register(sub, common) -> None:
    p = sub.add_parser("audit", help="审计日志 / audit log", parents=[common])
    p_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = p_sub.add_parser(
        "verify",
        help="校验审计日志哈希链 / verify the audit log's hash chain (exit 1 if broken)",
        parents=[common],
    )
    v.set_defaults(handler=cmd_verify)


def cmd_verify(args) -> int:
    client = open_client(args.database)
    try:
        result = verify_audit(client)
    finally:
        client.close()
    if result.ok:
        print(f"审计日志完整 / audit chain intact: {result.checked} events verified")
        return 0
    where = f"event {result.first_broken_id}" if result.first_broken_id else "chain head"
    print(f"审计日志被篡改 / audit chain BROKEN at {where}: {result.problem}")
    return 1
