"""Notes and tags through each transport: in process and through a real server,
with the refusals in words and the queue filter by tag (issue 15 item 11)."""

from __future__ import annotations

import pytest

import workbench.operations.catalogue  # noqa: F401  (registers every operation)
from tests.db.workflow.helpers import make_account, report
from workbench.models.views import QueueFilter, QueueSort
from workbench.operations import notes, reads
from workbench.operations.failures import WorkbenchError


def test_a_note_and_a_tag_cross_each_transport_and_filter_the_queue(engine, client_as):
    account_id = make_account(engine)
    case_id = report(engine, account_id).case.id
    sup, mod = client_as("sup"), client_as("mod")
    sup.call(notes.define_tag, name="回访")
    note_id = mod.call(notes.add_note, body="请联系 holder@example.com 核实", case_id=case_id)
    (note,) = mod.call(notes.list_notes, case_id=case_id)
    assert note.id == note_id and note.author == "Mod"
    assert "holder@example.com" not in note.body
    assert mod.call(notes.tag_case, case_id=case_id, name=" 回访 ") == ["回访"]
    page = mod.call(
        reads.queue_first_page, queue="reports", flt=QueueFilter(tag="回访"), sort=QueueSort()
    )
    assert [(r.case_id, r.tags) for r in page.rows] == [(case_id, ("回访",))]
    with pytest.raises(WorkbenchError) as refused:
        mod.call(notes.add_note, body="x" * 2001, case_id=case_id)
    assert "2001 characters" in refused.value.en
    with pytest.raises(WorkbenchError) as refused:
        mod.call(notes.define_tag, name="诈骗")
    assert "mod" in refused.value.en
