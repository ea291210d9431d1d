"""The task helper: callbacks on the GUI thread, sync mode, progress and cancel, and no
callback into a widget that was deleted while its work ran."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QPushButton, QWidget

from workbench.errors import ValidationError
from workbench.ui.tasks import TaskRunner


def test_sync_mode_calls_back_before_run_returns(qapp):
    runner = TaskRunner(synchronous=True)
    got, failed = [], []
    runner.run(lambda ctx: 6 * 7, on_success=got.append, on_failure=failed.append)
    runner.run(lambda ctx: int("x"), on_success=got.append, on_failure=failed.append)
    assert got == [42]
    assert isinstance(failed[0], ValueError)


def test_worker_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner(progress_delay_ms=10_000)
    seen = {}

    def work(ctx):
        seen["worker"] = threading.current_thread()
        return "done"

    def success(result):
        seen["callback"] = threading.current_thread()
        seen["result"] = result

    with qtbot.waitSignal(runner.run(work, on_success=success).finished, timeout=5000):
        pass
    assert seen["result"] == "done"
    assert seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_failure_goes_to_on_failure_or_the_default(qtbot):
    shown = []
    runner = TaskRunner(progress_delay_ms=10_000, default_failure=shown.append)
    errors = []

    def refuse(ctx):
        raise ValidationError("缺少理由", "a reason is required")

    with qtbot.waitSignal(runner.run(refuse, on_failure=errors.append).finished, timeout=5000):
        pass
    with qtbot.waitSignal(runner.run(refuse).finished, timeout=5000):
        pass
    assert errors[0].zh == "缺少理由"
    assert shown and shown[0].en == "a reason is required"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_slow_work_shows_progress_and_can_be_cancelled(qtbot):
    runner = TaskRunner(progress_delay_ms=0)
    started = threading.Event()
    outcomes = []

    def slow(ctx):
        started.set()
        ctx.report(1, 10, "第 1 / 10 项")
        while True:
            ctx.check_cancelled()
            ctx._cancel.wait(0.01)

    task = runner.run(
        slow, on_success=outcomes.append, on_failure=outcomes.append, label="导出", cancellable=True
    )
    qtbot.waitUntil(lambda: task.progress_dialog is not None and started.is_set(), timeout=5000)
    dialog = task.progress_dialog
    qtbot.waitUntil(lambda: dialog.maximum() == 10, timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        dialog.findChild(QPushButton).click()
    assert outcomes == []  # cancelled work is neither a result nor an error
    assert task.done


def test_work_that_ends_right_after_its_last_progress_ends_cleanly(qtbot):
    """A modal progress dialog processes events while it moves: the end of the
    work may arrive there, before the progress update is finished."""
    runner = TaskRunner(progress_delay_ms=0)
    go_on = threading.Event()
    outcomes = []

    def work(ctx):
        go_on.wait(5)
        for done in (1, 2, 3):
            ctx.report(done, 3, f"第 {done} / 3 项")
        return "done"

    task = runner.run(work, on_success=outcomes.append, label="导入", cancellable=True)
    qtbot.waitUntil(lambda: task.progress_dialog is not None, timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        go_on.set()
    assert outcomes == ["done"] and task.progress_dialog is None


def test_quick_work_shows_no_progress_dialog(qtbot):
    runner = TaskRunner(progress_delay_ms=5_000)
    task = runner.run(lambda ctx: 1)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert task.progress_dialog is None


def _owned_work(runner: TaskRunner, owner: QLabel, *, fails: bool = False, **kw):
    """Work owned by ``owner`` that ends when the returned event is set; callbacks in ``seen``."""
    release, seen = threading.Event(), []

    def work(ctx):
        assert release.wait(10)
        if fails:
            raise ValidationError("未保存", "not saved")
        return "late"

    def touch(outcome) -> None:
        seen.append(outcome)
        owner.setText(str(outcome))  # a deleted owner would raise here

    task = runner.run(work, on_success=touch, on_failure=touch, owner=owner, **kw)
    return task, release, seen


def test_a_live_owner_gets_its_callback(qtbot):
    runner = TaskRunner(progress_delay_ms=10_000)
    owner = QLabel()
    qtbot.addWidget(owner)
    task, release, seen = _owned_work(runner, owner)
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert seen == ["late"] and owner.text() == "late"


@pytest.mark.parametrize("fails", [False, True], ids=["succeeds", "fails"])
def test_no_callback_runs_once_the_owner_is_deleted(qtbot, fails):
    """A failure still reaches the window's error display: the reviewer learns the work failed."""
    shown = []
    runner = TaskRunner(progress_delay_ms=10_000, default_failure=shown.append)
    owner = QLabel()
    task, release, seen = _owned_work(runner, owner, fails=fails)
    with qtbot.waitSignal(owner.destroyed, timeout=5000):
        owner.deleteLater()
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()  # the work ends only now, after its widget went
    assert seen == []
    assert [str(e) for e in shown] == (
        [str(ValidationError("未保存", "not saved"))] if fails else []
    )
    assert not runner.busy


def _visible_progress() -> list[QProgressDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("dialog_parent", ["owner", "none"])
def test_the_progress_dialog_closes_with_its_owner(qtbot, dialog_parent):
    runner = TaskRunner(progress_delay_ms=0)
    window = QWidget()
    owner = QLabel(window)
    window.show()
    parent = owner if dialog_parent == "owner" else None
    task, release, seen = _owned_work(runner, owner, label="保存", parent_widget=parent)
    qtbot.waitUntil(lambda: task.progress_dialog is not None, timeout=5000)
    assert task.progress_dialog.isVisible()
    with qtbot.waitSignal(owner.destroyed, timeout=5000):
        owner.deleteLater()
    assert task.progress_dialog is None
    qtbot.waitUntil(lambda: not _visible_progress(), timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert seen == []
    window.deleteLater()
