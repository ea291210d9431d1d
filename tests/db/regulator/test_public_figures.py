"""The public-figure names list (2021/8): kept by administrators, audited; the hit
``public_figure_name`` spares the account or registered subject holding a valid
authorisation and catches imitators, in the bulk checks too."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import select

from tests.db.audit_support import sealed
from tests.db.workflow.helpers import T0, act, make_account, make_team
from workbench.access import auth
from workbench.cases import public_figures as figures
from workbench.cases.bulk_checks import check_batch
from workbench.cli import main
from workbench.db import session_scope
from workbench.errors import InvalidTransition, PermissionDenied, ValidationError
from workbench.measures.corrections import screen_with, submit_change_request
from workbench.models import AuditEvent, RuleHit, Subject
from workbench.operations.screening import build_screener
from workbench.rules.account_policy import default_policy

TODAY = date(2026, 3, 2)  # T0 in Beijing


def _subject(engine, external_id: str) -> int:
    with session_scope(engine) as s:
        subject = Subject(external_id=external_id, kind="individual", verified_name="刘某")
        s.add(subject)
        s.flush()
        return subject.id


def _hits(engine, names: dict[int, str]) -> dict[int, list[str]]:
    with session_scope(engine, write=False) as s:
        found = figures.public_figure_hits(s, names, now=T0)
    return {k: [h.details["figure_name"] for h in v] for k, v in found.items()}


@pytest.fixture
def listed(engine):
    team = make_team(engine)
    figure = act(
        engine, figures.add_figure, team.admin, name="刘德华", category="public_figure",
        aliases=["Andy Lau"], now=T0,
    )  # fmt: skip
    return team, figure.id


def test_an_authorised_account_is_spared_and_an_imitator_hit_2021_8(engine, listed):
    """2021/8: the name of a well-known figure without authorisation; with one on file
    (document, validity) the holder's account is left alone."""
    team, figure_id = listed
    own = make_account(engine, "刘德华", platform_id="p-andy")
    fake = make_account(engine, "劉德華官方", platform_id="p-fake")
    assert _hits(engine, {own: "刘德华", fake: "劉德華官方"}) == {own: ["刘德华"], fake: ["刘德华"]}
    act(
        engine, figures.authorise, team.admin, figure_id, account_platform_id="p-andy",
        document_ref="授权书 2026-001", valid_from=TODAY, valid_until=None, now=T0,
    )  # fmt: skip
    assert _hits(engine, {own: "刘德华", fake: "劉德華官方"}) == {fake: ["刘德华"]}
    with session_scope(engine, write=False) as s:
        sealed(s)
        actions = s.exec(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["public_figure.add", "public_figure.authorise"]


def test_a_subject_authorisation_covers_its_accounts_until_it_ends_2021_8(engine, listed):
    team, figure_id = listed
    subject_id = _subject(engine, "S-andy")
    first = make_account(engine, "刘德华", platform_id="p-1", subject_id=subject_id)
    second = make_account(engine, "刘德华工作室", platform_id="p-2", subject_id=subject_id)
    row = act(
        engine, figures.authorise, team.admin, figure_id, subject_external_id="S-andy",
        document_ref="经纪合同 A-7", valid_from=TODAY - timedelta(days=30),
        valid_until=TODAY, now=T0,
    )  # fmt: skip
    assert _hits(engine, {first: "刘德华", second: "刘德华工作室"}) == {}
    with session_scope(engine, write=False) as s:  # the day after it ends
        later = figures.public_figure_hits(s, {first: "刘德华"}, now=T0 + timedelta(days=1))
    assert list(later) == [first]
    act(engine, figures.withdraw_authorisation, team.admin, row.id, reason="合同解除", now=T0)
    assert list(_hits(engine, {first: "刘德华", second: "刘德华工作室"})) == [first, second]


def test_only_an_administrator_keeps_the_list_and_bad_input_is_refused_2021_8(engine, listed):
    team, figure_id = listed
    with pytest.raises(PermissionDenied):
        act(engine, figures.add_figure, team.mod, name="王菲", category="public_figure", now=T0)
    with pytest.raises(InvalidTransition):
        act(engine, figures.add_figure, team.admin, name="刘德华", category="public_figure",
            now=T0)  # fmt: skip
    with pytest.raises(ValidationError):
        act(engine, figures.add_figure, team.admin, name="某局", category="celebrity", now=T0)
    make_account(engine, "刘德华", platform_id="p-andy")
    with pytest.raises(ValidationError):  # an account or a subject, not neither
        act(engine, figures.authorise, team.admin, figure_id, document_ref="x",
            valid_from=TODAY, now=T0)  # fmt: skip
    with pytest.raises(ValidationError):
        act(engine, figures.authorise, team.admin, figure_id, account_platform_id="p-andy",
            document_ref="x", valid_from=TODAY, valid_until=TODAY - timedelta(days=1),
            now=T0)  # fmt: skip
    act(engine, figures.remove_figure, team.admin, figure_id, reason="误列", now=T0)
    assert _hits(engine, {1: "刘德华"}) == {}


def test_the_bulk_checks_file_the_hit_of_an_imitator_only_2021_8(engine, listed):
    """2021/8 with 2022/15 (re-checking existing accounts): the stock check stores the hit
    for the imitator and files it; the authorised account has none."""
    team, figure_id = listed
    own = make_account(engine, "刘德华", platform_id="p-andy")
    fake = make_account(engine, "刘德话", platform_id="p-fake")
    act(
        engine, figures.authorise, team.admin, figure_id, account_platform_id="p-andy",
        document_ref="授权书 2026-001", valid_from=TODAY, now=T0,
    )  # fmt: skip
    with session_scope(engine) as s:
        check_batch(s, [own, fake], policy=default_policy(), now=T0, counts={}, actor=team.mod)
    with session_scope(engine, write=False) as s:
        hits = s.exec(select(RuleHit).where(RuleHit.category == "public_figure_name")).all()
    assert [(h.account_id, h.basis) for h in hits] == [(fake, "2021/8")]
    assert hits[0].case_id is not None


def test_a_change_of_name_to_a_listed_one_is_held_2021_8(engine, listed):
    """2021/8 with 2022/10 (checks at every change): a change request taking a listed name
    without authorisation is held with the hit; the authorised account's passes."""
    team, figure_id = listed
    own = make_account(engine, "小刘", platform_id="p-andy")
    other = make_account(engine, "小王", platform_id="p-other")
    act(
        engine, figures.authorise, team.admin, figure_id, account_platform_id="p-andy",
        document_ref="授权书 2026-001", valid_from=TODAY, now=T0,
    )  # fmt: skip
    screen = screen_with(build_screener(None, [], images=False))
    held = act(engine, submit_change_request, None, other, {"name": "刘德华"}, screen, now=T0)
    passed = act(engine, submit_change_request, None, own, {"name": "刘德华"}, screen, now=T0)
    assert held.status == "pending" and passed.status == "passed"
    assert [h["category"] for h in held.screening_outcome["hits"]] == ["public_figure_name"]


def test_workbench_public_figures_keeps_the_list_2021_8(engine, database_url, monkeypatch, capsys):
    team = make_team(engine)
    with session_scope(engine) as s:
        auth.create_reviewer(
            s, team.admin, login="root", display_name="root", roles=["administrator"],
            password="pw-long-1",
        )  # fmt: skip
    make_account(engine, "刘德华", platform_id="p-andy")
    monkeypatch.setenv("WORKBENCH_PASSWORD", "pw-long-1")
    base = ["public-figures"]
    common = ["--as", "root", "--database", database_url]
    assert main([*base, "add", "刘德华", "--category", "public_figure", "--alias", "Andy Lau",
                 *common]) == 0  # fmt: skip
    figure_id = json.loads(capsys.readouterr().out)["id"]
    assert main([*base, "authorise", str(figure_id), "--account", "p-andy", "--document",
                 "授权书 2026-001", "--from", "2026-03-01", *common]) == 0  # fmt: skip
    capsys.readouterr()
    assert main([*base, "authorise", str(figure_id), "--account", "p-andy", "--document",
                 "x", "--from", "March", *common]) == 2  # fmt: skip
    assert main([*base, "list", *common]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert shown["name"] == "刘德华" and shown["aliases"] == ["Andy Lau"]
    (granted,) = shown["authorisations"]
    assert (granted["holder"], granted["document_ref"]) == ("p-andy", "授权书 2026-001")
