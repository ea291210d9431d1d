"""``workbench demo``: a small demo data set on each database, built through the
workflow services: every queue, case state and measure code present, appeals
in every state, the audit chain intact, and ``--if-empty`` leaving it alone."""

from __future__ import annotations

import contextlib
import io
import random

import pytest
from sqlalchemy import func
from sqlmodel import select

from tests.conftest import BACKENDS, fresh_database_url
from tests.db.security.personal_data import in_audit_log, personal_data
from workbench.access import auth
from workbench.cli import main
from workbench.db import make_engine, session_scope
from workbench.demo.accounts import plan_accounts
from workbench.demo.identity import make_credit_code, make_id_number
from workbench.demo.run import DEFAULT_SEED
from workbench.demo.setup import DEMO_PASSWORD
from workbench.models import (
    Account,
    Appeal,
    Case,
    ChangeRequest,
    Clock,
    CorrectionOrder,
    EvidenceAttachment,
    FollowerSnapshot,
    Measure,
    Reply,
    Report,
    Reporter,
    RuleHit,
    Subject,
    utcnow,
)
from workbench.models.codes import AppealStatus, CaseStatus, MeasureCode, Queue
from workbench.records.audit import verify
from workbench.rules.idcodes import is_valid_credit_code, is_valid_id_number

SMALL = ["--accounts", "60", "--reports", "200"]


@pytest.fixture(scope="module", params=BACKENDS)
def demo_db(request, tmp_path_factory):
    """The small demo on a fresh database of each backend, built once through the command."""
    folder = tmp_path_factory.mktemp("demo")
    url = fresh_database_url(request.param, request, folder)
    engine = make_engine(url)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["demo", *SMALL, "--database", url, "--evidence-dir", str(folder / "img")])
    assert code == 0
    yield engine, url, out.getvalue()
    engine.dispose()


def _distinct(session, column):
    return set(session.exec(select(column).distinct()).all())


def test_demo_covers_every_queue_state_and_measure(demo_db):
    engine, _url, out = demo_db
    with session_scope(engine, write=False) as s:
        assert _distinct(s, Case.status) == {c.value for c in CaseStatus}
        assert _distinct(s, Case.queue) == {q.value for q in Queue}
        assert _distinct(s, Measure.code) == {m.value for m in MeasureCode}
        assert _distinct(s, Appeal.status) == {a.value for a in AppealStatus}
        severe = s.exec(
            select(Measure.status).where(
                Measure.code.in_(["close", "blacklist", "ban_reregistration"])
            )
        ).all()
        assert {"pending_approval", "in_effect"} <= set(severe)
        assert {"met", "missed", "open"} <= _distinct(s, CorrectionOrder.status)
        assert {"passed", "pending", "rejected"} <= _distinct(s, ChangeRequest.status)
        assert {"queued", "delivered"} <= _distinct(s, Reply.status)
        assert s.exec(select(func.count(Report.id))).one() >= 200
        planned = select(func.count(Account.id)).where(
            Account.platform_id.not_like("demo-return-%")
        )
        assert s.exec(planned).one() == 60  # and a few closed subjects back under new names
        assert s.exec(select(func.count(EvidenceAttachment.id))).one() > 0
        assert s.exec(select(func.count(FollowerSnapshot.account_id))).one() > 0
        claimed = s.exec(select(func.count(Case.id)).where(Case.assignee_id.is_not(None))).one()
        assert claimed > 0
        # Deadlines met, breached, and still running: some overdue, some not yet due.
        assert {"running", "met", "breached"} <= _distinct(s, Clock.state)
        now = utcnow()
        running = s.exec(select(Clock.due_at).where(Clock.state == "running")).all()
        assert any(d < now for d in running) and any(d > now for d in running)
        # Every reviewer signs in with the documented demo password.
        actor = auth.authenticate(s, "mod1", DEMO_PASSWORD)
        assert actor.has("moderator")
    assert "mod1" in out and "sup1" in out and "appeal1" in out and "admin1" in out
    assert DEMO_PASSWORD in out


def test_demo_audit_chain_verifies(demo_db, capsys):
    engine, url, _out = demo_db
    with session_scope(engine, write=False) as s:
        result = verify(s)
    assert result.ok, result.problem
    assert result.checked > 500
    assert main(["audit", "verify", "--database", url]) == 0


def test_demo_audit_log_holds_no_personal_data_in_full(demo_db):
    """2022/16: contacts, phones and ID numbers are in the demo's records, masked or
    referred to in its audit log, never in full."""
    engine, _url, _out = demo_db
    with session_scope(engine, write=False) as s:
        held = " ".join(
            str(v)
            for column in (Reporter.contact, Account.phone, Account.contact, Subject.id_number,
                           Appeal.appellant_contact, Reply.recipient_address)
            for v in s.exec(select(column)).all()
        )  # fmt: skip
    assert {kind for kind, _v in personal_data(held)} >= {"email", "mobile phone", "ID number"}
    assert in_audit_log(engine) == []


def test_if_empty_leaves_a_filled_database_alone(demo_db, capsys):
    engine, url, _out = demo_db
    with session_scope(engine, write=False) as s:
        before = (
            s.exec(select(func.count(Report.id))).one(),
            s.exec(select(func.count(Case.id))).one(),
        )
    assert main(["demo", *SMALL, "--if-empty", "--database", url]) == 0
    assert "nothing done" in capsys.readouterr().out
    # Without --if-empty a filled database is refused, not doubled.
    assert main(["demo", *SMALL, "--database", url]) == 1
    assert "already has" in capsys.readouterr().err
    with session_scope(engine, write=False) as s:
        after = (
            s.exec(select(func.count(Report.id))).one(),
            s.exec(select(func.count(Case.id))).one(),
        )
    assert after == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--accounts", "-5"], "--accounts"),
        (["--reports", "-1"], "--reports"),
        (["--seed", "-3"], "--seed"),
        (["--accounts", "many"], "invalid int"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(sqlite_engine, args, message, capsys):
    url = str(sqlite_engine.url)
    with pytest.raises(SystemExit) as exited:
        exit_code = main(["demo", *args, "--database", url])
        raise SystemExit(exit_code)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
    with session_scope(sqlite_engine, write=False) as s:
        assert s.exec(select(func.count(Account.id))).one() == 0


def test_demo_identifiers_have_right_and_deliberately_wrong_check_digits():
    rng = random.Random(7)
    assert all(is_valid_id_number(make_id_number(rng)) for _ in range(200))
    assert not any(is_valid_id_number(make_id_number(rng, valid=False)) for _ in range(200))
    assert all(is_valid_credit_code(make_credit_code(rng)) for _ in range(200))
    assert not any(is_valid_credit_code(make_credit_code(rng, valid=False)) for _ in range(200))


ACCOUNT_CHECKS = {
    "identity_unverified",
    "public_account_incomplete",
    "subject_account_cap",
    "inactive_six_months",
    "traffic_anomaly",
    "unapproved_transfer",
    "content_category_mismatch",
}


def test_demo_accounts_trigger_account_checks_and_near_misses_do_not(demo_db):
    engine, _url, _out = demo_db
    # The plan is deterministic: the same seed names the same accounts.
    plan = plan_accounts(60, random.Random(DEFAULT_SEED), utcnow(), None)
    with session_scope(engine, write=False) as s:
        ids = dict(s.exec(select(Account.platform_id, Account.id)).all())
        hits = s.exec(select(RuleHit.account_id, RuleHit.category, RuleHit.case_id)).all()
    found = {(account_id, category) for account_id, category, _ in hits}
    assert all(case_id is not None for *_, case_id in hits)  # each hit was filed on a case
    meant = [(ids[a.fields["platform_id"]], a.violation) for a in plan.accounts]
    near = [(ids[a.fields["platform_id"]], a.near_miss) for a in plan.accounts]
    hit_checks = {c for a, c in meant if c in ACCOUNT_CHECKS and (a, c) in found}
    assert hit_checks >= ACCOUNT_CHECKS - {"unapproved_transfer", "content_category_mismatch"}
    assert [(a, c) for a, c in meant if c in ACCOUNT_CHECKS and (a, c) not in found] == []
    assert [(a, c) for a, c in near if c in ACCOUNT_CHECKS and (a, c) in found] == []
    assert {c for _, c in near if c in ACCOUNT_CHECKS}  # near misses are there to test


def test_demo_has_closed_subjects_that_came_back_under_new_names(demo_db):
    """2022/10, 2017/13: a closed account's subject registers again; the check files it."""
    engine, _, _ = demo_db
    with session_scope(engine, write=False) as s:
        back = s.exec(select(Account).where(Account.platform_id.like("demo-return-%"))).all()
        assert back
        for account in back:
            hit = s.exec(
                select(RuleHit).where(
                    RuleHit.account_id == account.id,
                    RuleHit.category == "closed_subject_returns",
                )
            ).one()
            assert hit.case_id is not None and "2017/13" in hit.explanation
