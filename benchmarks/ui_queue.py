"""The queue table on a million cases: the workbench's paged model against
loading the whole queue into a QStandardItemModel.

    .venv/bin/python benchmarks/ui_queue.py [--cases 1000000] [--db PATH] [--keep]

Builds (or reuses, with --keep) an SQLite database of N cases in the reports
queue, then measures offscreen: the first rows of the queue on screen, a jump
to the last row, a filter change (category, then text search), the app's
resident memory; then the same queue loaded whole into a QStandardItemModel.
Targets: first rows < 1 s, last row < 1 s, filter < 0.5 s, RSS < 400 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402
from support import bare_account  # noqa: E402

from workbench.db import make_engine, session_scope  # noqa: E402
from workbench.models import Account, Case, Reviewer  # noqa: E402
from workbench.queues import text_search  # noqa: E402
from workbench.schema import upgrade  # noqa: E402

CATEGORIES = ("impersonate_organisation", "embedded_contact", "misleading_claim", "false_identity")
STATUSES = ("received", "accepted", "screening")
SEVERITIES = (None, "low", "medium", "high", "critical")
NAMES = ("新闻", "官方", "商城", "生活", "科技", "美食", "旅行", "教育", "健康", "财经")
CHUNK = 50_000


def rss_mb() -> float:
    """Current resident set size of this process, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build(url: str, cases: int) -> None:
    engine = make_engine(url)
    upgrade(engine, backup=False)
    rng = random.Random(9)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    started = time.perf_counter()
    with session_scope(engine) as s:
        s.add(Reviewer(login="bench", display_name="基准", password_hash="x"))
    with engine.begin() as conn:
        for base in range(0, cases, CHUNK):
            n = min(CHUNK, cases - base)
            conn.execute(
                insert(Account.__table__),
                [
                    bare_account(
                        f"p{base + i}", f"{rng.choice(NAMES)}{rng.choice(NAMES)}号{base + i}", now
                    )
                    for i in range(n)
                ],
            )
            conn.execute(
                insert(Case.__table__),
                [
                    {
                        "queue": "reports",
                        "status": rng.choice(STATUSES),
                        "target_account_id": base + i + 1,
                        "category": rng.choice(CATEGORIES),
                        "due_at": now + timedelta(minutes=rng.randint(-5000, 50000)),
                        "clock_state": "running",
                        "priority": 0.0,
                        "reporter_count": rng.randint(1, 9),
                        "weight": 1.0,
                        "strongest_hit": rng.choice(SEVERITIES),
                        "version": 1,
                        "opened_at": now,
                        "updated_at": now,
                    }
                    for i in range(n)
                ],
            )
            print(f"  inserted {base + n:,} cases", end="\r", flush=True)
    engine.dispose()
    print(f"  built {cases:,} cases in {time.perf_counter() - started:.1f} s")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def wait_for(app, signal, timeout_s: float = 60.0) -> None:
    """Run the event loop until ``signal`` fires (the app's own asynchronous path)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def measure_paged(url: str, app) -> dict:
    from workbench.models.views import QueueFilter
    from workbench.ui.panes.queue_view import QueueView
    from workbench.ui.queue_model import COLUMN_INDEX, QueueTableModel
    from workbench.ui.tasks import TaskRunner

    engine = make_engine(url)
    with session_scope(engine) as session:  # as the main window does when it opens
        text_search.refresh_statistics(session)
    runner = TaskRunner(progress_delay_ms=60_000)  # the worker threads, as in the app
    model = QueueTableModel(engine, runner)
    view = QueueView(model)
    view.resize(1200, 800)
    view.show()
    app.processEvents()
    figures: dict = {}

    def paint():
        view.table.viewport().repaint()
        app.processEvents()

    def shown_then_counted(key: str, change) -> None:
        started = time.perf_counter()
        change()
        wait_for(app, model.reloaded)
        paint()
        figures[key] = time.perf_counter() - started
        if not model.counted_rows:
            wait_for(app, model.counted)
        figures[f"{key} (count)"] = time.perf_counter() - started

    shown_then_counted("first rows", lambda: model.set_query(queue="reports"))
    figures["rows"] = model.rowCount()

    def last_row():
        view.table.scrollToBottom()
        view.select_row(model.rowCount() - 1)
        paint()

    figures["last row"] = timed(last_row)
    figures["last account"] = model.index(model.rowCount() - 1, COLUMN_INDEX["account"]).data()
    shown_then_counted(
        "filter: category",
        lambda: view.category.setCurrentIndex(view.category.findData("embedded_contact")),
    )
    figures["category rows"] = model.rowCount()

    def search():  # all categories again, with a name search
        view.search.setText("新闻商城号1234")
        view.category.setCurrentIndex(0)

    shown_then_counted("filter: text search", search)
    figures["text rows"] = model.rowCount()
    model.set_query(flt=QueueFilter())
    wait_for(app, model.counted)
    figures["pages read"] = model.pages_read
    figures["rss"] = rss_mb()
    view.close()
    runner.wait_idle()
    engine.dispose()
    return figures


def measure_baseline(url: str, app, limit: int | None) -> dict:
    """Everything into a QStandardItemModel: what a naive table would do."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from workbench.ui.queue_model import COLUMNS

    engine = make_engine(url)
    before = rss_mb()
    model = QStandardItemModel(0, len(COLUMNS))
    view = QTableView()
    view.resize(1200, 800)

    def load():
        stmt = (
            select(
                Case.due_at,
                Case.category,
                Account.name,
                Case.strongest_hit,
                Case.reporter_count,
                Case.status,
            )
            .join(Account, Account.id == Case.target_account_id)
            .where(Case.queue == "reports", Case.status != "closed")
            .order_by(Case.due_at, Case.id)
        )
        if limit:
            stmt = stmt.limit(limit)
        with engine.connect() as conn:
            for due, category, name, hit, reporters, status in conn.execute(stmt):
                model.appendRow(
                    [
                        QStandardItem(str(due)),
                        QStandardItem(category),
                        QStandardItem(name),
                        QStandardItem(hit or ""),
                        QStandardItem(str(reporters)),
                        QStandardItem(""),
                        QStandardItem(status),
                        QStandardItem(""),
                    ]
                )
        view.setModel(model)
        view.show()
        view.viewport().repaint()
        app.processEvents()

    def last_row():
        view.scrollToBottom()
        view.selectRow(model.rowCount() - 1)
        view.viewport().repaint()
        app.processEvents()

    figures = {"first rows": timed(load), "last row": timed(last_row)}
    figures["rows"] = model.rowCount()
    figures["rss"] = rss_mb()
    figures["rss growth"] = figures["rss"] - before
    view.close()
    engine.dispose()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/workbench-bench-ui.sqlite3")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it exists")
    parser.add_argument("--baseline-limit", type=int, default=None, help="rows for the baseline")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    path = Path(args.db)
    url = f"sqlite:///{path}"
    if not (args.keep and path.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        print(f"building {path} ...")
        build(url, args.cases)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"RSS before the window: {rss_mb():.0f} MB")
    paged = measure_paged(url, app)
    baseline = {} if args.no_baseline else measure_baseline(url, app, args.baseline_limit)

    targets = {
        "first rows": 1.0,
        "last row": 1.0,
        "filter: category": 0.5,
        "filter: text search": 0.5,
    }
    print(f"\nqueue of {paged['rows']:,} cases (SQLite, offscreen)")
    print(f"{'measure':<22}{'paged model':>14}{'QStandardItemModel':>22}{'target':>10}")
    for key, target in targets.items():
        base = baseline.get(key)
        base_text = f"{base:.3f} s" if base is not None else "—"
        ok = "ok" if paged[key] < target else "SLOW"
        print(f"{key:<22}{paged[key]:>12.3f} s{base_text:>22}{'< ' + str(target) + ' s':>10} {ok}")
        if f"{key} (count)" in paged:
            print(f"{'  … row count in':<22}{paged[key + ' (count)']:>12.3f} s")
    base_rss = f"{baseline['rss']:.0f} MB" if baseline else "—"
    ok = "ok" if paged["rss"] < 400 else "HIGH"
    print(f"{'RSS':<22}{paged['rss']:>11.0f} MB{base_rss:>22}{'< 400 MB':>10} {ok}")
    if baseline:
        print(
            f"baseline rows loaded: {baseline['rows']:,}; its RSS growth {baseline['rss growth']:.0f} MB"
        )
    print(
        f"paged model read {paged['pages read']} page(s) of 200 rows; last row: "
        f"{paged['last account']}; category rows {paged['category rows']:,}; "
        f"text-search rows {paged['text rows']:,}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
