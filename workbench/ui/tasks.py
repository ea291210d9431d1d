"""Running work off the GUI thread, with callbacks back on it.

``TaskRunner.run(work, on_success=..., on_failure=...)`` runs ``work(ctx)`` on
a thread pool; ``on_success(result)`` or ``on_failure(exc)`` is then called on
the GUI thread.  Work that is still running after a short delay gets a
progress dialog with a cancel button; ``ctx.report(done, total, text)`` moves
it, and ``ctx.check_cancelled()`` ends the work early when the reviewer
cancelled.  Work opens its own database session and returns plain values
(never live ORM objects).  ``synchronous=True`` runs everything inline, which
is what the tests use.

``owner=`` names the object the callbacks belong to (usually the widget that
started the work).  If it is destroyed before the work ends, its progress
dialog closes at once and neither callback runs: the work itself goes on to
the end (a write is not cut off); a result is dropped, a failure goes to the
runner's ``default_failure`` (the main window shows it), since the reviewer
still needs to hear that a change was not made.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from workbench.operations.jobs import Cancelled

log = logging.getLogger(__name__)

DEFAULT_PROGRESS_DELAY_MS = 600


class TaskCancelled(Cancelled):
    """The reviewer cancelled the work; nothing is reported as an error."""


class TaskContext:
    """What running work sees: cancellation and progress reporting (thread-safe)."""

    def __init__(self, emit_progress: Callable[[int, int, str], None] | None = None):
        self._cancel = threading.Event()
        self._emit = emit_progress

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        if self._emit is not None:
            self._emit(done, total, text)


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (it lives there)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, work, ctx: TaskContext, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._ctx, self._relay = work, ctx, relay

    def run(self) -> None:
        try:
            result = self._work(self._ctx)
        except BaseException as exc:  # delivered to on_failure on the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class Task(QObject):
    """One piece of running work; ``finished`` fires on the GUI thread when it ends."""

    finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        label: str,
        cancellable: bool,
        parent_widget: QWidget | None,
        owner: QObject | None = None,
    ):
        super().__init__(runner)
        self.owner_gone = False
        if owner is not None:
            owner.destroyed.connect(self._owner_destroyed)
        self.ctx = TaskContext(self._progress_from_worker)
        self.done = False
        self._runner = runner
        self._on_success, self._on_failure = on_success, on_failure
        self._label, self._cancellable, self._parent_widget = label, cancellable, parent_widget
        self._dialog: QProgressDialog | None = None
        self._relay = _Relay()
        self._relay.succeeded.connect(self._succeed, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    def cancel(self) -> None:
        self.ctx.cancel()

    def _progress_from_worker(self, done: int, total: int, text: str) -> None:
        self._relay.progressed.emit(done, total, text)

    @Slot()
    def show_progress(self) -> None:
        """Show the progress dialog (called after the delay if still running)."""
        if self.done or self.owner_gone or self._dialog is not None:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self.tr("请稍候"))
        dialog.setLabelText(self._label or self.tr("正在处理…"))
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if self._cancellable:
            dialog.setCancelButtonText(self.tr("取消"))
            dialog.canceled.connect(self.ctx.cancel)
        else:
            dialog.setCancelButton(None)
        self._dialog = dialog
        dialog.show()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        if text:
            dialog.setLabelText(text)
        if total > 0:
            dialog.setRange(0, total)
            # Last: a modal dialog processes events here, where the task may end.
            dialog.setValue(min(done, total))

    @Slot()
    def _owner_destroyed(self) -> None:
        self.owner_gone = True
        self._close_dialog()

    def _close_dialog(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None and isValid(dialog):  # not already gone with its parent
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

    def _close(self) -> None:
        self.done = True
        self._close_dialog()
        self._runner._forget(self)

    def _dropped(self, outcome: object) -> bool:
        """True (and logged) when the owner is gone, so no callback may run."""
        if self.owner_gone:
            log.debug("task owner destroyed, callbacks skipped: %s (%r)", self._label, outcome)
        return self.owner_gone

    @Slot(object)
    def _succeed(self, result) -> None:
        self._close()
        try:
            if self._on_success is not None and not self._dropped(result):
                self._on_success(result)
        finally:
            self.finished.emit()
            self.deleteLater()

    @Slot(object)
    def _fail(self, exc: BaseException) -> None:
        self._close()
        try:
            if isinstance(exc, TaskCancelled):
                log.info("task cancelled: %s", self._label)
            elif self._dropped(exc):
                self._runner.unhandled(exc)  # its pane is gone; the window still tells
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                self._runner.unhandled(exc)
        finally:
            self.finished.emit()
            self.deleteLater()


class TaskRunner(QObject):
    """Starts work on a thread pool (or inline with ``synchronous=True``).

    ``default_failure`` receives exceptions no ``on_failure`` handled (the main
    window shows them as a readable error).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        synchronous: bool = False,
        progress_delay_ms: int = DEFAULT_PROGRESS_DELAY_MS,
        default_failure: Callable[[BaseException], None] | None = None,
        pool: QThreadPool | None = None,
    ):
        super().__init__(parent)
        self.synchronous = synchronous
        self.progress_delay_ms = progress_delay_ms
        self.default_failure = default_failure
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def run(
        self,
        work: Callable[[TaskContext], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        label: str = "",
        cancellable: bool = False,
        parent_widget: QWidget | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Run ``work(ctx)``; call ``on_success(result)`` or ``on_failure(exc)`` on the GUI thread.

        With ``owner``, neither is called once ``owner`` has been destroyed (a failure
        then goes to ``default_failure``).
        """
        task = Task(self, on_success, on_failure, label, cancellable, parent_widget, owner)
        self._running.add(task)
        if self.synchronous:
            try:
                result = work(task.ctx)
            except BaseException as exc:
                task._fail(exc)
            else:
                task._succeed(result)
            return task
        QTimer.singleShot(self.progress_delay_ms, task, task.show_progress)
        self._pool.start(_Runnable(work, task.ctx, task._relay))
        return task

    def unhandled(self, exc: BaseException) -> None:
        if self.default_failure is not None:
            self.default_failure(exc)
        else:
            log.error("task failed", exc_info=(type(exc), exc, exc.__traceback__))

    def _forget(self, task: Task) -> None:
        self._running.discard(task)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until the pool has no work (for shutdown and benchmarks)."""
        return self._pool.waitForDone(msecs)
