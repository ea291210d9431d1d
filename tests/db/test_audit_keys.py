"""The audit chain against its database's owner: events keyed with a key the database does
not hold, signed checkpoints kept outside it, truncation at either end named."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tests.db.importing.test_intake_batch import NOW, _inputs, _setup
from workbench.cases.intake_batch import receive_reports
from workbench.cli import main
from workbench.db import session_scope
from workbench.models import AuditEvent
from workbench.records import audit
from workbench.records.audit_key import audit_key, derive, use_audit_key
from workbench.server_key import load_key


def _write_events(engine, n=5, start=0):
    with session_scope(engine) as s:
        for i in range(start, start + n):
            audit.record(s, None, "test.step", "case", i, before={"n": i}, after={"n": i + 1})


def _as_owner(engine, *statements: str, params: dict | None = None):
    """The database owner behind the workbench's back: triggers off, rows changed."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_event_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_event_no_delete"))
        for statement in statements:
            conn.execute(text(statement), params or {})
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))


def _hash_of(engine, event_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT hash FROM audit_event WHERE id = :i"), {"i": event_id}
        ).scalar_one()


def _move_head_back(engine, to: int):
    _as_owner(
        engine,
        f"DELETE FROM audit_event WHERE id > {to}",
        "UPDATE audit_head SET last_event_id = :i, last_hash = :h WHERE id = 1",
        params={"i": to, "h": _hash_of(engine, to)},
    )


def _verify(engine, **kw) -> audit.VerifyResult:
    with session_scope(engine, write=False) as s:
        return audit.verify(s, **kw)


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _key_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    load_key(path)
    return path


@pytest.fixture
def other_key():
    """Events written under another key file's key in this test; the run's key after it."""
    yield
    use_audit_key(None)


def test_events_name_the_key_and_the_head_follows(engine):
    _write_events(engine, 3)
    with session_scope(engine, write=False) as s:
        keys = {e.key_id for e in s.exec(select(AuditEvent)).scalars()}
        head = s.get(audit.AuditHead, 1)
        assert keys == {audit_key().key_id} and head.key_id == audit_key().key_id
    assert _verify(engine).ok


def test_truncation_at_the_head_is_found_against_a_checkpoint(engine, tmp_path, capsys):
    _write_events(engine, 5)
    checkpoints = tmp_path / "cp.jsonl"
    assert main(["audit", "checkpoint", "--database", _url(engine), "--to", str(checkpoints)]) == 0
    assert "event 5" in capsys.readouterr().out
    assert os.stat(checkpoints).st_mode & 0o777 == 0o600
    _move_head_back(engine, 3)
    # Without anything kept outside the database the shortened chain is whole:
    assert _verify(engine).ok
    code = main(["audit", "verify", "--database", _url(engine), "--checkpoints", str(checkpoints)])
    assert code == 1
    assert "the newest events after 3 are missing" in capsys.readouterr().out


def test_truncation_at_the_tail_is_found(engine, tmp_path, capsys):
    _write_events(engine, 2)
    checkpoints = tmp_path / "cp.jsonl"
    assert main(["audit", "checkpoint", "--database", _url(engine), "--to", str(checkpoints)]) == 0
    _write_events(engine, 3, start=2)
    _as_owner(engine, "DELETE FROM audit_event WHERE id <= 2")
    result = _verify(engine)
    assert not result.ok and result.first_broken_id == 3
    assert "events before 3 were removed without a recorded purge" in result.problem
    capsys.readouterr()
    code = main(["audit", "verify", "--database", _url(engine), "--checkpoints", str(checkpoints)])
    assert code == 1 and "removed without a recorded purge" in capsys.readouterr().out


def test_a_chain_rewritten_without_the_key_is_found_against_a_checkpoint(engine, tmp_path, capsys):
    _write_events(engine, 3)
    checkpoints = tmp_path / "cp.jsonl"
    assert main(["audit", "checkpoint", "--database", _url(engine), "--to", str(checkpoints)]) == 0
    # The owner rewrites every event as an unkeyed chain, event 2 with another reason.
    with session_scope(engine, write=False) as s:
        events = list(s.exec(select(AuditEvent).order_by(AuditEvent.id)).scalars())
        s.expunge_all()
    prev = audit.GENESIS
    for e in events:
        e.key_id, e.prev_hash = None, prev
        if e.id == 2:
            e.reason = "hidden"
        e.hash = prev = audit.event_hash(e, None)
    _as_owner(
        engine,
        *[
            "UPDATE audit_event SET key_id = NULL, reason = "
            + (f"'{e.reason}'" if e.reason else "NULL")
            + f", prev_hash = '{e.prev_hash}', hash = '{e.hash}' WHERE id = {e.id}"
            for e in events
        ],
        f"UPDATE audit_head SET last_hash = '{prev}', key_id = NULL WHERE id = 1",
    )
    plain = _verify(engine)
    assert plain.ok and plain.unkeyed == 3  # says so: nothing in it is authenticated
    capsys.readouterr()
    assert _run_verify(engine, checkpoints) == 1
    assert "events up to 3 were removed or rewritten" in capsys.readouterr().out


def _run_verify(engine, checkpoints: Path, *extra: str) -> int:
    return main(
        ["audit", "verify", "--database", _url(engine), "--checkpoints", str(checkpoints), *extra]
    )


def test_a_forged_unkeyed_event_after_keyed_ones_is_found(engine):
    _write_events(engine, 3)
    forged = AuditEvent(
        id=4,
        occurred_at=audit.utcnow(),
        action="test.step",
        entity="case",
        entity_id=9,
        prev_hash=_hash_of(engine, 3),
        hash="",
    )
    forged.hash = audit.event_hash(forged, None)
    _as_owner(
        engine,
        "INSERT INTO audit_event (id, occurred_at, action, entity, entity_id, prev_hash, hash) "
        "VALUES (4, :at, 'test.step', 'case', 9, :p, :h)",
        "UPDATE audit_head SET last_event_id = 4, last_hash = :h WHERE id = 1",
        params={"at": forged.occurred_at, "p": forged.prev_hash, "h": forged.hash},
    )
    result = _verify(engine)
    assert not result.ok and result.first_broken_id == 4
    assert "written without the key" in result.problem


def test_an_event_rewritten_with_a_wrong_key_is_found(engine):
    _write_events(engine, 3)
    with session_scope(engine, write=False) as s:
        event = s.get(AuditEvent, 2)
        s.expunge_all()
    event.reason = "hidden"
    wrong = derive(secrets.token_bytes(32))
    forged = audit.event_hash(event, wrong)  # same key id named, another key
    _as_owner(
        engine,
        "UPDATE audit_event SET reason = 'hidden', hash = :h WHERE id = 2",
        params={"h": forged},
    )
    result = _verify(engine)
    assert not result.ok and result.first_broken_id == 2
    assert "changed after it was written" in result.problem


def test_a_tampered_checkpoint_line_is_refused(engine, tmp_path, capsys):
    _write_events(engine, 2)
    checkpoints = tmp_path / "cp.jsonl"
    assert main(["audit", "checkpoint", "--database", _url(engine), "--to", str(checkpoints)]) == 0
    checkpoints.write_text(checkpoints.read_text().replace('"event_id":2', '"event_id":1'))
    capsys.readouterr()
    assert _run_verify(engine, checkpoints) == 1
    assert "does not carry a valid signature" in capsys.readouterr().err


def test_key_rotation_is_recorded_and_verifies_with_both_keys(engine, tmp_path, capsys, other_key):
    from workbench.server_key import ENV_KEY_FILE

    old_file = Path(os.environ[ENV_KEY_FILE])
    old = audit_key()
    _write_events(engine, 2)
    new_file = _key_file(tmp_path, "new.key")
    new = derive(load_key(new_file))
    use_audit_key(new)
    _write_events(engine, 2, start=2)
    with session_scope(engine, write=False) as s:
        rotate = s.get(AuditEvent, 3)
        assert rotate.action == "audit.key_rotate" and rotate.key_id == new.key_id
        assert rotate.before == {"key_id": old.key_id} and rotate.after == {"key_id": new.key_id}
    assert _verify(engine, keys={old.key_id: old, new.key_id: new}).ok
    only_new = _verify(engine, keys={new.key_id: new})
    assert not only_new.ok and only_new.missing_key == old.key_id
    url = _url(engine)
    assert main(["audit", "verify", "--database", url, "--key-file", str(old_file),
                 "--key-file", str(new_file)]) == 0  # fmt: skip
    assert "5 events verified" in capsys.readouterr().out
    assert main(["audit", "verify", "--database", url, "--key-file", str(new_file)]) == 2
    err = capsys.readouterr().err
    assert "缺少密钥" in err and old.key_id in err


def test_a_key_change_without_its_rotation_event_is_found(engine, other_key):
    _write_events(engine, 2)
    old = audit_key()
    new = derive(secrets.token_bytes(32))
    use_audit_key(new)
    _write_events(engine, 1, start=2)  # event 3 records the rotation
    _as_owner(
        engine,
        "DELETE FROM audit_event WHERE id = 3",
    )
    result = _verify(engine, keys={old.key_id: old, new.key_id: new})
    assert not result.ok and result.first_broken_id == 4


def test_verify_without_the_key_is_refused_in_words(engine, tmp_path, capsys):
    _write_events(engine, 1)
    missing = tmp_path / "nowhere.key"
    assert main(["audit", "verify", "--database", _url(engine), "--key-file", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "需要审计密钥" in err and "cannot verify without the audit key" in err
    open_file = _key_file(tmp_path, "open.key")
    open_file.chmod(0o644)
    assert main(["audit", "verify", "--database", _url(engine), "--key-file", str(open_file)]) == 2
    assert "readable by other users" in capsys.readouterr().err


def test_events_written_before_keys_still_verify_and_the_first_keyed_write_is_recorded(engine):
    prev = audit.GENESIS
    rows = []
    for i in (1, 2):
        e = AuditEvent(
            id=i, occurred_at=audit.utcnow(), action="test.old", entity="case", entity_id=i,
            prev_hash=prev, hash="",
        )  # fmt: skip
        e.hash = prev = audit.event_hash(e, None)
        rows.append({"i": i, "at": e.occurred_at, "p": e.prev_hash, "h": e.hash})
    with engine.begin() as conn:  # as an older workbench wrote them
        for row in rows:
            conn.execute(
                text(
                    "INSERT INTO audit_event (id, occurred_at, action, entity, entity_id, "
                    "prev_hash, hash) VALUES (:i, :at, 'test.old', 'case', :i, :p, :h)"
                ),
                row,
            )
        conn.execute(
            text("UPDATE audit_head SET last_event_id = 2, last_hash = :h WHERE id = 1"),
            {"h": prev},
        )
    _write_events(engine, 1)
    with session_scope(engine, write=False) as s:
        assert s.get(AuditEvent, 3).action == "audit.key_rotate"
        assert s.get(AuditEvent, 4).key_id == audit_key().key_id
    result = _verify(engine)
    assert result.ok and result.checked == 4 and result.unkeyed == 2


def test_the_batch_intake_writes_keyed_events_that_verify(engine, tmp_path):
    _setup(engine)
    with session_scope(engine) as s:
        receive_reports(s, None, _inputs(7, 12), now=NOW)
    with session_scope(engine, write=False) as s:
        key_ids = {k for (k,) in s.execute(text("SELECT DISTINCT key_id FROM audit_event"))}
    assert key_ids == {audit_key().key_id}
    assert _verify(engine).ok
    checkpoints = tmp_path / "cp.jsonl"
    assert main(["audit", "checkpoint", "--database", _url(engine), "--to", str(checkpoints)]) == 0
    assert _run_verify(engine, checkpoints) == 0


def test_the_batch_intake_records_a_change_of_key(engine, other_key):
    _setup(engine)
    _write_events(engine, 1)
    old = audit_key()
    new = derive(secrets.token_bytes(32))
    use_audit_key(new)
    with session_scope(engine) as s:
        receive_reports(s, None, _inputs(3, 4), now=NOW)
    with session_scope(engine, write=False) as s:
        rotate = s.get(AuditEvent, 2)
        assert rotate.action == "audit.key_rotate" and rotate.after == {"key_id": new.key_id}
    assert _verify(engine, keys={old.key_id: old, new.key_id: new}).ok


def test_the_server_writes_a_checkpoint_when_the_chain_has_grown(engine, tmp_path):
    from workbench.server.checkpointer import AuditCheckpointer

    checkpoints = tmp_path / "server" / "cp.jsonl"
    writer = AuditCheckpointer(engine, checkpoints, interval=0)
    _write_events(engine, 2)
    assert writer.write_once().event_id == 2
    assert writer.write_once() is None  # nothing new
    _write_events(engine, 2, start=2)
    assert writer.write_once().event_id == 4
    assert len(checkpoints.read_text().splitlines()) == 2
    assert os.stat(checkpoints).st_mode & 0o777 == 0o600
    assert _run_verify(engine, checkpoints) == 0
    _move_head_back(engine, 3)
    assert _run_verify(engine, checkpoints) == 1


def test_the_regulator_report_carries_a_signed_checkpoint(engine, tmp_path):
    import csv
    from datetime import date

    from workbench.reports.regulator_report import CHECKPOINT_LABEL, build_report, export_csv

    _write_events(engine, 3)
    with session_scope(engine, write=False) as s:
        report = build_report(s, date(2026, 3, 1), date(2026, 3, 31), now=audit.utcnow())
    out = tmp_path / "report.csv"
    export_csv(report, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        line = next(row[3] for row in csv.reader(fh) if row[2:3] == [CHECKPOINT_LABEL])
    assert '"event_id":3' in line
    kept = tmp_path / "regulator-copy.jsonl"
    kept.write_text(line + "\n")  # the regulator's copy, as a checkpoint file
    assert _run_verify(engine, kept) == 0
    _move_head_back(engine, 2)
    assert _run_verify(engine, kept) == 1


def test_checkpoints_older_than_a_recorded_purge_still_verify(engine, tmp_path):
    from datetime import UTC, datetime

    from tests.db.importing.support import run

    old = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
    with session_scope(engine) as s:
        for i in range(3):
            audit.record(s, None, "test.step", "case", i, at=old)
    checkpoints = tmp_path / "cp.jsonl"
    assert main(["audit", "checkpoint", "--database", _url(engine), "--to", str(checkpoints)]) == 0
    with session_scope(engine) as s:
        audit.record(s, None, "test.step", "case", 9, at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC))
    assert (
        run(engine, "purge", "--before", "2026-05-01", "--export", str(tmp_path / "x.jsonl")) == 0
    )
    result = _verify(engine)
    assert result.ok and result.checked == 2, result.problem  # event 4 and the purge
    assert _run_verify(engine, checkpoints) == 0
    _as_owner(engine, "DELETE FROM audit_event WHERE id = 4")
    result = _verify(engine)
    assert not result.ok and "removed without a recorded purge" in result.problem
