"""Reviewer accounts: roles enforced in the services, hashed passwords, lockout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from workbench.access import auth
from workbench.cli import main
from workbench.db import session_scope
from workbench.errors import AuthenticationFailed, PermissionDenied, ValidationError
from workbench.models import AuditEvent, Reviewer, utcnow


def _admin(engine):
    with session_scope(engine) as s:
        r = auth.create_reviewer(
            s,
            None,
            login="admin",
            display_name="管理员",
            roles=["administrator"],
            password="correct horse",
        )
        return auth.actor_of(s, r)


def test_first_reviewer_needs_no_admin_but_the_second_does(engine):
    admin = _admin(engine)
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        auth.create_reviewer(
            s, None, login="mod", display_name="审核员", roles=["moderator"], password="password1"
        )
    with session_scope(engine) as s:
        mod = auth.create_reviewer(
            s, admin, login="mod", display_name="审核员", roles=["moderator"], password="password1"
        )
        moderator = auth.actor_of(s, mod)
    assert moderator.roles == frozenset({"moderator"})
    with pytest.raises(PermissionDenied) as info, session_scope(engine) as s:
        auth.reset_password(s, moderator, "admin", "new password")
    assert "管理员" in str(info.value)


def test_password_is_hashed_not_stored(engine):
    _admin(engine)
    with session_scope(engine, write=False) as s:
        stored = s.exec(select(Reviewer.password_hash)).one()
    assert "correct horse" not in stored and stored.startswith("scrypt$")


def test_bad_roles_and_short_passwords_are_refused(engine):
    with pytest.raises(ValidationError, match="roles"), session_scope(engine) as s:
        auth.create_reviewer(
            s, None, login="x", display_name="x", roles=["boss"], password="longenough"
        )
    with pytest.raises(ValidationError, match="8"), session_scope(engine) as s:
        auth.create_reviewer(
            s, None, login="x", display_name="x", roles=["moderator"], password="short"
        )


def test_lockout_after_repeated_failures(engine):
    _admin(engine)
    now = utcnow()
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationFailed, match="wrong login"):
            auth.sign_in(engine, "admin", "guess", now=now)
    with pytest.raises(AuthenticationFailed, match="locked"):
        auth.sign_in(engine, "admin", "correct horse", now=now + timedelta(minutes=1))
    actor = auth.sign_in(
        engine, "admin", "correct horse", now=now + auth.LOCKOUT + timedelta(seconds=1)
    )
    assert actor.login == "admin"
    with session_scope(engine, write=False) as s:
        actions = s.exec(select(AuditEvent.action)).all()
    assert "reviewer.locked_out" in actions and "reviewer.sign_in" in actions


def test_disabled_reviewer_cannot_sign_in(engine):
    admin = _admin(engine)
    with session_scope(engine) as s:
        auth.create_reviewer(
            s, admin, login="mod", display_name="审核员", roles=["moderator"], password="password1"
        )
        auth.set_active(s, admin, "mod", False, reason="left the team")
    with pytest.raises(AuthenticationFailed, match="disabled"):
        auth.sign_in(engine, "mod", "password1")


def test_cli_reviewer_commands(engine, monkeypatch, capsys):
    import io

    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("first admin pw\n"))
    assert (
        main(
            [
                "reviewer",
                "add",
                "boss",
                "--name",
                "主管甲",
                "--role",
                "administrator",
                "--role",
                "supervisor",
                "--password-stdin",
                "--database",
                url,
            ]
        )
        == 0
    )
    monkeypatch.setenv("WORKBENCH_PASSWORD", "first admin pw")
    monkeypatch.setattr("sys.stdin", io.StringIO("moderator pw\n"))
    assert (
        main(
            [
                "reviewer",
                "add",
                "mod",
                "--name",
                "审核员乙",
                "--role",
                "moderator",
                "--password-stdin",
                "--as",
                "boss",
                "--database",
                url,
            ]
        )
        == 0
    )
    assert (
        main(["reviewer", "disable", "mod", "--reason", "离职", "--as", "boss", "--database", url])
        == 0
    )
    capsys.readouterr()
    assert main(["reviewer", "list", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "mod\t审核员乙\tmoderator\tdisabled" in out
    monkeypatch.setenv("WORKBENCH_PASSWORD", "wrong")
    assert (
        main(["reviewer", "enable", "mod", "--reason", "x", "--as", "boss", "--database", url]) == 1
    )
