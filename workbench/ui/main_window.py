"""The main window: the frame the queues, case view and dashboard live in."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from workbench.models import Account, Case


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine
        self.setWindowTitle("账号信息投诉举报工作台 — Workbench")
        self.resize(1200, 800)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.database_label = QLabel(self)
        self.summary_label = QLabel(self)
        layout.addWidget(self.database_label)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.refresh()

    def refresh(self) -> None:
        url = self.engine.url.render_as_string(hide_password=True)
        self.database_label.setText(f"数据库 / Database: {url}")
        with Session(self.engine) as session:
            cases = session.exec(select(func.count()).select_from(Case)).one()[0]
            accounts = session.exec(select(func.count()).select_from(Account)).one()[0]
        self.summary_label.setText(f"案件 / Cases: {cases}    账号 / Accounts: {accounts}")
