"""The case actions: a panel in the case view's actions area, and keyboard shortcuts.

Each action first says what it will do (the confirmation line, or the
summary of its dialog), then runs the service off the GUI thread, tells the
bus, and opens the next case when the reviewer's part is done.  A refusal
(:class:`~workbench.errors.WorkbenchError`) shows in the message bar
in Chinese and English; anything unexpected goes to the error dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import CASE_TRANSITIONS, OPEN_CASE_STATUSES, CaseStatus, Role
from workbench.models.views import CaseDetail
from workbench.operations import cases
from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.ui.changes import ChangeBus
from workbench.ui.dialogs.decline import DeclineDialog
from workbench.ui.dialogs.extend_deadline import ExtendDeadlineDialog
from workbench.ui.dialogs.findings import FindingsDialog
from workbench.ui.dialogs.measures import MeasuresDialog
from workbench.ui.dialogs.reply import ReplyDialog
from workbench.ui.i18n import pick
from workbench.ui.labels import label
from workbench.ui.panes.action_table import ACTIONS, PAUSE_REASONS, action_with_button
from workbench.ui.panes.bulk_actions import BulkActions
from workbench.ui.panes.case_extras import CaseExtras
from workbench.ui.roles import RoleGate
from workbench.ui.tasks import TaskRunner
from workbench.ui.widgets.message import MessageLine
from workbench.ui.widgets.plain import plain_label, set_plain

WORKERS = (Role.MODERATOR, Role.SUPERVISOR)
SUPERVISOR_ONLY = {"extend"}  # shown to supervisors only; the service checks again
OPEN = {s.value for s in OPEN_CASE_STATUSES}


def can_become(status: str | None, target: CaseStatus) -> bool:
    """Whether a case in ``status`` may move to ``target`` (models/codes.py's transitions)."""
    if status is None:
        return False
    try:
        return target in CASE_TRANSITIONS[CaseStatus(status)]
    except ValueError:
        return False


class ActionPanel(QWidget):
    """Actions on the open case (``detail``) and on the queue's selected rows.

    ``selected_rows`` returns the queue rows a bulk action works on;
    ``current_queue`` names the queue "claim next" takes from; ``open_next``
    is called with the finished case id to move on.
    """

    finished = Signal(str, object)  # action name, result

    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        *,
        current_queue: Callable[[], str],
        selected_rows: Callable[[], list] = list,
        open_case: Callable[[int | None], None] = lambda _id: None,
        open_next: Callable[[int], None] = lambda _id: None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("actionPanel")
        self.client, self.actor, self.runner, self.bus = client, actor, runner, bus
        self.gate = RoleGate(actor)
        self.current_queue, self.selected_rows = current_queue, selected_rows
        self.open_case, self.open_next = open_case, open_next
        self.detail: CaseDetail | None = None
        self.active_dialog: QDialog | None = None
        self._pending: tuple[str, Callable, bool] | None = None

        self.message = MessageLine("actionMessage", self)
        self.say, self._refused = self.message.say, self.message.refuse
        self.confirm_line = plain_label("", self)  # names the account
        self.confirm_line.setObjectName("confirmLine")
        self.confirm_line.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("确认执行"), self)
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.clicked.connect(self.cancel)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.confirm_button)
        confirm_row.addWidget(self.cancel_button)
        self.pause_reason = QComboBox(self)
        self.pause_reason.setObjectName("pauseReason")
        for code, pair in PAUSE_REASONS.items():
            self.pause_reason.addItem(pick(pair), code.value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Shadows QWidget.actions() (the tests and panes read it by this name).
        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]
        self.buttons: dict[str, QPushButton] = {}
        for name, (pair, keys) in ACTIONS.items():
            action, button = action_with_button(self, name, pair, keys, getattr(self, name))
            self.actions[name] = action
            self.buttons[name] = button
            layout.addWidget(button)
            if name == "pause":
                layout.addWidget(self.pause_reason)
        self.bulk = BulkActions(self)  # on the queue's selected rows
        for button in self.bulk.buttons:
            layout.addWidget(button)
        self.actions.update(self.bulk.actions)
        self.extras = CaseExtras(self)  # approval in the case, notices to the holder
        for button in self.extras.buttons():
            layout.addWidget(button)
        layout.addWidget(self.extras.box)
        self.actions.update(self.extras.actions)
        layout.addSpacing(8)
        layout.addWidget(self.confirm_line)
        layout.addLayout(confirm_row)
        layout.addWidget(self.message)
        self.addActions(list(self.actions.values()))
        self._show_confirm(False)
        self.set_detail(None)

    # -- state -------------------------------------------------------------------
    def set_detail(self, detail: CaseDetail | None) -> None:
        """The open case changed: enable what its status allows."""
        self.detail = detail
        worker = self.gate.allows(*WORKERS)
        supervisor = self.gate.allows(Role.SUPERVISOR)
        status = detail.status if detail else None
        paused = detail is not None and detail.due_state == "paused"
        timed = detail is not None and detail.due_at is not None and detail.due_state != "met"
        enabled = {
            "claim_next": worker,
            "claim": worker
            and detail is not None
            and status in OPEN
            and detail.assignee_name is None,
            "accept": worker and can_become(status, CaseStatus.ACCEPTED),
            "decline": worker and can_become(status, CaseStatus.DECLINED),
            # Findings move an accepted case into screening and may be revised there.
            "findings": worker
            and (can_become(status, CaseStatus.SCREENING) or status == CaseStatus.SCREENING),
            "measures": worker and can_become(status, CaseStatus.DISPOSED),
            "no_violation": worker and can_become(status, CaseStatus.NO_VIOLATION),
            "reply": worker and can_become(status, CaseStatus.REPLIED),
            "pause": worker and status in OPEN and not paused,
            "resume": worker and paused,
            "escalate": worker
            and detail is not None
            and status in OPEN
            and detail.queue != "escalations",
            "extend": supervisor and timed,
            "release": worker and detail is not None and detail.assignee_name is not None,
        }
        for name in ACTIONS:
            self.actions[name].setVisible(supervisor if name in SUPERVISOR_ONLY else worker)
            self.actions[name].setEnabled(bool(enabled[name]))
        self.extras.set_detail(detail)
        self.pause_reason.setVisible(worker)
        if self._pending is not None and not self._pending[2]:
            self.cancel()

    # -- messages ----------------------------------------------------------------
    def _show_confirm(self, shown: bool) -> None:
        for widget in (self.confirm_line, self.confirm_button, self.cancel_button):
            widget.setVisible(shown)

    # -- running -----------------------------------------------------------------
    def propose(self, text: str, work: Callable, *, keep: bool = False) -> None:
        """Show what ``work`` will do; it runs on :meth:`confirm` (Enter)."""
        self._pending = (text, work, keep)
        set_plain(self.confirm_line, text)
        self._show_confirm(True)
        self.confirm_button.setDefault(True)
        self.confirm_button.setFocus()

    def confirm(self) -> None:
        if self._pending is None:
            return
        _text, work, _keep = self._pending
        self.cancel()
        work()

    def cancel(self) -> None:
        self._pending = None
        self.confirm_line.setText("")
        self._show_confirm(False)

    def run(self, name: str, service: Callable, done_text: str, *, next_case: bool) -> None:
        """Run ``service(client)`` (an operation returning the changed case id or ids)
        off the GUI thread; the views hear the change from the client; then move on."""
        client = self.client
        case_id = self.detail.id if self.detail else None

        def work(_ctx):
            return service(client)

        def success(result) -> None:
            self.say(done_text)
            self.finished.emit(name, result)
            if name == "claim_next":
                if result is None:
                    self.say(self.tr("队列中没有可认领的案件"), ok=False)
                self.open_case(result)
            elif next_case and case_id is not None:
                self.open_next(case_id)

        self.runner.run(
            work, on_success=success, on_failure=self._refused, label=done_text, owner=self
        )

    def confirm_then(self, name: str, text: str, service: Callable, done: str, **kw) -> None:
        """Show ``text``; on confirm run ``service`` (see :meth:`run`)."""
        keep = kw.pop("keep", False)
        self.propose(text, lambda: self.run(name, service, done, **kw), keep=keep)

    def dialog_then(self, name: str, dialog: QDialog, make_service: Callable, done: str, **kw):
        """Open ``dialog``; when accepted run ``make_service()`` (read from the dialog)."""
        self._open_dialog(dialog, lambda: self.run(name, make_service(), done, **kw))

    def _shown(self) -> CaseDetail:
        assert self.detail is not None  # the case actions are enabled only with a case shown
        return self.detail

    def _target(self) -> tuple[Actor, int, int, str]:
        d = self._shown()
        return self.actor, d.id, d.version, f"#{d.id}"

    # -- the actions ---------------------------------------------------------------
    def claim_next(self) -> None:
        queue = self.current_queue()

        def service(client):
            return client.call(cases.claim_next, queue=queue)

        text = self.tr("将从「%1」队列认领下一个未被认领的案件并打开").replace(
            "%1", label("queue", queue)
        )
        done = self.tr("已认领下一个案件")
        if not self.isVisible():  # no case open: the panel is hidden, nothing to confirm on
            self.run("claim_next", service, done, next_case=False)
            return
        self.confirm_then("claim_next", text, service, done, next_case=False, keep=True)

    def claim(self) -> None:
        actor, case_id, version, ref = self._target()
        self.confirm_then(
            "claim",
            self.tr("将认领案件 %1，租约期内他人不能处理").replace("%1", ref),
            lambda c: c.call(cases.claim_case, case_id=case_id, expected_version=version),
            self.tr("已认领案件 %1").replace("%1", ref),
            next_case=False,
        )

    def accept(self) -> None:
        actor, case_id, version, ref = self._target()
        self.confirm_then(
            "accept",
            self.tr("将受理案件 %1（%2 → %3），并开始甄别计时")
            .replace("%1", ref)
            .replace("%2", label("status", CaseStatus.RECEIVED))
            .replace("%3", label("status", CaseStatus.ACCEPTED)),
            lambda c: c.call(cases.accept_case, case_id=case_id, expected_version=version),
            self.tr("已受理案件 %1").replace("%1", ref),
            next_case=False,
        )

    def decline(self) -> None:
        actor, case_id, version, ref = self._target()
        dialog = DeclineDialog(self.tr("不予受理 · 案件 %1").replace("%1", ref), self)

        def make():
            code, note = dialog.reason_code(), dialog.note()
            return lambda c: c.call(
                cases.decline_case,
                case_id=case_id,
                expected_version=version,
                reason_code=code,
                note=note,
            )

        self.dialog_then(
            "decline", dialog, make, self.tr("已不予受理案件 %1").replace("%1", ref), next_case=True
        )

    def findings(self) -> None:
        actor, case_id, version, ref = self._target()
        dialog = FindingsDialog(self._shown(), self)

        def make():
            found, decisions = dialog.findings(), dialog.hit_decisions()
            notes = dialog.notes.toPlainText().strip()

            return lambda c: c.call(
                cases.record_findings,
                case_id=case_id,
                expected_version=version,
                findings=found,
                hit_decisions=decisions,
                notes=notes,
            )

        done = self.tr("已记录案件 %1 的甄别结论").replace("%1", ref)
        self.dialog_then("findings", dialog, make, done, next_case=False)

    def measures(self) -> None:
        actor, case_id, version, ref = self._target()
        basis = next((h.basis for h in self._shown().hits if h.decision != "dismissed"), "")
        dialog = MeasuresDialog(
            self.tr("处置措施 · 案件 %1").replace("%1", ref), self, default_basis=basis
        )

        def make():
            specs = dialog.specs()

            return lambda c: c.call(
                cases.apply_measures, case_id=case_id, expected_version=version, measures=specs
            )

        done = self.tr("已处置案件 %1").replace("%1", ref)
        self.dialog_then("measures", dialog, make, done, next_case=False)

    def no_violation(self) -> None:
        actor, case_id, version, ref = self._target()
        dialog = self._reason_dialog(
            self.tr("未发现违规 · 案件 %1").replace("%1", ref),
            self.tr("甄别未发现违规（%1 → %2），之后回复举报人。理由：")
            .replace("%1", label("status", CaseStatus.SCREENING))
            .replace("%2", label("status", CaseStatus.NO_VIOLATION)),
        )

        def make():
            reason = dialog.textValue()
            return lambda c: c.call(
                cases.find_no_violation, case_id=case_id, expected_version=version, reason=reason
            )

        done = self.tr("案件 %1 未发现违规").replace("%1", ref)
        self.dialog_then("no_violation", dialog, make, done, next_case=False)

    def reply(self) -> None:
        actor, case_id, version, ref = self._target()
        client = self.client

        def preview(template, language):
            return client.call(
                cases.preview_case_reply, case_id=case_id, template=template, language=language
            )

        dialog = ReplyDialog(self.tr("回复举报人 · 案件 %1").replace("%1", ref), preview, self)

        def make():
            template, language = dialog.template(), dialog.language()
            body = dialog.body_override()

            return lambda c: c.call(
                cases.reply_to_reporters,
                case_id=case_id,
                template=template,
                language=language,
                body_override=body,
                expected_version=version,
            )

        done = self.tr("已回复案件 %1 的举报人").replace("%1", ref)
        self.dialog_then("reply", dialog, make, done, next_case=True)

    def pause(self) -> None:
        actor, case_id, _version, ref = self._target()
        reason = self.pause_reason.currentData()

        def service(client):
            return client.call(cases.pause_case_clocks, case_id=case_id, reason=reason)

        text = (
            self.tr("将暂停案件 %1 的计时（%2），恢复后期限顺延")
            .replace("%1", ref)
            .replace("%2", self.pause_reason.currentText())
        )
        self.confirm_then("pause", text, service, self.tr("已暂停计时"), next_case=False)

    def resume(self) -> None:
        actor, case_id, _version, ref = self._target()

        def service(client):
            return client.call(cases.resume_case_clocks, case_id=case_id)

        text = self.tr("将恢复案件 %1 的计时，期限按暂停时长顺延").replace("%1", ref)
        self.confirm_then("resume", text, service, self.tr("已恢复计时"), next_case=False)

    def escalate(self) -> None:
        actor, case_id, version, ref = self._target()
        dialog = self._reason_dialog(
            self.tr("升级给主管 · 案件 %1").replace("%1", ref),
            self.tr("将移入「升级处理」队列并释放认领。理由："),
        )

        def make():
            reason = dialog.textValue()
            return lambda c: c.call(
                cases.escalate_case, case_id=case_id, expected_version=version, reason=reason
            )

        done = self.tr("已将案件 %1 升级给主管").replace("%1", ref)
        self.dialog_then("escalate", dialog, make, done, next_case=True)

    def extend(self) -> None:
        """A supervisor gives the case more time (2022/19, 2021/20), with a reason."""
        actor, case_id, _version, ref = self._target()
        dialog = ExtendDeadlineDialog(
            self.tr("延长处理时限 · 案件 %1").replace("%1", ref), ref, self
        )

        def make():
            amount, unit, reason = dialog.amount(), dialog.unit(), dialog.reason()
            return lambda c: c.call(
                cases.extend_case_deadline,
                case_id=case_id,
                amount=amount,
                unit=unit,
                reason=reason,
            )

        done = self.tr("已延长案件 %1 的处理时限").replace("%1", ref)
        self.dialog_then("extend", dialog, make, done, next_case=False)

    def release(self) -> None:
        actor, case_id, _version, ref = self._target()
        self.confirm_then(
            "release",
            self.tr("将释放案件 %1 的认领，退回队列供他人处理").replace("%1", ref),
            lambda c: c.call(cases.release_claim, case_id=case_id),
            self.tr("已释放案件 %1").replace("%1", ref),
            next_case=True,
        )

    def _reason_dialog(self, title: str, text: str) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setObjectName("reasonDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(text)
        return dialog

    def _open_dialog(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.cancel()
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        dialog.open()
