"""Reviewers and roles: add, disable or enable, reset a password, set roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.models.codes import REVIEWER_ROLES
from workbench.operations import access
from workbench.operations.access import ReviewerView
from workbench.ui.admin.base import AdminTab
from workbench.ui.labels import label
from workbench.ui.widgets.plain import shown


class ReviewersTab(AdminTab):
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("reviewerTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("登录名"), self.tr("姓名"), self.tr("状态"), self.tr("角色")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(self._chosen)
        self.login = QLineEdit(self)
        self.login.setObjectName("reviewerLogin")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("reviewerName")
        self.password = QLineEdit(self)
        self.password.setObjectName("reviewerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role_boxes: dict[str, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in REVIEWER_ROLES:
            box = QCheckBox(label("role", role.value), self)
            box.setObjectName(f"role_{role.value}")
            self.role_boxes[role.value] = box
            roles_row.addWidget(box)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("停用理由"))
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("add", self.tr("新增审核员")),
            ("roles", self.tr("设置角色")),
            ("password", self.tr("重置密码")),
            ("disable", self.tr("停用")),
            ("enable", self.tr("启用")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"reviewer_{key}")
            button.clicked.connect(getattr(self, f"do_{key}"))
            self.buttons[key] = button
            buttons.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.login)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("角色"), roles_row)
        form.addRow(self.tr("理由"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.rows: list[ReviewerView] = []

    def reload(self) -> None:
        self.read(access.list_reviewers, self._fill)

    def _status(self, row: ReviewerView) -> str:
        if not row.active:
            return self.tr("已停用")
        return self.tr("已锁定") if row.locked else self.tr("已启用")

    def _fill(self, rows: list[ReviewerView]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            texts = (
                row.login,
                row.name,
                self._status(row),
                "、".join(label("role", x) for x in row.roles),
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(shown(text)))

    def _chosen(self, row: int, *_args) -> None:
        if 0 <= row < len(self.rows):
            chosen = self.rows[row]
            self.login.setText(chosen.login)
            self.display_name.setText(chosen.name)
            for role, box in self.role_boxes.items():
                box.setChecked(role in chosen.roles)

    def _roles(self) -> list[str]:
        return [r for r, box in self.role_boxes.items() if box.isChecked()]

    def do_add(self) -> None:
        login, name = self.login.text().strip(), self.display_name.text().strip()
        roles, password = self._roles(), self.password.text()
        self.password.clear()
        self.write(
            access.create_reviewer,
            self.tr("已新增审核员 %1").replace("%1", login),
            login=login,
            display_name=name or login,
            roles=roles,
            password=password,
        )

    def do_roles(self) -> None:
        login, roles = self.login.text().strip(), self._roles()
        self.write(
            access.set_roles,
            self.tr("已设置 %1 的角色").replace("%1", login),
            login=login,
            roles=roles,
        )

    def do_password(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        self.password.clear()
        self.write(
            access.reset_password,
            self.tr("已重置 %1 的密码").replace("%1", login),
            login=login,
            password=password,
        )

    def _set_active(self, active: bool) -> None:
        login, reason = self.login.text().strip(), self.reason.text().strip()
        self.write(
            access.set_active,
            (self.tr("已启用 %1") if active else self.tr("已停用 %1")).replace("%1", login),
            login=login,
            active=active,
            reason=reason,
        )

    def do_disable(self) -> None:
        self._set_active(False)

    def do_enable(self) -> None:
        self._set_active(True)
