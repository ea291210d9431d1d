"""The command line's prompts and exit codes: a prompt without a terminal fails in words
(exit 2, never a traceback); bad input exits 2, a refusal at run time exits 1."""

from __future__ import annotations

import getpass
import io

import pytest

from workbench.cli import main

NO_TERMINAL = "没有终端可输入密码"


class Pipe(io.StringIO):
    """Standard input that is not a terminal (a pipe, /dev/null, a cron job's)."""

    def isatty(self) -> bool:
        return False


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.delenv("WORKBENCH_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", Pipe(""))

    def never(*_args, **_kwargs):  # getpass would read /dev/tty or end in EOFError
        raise AssertionError("getpass must not be called without a terminal")

    monkeypatch.setattr(getpass, "getpass", never)


def _add(url, login, *extra):
    return main(
        ["reviewer", "add", login, "--name", login, "--role", "administrator", *extra]
        + ["--database", url]
    )


def _admin(url, monkeypatch, login="boss", password="first admin pw"):
    monkeypatch.setattr("sys.stdin", Pipe(password + "\n"))
    assert _add(url, login, "--password-stdin") == 0


def _listed(url, capsys) -> str:
    capsys.readouterr()
    assert main(["reviewer", "list", "--database", url]) == 0
    return capsys.readouterr().out


def test_reviewer_add_without_a_terminal_says_how_to_give_the_password(
    database_url, no_terminal, capsys
):
    assert _add(database_url, "boss") == 2
    err = capsys.readouterr().err
    assert NO_TERMINAL in err and "--password-stdin" in err
    assert "no terminal to type the password" in err
    assert "Traceback" not in err and "EOFError" not in err
    assert _listed(database_url, capsys) == ""


def test_acting_without_a_terminal_names_workbench_password(
    database_url, no_terminal, monkeypatch, capsys
):
    _admin(database_url, monkeypatch)
    monkeypatch.setattr("sys.stdin", Pipe("moderator pw\n"))
    assert _add(database_url, "mod", "--password-stdin", "--as", "boss") == 2
    err = capsys.readouterr().err
    assert NO_TERMINAL in err and "set WORKBENCH_PASSWORD" in err
    assert "mod\t" not in _listed(database_url, capsys)
    # The same for every command acting as a reviewer.
    assert (
        main(["reveal", "subject", "1", "phone", "--as", "boss", "--reason", "x"]
             + ["--database", database_url])
        == 2
    )  # fmt: skip
    assert "WORKBENCH_PASSWORD" in capsys.readouterr().err


def test_input_ending_at_the_prompt_fails_in_words(database_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", Terminal(""))

    def ended(prompt=""):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", ended)
    assert _add(database_url, "boss") == 2
    err = capsys.readouterr().err
    assert "没有输入密码" in err and "no password was typed" in err


def test_passwords_typed_twice_must_agree(database_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", Terminal(""))
    typed = iter(["first admin pw", "another pw"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    assert _add(database_url, "boss") == 2
    assert "the passwords differ" in capsys.readouterr().err


def test_bad_new_passwords_exit_2(database_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", Pipe("short\n"))
    assert _add(database_url, "boss", "--password-stdin") == 2
    err = capsys.readouterr().err
    assert "密码至少 8 位" in err and "Traceback" not in err
    monkeypatch.setattr("sys.stdin", Pipe(""))
    assert _add(database_url, "boss", "--password-stdin") == 2
    assert "standard input holds no password" in capsys.readouterr().err
    assert _listed(database_url, capsys) == ""
    _admin(database_url, monkeypatch)
    monkeypatch.setenv("WORKBENCH_PASSWORD", "first admin pw")
    monkeypatch.setattr("sys.stdin", Pipe("short\n"))
    args = ["reviewer", "reset-password", "boss", "--password-stdin", "--as", "boss"]
    assert main([*args, "--database", database_url]) == 2
    assert "8" in capsys.readouterr().err


def test_bad_input_exits_2_and_refusals_exit_1(database_url, monkeypatch, capsys, tmp_path):
    _admin(database_url, monkeypatch)
    monkeypatch.setattr("sys.stdin", Pipe("moderator pw\n"))
    # A second reviewer without --as: the database has reviewers already.
    assert _add(database_url, "mod", "--password-stdin") == 2
    assert "--as" in capsys.readouterr().err
    monkeypatch.setenv("WORKBENCH_PASSWORD", "first admin pw")
    monkeypatch.setattr("sys.stdin", Pipe("moderator pw\n"))
    args = ["reviewer", "add", "mod", "--name", "mod", "--role", "moderator", "--password-stdin"]
    assert main([*args, "--as", "boss", "--database", database_url]) == 0
    # An unknown login is bad input.
    disable = ["reviewer", "disable", "--reason", "left", "--database", database_url]
    assert main([*disable, "nobody-here", "--as", "boss"]) == 2
    capsys.readouterr()
    # Refusals at run time: not an administrator, a wrong password.
    monkeypatch.setenv("WORKBENCH_PASSWORD", "moderator pw")
    assert main([*disable, "boss", "--as", "mod"]) == 1
    err = capsys.readouterr().err
    assert "mod may not do this: it needs the role Administrator" in err
    monkeypatch.setenv("WORKBENCH_PASSWORD", "wrong password")
    assert main([*disable, "mod", "--as", "boss"]) == 1
    # Bad arguments and bad dates.
    with pytest.raises(SystemExit) as exited:
        main(["reviewer", "add", "x", "--name", "x", "--role", "king", "--database", database_url])
    assert exited.value.code == 2
    assert main(["purge", "--before", "2020-13-01", "--database", database_url]) == 2
    capsys.readouterr()
    report = ["report", "--from", "2026-01-01", "--to", "soon", "--out", "r.csv"]
    assert main([*report, "--database", database_url]) == 2
    assert "--to" in capsys.readouterr().err
    # A file that cannot be written: named, not a traceback.
    (tmp_path / "a-file").write_text("")
    out = tmp_path / "a-file" / "figures.csv"
    assert main(["figures", "--out", str(out), "--database", database_url]) == 2
    assert "cannot read or write" in capsys.readouterr().err


@pytest.mark.parametrize("nice", ["-1", "20"])
def test_serve_refuses_an_intake_niceness_outside_0_to_19_before_opening_anything(
    tmp_path, capsys, nice
):
    url = f"sqlite:///{tmp_path / 'never.sqlite3'}"
    assert main(["--database", url, "serve", "--intake-nice", nice]) == 2
    assert "--intake-nice 应在 0–19 之间" in capsys.readouterr().err
    assert not (tmp_path / "never.sqlite3").exists()
