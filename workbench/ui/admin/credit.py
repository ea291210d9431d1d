"""Credit grades (2022/18 据以提供相应服务): the lowest score of grades A, B and C, and the
functions each grade restricts.  Saving regrades every account (each change audited and
told to the holder) and says how many changed
(:func:`workbench.operations.credit.set_credit_grade_policy`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from workbench.models.codes import CREDIT_GRADE_LABELS, CreditGrade
from workbench.operations import credit
from workbench.operations.cases import FUNCTIONS
from workbench.operations.credit import CreditGradePolicy
from workbench.ui.admin.base import AdminTab
from workbench.ui.i18n import pick
from workbench.ui.labels import function_label

GRADES = list(CreditGrade)
THRESHOLD_GRADES = GRADES[:-1]  # D is what falls below C


def grade_text(grade: CreditGrade) -> str:
    return f"{grade.value} · {pick(CREDIT_GRADE_LABELS[grade])}"


class CreditGradesTab(AdminTab):
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        thresholds = QGroupBox(self.tr("各等级最低信用分"), self)
        row = QHBoxLayout(thresholds)
        self.thresholds: dict[str, QSpinBox] = {}
        for grade in THRESHOLD_GRADES:
            spin = QSpinBox(thresholds)
            spin.setObjectName(f"threshold_{grade.value}")
            spin.setRange(1, 100)
            self.thresholds[grade.value] = spin
            row.addWidget(QLabel(grade_text(grade), thresholds))
            row.addWidget(spin)
        row.addStretch(1)
        restricts = QGroupBox(self.tr("各等级受限的功能"), self)
        grid = QGridLayout(restricts)
        self.restricts: dict[tuple[str, str], QCheckBox] = {}
        for c, name in enumerate(FUNCTIONS, start=1):
            # Column heads wrap: a row of long English names must not widen the window.
            head = QLabel(function_label(name), restricts)
            head.setWordWrap(True)
            grid.addWidget(head, 0, c)
        for r, grade in enumerate(GRADES, start=1):
            grid.addWidget(QLabel(grade_text(grade), restricts), r, 0)
            for c, name in enumerate(FUNCTIONS, start=1):
                box = QCheckBox(restricts)
                box.setObjectName(f"restrict_{grade.value}_{name}")
                self.restricts[(grade.value, name)] = box
                grid.addWidget(box, r, c)
        self.save_button = QPushButton(self.tr("保存并重新评级"), self)
        self.save_button.setObjectName("saveCreditGrades")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(thresholds)
        layout.addWidget(restricts)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        layout.addWidget(self.message)

    def reload(self) -> None:
        self.read(credit.credit_grade_policy, self._fill)

    def _fill(self, policy: CreditGradePolicy) -> None:
        for grade, spin in self.thresholds.items():
            spin.setValue(policy.thresholds[grade])
        for (grade, name), box in self.restricts.items():
            box.setChecked(name in policy.restricts.get(grade, []))

    def policy(self) -> dict:
        """The policy the form shows (the service checks it and names what is wrong)."""
        return {
            "thresholds": {grade: spin.value() for grade, spin in self.thresholds.items()},
            "restricts": {
                grade.value: [n for n in FUNCTIONS if self.restricts[(grade.value, n)].isChecked()]
                for grade in GRADES
            },
        }

    def save(self) -> None:
        def after(result: CreditGradePolicy) -> None:
            self.say(
                self.tr("已保存：%1 个账号的等级或受限功能随之改变").replace(
                    "%1", str(result.regraded)
                )
            )

        self.write(credit.set_credit_grade_policy, self.tr("已保存"), after, policy=self.policy())
