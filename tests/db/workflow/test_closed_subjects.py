"""The subject-level blacklist (2022/10, 2017/13): a closed or blacklisted account's
registered subject may not come back under a new name, and the list names no one."""

from __future__ import annotations

import json

from sqlmodel import select

from tests.db.importing.support import run, write
from workbench.cases.bulk_checks import run_account_checks
from workbench.cases.subjects import subject_key
from workbench.db import session_scope
from workbench.measures.corrections import submit_change_request
from workbench.measures.measures import MeasureSpec, approve_measure, revoke_measure
from workbench.models import AuditEvent, Case, ChangeRequest, ClosedSubject, RuleHit, Subject
from workbench.records.audit_key import derive, use_audit_key

from .helpers import act, audit_ok, later, make_account, make_team
from .test_measures import _measures, dispose, screened_case

ID_NUMBER = "110105197201208217"  # GB 11643, check digit valid
CREDIT_CODE = "91350100M000100Y43"  # GB 32100, check character valid


def _close_subject(engine, tmp_path, code="close", team=None):
    """An account of a subject with both numbers, closed (or blacklisted) by an approved measure
    (by ``team``, else a new one)."""
    team = team or make_team(engine)
    with session_scope(engine) as s:
        subject = Subject(
            kind="organisation", verified_name="某某传媒", id_number=ID_NUMBER,
            credit_code=CREDIT_CODE,
        )  # fmt: skip
        s.add(subject)
        s.flush()
        subject_id = subject.id
    account_id = make_account(engine, name="新华社官方号", subject_id=subject_id)
    cid, v = screened_case(engine, team, account_id)
    dispose(engine, team, cid, v, MeasureSpec(code, "", "严重假冒"))
    (measure,) = _measures(engine, cid)
    act(engine, approve_measure, team.sup, measure.id, approve=True, reason="证据充分")
    return team, account_id, measure


def _import_new_name(engine, tmp_path, platform_id="acc-back", **numbers):
    path = write(
        tmp_path / f"{platform_id}.jsonl",
        [{"id": platform_id, "name": "晨光资讯", "subject_id": f"s-{platform_id}",
          "subject_kind": "organisation", "subject_name": "某某传媒", **numbers}],
    )  # fmt: skip
    assert run(engine, "import", "accounts", str(path)) == 0


def _returns_hits(engine):
    with session_scope(engine, write=False) as s:
        return s.exec(select(RuleHit).where(RuleHit.category == "closed_subject_returns")).all()


def _everything_stored(engine) -> str:
    """The closed-subject list and every audit payload, as one text to scan."""
    with session_scope(engine, write=False) as s:
        rows = [r.model_dump(mode="json") for r in s.exec(select(ClosedSubject)).all()]
        events = [[e.before, e.after, e.reason] for e in s.exec(select(AuditEvent)).all()]
        hits = [[h.matched, h.explanation] for h in s.exec(select(RuleHit)).all()]
    return json.dumps([rows, events, hits], ensure_ascii=False, default=str)


def test_closed_subject_re_registering_under_a_new_name_is_a_hit_2022_10_2017_13(engine, tmp_path):
    """2022/10, 2017/13: the subject of a closed account registers again as 晨光资讯 and the
    import files closed_subject_returns, naming the earlier account with its name masked."""
    _, closed_id, _ = _close_subject(engine, tmp_path)
    with session_scope(engine, write=False) as s:
        entries = s.exec(select(ClosedSubject)).all()
    assert sorted(e.kind for e in entries) == ["credit_code", "id_number"]
    assert {e.account_id for e in entries} == {closed_id} and {e.source for e in entries} == {
        "closure"
    }
    assert entries[0].key_id == subject_key().key_id

    _import_new_name(engine, tmp_path, id_number=ID_NUMBER)
    (hit,) = _returns_hits(engine)
    assert hit.basis == "2022/10" and hit.severity == "high" and hit.field == "subject"
    assert "p-新华社官方号「新****号」已关闭" in hit.explanation
    assert "2017/13" in hit.explanation and "身份证号" in hit.explanation
    assert audit_ok(engine)


def test_the_list_stores_no_id_number_or_credit_code_in_clear_2022_10(engine, tmp_path):
    """The list, the audit payloads and the hits hold only keyed hashes (2022/10, 2022/16)."""
    _close_subject(engine, tmp_path, code="blacklist")
    _import_new_name(engine, tmp_path, credit_code=CREDIT_CODE)
    assert len(_returns_hits(engine)) == 1
    stored = _everything_stored(engine)
    for number in (ID_NUMBER, CREDIT_CODE, ID_NUMBER[-8:], CREDIT_CODE[-8:]):
        assert number not in stored
    with session_scope(engine, write=False) as s:
        digests = {e.digest for e in s.exec(select(ClosedSubject)).all()}
    assert all(len(d) == 64 and ID_NUMBER not in d for d in digests)


def test_revoking_the_closure_takes_the_subject_off_the_list_2017_13(engine, tmp_path):
    """Revoked (an appeal upheld, 2021/20): no entry left, a new account of the subject is clean."""
    team, _, measure = _close_subject(engine, tmp_path)
    act(engine, revoke_measure, team.sup2, measure.id, reason="错误关闭")
    with session_scope(engine, write=False) as s:
        assert s.exec(select(ClosedSubject)).all() == []
        removed = s.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "account.status")
            .order_by(AuditEvent.id.desc())
        ).first()
    assert removed.after["closed_subject_removed"] == ["credit_code", "id_number"]
    _import_new_name(engine, tmp_path, id_number=ID_NUMBER)
    assert _returns_hits(engine) == []


def test_a_change_request_of_a_returning_subject_waits_with_the_hit_2022_10(engine, tmp_path):
    """2022/10: information is checked at every change; the subject's return holds the request."""
    _close_subject(engine, tmp_path)
    with session_scope(engine) as s:
        again = Subject(kind="organisation", verified_name="某某传媒", credit_code=CREDIT_CODE)
        s.add(again)
        s.flush()
        again_id = again.id
    account_id = make_account(engine, name="晨光资讯", subject_id=again_id)
    request = act(
        engine, submit_change_request, None, account_id, {"bio": "新的简介"}, lambda a, p: []
    )
    with session_scope(engine, write=False) as s:
        stored = s.get(ChangeRequest, request.id)
    assert stored.status == "pending"
    (hit,) = stored.screening_outcome["hits"]
    assert hit["category"] == "closed_subject_returns" and hit["basis"] == "2022/10"


def test_after_a_key_rotation_the_list_is_hashed_again_and_still_matches_2017_13(engine, tmp_path):
    """A new key file: the entries made under the old key are hashed again from their
    accounts' subjects the next time the list is checked, and the returning subject is caught."""
    _, closed_id, _ = _close_subject(engine, tmp_path)
    with session_scope(engine, write=False) as s:
        old = {(e.digest, e.key_id) for e in s.exec(select(ClosedSubject)).all()}
    rotated = derive(b"a replaced key file's master key, 32+ bytes long")
    use_audit_key(rotated)
    try:
        _import_new_name(engine, tmp_path, id_number=ID_NUMBER)
        with session_scope(engine, write=False) as s:
            new = {(e.digest, e.key_id) for e in s.exec(select(ClosedSubject)).all()}
            assert {e.account_id for e in s.exec(select(ClosedSubject)).all()} == {closed_id}
    finally:
        use_audit_key(None)
    assert len(new) == 2 and not new & old
    assert {key_id for _, key_id in new} == {rotated.key_id}
    assert len(_returns_hits(engine)) == 1


def test_the_stock_check_finds_an_account_of_the_subject_registered_before_the_closure_2022_15(
    engine, tmp_path
):
    """2022/15 (re-checking stock accounts) with 2022/10: an account whose subject was closed
    after it registered is found by the account checks and filed as an automated case."""
    with session_scope(engine) as s:
        earlier = Subject(kind="organisation", verified_name="某某传媒", credit_code=CREDIT_CODE)
        s.add(earlier)
        s.flush()
        earlier_id = earlier.id
    account_id = make_account(engine, name="晨光资讯", subject_id=earlier_id)
    _close_subject(engine, tmp_path)
    summary = run_account_checks(engine, now=later(days=1))
    assert summary.by_category["closed_subject_returns"] == 1
    (hit,) = _returns_hits(engine)
    assert hit.account_id == account_id and hit.case_id is not None
    with session_scope(engine, write=False) as s:
        case = s.get(Case, hit.case_id)
    assert case.target_account_id == account_id and case.queue == "automated"
