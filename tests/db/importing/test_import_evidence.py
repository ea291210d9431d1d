"""Evidence paths in an import stay inside its folder, and what is accepted is copied into the store.

An absolute path, one that climbs out of the import file's folder, or a
symlink pointing out is refused, naming the line and the field; nothing is
imported.  Accepted evidence is filed as the evidence store's copy (named by
its SHA-256), so deleting or changing the import folder afterwards changes
no case.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from tests.db.importing.support import GOOD_ACCOUNTS, counts, write
from workbench.db import session_scope
from workbench.evidence_store import EvidenceStore, contained, default_folder
from workbench.importing.run import BadRows, import_reports_file
from workbench.models import Account, EvidenceAttachment


@pytest.fixture
def world(engine, tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    Image.new("RGB", (64, 48), "blue").save(folder / "shot.png")
    outside = tmp_path / "outside.png"
    Image.new("RGB", (8, 8), "red").save(outside)
    (folder / "link.png").symlink_to(outside)
    with session_scope(engine) as s:
        for row in GOOD_ACCOUNTS:
            s.add(Account(platform_id=row["id"], name=row["name"]))
    return engine, folder, outside


def _row(n: int, evidence: list[str]) -> dict:
    return {
        "external_id": f"ev-{n}",
        "channel": "user_report",
        "target_account_id": "acc-news",
        "category": "other",
        "received_at": "2026-03-02T10:00:00+08:00",
        "evidence": evidence,
    }


def test_paths_leading_out_of_the_import_folder_are_refused_by_line_and_field(world, tmp_path):
    engine, folder, outside = world
    hostile = [
        "../../../../tmp/x.png",
        str(outside),  # absolute, and a real image
        "sub/../../outside.png",
        "link.png",  # a symlink to the file outside
        "C:\\Windows\\win.ini",
        "~/x.png",
    ]
    rows = [_row(1, ["shot.png"])] + [_row(n, [p]) for n, p in enumerate(hostile, 2)]
    path = write(folder / "reports.jsonl", rows)
    before = counts(engine)
    store = EvidenceStore(tmp_path / "store")
    with pytest.raises(BadRows) as caught:
        import_reports_file(engine, path, store=store)
    bad = {r.line: "; ".join(r.problems) for r in caught.value.records}
    assert sorted(bad) == list(range(2, 2 + len(hostile)))
    for line, value in enumerate(hostile, 2):
        assert bad[line].startswith("evidence: ")
        assert repr(value) in bad[line] and "inside the import file's folder" in bad[line]
    assert counts(engine) == before


def test_accepted_evidence_is_filed_as_the_stores_copy(world, tmp_path):
    engine, folder, _outside = world
    path = write(folder / "reports.csv", [_row(1, ["shot.png"]), _row(2, ["./shot.png"])])
    original = (folder / "shot.png").read_bytes()
    store = EvidenceStore(tmp_path / "store")
    import_reports_file(engine, path, store=store)
    with session_scope(engine, write=False) as s:
        stored = {Path(e.path) for e in s.exec(select(EvidenceAttachment))}
    sha = hashlib.sha256(original).hexdigest()
    assert stored == {tmp_path / "store" / sha[:2] / f"{sha}.png"}  # one copy for both
    (folder / "shot.png").unlink()  # the import folder may go away
    assert next(iter(stored)).read_bytes() == original


def test_contained_and_the_default_folder(tmp_path, monkeypatch):
    assert contained(tmp_path, "a/b.png") == (tmp_path / "a" / "b.png").resolve()
    assert contained(tmp_path, "../x") is None and contained(tmp_path, "/x") is None
    assert contained(tmp_path, "a\x00b") is None and contained(tmp_path, "") is None
    monkeypatch.setenv("WORKBENCH_EVIDENCE_DIR", str(tmp_path / "configured"))
    assert default_folder() == tmp_path / "configured"
    monkeypatch.delenv("WORKBENCH_EVIDENCE_DIR")

    class SqliteEngine:
        class url:  # noqa: N801 - stands in for an engine's url
            database = str(tmp_path / "db" / "workbench.sqlite3")

        class dialect:  # noqa: N801
            name = "sqlite"

    assert default_folder(SqliteEngine) == (tmp_path / "db" / "evidence").resolve()
