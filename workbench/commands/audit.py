"""``workbench audit verify`` and ``workbench audit checkpoint``: the audit log's hash chain,
authenticated with the audit key, checked against signed checkpoints kept outside the database."""

from __future__ import annotations

from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import open_client
from workbench.operations.records import CheckpointError, checkpoint_audit, verify_audit
from workbench.server_key import KeyFileError

KEY_FILE_HELP = (
    "密钥文件（审计密钥由其派生；默认 server.key，可重复给出以包含已退役的密钥）/ the key file "
    "the audit key derives from (default server.key; repeat it to add retired keys)"
)


def register(sub, common) -> None:
    p = sub.add_parser("audit", help="审计日志 / audit log", parents=[common])
    p_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = p_sub.add_parser(
        "verify",
        help="校验审计日志哈希链 / verify the audit log's hash chain (exit 1 if broken)",
        parents=[common],
    )
    v.add_argument("--key-file", action="append", type=Path, metavar="FILE", help=KEY_FILE_HELP)
    v.add_argument(
        "--checkpoints",
        action="append",
        type=Path,
        metavar="FILE",
        help="对照检查点文件校验（可重复）/ check the chain against this checkpoint file "
        "(repeatable): finds events removed at either end",
    )
    v.set_defaults(handler=cmd_verify)
    c = p_sub.add_parser(
        "checkpoint",
        help="记录签名的审计链检查点 / append a signed checkpoint of the audit chain's head",
        parents=[common],
    )
    c.add_argument(
        "--to",
        type=Path,
        metavar="FILE",
        help="检查点文件（默认在用户数据目录）/ the checkpoint file (default: "
        "audit-checkpoints.jsonl in the user data folder)",
    )
    c.set_defaults(handler=cmd_checkpoint)


def cmd_verify(args) -> int:
    client = open_client(args.database)
    try:
        result = verify_audit(client, key_files=args.key_file, checkpoints=args.checkpoints)
    except KeyFileError as exc:
        raise CommandError(
            f"无法校验：需要审计密钥。{exc}（请给出 --key-file）/ cannot verify without the "
            "audit key: give --key-file"
        ) from exc
    except CheckpointError as exc:
        raise CommandError(str(exc), 1) from exc
    finally:
        client.close()
    if result.ok:
        older = (
            f"（其中 {result.unkeyed} 条早于密钥，仅以 SHA-256 校验）/ ({result.unkeyed} written "
            "before keys, checked by SHA-256 only)"
            if result.unkeyed
            else ""
        )
        print(f"审计日志完整 / audit chain intact: {result.checked} events verified{older}")
        return 0
    if result.missing_key:
        raise CommandError(
            f"无法校验：缺少密钥 {result.missing_key} / cannot verify: {result.problem}"
        )
    where = f"event {result.first_broken_id}" if result.first_broken_id else "chain head"
    print(f"审计日志被篡改 / audit chain BROKEN at {where}: {result.problem}")
    return 1


def cmd_checkpoint(args) -> int:
    client = open_client(args.database)
    try:
        checkpoint = checkpoint_audit(client, args.to)
    except (KeyFileError, CheckpointError) as exc:
        raise CommandError(str(exc), 1) from exc
    finally:
        client.close()
    print(
        f"已记录检查点 / checkpoint written: event {checkpoint.event_id} at {checkpoint.at} "
        f"(key {checkpoint.key_id})"
    )
    return 0
