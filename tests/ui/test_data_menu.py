"""The 数据 menu: importing accounts and reports, and the bulk account checks, from the desktop."""

from __future__ import annotations

import csv
import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton
from sqlmodel import func, select

from tests.db.importing.support import GOOD_ACCOUNTS, counts, images, write
from tests.ui import factories as f
from tests.ui.journeys import open_window, people
from workbench.cases import bulk_checks
from workbench.commands import ensure_seeded
from workbench.db import session_scope
from workbench.importing import reports as report_import
from workbench.models import Account, AuditEvent, Case, Report, utcnow
from workbench.operations.jobs import CANCELLED, REPORTS
from workbench.operations.local import LocalClient
from workbench.ui.changes import ChangeBus
from workbench.ui.dialogs.bulk_checks import BulkChecksDialog
from workbench.ui.dialogs.import_data import ImportDialog
from workbench.ui.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
WAIT_MS = 20_000


def _report(external_id: str, **fields) -> dict:
    row = {
        "external_id": external_id,
        "channel": "user_report",
        "reporter_id": f"u-{external_id}",
        "target_account_id": "acc-news",
        "category": "impersonate_news_media",
        "text": "冒充新华社",
        "received_at": "2026-03-02T10:00:00+08:00",
    }
    return row | fields


GOOD = [
    _report("rep-1"),
    _report("rep-2", received_at="2026-03-02T11:30:00+08:00"),
    _report("rep-3", channel="public_complaint", target_account_id="acc-org",
            category="false_information"),
]  # fmt: skip
BAD = {3: "channel", 5: "nobody", 6: "received_at"}  # CSV line (header: 1) -> in its reason


def _mixed() -> list[dict]:
    rows = [GOOD[0], _report("bad-ch", channel="fax"), GOOD[1]]
    rows += [_report("bad-target", target_account_id="nobody")]
    rows += [_report("bad-time", received_at="2026-03-02 10:00"), GOOD[2]]
    return rows


def _targets(engine) -> None:
    """The reported accounts, on a database with its calendar and time limits loaded
    (a first import loads them, in a transaction of its own)."""
    ensure_seeded(engine)
    with session_scope(engine) as s:
        f.account(s, platform_id="acc-news", name="新华社官方号")
        f.account(s, platform_id="acc-org", name="北京某某科技有限公司", kind="organisation")


def _total(window, queue: str) -> int:
    count = window.queue_list.count_of(queue)
    return count.total if count is not None else 0


def _choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


@pytest.fixture
def mod_window(qtbot, engine, runner, ui_settings):
    actors = people(engine)
    window, panels = open_window(qtbot, engine, actors["mod"], runner, ui_settings)
    return window, panels.data, actors


def test_a_good_reports_file_files_cases_and_the_queues_count_them(
    mod_window, engine, tmp_path, monkeypatch
):
    window, data, actors = mod_window
    _targets(engine)
    path = write(tmp_path / "reports.csv", GOOD)
    assert _total(window, "reports") == _total(window, "complaints") == 0
    _choose(monkeypatch, path)
    data.actions[REPORTS].trigger()
    dialog = data.dialog
    assert isinstance(dialog, ImportDialog) and dialog.path_edit.text() == str(path)
    dialog.start_button.click()
    assert "导入 3 条（新立案 2 件，并入已有案件 1 条）" in dialog.status.text()
    assert dialog.details.isHidden()
    assert _total(window, "reports") == 1 and _total(window, "complaints") == 1
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Case.id))).one() == 2
        actors_of_receipts = s.exec(
            select(AuditEvent.actor_id).where(AuditEvent.action == "report.receive")
        ).all()
    assert actors_of_receipts == [actors["mod"].id] * 3  # the audit names who imported
    before = counts(engine)
    dialog.start_button.click()  # the same file again files nothing
    assert "此前已收到 3 条" in dialog.status.text()
    assert counts(engine) == before


def test_a_bad_file_lists_every_bad_line_and_changes_nothing(mod_window, engine, tmp_path):
    window, data, _ = mod_window
    _targets(engine)
    path = write(tmp_path / "reports.csv", _mixed())
    before = counts(engine)
    dialog = data.import_file(REPORTS, path)
    dialog.start_button.click()
    assert "3 行不合格，未导入任何数据" in dialog.status.text()
    shown = dialog.details.toPlainText().splitlines()
    assert [line.split("：")[0] for line in shown] == [f"第 {n} 行" for n in BAD]
    # Every line is read whole without scrolling sideways (issue 18), however long.
    dialog.details.setFixedWidth(300)
    QApplication.processEvents()
    assert dialog.details.horizontalScrollBar().maximum() == 0
    for line, word in zip(shown, BAD.values(), strict=True):
        assert word in line
    assert counts(engine) == before
    assert _total(window, "reports") == 0


def test_skip_bad_imports_the_good_rows_and_writes_the_rejects(mod_window, engine, tmp_path):
    window, data, _ = mod_window
    _targets(engine)
    path = write(tmp_path / "reports.csv", _mixed())
    dialog = data.import_file(REPORTS, path)
    dialog.skip_bad.setChecked(True)
    dialog.start_button.click()
    rejects = tmp_path / "reports.rejects.csv"
    assert "导入 3 条" in dialog.status.text()
    assert f"3 行不合格，已跳过，连同原因写入：{rejects}" in dialog.status.text()
    assert len(dialog.details.toPlainText().splitlines()) == 3
    with rejects.open(encoding="utf-8") as fh:
        rejected = list(csv.DictReader(fh))
    assert [r["reject_line"] for r in rejected] == [str(n) for n in BAD]
    with session_scope(engine, write=False) as s:
        assert sorted(s.exec(select(Report.external_id)).all()) == ["rep-1", "rep-2", "rep-3"]
    assert _total(window, "reports") == 1


def test_importing_accounts_screens_them_in_the_worker(mod_window, engine, tmp_path):
    _, data, _ = mod_window
    images(tmp_path)
    path = write(tmp_path / "accounts.jsonl", GOOD_ACCOUNTS)
    dialog = data.import_file("accounts", path)
    dialog.start_button.click()
    assert "新增 3 个，更新 0 个，未变 0 个" in dialog.status.text()
    assert dialog.outcome.counts["hits_new"] > 0  # 新华社官方号 with a WeChat id in its bio
    # The job's outcome no longer hides QDialog.result() (it was an attribute named result).
    assert dialog.result() == QDialog.DialogCode.Rejected
    with session_scope(engine, write=False) as s:
        assert s.exec(select(func.count(Account.id))).one() == 3


def test_an_unreadable_file_is_refused_in_words(mod_window, engine, tmp_path):
    _, data, _ = mod_window
    path = tmp_path / "reports.csv"
    path.write_bytes(b"\xff\xfe not utf-8 \xff")
    dialog = data.import_file(REPORTS, path)
    dialog.start_button.click()
    box = dialog.findChild(QMessageBox, "refusalBox")
    assert "无法读取文件" in box.text() and "reports.csv" in box.text()
    assert "cannot read" not in box.text()  # the reviewer's language only
    assert "未能完成" in dialog.status.text() and dialog.start_button.isEnabled()


def _paused(real, reached: threading.Event, go_on: threading.Event, when=lambda _r: True):
    """``real``, which after a call whose result passes ``when`` says so and waits."""

    def call(*args, **kw):
        result = real(*args, **kw)
        if when(result):
            reached.set()
            go_on.wait(WAIT_MS / 1000)
        return result

    return call


def _cancel_when(qtbot, dialog, reached, go_on, progress_text: str):
    """Start ``dialog``'s work on the thread pool and press 取消 in its progress
    dialog once the worker has ``reached`` its pause; the result it ends with."""
    try:
        with qtbot.waitSignal(dialog.job_finished, timeout=WAIT_MS) as done:
            dialog.start_button.click()
            qtbot.waitUntil(
                lambda: reached.is_set() and dialog.task.progress_dialog is not None,
                timeout=WAIT_MS,
            )
            assert not dialog.start_button.isEnabled()
            progress = dialog.task.progress_dialog
            qtbot.waitUntil(lambda: progress.labelText() == progress_text, timeout=WAIT_MS)
            cancel = progress.findChild(QPushButton)
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
            go_on.set()
    finally:
        go_on.set()
    return done.args[0]


def test_cancelling_a_threaded_import_leaves_the_database_unchanged(
    qtbot, engine, tmp_path, monkeypatch
):
    mod = people(engine)["mod"]
    _targets(engine)
    path = write(tmp_path / "reports.csv", GOOD)
    filed, go_on = threading.Event(), threading.Event()
    # the reports are written in the import's transaction, not yet committed, when it pauses
    paused = _paused(report_import.receive_reports, filed, go_on)
    monkeypatch.setattr(report_import, "receive_reports", paused)
    before = counts(engine)
    runner = TaskRunner(progress_delay_ms=0)
    dialog = ImportDialog(LocalClient(engine, actor=mod), mod, runner, ChangeBus(), REPORTS, path)
    qtbot.addWidget(dialog)
    dialog.show()
    result = _cancel_when(qtbot, dialog, filed, go_on, "正在写入数据库…")
    assert result.state == CANCELLED
    assert "已取消导入，数据库未作任何改动" in dialog.status.text()
    assert counts(engine) == before
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)


def _stock(engine, *, clean: int, unverified: int, names: tuple[str, ...] = ()) -> None:
    """Accounts in service: ``clean`` verified ones (named ``names`` first), then
    ``unverified`` ones, which the identity check catches."""
    now = utcnow()
    with session_scope(engine) as s:
        for i in range(clean + unverified):
            f.account(
                s,
                platform_id=f"stock-{i}",
                name=names[i] if i < len(names) else f"小城美食日记{i}",
                bio="分享家常菜做法",
                verification_method="mobile" if i < clean else "none",
                verification_status="verified" if i < clean else "unverified",
                registered_at=now - timedelta(days=900),
                last_active_at=now - timedelta(days=5),
            )


def _automated_cases(engine) -> int:
    with session_scope(engine, write=False) as s:
        return s.exec(select(func.count(Case.id)).where(Case.queue == "automated")).one()


def test_bulk_checks_open_cases_for_hits_and_a_second_run_opens_none(mod_window, engine):
    window, data, _ = mod_window
    _stock(engine, clean=2, unverified=3)
    window.queue_list.select("automated")
    data.actions["checks"].trigger()
    dialog = data.dialog
    assert isinstance(dialog, BulkChecksDialog)
    dialog.start_button.click()
    first = dialog.outcome.summary
    assert (first.accounts_checked, first.accounts_with_hits, first.cases_opened) == (5, 3, 3)
    assert "共检查 5 个账号，其中 3 个有命中" in dialog.status.text()
    assert "新立案 3 件" in dialog.status.text()
    assert dialog.details.toPlainText() == "未真实身份认证: 3"
    assert _total(window, "automated") == 3 == _automated_cases(engine)
    assert window.queue_model.rowCount() == 3
    dialog.start_button.click()
    second = dialog.outcome.summary
    assert second.cases_opened == 0 and second.already_filed == first.hits_found
    assert "新立案 0 件" in dialog.status.text()
    assert _automated_cases(engine) == 3


def test_bulk_checks_can_screen_the_account_information_too(mod_window, engine):
    _, data, _ = mod_window
    _stock(engine, clean=2, unverified=0, names=("新华社官方号",))  # a news agency's name
    dialog = data.bulk_checks()
    dialog.start_button.click()
    assert dialog.outcome.summary.cases_opened == 0 == _automated_cases(engine)
    dialog.text_rules.setChecked(True)
    dialog.start_button.click()
    summary = dialog.outcome.summary
    assert summary.accounts_with_hits == 1 and summary.cases_opened >= 1
    assert "假冒新闻媒体: 1" in dialog.details.toPlainText()
    with session_scope(engine, write=False) as s:
        cases = s.exec(select(Case.category).where(Case.queue == "automated")).all()
    assert "impersonate_news_media" in cases and len(cases) == summary.cases_opened


def _is_batch(result) -> bool:
    """A batch of the bulk run, committed (the run's other transactions only read)."""
    return isinstance(result, bulk_checks.BulkSummary)


def test_cancelled_bulk_checks_keep_their_batches_and_the_next_run_completes(
    qtbot, engine, monkeypatch
):
    mod = people(engine)["mod"]
    _stock(engine, clean=0, unverified=3)
    committed, go_on = threading.Event(), threading.Event()
    paused = _paused(bulk_checks.run_in_transaction, committed, go_on, _is_batch)
    monkeypatch.setattr(bulk_checks, "run_in_transaction", paused)
    runner = TaskRunner(progress_delay_ms=0)
    dialog = BulkChecksDialog(LocalClient(engine, actor=mod), mod, runner, ChangeBus())
    dialog.batch_size = 1
    qtbot.addWidget(dialog)
    dialog.show()
    partial = _cancel_when(qtbot, dialog, committed, go_on, "已检查账号 0 / 3")
    assert partial.cancelled
    assert (partial.summary.accounts_checked, partial.summary.cases_opened) == (1, 1)
    assert "取消前已处理 1 / 3 个账号" in dialog.status.text()
    assert _automated_cases(engine) == 1
    with qtbot.waitSignal(dialog.job_finished, timeout=WAIT_MS) as again:
        dialog.start_button.click()
    rest = again.args[0]
    assert not rest.cancelled and rest.summary.accounts_checked == 3
    assert (rest.summary.cases_opened, rest.summary.already_filed) == (2, 1)
    assert _automated_cases(engine) == 3
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("mod", [True, True, True]),
        ("boss", [True, True, True]),
        ("admin", [True, False, False]),  # accounts only: the platform's data
        ("appeals", [False, False, False]),
    ],
)
def test_the_menu_is_there_only_for_roles_that_may_import(
    qtbot, engine, runner, ui_settings, who, shown
):
    actors = people(engine)
    window, panels = open_window(qtbot, engine, actors[who], runner, ui_settings)
    titles = [a.text() for a in window.menuBar().actions()]
    assert ("数据(&D)" in titles) == any(shown) == panels.data.visible
    assert [a.isVisible() for a in panels.data.actions.values()] == shown


def test_an_account_import_says_how_many_invalid_numbers_it_flagged(mod_window, engine, tmp_path):
    """2022/15: stored numbers failing their check are imported and flagged; the summary
    says how many."""
    _, data, _ = mod_window
    rows = [
        {"id": "acc-id", "name": "甲", "subject_id": "s-1", "id_number": "110105197201208218"},
        {"id": "acc-ok", "name": "乙", "subject_id": "s-2", "id_number": "110105197201208217"},
    ]
    dialog = data.import_file("accounts", write(tmp_path / "accounts.jsonl", rows))
    dialog.start_button.click()
    assert dialog.outcome.counts["invalid_ids"] == 1
    assert "其中 1 个账号的身份证号码或统一社会信用代码未通过校验" in dialog.status.text()
