"""``workbench import accounts|reports FILE``: bring accounts and reports in from a file.

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
from workbench.operations.unattended import (
    BadRows,
    ImportFileError,
    ImportOutcome,
    Record,
    import_records,
)

PROGRESS_MIN = 1000


def register(sub, common) -> None:
    p = sub.add_parser(
        "import", help="导入账号或举报 / import accounts or reports", parents=[common]
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


def _summary(outcome: ImportOutcome) -> None:
    r = outcome.result
    if outcome.what == "accounts":
        print(
            f"账号导入完成 / accounts imported: {r.created:,} new, {r.updated:,} updated, "
            f"{r.unchanged:,} unchanged; {r.hits_new:,} new rule hits"
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
