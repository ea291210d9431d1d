"""The ``workbench`` command.

With no subcommand it opens the desktop workbench.  Each subcommand is a thin
wrapper over the same services the desktop uses; its module in
``workbench/commands/`` registers its arguments.  Bad input exits 2 with a
message saying what is wrong; a refusal or failure at run time (a wrong
password, a missing role, a database that cannot be reached) exits 1.  Every
command's and option's help is in Chinese and English.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.commands import CommandError
from workbench.commands.acting import exit_code_of
from workbench.commands.catalogue import COMMAND_MODULES
from workbench.operations.failures import DatabaseOpenError, ToolError, WorkbenchError

HELP_HELP = "显示此帮助并退出 / show this help and exit"


def _bilingual_help(parser: argparse.ArgumentParser) -> None:
    """argparse's own -h/--help in both languages, in ``parser`` and every subcommand."""
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = HELP_HELP
        elif isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _bilingual_help(child)


def build_parser() -> argparse.ArgumentParser:
    database_help = (
        "数据库 / database: sqlite:///PATH or postgresql+psycopg://USER@HOST/DB "
        "(default: $WORKBENCH_DATABASE_URL, else the embedded file in the user data folder)"
    )
    # Subcommands accept --database too; SUPPRESS keeps an absent one from
    # overwriting a value given before the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help=database_help)
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="账号信息投诉举报处理工作台 / Workbench for complaints and reports about "
        "account information. Without a command it opens the desktop workbench.",
    )
    parser.add_argument("--database", metavar="URL", default=None, help=database_help)
    parser.add_argument(
        "--version",
        action="version",
        version=f"workbench {__version__}",
        help="显示版本并退出 / show the version and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    _bilingual_help(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from workbench.commands.gui import run_gui

            return run_gui(args)
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return exc.exit_code
    except (ToolError, DatabaseOpenError) as exc:  # a command that did not say it in words
        print(f"workbench: {exc}", file=sys.stderr)
        return exc.exit_code
    except WorkbenchError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return exit_code_of(exc)
    except OSError as exc:
        if exc.filename is None:
            raise  # not a file a person named: a fault, with its traceback
        # A file the command was given that cannot be read or written: input to fix (2),
        # unless the disk itself failed (1).
        where, why = exc.filename, exc.strerror or exc
        print(f"workbench: 无法读写文件 {where}：{why} / cannot read or write {where}: {why}",
              file=sys.stderr)  # fmt: skip
        return 1 if exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT) else 2
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
