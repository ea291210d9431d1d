"""``workbench bulk measure|reply``: a preview that changes nothing, then the run, all or
nothing, a refusal naming the case (exit 1); a case taken at its current version when
none is given."""

from __future__ import annotations

import json

from sqlmodel import select

from workbench.access.auth import hash_password
from workbench.cases import screening, transitions
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Reviewer

from .helpers import act, case_of, make_account, make_team, report


def _screened(engine, team, name: str) -> int:
    case_id = report(engine, make_account(engine, name=name), reporter=name).case.id
    act(engine, transitions.accept_case, team.mod, case_id, expected_version=1)
    act(engine, screening.record_findings, team.mod, case_id, expected_version=2,
        findings=[("impersonate_news_media", "2022/8(2)", "")])  # fmt: skip
    return case_id


PASSWORD = "moderator password"


def test_bulk_measure_and_reply_from_the_command_line(database_url, engine, capsys, monkeypatch):
    team = make_team(engine)
    with session_scope(engine) as s:
        s.exec(select(Reviewer).where(Reviewer.login == "mod")).one().password_hash = (
            hash_password(PASSWORD)
        )
    monkeypatch.setenv("WORKBENCH_PASSWORD", PASSWORD)
    first, second = _screened(engine, team, "冒充甲"), _screened(engine, team, "冒充乙")
    base = ["--database", database_url, "--as", "mod"]
    cases = ["--case", f"{first}@3", "--case", str(second)]
    measure = ["bulk", "measure", *cases, "--code", "warn", "--reason", "冒充新闻媒体", *base]
    assert main([*measure, "--preview"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert [(s["case_id"], s["status_after"], s["in_effect"]) for s in preview] == [
        (first, "disposed", ["warn"]),
        (second, "disposed", ["warn"]),
    ]
    assert case_of(engine, first).status == "screening"
    assert main(measure) == 0
    assert json.loads(capsys.readouterr().out) == preview
    assert {case_of(engine, c).status for c in (first, second)} == {"disposed"}

    unscreened = report(engine, make_account(engine, name="丙"), reporter="丙").case.id
    refused = ["bulk", "reply", "--case", str(first), "--case", str(unscreened), *base]
    assert main(refused) == 1
    assert f"案件 {unscreened}" in capsys.readouterr().err
    assert case_of(engine, first).status == "disposed"
    assert main(["bulk", "reply", "--case", str(first), "--case", str(second), *base]) == 0
    steps = json.loads(capsys.readouterr().out)
    assert [s["status_after"] for s in steps] == ["replied", "replied"]
    assert main(["bulk", "measure", "--case", "x@1", "--code", "warn", "--reason", "r", *base]) == 2
