"""The migration chain is one straight line from the first table on."""

from __future__ import annotations

from workbench.schema import head_revision, script_directory


def test_chain_is_linear():
    script = script_directory()
    revisions = list(script.walk_revisions())
    assert revisions, "no migrations"
    bases = [r for r in revisions if r.down_revision is None]
    assert len(bases) == 1, f"several first migrations: {[r.revision for r in bases]}"
    for rev in revisions:
        assert not isinstance(rev.down_revision, tuple | list), f"{rev.revision} is a merge"
        assert len(rev.nextrev) <= 1, f"{rev.revision} branches into {rev.nextrev}"
    assert script.get_heads() == [head_revision()]
    # walking down from the head reaches every revision exactly once
    seen, current = [], head_revision()
    while current is not None:
        seen.append(current)
        current = script.get_revision(current).down_revision
    assert sorted(seen) == sorted(r.revision for r in revisions)
