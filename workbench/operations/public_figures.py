"""The public-figure names list and its authorisations (2021/8): read by every reviewer,
kept by administrators (:mod:`workbench.cases.public_figures`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbench.cases import public_figures as figures
from workbench.models import utcnow
from workbench.models.regulation import PublicFigure
from workbench.operations.core import Ctx, operation, saved
from workbench.operations.roles import ADMINISTRATORS, CASE_READERS
from workbench.timelimits.appeal_window import local_date

__all__ = [
    "AuthorisationView",
    "FigureView",
    "add_public_figure",
    "authorise_public_figure",
    "public_figures",
    "remove_public_figure",
    "withdraw_figure_authorisation",
]


@dataclass(frozen=True)
class AuthorisationView:
    id: int
    figure_id: int
    holder_kind: str  # account | subject
    holder: str  # the account's platform id or the subject's external id
    document_ref: str
    valid_from: date
    valid_until: date | None
    withdrawn: bool
    valid_today: bool


@dataclass(frozen=True)
class FigureView:
    id: int
    name: str
    aliases: tuple[str, ...]
    category: str
    note: str
    authorisations: tuple[AuthorisationView, ...] = ()


def _authorisations(ctx: Ctx, figure_ids: list[int]) -> dict[int, list[AuthorisationView]]:
    today = local_date(ctx.now or utcnow())
    return {
        figure_id: [
            AuthorisationView(
                saved(r.id),
                r.figure_id,
                kind,
                holder,
                r.document_ref,
                r.valid_from,
                r.valid_until,
                r.withdrawn_at is not None,
                figures.is_valid(r, today),
            )  # fmt: skip
            for r, kind, holder in held
        ]
        for figure_id, held in figures.authorisations_of(ctx.session, figure_ids).items()
    }


def _view(figure: PublicFigure, authorisations: list[AuthorisationView]) -> FigureView:
    return FigureView(
        saved(figure.id),
        figure.name,
        tuple(figure.aliases or ()),
        figure.category,
        figure.note,
        tuple(authorisations),
    )


def _one(ctx: Ctx, figure: PublicFigure) -> FigureView:
    return _view(figure, _authorisations(ctx, [saved(figure.id)]).get(saved(figure.id), []))


@operation(write=False, roles=CASE_READERS)
def public_figures(ctx: Ctx) -> list[FigureView]:
    """The names listed now, each with its authorisations (withdrawn ones too)."""
    listed = figures.listed_figures(ctx.session)
    held = _authorisations(ctx, [saved(f.id) for f in listed])
    return [_view(f, held.get(saved(f.id), [])) for f in listed]


@operation(write=True, roles=ADMINISTRATORS)
def add_public_figure(
    ctx: Ctx, *, name: str, category: str, aliases: list[str] | None = None, note: str = ""
) -> FigureView:
    """List a name accounts may use only with an authorisation (2021/8)."""
    figure = figures.add_figure(
        ctx.session,
        ctx.signed_in,
        name=name,
        category=category,
        aliases=aliases or [],
        note=note,
        now=ctx.now or utcnow(),
    )
    return _one(ctx, figure)


@operation(write=True, roles=ADMINISTRATORS)
def remove_public_figure(ctx: Ctx, *, figure_id: int, reason: str) -> FigureView:
    """Take a name off the list, with the reason."""
    figure = figures.remove_figure(
        ctx.session, ctx.signed_in, figure_id, reason=reason, now=ctx.now or utcnow()
    )
    return _one(ctx, figure)


@operation(write=True, roles=ADMINISTRATORS)
def authorise_public_figure(
    ctx: Ctx,
    *,
    figure_id: int,
    document_ref: str,
    valid_from: date,
    valid_until: date | None = None,
    account: str = "",
    subject: str = "",
) -> FigureView:
    """Record an authorisation to use a listed name: one ``account`` (platform id) or a
    registered ``subject`` (its external id), the document, and the validity."""
    figures.authorise(
        ctx.session,
        ctx.signed_in,
        figure_id,
        account_platform_id=account,
        subject_external_id=subject,
        document_ref=document_ref,
        valid_from=valid_from,
        valid_until=valid_until,
        now=ctx.now or utcnow(),
    )
    return _one(ctx, figures.get_figure(ctx.session, figure_id))


@operation(write=True, roles=ADMINISTRATORS)
def withdraw_figure_authorisation(ctx: Ctx, *, authorisation_id: int, reason: str) -> FigureView:
    """Withdraw an authorisation, with the reason: the name hits for its holder again."""
    row = figures.withdraw_authorisation(
        ctx.session, ctx.signed_in, authorisation_id, reason=reason, now=ctx.now or utcnow()
    )
    return _one(ctx, figures.get_figure(ctx.session, row.figure_id))
