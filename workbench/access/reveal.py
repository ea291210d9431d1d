"""Revealing masked personal data (2022/16): only with the permission, a reason, and a record.

Screens and exports show ID numbers, phone numbers, e-mail addresses and
other contacts masked (:mod:`workbench.rules.privacy`).  Supervisors and
administrators hold the permission to see one in full (:data:`REVEAL_ROLES`);
moderators and appeal reviewers work from the masked form.  Each reveal
names a reason and writes a ``personal_data.reveal`` audit event that says
who saw which field of which record and why, never the value itself; an
unmasked export writes ``personal_data.export`` the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from workbench.access.auth import Actor, require_role
from workbench.errors import NotFound, ValidationError
from workbench.models import Account, Appeal, InternalNote, Reply, Reporter, Subject
from workbench.models.codes import Role
from workbench.records import audit
from workbench.rules.privacy import mask_contact, mask_id_number, mask_in_text, mask_phone

REVEAL_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
MAX_REASON = 500


@dataclass(frozen=True)
class PersonalField:
    model: type
    mask: Callable[[str | None], str | None]
    # Reads the account id off a row of ``model`` (whichever model that is).
    account_of: Callable[[Any], int | None] = lambda row: None


PERSONAL_DATA: dict[tuple[str, str], PersonalField] = {
    ("subject", "id_number"): PersonalField(Subject, mask_id_number),
    ("subject", "phone"): PersonalField(Subject, mask_phone),
    ("account", "phone"): PersonalField(Account, mask_phone, lambda a: a.id),
    ("account", "contact"): PersonalField(Account, mask_contact, lambda a: a.id),
    ("reporter", "contact"): PersonalField(Reporter, mask_contact),
    ("appeal", "appellant_contact"): PersonalField(Appeal, mask_contact),
    ("reply", "recipient_address"): PersonalField(Reply, mask_contact),
    # A reviewer's note may quote a phone number or an ID number (reviewers only).
    ("internal_note", "body"): PersonalField(InternalNote, mask_in_text, lambda n: n.account_id),
}


def can_reveal(actor: Actor | None) -> bool:
    """Whether ``actor`` may see personal data in full (a UI hint; :func:`reveal` checks)."""
    return actor is not None and any(actor.has(r) for r in REVEAL_ROLES)


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "查看完整个人信息须说明理由", "say why you need to see the personal data in full"
        )
    return reason[:MAX_REASON]


def reveal(
    session: Session, actor: Actor, *, entity: str, entity_id: int, field: str, reason: str
) -> str:
    """The full value of one personal-data field, for a reviewer with the permission.

    Refused (:class:`PermissionDenied`) for moderators and appeal reviewers,
    and without a reason; audited as ``personal_data.reveal`` with the masked
    form only.  An empty field reveals as "".
    """
    require_role(actor, *REVEAL_ROLES)
    spec = PERSONAL_DATA.get((entity, field))
    if spec is None:
        known = ", ".join(f"{e}.{f}" for e, f in PERSONAL_DATA)
        raise ValidationError(
            f"不能查看的字段：{entity}.{field}", f"{entity}.{field} is not one of: {known}"
        )
    reason = _reason(reason)
    row = session.get(spec.model, entity_id)
    if row is None:
        raise NotFound(f"{entity} {entity_id} 不存在", f"{entity} {entity_id} does not exist")
    value = getattr(row, field) or ""
    audit.record(
        session,
        actor,
        "personal_data.reveal",
        entity,
        entity_id,
        account_id=spec.account_of(row),
        case_id=getattr(row, "case_id", None),
        after={"field": field, "shown_as": spec.mask(value) if value else ""},
        reason=reason,
    )
    return value


def authorise_unmasked_export(session: Session, actor: Actor, *, what: str, reason: str) -> None:
    """Allow an export with personal data in full, and record who took it and why.

    Call it in the transaction that reads the export's data; refused like
    :func:`reveal`.
    """
    require_role(actor, *REVEAL_ROLES)
    reason = _reason(reason)
    audit.record(
        session, actor, "personal_data.export", "export", None, after={"what": what}, reason=reason
    )


def mask_row(table: str, row: dict) -> dict:
    """``row`` of ``table`` with its personal-data fields masked (for exports)."""
    masked = dict(row)
    for (entity, name), spec in PERSONAL_DATA.items():
        if entity == table and masked.get(name):
            masked[name] = spec.mask(str(masked[name]))
    return masked
