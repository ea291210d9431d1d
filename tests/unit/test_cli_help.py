"""The command line speaks both languages in its help, and a prompt with no terminal
fails in words (exit 2) in a real process, not in an ``EOFError`` traceback."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

from workbench.cli import build_parser

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[a-z]{3,}")  # a word, not just YYYY-MM-DD


def _both(text) -> bool:
    return (
        isinstance(text, str)
        and text is not argparse.SUPPRESS
        and bool(CJK.search(text))
        and bool(ENGLISH.search(text))
    )


def _walk(parser: argparse.ArgumentParser, path: str):
    """(where, help) of every subcommand and every option under ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, child in action.choices.items():
                yield f"{path} {name}", helps.get(name)
                yield from _walk(child, f"{path} {name}")
        else:
            name = "/".join(action.option_strings) or action.dest
            yield f"{path} {name}", action.help




def _missing(seen) -> list[str]:
    return [f"{where}: {text!r}" for where, text in seen if not _both(text)]


def test_every_command_and_option_has_help_in_both_languages():
    seen = [
        (where, text)
        for where, text in _walk(build_parser(), "workbench")
    ]
    missing = _missing(seen)
    assert not missing, "help without Chinese and English:\n" + "\n".join(missing)
    wheres = {where for where, _ in seen}
    for expected in (
        "workbench reviewer disable",
        "workbench reviewer enable",
        "workbench reviewer add --as",
        "workbench reveal --as",
        "workbench reveal --reason",
        "workbench purge --before",
        "workbench serve --listen",
        "workbench desktop-entry install",
        "workbench -h/--help",
    ):
        assert expected in wheres


def test_a_prompt_without_a_terminal_fails_in_words(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_PASSWORD"}
    command = [sys.executable, "-m", "workbench.cli", "reviewer", "add", "admin"]
    command += ["--name", "管理员", "--role", "administrator"]
    command += ["--database", f"sqlite:///{tmp_path / 'w.sqlite3'}"]
    done = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "没有终端可输入密码" in done.stderr
    assert "no terminal to type the password: use --password-stdin" in done.stderr
    assert "Traceback" not in done.stderr
