"""``workbench cases sweep``: expired claims freed, measures ended, missed corrections escalated."""

from __future__ import annotations

from sqlmodel import select

from workbench.cli import main
from workbench.db import session_scope
from workbench.measures.measures import MeasureSpec
from workbench.models import Case
from workbench.queues import claims

from .helpers import account_of, act, audit_ok, case_of, later, make_account, make_team, report
from .test_measures import dispose, screened_case


def test_sweep_does_the_periodic_work_once(engine, capsys):
    team = make_team(engine)
    suspended = make_account(engine, name="甲")
    cid, v = screened_case(engine, team, suspended)
    dispose(engine, team, cid, v, MeasureSpec("suspend", "", "暂停", {"days": 2}))
    correcting = make_account(engine, name="乙")
    cid2, v2 = screened_case(engine, team, correcting, reporter="r2")
    dispose(
        engine,
        team,
        cid2,
        v2,
        MeasureSpec("correct_by_deadline", "", "改名", {"deadline": "2026-03-04"}),
    )
    waiting = make_account(engine, name="丙")
    held = report(engine, waiting, reporter="r3").case.id
    act(engine, claims.claim_case, team.mod, held, now=later(hours=4))
    url = engine.url.render_as_string(hide_password=False)
    when = later(days=3).isoformat()
    assert main(["cases", "sweep", "--database", url, "--now", when]) == 0
    out = capsys.readouterr().out
    assert "claims freed: 1" in out and "measures ended: 1" in out and "escalated: 1" in out
    assert case_of(engine, held).assignee_id is None
    assert account_of(engine, suspended).status == "active"
    assert main(["cases", "sweep", "--database", url, "--now", when]) == 0
    assert "escalated: 0" in capsys.readouterr().out
    with session_scope(engine, write=False) as s:
        assert len(s.exec(select(Case).where(Case.queue == "escalations")).all()) == 1
    assert main(["cases", "sweep", "--database", url, "--now", "2026-03-05T10:00"]) == 2
    assert audit_ok(engine)
