"""Change requests to account information sent by the platform's systems through its API.

Rows are checked and answered as :mod:`workbench.importing.platform` does for
reports (:mod:`workbench.importing.platform_rows`): every problem named by row and field, all or nothing unless
``accept_partial``, a differing resend a conflict naming the fields.

**Change requests** (2022/10: account information is checked at every change)
are filed once per ``external_id`` and decided on arrival by
:func:`workbench.measures.corrections.submit_change_request` with the rule
engine's screener, exactly as it decides for every other channel: no hit, the
change is applied at once (``accepted``); any hit, it waits for a moderator
(``held``) with the hits, each naming its rule and article.  Then
:func:`workbench.measures.change_arrival.decide_on_arrival` refuses at once
(``refused``, with ``refusal``: the rule and article) a held request whose hit
the change-request policy names as unambiguous and severe.  A moderator's
later rejection is answered as ``refused`` when the request is sent again.
Only the text of account information (name, bio, signature, certification) can
be changed this way: avatar and cover are files on the platform's side.

Account snapshots are in :mod:`workbench.importing.platform_snapshots`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from workbench.access.auth import Actor
from workbench.cases.casework import now_or
from workbench.importing.fields import Row
from workbench.importing.platform_rows import (
    BatchOutcome,
    CheckedRow,
    Filed,
    account_ids_by_platform_id,
    conflict,
    file_in_savepoint,
    finish_batch,
    read_rows,
    unknown_account,
)
from workbench.measures.change_arrival import decide_on_arrival, load_arrival_policy, refusal_of
from workbench.measures.corrections import screen_with, submit_change_request
from workbench.models import ChangeRequest
from workbench.models.account import ACCOUNT_INFO_LIMITS
from workbench.models.codes import ChangeRequestStatus

CHANGE_FIELDS = {"external_id", "account_id", "proposed"}
#: What the platform may propose: the text of account information (2022/23).
PROPOSABLE = tuple(ACCOUNT_INFO_LIMITS)
#: How the workbench's decision reads in the answer.
OUTCOMES = {
    ChangeRequestStatus.PASSED: "accepted",
    ChangeRequestStatus.PENDING: "held",
    ChangeRequestStatus.REJECTED: "refused",
}
HIT_FIELDS = ("rule", "category", "basis", "field", "matched", "severity", "explanation")


@dataclass(frozen=True)
class ChangeFiled(Filed):
    """A change request filed now or before, with the workbench's decision."""

    account_id: str = ""
    status: str = ""
    hits: tuple[dict, ...] = ()
    refusal: dict | None = None

    @property
    def outcome(self) -> str:
        return OUTCOMES[ChangeRequestStatus(self.status)]


def _hits_of(request: ChangeRequest) -> tuple[dict, ...]:
    hits = (request.screening_outcome or {}).get("hits", [])
    return tuple({k: h.get(k) for k in HIT_FIELDS} for h in hits)


def _change_filed(index: int, platform_id: str, request: ChangeRequest, existing: bool):
    assert request.id is not None and request.external_id is not None
    return ChangeFiled(
        index,
        request.external_id,
        request.id,
        existing=existing,
        account_id=platform_id,
        status=request.status,
        hits=_hits_of(request),
        refusal=refusal_of(request),
    )


def _proposed(row: Row, value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict) or not value:
        row.bad(
            "proposed",
            f'应为要修改的账号信息，如 {{"name": …}}，可含 {", ".join(PROPOSABLE)}',
            f'must be the account information to change, e.g. {{"name": …}}; '
            f"one or more of {', '.join(PROPOSABLE)}",
        )
        return None
    inner = Row(value, Path("."))
    out: dict[str, str] = {}
    for name in value:
        if name not in PROPOSABLE:
            row.bad(
                f"proposed.{str(name)[:64]}",
                f"不能通过变更申请修改，可修改：{', '.join(PROPOSABLE)}",
                f"cannot be changed by a change request; use {', '.join(PROPOSABLE)}",
            )
            continue
        before = len(inner.problems)
        text = inner.text(name, max_length=ACCOUNT_INFO_LIMITS[name])
        if len(inner.problems) == before:
            out[name] = text or ""  # blank clears the field
    for problem in inner.problems:
        name, _, rest = problem.partition(": ")
        zh, _, en = rest.partition(" / ")
        row.bad(f"proposed.{name}", zh, en or zh)
    return out


def file_change_requests(
    session: Session,
    actor: Actor,
    rows: list[Any],
    *,
    screener,
    accept_partial: bool = False,
    now: datetime | None = None,
) -> BatchOutcome:
    """File the platform's change requests to account information, each screened on
    arrival by ``screener`` (see the module's text)."""
    now = now_or(now)
    outcome = BatchOutcome()

    def read(row: CheckedRow) -> dict:
        fields = {
            "external_id": row.text("external_id", max_length=64, required=True),
            "account": row.text("account_id", max_length=64, required=True),
            "proposed": _proposed(row, row.data.get("proposed")),
        }
        return fields

    parsed = read_rows(rows, CHANGE_FIELDS, read, outcome)
    refused = {p.row for p in outcome.rejected}
    parsed = [(i, f) for i, f in parsed if i not in refused]
    accounts = account_ids_by_platform_id(session, {f["account"] for _, f in parsed})
    screen = screen_with(screener)
    policy = load_arrival_policy(session)
    for index, fields in parsed:
        ext = fields["external_id"]
        if fields["account"] not in accounts:
            outcome.rejected.append(unknown_account(index, ext, "account_id", fields["account"]))
            continue
        account_id = accounts[fields["account"]]
        existing = session.exec(
            select(ChangeRequest).where(ChangeRequest.external_id == ext)
        ).first()
        if existing is not None:
            compared = {
                "account_id": (existing.account_id, account_id),
                "proposed": (existing.proposed, fields["proposed"]),
            }
            differ = [name for name, (stored, sent) in compared.items() if stored != sent]
            if differ:
                outcome.rejected.append(conflict(index, ext, differ))
            else:
                outcome.accepted.append(_change_filed(index, fields["account"], existing, True))
            continue
        if outcome.rejected and not accept_partial:
            continue  # refused as a whole: only the checks still run

        def work(index=index, fields=fields, account_id=account_id) -> Filed:
            request = submit_change_request(
                session, actor, account_id, fields["proposed"], screen,
                now=now, external_id=fields["external_id"],
            )  # fmt: skip
            decide_on_arrival(session, actor, request, policy=policy, now=now)
            return _change_filed(index, fields["account"], request, False)

        file_in_savepoint(session, outcome, index, ext, work)
    return finish_batch(outcome, accept_partial)
