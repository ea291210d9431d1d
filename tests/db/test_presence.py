"""Who else has a case open: fresh heartbeats show, stale ones and one's own do not, and the
rows of a crashed desktop go."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from tests.ui import factories as f
from workbench.access.auth import actor_of
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import Presence
from workbench.queues import presence


def test_other_reviewers_with_a_fresh_heartbeat_are_shown(engine):
    with session_scope(engine) as s:
        me, li, wang = (
            f.reviewer(s, n, display_name=d)
            for n, d in [("me", "我"), ("li", "李四"), ("wang", "王五")]
        )
        c, other = f.case(s), f.case(s)
        actors = {r.login: actor_of(s, r) for r in (me, li, wang)}
        presence.heartbeat(s, actors["me"], c.id, now=f.NOW)
        presence.heartbeat(s, actors["li"], c.id, now=f.NOW)
        presence.heartbeat(s, actors["wang"], c.id, now=f.NOW - timedelta(minutes=5))
        case_id, other_id, me_id = c.id, other.id, me.id
    with session_scope(engine) as s:
        shown = presence.viewers(s, case_id, exclude=me_id, now=f.NOW + timedelta(seconds=30))
        assert [v.display_name for v in shown] == ["李四"]
        # Moving on to another case leaves the first one.
        presence.heartbeat(s, actors["li"], other_id, now=f.NOW + timedelta(seconds=40))
        assert presence.viewers(s, case_id, exclude=me_id, now=f.NOW + timedelta(seconds=40)) == []
        presence.heartbeat(s, actors["me"], other_id, now=f.NOW + timedelta(seconds=45))
        presence.leave(s, actors["li"])
        names = [
            v.display_name for v in presence.viewers(s, other_id, now=f.NOW + timedelta(seconds=50))
        ]
        assert names == ["我"]


def _rows(engine) -> set[tuple[int, int]]:
    with session_scope(engine, write=False) as s:
        return {(p.reviewer_id, p.case_id) for p in s.exec(select(Presence)).all()}


def _crashed_desktops(engine):
    """li's desktop died 20 minutes ago on case c; wang's stopped beating 5 minutes ago."""
    with session_scope(engine) as s:
        li, wang, me = (f.reviewer(s, n) for n in ("li", "wang", "me"))
        c, d = f.case(s), f.case(s)
        actors = [actor_of(s, r) for r in (li, wang, me)]
        presence.heartbeat(s, actors[0], c.id, now=f.NOW - timedelta(minutes=20))
        presence.heartbeat(s, actors[1], c.id, now=f.NOW - timedelta(minutes=5))
        return actors, c.id, d.id


def test_anyones_heartbeat_removes_the_rows_of_a_crashed_desktop(engine):
    (li, wang, me), c, d = _crashed_desktops(engine)
    with session_scope(engine) as s:
        presence.heartbeat(s, me, d, now=f.NOW)
    # li's row is long past any use and gone; wang's is only stale (not shown) and stays.
    assert _rows(engine) == {(wang.id, c), (me.id, d)}
    with session_scope(engine) as s:
        assert presence.viewers(s, c, now=f.NOW) == []
        presence.heartbeat(s, li, c, now=f.NOW)  # li's desktop is back: it shows again
        assert [v.reviewer_id for v in presence.viewers(s, c, now=f.NOW)] == [li.id]


def test_cases_sweep_clears_the_rows_of_crashed_desktops(engine, capsys):
    (_li, wang, _me), c, _d = _crashed_desktops(engine)
    url = engine.url.render_as_string(hide_password=False)
    assert main(["cases", "sweep", "--database", url, "--now", f.NOW.isoformat()]) == 0
    assert "stale case-view heartbeats cleared: 1" in capsys.readouterr().out
    assert _rows(engine) == {(wang.id, c)}
    later = (f.NOW + timedelta(minutes=15)).isoformat()
    assert main(["cases", "sweep", "--database", url, "--now", later]) == 0
    assert "heartbeats cleared: 1" in capsys.readouterr().out
    assert main(["cases", "sweep", "--database", url, "--now", later]) == 0
    assert "清除过期查看记录 / stale case-view heartbeats cleared: 0" in capsys.readouterr().out
    assert _rows(engine) == set()
