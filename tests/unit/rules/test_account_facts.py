"""Screen input lines as account facts: only what a line gives is checked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workbench.errors import ValidationError
from workbench.rules.account_checks import account_check_hits
from workbench.rules.account_facts import FactsError, facts_from_screen, subject_groups
from workbench.rules.account_policy import build_policy, default_policy

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def screen(record, **kw):
    return account_check_hits(facts_from_screen(record, **kw), default_policy(), now=NOW)


def test_a_text_only_line_gets_no_account_level_hits():
    assert screen({"id": "1", "kind": "public", "name": "每日财经观察", "bio": "律师"}) == []


def test_a_line_with_the_extra_fields_is_checked():
    line = {
        "id": "7",
        "kind": "public",
        "name": "每日财经观察",
        "verification": "none",
        "operator": "某某传媒",
        "contact": "暂无",  # a placeholder (2022/13); the other disclosures are not given
        "content_category": "美食",
        "last_active_at": "2026-03-01T09:00:00",
        "follower_history": [["2026-10-01", 100], ["2026-10-02", 90]],
        "transfers": [{"changed_at": "2026-09-01", "from_operator": "甲", "to_operator": "乙"}],
    }
    categories = sorted({h.category for h in screen(line)})
    assert categories == [
        "content_category_mismatch",
        "identity_unverified",
        "inactive_six_months",
        "public_account_incomplete",
        "unapproved_transfer",
    ]


def test_verification_as_text_or_object():
    assert facts_from_screen({"verification": "mobile"}).verification_status == "verified"
    assert facts_from_screen({"verification": "none"}).verification_status == "unverified"
    facts = facts_from_screen({"verification": {"method": "id_number", "status": "pending"}})
    assert (facts.verification_method, facts.verification_status) == ("id_number", "pending")


def test_times_without_offset_are_beijing_time():
    facts = facts_from_screen({"last_active_at": "2026-05-01"})
    assert facts.last_active_at == datetime(2026, 4, 30, 16, 0, tzinfo=UTC)


def test_history_is_sorted_by_date():
    facts = facts_from_screen({"follower_history": [["2026-10-02", 5], ["2026-10-01", 3]]})
    assert facts.follower_history == ((date(2026, 10, 1), 3), (date(2026, 10, 2), 5))


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ({"verification": "face"}, "verification method"),
        ({"verification": {"method": "mobile", "status": "ok"}}, "verification status"),
        ({"follower_history": [["2026-10-01"]]}, "[date, count]"),
        ({"follower_history": [["2026-10-01", -3]]}, "non-negative"),
        ({"follower_history": [["yesterday", 3]]}, "bad date"),
        ({"last_active_at": "soon"}, "ISO date-time"),
        ({"transfers": {"from_operator": "甲"}}, "list of objects"),
        ({"kind": "robot"}, "individual|organisation|public"),
        ({"operator": ["甲"]}, "must be text"),
        ({"publishes": "false"}, "true or false"),
        ({"transfers": [{"approved": "yes"}]}, "true or false"),
    ],
)
def test_malformed_fields_are_refused_with_a_reason(record, words):
    with pytest.raises(FactsError, match=words.replace("[", r"\[").replace("|", r"\|")):
        facts_from_screen(record)


def test_accounts_of_one_subject_across_the_input_count_towards_the_cap():
    lines = [{"id": f"a{i}", "subject_id": "s1", "verification": "mobile"} for i in range(3)]
    lines.append({"id": "b", "subject_id": "s2"})
    groups = subject_groups(lines)
    assert [a.ref for a in groups["s1"]] == ["a0", "a1", "a2"] and len(groups["s2"]) == 1
    hits = screen(lines[0], subject_accounts=groups["s1"])
    assert [h.category for h in hits] == ["subject_account_cap"]
    assert "3 accounts, cap 2" in hits[0].explanation
    assert screen(lines[3], subject_accounts=groups["s2"]) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"subject_account_cap": {"individual": 0}}, "subject_account_cap.individual"),
        ({"subject_account_cap": {"robot": 3}}, "unknown keys"),
        ({"inactive_days": "183"}, "integer"),
        ({"traffic": {"mad_k": True}}, "number"),
        ({"traffic": {"loss_fraction": 1.5}}, "0.01..1"),
        ({"traffic": {"min_baseline_days": 40}}, "cannot exceed window_days"),
        ({"cap": 3}, "unknown keys"),
    ],
)
def test_bad_thresholds_are_refused(changes, words):
    with pytest.raises(ValidationError, match=words.replace(".", r"\.")):
        build_policy(changes)


def test_defaults_ship_with_the_workbench():
    policy = default_policy()
    assert policy.subject_account_cap == {"individual": 2, "organisation": 5}
    assert policy.inactive_days == 183
    assert {f.code for f in policy.content_fields} >= {"news", "finance", "health", "law"}


@pytest.mark.parametrize(
    "value", ["暂无", "无", "待定", "123456", "000", "—", "N/A", "xxx", " 暂 无 "]
)
def test_a_placeholder_contact_fails_the_disclosure_check(value):
    """2022/13 asks for a valid contact: a placeholder shows none."""
    hits = screen({"id": "1", "kind": "public", "contact": value})
    assert [(h.rule, h.field) for h in hits] == [("account_placeholder_disclosure", "contact")]
    assert hits[0].basis == "2022/13"


@pytest.mark.parametrize(
    "value", ["service@example.com", "13800138000", "微信 abc_123", "400-800-1234"]
)
def test_a_real_contact_passes(value):
    assert screen({"id": "1", "kind": "public", "contact": value}) == []


def test_a_public_line_is_judged_only_on_the_disclosures_it_gives():
    """Partial input: the fields a line leaves out are not reported as not shown."""
    assert screen({"id": "1", "kind": "public", "operator": "某某传媒"}) == []
    hits = screen({"id": "1", "kind": "public", "operator": "", "contact": "a@example.com"})
    assert [(h.rule, h.field) for h in hits] == [("account_missing_disclosure", "operator")]


def test_a_verification_naming_a_method_needs_its_number():
    """2022/9: verified by ID number with the number given empty fails; left out, not judged."""
    line = {"id": "1", "verification": "id_number", "id_number": ""}
    assert [h.rule for h in screen(line)] == ["verification_without_number"]
    line = {"id": "1", "verification": "credit_code", "credit_code": " "}
    assert [h.rule for h in screen(line)] == ["verification_without_number"]
    assert screen({"id": "1", "verification": "id_number"}) == []
    assert screen({"id": "1", "verification": "id_number", "id_number": "11010519491231002X"}) == []


def test_lines_of_one_subject_under_two_ids_count_together_by_their_number():
    """2021/10: the same ID number under two subject ids is one subject."""
    lines = [
        {"id": "a", "subject_id": "s1", "id_number": "11010519491231002X"},
        {"id": "b", "subject_id": "s1", "id_number": "11010519491231002X"},
        {"id": "c", "subject_id": "s2", "id_number": "11010519491231002x"},
        {"id": "d", "subject_id": "s3", "id_number": "110105197201208217"},
    ]
    groups = subject_groups(lines)
    assert [a.ref for a in groups["s2"]] == ["a", "b", "c"] == [a.ref for a in groups["s1"]]
    assert [a.ref for a in groups["s3"]] == ["d"]
    (hit,) = screen(lines[2], subject_accounts=groups["s2"])
    assert hit.category == "subject_account_cap" and "3 accounts, cap 2" in hit.explanation
