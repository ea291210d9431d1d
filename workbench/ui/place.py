"""The reviewer's place in the main window, kept when the window is rebuilt.

Switching the language builds a new main window (every label is made in the
new language).  ``capture(window)`` takes a small plain :class:`Place` from
the old one: the tab (工作台, 申诉复核, 主管看板, 系统管理), the queue with its
filter, the current and selected rows, the table's scroll, the open case and
its tab, the open appeal.  ``restore(window, place)`` puts it back into the
new window once its panels are installed: the case and appeal are read at
once, the rows are selected and the table scrolled when the queue's rows
have arrived (work runs off the GUI thread).  Nothing of it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelectionModel, Qt

from workbench.models.views import CaseDetail, QueueFilter


@dataclass(frozen=True)
class Place:
    page: str | None = None  # a MainWindow page key: work, appeals, dashboard, admin
    queue: str | None = None
    filter: QueueFilter = field(default_factory=QueueFilter)
    row_id: int | None = None  # the current queue row's record
    row: int = -1  # and its position
    selected: tuple[int, ...] = ()  # the selected rows' records
    scroll: int = 0
    case_id: int | None = None
    case_tab: int = -1
    appeal_id: int | None = None


def capture(window) -> Place:
    """Where the reviewer is in ``window`` (a :class:`~workbench.ui.main_window.MainWindow`)."""
    view, case_view = window.queue_view, window.case_view
    current = view.current_row()
    appeals = window.page("appeals")
    appeal = getattr(appeals, "detail", None)
    return Place(
        page=window.current_page(),
        queue=window.queue_list.current_queue(),
        filter=view.current_filter(),
        row_id=current.row_id if current is not None else None,
        row=view.table.currentIndex().row(),
        selected=tuple(r.row_id for r in view.selected_rows()),
        scroll=view.table.verticalScrollBar().value(),
        case_id=case_view.case_id,
        case_tab=case_view.tabs.currentIndex() if case_view.case_id is not None else -1,
        appeal_id=appeal.id if appeal is not None else None,
    )


def restore(window, place: Place) -> None:
    """Bring ``window`` back to ``place`` (what no longer exists is left out)."""
    view, case_view = window.queue_view, window.case_view
    if place.queue is not None and window.queue_list.select(place.queue):
        view.show_filter(place.filter)
        window.queue_model.counted.connect(
            lambda: _restore_rows(window, place), Qt.ConnectionType.SingleShotConnection
        )
        view.model.set_query(queue=place.queue, flt=place.filter)
    if place.case_id is not None:
        if place.case_tab >= 0:

            def to_tab(detail: CaseDetail) -> None:
                if detail.id == place.case_id and place.case_tab < case_view.tabs.count():
                    case_view.tabs.setCurrentIndex(place.case_tab)

            case_view.case_loaded.connect(to_tab, Qt.ConnectionType.SingleShotConnection)
        case_view.show_case(place.case_id)
    appeals = window.page("appeals")
    if place.appeal_id is not None and appeals is not None:
        appeals.show_appeal(place.appeal_id)
    if place.page is not None and window.page(place.page) is not None:
        window.pages.setCurrentWidget(window.page(place.page))


def _restore_rows(window, place: Place) -> None:
    """The queue's rows are there: select the rows of ``place`` and scroll back."""
    view, model = window.queue_view, window.queue_model
    if model.queue != place.queue or model.filter != place.filter:
        return  # the reviewer has moved on meanwhile
    if place.row_id is not None:
        row = model.row_of(place.row_id)
        if row is None and place.row >= 0:
            at = model.row_at(place.row)  # reads that page if it is not loaded
            row = place.row if at is not None and at.row_id == place.row_id else None
        if row is not None:
            view.select_row(row)
    selection = view.table.selectionModel()
    for row_id in place.selected:
        row = model.row_of(row_id)
        if row is not None and row_id != place.row_id:
            selection.select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
    view.table.verticalScrollBar().setValue(place.scroll)
