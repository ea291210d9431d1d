"""Held change requests (2022/10): listed for a moderator, approved or refused as 不予变更."""

from __future__ import annotations

import pytest
from sqlmodel import select

from workbench.db import session_scope
from workbench.errors import PermissionDenied, ValidationError
from workbench.measures.corrections import decide_change_request, submit_change_request
from workbench.models import AuditEvent, ChangeRequest, CorrectionOrder
from workbench.operations import change_requests
from workbench.operations.local import LocalClient

from .helpers import account_of, act, audit_ok, later
from .test_corrections import ordered  # noqa: F401  (the fixture)


def flags(account, proposed):
    """A screener that holds a name with 新华 and a bio with a phone number."""
    hits = []
    if "新华" in proposed.get("name", ""):
        hits.append(
            {"category": "impersonate_news_media", "rule": "media", "field": "name",
             "matched": "新华", "explanation": "名称含新闻媒体名称"}
        )
    if "138" in proposed.get("bio", ""):
        hits.append(
            {"category": "embedded_contact", "rule": "phone", "field": "bio",
             "matched": "13812345678", "basis": "2022/8(6)", "explanation": "简介含手机号码"}
        )
    return hits


def _held(engine, account_id, proposed, at):
    request = act(engine, submit_change_request, None, account_id, proposed, screen=flags, now=at)
    assert request.status == "pending"
    return request.id


def _client(engine, actor):
    return LocalClient(engine, actor=actor, clock=lambda: later(days=1, hours=1))


def _decision_event(engine, request_id) -> AuditEvent:
    with session_scope(engine, write=False) as s:
        return s.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "change_request",
                AuditEvent.entity_id == request_id,
                AuditEvent.action.in_(("change_request.pass", "change_request.reject")),
            )
        ).one()


def test_pending_requests_show_current_beside_proposed_with_hits_masked(ordered):  # noqa: F811
    """2022/10: the moderator sees what would change and why screening held it; 2022/16:
    a phone written into the bio is masked."""
    engine, team, account_id, _ = ordered
    request_id = _held(engine, account_id, {"name": "新华视点", "bio": "电话13812345678"}, later(days=1))
    (row,) = _client(engine, team.mod).call(change_requests.pending_change_requests)
    assert row.id == request_id and row.account_id == account_id
    assert row.correction_order_id is not None and row.correction_deadline is not None
    changes = {c.field: (c.current, c.proposed) for c in row.changes}
    assert changes["name"] == ("新华社官方号", "新华视点")
    assert "13812345678" not in changes["bio"][1] and "5678" in changes["bio"][1]
    hits = {h.category: h for h in row.hits}
    assert hits["impersonate_news_media"].basis == "2022/8(4)"  # from the category
    assert hits["embedded_contact"].basis == "2022/8(6)"
    assert "13812345678" not in hits["embedded_contact"].matched
    with pytest.raises(PermissionDenied):
        _client(engine, team.appeals).call(change_requests.pending_change_requests)


def test_refused_as_not_changed_records_reason_and_article_and_keeps_the_account(ordered):  # noqa: F811
    """2022/10: 不予变更 needs a reason and the article; the account stays as it was."""
    engine, team, account_id, _ = ordered
    request_id = _held(engine, account_id, {"name": "新华视点"}, later(days=1))
    client = _client(engine, team.mod)
    with pytest.raises(ValidationError):  # no article
        client.call(change_requests.decide_change_request, change_request_id=request_id,
                    approve=False, reason="仍含媒体名称", basis="")
    with pytest.raises(ValidationError):  # not an article of the regulations
        client.call(change_requests.decide_change_request, change_request_id=request_id,
                    approve=False, reason="仍含媒体名称", basis="2022/99")
    with pytest.raises(ValidationError):  # no reason
        client.call(change_requests.decide_change_request, change_request_id=request_id,
                    approve=False, reason=" ", basis="2022/10")
    with pytest.raises(PermissionDenied):
        _client(engine, team.appeals).call(
            change_requests.decide_change_request, change_request_id=request_id,
            approve=False, reason="x", basis="2022/10")
    assert client.call(
        change_requests.decide_change_request, change_request_id=request_id,
        approve=False, reason="仍含媒体名称", basis="2022/8(4), 2022/10",
    ) == request_id
    event = _decision_event(engine, request_id)
    assert event.action == "change_request.reject" and event.reason == "仍含媒体名称"
    assert event.after["basis"] == "2022/8(4), 2022/10"
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, request_id).status == "rejected"
        assert s.exec(select(CorrectionOrder)).one().status == "open"
    assert account_of(engine, account_id).name == "新华社官方号"
    assert client.call(change_requests.pending_change_requests) == []
    assert audit_ok(engine)


def test_approved_updates_the_account_and_meets_its_correction_order(ordered):  # noqa: F811
    """2022/10 and 2022/15: an approved change is applied and meets the order it answers."""
    engine, team, account_id, _ = ordered
    request_id = _held(engine, account_id, {"name": "新华路小店"}, later(days=1))
    client = _client(engine, team.sup)
    assert client.call(
        change_requests.decide_change_request, change_request_id=request_id,
        approve=True, reason="", basis="",
    ) == request_id
    event = _decision_event(engine, request_id)
    assert event.action == "change_request.pass" and event.reason
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, request_id).status == "passed"
        order = s.exec(select(CorrectionOrder)).one()
    assert order.status == "met"
    account = account_of(engine, account_id)
    assert account.name == "新华路小店" and account.status == "active"
    assert audit_ok(engine)


def test_the_service_checks_an_article_it_is_given(ordered):  # noqa: F811
    """2022/10: a decision's article is one of the regulations'."""
    engine, team, account_id, _ = ordered
    request_id = _held(engine, account_id, {"name": "新华视点"}, later(days=1))
    with pytest.raises(ValidationError):
        act(engine, decide_change_request, team.mod, request_id,
            approve=False, reason="仍含媒体名称", basis="第十条")
    act(engine, decide_change_request, team.mod, request_id,
        approve=False, reason="仍含媒体名称", basis="2022/10", now=later(days=1, hours=2))
    assert _decision_event(engine, request_id).after["basis"] == "2022/10"
