"""The schema on both databases: migrations, drift, constraints, upgrade at start."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError, StatementError

from workbench.cli import main
from workbench.db import explain_integrity_error, make_engine, session_scope
from workbench.models import Account, Case, Measure, Report, Reviewer, metadata
from workbench.schema import SchemaTooNewError, current_revision, head_revision, upgrade


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_schema_has_every_table_and_is_at_head(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert current_revision(engine) == head_revision()


def _account(session) -> Account:
    acc = Account(platform_id="u1", name="测试账号")
    session.add(acc)
    session.flush()
    return acc


def _refused(engine, build) -> str:
    with pytest.raises((IntegrityError, StatementError)) as info, session_scope(engine) as s:
        build(s)
        s.flush()
    return explain_integrity_error(info.value)


def test_report_without_target_is_refused(engine):
    msg = _refused(
        engine,
        lambda s: s.add(
            Report(
                external_id="r1",
                channel="user_report",
                category="other",
                received_at=datetime.now(UTC),
            )
        ),
    )
    assert "target_account_id" in msg
    with session_scope(engine) as s:
        assert s.exec(text("SELECT count(*) FROM report")).one()[0] == 0


def test_unknown_case_status_is_refused(engine):
    def build(s):
        acc = _account(s)
        s.add(Case(queue="reports", status="lost", target_account_id=acc.id, category="other"))

    msg = _refused(engine, build)
    assert "ck_cases_status" in msg
    with session_scope(engine) as s:
        assert s.exec(text("SELECT count(*) FROM cases")).one()[0] == 0
        assert s.exec(text("SELECT count(*) FROM account")).one()[0] == 0  # all or nothing


def test_measure_without_legal_basis_is_refused(engine):
    def build(s):
        acc = _account(s)
        rev = Reviewer(login="mod", display_name="审核员甲")
        s.add(rev)
        s.flush()
        s.add(Measure(account_id=acc.id, code="warn", basis="  ", decided_by=rev.id))

    msg = _refused(engine, build)
    assert "ck_measure_basis_not_blank" in msg


def test_unknown_measure_code_is_refused(engine):
    def build(s):
        acc = _account(s)
        rev = Reviewer(login="mod", display_name="审核员甲")
        s.add(rev)
        s.flush()
        s.add(Measure(account_id=acc.id, code="ban_forever", basis="2022/8(2)", decided_by=rev.id))

    assert "ck_measure_code" in _refused(engine, build)


def test_naive_datetime_is_refused(engine):
    with pytest.raises(StatementError) as info, session_scope(engine) as s:
        acc = _account(s)
        s.add(
            Report(
                external_id="r1",
                channel="user_report",
                category="other",
                target_account_id=acc.id,
                received_at=datetime(2026, 1, 1, 9, 0),
            )
        )
        s.flush()
    assert "no time zone" in str(info.value)


def test_times_come_back_in_utc(engine):
    from zoneinfo import ZoneInfo

    beijing = datetime(2026, 2, 13, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with session_scope(engine) as s:
        acc = _account(s)
        s.add(
            Report(
                external_id="r1",
                channel="user_report",
                category="other",
                target_account_id=acc.id,
                received_at=beijing,
            )
        )
    with session_scope(engine, write=False) as s:
        got = s.exec(text("SELECT id FROM report")).one()
        report = s.get(Report, got[0])
        assert report.received_at == beijing
        assert report.received_at.utcoffset().total_seconds() == 0


def test_audit_events_cannot_be_changed(engine):
    with session_scope(engine) as s:
        s.exec(
            text(
                "INSERT INTO audit_event (occurred_at, action, entity, prev_hash, hash) "
                "VALUES (:t, 'test', 'x', :h, :h)"
            ),
            params={"t": datetime.now(UTC), "h": "0" * 64},
        )
    for statement in ("UPDATE audit_event SET action = 'forged'", "DELETE FROM audit_event"):
        with pytest.raises(Exception) as info, session_scope(engine) as s:
            s.exec(text(statement))
        assert "audit events" in str(info.value)
    with session_scope(engine, write=False) as s:
        assert s.exec(text("SELECT action FROM audit_event")).one()[0] == "test"


def test_cli_upgrade_creates_schema_on_empty_sqlite(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert main(["db", "upgrade", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "-> " + head_revision() in out
    assert "loaded holidays" in out  # a new database knows the statutory calendar at once
    engine = make_engine(url)
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
    assert main(["db", "upgrade", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "already current" in out and "loaded holidays" not in out
    assert (
        main(
            [
                "deadline",
                "--start",
                "2026-02-13T18:00+08:00",
                "--working-days",
                "1",
                "--database",
                url,
            ]
        )
        == 0
    )
    assert '"provisional": false' in capsys.readouterr().out


def test_older_sqlite_is_backed_up_then_upgraded(tmp_path):
    from alembic import command

    from workbench.schema import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with session_scope(engine) as s:
        s.add(Reviewer(login="old", display_name="旧数据"))
    result = upgrade(engine)
    assert (result.before, result.after) == ("0001", head_revision())
    assert result.backup is not None and result.backup.exists()
    backup = make_engine(f"sqlite:///{result.backup}")
    assert current_revision(backup) == "0001"
    with backup.connect() as conn:
        assert conn.exec_driver_sql("SELECT login FROM reviewer").scalar() == "old"
    backup.dispose()
    engine.dispose()


def test_newer_database_is_refused(engine, capsys):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaTooNewError, match="9999_future"):
        upgrade(engine)
    url = engine.url.render_as_string(hide_password=False)
    assert main(["db", "upgrade", "--database", url]) == 1
    assert "newer than this workbench" in capsys.readouterr().err
