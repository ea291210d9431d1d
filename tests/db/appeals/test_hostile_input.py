"""Hostile input on the appeal and reply paths: arbitrary Unicode, control characters
and very long text from an appellant end in stored rows or a clear error, never a crash,
on both databases."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from tests.db.workflow.helpers import later, make_account, make_team
from workbench.db import session_scope
from workbench.errors import WorkbenchError
from workbench.measures import appeals
from workbench.measures.measures import MeasureSpec, create_measure
from workbench.models import Reply

ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)


def test_arbitrary_appellant_input_is_stored_cleanly_or_refused(engine):
    team = make_team(engine)
    account_id = make_account(engine)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(name=ANY_TEXT, text=ANY_TEXT, contact=ANY_TEXT)
    def file_one(name, text, contact):
        try:
            with session_scope(engine) as s:
                measure = create_measure(
                    s,
                    team.mod,
                    account_id=account_id,
                    case_id=None,
                    spec=MeasureSpec("warn", "2022/8(4)", "冒用"),
                    now=later(),
                )
                appeal = appeals.file_appeal(
                    s,
                    None,
                    measure_id=measure.id,
                    appellant_name=name,
                    appellant_contact=contact,
                    text=text,
                    received_at=later(days=1),
                )
        except WorkbenchError as exc:
            assert str(exc)  # a readable refusal (an empty text, say)
            return
        with session_scope(engine, write=False) as s:
            (receipt,) = s.exec(select(Reply).where(Reply.appeal_id == appeal.id)).all()
        assert receipt.template == "appeal_received"
        assert "\x00" not in receipt.body and "\n" not in receipt.subject
        receipt.body.encode("utf-8")

    file_one()
