"""The ``workbench`` command.

With no subcommand it opens the desktop workbench.  Each subcommand is a thin
wrapper over the same services the desktop uses; its module in
``workbench/commands/`` registers its arguments.  Bad arguments exit 2 with a
message saying what is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.commands import COMMAND_MODULES, CommandError


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
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
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
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
