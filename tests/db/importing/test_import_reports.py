"""workbench import reports: cases joined or opened, idempotence, bad rows, --skip-bad."""

from __future__ import annotations

import csv
import json

import pytest
from sqlmodel import select

from tests.db.importing.support import (
    GOOD_ACCOUNTS,
    counts,
    images,
    report_rows,
    run,
    write,
)
from workbench.db import session_scope
from workbench.models import Account, Case, EvidenceAttachment, Report, Reporter
from workbench.records.audit import verify


@pytest.fixture
def accounts(engine, tmp_path):
    images(tmp_path)
    with session_scope(engine) as s:
        for row in GOOD_ACCOUNTS:
            s.add(Account(platform_id=row["id"], name=row["name"]))
    return engine


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_reports_join_or_open_cases_and_import_once(accounts, tmp_path, ext, capsys):
    engine = accounts
    path = write(tmp_path / f"reports.{ext}", report_rows())
    capsys.readouterr()
    assert run(engine, "import", "reports", str(path)) == 0
    assert "3 filed (2 opened a case, 1 joined one)" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        reports = {r.external_id: r for r in s.exec(select(Report))}
        assert reports["rep-1"].case_id == reports["rep-2"].case_id != reports["rep-3"].case_id
        news_case = s.get(Case, reports["rep-1"].case_id)
        assert news_case.reporter_count == 2 and news_case.queue == "reports"
        assert news_case.due_at is not None
        assert s.get(Case, reports["rep-3"].case_id).queue == "complaints"
        assert reports["rep-3"].kind == "complaint"
        evidence = s.exec(select(EvidenceAttachment)).one()
        assert evidence.width == 64 and evidence.problem is None
        reporter = s.exec(select(Reporter).where(Reporter.external_id == "u-1")).one()
        assert reporter.contact == "13812345678"
        assert verify(s).ok
    before = counts(engine)
    assert run(engine, "import", "reports", str(path)) == 0
    assert "3 received before" in capsys.readouterr().out
    assert counts(engine) == before


BAD = [
    {"external_id": "b-1", "channel": "fax", "target_account_id": "acc-news",
     "category": "other", "received_at": "2026-03-02T10:00:00+08:00"},
    {"external_id": "b-2", "channel": "user_report", "target_account_id": "nobody",
     "category": "other", "received_at": "2026-03-02T10:00:00+08:00"},
    {"external_id": "b-3", "channel": "user_report", "target_account_id": "acc-news",
     "category": "other", "received_at": "2026-03-02 10:00"},
    {"external_id": "b-4", "channel": "user_report", "target_account_id": "acc-news",
     "category": "other", "received_at": "2026-03-02T10:00:00+08:00", "evidence": ["broken.png"]},
    {"external_id": "ok-1", "channel": "user_report", "target_account_id": "acc-news",
     "category": "other", "received_at": "2026-03-02T10:00:00+08:00"},
    {"external_id": "ok-1", "channel": "user_report", "target_account_id": "acc-org",
     "category": "nonsense", "received_at": "2026-03-02T10:00:00+08:00"},
]  # fmt: skip
REASONS = ["channel", "nobody", "received_at", "broken.png", None, "category"]


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_bad_reports_are_named_and_nothing_is_filed(accounts, tmp_path, ext, capsys):
    engine = accounts
    path = write(tmp_path / f"reports.{ext}", BAD)
    before = counts(engine)
    capsys.readouterr()
    assert run(engine, "import", "reports", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    offset = 1 if ext == "csv" else 0
    for i, reason in enumerate(REASONS, 1):
        named = [x for x in err if x.startswith(f"第 {i + offset} 行")]
        assert bool(named) == (reason is not None), (i, err)
        if reason:
            assert reason in named[0]
    assert [x for x in err if x.startswith(f"第 {6 + offset} 行")][0].count("line") >= 2
    assert counts(engine) == before


def test_skip_bad_files_the_good_reports(accounts, tmp_path):
    engine = accounts
    path = write(tmp_path / "reports.csv", BAD)
    assert run(engine, "import", "reports", "--skip-bad", str(path)) == 0
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Report.external_id)).all() == ["ok-1"]
    with (tmp_path / "reports.rejects.csv").open(encoding="utf-8") as fh:
        rejected = list(csv.DictReader(fh))
    assert [r["external_id"] for r in rejected] == ["b-1", "b-2", "b-3", "b-4", "ok-1"]
    assert [r["reject_line"] for r in rejected] == ["2", "3", "4", "5", "7"]
    assert all(r["reject_reason"] for r in rejected)


def test_format_is_sniffed_without_an_extension(accounts, tmp_path):
    engine = accounts
    path = tmp_path / "reports.txt"
    path.write_text(json.dumps(report_rows()[2]) + "\n", encoding="utf-8")
    assert run(engine, "import", "reports", str(path)) == 0
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Report.external_id)).all() == ["rep-3"]


def test_progress_moves_while_reports_are_decided_and_a_raise_there_rolls_back(
    accounts, tmp_path, monkeypatch
):
    """The desktop's progress bar and its cancel act inside one intake call."""
    from workbench.cases import intake_batch
    from workbench.importing.run import import_reports_file

    monkeypatch.setattr(intake_batch, "PROGRESS_EVERY", 1)
    engine = accounts
    path = write(tmp_path / "reports.csv", report_rows())
    before = counts(engine)

    class Cancelled(Exception):
        pass

    def cancel_at_first(stage, done, total):
        raise Cancelled

    with pytest.raises(Cancelled):
        import_reports_file(engine, path, progress=cancel_at_first)
    assert counts(engine) == before

    seen = []
    import_reports_file(engine, path, progress=lambda *args: seen.append(args))
    assert seen == [
        ("filed", 1, 3),
        ("filed", 2, 3),
        ("filed", 3, 3),
        ("writing", 3, 3),
        ("filed", 3, 3),
    ]
    assert counts(engine)["report"] == before["report"] + 3
