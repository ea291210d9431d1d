"""``workbench hold mute|snooze|list|lift``: set with an expiry and a reason, listed as
JSON with the reason masked, lifted early; refusals exit 1, bad input 2."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from workbench.access.auth import hash_password
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Reviewer

from .helpers import make_account, make_team, report

PASSWORD = "moderator password"


def test_mute_snooze_list_and_lift_from_the_command_line(database_url, engine, capsys, monkeypatch):
    make_team(engine)
    with session_scope(engine) as s:
        for login in ("mod", "appeals"):
            reviewer = s.exec(select(Reviewer).where(Reviewer.login == login)).one()
            reviewer.password_hash = hash_password(PASSWORD)
    monkeypatch.setenv("WORKBENCH_PASSWORD", PASSWORD)
    account = make_account(engine, name="热点账号")
    filed = report(engine, account, reporter="spammer")
    base = ["--database", database_url, "--as", "mod"]
    mute = ["hold", "mute", "--report", str(filed.report.id), "--days", "2"]
    assert main([*mute, "--reason", "恶意举报 13912345678", *base]) == 0
    muted = json.loads(capsys.readouterr().out)["hold_id"]
    assert main(["hold", "snooze", "--account", str(account), "--hours", "6", "--reason", "热点",
                 *base]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["hold", "list", *base]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [h["kind"] for h in listed] == ["snooze", "mute"]
    assert "13912345678" not in json.dumps(listed, ensure_ascii=False)
    assert main(["hold", "lift", str(muted), *base]) == 0
    capsys.readouterr()
    assert main(["hold", "list", *base]) == 0
    assert [h["kind"] for h in json.loads(capsys.readouterr().out)] == ["snooze"]
    assert main(["hold", "lift", str(muted), "--database", database_url, "--as", "appeals"]) == 1
    with pytest.raises(SystemExit) as missing:  # no --reason
        main(["hold", "snooze", "--account", str(account), "--hours", "6", *base])
    assert missing.value.code == 2
