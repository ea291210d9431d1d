"""What administrators keep besides reviewers: time limits (previewed before they
are applied), the working-day calendar, and a look at the reply templates,
the rule lexicons and how often each rule's hits are dismissed.

A change to a time limit or to the calendar recomputes every open clock under
it in the same transaction (:mod:`workbench.queues.retime`); its preview runs
the change in a savepoint that is rolled back.  Templates and lexicons are
the package's own files, read where the operation runs (on the server, over
one), never written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from workbench.models import CalendarDay
from workbench.models.codes import Role
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import ADMINISTRATORS
from workbench.queues import calendar, policies, retime
from workbench.queues.casework import now_or
from workbench.queues.change_feed import clear_changes
from workbench.queues.errors import ValidationError
from workbench.queues.policies import ANY, PolicyRule
from workbench.queues.retime import ClockMove, RetimeResult
from workbench.queues.templates import LANGUAGES, TemplateLibrary
from workbench.resources import on_disk
from workbench.rules.lexicons import LEXICON_DIR, LexiconError, Lexicons
from workbench.rules.store import DismissalRate
from workbench.rules.store import dismissal_rates as _dismissal_rates

__all__ = [
    "ANY",
    "LANGUAGES",
    "CalendarDayView",
    "ClockMove",
    "DismissalRate",
    "LexiconCount",
    "LexiconFolder",
    "PolicyRule",
    "RetimeResult",
    "TemplateLibrary",
    "TemplateList",
    "TemplatePreview",
    "apply_policy_change",
    "calendar_days",
    "check_lexicons",
    "clear_calendar_day",
    "dismissal_rates",
    "import_calendar_csv",
    "lexicon_folder",
    "policies_in_force",
    "preview_policy_change",
    "set_calendar_day",
    "template_preview",
    "templates",
]

RULE_READERS = (Role.ADMINISTRATOR, Role.SUPERVISOR)
MAX_CALENDAR_CSV = 1_000_000  # characters; a year's notice is a few hundred lines


# -- time limits ---------------------------------------------------------------------


@operation(write=False, roles=ADMINISTRATORS)
def policies_in_force(ctx: Ctx) -> list[PolicyRule]:
    """The stored time limits, then the shipped defaults no stored one replaces."""
    stored = policies.list_policies(ctx.session)
    keys = {(r.stage, r.queue, r.category, r.grade) for r in stored}
    shipped = [
        r
        for r in policies.load_default_policies()
        if (r.stage, r.queue, r.category, r.grade) not in keys
    ]
    return stored + shipped


def _policy_change(
    ctx: Ctx, stage: str, amount: float, unit: str, queue: str, category: str, grade: str
) -> Callable[[Session], object]:
    actor = ctx.signed_in

    def change(session: Session) -> object:
        return policies.set_policy(
            session,
            actor,
            stage=stage,
            amount=amount,
            unit=unit,
            queue=queue,
            category=category,
            grade=grade,
        )

    return change


@operation(write=False, roles=ADMINISTRATORS)
def preview_policy_change(
    ctx: Ctx,
    *,
    stage: str,
    amount: float,
    unit: str,
    queue: str = ANY,
    category: str = ANY,
    grade: str = ANY,
) -> list[ClockMove]:
    """The open clocks whose due time the change would move; nothing is saved."""
    change = _policy_change(ctx, stage, amount, unit, queue, category, grade)
    moves = retime.preview_change(ctx.session, change)
    clear_changes(ctx.session)  # the change was rolled back: nothing to announce
    return moves


@operation(write=True, roles=ADMINISTRATORS)
def apply_policy_change(
    ctx: Ctx,
    *,
    stage: str,
    amount: float,
    unit: str,
    queue: str = ANY,
    category: str = ANY,
    grade: str = ANY,
) -> RetimeResult:
    """Set the time limit and recompute every open clock under it."""
    change = _policy_change(ctx, stage, amount, unit, queue, category, grade)
    return _retime(ctx, change)


def _retime(ctx: Ctx, change: Callable[[Session], object]) -> RetimeResult:
    result = retime.apply_change(ctx.session, ctx.signed_in, change, at=now_or(ctx.now))
    ctx.queues_changed = True  # due times moved across the queues
    return result


# -- the calendar --------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDayView:
    """A date declared a holiday or a make-up working day."""

    day: date
    kind: str
    note: str


@operation(write=False, roles=ADMINISTRATORS)
def calendar_days(ctx: Ctx) -> list[CalendarDayView]:
    """Every declared holiday and make-up working day, the latest first."""
    rows = ctx.session.exec(select(CalendarDay).order_by(col(CalendarDay.day).desc())).all()
    return [CalendarDayView(r.day, r.kind, getattr(r, "note", "") or "") for r in rows]


@operation(write=True, roles=ADMINISTRATORS)
def set_calendar_day(ctx: Ctx, *, day: date, kind: str, note: str = "") -> RetimeResult:
    """Declare a date a holiday or a working day and recompute the open clocks."""
    actor = ctx.signed_in
    return _retime(ctx, lambda s: calendar.set_day(s, actor, day, kind, note))


@operation(write=True, roles=ADMINISTRATORS)
def clear_calendar_day(ctx: Ctx, *, day: date) -> RetimeResult:
    """Remove a date's override and recompute the open clocks."""
    actor = ctx.signed_in
    return _retime(ctx, lambda s: calendar.clear_day(s, actor, day))


@operation(write=True, roles=ADMINISTRATORS)
def import_calendar_csv(ctx: Ctx, *, text: str) -> RetimeResult:
    """Load a year's holidays and make-up days (the CSV's text, read by the desktop)
    and recompute the open clocks."""
    if len(text) > MAX_CALENDAR_CSV:
        raise ValidationError(
            "节假日文件过大", f"the calendar file is longer than {MAX_CALENDAR_CSV} characters"
        )
    actor = ctx.signed_in
    return _retime(ctx, lambda s: calendar.import_calendar_csv(s, actor, text))


# -- templates and lexicons ----------------------------------------------------------


@dataclass(frozen=True)
class TemplateList:
    folder: str  # where the shipped templates are, on the machine that read them
    names: list[str]


@dataclass(frozen=True)
class TemplatePreview:
    """A template as written and rendered with «placeholder» sample values."""

    name: str
    language: str
    source_subject: str
    source_body: str
    subject: str
    body: str


@operation(write=False, roles=ADMINISTRATORS)
def templates(ctx: Ctx) -> TemplateList:
    """The names of the reply templates."""
    library = TemplateLibrary()
    return TemplateList(str(library.directory), library.names())


@operation(write=False, roles=ADMINISTRATORS)
def template_preview(ctx: Ctx, *, name: str, language: str) -> TemplatePreview:
    """One template in one language, as written and filled with sample values."""
    library = TemplateLibrary()
    template = library.get(name, language)
    sample = {key: f"«{key}»" for key in template.placeholders}
    subject, body = library.render(name, language, sample)
    return TemplatePreview(name, language, template.subject, template.body, subject, body)


@dataclass(frozen=True)
class LexiconFolder:
    folder: str  # as the machine that read it names it
    on_disk: bool  # a plain folder (not inside an archive) there


@dataclass(frozen=True)
class LexiconCount:
    name: str
    entries: int


@operation(write=False, roles=ADMINISTRATORS)
def lexicon_folder(ctx: Ctx) -> LexiconFolder:
    """Where the rule lexicons are read from."""
    return LexiconFolder(str(LEXICON_DIR), on_disk(LEXICON_DIR) is not None)


@operation(write=False, roles=ADMINISTRATORS)
def check_lexicons(ctx: Ctx) -> list[LexiconCount]:
    """Read every lexicon again; a line that cannot be read is refused naming file and line."""
    try:
        lexicons = Lexicons.load(LEXICON_DIR)
    except (LexiconError, UnicodeDecodeError) as exc:
        raise ValidationError(f"词表有误：{exc}", f"a lexicon cannot be read: {exc}") from exc
    return [LexiconCount(name, len(entries)) for name, entries in sorted(lexicons.lists.items())]


# -- rules ---------------------------------------------------------------------------


@operation(write=False, roles=RULE_READERS)
def dismissal_rates(ctx: Ctx) -> list[DismissalRate]:
    """Per rule, how many decided hits reviewers dismissed; the noisiest first."""
    return _dismissal_rates(ctx.session, ctx.signed_in)
