"""Screenshots of the desktop workbench for the documentation.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--accounts 300] [--reports 1500]

Builds a fresh demo database (``workbench demo``'s data set) in a temporary
folder, signs in as a supervisor and saves PNGs of the sign-in dialog, the
settings pointed at a team server, the
main window, the case view, the supervisor's dashboard and an import with bad
lines, rendered offscreen with a CJK font
(fonts-noto-cjk).  Chinese by default; ``--language en`` for English.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import case as sql_case  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from workbench.commands import open_database  # noqa: E402
from workbench.db import session_scope  # noqa: E402
from workbench.demo.run import DemoOptions, build_demo  # noqa: E402
from workbench.models import (  # noqa: E402
    Account,
    Case,
    EvidenceAttachment,
    Report,
    Reviewer,
    RuleHit,
)
from workbench.queues.auth import load_actor  # noqa: E402


def showcase_case(engine) -> tuple[int, str, str]:
    """An open case with many rule hits and evidence: (id, queue, account name)."""
    with session_scope(engine, write=False) as s:
        with_evidence = (
            select(Report.case_id)
            .join(EvidenceAttachment, EvidenceAttachment.report_id == Report.id)
            .where(Report.case_id.is_not(None))
        )
        main_queue = sql_case((Case.queue.in_(("reports", "complaints")), 1), else_=0)
        stmt = (
            select(Case.id, Case.queue, func.count(RuleHit.id).label("hits"))
            .join(RuleHit, RuleHit.account_id == Case.target_account_id)
            .where(RuleHit.span_end > RuleHit.span_start)
            .where(Case.status.in_(("received", "accepted", "screening")))
            .where(Case.id.in_(with_evidence))
            .group_by(Case.id, Case.queue)
            .order_by(main_queue.desc(), func.count(RuleHit.id).desc(), Case.id)
            .limit(1)
        )
        row = s.execute(stmt).first()
        if row is None:
            raise SystemExit("the demo data set has no open case with rule hits and evidence")

        target = s.get(Case, row.id)
        name = s.get(Account, target.target_account_id).name
        return row.id, row.queue, name


def import_with_bad_lines(data_menu, engine, folder: Path):
    """The 导入举报 dialog after checking a file with three bad lines among good ones."""
    import csv

    from workbench.operations.jobs import REPORTS

    with session_scope(engine, write=False) as s:
        targets = list(s.execute(select(Account.platform_id).limit(3)).scalars())
    rows = [
        ["external_id", "channel", "reporter_id", "target_account_id", "category", "text",
         "received_at"],
        ["shot-1", "user_report", "u-1", targets[0], "embedded_contact", "简介里留了微信号",
         "2026-11-30T09:15:00+08:00"],
        ["shot-2", "user_report", "u-2", targets[1], "fake_category", "冒充官方",
         "2026-11-30T09:20:00+08:00"],
        ["shot-3", "public_complaint", "u-3", "no-such-account", "false_identity", "冒用我的身份",
         "2026-11-30T10:05:00+08:00"],
        ["shot-4", "user_report", "u-4", targets[2], "misleading_claim", "自称全网第一",
         "2026-11-30 昨天上午"],
        ["shot-5", "regulator_referral", "", targets[0], "other", "转办",
         "2026-11-30T11:00:00+08:00"],
    ]  # fmt: skip
    path = folder / "reports-2026-11-30.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    dialog = data_menu.import_file(REPORTS, path)
    dialog.start_button.click()
    return dialog


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--accounts", type=int, default=300)
    parser.add_argument("--reports", type=int, default=1500)
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--login", default="sup1", help="demo reviewer to sign in as")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.language == "zh_CN" else f"_{args.language}"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from workbench.operations.local import LocalClient
    from workbench.ui import i18n
    from workbench.ui.app import use_cjk_font
    from workbench.ui.dialogs.settings import SettingsDialog
    from workbench.ui.dialogs.sign_in import SignInDialog
    from workbench.ui.main_window import MainWindow
    from workbench.ui.panes.extensions import install_panels
    from workbench.ui.settings import UiSettings
    from workbench.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    family = use_cjk_font(app)
    if family is None:
        print("no CJK font installed (apt install fonts-noto-cjk)", file=sys.stderr)
        return 1
    i18n.install(app, args.language)

    with tempfile.TemporaryDirectory(prefix="workbench-shots-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.sqlite3'}"
        engine = open_database(url)
        print("building the demo data set ...")
        build_demo(engine, DemoOptions(accounts=args.accounts, reports=args.reports))
        with session_scope(engine, write=False) as s:
            reviewer = s.execute(select(Reviewer).where(Reviewer.login == args.login)).scalar_one()
            actor = load_actor(s, reviewer.id)
        runner = TaskRunner(synchronous=True)
        settings = UiSettings(QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat))

        sign_in = SignInDialog(LocalClient(engine), runner, login=actor.login)
        sign_in.resize(460, 220)
        sign_in.show()
        app.processEvents()
        sign_in.grab().save(str(out / f"sign_in{suffix}.png"))
        sign_in.close()

        # Where to work: a desktop pointed at the team's server.
        choice = UiSettings(QSettings(str(Path(tmp) / "choice.ini"), QSettings.Format.IniFormat))
        choice.database_url = "https://workbench.example.com"
        where = SettingsDialog(choice)
        where.show()
        app.processEvents()
        where.grab().save(str(out / f"settings{suffix}.png"))
        where.close()

        case_id, queue, account_name = showcase_case(engine)
        window = MainWindow(LocalClient(engine, actor=actor), runner, settings, live=False)
        panels = install_panels(window)
        window.resize(1600, 1000)
        window.show()
        window.queue_list.select(queue)
        window.main_splitter.setSizes([230, 1370])
        window.work_splitter.setSizes([380, 620])
        app.processEvents()
        row = window.queue_model.row_of(case_id)
        if row is None:
            window.queue_view.search.setText(account_name)
            window.queue_view.apply_filter()
            row = window.queue_model.row_of(case_id)
        window.queue_view.select_row(row or 0)
        app.processEvents()
        window.case_view.splitter.setSizes([520, 820, 230])
        app.processEvents()
        window.grab().save(str(out / f"main_window{suffix}.png"))

        view = window.case_view
        view.setParent(None)
        view.resize(1500, 950)
        view.show()
        app.processEvents()
        view.splitter.setSizes([560, 760, 180])
        app.processEvents()
        view.grab().save(str(out / f"case_view{suffix}.png"))
        view.tabs.setCurrentIndex(1)
        app.processEvents()
        view.grab().save(str(out / f"case_reports{suffix}.png"))
        if panels.dashboard is not None:
            window.pages.setCurrentWidget(panels.dashboard)
            app.processEvents()
            window.grab().save(str(out / f"dashboard{suffix}.png"))
        if panels.data is not None and panels.data.visible:
            dialog = import_with_bad_lines(panels.data, engine, Path(tmp))
            dialog.resize(820, 520)
            app.processEvents()
            dialog.grab().save(str(out / f"import_dialog{suffix}.png"))
            dialog.close()
        window.shutdown()
        view.close()
        window.close()
        engine.dispose()
    print(f"screenshots in {out} ({family})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
