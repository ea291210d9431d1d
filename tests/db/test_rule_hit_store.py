"""Rule hits stored once per account, decided by reviewers with an audit trail, measured per rule;
closed names read from the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from workbench.access.auth import actor_of
from workbench.cases.closed_sources import closed_names_in_database
from workbench.cases.hit_store import decide_hit, dismissal_rates, store_hits
from workbench.db import session_scope
from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.models import Account, AuditEvent, Case, ClosedName, Reviewer, ReviewerRole, RuleHit
from workbench.rules.closed_names import ClosedNameIndex, closed_similarity_hits
from workbench.rules.hits import Hit, basis_for

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _hit(rule="impersonate.organisation", matched="国务院", score=0.9, category=None) -> Hit:
    category = category or "impersonate_organisation"
    return Hit(
        category=category,
        rule=rule,
        field="name",
        start=0,
        end=len(matched),
        matched=matched,
        basis=basis_for(category),
        severity="high",
        score=score,
        explanation=f"名称含 {matched} / name contains {matched}",
    )


def _reviewer(session, login, *roles):
    reviewer = Reviewer(login=login, display_name=login.title(), password_hash="x")
    session.add(reviewer)
    session.flush()
    for role in roles:
        session.add(ReviewerRole(reviewer_id=reviewer.id, role=role))
    session.flush()
    return actor_of(session, reviewer)


def _account(session, platform_id="u1", name="国务院发布", status="active") -> int:
    account = Account(platform_id=platform_id, name=name, status=status)
    session.add(account)
    session.flush()
    return account.id


def test_screening_twice_keeps_one_undecided_row_refreshed(engine):
    with session_scope(engine) as s:
        account_id = _account(s)
        first = store_hits(s, account_id, [_hit(score=0.7), _hit(score=0.7)], at=T0)
        assert len(first) == 1
        case = Case(queue="reports", target_account_id=account_id, category="other")
        s.add(case)
        s.flush()
        again = store_hits(
            s, account_id, [_hit(score=0.95), _hit(rule="other.rule")], case_id=case.id
        )
        assert again[0].id == first[0].id
        case_id = case.id
    with session_scope(engine, write=False) as s:
        rows = s.exec(select(RuleHit).order_by(RuleHit.id)).all()
        assert len(rows) == 2
        assert rows[0].score == pytest.approx(0.95)
        assert rows[0].case_id == case_id  # tied to the case it was seen in
        assert rows[0].detected_at == T0  # first seen, not last seen
        assert rows[0].basis == "2022/8(2)" and rows[0].span_end == 3


def test_a_decided_hit_seen_again_is_a_new_row_to_decide(engine):
    with session_scope(engine) as s:
        account_id = _account(s)
        mod = _reviewer(s, "mod", "moderator")
        (row,) = store_hits(s, account_id, [_hit()])
        decide_hit(s, mod, row.id, "accepted")
        (again,) = store_hits(s, account_id, [_hit()])
        assert again.id != row.id and again.decision is None


def test_same_hit_on_two_accounts_is_stored_for_each(engine):
    with session_scope(engine) as s:
        a, b = _account(s, "a"), _account(s, "b")
        store_hits(s, a, [_hit()])
        store_hits(s, b, [_hit()])
        assert len(s.exec(select(RuleHit)).all()) == 2


def test_unknown_account_is_refused(engine):
    with session_scope(engine) as s, pytest.raises(NotFound):
        store_hits(s, 999, [_hit()])


def test_decisions_are_audited_and_need_the_right_role(engine):
    with session_scope(engine) as s:
        account_id = _account(s)
        mod = _reviewer(s, "mod", "moderator")
        admin = _reviewer(s, "admin", "administrator")
        (row,) = store_hits(s, account_id, [_hit()])
        with pytest.raises(PermissionDenied):
            decide_hit(s, admin, row.id, "dismissed")
        with pytest.raises(ValidationError):
            decide_hit(s, mod, row.id, "maybe")
        with pytest.raises(NotFound):
            decide_hit(s, mod, 12345, "accepted")
        decided = decide_hit(s, mod, row.id, "dismissed", "机构简称巧合 / coincidental short name")
        assert (decided.decision, decided.decided_by) == ("dismissed", mod.id)
        assert decide_hit(s, mod, row.id, "dismissed").decision == "dismissed"  # no change
        with pytest.raises(ValidationError, match="reason"):
            decide_hit(s, mod, row.id, "accepted")
        decide_hit(s, mod, row.id, "accepted", "复核后确认 / confirmed on second look")
        row_id = row.id
    with session_scope(engine, write=False) as s:
        events = s.exec(
            select(AuditEvent).where(AuditEvent.entity == "rule_hit").order_by(AuditEvent.id)
        ).all()
        assert [e.action for e in events] == ["rule_hit.dismissed", "rule_hit.accepted"]
        assert all(e.entity_id == row_id and e.actor_id == mod.id for e in events)
        assert events[0].reason.startswith("机构简称巧合")
        assert events[1].before["decision"] == "dismissed"


def test_dismissal_rates_put_the_noisiest_rule_first(engine):
    with session_scope(engine) as s:
        account_id = _account(s)
        mod = _reviewer(s, "mod", "moderator")
        admin = _reviewer(s, "admin", "administrator")
        decisions = {
            "claim.superlative": ["dismissed", "dismissed", "dismissed", "accepted"],
            "contact.phone": ["accepted", "accepted", "dismissed"],
            "place.name": [None],  # undecided hits do not count
        }
        for rule, outcomes in decisions.items():
            for i, outcome in enumerate(outcomes):
                (row,) = store_hits(s, account_id, [_hit(rule=rule, matched=f"{rule}{i}")])
                if outcome:
                    decide_hit(s, mod, row.id, outcome)
        with pytest.raises(PermissionDenied):
            dismissal_rates(s, mod)
        rates = dismissal_rates(s, admin)
    assert [(r.rule, r.decided, r.dismissed) for r in rates] == [
        ("claim.superlative", 4, 3),
        ("contact.phone", 3, 1),
    ]
    assert rates[0].rate == pytest.approx(0.75)
    assert rates[0].category == "impersonate_organisation"


def test_closed_and_blacklisted_accounts_feed_the_similarity_index(engine):
    with session_scope(engine) as s:
        closed_id = _account(s, "c1", "健身教练阿强", status="closed")
        _account(s, "c2", "深夜电台", status="blacklisted")
        _account(s, "c3", "正常账号", status="active")
        s.add(ClosedName(name="美食探店小王", account_id=closed_id, source="closure", added_at=T0))
        s.add(ClosedName(name="旧名字", source="import", added_at=T0))
        s.add(ClosedName(name="健身教练阿强", account_id=closed_id, source="closure", added_at=T0))
    with session_scope(engine, write=False) as s:
        index = ClosedNameIndex.build(closed_names_in_database(s))
    assert len(index) == 4  # 健身教练阿强 once, though it is in both places
    assert index.query("深夜電臺")[0].label.startswith("account c2 blacklisted")
    assert index.query("美食探店小王官方")[0].label == "account c1 closed 2026-03-02"
    assert index.query("正常账号") == []
    (hit,) = closed_similarity_hits(index, "健身教練阿強")
    assert "account c1" in hit.explanation


def test_no_closed_accounts_gives_an_empty_index(engine):
    with session_scope(engine) as s:
        _account(s, "a1", "正常账号")
    with session_scope(engine, write=False) as s:
        index = ClosedNameIndex.build(closed_names_in_database(s))
    assert len(index) == 0 and index.query("正常账号") == []
