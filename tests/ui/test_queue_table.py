"""The queue table: lazy pages, SQL filter and sort, due colours, selection kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.models.views import QueueFilter
from workbench.ui.changes import ChangeBus
from workbench.ui.panes.queue_view import QueueView
from workbench.ui.queue_model import COLUMN_INDEX, ROW_ROLE, STATE_COLOURS, QueueTableModel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NOW = f.NOW


def _seed(engine, n):
    with session_scope(engine) as s:
        ids = []
        for i in range(n):
            acc = f.account(s, name=f"账号{i:03d}")
            c = f.case(
                s,
                acc,
                due_at=NOW + timedelta(hours=10 + i),
                category="embedded_contact" if i % 5 == 0 else "misleading_claim",
            )
            ids.append(c.id)
        return ids


def _model(engine, runner, page_size=10):
    model = QueueTableModel(
        f.client(engine, clock=lambda: NOW), runner, page_size=page_size, clock=lambda: NOW
    )
    model.set_query(queue="reports")
    return model


def test_rows_are_read_a_page_at_a_time(engine, runner, qtmodeltester):
    ids = _seed(engine, 35)
    model = _model(engine, runner)
    assert model.rowCount() == 35
    assert model.cached_pages == [0] and model.pages_read == 1
    last = model.index(34, COLUMN_INDEX["account"])
    assert last.data() == "账号034"
    assert model.cached_pages == [0, 3] and model.pages_read == 2  # pages 1-2 never read
    assert model.index(34, 0).data(ROW_ROLE).case_id == ids[-1]
    qtmodeltester.check(model, force_py=True)


def test_filter_and_sort_happen_in_sql(engine, runner):
    _seed(engine, 35)
    model = _model(engine, runner)
    model.set_query(flt=QueueFilter(category="embedded_contact"))
    assert model.rowCount() == 7
    assert {model.index(r, COLUMN_INDEX["category"]).data() for r in range(7)} == {"含联系方式"}
    model.set_query(flt=QueueFilter(text="账号02"))
    assert [model.index(r, COLUMN_INDEX["account"]).data() for r in range(model.rowCount())] == [
        f"账号{i:03d}" for i in range(20, 30)
    ]
    model.set_query(flt=QueueFilter())
    model.sort(COLUMN_INDEX["account"], Qt.SortOrder.DescendingOrder)
    assert model.index(0, COLUMN_INDEX["account"]).data() == "账号034"
    assert model.index(34, COLUMN_INDEX["account"]).data() == "账号000"


def test_due_cell_is_coloured_by_clock_state(engine, runner):
    with session_scope(engine) as s:
        f.case(s, due_at=NOW - timedelta(hours=1))  # past due: breached
        soon = f.case(s, due_at=NOW + timedelta(hours=2))
        f.clock(s, soon, hours=16)  # at risk: most of its clock's allowance used
        later = f.case(s, due_at=NOW + timedelta(days=2))
        f.clock(s, later, hours=72)  # running: two thirds of its time left
        f.case(s, due_at=NOW + timedelta(days=3), clock_state="paused")
    model = _model(engine, runner)
    due = COLUMN_INDEX["due"]
    colours = [model.index(r, due).data(Qt.ItemDataRole.BackgroundRole) for r in range(4)]
    assert colours == [
        STATE_COLOURS["breached"],
        STATE_COLOURS["at_risk"],
        STATE_COLOURS["running"],
        STATE_COLOURS["paused"],
    ]
    assert model.index(0, due).data().startswith("超时")
    assert model.index(1, due).data() == "剩余 2小时0分"


def test_selection_and_scroll_stay_on_the_record_after_a_refresh(engine, runner, qtbot):
    ids = _seed(engine, 60)
    model = _model(engine, runner, page_size=20)
    view = QueueView(model)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    bus = ChangeBus()
    bus.changed.connect(view.on_changed)
    view.select_row(30)  # page 1: read on demand
    view.table.scrollTo(model.index(30, 0))
    scroll = view.table.verticalScrollBar().value()
    assert view.current_row().case_id == ids[30]
    with session_scope(engine) as s:  # another reviewer's report sorts first
        new = f.case(s, due_at=NOW - timedelta(days=1)).id
    bus.notify("queues", [new])
    assert model.rowCount() == 61
    assert view.current_row().case_id == ids[30]
    assert view.table.currentIndex().row() == 31
    assert [r.case_id for r in view.selected_rows()] == [ids[30]]
    assert view.table.verticalScrollBar().value() == scroll
