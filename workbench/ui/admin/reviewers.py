"""Reviewers and roles: add, disable or enable, reset a password, set roles."""

from __future__ import annotations

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
from sqlmodel import select

from workbench.models import Reviewer, ReviewerRole
from workbench.models.codes import Role
from workbench.queues import auth
from workbench.ui.admin.base import AdminTab
from workbench.ui.labels import label
from workbench.ui.widgets.plain import shown


def list_reviewers(session) -> list[tuple[str, str, bool, list[str]]]:
    roles: dict[int, list[str]] = {}
    for rid, role in session.exec(select(ReviewerRole.reviewer_id, ReviewerRole.role)).all():
        roles.setdefault(rid, []).append(role)
    rows = session.exec(select(Reviewer).order_by(Reviewer.login)).all()
    return [(r.login, r.display_name, r.active, sorted(roles.get(r.id, []))) for r in rows]


class ReviewersTab(AdminTab):
    def __init__(self, *args, **kw):
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
        for role in Role:
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
        self.rows: list = []

    def reload(self) -> None:
        self.read(list_reviewers, self._fill)

    def _fill(self, rows) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, (login, name, active, roles) in enumerate(rows):
            texts = (
                login,
                name,
                self.tr("启用") if active else self.tr("已停用"),
                "、".join(label("role", x) for x in roles),
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(shown(text)))

    def _chosen(self, row: int, *_args) -> None:
        if 0 <= row < len(self.rows):
            login, name, _active, roles = self.rows[row]
            self.login.setText(login)
            self.display_name.setText(name)
            for role, box in self.role_boxes.items():
                box.setChecked(role in roles)

    def _roles(self) -> list[str]:
        return [r for r, box in self.role_boxes.items() if box.isChecked()]

    def do_add(self) -> None:
        actor, login, name = self.actor, self.login.text().strip(), self.display_name.text().strip()
        roles, password = self._roles(), self.password.text()
        self.password.clear()
        self.write(
            lambda s: (
                auth.create_reviewer(
                    s,
                    actor,
                    login=login,
                    display_name=name or login,
                    roles=roles,
                    password=password,
                ).id
            ),
            self.tr("已新增审核员 %1").replace("%1", login),
        )

    def do_roles(self) -> None:
        actor, login, roles = self.actor, self.login.text().strip(), self._roles()
        self.write(
            lambda s: auth.set_roles(s, actor, login, roles).id,
            self.tr("已设置 %1 的角色").replace("%1", login),
        )

    def do_password(self) -> None:
        actor, login, password = self.actor, self.login.text().strip(), self.password.text()
        self.password.clear()
        self.write(
            lambda s: auth.reset_password(s, actor, login, password).id,
            self.tr("已重置 %1 的密码").replace("%1", login),
        )

    def _set_active(self, active: bool) -> None:
        actor, login, reason = self.actor, self.login.text().strip(), self.reason.text().strip()
        self.write(
            lambda s: auth.set_active(s, actor, login, active, reason=reason).id,
            (self.tr("已启用 %1") if active else self.tr("已停用 %1")).replace("%1", login),
        )

    def do_disable(self) -> None:
        self._set_active(False)

    def do_enable(self) -> None:
        self._set_active(True)
