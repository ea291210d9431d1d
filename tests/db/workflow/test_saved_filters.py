"""Saved queue filters (issue 15 item 11): each reviewer's own, under a name, kept in
the database; another reviewer's cannot be read or deleted."""

from __future__ import annotations

import pytest

from workbench.db import session_scope
from workbench.errors import NotFound, PermissionDenied, ValidationError
from workbench.models.views import QueueFilter
from workbench.queues import saved_filters as sf

from .helpers import act, make_team


def test_a_filter_is_saved_listed_replaced_and_deleted_by_its_owner(engine):
    team = make_team(engine)
    flt = QueueFilter(text=" 澎湃 ", category="impersonate_news_media", status="received",
                      tag=" Ｆｒａｕｄ ", show_held=True, account_ids=(1, 2), case_ids=())  # fmt: skip
    saved = act(engine, sf.save_filter, team.mod, "冒充媒体", flt)
    assert saved.filter == QueueFilter(
        text="澎湃", category="impersonate_news_media", status="received", tag="fraud",
        show_held=True,
    )  # fmt: skip
    act(engine, sf.save_filter, team.mod, "冒充媒体", QueueFilter(status="accepted"))
    act(engine, sf.save_filter, team.mod, "待受理", QueueFilter(status="received"))
    with session_scope(engine, write=False) as s:
        mine = sf.list_filters(s, team.mod)
        theirs = sf.list_filters(s, team.mod2)
    assert [(v.name, v.filter.status) for v in mine] == [("冒充媒体", "accepted"),
                                                         ("待受理", "received")]  # fmt: skip
    assert theirs == []
    with pytest.raises(PermissionDenied):
        act(engine, sf.delete_filter, team.mod2, mine[0].id)
    act(engine, sf.delete_filter, team.mod, mine[0].id)
    with pytest.raises(NotFound):
        act(engine, sf.delete_filter, team.mod, mine[0].id)


@pytest.mark.parametrize(
    ("name", "flt", "words"),
    [
        ("", QueueFilter(), "name"),
        ("x" * 41, QueueFilter(), "at most 40"),
        ("bad", QueueFilter(status="nonsense"), "unknown status"),
        ("bad", QueueFilter(category="nonsense"), "unknown category"),
        ("bad", QueueFilter(text="字" * 201), "200"),
    ],
)
def test_bad_filters_are_refused_in_words(engine, name, flt, words):
    team = make_team(engine)
    with pytest.raises(ValidationError, match=words):
        act(engine, sf.save_filter, team.mod, name, flt)
