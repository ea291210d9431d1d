"""Appeals against measures sent by the platform's systems through its API.

Filed like the API's reports (see :mod:`workbench.importing.platform_rows`): once
per external id, a resend with other content refused as a conflict; each appeal
lands in the appeal reviewers' queue with its decision clock running.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from workbench.access.auth import Actor
from workbench.cases.casework import now_or
from workbench.cases.intake import received_window
from workbench.importing.platform_rows import (
    MAX_TEXT,
    BatchOutcome,
    CheckedRow,
    Filed,
    conflict,
    file_in_savepoint,
    finish_batch,
    read_rows,
)
from workbench.measures.appeals import file_appeal
from workbench.models import Appeal
from workbench.text import clean_text, one_line

APPEAL_FIELDS = {
    "external_id",
    "measure_id",
    "appellant_name",
    "appellant_contact",
    "text",
    "received_at",
}


def file_appeals(
    session: Session,
    actor: Actor,
    rows: list[Any],
    *,
    accept_partial: bool = False,
    now: datetime | None = None,
) -> BatchOutcome:
    """File the platform's appeals against measures (see the module's text); each
    lands in the appeal reviewers' queue with its decision clock running."""
    now = now_or(now)
    outcome = BatchOutcome()
    window = received_window(session, now)

    def read(row: CheckedRow) -> dict:
        fields = {
            "external_id": row.text("external_id", max_length=64, required=True),
            "measure_id": row.integer("measure_id", minimum=1, maximum=2**62),
            "appellant_name": row.text("appellant_name", max_length=200, required=True),
            "appellant_contact": row.text("appellant_contact", max_length=200),
            "text": row.text("text", max_length=MAX_TEXT, required=True),
            "received_at": row.instant("received_at"),
        }
        if row.raw("measure_id") is None:
            row.bad("measure_id", "必填", "required")
        if fields["received_at"] is not None:
            problem = window.problem(fields["received_at"])
            if problem is not None:
                row.bad("received_at", *problem)
        return fields

    parsed = read_rows(rows, APPEAL_FIELDS, read, outcome)
    refused = {p.row for p in outcome.rejected}
    for index, fields in parsed:
        if index in refused:
            continue
        ext = fields["external_id"]
        existing = session.exec(select(Appeal).where(Appeal.external_id == ext)).first()
        if existing is not None:
            differ = _appeal_differs(existing, fields)
            if differ:
                outcome.rejected.append(conflict(index, ext, differ))
            else:
                assert existing.id is not None
                outcome.accepted.append(Filed(index, ext, existing.id, existing=True))
            continue
        # Each row is tried in a savepoint even once the batch is refused as a whole,
        # so the answer names every row the rules (window, one open appeal) refuse.
        file_in_savepoint(
            session,
            outcome,
            index,
            ext,
            lambda index=index, fields=fields: _appeal(session, actor, index, fields, now),
        )
    return finish_batch(outcome, accept_partial)


def _appeal(session: Session, actor: Actor, index: int, fields: dict, now: datetime) -> Filed:
    appeal = file_appeal(
        session,
        actor,
        measure_id=fields["measure_id"],
        appellant_name=fields["appellant_name"],
        appellant_contact=fields["appellant_contact"],
        text=fields["text"],
        received_at=fields["received_at"] or now,
        now=now,
    )
    appeal.external_id = fields["external_id"]
    session.add(appeal)
    session.flush()
    assert appeal.id is not None
    return Filed(index, fields["external_id"], appeal.id)


def _appeal_differs(appeal: Appeal, fields: dict) -> list[str]:
    compared = {
        "measure_id": (appeal.measure_id, fields["measure_id"]),
        "appellant_name": (appeal.appellant_name, one_line(fields["appellant_name"] or "", 200)),
        "appellant_contact": (
            appeal.appellant_contact,
            one_line(fields["appellant_contact"] or "", 200) or None,
        ),
        "text": (appeal.text, clean_text(fields["text"] or "").strip()),
    }
    if fields["received_at"] is not None:
        compared["received_at"] = (appeal.received_at, fields["received_at"])
    return [name for name, (stored, sent) in compared.items() if stored != sent]
