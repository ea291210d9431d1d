"""Reporter credibility: counts, an explainable score, flags for possibly malicious reports."""

from __future__ import annotations

from sqlmodel import select

from workbench.cases import credibility
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.models import Case, Report, Reporter, ReporterCredibility

from .helpers import act, audit_ok, later, make_account, make_team, report


def _cred(engine, external_id):
    with session_scope(engine, write=False) as s:
        reporter = s.exec(select(Reporter).where(Reporter.external_id == external_id)).one()
        return s.get(ReporterCredibility, reporter.id)


def test_declines_lower_the_score_and_the_score_explains_itself(engine):
    team = make_team(engine)
    for i in range(3):
        cid = report(
            engine, make_account(engine, name=f"号{i}"), reporter="carol", at=later(days=10 * i)
        ).case.id
        act(
            engine,
            t.decline_case,
            team.mod,
            cid,
            expected_version=1,
            reason_code="malicious_report" if i == 2 else "insufficient_information",
        )
    cred = _cred(engine, "carol")
    assert (cred.reports_made, cred.upheld, cred.declined, cred.malicious_flags) == (3, 0, 3, 1)
    assert cred.score == (0 + 1) / (0 + 3 + 1 + 2)
    text = credibility.explain(cred)
    assert "(0+1)/(0+3+1+2) = 0.17" in text and "可信度" in text
    assert audit_ok(engine)


def test_many_reports_from_one_reporter_against_one_target_are_flagged(engine):
    account = make_account(engine)
    results = [
        report(engine, account, reporter="dave", category=c, at=later(days=i))
        for i, c in enumerate(["impersonate_state", "embedded_contact", "misleading_claim"])
    ]
    with session_scope(engine, write=False) as s:
        flags = [s.get(Report, r.report.id).suspected_malicious for r in results]
    assert flags == [True, True, True]
    assert _cred(engine, "dave").malicious_flags == 3
    other = report(engine, make_account(engine, name="别的号"), reporter="dave", at=later(days=4))
    assert not other.report.suspected_malicious


def test_a_burst_of_new_reporters_is_flagged(engine):
    account = make_account(engine)
    calm = report(engine, account, reporter="old-timer", at=later(days=-30))
    burst = [report(engine, account, reporter=f"new{i}", at=later(hours=i)) for i in range(5)]
    with session_scope(engine, write=False) as s:
        flagged = [s.get(Report, r.report.id).suspected_malicious for r in burst]
        assert not s.get(Report, calm.report.id).suspected_malicious
    assert flagged == [True] * 5
    assert _cred(engine, "new0").malicious_flags == 1
    assert audit_ok(engine)


def test_credibility_weighs_queue_priority(engine):
    trusted = report(engine, make_account(engine, name="甲"), reporter="trusted").case
    doubtful = report(engine, make_account(engine, name="乙"), reporter="doubtful").case
    assert trusted.priority == doubtful.priority
    with session_scope(engine) as s:
        for external_id, upheld, declined in [("trusted", 9, 0), ("doubtful", 0, 9)]:
            reporter = s.exec(select(Reporter).where(Reporter.external_id == external_id)).one()
            cred = s.get(ReporterCredibility, reporter.id)
            cred.upheld, cred.declined = upheld, declined
            cred.score = credibility.score_of(upheld, declined, 0)
            s.add(cred)
    a = report(engine, make_account(engine, name="丙"), reporter="trusted").case
    b = report(engine, make_account(engine, name="丁"), reporter="doubtful").case
    assert a.priority > b.priority


def test_a_decline_reorders_the_reporters_other_open_cases(engine):
    team = make_team(engine)
    first = report(engine, make_account(engine, name="甲"), reporter="eve").case
    second = report(engine, make_account(engine, name="乙"), reporter="eve").case
    act(
        engine,
        t.decline_case,
        team.mod,
        first.id,
        expected_version=1,
        reason_code="malicious_report",
    )
    with session_scope(engine, write=False) as s:
        after = s.get(Case, second.id)
    assert after.priority < second.priority
    assert after.version == second.version  # priority is derived: no new version


def test_batch_priorities_equal_one_case_at_a_time(engine):
    """Re-prioritising many cases at once gives each the priority it gets alone."""
    from sqlmodel import select

    from workbench.cases.priority import explain_priority, refresh_priorities
    from workbench.db import session_scope
    from workbench.models import Case, RuleHit

    from .helpers import make_account, report

    for i in range(6):
        account = make_account(engine, f"prio{i}", grade=("general", "important", "key")[i % 3])
        for r in range(i % 3 + 1):
            report(engine, account, reporter=f"rep{r}")
        if i % 2:
            with session_scope(engine) as s:
                s.add(
                    RuleHit(
                        account_id=account,
                        category="embedded_contact",
                        rule="t",
                        field="bio",
                        basis="2022/8(6)",
                        severity="high",
                        fingerprint=f"f{i}",
                    )
                )
    with session_scope(engine) as s:
        cases = s.exec(select(Case)).all()
        alone = {c.id: explain_priority(s, c) for c in cases}
        refresh_priorities(s, cases)
        got = {c.id: (c.priority, c.strongest_hit) for c in cases}
    assert got == {cid: (v, p["strongest_hit"]) for cid, (v, p) in alone.items()}
    assert {h for _, h in got.values()} == {None, "high"}
