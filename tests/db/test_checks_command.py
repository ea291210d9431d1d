"""``workbench checks run`` and ``workbench checks policy`` on both databases."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import func, select

from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Account, Case, utcnow


def _accounts(engine):
    with session_scope(engine) as s:
        s.add(
            Account(platform_id="ok", verification_method="mobile", verification_status="verified")
        )
        s.add(Account(platform_id="anon", verification_method="none"))
        s.add(
            Account(
                platform_id="idle",
                kind="public",
                verification_method="mobile",
                verification_status="verified",
                operator_name="甲",
                contact="a@b.cn",
                registered_address="北京",
                content_category="美食",
                ip_location="北京",
                last_active_at=utcnow() - timedelta(days=400),
            )
        )


def test_checks_run_prints_a_summary_and_a_second_run_opens_nothing(engine, database_url, capsys):
    _accounts(engine)
    assert main(["checks", "run", "--database", database_url, "--batch-size", "2"]) == 0
    out = capsys.readouterr().out
    assert "3 accounts checked, 2 with hits" in out and "2 opened" in out
    assert "identity_unverified" in out and "未真实身份认证" in out
    assert main(["checks", "run", "--database", database_url]) == 0
    assert "cases: 0 opened" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Case.id))).one() == 2


def test_checks_run_without_cases_opens_none(engine, database_url, capsys):
    _accounts(engine)
    assert main(["checks", "run", "--database", database_url, "--no-cases"]) == 0
    assert "2 new" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Case.id))).one() == 0


def test_checks_policy_prints_the_thresholds(database_url, capsys):
    assert main(["checks", "policy", "--database", database_url]) == 0
    policy = json.loads(capsys.readouterr().out)
    assert policy["subject_account_cap"] == {"individual": 2, "organisation": 5}


def test_a_bad_batch_size_exits_2(database_url, capsys):
    assert main(["checks", "run", "--database", database_url, "--batch-size", "0"]) == 2
    assert "--batch-size" in capsys.readouterr().err


def test_checks_run_with_text_screens_the_account_information_too(engine, database_url, capsys):
    with session_scope(engine) as s:
        s.add(
            Account(
                platform_id="news",
                name="新华社官方号",  # a news agency's name, no qualification on file
                verification_method="mobile",
                verification_status="verified",
            )
        )
    assert main(["checks", "run", "--database", database_url]) == 0
    assert "cases: 0 opened" in capsys.readouterr().out  # the account-level checks find nothing
    assert main(["checks", "run", "--text", "--database", database_url]) == 0
    out = capsys.readouterr().out
    assert "impersonate_news_media" in out
    with session_scope(engine, write=False) as s:
        categories = set(s.exec(select(Case.category)).all())
    assert "impersonate_news_media" in categories
    assert main(["checks", "run", "--text", "--database", database_url]) == 0
    assert "cases: 0 opened" in capsys.readouterr().out
