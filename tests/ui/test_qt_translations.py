"""Qt's own dialogs speak the workbench's language (issue 18): Qt's translations are
loaded with ours, so QFileDialog, QMessageBox and QDialogButtonBox read Chinese, and a
Chinese workbench on a system in another language uses Qt's file dialog, not a
native one in the system's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from workbench.ui import i18n


@pytest.fixture
def chinese(qapp):
    i18n.install(qapp, "zh_CN")
    yield qapp


def test_standard_buttons_and_the_file_dialog_read_chinese(chinese, qtbot):
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
    )
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert "保存" in buttons.button(QDialogButtonBox.StandardButton.Save).text()
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "继续？")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert "是" in box.button(QMessageBox.StandardButton.Yes).text()
    dialog = QFileDialog(None, "导入", "", "CSV (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："


def test_english_drops_qts_chinese(qapp, qtbot):
    i18n.install(qapp, "en")
    try:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        i18n.install(qapp, "zh_CN")


def test_a_chinese_workbench_on_another_system_uses_qts_file_dialog(chinese):
    if QLocale.system().language() == QLocale.Language.Chinese:
        pytest.skip("the system speaks Chinese: the native dialog matches")
    assert not i18n.speaks_system_language()
    assert i18n.file_dialog_options() & QFileDialog.Option.DontUseNativeDialog
    kept = i18n.file_dialog_options(QFileDialog.Option.DontConfirmOverwrite)
    assert kept & QFileDialog.Option.DontConfirmOverwrite
