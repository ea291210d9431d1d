"""The administration page: one tab per thing an administrator keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from workbench.operations.access import Actor
from workbench.operations.client import Client
from workbench.ui.admin.credit import CreditGradesTab
from workbench.ui.admin.other import CalendarTab, LexiconsTab, RatesTab, TemplatesTab
from workbench.ui.admin.outbox import DeadLettersTab
from workbench.ui.admin.policies import PoliciesTab
from workbench.ui.admin.public_figures import PublicFiguresTab
from workbench.ui.admin.reviewers import ReviewersTab
from workbench.ui.changes import ChangeBus
from workbench.ui.tasks import TaskRunner


class AdminPage(QWidget):
    def __init__(
        self,
        client: Client,
        actor: Actor,
        runner: TaskRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("adminPage")
        args = (client, actor, runner, bus)
        self.reviewers = ReviewersTab(*args)
        self.policies = PoliciesTab(*args)
        self.calendar = CalendarTab(*args)
        self.templates = TemplatesTab(*args)
        self.lexicons = LexiconsTab(*args)
        self.rates = RatesTab(*args)
        self.outbox = DeadLettersTab(*args)
        self.credit = CreditGradesTab(*args)
        self.figures = PublicFiguresTab(*args)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.reviewers, self.tr("审核员与角色"))
        self.tabs.addTab(self.policies, self.tr("处理时限"))
        self.tabs.addTab(self.calendar, self.tr("节假日与调休"))
        self.tabs.addTab(self.templates, self.tr("回复模板"))
        self.tabs.addTab(self.lexicons, self.tr("规则词表"))
        self.tabs.addTab(self.rates, self.tr("规则误报率"))
        self.tabs.addTab(self.credit, self.tr("信用等级"))
        self.tabs.addTab(self.figures, self.tr("授权名称名单"))
        self.tabs.addTab(self.outbox, self.tr("外发死信"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
