"""Names accounts may use only with an authorisation (2021/8): the list and its authorisations.

An administrator lists a name (party or state organ, enterprise or institution,
organisation, well-known public figure) with its other names, records who is
authorised to use it (one account by its platform id, or a registered subject by
its id, so all its accounts), the authorisation document and the validity, and
withdraws an authorisation or takes a name off the list with a reason.  The bulk
checks, imports and change requests then raise ``public_figure_name`` (2021/8)
for any other account whose name imitates a listed one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.models.regulation import FIGURE_CATEGORY_LABELS, FigureCategory
from workbench.operations import public_figures as ops
from workbench.operations.public_figures import FigureView
from workbench.ui.admin.base import AdminTab
from workbench.ui.i18n import pick
from workbench.ui.widgets.dates import day_of


def _aliases(text: str) -> list[str]:
    for sep in ("、", "，", ";", "；"):
        text = text.replace(sep, ",")
    return [a.strip() for a in text.split(",") if a.strip()]


def _table(parent, name: str, heads: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(heads), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(heads)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


class PublicFiguresTab(AdminTab):
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.figures: list[FigureView] = []
        self._select_next: int | None = None
        add_box = QGroupBox(self.tr("加入名单"), self)
        self.name = QLineEdit(add_box)
        self.name.setObjectName("figureName")
        self.name.setPlaceholderText(self.tr("名称"))
        self.category = QComboBox(add_box)
        self.category.setObjectName("figureCategory")
        for code in FigureCategory:
            self.category.addItem(pick(FIGURE_CATEGORY_LABELS[code]), code.value)
        self.aliases = QLineEdit(add_box)
        self.aliases.setObjectName("figureAliases")
        self.aliases.setPlaceholderText(self.tr("别名，用逗号或顿号分隔"))
        self.add_button = QPushButton(self.tr("加入"), add_box)
        self.add_button.setObjectName("addFigure")
        self.add_button.clicked.connect(self.do_add)
        row = QGridLayout(add_box)
        row.addWidget(self.name, 0, 0)
        row.addWidget(self.category, 0, 1)
        row.addWidget(self.aliases, 1, 0)
        row.addWidget(self.add_button, 1, 1)

        self.table = _table(
            self,
            "figuresTable",
            [self.tr("名称"), self.tr("类别"), self.tr("别名"), self.tr("有效授权")],
        )
        self.table.itemSelectionChanged.connect(self._show_authorisations)
        self.granted = _table(
            self,
            "authorisationsTable",
            [self.tr("授权对象"), self.tr("授权文件"), self.tr("有效期"), self.tr("状态")],
        )

        grant_box = QGroupBox(self.tr("登记授权（所选名称）"), self)
        self.holder_kind = QComboBox(grant_box)
        self.holder_kind.setObjectName("holderKind")
        self.holder_kind.addItem(self.tr("账号"), "account")
        self.holder_kind.addItem(self.tr("注册主体"), "subject")
        self.holder = QLineEdit(grant_box)
        self.holder.setObjectName("holder")
        self.holder.setPlaceholderText(self.tr("账号编号或主体编号"))
        self.document = QLineEdit(grant_box)
        self.document.setObjectName("document")
        self.document.setPlaceholderText(self.tr("授权文件编号"))
        self.valid_from = QDateEdit(QDate.currentDate(), grant_box)
        self.valid_from.setObjectName("validFrom")
        self.valid_from.setCalendarPopup(True)
        self.valid_until = QDateEdit(QDate.currentDate().addYears(1), grant_box)
        self.valid_until.setObjectName("validUntil")
        self.valid_until.setCalendarPopup(True)
        self.open_ended = QCheckBox(self.tr("长期有效"), grant_box)
        self.open_ended.setObjectName("openEnded")
        self.open_ended.toggled.connect(lambda on: self.valid_until.setEnabled(not on))
        self.grant_button = QPushButton(self.tr("登记授权"), grant_box)
        self.grant_button.setObjectName("grantAuthorisation")
        self.grant_button.clicked.connect(self.do_authorise)
        grid = QGridLayout(grant_box)
        grid.addWidget(self.holder_kind, 0, 0)
        grid.addWidget(self.holder, 0, 1)
        grid.addWidget(self.document, 1, 0, 1, 2)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("有效期"), grant_box))
        dates.addWidget(self.valid_from)
        dates.addWidget(QLabel("–", grant_box))
        dates.addWidget(self.valid_until)
        dates.addWidget(self.open_ended)
        dates.addStretch(1)
        grid.addLayout(dates, 2, 0, 1, 2)
        grid.addWidget(self.grant_button, 3, 1)

        self.reason = QLineEdit(self)
        self.reason.setObjectName("figureReason")
        self.reason.setPlaceholderText(self.tr("撤回授权或移出名单的理由（必填）"))
        self.withdraw_button = QPushButton(self.tr("撤回所选授权"), self)
        self.withdraw_button.setObjectName("withdrawAuthorisation")
        self.withdraw_button.clicked.connect(self.do_withdraw)
        self.remove_button = QPushButton(self.tr("移出名单"), self)
        self.remove_button.setObjectName("removeFigure")
        self.remove_button.clicked.connect(self.do_remove)
        undo = QHBoxLayout()
        undo.addWidget(self.reason, 1)
        undo.addWidget(self.withdraw_button)
        undo.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.addWidget(add_box)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.granted, 1)
        layout.addWidget(grant_box)
        layout.addLayout(undo)
        layout.addWidget(self.message)

    # -- reading ------------------------------------------------------------------
    def reload(self) -> None:
        self.read(ops.public_figures, self._fill)

    def _fill(self, figures: list[FigureView]) -> None:
        current = self.selected()
        wanted = self._select_next or (current.id if current is not None else None)
        self._select_next = None
        self.figures = list(figures)
        self.table.setRowCount(len(self.figures))
        for r, f in enumerate(self.figures):
            valid = sum(1 for a in f.authorisations if a.valid_today)
            texts = (
                f.name,
                pick(FIGURE_CATEGORY_LABELS[FigureCategory(f.category)]),
                "、".join(f.aliases),
                str(valid),
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if wanted is not None:
            self.select(wanted)
        self._show_authorisations()

    def selected(self) -> FigureView | None:
        row = self.table.currentRow()
        return self.figures[row] if 0 <= row < len(self.figures) else None

    def select(self, figure_id: int) -> None:
        for r, f in enumerate(self.figures):
            if f.id == figure_id:
                self.table.selectRow(r)
                return

    def _show_authorisations(self) -> None:
        figure = self.selected()
        held = figure.authorisations if figure else ()
        self.granted.setRowCount(len(held))
        for r, a in enumerate(held):
            kind = self.tr("账号") if a.holder_kind == "account" else self.tr("注册主体")
            until = a.valid_until.isoformat() if a.valid_until else self.tr("长期")
            if a.withdrawn:
                state = self.tr("已撤回")
            elif a.valid_today:
                state = self.tr("有效")
            else:
                state = self.tr("不在有效期内")
            texts = (f"{kind} {a.holder}", a.document_ref, f"{a.valid_from} – {until}", state)
            for c, text in enumerate(texts):
                self.granted.setItem(r, c, QTableWidgetItem(text))

    # -- changing -----------------------------------------------------------------
    def do_add(self) -> None:
        def added(view: FigureView) -> None:
            self.name.clear()
            self.aliases.clear()
            self._remember(view)

        self.write(
            ops.add_public_figure,
            self.tr("已加入名单"),
            after=added,
            name=self.name.text(),
            category=self.category.currentData(),
            aliases=_aliases(self.aliases.text()),
        )

    def _remember(self, view: FigureView) -> None:
        self._select_next = view.id  # the name just added is selected once the list is read

    def _need_figure(self) -> FigureView | None:
        figure = self.selected()
        if figure is None:
            self.say(self.tr("请先在名单中选择一个名称"), ok=False)
        return figure

    def do_authorise(self) -> None:
        figure = self._need_figure()
        if figure is None:
            return
        holder = {self.holder_kind.currentData(): self.holder.text().strip()}
        until = None if self.open_ended.isChecked() else day_of(self.valid_until)

        def authorised(_view: object) -> None:
            self.holder.clear()
            self.document.clear()

        self.write(
            ops.authorise_public_figure,
            self.tr("已登记授权"),
            after=authorised,
            figure_id=figure.id,
            document_ref=self.document.text(),
            valid_from=day_of(self.valid_from),
            valid_until=until,
            **holder,
        )

    def _reason(self) -> str | None:
        reason = self.reason.text().strip()
        if not reason:
            self.say(self.tr("请填写理由"), ok=False)
            return None
        return reason

    def do_withdraw(self) -> None:
        figure = self._need_figure()
        if figure is None:
            return
        row = self.granted.currentRow()
        if not 0 <= row < len(figure.authorisations):
            self.say(self.tr("请先选择一项授权"), ok=False)
            return
        reason = self._reason()
        if reason is None:
            return
        self.write(
            ops.withdraw_figure_authorisation,
            self.tr("已撤回授权"),
            after=lambda _view: self.reason.clear(),
            authorisation_id=figure.authorisations[row].id,
            reason=reason,
        )

    def do_remove(self) -> None:
        figure = self._need_figure()
        if figure is None:
            return
        reason = self._reason()
        if reason is None:
            return
        self.write(
            ops.remove_public_figure,
            self.tr("已移出名单"),
            after=lambda _view: self.reason.clear(),
            figure_id=figure.id,
            reason=reason,
        )
