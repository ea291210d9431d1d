"""Bulk account checks over the database: facts loaded in batches, cases only for hits,
nothing filed twice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import func, select

from workbench.access import auth
from workbench.cases.bulk_checks import (
    check_account,
    load_account_facts,
    run_account_checks,
    subject_counts,
)
from workbench.cases.check_policy import SETTING_KEY, load_policy, set_policy
from workbench.db import session_scope
from workbench.errors import PermissionDenied, ValidationError
from workbench.models import (
    Account,
    AccountTransfer,
    AuditEvent,
    Case,
    FollowerSnapshot,
    Report,
    RuleHit,
    Setting,
    Subject,
)

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
STEADY = [110, 130, 120, 125, 115, 120, 135, 105, 120, 118] * 4


def _history(session, account_id, gains, *, start=date(2026, 9, 1), base=10_000):
    count, day = base, start
    session.add(FollowerSnapshot(account_id=account_id, day=day, follower_count=count))
    for gain in gains:
        day += timedelta(days=1)
        count += gain
        session.add(FollowerSnapshot(account_id=account_id, day=day, follower_count=count))


def _account(session, platform_id, subject=None, **fields):
    values = dict(
        kind="public",
        name="小城美食日记",
        bio="分享家常菜做法",
        verification_method="mobile",
        verification_status="verified",
        ip_location="浙江",
        operator_name="张三",
        registered_address="杭州市西湖区",
        content_category="美食",
        contact="service@example.com",
        registered_at=NOW - timedelta(days=900),
        last_active_at=NOW - timedelta(days=5),
    )
    values.update(fields)
    account = Account(platform_id=platform_id, subject_id=subject.id if subject else None, **values)
    session.add(account)
    session.flush()
    return account


def _subject(session, name, kind="individual", **fields):
    subject = Subject(kind=kind, verified_name=name, **fields)
    session.add(subject)
    session.flush()
    return subject


def _stock(engine) -> dict[str, int]:
    """Accounts that must hit (by expected category) and near misses that must not."""
    with session_scope(engine) as s:
        solo = _subject(s, "张三", id_number="11010519491231002X")
        ids = {"clean": _account(s, "clean", solo).id}
        ids["unverified"] = _account(
            s, "unverified", verification_method="none", verification_status="unverified"
        ).id
        ids["reader"] = _account(
            s,
            "reader",
            kind="individual",
            verification_method="none",
            verification_status="unverified",
            publishes=False,
        ).id
        bad_id = _subject(s, "李四", id_number="110105194912310021")
        ids["bad_id"] = _account(s, "bad_id", bad_id, kind="individual").id
        ids["no_contact"] = _account(s, "no_contact", contact=None).id
        many = _subject(s, "王五")
        for i in range(3):
            ids[f"many{i}"] = _account(s, f"many{i}", many, kind="individual").id
        two = _subject(s, "赵六")
        for i in range(3):
            ids[f"two{i}"] = _account(
                s, f"two{i}", two, kind="individual", status="closed" if i == 2 else "active"
            ).id
        ids["idle"] = _account(s, "idle", last_active_at=NOW - timedelta(days=184)).id
        ids["idle_near"] = _account(s, "idle_near", last_active_at=NOW - timedelta(days=183)).id
        ids["spike"] = _account(s, "spike").id
        _history(s, ids["spike"], STEADY[:31] + [38_000] + STEADY[:8])
        ids["spike_near"] = _account(s, "spike_near").id
        _history(s, ids["spike_near"], STEADY[:31] + [4_000] + STEADY[:8])
        ids["transfer"] = _account(s, "transfer").id
        ids["transfer_ok"] = _account(s, "transfer_ok").id
        s.add(
            AccountTransfer(
                account_id=ids["transfer"],
                from_operator="张三",
                to_operator="李四",
                changed_at=NOW - timedelta(days=30),
            )
        )
        s.add(
            AccountTransfer(
                account_id=ids["transfer_ok"],
                from_operator="张三",
                to_operator="李四",
                approved=True,
                approval_reference="批 7",
                changed_at=NOW - timedelta(days=30),
            )
        )
        ids["mismatch"] = _account(s, "mismatch", name="每日财经观察").id
        ids["mismatch_near"] = _account(
            s, "mismatch_near", name="每日财经观察", content_category="财经"
        ).id
        ids["closed"] = _account(
            s,
            "closed",
            status="closed",
            verification_method="none",
            verification_status="unverified",
        ).id
    return ids


EXPECTED = {
    "unverified": {"identity_unverified"},
    "bad_id": {"identity_unverified"},
    "no_contact": {"public_account_incomplete"},
    "many0": {"subject_account_cap"},
    "many1": {"subject_account_cap"},
    "many2": {"subject_account_cap"},
    "idle": {"inactive_six_months"},
    "spike": {"traffic_anomaly"},
    "transfer": {"unapproved_transfer"},
    "mismatch": {"content_category_mismatch"},
}


def _cases(engine):
    with session_scope(engine, write=False) as s:
        rows = s.exec(select(Case.target_account_id, Case.category, Case.queue)).all()
    return rows


def test_a_bulk_run_opens_cases_only_for_the_hits(engine):
    ids = _stock(engine)
    summary = run_account_checks(engine, now=NOW, batch_size=4)
    names = {v: k for k, v in ids.items()}
    found: dict[str, set] = {}
    for account_id, category, queue in _cases(engine):
        assert queue == "automated"
        found.setdefault(names[account_id], set()).add(category)
    assert found == EXPECTED
    assert summary.accounts_checked == len(ids) - 2  # closed accounts are not checked
    assert summary.cases_opened == len(_cases(engine)) == 10
    with session_scope(engine, write=False) as s:
        hits = s.exec(select(RuleHit)).all()
        reports = s.exec(select(Report)).all()
    assert len(hits) == summary.hits_found == summary.hits_new
    assert all(h.case_id is not None for h in hits)
    assert {r.channel for r in reports} == {"automated_screening"}
    spike = next(h for h in hits if h.category == "traffic_anomaly")
    assert "+38,000 followers on 2026-10-03 against a baseline of 120/day" in spike.explanation


def test_running_twice_opens_no_second_case(engine):
    _stock(engine)
    first = run_account_checks(engine, now=NOW)
    second = run_account_checks(engine, now=NOW + timedelta(hours=1))
    assert second.cases_opened == 0 and second.hits_new == 0 and second.reports_joined == 0
    assert second.already_filed == first.hits_found
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Case.id))).one() == first.cases_opened
        assert s.exec(select(func.count(RuleHit.id))).one() == first.hits_found
        assert s.exec(select(func.count(Report.id))).one() == first.hits_found


def test_facts_come_from_the_database(engine):
    ids = _stock(engine)
    with session_scope(engine) as s:
        s.add(FollowerSnapshot(account_id=ids["spike"], day=date(2026, 1, 1), follower_count=1))
    with session_scope(engine, write=False) as s:
        policy = load_policy(s)
        counts = subject_counts(s, minimum=2)
        facts = load_account_facts(
            s,
            [ids["spike"], ids["many0"], ids["two0"], ids["bad_id"], ids["transfer"]],
            policy=policy,
            now=NOW,
            counts=counts,
        )
    spike, many, two, bad_id, transfer = facts
    assert spike.follower_history[0] == (date(2026, 9, 1), 10_000)  # older than the look-back
    assert len(spike.follower_history) == 41
    assert [a.ref for a in many.subject_accounts] == ["many0", "many1", "many2"]
    assert two.subject_accounts is None  # two accounts held: under the cap, no list loaded
    assert bad_id.id_number == "110105194912310021" and bad_id.subject_kind == "individual"
    assert transfer.transfers[0].to_operator == "李四" and not transfer.transfers[0].approved
    assert list(counts.values()) == [3]


def _admin_and_moderator(engine):
    with session_scope(engine) as s:
        admin = auth.actor_of(
            s,
            auth.create_reviewer(
                s,
                None,
                login="admin",
                display_name="管理员",
                roles=["administrator"],
                password="correct horse",
            ),
        )
        mod = auth.actor_of(
            s,
            auth.create_reviewer(
                s,
                admin,
                login="mod",
                display_name="审核员",
                roles=["moderator"],
                password="password1",
            ),
        )
    return admin, mod


def test_an_administrator_changes_thresholds_audited_and_the_run_follows(engine):
    _stock(engine)
    admin, mod = _admin_and_moderator(engine)
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        set_policy(s, mod, {"subject_account_cap": {"individual": 3}})
    with pytest.raises(ValidationError), session_scope(engine) as s:
        set_policy(s, admin, {"inactive_days": 0})
    with session_scope(engine) as s:
        set_policy(s, admin, {"subject_account_cap": {"individual": 3}}, reason="试点放宽")
    with session_scope(engine, write=False) as s:
        stored = s.get(Setting, SETTING_KEY).value
        event = s.exec(
            select(AuditEvent).where(AuditEvent.action == "policy.account_checks.update")
        ).one()
        assert load_policy(s).cap_for("individual") == 3
    assert stored["subject_account_cap"] == {"individual": 3, "organisation": 5}
    assert event.before["subject_account_cap"]["individual"] == 2
    assert event.after["subject_account_cap"]["individual"] == 3 and event.actor_id == admin.id
    run_account_checks(engine, now=NOW)
    assert "subject_account_cap" not in {c for _, c, _ in _cases(engine)}


def test_a_reviewer_who_files_no_reports_may_not_run_the_checks(engine):
    _stock(engine)
    admin, mod = _admin_and_moderator(engine)
    with pytest.raises(PermissionDenied):
        run_account_checks(engine, now=NOW, actor=admin)
    assert _cases(engine) == []
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count()).select_from(RuleHit)).one() == 0
    run_account_checks(engine, now=NOW, actor=mod)
    assert _cases(engine)


def test_one_account_is_checked_as_the_database_has_it(engine):
    ids = _stock(engine)
    with session_scope(engine, write=False) as s:
        many = check_account(s, ids["many1"], now=NOW)
        clean = check_account(s, ids["clean"], now=NOW)
        missing = check_account(s, 9999, now=NOW)
    assert [h.category for h in many] == ["subject_account_cap"]
    assert "3 accounts, cap 2" in many[0].explanation
    assert clean == [] and missing == []


def test_a_run_after_one_without_cases_files_the_stored_hits(engine):
    _stock(engine)
    quiet = run_account_checks(engine, now=NOW, open_cases=False)
    assert quiet.hits_new == quiet.hits_found and quiet.cases_opened == 0
    loud = run_account_checks(engine, now=NOW)
    assert loud.hits_new == 0 and loud.cases_opened == 10
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(RuleHit.id)).where(RuleHit.case_id.is_(None))).one() == 0


def test_a_dismissed_hit_seen_again_opens_no_second_case(engine):
    from workbench.cases.hit_store import decide_hit

    _stock(engine)
    _, mod = _admin_and_moderator(engine)
    first = run_account_checks(engine, now=NOW)
    with session_scope(engine) as s:
        hit = s.exec(select(RuleHit).where(RuleHit.category == "traffic_anomaly")).one()
        decide_hit(s, mod, hit.id, "dismissed", at=NOW)
    second = run_account_checks(engine, now=NOW + timedelta(hours=1))
    assert second.cases_opened == 0 and second.hits_new == 1  # a fresh row to decide
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Case.id))).one() == first.cases_opened


def test_one_subject_entered_as_two_records_is_counted_once_by_its_number(engine):
    """2021/10: the accounts-per-subject cap counts by the identity number, not the record:
    three accounts under two subject records with the same ID number exceed an individual's
    cap of two; so do six under two records with the same credit code (cap five)."""
    with session_scope(engine) as s:
        first = _subject(s, "王五", id_number="11010519491231002X")
        again = _subject(s, "王五（重复录入）", id_number="11010519491231002x".upper())
        other = _subject(s, "赵六", id_number="110105197201208217")
        ids = [_account(s, "twin0", first).id, _account(s, "twin1", first).id]
        ids.append(_account(s, "twin2", again).id)
        lone = _account(s, "lone", other).id
        org_a = _subject(s, "某公司", kind="organisation", credit_code="91350100M000100Y43")
        org_b = _subject(s, "某公司分录", kind="organisation", credit_code="91350100M000100Y43")
        org = [_account(s, f"org{i}", org_a if i < 3 else org_b).id for i in range(6)]
    summary = run_account_checks(engine, now=NOW)
    assert summary.by_category["subject_account_cap"] == 3 + 6
    with session_scope(engine, write=False) as s:
        capped = set(
            s.exec(select(RuleHit.account_id).where(RuleHit.category == "subject_account_cap"))
        )
        hit = s.exec(
            select(RuleHit).where(
                RuleHit.account_id == ids[2], RuleHit.category == "subject_account_cap"
            )
        ).one()
    assert capped == {*ids, *org} and lone not in capped
    assert "3 accounts, cap 2" in hit.explanation
    assert "twin0" in hit.explanation and "twin2" in hit.explanation


def test_a_verification_with_no_number_behind_it_fails(engine):
    """2022/9: verified "by ID number" with no ID number on record (no subject, or a subject
    without the number) is not verified; by mobile needs no number."""
    with session_scope(engine) as s:
        bare = _subject(s, "钱七")
        ids = {
            "no_subject": _account(s, "v1", None, verification_method="id_number").id,
            "no_number": _account(s, "v2", bare, verification_method="id_number").id,
            "no_code": _account(s, "v3", bare, verification_method="credit_code").id,
            "mobile": _account(s, "v4", bare, verification_method="mobile").id,
        }
    with session_scope(engine, write=False) as s:
        rules = {
            key: {h.rule for h in check_account(s, account_id, now=NOW)}
            for key, account_id in ids.items()
        }
    assert "verification_without_number" in rules["no_subject"]
    assert "verification_without_number" in rules["no_number"]
    assert "verification_without_number" in rules["no_code"]
    assert "verification_without_number" not in rules["mobile"]


def test_a_placeholder_contact_fails_the_disclosure_check(engine):
    """2022/13 asks a public account for a valid contact: 暂无 is none."""
    with session_scope(engine) as s:
        solo = _subject(s, "孙八", id_number="11010519491231002X")
        placeholder = _account(s, "ph", solo, contact="暂无").id
    with session_scope(engine, write=False) as s:
        (hit,) = [
            h for h in check_account(s, placeholder, now=NOW)
            if h.category == "public_account_incomplete"
        ]  # fmt: skip
    assert (hit.rule, hit.field, hit.matched) == (
        "account_placeholder_disclosure",
        "contact",
        "暂无",
    )
