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

from sqlalchemy.exc import OperationalError

from workbench.commands import CommandError, ensure_seeded, open_database
from workbench.importing.records import ImportFileError, Record
from workbench.importing.run import BadRows, ImportOutcome

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


def _screener(args, engine):
    from workbench.commands.screen import screener_for_database

    return screener_for_database(engine, getattr(args, "lexicons", None))


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"文件不存在 / no such file: {path}")
    engine = open_database(args.database)
    try:
        progress = _Progress()
        if args.import_command == "accounts":
            from workbench.importing.run import import_accounts_file

            outcome = import_accounts_file(
                engine, path, screener=_screener(args, engine), skip_bad=args.skip_bad,
                progress=progress, prepare=lambda: ensure_seeded(engine),
            )  # fmt: skip
        else:
            from workbench.importing.run import import_reports_file

            outcome = import_reports_file(
                engine, path, skip_bad=args.skip_bad, progress=progress,
                prepare=lambda: ensure_seeded(engine),
            )  # fmt: skip
    except ImportFileError as exc:
        raise CommandError(str(exc)) from exc
    except BadRows as exc:
        _report_bad(exc.records)
        raise CommandError(
            f"{len(exc.records)} 行不合格，未导入任何数据 / {len(exc.records)} bad rows, nothing "
            "imported (fix them, or use --skip-bad)"
        ) from exc
    except OperationalError as exc:
        raise CommandError(f"无法写入数据库 / cannot write the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()
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
