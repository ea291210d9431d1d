"""The public-figure names list and its authorisations (2021/8), and the hits it gives.

An administrator lists names that accounts may use only with an authorisation:
party and state organs, enterprises and institutions, organisations and
well-known public figures (社会知名人士), each with its other names.  An
authorisation on file names who may use a listed name (one account, or a
registered subject and so every account of it), the document it rests on
(授权书, contract) and how long it is valid (Beijing dates, both ends included).
Every change is audited; a name is taken off the list and an authorisation
withdrawn with a reason, never deleted, so the record of what was allowed when
stays.

:func:`public_figure_hits` is what the screening paths call (the bulk checks,
imports, change requests): the rule engine's :mod:`workbench.rules.public_figures`
with the list as it stands and, per account, the listed names it holds a valid
authorisation for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from workbench.access.auth import Actor, require_role
from workbench.errors import InvalidTransition, NotFound, ValidationError
from workbench.models import Account, Subject
from workbench.models.base import saved
from workbench.models.codes import Role
from workbench.models.regulation import (
    FIGURE_CATEGORY_LABELS,
    FigureAuthorisation,
    FigureCategory,
    PublicFigure,
)
from workbench.records import audit
from workbench.records.entry_text import choice, reviewer_text
from workbench.rules.hits import Hit
from workbench.rules.public_figures import FigureIndex, ListedName, figure_hits
from workbench.timelimits.appeal_window import local_date

MAX_NAME = 64
MAX_ALIASES = 20
MAX_DOCUMENT = 120


def _figure_state(figure: PublicFigure) -> dict:
    return {
        "name": figure.name,
        "aliases": list(figure.aliases or []),
        "category": figure.category,
        "removed": figure.removed_at is not None,
    }


def get_figure(session: Session, figure_id: int) -> PublicFigure:
    figure = session.get(PublicFigure, figure_id)
    if figure is None:
        raise NotFound(f"名单条目 {figure_id} 不存在", f"listed name {figure_id} does not exist")
    return figure


def add_figure(
    session: Session,
    actor: Actor,
    *,
    name: str,
    category: str,
    aliases: Iterable[str] = (),
    note: str = "",
    now: datetime,
) -> PublicFigure:
    """List a name (administrator); a name listed already (and not removed) is refused."""
    require_role(actor, Role.ADMINISTRATOR)
    name = reviewer_text(name, MAX_NAME, ("名称", "name"))
    others = [
        reviewer_text(a, MAX_NAME, ("别名", "other name")) for a in aliases if (a or "").strip()
    ]
    others = [a for a in dict.fromkeys(others) if a != name]
    if len(others) > MAX_ALIASES:
        raise ValidationError(f"别名最多 {MAX_ALIASES} 个", f"at most {MAX_ALIASES} other names")
    listed = session.exec(
        select(PublicFigure).where(
            PublicFigure.name == name, col(PublicFigure.removed_at).is_(None)
        )
    ).first()
    if listed is not None:
        raise InvalidTransition(
            f"「{name}」已在名单上（#{listed.id}）", f'"{name}" is listed already (#{listed.id})'
        )
    figure = PublicFigure(
        name=name,
        aliases=others,
        category=choice(category, FigureCategory, ("名单类别", "category")),
        note=reviewer_text(note, 500, ("备注", "note"), required=False),
        added_by=actor.id,
        added_at=now,
    )
    session.add(figure)
    session.flush()
    audit.record(
        session, actor, "public_figure.add", "public_figure", figure.id,
        after=_figure_state(figure), at=now,
    )  # fmt: skip
    return figure


def remove_figure(
    session: Session, actor: Actor, figure_id: int, *, reason: str, now: datetime
) -> PublicFigure:
    """Take a name off the list (administrator, with a reason); it is screened no more."""
    require_role(actor, Role.ADMINISTRATOR)
    reason = reviewer_text(reason, 500, ("理由", "reason"))
    figure = get_figure(session, figure_id)
    if figure.removed_at is not None:
        raise InvalidTransition(
            f"「{figure.name}」已移出名单", f'"{figure.name}" was taken off the list already'
        )
    before = _figure_state(figure)
    figure.removed_at, figure.removed_by = now, actor.id
    session.add(figure)
    session.flush()
    audit.record(
        session, actor, "public_figure.remove", "public_figure", figure.id,
        before=before, after=_figure_state(figure), reason=reason, at=now,
    )  # fmt: skip
    return figure


def _holder(
    session: Session, account_platform_id: str | None, subject_external_id: str | None
) -> tuple[int | None, int | None]:
    account_ref = (account_platform_id or "").strip()
    subject_ref = (subject_external_id or "").strip()
    if bool(account_ref) == bool(subject_ref):
        raise ValidationError(
            "授权须给一个账号或一个注册主体（二选一）",
            "an authorisation names one account or one registered subject, not both",
        )
    if account_ref:
        account = session.exec(select(Account).where(Account.platform_id == account_ref)).first()
        if account is None:
            raise NotFound(f"账号 {account_ref} 不存在", f"no account {account_ref}")
        return account.id, None
    subject = session.exec(select(Subject).where(Subject.external_id == subject_ref)).first()
    if subject is None:
        raise NotFound(f"注册主体 {subject_ref} 不存在", f"no registered subject {subject_ref}")
    return None, subject.id


def _authorisation_state(row: FigureAuthorisation) -> dict:
    return {
        "figure_id": row.figure_id,
        "account_id": row.account_id,
        "subject_id": row.subject_id,
        "document_ref": row.document_ref,
        "valid_from": row.valid_from.isoformat(),
        "valid_until": row.valid_until.isoformat() if row.valid_until else None,
        "withdrawn": row.withdrawn_at is not None,
    }


def authorise(
    session: Session,
    actor: Actor,
    figure_id: int,
    *,
    account_platform_id: str | None = None,
    subject_external_id: str | None = None,
    document_ref: str,
    valid_from: date,
    valid_until: date | None = None,
    now: datetime,
) -> FigureAuthorisation:
    """Record an authorisation to use a listed name (administrator)."""
    require_role(actor, Role.ADMINISTRATOR)
    figure = get_figure(session, figure_id)
    if figure.removed_at is not None:
        raise InvalidTransition(
            f"「{figure.name}」已移出名单，无需授权",
            f'"{figure.name}" is no longer listed; it needs no authorisation',
        )
    document = reviewer_text(document_ref, MAX_DOCUMENT, ("授权文件编号", "authorisation document"))
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError(
            f"有效期止 {valid_until} 早于起 {valid_from}",
            f"valid until {valid_until} is before valid from {valid_from}",
        )
    account_id, subject_id = _holder(session, account_platform_id, subject_external_id)
    row = FigureAuthorisation(
        figure_id=saved(figure.id),
        account_id=account_id,
        subject_id=subject_id,
        document_ref=document,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=actor.id,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "public_figure.authorise", "figure_authorisation", row.id,
        account_id=account_id, after=_authorisation_state(row), at=now,
    )  # fmt: skip
    return row


def withdraw_authorisation(
    session: Session, actor: Actor, authorisation_id: int, *, reason: str, now: datetime
) -> FigureAuthorisation:
    """Withdraw an authorisation (administrator, with a reason): the name hits again."""
    require_role(actor, Role.ADMINISTRATOR)
    reason = reviewer_text(reason, 500, ("理由", "reason"))
    row = session.get(FigureAuthorisation, authorisation_id)
    if row is None:
        raise NotFound(f"授权 {authorisation_id} 不存在", f"no authorisation {authorisation_id}")
    if row.withdrawn_at is not None:
        raise InvalidTransition(
            f"授权 {authorisation_id} 已撤回", f"authorisation {authorisation_id} was withdrawn"
        )
    before = _authorisation_state(row)
    row.withdrawn_at, row.withdrawn_by = now, actor.id
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "public_figure.withdraw", "figure_authorisation", row.id,
        account_id=row.account_id, before=before, after=_authorisation_state(row),
        reason=reason, at=now,
    )  # fmt: skip
    return row


def is_valid(row: FigureAuthorisation, on: date) -> bool:
    """In force on the Beijing date ``on``: not withdrawn, and ``on`` inside its period."""
    return (
        row.withdrawn_at is None
        and row.valid_from <= on
        and (row.valid_until is None or on <= row.valid_until)
    )


def listed_figures(session: Session) -> list[PublicFigure]:
    """The names on the list now (removed ones not)."""
    return list(
        session.exec(
            select(PublicFigure)
            .where(col(PublicFigure.removed_at).is_(None))
            .order_by(col(PublicFigure.name), col(PublicFigure.id))
        ).all()
    )


def figure_index(session: Session) -> FigureIndex | None:
    """The rule engine's index of the names listed now (None: the list is empty)."""
    figures = listed_figures(session)
    if not figures:
        return None
    return FigureIndex(
        ListedName(
            saved(f.id),
            f.name,
            FIGURE_CATEGORY_LABELS[FigureCategory(f.category)],
            tuple(f.aliases or ()),
        )
        for f in figures
    )


def authorised_figures(
    session: Session, account_ids: Iterable[int], *, on: date
) -> dict[int, frozenset[int]]:
    """Per account, the listed names it may use on ``on``: its own authorisations and its
    registered subject's."""
    ids = sorted(set(account_ids))
    if not ids:
        return {}
    subjects = dict(
        session.exec(select(Account.id, Account.subject_id).where(col(Account.id).in_(ids))).all()
    )
    subject_ids = {s for s in subjects.values() if s is not None}
    rows = session.exec(
        select(FigureAuthorisation).where(
            col(FigureAuthorisation.withdrawn_at).is_(None),
            or_(
                col(FigureAuthorisation.account_id).in_(ids),
                col(FigureAuthorisation.subject_id).in_(subject_ids or {-1}),
            ),
        )
    ).all()
    out: dict[int, set[int]] = {}
    for row in rows:
        if not is_valid(row, on):
            continue
        for account_id in ids:
            if row.account_id == account_id or (
                row.subject_id is not None and subjects.get(account_id) == row.subject_id
            ):
                out.setdefault(account_id, set()).add(row.figure_id)
    return {k: frozenset(v) for k, v in out.items()}


def authorisations_of(
    session: Session, figure_ids: Iterable[int]
) -> dict[int, list[tuple[FigureAuthorisation, str, str]]]:
    """Per listed name, its authorisations (withdrawn ones too), each with who holds it:
    ``("account", platform id)`` or ``("subject", the subject's external id)``."""
    ids = sorted(set(figure_ids))
    rows = session.exec(
        select(FigureAuthorisation)
        .where(col(FigureAuthorisation.figure_id).in_(ids or [-1]))
        .order_by(col(FigureAuthorisation.id))
    ).all()
    account_ids = {r.account_id for r in rows if r.account_id is not None}
    subject_ids = {r.subject_id for r in rows if r.subject_id is not None}
    accounts = dict(
        session.exec(
            select(Account.id, Account.platform_id).where(col(Account.id).in_(account_ids or {-1}))
        ).all()
    )
    subjects = dict(
        session.exec(
            select(Subject.id, Subject.external_id).where(col(Subject.id).in_(subject_ids or {-1}))
        ).all()
    )
    out: dict[int, list[tuple[FigureAuthorisation, str, str]]] = {}
    for r in rows:
        if r.account_id is not None:
            held = ("account", accounts.get(r.account_id) or f"#{r.account_id}")
        else:
            held = ("subject", subjects.get(r.subject_id) or f"#{r.subject_id}")
        out.setdefault(r.figure_id, []).append((r, *held))
    return out


def public_figure_hits(
    session: Session,
    names: Mapping[int, str],
    *,
    now: datetime,
    index: FigureIndex | None = None,
) -> dict[int, list[Hit]]:
    """Per account (id -> the name screened, as it reads now or would after a change), its
    ``public_figure_name`` hits (2021/8); accounts without one are not in the result.
    ``index`` is :func:`figure_index`, read here when not given."""
    index = index if index is not None else figure_index(session)
    if index is None or not names:
        return {}
    allowed = authorised_figures(session, names, on=local_date(now))
    out = {}
    for account_id, name in names.items():
        hits = figure_hits(index, name or "", authorised=allowed.get(account_id, frozenset()))
        if hits:
            out[account_id] = hits
    return out


def account_figure_hits(
    session: Session, account_ids: Iterable[int], *, now: datetime, index: FigureIndex | None
) -> dict[int, list[Hit]]:
    """:func:`public_figure_hits` of stored accounts under their names as they read now."""
    ids = sorted(set(account_ids))
    if index is None or not ids:
        return {}
    rows = session.exec(select(Account.id, Account.name).where(col(Account.id).in_(ids))).all()
    names = {saved(account_id): name for account_id, name in rows}
    return public_figure_hits(session, names, now=now, index=index)
