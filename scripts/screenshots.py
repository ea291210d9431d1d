"""Screenshots of every screen of the desktop workbench, for review and for the README.

    .venv/bin/python scripts/screenshots.py [--out build/screenshots] [--readme]
        [--languages zh_CN en] [--widths 1600 800] [--accounts 300] [--reports 1500]

Builds a fresh demo database (``workbench demo``'s data set, relative to today) in a
temporary folder and saves, for each language and window width, a PNG of: the
sign-in and settings dialogs; the main window on each queue; the case with each of
its tabs; the case at full height; each case dialog (findings, measures, decline,
reply, extend); the appeals tab; the change-request tab; the supervisor's dashboard;
each administration page (signed in as the administrator); the import dialog with
bad lines.  Files are named ``<screen>_<language>_<width>.png`` in ``--out``.

``--readme`` also copies the README's chosen shots (Chinese, 1,600 px unless named
otherwise) into docs/screenshots.  Offscreen by default; under a real X server run
``QT_QPA_PLATFORM=xcb xvfb-run -a .venv/bin/python scripts/screenshots.py``.  Needs a
CJK font (Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import case as sql_case  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from workbench.access.auth import load_actor  # noqa: E402
from workbench.commands import open_database  # noqa: E402
from workbench.db import session_scope  # noqa: E402
from workbench.demo.run import DemoOptions, build_demo  # noqa: E402
from workbench.models import Account, Case, EvidenceAttachment, Report, Reviewer, RuleHit  # noqa: E402

HEIGHTS = {1600: 1000, 800: 900}
#: README image -> (screen, language, width) it is copied from.
README_SHOTS = {
    "main_window": ("queue_reports", "zh_CN", 1600),
    "case_view": ("case_full_height", "zh_CN", 1600),
    "case_reports": ("case_tab_reports", "zh_CN", 1600),
    "timeline": ("case_tab_timeline", "zh_CN", 1600),
    "appeals": ("appeals", "zh_CN", 1600),
    "dashboard": ("dashboard", "zh_CN", 1600),
    "narrow_window": ("queue_reports", "zh_CN", 800),
    "import_dialog": ("import_dialog", "zh_CN", 1600),
    "settings": ("settings", "zh_CN", 1600),
    "sign_in": ("sign_in", "zh_CN", 1600),
    "main_window_en": ("queue_reports", "en", 1600),
}
CASE_TABS = ("hits", "reports", "timeline", "related")


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
        return row.id, row.queue, s.get(Account, target.target_account_id).name


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


class Camera:
    """Saves ``<screen>_<language>_<width>.png`` files."""

    def __init__(self, app, out: Path, language: str, width: int):
        self.app, self.out, self.language, self.width = app, out, language, width
        self.saved: list[Path] = []

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def shoot(self, widget, screen: str) -> None:
        self.settle()
        path = self.out / f"{screen}_{self.language}_{self.width}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def dialog(self, dialog, screen: str) -> None:
        dialog.show()
        self.shoot(dialog, screen)
        dialog.close()


def actor_of(engine, login: str):
    with session_scope(engine, write=False) as s:
        reviewer = s.execute(select(Reviewer).where(Reviewer.login == login)).scalar_one()
        return load_actor(s, reviewer.id)


def supervisor_screens(cam: Camera, engine, settings, runner, showcase, tmp: Path) -> None:
    from workbench.operations import appeals as appeal_ops
    from workbench.operations import cases
    from workbench.operations.local import LocalClient
    from workbench.ui.dialogs.decline import DeclineDialog
    from workbench.ui.dialogs.extend_deadline import ExtendDeadlineDialog
    from workbench.ui.dialogs.findings import FindingsDialog
    from workbench.ui.dialogs.measures import MeasuresDialog
    from workbench.ui.dialogs.reply import ReplyDialog
    from workbench.ui.main_window import MainWindow
    from workbench.ui.panes.extensions import install_panels

    case_id, queue, account_name = showcase
    client = LocalClient(engine, actor=actor_of(engine, "sup1"))
    window = MainWindow(client, runner, settings, live=False)
    panels = install_panels(window)
    window.resize(cam.width, HEIGHTS[cam.width])
    window.show()
    cam.settle()
    for name in window.queue_list.queues():
        window.pages.setCurrentIndex(0)
        window.queue_list.select(name)
        cam.settle()
        if name == queue:
            row = window.queue_model.row_of_case(case_id)
            if row is None:
                window.queue_view.search.setText(account_name)
                window.queue_view.apply_filter()
                row = window.queue_model.row_of_case(case_id)
            window.queue_view.select_row(row or 0)
        elif window.queue_model.rowCount():
            window.queue_view.select_row(0)
        cam.shoot(window, f"queue_{name}")
    window.pages.setCurrentIndex(0)
    window.queue_list.select(queue)
    cam.settle()
    window.pages.setCurrentIndex(0)  # 信息变更 opens its own tab
    window.case_view.show_case(case_id)
    panels.layout.full_height.setChecked(True)
    if cam.width >= 1200:
        panels.layout.show_card.setChecked(True)
    for index, tab in enumerate(CASE_TABS):
        window.case_view.tabs.setCurrentIndex(index)
        cam.shoot(window, f"case_tab_{tab}")
    window.case_view.tabs.setCurrentIndex(0)
    cam.shoot(window, "case_full_height")
    panels.layout.full_height.setChecked(False)

    detail = window.case_view.detail
    ref = f"#{detail.id}"
    cam.dialog(FindingsDialog(detail, window), "dialog_findings")
    measures = MeasuresDialog(f"选择处置措施 · 案件 {ref}", window)
    measures.editor.set_code("suspend_updates")
    cam.dialog(measures, "dialog_measures")
    cam.dialog(DeclineDialog(f"不予受理 · 案件 {ref}", window), "dialog_decline")
    cam.dialog(ExtendDeadlineDialog(f"延长处理时限 · 案件 {ref}", ref, window), "dialog_extend")

    def preview(template, language):
        return client.call(
            cases.preview_case_reply, case_id=case_id, template=template, language=language
        )

    cam.dialog(ReplyDialog(f"回复举报人 · 案件 {ref}", preview, window), "dialog_reply")

    if panels.appeals is not None:
        window.pages.setCurrentWidget(panels.appeals)
        cam.settle()
        if panels.appeals.row_count():
            panels.appeals.select_row(0)
        cam.shoot(window, "appeals")
        detail = panels.appeals.detail
        if detail is not None:

            def appeal_preview(template, language):
                return client.call(
                    appeal_ops.preview_appeal_reply,
                    appeal_id=detail.id,
                    template=template,
                    language=language,
                )

            cam.dialog(
                ReplyDialog(f"回复申诉人 · 申诉 #{detail.id}", appeal_preview, window),
                "dialog_appeal_reply",
            )
    if panels.change_requests is not None:
        window.pages.setCurrentWidget(panels.change_requests)
        cam.shoot(window, "change_requests")
    if panels.dashboard is not None:
        window.pages.setCurrentWidget(panels.dashboard)
        cam.shoot(window, "dashboard")
    if panels.data is not None and panels.data.visible:
        window.pages.setCurrentIndex(0)
        dialog = import_with_bad_lines(panels.data, engine, tmp)
        dialog.resize(min(820, cam.width), 520)
        cam.shoot(dialog, "import_dialog")
        dialog.close()
    window.shutdown()
    window.close()


def admin_screens(cam: Camera, engine, settings, runner) -> None:
    from workbench.operations.local import LocalClient
    from workbench.ui.main_window import MainWindow
    from workbench.ui.panes.extensions import install_panels

    window = MainWindow(
        LocalClient(engine, actor=actor_of(engine, "admin1")), runner, settings, live=False
    )
    panels = install_panels(window)
    window.resize(cam.width, HEIGHTS[cam.width])
    window.show()
    window.pages.setCurrentWidget(panels.admin)
    for index in range(panels.admin.tabs.count()):
        panels.admin.tabs.setCurrentIndex(index)
        kind = type(panels.admin.tabs.widget(index)).__name__  # ReviewersTab -> reviewers
        cam.shoot(window, f"admin_{kind.removesuffix('Tab').lower()}")
    window.pages.setCurrentIndex(0)
    if window.queue_model.rowCount():
        window.queue_view.select_row(0)
    cam.shoot(window, "admin_case_view")  # what an administrator sees of a case
    window.shutdown()
    window.close()


def sign_in_and_settings(cam: Camera, engine, runner, tmp: Path) -> None:
    from PySide6.QtCore import QSettings

    from workbench.operations.local import LocalClient
    from workbench.ui.dialogs.settings import SettingsDialog
    from workbench.ui.dialogs.sign_in import SignInDialog
    from workbench.ui.settings import UiSettings

    sign_in = SignInDialog(LocalClient(engine), runner, login="sup1")
    sign_in.resize(480, 220)
    cam.dialog(sign_in, "sign_in")
    choice = UiSettings(QSettings(str(tmp / "choice.ini"), QSettings.Format.IniFormat))
    choice.database_url = "https://workbench.example.com"
    cam.dialog(SettingsDialog(choice), "settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "screenshots"))
    parser.add_argument("--readme", action="store_true", help="refresh docs/screenshots too")
    parser.add_argument("--languages", nargs="+", default=["zh_CN", "en"])
    parser.add_argument("--widths", nargs="+", type=int, default=[1600, 800])
    parser.add_argument("--accounts", type=int, default=300)
    parser.add_argument("--reports", type=int, default=1500)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from workbench.ui import i18n
    from workbench.ui.app import use_cjk_font
    from workbench.ui.settings import UiSettings
    from workbench.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    family = use_cjk_font(app)
    if family is None:
        print("no CJK font installed (apt install fonts-noto-cjk)", file=sys.stderr)
        return 1
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="workbench-shots-") as name:
        tmp = Path(name)
        engine = open_database(f"sqlite:///{tmp / 'demo.sqlite3'}")
        print("building the demo data set ...")
        build_demo(engine, DemoOptions(accounts=args.accounts, reports=args.reports))
        showcase = showcase_case(engine)
        runner = TaskRunner(synchronous=True)
        for language in args.languages:
            i18n.install(app, language)
            for width in args.widths:
                cam = Camera(app, out, language, width)
                ini = tmp / f"ui-{language}-{width}.ini"
                settings = UiSettings(QSettings(str(ini), QSettings.Format.IniFormat))
                sign_in_and_settings(cam, engine, runner, tmp)
                supervisor_screens(cam, engine, settings, runner, showcase, tmp)
                admin_screens(cam, engine, settings, runner)
                saved += cam.saved
                print(f"{language} {width}px: {len(cam.saved)} screens")
        engine.dispose()
    if args.readme:
        docs = ROOT / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        for target, (screen, language, width) in README_SHOTS.items():
            source = out / f"{screen}_{language}_{width}.png"
            if source.exists():
                shutil.copyfile(source, docs / f"{target}.png")
    print(f"{len(saved)} screenshots in {out} ({family})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
