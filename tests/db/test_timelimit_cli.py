"""``workbench deadline --database``, ``workbench clocks seed|tick`` and ``workbench figures``."""

from __future__ import annotations

import json
from datetime import date, datetime

from openpyxl import load_workbook

from tests.db.timelimits_support import case, person
from workbench.cli import main
from workbench.db import session_scope
from workbench.timelimits import calendar, clocks
from workbench.timelimits.policies import load_default_policies


def test_deadline_uses_the_database_calendar(database_url, engine, capsys):
    with session_scope(engine) as s:
        admin = person(s, "admin", "administrator")
        calendar.seed_from_chinese_calendar(s, admin, years=[2026])
        # This workplace does not work the make-up Saturday.
        calendar.set_day(s, admin, date(2026, 2, 14), "holiday")
    args = ["deadline", "--start", "2026-02-13T18:00+08:00", "--working-days", "1"]
    assert main([*args, "--database", database_url]) == 0
    # 14th off, 15th-23rd Spring Festival: Tuesday the 24th counts.
    assert json.loads(capsys.readouterr().out) == {
        "due": "2026-02-25T00:00:00+08:00",
        "provisional": False,
    }
    assert main(args) == 0  # the package calendar knows the make-up day
    assert json.loads(capsys.readouterr().out)["due"] == "2026-02-15T00:00:00+08:00"


def test_seed_tick_and_figures(database_url, engine, capsys, tmp_path):
    assert main(["clocks", "seed", "--database", database_url]) == 0
    shipped = len(load_default_policies())  # every queue's, and the referrals' own (2022/21)
    assert shipped == 10
    assert f"{shipped} default policies added" in capsys.readouterr().out
    with session_scope(engine) as s:
        start = datetime.fromisoformat("2026-03-02T10:00+08:00")
        c = case(s, opened=start)
        clock = clocks.start_clock(s, stage="accept", at=start, case=c)
    at = ["--at", "2026-03-04T00:00:01+08:00", "--database", database_url]
    assert main(["clocks", "tick", *at]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [b["clock_id"] for b in result["breached"]] == [clock.id]
    assert main(["clocks", "tick", *at]) == 0
    assert json.loads(capsys.readouterr().out)["breached"] == []
    out = tmp_path / "figures.xlsx"
    assert main(["figures", "--out", str(out), *at]) == 0
    summary = dict(load_workbook(out)["概况 Summary"].iter_rows(values_only=True))
    assert summary["已超时 / breached"] == 1
    assert main(["figures", "--out", str(tmp_path / "f.txt"), *at]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err


def test_deadline_on_an_unseeded_database_is_provisional_and_says_why(database_url, capsys):
    args = ["deadline", "--start", "2026-02-13T18:00+08:00", "--working-days", "1"]
    assert main([*args, "--database", database_url]) == 0
    out = capsys.readouterr()
    # Without the seeded make-up Saturday, Monday 16 February counts.
    assert json.loads(out.out) == {"due": "2026-02-17T00:00:00+08:00", "provisional": True}
    assert "workbench clocks seed" in out.err
