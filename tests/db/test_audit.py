"""The audit chain: every change one event, tampering found and named."""

from __future__ import annotations

from sqlalchemy import text

from workbench.cli import main
from workbench.db import session_scope
from workbench.records import audit


def _write_events(engine, n=5):
    with session_scope(engine) as s:
        for i in range(n):
            audit.record(s, None, "test.step", "case", i, before={"n": i}, after={"n": i + 1})


def _tamper(engine, statement: str):
    """What someone with the owner's rights could do behind the workbench's back."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
            conn.execute(text(statement))
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
            conn.execute(text(statement))


def test_intact_chain_verifies(engine):
    _write_events(engine)
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
    assert result.ok and result.checked == 5


def test_changed_event_is_named(engine, capsys):
    _write_events(engine)
    _tamper(engine, "UPDATE audit_event SET reason = 'hidden' WHERE id = 3")
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
    assert not result.ok and result.first_broken_id == 3
    url = engine.url.render_as_string(hide_password=False)
    assert main(["audit", "verify", "--database", url]) == 1
    assert "event 3" in capsys.readouterr().out


def test_removed_event_breaks_the_next_link(engine):
    _write_events(engine)
    _tamper(engine, "DELETE FROM audit_event WHERE id = 2")
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
    assert not result.ok and result.first_broken_id == 3


def test_removed_newest_event_is_found(engine):
    _write_events(engine)
    _tamper(engine, "DELETE FROM audit_event WHERE id = 5")
    with session_scope(engine, write=False) as s:
        result = audit.verify(s)
    assert not result.ok and "newest events" in result.problem


def test_event_rolls_back_with_its_change(engine):
    try:
        with session_scope(engine) as s:
            audit.record(s, None, "test.step", "case", 1)
            raise RuntimeError("crash mid-change")
    except RuntimeError:
        pass
    with session_scope(engine, write=False) as s:
        assert s.exec(text("SELECT count(*) FROM audit_event")).one()[0] == 0
    _write_events(engine, 1)
    with session_scope(engine, write=False) as s:
        assert audit.verify(s).ok


def test_cli_verify_exits_zero_when_intact(engine, capsys):
    _write_events(engine, 3)
    url = engine.url.render_as_string(hide_password=False)
    assert main(["audit", "verify", "--database", url]) == 0
    assert "3 events verified" in capsys.readouterr().out


def test_an_event_stamped_in_beijing_time_verifies(engine):
    from datetime import datetime

    import pytest

    from workbench.models import SHANGHAI

    at = datetime(2026, 3, 2, 18, 30, 0, 123456, tzinfo=SHANGHAI)
    with session_scope(engine) as s:
        event = audit.record(s, None, "test.step", "case", 1, after={"n": 1}, at=at)
        assert event.occurred_at == at
        with pytest.raises(ValueError, match="no time zone"):
            audit.record(s, None, "test.step", "case", 2, at=at.replace(tzinfo=None))
    with session_scope(engine, write=False) as s:
        assert audit.verify(s).ok
