"""Who else has a case open: fresh heartbeats show, stale ones and one's own do not."""

from __future__ import annotations

from datetime import timedelta

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.queues import presence
from workbench.queues.auth import actor_of


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
