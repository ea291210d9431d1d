"""The main window from 800 px wide (issue 18): the account card folds away and comes
back, the case takes the full height, the splitters keep their sizes (QSettings)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.ui.journeys import people, reported_case
from workbench.operations.local import LocalClient
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels
from workbench.ui.settings import UiSettings
from workbench.ui.widgets.notes_panel import NotesPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _window(qtbot, engine, actor, runner, settings, width):
    window = MainWindow(LocalClient(engine, actor=actor), runner, settings, live=False)
    qtbot.addWidget(window)
    panels = install_panels(window)
    window.resize(width, 760)
    window.show()
    qtbot.waitExposed(window)
    return window, panels


def test_a_narrow_window_folds_the_card_and_gives_the_case_its_room(
    qtbot, engine, runner, ui_settings
):
    actors = people(engine)
    reported_case(engine, "某区税务局", n=1)
    window, panels = _window(qtbot, engine, actors["mod"], runner, ui_settings, 800)
    window.queue_view.select_row(0)
    view = window.case_view
    card, tabs, actions = view.splitter.sizes()
    assert card == 0 and not view.card_toggle.isChecked()  # folded at first start
    assert tabs >= 300  # the hits and reports are readable, not 130 px
    assert window.main_splitter.sizes()[0] <= 180
    # Nothing scrolls sideways: the case's parts fit the window's width.
    assert sum(view.splitter.sizes()) + window.main_splitter.sizes()[0] <= 800
    view.card_toggle.click()
    assert view.splitter.sizes()[0] > 0 and panels.layout.show_card.isChecked()
    panels.layout.show_card.trigger()
    assert view.splitter.sizes()[0] == 0 and not view.card_toggle.isChecked()


def test_the_case_takes_the_full_height_and_gives_it_back(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    reported_case(engine, "某市卫健委", n=2)
    window, panels = _window(qtbot, engine, actors["mod"], runner, ui_settings, 1400)
    table_before = window.work_splitter.sizes()[0]
    assert table_before > 0
    panels.layout.full_height.trigger()
    table, case = window.work_splitter.sizes()
    assert table == 0 and case > 600
    panels.layout.full_height.trigger()
    assert window.work_splitter.sizes()[0] == table_before


def test_splitters_keep_their_sizes_in_the_next_window(qtbot, engine, runner, tmp_path):
    actors = people(engine)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window, panels = _window(qtbot, engine, actors["appeals"], runner, settings, 1200)
    window.case_view.splitter.setSizes([250, 600, 300])
    appeals = panels.appeals
    window.pages.setCurrentWidget(appeals)
    appeals.splitter.setSizes([150, 500])
    appeals.splitter.splitterMoved.emit(150, 1)  # as a drag reports it
    chosen_case = window.case_view.splitter.sizes()
    chosen_appeals = appeals.splitter.sizes()
    window.close()
    again, panels_again = _window(qtbot, engine, actors["appeals"], runner, settings, 1200)
    assert again.case_view.splitter.sizes() == chosen_case
    again.pages.setCurrentWidget(panels_again.appeals)
    assert panels_again.appeals.splitter.sizes() == chosen_appeals


def test_at_800_px_the_badges_sit_beside_the_queue_names_not_over_them(
    qtbot, engine, runner, ui_settings
):
    """The queue list keeps the width of its widest name, count and two badges, so at 800 px
    the at-risk and breached badges never cover 举报 or 自动筛查 (the case gives way)."""
    from PySide6.QtCore import QRect

    from workbench.models.views import QueueCount
    from workbench.ui.panes.queue_list import COUNT_ROLE, _badge_width

    actors = people(engine)
    reported_case(engine, "某区税务局", n=1)
    window, _panels = _window(qtbot, engine, actors["boss"], runner, ui_settings, 800)
    window.queue_list.select("reports")
    with qtbot.waitSignal(window.case_view.case_loaded):
        window.queue_view.select_row(0)  # the action panel's buttons take their width
    _panels.layout.full_height.setChecked(True)  # the queue table folds away, the list stays
    queues = window.queue_list
    queues.set_counts([QueueCount(q, 1234, 56, 78) for q in queues.queues()])
    # Whatever squeezes it (a wide case pane, a dragged handle), the list keeps its minimum.
    window.main_splitter.setSizes([40, 760])
    qtbot.waitUntil(lambda: queues.list.width() >= queues.list.minimumWidth() > 40)
    metrics = queues.list.fontMetrics()
    for i in range(queues.list.count()):
        item = queues.list.item(i)
        rect: QRect = queues.list.visualItemRect(item)
        count = item.data(COUNT_ROLE)
        badges = _badge_width(metrics, count.breached) + _badge_width(metrics, count.at_risk) + 4
        text = metrics.horizontalAdvance(item.text())
        # The name and count end before the first badge begins (6 px margin at the right).
        assert rect.left() + 4 + text <= rect.right() - 6 - badges, item.text()
    assert window.width() == 800  # the case gave way; the window did not grow



def test_long_tag_names_do_not_widen_the_notes_tab(qtbot, engine, runner):
    """The 备注 tab's tag lists stay a few characters wide (their items show in full when
    opened), so a team's long tag names never push the case view past an 800 px window."""
    actors = people(engine)
    notes = NotesPanel(LocalClient(engine, actor=actors["mod"]), runner)
    qtbot.addWidget(notes)
    notes.case_tags.addItems(["疑似跨平台诈骗团伙长期引流账号", "另一个很长很长的标签名称"])
    notes.tag_choice.addItems(["非常长的标签名称用于检查窗口宽度是否被撑开"])
    notes.show()
    qtbot.waitExposed(notes)
    assert notes.minimumSizeHint().width() <= 400


def test_at_800_px_a_case_with_every_tab_fits_the_window(qtbot, engine, runner, ui_settings):
    """Choosing a case at 800 px does not push the window wider: each case tab, the
    备注 tab too, scrolls inside its own room."""
    actors = people(engine)
    reported_case(engine, "某区税务局", n=1)
    window, _ = _window(qtbot, engine, actors["boss"], runner, ui_settings, 800)
    window.queue_view.select_row(0)
    assert window.case_view.detail is not None
    assert window.minimumSizeHint().width() <= 800
    # However wide a tab's own content, the tabs ask for no more than their bar.
    tabs = window.case_view.tabs
    assert tabs.minimumSizeHint().width() <= tabs.tabBar().minimumSizeHint().width() + 40
