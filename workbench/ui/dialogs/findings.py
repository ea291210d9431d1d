"""Recording findings: categories with their legal basis, and a decision on each rule hit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import ReportCategory
from workbench.models.views import CaseDetail
from workbench.ui.labels import label, rule_label
from workbench.ui.widgets.confirm import ok_cancel, summary_label
from workbench.ui.widgets.plain import plain_label

ACCEPTED, DISMISSED = "accepted", "dismissed"


class HitDecisionRow(QWidget):
    """One rule hit with accept / dismiss."""

    def __init__(self, hit, parent: QWidget | None = None):
        super().__init__(parent)
        self.hit_id = hit.id
        text = plain_label(
            f"{rule_label(hit.rule, hit.category)} · {label('field', hit.field)}「{hit.matched}」"
            f" · {hit.basis}",
            self,
        )
        text.setObjectName("hitDecisionText")
        self.accept = QRadioButton(self.tr("成立"), self)
        self.dismiss = QRadioButton(self.tr("不成立"), self)
        self.group = QButtonGroup(self)
        self.group.addButton(self.accept)
        self.group.addButton(self.dismiss)
        if hit.decision == DISMISSED:
            self.dismiss.setChecked(True)
        else:
            self.accept.setChecked(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(text, 1)
        row.addWidget(self.accept)
        row.addWidget(self.dismiss)

    def decision(self) -> str:
        return ACCEPTED if self.accept.isChecked() else DISMISSED


class FindingsDialog(QDialog):
    """Findings for one case; ``findings()`` and ``hit_decisions()`` after accept."""

    def __init__(self, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findingsDialog")
        self.setWindowTitle(self.tr("记录甄别结论 · 案件 #%1").replace("%1", str(detail.id)))
        self.categories = QListWidget(self)
        self.categories.setObjectName("findingCategories")
        for code in ReportCategory:
            item = QListWidgetItem(label("category", code.value), self.categories)
            item.setData(Qt.ItemDataRole.UserRole, code.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            hit = code.value == detail.category or any(
                h.category == code.value and h.decision != DISMISSED for h in detail.hits
            )
            item.setCheckState(Qt.CheckState.Checked if hit else Qt.CheckState.Unchecked)
        self.basis = QLineEdit(self)
        self.basis.setObjectName("findingBasis")
        self.basis.setPlaceholderText(self.tr("留空则按类别的通常依据，如 2022/8(2)"))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("findingNotes")
        self.notes.setMaximumHeight(70)
        hits_box = QGroupBox(self.tr("规则命中"), self)
        hits_inner = QWidget()
        hits_layout = QVBoxLayout(hits_inner)
        self.hit_rows = [HitDecisionRow(h, hits_inner) for h in detail.hits]
        for row in self.hit_rows:
            hits_layout.addWidget(row)
        if not self.hit_rows:
            hits_layout.addWidget(plain_label(self.tr("无规则命中"), hits_inner))
        hits_layout.addStretch(1)
        hits_scroll = QScrollArea(hits_box)  # many hits scroll inside; the dialog keeps its size
        hits_scroll.setWidgetResizable(True)
        hits_scroll.setFrameShape(QFrame.Shape.NoFrame)
        hits_scroll.setWidget(hits_inner)
        QVBoxLayout(hits_box).addWidget(hits_scroll)
        self.summary = summary_label(self, lines=3)
        buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow(self.tr("违规类别"), self.categories)
        form.addRow(self.tr("法律依据"), self.basis)
        form.addRow(self.tr("备注"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hits_box, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.setMinimumSize(620, 560)
        self.categories.itemChanged.connect(self._update_summary)
        for row in self.hit_rows:
            row.group.buttonToggled.connect(self._update_summary)
        self._update_summary()

    def chosen_categories(self) -> list[str]:
        out = []
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_categories(self, codes: list[str]) -> None:
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def findings(self) -> list[tuple[str, str | None, str]]:
        basis = self.basis.text().strip() or None
        notes = self.notes.toPlainText().strip()
        return [(code, basis, notes) for code in self.chosen_categories()]

    def hit_decisions(self) -> dict[int, str]:
        return {row.hit_id: row.decision() for row in self.hit_rows}

    def _update_summary(self, *_args) -> None:
        cats = "、".join(label("category", c) for c in self.chosen_categories()) or self.tr("无")
        decisions = list(self.hit_decisions().values())
        self.summary.setText(
            self.tr("将记录违规类别：%1；规则命中 %2 条成立、%3 条不成立；案件进入甄别中。")
            .replace("%1", cats)
            .replace("%2", str(decisions.count(ACCEPTED)))
            .replace("%3", str(decisions.count(DISMISSED)))
        )
