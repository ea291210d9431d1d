"""Screening: findings with a checked legal basis, rule hits accepted or dismissed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import Finding, RuleHit

from .helpers import act, audit_ok, case_of, later, make_account, make_team, report


def _hit(s, account_id, rule, severity="medium", case_id=None):
    hit = RuleHit(
        account_id=account_id,
        case_id=case_id,
        category="impersonate_news_media",
        rule=rule,
        field="name",
        basis="2022/8(4)",
        severity=severity,
        fingerprint=rule,
    )
    s.add(hit)
    s.flush()
    return hit.id


@pytest.fixture
def world(engine):
    team = make_team(engine)
    account_id = make_account(engine)
    other_account = make_account(engine, name="别人")
    cid = report(engine, account_id).case.id
    with session_scope(engine) as s:
        hits = {
            "media": _hit(s, account_id, "media", "high"),
            "contact": _hit(s, account_id, "contact", "low", case_id=cid),
            "elsewhere": _hit(s, other_account, "elsewhere"),
        }
    act(engine, t.accept_case, team.mod, cid, expected_version=1, now=later(hours=1))
    return engine, team, cid, hits


def test_findings_and_hit_decisions_are_recorded(world):
    engine, team, cid, hits = world
    act(
        engine,
        screening.record_findings,
        team.mod,
        cid,
        expected_version=2,
        findings=[
            ("impersonate_news_media", "", "名称含新华社"),
            {"category": "other", "basis": "2022/8(8)", "notes": "其他禁止内容"},
        ],
        hit_decisions={hits["media"]: "accepted", hits["contact"]: "dismissed"},
        notes="核对了账号卡片",
        now=later(hours=2),
    )
    c = case_of(engine, cid)
    assert c.status == "screening" and "核对了账号卡片" in c.resolution_note
    assert c.strongest_hit == "high"  # the dismissed hit no longer counts
    with session_scope(engine, write=False) as s:
        findings = s.exec(select(Finding).where(Finding.case_id == cid)).all()
        decided = {h.rule: (h.decision, h.decided_by) for h in s.exec(select(RuleHit)).all()}
    assert sorted((f.category, f.basis) for f in findings) == [
        ("impersonate_news_media", "2022/8(4)"),
        ("other", "2022/8(8)"),
    ]
    assert decided == {
        "media": ("accepted", team.mod.id),
        "contact": ("dismissed", team.mod.id),
        "elsewhere": (None, None),
    }
    # More findings may follow while screening.
    act(
        engine,
        screening.record_findings,
        team.mod,
        cid,
        expected_version=3,
        findings=[("embedded_contact", "2022/8(6)", "")],
    )
    assert case_of(engine, cid).version == 4
    assert audit_ok(engine)


def test_bad_findings_are_refused_and_nothing_changes(world):
    engine, team, cid, hits = world
    attempts = [
        ({"findings": [("impersonate_news_media", "2022/8(12)", "")]}, ValidationError),
        ({"findings": [("other", "", "")]}, ValidationError),
        ({"findings": [("gossip", "2022/8(2)", "")]}, ValidationError),
        ({"hit_decisions": {hits["media"]: "maybe"}}, ValidationError),
        ({"hit_decisions": {hits["elsewhere"]: "accepted"}}, NotFound),
    ]
    for kwargs, error in attempts:
        with pytest.raises(error):
            act(engine, screening.record_findings, team.mod, cid, expected_version=2, **kwargs)
    c = case_of(engine, cid)
    assert (c.status, c.version) == ("accepted", 2)
    with session_scope(engine, write=False) as s:
        assert s.exec(select(Finding)).all() == []
        assert all(h.decision is None for h in s.exec(select(RuleHit)).all())


def test_findings_need_an_accepted_case(sqlite_engine):
    engine = sqlite_engine
    team = make_team(engine)
    cid = report(engine, make_account(engine)).case.id
    with pytest.raises(InvalidTransition, match="received"):
        act(
            engine,
            screening.record_findings,
            team.mod,
            cid,
            expected_version=1,
            findings=[("impersonate_news_media", "", "")],
        )
