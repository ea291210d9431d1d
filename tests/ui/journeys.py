"""Data for the desktop journeys, made through the workflow services."""

from __future__ import annotations

from datetime import timedelta

from tests.ui import factories as f
from workbench.access.auth import Actor, actor_of
from workbench.cases import intake_batch, screening, transitions
from workbench.cases.hit_store import store_hits
from workbench.db import session_scope
from workbench.measures import appeals
from workbench.measures.measure_catalogue import MeasureSpec
from workbench.measures.measures import apply_measure
from workbench.models import Case, utcnow
from workbench.operations.local import LocalClient
from workbench.rules.hits import Hit
from workbench.ui.main_window import MainWindow
from workbench.ui.panes.extensions import install_panels


def people(engine) -> dict[str, Actor]:
    """A moderator, a second moderator, a supervisor, an appeal reviewer, an administrator."""
    with session_scope(engine) as s:
        rows = {
            "mod": f.reviewer(s, "mod", ("moderator",), display_name="李审核"),
            "mod2": f.reviewer(s, "mod2", ("moderator",), display_name="赵审核"),
            "boss": f.reviewer(s, "boss", ("supervisor",), display_name="王主管"),
            "appeals": f.reviewer(s, "appeals", ("appeal_reviewer",), display_name="陈复核"),
            "admin": f.reviewer(s, "admin", ("administrator",), display_name="周管理"),
        }
        return {key: actor_of(s, row) for key, row in rows.items()}


def reported_case(engine, name: str, *, n: int, hours_ago: int = 2, with_hit: bool = True) -> int:
    """A report through intake on a new account named ``name`` (with a rule hit on it)."""
    with session_scope(engine) as s:
        account = f.account(s, name=name, bio="官方认证")
        result = intake_batch.receive_report(
            s,
            None,
            external_id=f"journey-{n}",
            kind="report",
            channel="user_report",
            target_account_id=account.id,
            category="impersonate_organisation",
            text="冒充政府机关",
            reporter_external_id=f"reporter-{n}",
            reporter_name=f"举报人{n}",
            reporter_contact=f"reporter{n}@example.com",
            received_at=utcnow() - timedelta(hours=hours_ago),
        )
        if with_hit:
            store_hits(
                s,
                account.id,
                [
                    Hit(
                        category="impersonate_organisation",
                        rule="organs_name",
                        field="name",
                        start=0,
                        end=len(name),
                        matched=name,
                        basis="2022/8(2)",
                        severity="high",
                        score=0.9,
                        explanation="名称含机构名称",
                    )
                ],
                case_id=result.case.id,
            )
        return result.case.id


def open_window(qtbot, engine, actor, runner, ui_settings):
    window = MainWindow(LocalClient(engine, actor=actor), runner, ui_settings, live=False)
    qtbot.addWidget(window)
    window.show()
    panels = install_panels(window)
    return window, panels


def measured_case(
    engine, mod: Actor, name: str, *, n: int, code: str = "warn", params: dict | None = None
) -> tuple[int, int]:
    """A case taken through accept, findings and a measure by ``mod``: (case id, measure id)."""
    case_id = reported_case(engine, name, n=n, with_hit=False)
    with session_scope(engine) as s:
        case = transitions.accept_case(s, mod, case_id, expected_version=1)
        screening.record_findings(
            s,
            mod,
            case_id,
            expected_version=case.version,
            findings=[("impersonate_organisation", "2022/8(2)", "")],
        )
        version = s.get(Case, case_id).version
        spec = MeasureSpec(
            code=code, basis="2022/8(2)", reason="名称冒充机关", params=dict(params or {})
        )
        (measure,) = apply_measure(s, mod, case_id, expected_version=version, measures=[spec])
        return case_id, measure.id


def appealed_measure(engine, mod: Actor, name: str, *, n: int, contact: str | None = None) -> int:
    """A measured case (see :func:`measured_case`) whose operator appealed: the appeal id."""
    _case_id, measure_id = measured_case(engine, mod, name, n=n)
    with session_scope(engine) as s:
        appeal = appeals.file_appeal(
            s,
            None,
            measure_id=measure_id,
            appellant_name="运营者",
            appellant_contact=contact,
            text="申诉",
            received_at=utcnow(),
        )
        return appeal.id
