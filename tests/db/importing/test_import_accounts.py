"""workbench import accounts: validation, all-or-nothing, idempotence, --skip-bad, screening."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from sqlmodel import select

from tests.db.importing.support import (
    BAD_ACCOUNT_LINES,
    BAD_ACCOUNTS,
    GOOD_ACCOUNTS,
    counts,
    images,
    run,
    write,
)
from workbench.db import session_scope
from workbench.evidence_store import default_folder
from workbench.models import Account, Qualification, RuleHit, Subject
from workbench.records.audit import verify


@pytest.mark.parametrize("ext", ["jsonl", "csv"])
def test_good_file_imports_screens_and_a_second_import_adds_nothing(engine, tmp_path, ext, capsys):
    images(tmp_path)
    path = write(tmp_path / f"accounts.{ext}", GOOD_ACCOUNTS)
    assert run(engine, "import", "accounts", str(path)) == 0
    assert "3 new" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        news = s.exec(select(Account).where(Account.platform_id == "acc-news")).one()
        stored = Path(news.avatar_path)  # the evidence store's copy, named by its hash
        assert stored.read_bytes() == (tmp_path / "avatar.png").read_bytes()
        assert stored.name == hashlib.sha256(stored.read_bytes()).hexdigest() + ".png"
        assert stored.is_relative_to(default_folder(engine))
        assert news.follower_count == 1200 and news.verification_status == "verified"
        subject = s.get(Subject, news.subject_id)
        assert subject.id_number == "110105197201208217" and subject.verified_name == "张三"
        org = s.exec(select(Account).where(Account.platform_id == "acc-org")).one()
        assert org.grade == "important"
        assert s.exec(
            select(Qualification.field).where(Qualification.account_id == org.id)
        ).all() == ["economy"]
        categories = set(s.exec(select(RuleHit.category).where(RuleHit.account_id == news.id)))
        assert {"impersonate_news_media", "embedded_contact"} <= categories
        assert verify(s).ok
    before = counts(engine)
    assert run(engine, "import", "accounts", str(path)) == 0
    assert "3 unchanged" in capsys.readouterr().out
    assert counts(engine) == before


@pytest.mark.parametrize("ext", ["jsonl", "csv"])
def test_bad_file_names_every_bad_line_and_changes_nothing(engine, tmp_path, ext, capsys):
    images(tmp_path)
    path = write(tmp_path / f"accounts.{ext}", BAD_ACCOUNTS)
    before = counts(engine)
    assert run(engine, "import", "accounts", str(path)) == 2
    err = capsys.readouterr().err
    offset = 1 if ext == "csv" else 0  # the CSV header is line 1
    for i, row in enumerate(BAD_ACCOUNTS, 1):
        line = i + offset
        named = [x for x in err.splitlines() if x.startswith(f"第 {line} 行")]
        if row["id"] in BAD_ACCOUNT_LINES:
            assert named and BAD_ACCOUNT_LINES[row["id"]] in named[0], (line, err)
        else:
            assert not named
    assert "5 bad rows, nothing imported" in err
    assert counts(engine) == before


def test_skip_bad_imports_good_rows_and_writes_rejects(engine, tmp_path, capsys):
    images(tmp_path)
    path = write(tmp_path / "accounts.csv", BAD_ACCOUNTS)
    assert run(engine, "import", "accounts", "--skip-bad", str(path)) == 0
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Account.platform_id)).all() == ["acc-ok"]
    rejects = tmp_path / "accounts.rejects.csv"
    with rejects.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == list(BAD_ACCOUNT_LINES)
    assert [int(r["reject_line"]) for r in rows] == [3, 4, 5, 6, 7]
    assert "can be stored" in rows[1]["reject_reason"]
    assert str(rejects) in capsys.readouterr().out


def test_jsonl_rejects_keep_malformed_lines(engine, tmp_path):
    path = tmp_path / "accounts.jsonl"
    path.write_text('{"id": "a1", "name": "好"}\nnot json\n[1, 2]\n', encoding="utf-8")
    assert run(engine, "import", "accounts", "--skip-bad", str(path)) == 0
    lines = [json.loads(x) for x in (tmp_path / "accounts.rejects.jsonl").read_text().splitlines()]
    assert [(x["reject_line"], x["raw"]) for x in lines] == [(2, "not json"), (3, "[1, 2]")]


def test_a_changed_row_updates_the_account_and_keeps_the_old_name(engine, tmp_path, capsys):
    path = write(tmp_path / "a.jsonl", [{"id": "acc-1", "name": "旧名字"}])
    assert run(engine, "import", "accounts", str(path)) == 0
    write(path, [{"id": "acc-1", "name": "全国第一权威发布"}])
    assert run(engine, "import", "accounts", str(path)) == 0
    assert "1 updated" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        account = s.exec(select(Account)).one()
        assert account.name == "全国第一权威发布"
        hits = set(s.exec(select(RuleHit.category).where(RuleHit.account_id == account.id)))
        assert "misleading_claim" in hits or "strict_verification" in hits


def test_stored_accounts_with_an_invalid_id_number_or_credit_code_are_imported_and_flagged(
    engine, tmp_path, capsys
):
    """2022/15: the platform re-checks what it holds, so an ID number or credit code failing
    its check character is imported (not refused), flagged, and counted in the summary."""
    rows = [
        {"id": "acc-id", "name": "甲", "subject_id": "s-1", "id_number": "110105197201208218"},
        {"id": "acc-cc", "name": "乙", "subject_id": "s-2", "credit_code": "91110000Q283FQEF9A"},
        {"id": "acc-fine", "name": "丙", "subject_id": "s-3", "id_number": "110105197201208217"},
    ]
    path = write(tmp_path / "accounts.jsonl", rows)
    assert run(engine, "import", "accounts", str(path)) == 0
    out = capsys.readouterr().out
    assert "3 new" in out and "2 accounts imported with an ID number or credit code" in out
    with session_scope(engine, write=False) as s:
        flagged = {
            (a.platform_id, h.rule, h.basis)
            for a, h in s.exec(
                select(Account, RuleHit).join(RuleHit, RuleHit.account_id == Account.id)
            )
            if h.rule.endswith("_invalid")
        }
        stored = s.exec(select(Subject.id_number).where(Subject.external_id == "s-1")).one()
    assert flagged == {
        ("acc-id", "id_number_invalid", "2022/15"),
        ("acc-cc", "credit_code_invalid", "2022/15"),
    }
    assert stored == "110105197201208218"
