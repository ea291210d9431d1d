"""What administrators keep besides reviewers: time limits (previewed before they
are applied), the working-day calendar, and a look at the reply templates,
the rule lexicons and how often each rule's hits are dismissed.

A change to a time limit or to the calendar recomputes every open clock under
it in the same transaction (:mod:`workbench.timelimits.retime`); its preview runs
the change in a savepoint that is rolled back.  Templates and lexicons are
the package's own files, read where the operation runs (on the server, over
one), never written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from workbench.cases.casework import now_or
from workbench.cases.hit_store import DismissalRate
from workbench.cases.hit_store import dismissal_rates as _dismissal_rates
from workbench.errors import ValidationError
from workbench.models import CalendarDay
from workbench.models.codes import Role
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import ADMINISTRATORS
from workbench.records.change_feed import clear_changes
from workbench.replies.templates import LANGUAGES, TemplateLibrary
from workbench.resources import on_disk
from workbench.rules.lexicons import LEXICON_DIR, LexiconError, Lexicons
from workbench.timelimits import calendar, policies, retime
from workbench.timelimits.deadlines import local_date
from workbench.timelimits.policies import ANY, PolicyRule
from workbench.timelimits.retime import ClockMove, RetimeResult

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


#: What the preview fills in, as a reply would read (a placeholder without a sample
#: shows as «name»).  Chinese first, then English.
_SAMPLE_TEXT: dict[str, tuple[str, str]] = {
    "account_name": ("某区税务局", "Some District Tax Office"),
    "appellant_name": ("张女士", "Ms Zhang"),
    "reporter_name": ("李先生", "Mr Li"),
    "category_label": ("冒充国家机关", "Impersonating a state organ"),
    "measures_label": ("警示提醒、限期改正", "warning, order to correct"),
    "measure_label": ("暂停更新（15 天）", "Suspend updates (15 days)"),
    "revised_measure_label": ("警示提醒", "Warning"),
    "restricted_label": ("发布、私信", "posting, messages"),
    "fields_label": ("名称、简介", "name, bio"),
    "decision_reason": ("授权文件属实，原处置过重", "the authorisation is genuine"),
    "measure_reason": ("名称冒充国家机关", "the name impersonates a state organ"),
    "reason": ("拟变更内容含联系方式", "the new bio carries contact details"),
    "required": ("删除简介中的联系方式", "remove the contact details from the bio"),
}
_SAMPLE_SAME: dict[str, object] = {
    "appeal_reference": "A1024",
    "case_reference": "C20481",
    "measure_reference": "M5120",
    "report_reference": "DEMO-20261201-000123",
    "request_reference": "R311",
    "platform_id": "demo-000097",
    "basis": "2022/8(2)",
    "measure_basis": "2022/8(2)",
    "revised_measure_basis": "2022/8(2)",
    "appeal_window_days": 15,
    "credit_score": 72,
    "grade_before": "A",
    "grade_after": "B",
}
_SAMPLE_DATES = (
    "received_date", "decided_date", "changed_date", "decision_due", "appeal_deadline",
    "deadline", "effective_from", "effective_until",
)  # fmt: skip


def template_sample(language: str, placeholders, today: date) -> dict[str, object]:
    """Sample values for ``placeholders`` in ``language``: names, references, dates near today."""
    sample: dict[str, object] = {}
    for key in placeholders:
        if key in _SAMPLE_TEXT:
            sample[key] = _SAMPLE_TEXT[key][0 if language == "zh_CN" else 1]
        elif key in _SAMPLE_SAME:
            sample[key] = _SAMPLE_SAME[key]
        elif key in _SAMPLE_DATES:
            offset = {"decision_due": 7, "appeal_deadline": 15, "deadline": 5}.get(key, 0)
            sample[key] = today + timedelta(days=offset)
        else:
            sample[key] = f"«{key}»"
    return sample


@operation(write=False, roles=ADMINISTRATORS)
def template_preview(ctx: Ctx, *, name: str, language: str) -> TemplatePreview:
    """One template in one language, as written and filled with sample values."""
    library = TemplateLibrary()
    template = library.get(name, language)
    sample = template_sample(language, template.placeholders, local_date(now_or(ctx.now)))
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
