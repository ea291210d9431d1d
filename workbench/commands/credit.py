"""``workbench credit``: credit grades and what they restrict (2022/18 据以提供相应服务).

``workbench credit grades --as LOGIN`` prints the thresholds and restricted
functions in force (JSON); ``workbench credit set --as LOGIN --thresholds
A=80,B=60,C=40 [--restrict C=monetise,ads] [--restrict D=post,follow]``: an
administrator changes them, every account is regraded (each change audited and
told to the holder) and the number of accounts regraded is printed.  A grade
given to ``--restrict`` with nothing after ``=`` restricts nothing.  Exit 2 for
bad input (named by flag and grade), 1 for a refusal.
"""

from __future__ import annotations

from workbench.commands import CommandError
from workbench.commands.acting import AS_HELP, run_as_json
from workbench.operations import credit


def register(sub, common) -> None:
    p = sub.add_parser("credit", help="信用等级 / credit grades (2022/18)", parents=[common])
    p_sub = p.add_subparsers(dest="credit_command", metavar="ACTION", required=True)
    show = p_sub.add_parser(
        "grades", help="显示信用等级阈值 / print the grade thresholds (JSON)", parents=[common]
    )
    show.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)
    show.set_defaults(handler=cmd_grades)
    put = p_sub.add_parser(
        "set", help="修改信用等级阈值 / change the grade thresholds", parents=[common]
    )
    put.add_argument(
        "--thresholds",
        metavar="A=N,B=N,C=N",
        help="各等级最低分 / the lowest score of grades A, B and C",
    )
    put.add_argument(
        "--restrict",
        action="append",
        default=[],
        metavar="GRADE=FUNCTION,...",
        help="该等级受限的功能（可重复）/ the functions a grade restricts (repeatable)",
    )
    put.add_argument("--as", dest="as_login", metavar="LOGIN", required=True, help=AS_HELP)
    put.set_defaults(handler=cmd_set)


def _pairs(text: str, flag: str) -> list[tuple[str, str]]:
    pairs = []
    for part in text.split(","):
        grade, sep, value = part.partition("=")
        if not sep or not grade.strip():
            raise CommandError(
                f"{flag} 格式应为 等级=值 / {flag} {text!r}: write GRADE=VALUE, e.g. A=80,B=60,C=40"
            )
        pairs.append((grade.strip().upper(), value.strip()))
    return pairs


def policy_of(thresholds: str | None, restricts: list[str]) -> dict:
    """The policy the flags give; bad numbers named by flag and grade."""
    policy: dict = {}
    if thresholds:
        values = {}
        for grade, value in _pairs(thresholds, "--thresholds"):
            try:
                values[grade] = int(value)
            except ValueError as exc:
                raise CommandError(
                    f"--thresholds {grade} 须为整数 / --thresholds {grade}={value!r} is not a "
                    "whole number"
                ) from exc
        policy["thresholds"] = values
    if restricts:
        policy["restricts"] = {}
        for text in restricts:
            grade, sep, names = text.partition("=")
            if not sep or not grade.strip():
                raise CommandError(
                    f"--restrict 格式应为 等级=功能,... / --restrict {text!r}: write "
                    "GRADE=FUNCTION,FUNCTION"
                )
            functions = [n.strip() for n in names.split(",") if n.strip()]
            policy["restricts"][grade.strip().upper()] = functions
    if not policy:
        raise CommandError("请给出 --thresholds 或 --restrict / give --thresholds or --restrict")
    return policy


_run = run_as_json


def cmd_grades(args) -> int:
    return _run(args, lambda client: client.call(credit.credit_grade_policy))


def cmd_set(args) -> int:
    given = policy_of(args.thresholds, args.restrict)

    def change(client):
        current = client.call(credit.credit_grade_policy)  # what the flags leave as it is
        policy = {
            "thresholds": given.get("thresholds", current.thresholds),
            "restricts": {**current.restricts, **given.get("restricts", {})},
        }
        return client.call(credit.set_credit_grade_policy, policy=policy)

    return _run(args, change)
