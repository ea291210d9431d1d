"""The platform API files new reports through the batched intake; a refusal by the
service falls back to one report at a time, so the refused row is named and, when
the caller accepts part of a batch, the others are kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.db.workflow.helpers import make_account, make_team
from workbench.db import session_scope
from workbench.errors import ValidationError
from workbench.evidence_store import EvidenceStore
from workbench.importing import platform, platform_rows
from workbench.models import Report, utcnow


def _rows(n: int) -> list[dict]:
    at = (utcnow() - timedelta(minutes=5)).isoformat(timespec="seconds")
    return [
        {
            "external_id": f"batch-{i}",
            "channel": "user_report",
            "target_account_id": "p-新华社官方号",
            "category": "impersonate_news_media",
            "text": "冒用新闻媒体名称",
            "reporter_id": f"u{i}",
            "received_at": at,
        }
        for i in range(n)
    ]


def test_a_batch_is_filed_in_one_intake_call(engine, tmp_path, monkeypatch):
    team = make_team(engine)
    make_account(engine)
    calls = []
    real = platform.receive_reports
    monkeypatch.setattr(
        platform, "receive_reports", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    with session_scope(engine) as s:
        outcome = platform.file_reports(s, team.mod, _rows(30), store=EvidenceStore(tmp_path))
    assert len(outcome.accepted) == 30 and not outcome.rejected and calls == [1]
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(Report)).all()) == 30


def test_a_refusal_inside_the_batch_names_its_row_and_keeps_the_others(
    engine, tmp_path, monkeypatch
):
    team = make_team(engine)
    make_account(engine)

    def refuse(*_a, **_k):
        raise ValidationError("批量受理失败", "the batch was refused")

    real_one = platform.receive_report

    def one(session, actor, **fields):
        if fields["external_id"] == "batch-1":
            raise ValidationError("该举报被拒绝", "this report was refused")
        return real_one(session, actor, **fields)

    monkeypatch.setattr(platform, "receive_reports", refuse)
    monkeypatch.setattr(platform, "receive_report", one)
    with session_scope(engine) as s:
        outcome = platform.file_reports(
            s, team.mod, _rows(3), store=EvidenceStore(tmp_path), accept_partial=True
        )
    assert [f.external_id for f in outcome.accepted] == ["batch-0", "batch-2"]
    assert [(p.external_id, p.en) for p in outcome.rejected] == [
        ("batch-1", "this report was refused")
    ]
    with session_scope(engine, write=False) as s:
        kept = sorted(r.external_id for r in s.exec(select(Report)).all())
    assert kept == ["batch-0", "batch-2"]
    with session_scope(engine) as s, pytest.raises(platform_rows.RowsRefused):
        platform.file_reports(s, team.mod, _rows(3)[1:2], store=EvidenceStore(tmp_path))
