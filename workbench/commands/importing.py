"""``workbench import accounts|reports FILE``: bring accounts and reports in from a file.

``workbench import appeals|change-requests FILE``: appeals received by phone or letter
(2021/20) and account holders' change requests (2022/10), all or nothing: one bad row
(named by line and field) and nothing is imported, exit 2 (see
:mod:`workbench.importing.holder_requests` for the columns).

CSV with a header or JSON Lines.  Every row is validated first; a bad row is
named on standard error with its line and reason and the import stops with
exit 2 before anything is stored, unless ``--skip-bad`` is given: then the
good rows are imported and the bad ones written to ``NAME.rejects.EXT``
beside the input.  The import is one transaction: all of it or none of it.
Importing the same file again adds nothing.  Progress goes to standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.commands import CommandError
from workbench.commands.acting import failures, open_client
from workbench.operations.failures import ValidationError
from workbench.operations.holder_imports import HolderImport, import_holder_file
from workbench.operations.unattended import (
    AccountImport,
    BadRows,
    ImportFileError,
    ImportOutcome,
    Record,
    import_records,
)

PROGRESS_MIN = 1000


def register(sub, common) -> None:
    p = sub.add_parser(
        "import",
        help="导入账号、举报、申诉或变更申请 / import accounts, reports, appeals or change requests",
        parents=[common],
    )
    p_sub = p.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    for what, help_text in (
        ("accounts", "导入账号并筛查 / import accounts and screen them"),
        ("reports", "导入举报投诉并立案 / import reports and file them on cases"),
    ):
        q = p_sub.add_parser(what, help=help_text, parents=[common])
        q.add_argument(
            "file", metavar="FILE", help="CSV（含表头）或 JSONL / CSV with header or JSONL"
        )
        q.add_argument(
            "--skip-bad",
            action="store_true",
            help="导入合格行，不合格行写入 NAME.rejects.EXT / import the good rows, write the "
            "bad ones beside the input",
        )
        if what == "accounts":
            q.add_argument(
                "--lexicons", metavar="DIR", help="词表目录 / lexicon folder (default: shipped)"
            )
        q.set_defaults(handler=cmd_import)
    for what, help_text in (
        ("appeals", "导入电话、信函等渠道收到的申诉 / import appeals received by phone or letter"),
        ("change-requests", "导入账号信息变更申请并甄别 / import change requests and screen them"),
    ):
        q = p_sub.add_parser(what, help=help_text, parents=[common])
        q.add_argument(
            "file", metavar="FILE", help="CSV（含表头）或 JSONL / CSV with header or JSONL"
        )
        q.set_defaults(handler=cmd_import_holder)


class _Progress:
    def __init__(self):
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < PROGRESS_MIN:
            return
        sys.stderr.write(f"\r{stage} {done:,}/{total:,} ({100 * done / total:5.1f}%)")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _report_bad(records: list[Record]) -> None:
    for r in records:
        print(f"第 {r.line} 行 / line {r.line}: {'; '.join(r.problems)}", file=sys.stderr)


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"文件不存在 / no such file: {path}")
    client = open_client(args.database)
    try:
        with failures():
            outcome = import_records(
                client, args.import_command, path, skip_bad=args.skip_bad,
                progress=_Progress(), lexicons=getattr(args, "lexicons", None),
            )  # fmt: skip
    except (ImportFileError, ValidationError) as exc:
        raise CommandError(str(exc)) from exc
    except BadRows as exc:
        _report_bad(exc.records)
        raise CommandError(
            f"{len(exc.records)} 行不合格，未导入任何数据 / {len(exc.records)} bad rows, nothing "
            "imported (fix them, or use --skip-bad)"
        ) from exc
    finally:
        client.close()
    _summary(outcome)
    return 0


def cmd_import_holder(args) -> int:
    """Appeals or change requests, all or nothing; exit 2 naming every bad row."""
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"文件不存在 / no such file: {path}")
    client = open_client(args.database)
    try:
        with failures():
            summary = import_holder_file(client, args.import_command, path)
    except (ImportFileError, ValidationError) as exc:
        raise CommandError(str(exc)) from exc
    except BadRows as exc:
        _report_bad(exc.records)
        raise CommandError(
            f"{len(exc.records)} 行不合格，未导入任何数据 / {len(exc.records)} bad rows, nothing "
            "imported"
        ) from exc
    finally:
        client.close()
    _holder_summary(summary)
    return 0


def _holder_summary(s: HolderImport) -> None:
    if s.what == "appeals":
        print(
            f"申诉导入完成 / appeals imported: {s.filed:,} filed, {s.already_known:,} "
            "received before"
        )
        return
    print(
        f"变更申请导入完成 / change requests imported: {s.filed:,} filed ({s.passed:,} passed "
        f"screening, {s.held:,} held for a moderator), {s.already_known:,} received before"
    )


def _summary(outcome: ImportOutcome) -> None:
    r = outcome.result
    if isinstance(r, AccountImport):
        print(
            f"账号导入完成 / accounts imported: {r.created:,} new, {r.updated:,} updated, "
            f"{r.unchanged:,} unchanged; {r.hits_new:,} new rule hits"
        )
        if r.invalid_ids:
            print(
                f"  其中 {r.invalid_ids:,} 个账号的身份证号码或统一社会信用代码未通过校验，已导入并标记"
                f"（2022/15） / {r.invalid_ids:,} accounts imported with an ID number or credit "
                "code failing its check, flagged for correction (2022/15)"
            )
    else:
        print(
            f"举报导入完成 / reports imported: {r.received:,} filed ({r.cases_opened:,} opened a "
            f"case, {r.joined:,} joined one), {r.already_known:,} received before"
        )
    if outcome.rejected:
        _report_bad(outcome.rejected)
        print(
            f"{len(outcome.rejected)} 行不合格，已写入 / {len(outcome.rejected)} bad rows written "
            f"to {outcome.rejects_file}"
        )
