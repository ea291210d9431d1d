"""The log of regulator's reports made (2022/17 及时报告, 2021/19): ``workbench report``
records the period, format, who, when and the file's SHA-256; ``workbench report-log``
lists them; a supervisor logs a desktop export; bad entries are refused."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from sqlmodel import select

from tests.db.importing.support import run
from tests.db.workflow.helpers import T0, act, make_team
from workbench.db import session_scope
from workbench.errors import PermissionDenied, ValidationError
from workbench.models.regulation import RegulatorReportLog
from workbench.reports import report_log

PERIOD = ["--from", "2026-03-01", "--to", "2026-03-31"]


def test_workbench_report_logs_what_it_wrote_2022_17(engine, tmp_path, capsys):
    out = tmp_path / "r.xlsx"
    assert run(engine, "report", *PERIOD, "--out", str(out)) == 0
    with session_scope(engine, write=False) as s:
        (row,) = s.exec(select(RegulatorReportLog)).all()
    assert (row.period_start, row.period_end, row.format) == (
        date(2026, 3, 1),
        date(2026, 3, 31),
        "xlsx",
    )
    assert row.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert (row.source, row.unmasked, row.made_by) == ("command", False, None)
    assert row.made_by_label.startswith("数据库所有者")
    capsys.readouterr()
    assert run(engine, "report-log") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["sha256"] == row.sha256 and listed["format"] == "xlsx"


def test_a_supervisor_logs_an_export_and_others_may_not_2022_17(engine):
    team = make_team(engine)
    entry = dict(start=date(2026, 3, 1), end=date(2026, 3, 31), fmt="pdf", sha256="a" * 64,
                 size_bytes=10, measures=2, unmasked=False, source="desktop", now=T0)  # fmt: skip
    row = act(engine, report_log.log_report, team.sup, **entry)
    assert row.made_by == team.sup.id and "sup" in row.made_by_label
    with pytest.raises(PermissionDenied):
        act(engine, report_log.log_report, team.mod, **entry)
    with pytest.raises(ValidationError):
        act(engine, report_log.log_report, team.sup, **(entry | {"sha256": "not a hash"}))
    with pytest.raises(ValidationError):
        act(engine, report_log.log_report, team.sup, **(entry | {"end": date(2026, 2, 1)}))
    with session_scope(engine, write=False) as s:
        assert [r.id for r in report_log.reports_made(s)] == [row.id]
