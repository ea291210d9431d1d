"""Hostile account information at import and in the bulk checks.

A bio of 100,000 characters is refused at import, naming the line, the field, the
platform's limit and its length, and writes nothing; the rule engine runs before the
write transaction opens (an import and a bulk run only write inside it).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import event
from sqlmodel import select

from tests.db.importing.support import counts, run, write
from workbench.cases.bulk_checks import check_batch, run_account_checks, subject_counts
from workbench.cases.bulk_screening import Screened
from workbench.cases.check_policy import load_policy
from workbench.db import session_scope
from workbench.importing.records import rejects_path
from workbench.importing.run import BadRows, import_accounts_file
from workbench.models import Account, RuleHit
from workbench.models.account import ACCOUNT_INFO_LIMITS
from workbench.rules.engine import AccountInput, Screener

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
HOSTILE_BIO = "外交部官方" * 20_000  # 100,000 characters of one repeated name


@pytest.fixture(scope="module")
def screener():
    return Screener()


class Transactions:
    """The transactions open on ``engine`` right now (SQLAlchemy's begin/commit/rollback)."""

    def __init__(self, engine):
        self.open: set[int] = set()
        self.engine = engine
        self._hooks = {
            "begin": lambda conn: self.open.add(id(conn.connection)),
            "commit": lambda conn: self.open.discard(id(conn.connection)),
            "rollback": lambda conn: self.open.discard(id(conn.connection)),
        }

    def __enter__(self):
        for name, hook in self._hooks.items():
            event.listen(self.engine, name, hook)
        return self

    def __exit__(self, *exc):
        for name, hook in self._hooks.items():
            event.remove(self.engine, name, hook)


class Watched:
    """A screener that notes how many transactions were open at each call."""

    def __init__(self, inner, transactions: Transactions):
        self.inner = inner
        self.transactions = transactions
        self.open_at_call: list[int] = []

    def screen(self, account):
        self.open_at_call.append(len(self.transactions.open))
        return self.inner.screen(account)


ROWS = [
    {"id": "acc-1", "name": "小王的日常", "bio": "喜欢旅行"},
    {"id": "acc-hostile", "name": "外交部官方", "bio": HOSTILE_BIO},
    {"id": "acc-2", "name": "外交部官方", "bio": "加微信 abc12345"},
]


@pytest.mark.parametrize("ext", ["jsonl", "csv"])
def test_a_hostile_bio_is_refused_naming_line_field_limit_and_length(engine, tmp_path, ext, capsys):
    """2022/8(2): the import refuses the whole file, names the row, and writes nothing."""
    path = write(tmp_path / f"accounts.{ext}", ROWS)
    before = counts(engine)
    assert run(engine, "import", "accounts", str(path)) == 2
    err = capsys.readouterr().err
    line = 3 if ext == "csv" else 2  # the CSV header is line 1
    named = [x for x in err.splitlines() if x.startswith(f"第 {line} 行")]
    assert named, err
    limit = ACCOUNT_INFO_LIMITS["bio"]
    assert f"第 {line} 行的bio 长 100,000 个字符，超过上限 {limit} 个字符" in named[0]
    assert f"line {line}: bio is 100,000 characters long, over the limit of {limit}" in named[0]
    assert "1 bad rows, nothing imported" in err
    assert counts(engine) == before


def test_skip_bad_rejects_the_hostile_row_and_imports_the_rest(engine, tmp_path):
    path = write(tmp_path / "accounts.jsonl", ROWS)
    assert run(engine, "import", "accounts", "--skip-bad", str(path)) == 0
    with session_scope(engine, write=False) as s:
        stored = set(s.exec(select(Account.platform_id)))
        assert "acc-hostile" not in stored and {"acc-1", "acc-2"} <= stored
        assert (
            s.exec(select(RuleHit).where(RuleHit.matched.contains("外交部官方外交部"))).all() == []
        )
    rejected = [json.loads(x) for x in rejects_path(path, "jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in rejected] == ["acc-hostile"]
    assert "over the limit of 500" in rejected[0]["reject_reason"]


def test_an_import_screens_before_its_write_transaction(engine, tmp_path, screener):
    """The rule engine runs with no transaction open on the database; the import's own
    transaction only stores, and stores the same hits."""
    rows = [r for r in ROWS if r["id"] != "acc-hostile"]
    path = write(tmp_path / "accounts.jsonl", rows)
    with Transactions(engine) as transactions:
        with session_scope(engine) as s:  # the watch sees a write transaction
            s.exec(select(Account.id)).all()
            assert transactions.open
        assert not transactions.open
        watched = Watched(screener, transactions)
        outcome = import_accounts_file(engine, path, screener=watched)
    assert watched.open_at_call == [0, 0]
    assert outcome.result.created == 2 and outcome.result.hits_new > 0
    with session_scope(engine, write=False) as s:
        account = s.exec(select(Account).where(Account.platform_id == "acc-2")).one()
        stored = {
            (h.category, h.matched)
            for h in s.exec(select(RuleHit).where(RuleHit.account_id == account.id))
        }
    expected = {
        (h.category, h.matched)
        for h in screener.screen(AccountInput(name="外交部官方", bio="加微信 abc12345")).hits
    }
    assert expected <= stored


def test_a_refused_file_is_not_screened(engine, tmp_path, screener):
    path = write(tmp_path / "accounts.jsonl", ROWS)
    with Transactions(engine) as transactions:
        watched = Watched(screener, transactions)
        with pytest.raises(BadRows):
            import_accounts_file(engine, path, screener=watched)
    assert watched.open_at_call == []


def _account(s, platform_id: str, name: str, bio: str) -> int:
    account = Account(
        platform_id=platform_id, name=name, bio=bio, registered_at=NOW, updated_at=NOW
    )
    s.add(account)
    s.flush()
    return account.id


def test_the_bulk_checks_screen_between_reading_and_writing(engine, screener):
    """2022/15: the stock re-check screens each batch with no transaction open."""
    with session_scope(engine) as s:
        for i in range(5):
            _account(s, f"stock-{i}", "外交部官方" if i % 2 else f"小王{i}", "加微信 abc12345")
    with Transactions(engine) as transactions:
        watched = Watched(screener, transactions)
        summary = run_account_checks(engine, now=NOW, batch_size=2, screener=watched)
    assert watched.open_at_call == [0] * 5
    assert summary.accounts_checked == 5
    with session_scope(engine, write=False) as s:
        categories = set(s.exec(select(RuleHit.category)))
    assert {"impersonate_organisation", "embedded_contact"} <= categories


def test_an_account_changed_after_screening_is_screened_again(engine, screener):
    """Hits found before the transaction are used only for the information they were
    found on: an account changed in between is screened again inside."""
    with session_scope(engine) as s:
        account_id = _account(s, "stock-x", "小王", "喜欢旅行")
    stale = Screened(AccountInput(id=account_id, name="小王", bio="喜欢旅行"), [])
    with session_scope(engine) as s:
        account = s.get(Account, account_id)
        account.name = "外交部官方"
        s.add(account)
    with session_scope(engine) as s:
        policy = load_policy(s)
        check_batch(
            s, [account_id], policy=policy, now=NOW, counts=subject_counts(s),
            screener=screener, screened={account_id: stale}, open_cases=False,
        )  # fmt: skip
    with session_scope(engine, write=False) as s:
        categories = set(s.exec(select(RuleHit.category).where(RuleHit.account_id == account_id)))
    assert "impersonate_organisation" in categories


def test_a_change_request_with_an_overlong_bio_is_refused_and_records_nothing(engine, screener):
    """2022/10: information changes are screened like registration; one longer than the
    platform allows is refused by name before anything is recorded or screened."""
    from tests.db.workflow.helpers import act, make_account
    from workbench.errors import ValidationError
    from workbench.measures.corrections import screen_with, submit_change_request
    from workbench.models import ChangeRequest

    account_id = make_account(engine, name="小王")
    with Transactions(engine) as transactions:
        watched = Watched(screener, transactions)
        with pytest.raises(ValidationError) as refused:
            act(engine, submit_change_request, None, account_id, {"bio": HOSTILE_BIO},
                screen=screen_with(watched))  # fmt: skip
    assert "bio is 100,000 characters long, over the platform's limit of 500" in str(refused.value)
    assert "简介（bio）长 100,000 个字符" in str(refused.value)
    assert watched.open_at_call == []
    with session_scope(engine, write=False) as s:
        assert s.exec(select(ChangeRequest)).all() == []
