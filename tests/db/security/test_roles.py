"""Every service action that takes an acting reviewer refuses one without the role,
and refuses before anything is written: no audit event, no row changed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from tests.db.appeals.support import disposed_case
from tests.db.workflow.helpers import later, make_account, make_team, report
from workbench.access import auth, reveal
from workbench.archive import retention
from workbench.cases import (
    bulk,
    check_policy,
    hit_store,
    holds,
    intake,
    intake_batch,
    notes,
    public_figures,
    screening,
    tags,
)
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.errors import PermissionDenied
from workbench.measures import (
    appeals,
    corrections,
    credit_grades,
    measures,
    regulator_orders,
    rumours,
)
from workbench.measures import bulk as measure_bulk
from workbench.measures.measures import MeasureSpec
from workbench.models import Case, ChangeRequest, Clock, Report
from workbench.models.views import QueueFilter
from workbench.platform import api_clients, platform_outbox
from workbench.queues import claims, saved_filters
from workbench.replies import bulk as reply_bulk
from workbench.replies import notices, replies
from workbench.reports import report_log
from workbench.rules.hits import Hit, basis_for
from workbench.timelimits import alerts, calendar, clocks, policies, retime

MOD_SUP = {"moderator", "supervisor"}
REPLY = {"moderator", "supervisor", "appeal_reviewer"}
ADMIN = {"administrator"}
SUP = {"supervisor"}
APPEALS = {"appeal_reviewer"}
READERS = MOD_SUP | ADMIN | APPEALS  # every reviewer who reads cases

# Functions that take an actor but are not actions of their own: each is called
# only from inside an action that has checked the role, or records the actor
# without deciding anything.
NOT_ACTIONS = {
    "audit.record": "writes the event of an action that checked the role",
    "auth.require_role": "the check itself",
    "casework.load_for_action": "the check every case action makes",
    "casework.require_case_worker": "the check every case action makes",
    "casework.save": "the audited write of a checked case action",
    "settings.put_setting": "called by administrator actions after their check",
    "corrections.open_for_measure": "part of apply_measure / decide_appeal (checked)",
    "corrections.cancel_for_measure": "part of revoke_measure (checked)",
    "corrections.escalate_missed": "the time-limit sweep run by the system",
    "account_effects.recompute_account_status": "part of measure actions and the sweep",
    "account_effects.regrade_accounts": "part of a checked import of accounts (2022/18)",
    "credit_grades.apply_grade": "part of measure actions, imports and set_policy (checked)",
    "intake.open_case": "part of escalate_missed, the time-limit sweep run by the system",
    "reply_drafts.enqueue": "part of the reply actions (checked)",
    "platform_outbox.acknowledge": "the platform role only (tests/server/test_platform_outbox.py)",
    "platform_backlog.share_backlog": "part of add_client / set_client_active (checked)",
    "change_arrival.decide_on_arrival": "part of a checked submit_change_request, by policy",
    "bulk.bulk_apply": "runs a checked decision per case (see bulk_accept/bulk_decline)",
    "presence.heartbeat": "a viewing hint about the reviewer themselves, not a change",
    "presence.leave": "a viewing hint about the reviewer themselves, not a change",
    "reveal.can_reveal": "a question the UI asks, not an action",
    "bulk_checks.run_account_checks": "its own transactions on an engine; refused in test_bulk_checks",
    "bulk_checks.check_batch": "one batch of run_account_checks (checked)",
    "sessions.open_session": "the server's sign-in of a reviewer whose password was checked",
    "auth.revoke_sessions": "part of set_active / reset_password (checked)",
    "casework.case_event": "builds the audit event of a checked case action; records nothing",
    "audit.event_fields": "builds an audit event's fields; records nothing",
    "bulk.dispose": "one case of bulk_measures: apply_measure checks the role",
    "bulk.reply": "one case of bulk_reply: reply_to_reporters checks the role",
}


def _case(s, w):
    return s.get(Case, w["case"])


def _version(s, w, key="case"):
    return s.get(Case, w[key]).version


# (name, roles that may act, call(session, actor, world))
ACTIONS = [
    ("auth.create_reviewer", ADMIN, lambda s, a, w: auth.create_reviewer(
        s, a, login="newbie", display_name="New", roles=["moderator"], password="longenough1")),
    ("auth.set_active", ADMIN, lambda s, a, w: auth.set_active(s, a, "mod2", False, reason="x")),
    ("auth.reset_password", ADMIN, lambda s, a, w: auth.reset_password(s, a, "mod2", "another-pw1")),
    ("auth.set_roles", ADMIN, lambda s, a, w: auth.set_roles(s, a, "mod2", ["supervisor"])),
    ("api_clients.add_client", ADMIN, lambda s, a, w: api_clients.add_client(
        s, a, b"k" * 32, name="platform-app", scopes=["intake:reports"])),
    ("api_clients.set_client_active", ADMIN, lambda s, a, w: api_clients.set_client_active(
        s, a, name="platform-app", active=False, reason="x")),
    ("api_clients.rotate_secret", ADMIN, lambda s, a, w: api_clients.rotate_secret(
        s, a, b"k" * 32, name="platform-app")),
    ("platform_outbox.set_webhook", ADMIN, lambda s, a, w: platform_outbox.set_webhook(
        s, a, name="platform-app", url="https://platform.example/hook")),
    ("platform_outbox.retry_dead_letter", ADMIN, lambda s, a, w: platform_outbox.retry_dead_letter(
        s, a, 1, now=later(days=1))),
    ("platform_outbox.discard_dead_letter", ADMIN,
     lambda s, a, w: platform_outbox.discard_dead_letter(s, a, 1, reason="x", now=later(days=1))),
    ("alerts.set_thresholds", ADMIN | SUP, lambda s, a, w: alerts.set_thresholds(
        s, a, alerts.Thresholds(0.5, 2.0))),
    ("calendar.set_weekly_pattern", ADMIN, lambda s, a, w: calendar.set_weekly_pattern(
        s, a, [1, 2, 3])),
    ("calendar.set_day", ADMIN, lambda s, a, w: calendar.set_day(
        s, a, date(2026, 3, 9), "holiday")),
    ("calendar.clear_day", ADMIN, lambda s, a, w: calendar.clear_day(s, a, date(2026, 3, 9))),
    ("calendar.import_calendar_csv", ADMIN, lambda s, a, w: calendar.import_calendar_csv(
        s, a, "date,kind,note\n2026-03-09,holiday,x\n")),
    ("calendar.seed_from_chinese_calendar", ADMIN,
     lambda s, a, w: calendar.seed_from_chinese_calendar(s, a)),
    ("policies.set_policy", ADMIN, lambda s, a, w: policies.set_policy(
        s, a, stage="accept", amount=2, unit="working_days")),
    ("policies.seed_default_policies", ADMIN,
     lambda s, a, w: policies.seed_default_policies(s, a)),
    ("retime.apply_change", ADMIN, lambda s, a, w: retime.apply_change(
        s, a, None, at=later(days=1))),
    ("claims.claim_next", MOD_SUP, lambda s, a, w: claims.claim_next(
        s, a, "reports", now=later(days=1))),
    ("claims.claim_case", MOD_SUP, lambda s, a, w: claims.claim_case(
        s, a, w["case"], now=later(days=1))),
    ("claims.renew_claim", MOD_SUP, lambda s, a, w: claims.renew_claim(
        s, a, w["case"], now=later(days=1))),
    ("claims.release_claim", MOD_SUP, lambda s, a, w: claims.release_claim(
        s, a, w["case"], now=later(days=1))),
    ("claims.reassign", SUP, lambda s, a, w: claims.reassign(
        s, a, w["case"], w["mod2"], now=later(days=1))),
    ("transitions.accept_case", MOD_SUP, lambda s, a, w: t.accept_case(
        s, a, w["case"], expected_version=_version(s, w), now=later(days=1))),
    ("transitions.decline_case", MOD_SUP, lambda s, a, w: t.decline_case(
        s, a, w["case"], expected_version=_version(s, w), reason_code="duplicate",
        now=later(days=1))),
    ("transitions.start_screening", MOD_SUP, lambda s, a, w: t.start_screening(
        s, a, w["case"], expected_version=_version(s, w), now=later(days=1))),
    ("measures.dispose_case", MOD_SUP, lambda s, a, w: measures.dispose_case(
        s, a, w["case"], expected_version=_version(s, w), measures=[MeasureSpec("warn")],
        now=later(days=1))),
    ("transitions.find_no_violation", MOD_SUP, lambda s, a, w: t.find_no_violation(
        s, a, w["case"], expected_version=_version(s, w), reason="none", now=later(days=1))),
    ("transitions.mark_replied", MOD_SUP, lambda s, a, w: t.mark_replied(
        s, a, w["disposed"], expected_version=_version(s, w, "disposed"), now=later(days=1))),
    ("transitions.close_case", MOD_SUP, lambda s, a, w: t.close_case(
        s, a, w["case"], expected_version=_version(s, w), now=later(days=1))),
    ("escalation.escalate_case", MOD_SUP, lambda s, a, w: importlib.import_module(
        "workbench.cases.escalation").escalate_case(
        s, a, w["case"], expected_version=_version(s, w), reason="复杂", now=later(days=1))),
    ("screening.record_findings", MOD_SUP, lambda s, a, w: screening.record_findings(
        s, a, w["case"], expected_version=_version(s, w),
        findings=[("misleading_claim", "2022/8(7)", "")], now=later(days=1))),
    ("bulk.bulk_accept", MOD_SUP, lambda s, a, w: bulk.bulk_accept(
        s, a, [(w["case"], _version(s, w))], now=later(days=1))),
    ("bulk.bulk_decline", MOD_SUP, lambda s, a, w: bulk.bulk_decline(
        s, a, [(w["case"], _version(s, w))], reason_code="duplicate", now=later(days=1))),
    ("measures.apply_measure", MOD_SUP, lambda s, a, w: measures.apply_measure(
        s, a, w["case"], expected_version=_version(s, w), measures=[MeasureSpec("warn")],
        now=later(days=1))),
    ("measures.create_measure", REPLY, lambda s, a, w: measures.create_measure(
        s, a, account_id=w["account"], case_id=None, spec=MeasureSpec("warn", "", "r"),
        now=later(days=1))),
    ("measures.approve_measure", SUP, lambda s, a, w: measures.approve_measure(
        s, a, w["measure"], approve=True, reason="ok", now=later(days=1))),
    ("measures.revoke_measure", SUP | APPEALS, lambda s, a, w: measures.revoke_measure(
        s, a, w["measure"], reason="wrong", now=later(days=1))),
    ("clocks.pause_clocks", REPLY, lambda s, a, w: clocks.pause_clocks(
        s, a, case=_case(s, w), reason="awaiting_reporter", at=later(hours=1))),
    ("clocks.resume_clocks", REPLY, lambda s, a, w: clocks.resume_clocks(
        s, a, case=_case(s, w), at=later(hours=1))),
    ("clocks.extend_clock", SUP, lambda s, a, w: clocks.extend_clock(
        s, a, clock_id=w["clock"], amount=1, unit="working_days", reason="x", at=later(hours=1))),
    ("clocks.extend_case_clocks", SUP, lambda s, a, w: clocks.extend_case_clocks(
        s, a, case_id=w["case"], amount=1, unit="working_days", reason="x", at=later(hours=1))),
    ("corrections.open_correction_order", REPLY, lambda s, a, w: corrections.open_correction_order(
        s, a, account_id=w["account"], deadline=later(days=30), required="改名",
        now=later(days=1))),
    ("corrections.submit_change_request", MOD_SUP,
     lambda s, a, w: corrections.submit_change_request(
        s, a, w["account"], {"name": "新名字"}, now=later(days=1))),
    ("corrections.decide_change_request", MOD_SUP,
     lambda s, a, w: corrections.decide_change_request(
        s, a, w["change_request"], approve=True, reason="ok", now=later(days=1))),
    ("intake_batch.receive_report", MOD_SUP, lambda s, a, w: intake_batch.receive_report(
        s, a, external_id="manual-1", kind="report", channel="user_report",
        target_account_id=w["account"], category="other", received_at=later(days=1))),
    ("intake_batch.receive_reports", MOD_SUP, lambda s, a, w: intake_batch.receive_reports(
        s, a, [intake.ReportInput(external_id="manual-2", kind="report",
               channel="user_report", target_account_id=w["account"], category="other",
               received_at=later(days=1))])),
    ("appeals.file_appeal", REPLY, lambda s, a, w: appeals.file_appeal(
        s, a, measure_id=w["measure"], appellant_name="张三", text="不服",
        received_at=later(days=1))),
    ("appeals.start_appeal_screening", APPEALS, lambda s, a, w: appeals.start_appeal_screening(
        s, a, w["appeal"], expected_version=w["appeal_version"], now=later(days=2))),
    ("appeals.decide_appeal", APPEALS, lambda s, a, w: appeals.decide_appeal(
        s, a, w["appeal"], expected_version=w["appeal_version"], outcome="upheld",
        reason="ok", now=later(days=2))),
    ("appeals.reply_appeal", APPEALS, lambda s, a, w: appeals.reply_appeal(
        s, a, w["appeal"], expected_version=w["appeal_version"], now=later(days=2))),
    ("replies.queue_reply", REPLY, lambda s, a, w: replies.queue_reply(
        s, a, case_id=w["disposed"], recipient_kind="reporter", template="reporter_disposed",
        context={}, now=later(days=1))),
    ("replies.reply_to_reporters", MOD_SUP, lambda s, a, w: replies.reply_to_reporters(
        s, a, w["disposed"], now=later(days=1))),
    ("notices.notify_account_holder", REPLY, lambda s, a, w: notices.notify_account_holder(
        s, a, w["measure"], now=later(days=1))),
    ("notices.queue_holder_notice", REPLY, lambda s, a, w: notices.queue_holder_notice(
        s, a, notices.account_holder_draft(s, w["measure"]), now=later(days=1))),
    ("bulk.bulk_measures", MOD_SUP, lambda s, a, w: measure_bulk.bulk_measures(
        s, a, [(w["case"], _version(s, w))], measures=[MeasureSpec("warn")], now=later(days=1))),
    ("bulk.bulk_reply", MOD_SUP, lambda s, a, w: reply_bulk.bulk_reply(
        s, a, [(w["disposed"], _version(s, w, "disposed"))], now=later(days=1))),
    ("holds.mute_reporter", MOD_SUP, lambda s, a, w: holds.mute_reporter(
        s, a, report_id=w["report"], hours=24, reason="刷屏举报", now=later(days=1))),
    ("holds.snooze_account", MOD_SUP, lambda s, a, w: holds.snooze_account(
        s, a, account_id=w["account"], hours=24, reason="已在处理", now=later(days=1))),
    ("holds.lift_hold", MOD_SUP, lambda s, a, w: holds.lift_hold(
        s, a, w["hold"], now=later(days=1))),
    ("holds.list_holds", READERS, lambda s, a, w: holds.list_holds(s, a, now=later(days=1))),
    ("saved_filters.save_filter", READERS, lambda s, a, w: saved_filters.save_filter(
        s, a, "我的筛选", QueueFilter(text="广告"))),
    ("saved_filters.list_filters", READERS, lambda s, a, w: saved_filters.list_filters(s, a)),
    ("saved_filters.delete_filter", READERS, lambda s, a, w: saved_filters.delete_filter(
        s, a, saved_filters.save_filter(s, a, "临时", QueueFilter(text="x")).id)),
    ("check_policy.set_policy", ADMIN, lambda s, a, w: check_policy.set_policy(
        s, a, {"subject_account_cap": {"individual": 3}})),
    ("credit_grades.set_policy", ADMIN, lambda s, a, w: credit_grades.set_policy(
        s, a, {"thresholds": {"A": 90, "B": 70, "C": 50}}, now=later(days=1))),
    ("retention.execute_purge", ADMIN, lambda s, a, w: retention.execute_purge(
        s, a, retention.plan_purge(s, later(days=30)), note={})),
    ("hit_store.decide_hit", REPLY, lambda s, a, w: hit_store.decide_hit(
        s, a, w["hit"], "accepted")),
    ("hit_store.dismissal_rates", ADMIN | SUP, lambda s, a, w: hit_store.dismissal_rates(s, a)),
    ("reveal.reveal", ADMIN | SUP, lambda s, a, w: reveal.reveal(
        s, a, entity="account", entity_id=w["account"], field="phone", reason="核实身份")),
    ("reveal.authorise_unmasked_export", ADMIN | SUP,
     lambda s, a, w: reveal.authorise_unmasked_export(s, a, what="report", reason="报送")),
    ("notes.add_note", READERS, lambda s, a, w: notes.add_note(
        s, a, body="已电话联系", case_id=w["case"])),
    ("notes.list_notes", READERS, lambda s, a, w: notes.list_notes(s, a, case_id=w["case"])),
    ("tags.define_tag", ADMIN | SUP, lambda s, a, w: tags.define_tag(s, a, "回访")),
    ("tags.retire_tag", ADMIN | SUP, lambda s, a, w: tags.retire_tag(s, a, "回访")),
    ("tags.list_tags", READERS, lambda s, a, w: tags.list_tags(s, a)),
    ("tags.tag_case", MOD_SUP, lambda s, a, w: tags.tag_case(s, a, w["case"], "回访")),
    ("tags.untag_case", MOD_SUP, lambda s, a, w: tags.untag_case(s, a, w["case"], "回访")),
    ("tags.case_tags", READERS, lambda s, a, w: tags.case_tags(s, a, w["case"])),
    # 2021/8: the names used only with an authorisation (the role is checked first).
    ("public_figures.add_figure", ADMIN, lambda s, a, w: public_figures.add_figure(
        s, a, name="刘德华", category="public_figure", now=later(days=1))),
    ("public_figures.remove_figure", ADMIN, lambda s, a, w: public_figures.remove_figure(
        s, a, 1, reason="x", now=later(days=1))),
    ("public_figures.authorise", ADMIN, lambda s, a, w: public_figures.authorise(
        s, a, 1, account_platform_id="p-other", document_ref="x", valid_from=date(2026, 3, 1),
        now=later(days=1))),
    ("public_figures.withdraw_authorisation", ADMIN,
     lambda s, a, w: public_figures.withdraw_authorisation(s, a, 1, reason="x", now=later(days=1))),
    ("rumours.record_rumour", MOD_SUP, lambda s, a, w: rumours.record_rumour(
        s, a, w["case"], expected_version=_version(s, w), response="downgrade_credit",
        debunk="已辟谣", reason="x", now=later(days=1))),
    ("regulator_orders.order_measures", SUP, lambda s, a, w: regulator_orders.order_measures(
        s, a, order=regulator_orders.OrderDetails("文号", "网信办", date(2026, 3, 1)),
        measures=[MeasureSpec("warn", "", "r")], account_id=w["account"], now=later(days=1))),
    ("report_log.log_report", ADMIN | SUP, lambda s, a, w: report_log.log_report(
        s, a, start=date(2026, 3, 1), end=date(2026, 3, 31), fmt="csv", sha256="a" * 64,
        size_bytes=1, measures=0, unmasked=False, source="desktop", now=later(days=1))),
]  # fmt: skip


@pytest.fixture
def world(engine):
    team = make_team(engine)
    account = make_account(engine, phone="13812345678")
    case = report(engine, account, reporter="r9", category="other").case.id
    other = make_account(engine, name="另一个号", platform_id="p-other")
    disposed, ms = disposed_case(engine, team.mod, other)
    with session_scope(engine) as s:
        appeal = appeals.file_appeal(
            s,
            None,
            measure_id=ms[0].id,
            appellant_name="李四",
            text="不服",
            received_at=later(days=1),
        )
        request = corrections.submit_change_request(s, None, account, {"name": "改后"})
        clock = s.exec(select(Clock.id).where(Clock.case_id == case)).scalars().first()
        appeal_id, appeal_version = appeal.id, appeal.version
        request_id = request.id
        hit = Hit(
            category="impersonate_organisation", rule="impersonate.organisation", field="name",
            start=0, end=3, matched="国务院", basis=basis_for("impersonate_organisation"),
            severity="high", score=0.9, explanation="名称含 国务院 / name contains 国务院",
        )
        hit_id = hit_store.store_hits(s, account, [hit])[0].id
        report_id = s.exec(select(Report.id).where(Report.case_id == case)).scalars().first()
        hold_id = holds.snooze_account(
            s, team.mod, account_id=other, hours=48, reason="另案处理中", now=later(hours=1)
        ).id
    return (
        engine,
        team,
        {
            "case": case,
            "disposed": disposed,
            "account": account,
            "measure": ms[0].id,
            "appeal": appeal_id,
            "appeal_version": appeal_version,
            "change_request": request_id,
            "clock": clock,
            "hit": hit_id,
            "mod2": team.mod2.id,
            "report": report_id,
            "hold": hold_id,
        },
    )


def snapshot(engine) -> dict:
    """Every row of every table."""
    with engine.connect() as conn:
        return {
            table.name: sorted(map(repr, conn.execute(select(table)).all()))
            for table in SQLModel.metadata.sorted_tables
        }


#: The service packages, whose actions each check the acting reviewer's role.
SERVICE_PACKAGES = (
    "access", "archive", "cases", "measures", "platform", "queues", "records", "replies",
    "reports", "settings", "timelimits",
)


def service_modules():
    names = []
    for package in SERVICE_PACKAGES:
        module = importlib.import_module(f"workbench.{package}")
        if not hasattr(module, "__path__"):  # a module of its own (settings)
            names.append(module.__name__)
            continue
        names += [f"workbench.{package}.{i.name}" for i in pkgutil.iter_modules(module.__path__)]
    return [importlib.import_module(n) for n in names]


def test_every_action_that_takes_an_actor_is_in_the_table():
    named = {name for name, _, _ in ACTIONS}
    missing = []
    seen: dict[str, str] = {}
    for module in service_modules():
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            params = inspect.signature(fn).parameters
            key = f"{module.__name__.rpartition('.')[2]}.{name}"
            # The table keys by module and function name: they must name one function
            # (cases.bulk and measures.bulk share a module name, not a function name).
            assert seen.setdefault(key, module.__name__) == module.__name__, key
            if ("actor" in params or "supervisor" in params) and key not in named | set(
                NOT_ACTIONS
            ):
                missing.append(key)
    assert not missing, f"actions without a role test: {missing}"


def test_reviewers_without_the_role_are_refused_and_nothing_changes(world):
    engine, team, w = world
    people = [team.admin, team.mod, team.sup, team.appeals]
    assert w["clock"] is not None and w["change_request"] is not None
    with session_scope(engine, write=False) as s:
        assert s.get(ChangeRequest, w["change_request"]).status == "pending"
    before = snapshot(engine)
    tried = 0
    for name, allowed, call in ACTIONS:
        for actor in people:
            if actor.roles & allowed:
                continue
            # The session commits: whatever the refused call wrote would stay.
            with session_scope(engine) as s, pytest.raises(PermissionDenied):
                call(s, actor, w)
            tried += 1
            after = snapshot(engine)
            changed = [table for table in before if before[table] != after[table]]
            assert not changed, f"{name} by {actor.login} changed {changed}"
    assert tried > 80


def test_the_actions_succeed_for_a_role_that_has_them(world):
    """The table is not vacuous: a reviewer with the role gets past the check."""
    engine, team, w = world
    by_role = {"administrator": team.admin, "supervisor": team.sup, "moderator": team.mod,
               "appeal_reviewer": team.appeals}  # fmt: skip
    for name, allowed, call in ACTIONS:
        actor = by_role[sorted(allowed)[0]]
        with session_scope(engine) as s:
            savepoint = s.begin_nested()
            try:
                call(s, actor, w)
            except PermissionDenied as exc:
                pytest.fail(f"{name} refused {actor.login}: {exc}")
            except Exception:  # a state or input refusal comes after the role check
                pass
            finally:
                savepoint.rollback()
            s.rollback()


def test_a_disabled_reviewer_cannot_act(engine):
    team = make_team(engine)
    with session_scope(engine) as s:
        auth.set_active(s, team.admin, "mod", False, reason="left")
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        auth.load_actor(s, team.mod.id)
