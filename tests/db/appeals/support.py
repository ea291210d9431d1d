"""Set-up for the appeal and reply tests: a disposed case with a measure in effect."""

from __future__ import annotations

from sqlmodel import select

from tests.db.timelimits_support import person
from tests.db.workflow.helpers import act, later, report
from workbench.access.auth import Actor
from workbench.cases import screening
from workbench.cases import transitions as t
from workbench.db import session_scope
from workbench.measures.measures import MeasureSpec, dispose_case
from workbench.models import Measure

WARN = MeasureSpec("warn", "", "账号名称冒用新闻媒体名义")


def make_reviewer(engine, login: str, *roles: str) -> Actor:
    with session_scope(engine) as s:
        return person(s, login, *roles)


def disposed_case(engine, decider: Actor, account_id: int, *specs, reporters=("r1",), at=None):
    """A case reported by ``reporters`` (ids or (id, name, contact)), screened and disposed by ``decider``; (case id, measures)."""
    cid = None
    for who in reporters:
        ext, name, contact = (who, "", None) if isinstance(who, str) else who
        result = report(
            engine, account_id, reporter=ext, reporter_name=name, reporter_contact=contact, at=at
        )
        cid = cid or result.case.id
    with session_scope(engine, write=False) as s:
        from workbench.models import Case

        version = s.get(Case, cid).version
    act(engine, t.accept_case, decider, cid, expected_version=version, now=later(hours=1))
    act(
        engine,
        screening.record_findings,
        decider,
        cid,
        expected_version=version + 1,
        findings=[("impersonate_news_media", "2022/8(4)", "")],
        now=later(hours=2),
    )
    act(
        engine,
        dispose_case,
        decider,
        cid,
        expected_version=version + 2,
        measures=list(specs or [WARN]),
        now=later(hours=3),
    )
    with session_scope(engine, write=False) as s:
        measures = s.exec(select(Measure).where(Measure.case_id == cid).order_by(Measure.id)).all()
    return cid, measures
