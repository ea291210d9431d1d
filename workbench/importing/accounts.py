"""Importing accounts: validated rows stored by platform id, then screened.

Fields are those of ``workbench screen`` (``id`` = the platform id, ``kind``,
``name``, ``bio``, ``signature``, ``certification``, ``avatar``, ``cover``,
``verified_profession``, ``verified_org_name``, ``qualifications``,
``ip_location``), the other account columns (``claimed_profession``,
``org_nature``, ``org_business_scope``, ``org_industry``, ``operator_name``,
``registered_address``, ``operating_address``, ``content_category``,
``contact``, ``category``, ``phone``, ``grade``, ``status``,
``credit_score``, ``verification_method``, ``verification_status``,
``publishes``, ``follower_count``, ``registered_at``, ``last_active_at``,
``last_published_at``) and the subject behind the account (``subject_id``
its external id, ``subject_kind``, ``subject_name``, ``id_number`` checked
by GB 11643, ``credit_code`` checked by GB 32100, ``subject_phone``).  An ID
number or credit code failing its check is imported all the same: the
platform must re-check what it holds (2022/15), so the account checks flag
it and the summary counts such accounts (``invalid_ids``).

An account already stored under the same platform id is updated where the
row differs (account information changes are kept as revisions) and left
alone where it does not, so importing a file twice adds nothing.  New and
changed accounts are screened by the text rules and the account-level
checks; new hits are stored once per account (by fingerprint).  The text
rules run on the rows before the write transaction opens (:func:`screen_rows`);
the transaction only stores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from workbench.access.auth import Actor
from workbench.cases.bulk_checks import load_account_facts, subject_counts
from workbench.cases.check_policy import load_policy
from workbench.cases.hit_store import store_hits
from workbench.cases.links import batch_registration_hits, sync_link_keys
from workbench.cases.public_figures import account_figure_hits, figure_index
from workbench.cases.subjects import subject_return_hits
from workbench.importing import ACCOUNT_IMPORT_ROLES, require_importer
from workbench.importing.fields import Row
from workbench.importing.records import Record
from workbench.measures.account_effects import regrade_accounts
from workbench.models import (
    Account,
    AccountInfoRevision,
    Qualification,
    Subject,
)
from workbench.models.account import ACCOUNT_INFO_LIMITS
from workbench.models.base import saved
from workbench.models.codes import (
    AccountGrade,
    AccountKind,
    AccountStatus,
    QualificationField,
    Role,
    SubjectKind,
    VerificationMethod,
    VerificationStatus,
)
from workbench.records import audit
from workbench.rules.account_checks import account_check_hits
from workbench.rules.engine import AccountInput
from workbench.rules.hits import Hit
from workbench.rules.idcodes import credit_code_problem, id_number_problem, normalise
from workbench.rules.privacy import mask_account_texts, mask_contact, mask_phone

TEXT_FIELDS = {  # column: (input field, max length); account information at the platforms' limits
    "name": ("name", ACCOUNT_INFO_LIMITS["name"]),
    "bio": ("bio", ACCOUNT_INFO_LIMITS["bio"]),
    "signature": ("signature", ACCOUNT_INFO_LIMITS["signature"]),
    "certification": ("certification", ACCOUNT_INFO_LIMITS["certification"]),
    "verified_profession": ("verified_profession", 100),
    "verified_org_name": ("verified_org_name", 200),
    "ip_location": ("ip_location", 64),
    "claimed_profession": ("claimed_profession", 100),
    "org_nature": ("org_nature", 100),
    "org_business_scope": ("org_business_scope", None),
    "org_industry": ("org_industry", 100),
    "operator_name": ("operator_name", 200),
    "registered_address": ("registered_address", 300),
    "operating_address": ("operating_address", 300),
    "content_category": ("content_category", 64),
    "contact": ("contact", 200),
    "category": ("category", 64),
    "phone": ("phone", 32),
}
IDENTITY_NUMBER_LENGTH = 18  # GB 11643 and GB 32100 numbers, as the subject columns hold them
NOT_NULL_TEXT = ("name", "bio", "signature", "certification")
INFO_FIELDS = ("name", "avatar_path", "cover_path", "bio", "signature", "certification")
# Personal data (2022/16): audit payloads carry these masked, never in full.
PRIVATE = {"phone": mask_phone, "contact": mask_contact}
# Read together for contacts written into them, split across them too (2022/16).
MASKED_TEXTS = ("name", "bio", "signature")


@dataclass
class AccountRow:
    platform_id: str
    columns: dict
    qualifications: list[str]
    subject: dict | None
    screen: AccountInput
    invalid_ids: tuple[str, ...] = ()  # id_number / credit_code failing their check


@dataclass
class AccountImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    hits_new: int = 0
    invalid_ids: int = 0  # accounts whose subject's ID number or credit code fails its check
    by_category: dict = field(default_factory=dict)
    results: dict[str, str] = field(
        default_factory=dict
    )  # platform id: created, updated, unchanged


def _identity_number(row: Row, name: str, problem_of, invalid: list[str]) -> str | None:
    """An ID number or credit code as stored: one failing its check is kept and named in
    ``invalid`` (the account checks flag it, 2022/15); one too long to store is refused."""
    value = row.text(name)
    if value is None:
        return None
    number = normalise(value)
    if len(number) > IDENTITY_NUMBER_LENGTH:
        row.bad(
            name,
            f"长度 {len(number)} 超过 {IDENTITY_NUMBER_LENGTH} 位，无法保存",
            f"{len(number)} characters, more than the {IDENTITY_NUMBER_LENGTH} that can be stored",
        )
    elif number and problem_of(number):
        invalid.append(name)
    return number


def _subject(row: Row, invalid: list[str]) -> dict | None:
    external = row.text("subject_id", max_length=64)
    id_number = _identity_number(row, "id_number", id_number_problem, invalid)
    credit_code = _identity_number(row, "credit_code", credit_code_problem, invalid)
    kind = row.choice("subject_kind", SubjectKind)
    name = row.text("subject_name", max_length=200)
    phone = row.text("subject_phone", max_length=32)
    if external is None:
        if id_number or credit_code or name or kind:
            row.bad("subject_id", "填写主体信息时必填", "required with any subject field")
        return None
    if kind is None:
        kind = SubjectKind.ORGANISATION.value if credit_code else SubjectKind.INDIVIDUAL.value
    return {
        "external_id": external,
        "kind": kind,
        "verified_name": name or (row.raw("name") or "").strip() or external,
        "id_number": id_number,
        "credit_code": credit_code,
        "phone": phone,
    }


def account_row(row: Row) -> AccountRow | None:
    """One account's fields read with the import's checks (problems in ``row.problems``)."""
    return _account_row(row)


def _account_row(row: Row) -> AccountRow | None:
    platform_id = row.text("id", max_length=64, required=True)
    columns: dict = {}
    for column, (name, limit) in TEXT_FIELDS.items():
        value = row.text(name, max_length=limit)
        columns[column] = value if value is not None or column not in NOT_NULL_TEXT else ""
    columns["kind"] = row.choice("kind", AccountKind, default=AccountKind.INDIVIDUAL.value)
    columns["grade"] = row.choice("grade", AccountGrade, default=AccountGrade.GENERAL.value)
    columns["status"] = row.choice("status", AccountStatus, default=AccountStatus.ACTIVE.value)
    columns["verification_method"] = row.choice(
        "verification_method", VerificationMethod, default=VerificationMethod.NONE.value
    )
    columns["verification_status"] = row.choice(
        "verification_status", VerificationStatus, default=VerificationStatus.UNVERIFIED.value
    )
    credit = row.integer("credit_score", maximum=100)
    columns["credit_score"] = 100 if credit is None else credit
    columns["follower_count"] = row.integer("follower_count") or 0
    publishes = row.boolean("publishes")
    columns["publishes"] = True if publishes is None else publishes
    for name in ("registered_at", "last_active_at", "last_published_at"):
        columns[name] = row.instant(name)
    for column, name in (("avatar_path", "avatar"), ("cover_path", "cover")):
        value = row.text(name, max_length=500)
        columns[column] = row.image(name, value) if value else None
    qualifications = row.items("qualifications")
    allowed = {q.value for q in QualificationField}
    for q in qualifications:
        if q not in allowed:
            row.bad(
                "qualifications",
                f"资质领域无效 {q!r}",
                f"unknown field {q!r}; choose from {', '.join(sorted(allowed))}",
            )
    invalid: list[str] = []
    subject = _subject(row, invalid)
    if row.problems:
        return None
    screen = AccountInput(
        id=platform_id,
        kind=columns["kind"],
        name=columns["name"],
        bio=columns["bio"],
        signature=columns["signature"],
        certification=columns["certification"],
        avatar=columns["avatar_path"] or "",
        cover=columns["cover_path"] or "",
        verified_profession=columns["verified_profession"] or "",
        verified_org_name=columns["verified_org_name"] or "",
        qualifications=list(qualifications),
        ip_location=columns["ip_location"] or "",
    )
    return AccountRow(platform_id, columns, qualifications, subject, screen, tuple(invalid))


def check_accounts(records: list[Record], base: Path) -> list[AccountRow | None]:
    """Each record as an AccountRow, or None with the reasons added to ``record.problems``."""
    out: list[AccountRow | None] = []
    first_line: dict[str, int] = {}
    for record in records:
        if record.data is None:
            out.append(None)
            continue
        row = Row(record.data, base, record.line)
        parsed = _account_row(row)
        if parsed is not None:
            if parsed.platform_id in first_line:
                row.bad(
                    "id",
                    f"与第 {first_line[parsed.platform_id]} 行重复",
                    f"{parsed.platform_id!r} is also on line {first_line[parsed.platform_id]}",
                )
                parsed = None
            else:
                first_line[parsed.platform_id] = record.line
        record.problems += row.problems
        out.append(parsed)
    return out


def _shown(column: str, value):
    return PRIVATE[column](value) if column in PRIVATE and value else value


def _recorded(values: dict, texts: dict) -> dict:
    """``values`` (columns of an account) as its audit record keeps them: contacts and
    phones masked, and any contact written into the name, bio or signature (``texts``,
    the account's whole text, read across fields) masked where it stands; the name
    itself is kept as it is shown everywhere."""
    shown = {k: _shown(k, v) for k, v in values.items()}
    masked = mask_account_texts({k: texts.get(k) for k in MASKED_TEXTS})
    for k in ("bio", "signature"):
        if shown.get(k):
            shown[k] = masked[k]
    return shown


def _subjects(session: Session, rows: list[AccountRow]) -> dict[str | None, Subject]:
    wanted = sorted({r.subject["external_id"] for r in rows if r.subject})
    found = {
        s.external_id: s
        for i in range(0, len(wanted), 500)
        for s in session.exec(
            select(Subject).where(col(Subject.external_id).in_(wanted[i : i + 500]))
        )
    }
    for r in rows:
        if not r.subject:
            continue
        subject = found.get(r.subject["external_id"])
        if subject is None:
            subject = Subject(**r.subject)
            found[subject.external_id] = subject
        else:
            for key, value in r.subject.items():
                if getattr(subject, key) != value:
                    setattr(subject, key, value)
        session.add(subject)
    session.flush()
    return found


def _store(
    session: Session, actor: Actor | None, rows: list[AccountRow], now: datetime
) -> tuple[AccountImport, dict]:
    summary = AccountImport()
    subjects = _subjects(session, rows)
    ids = [r.platform_id for r in rows]
    existing = {
        a.platform_id: a
        for i in range(0, len(ids), 500)
        for a in session.exec(select(Account).where(col(Account.platform_id).in_(ids[i : i + 500])))
    }
    touched: dict[int, AccountRow] = {}
    for r in rows:
        summary.invalid_ids += bool(r.invalid_ids and r.subject)
        columns = dict(r.columns)
        columns["subject_id"] = subjects[r.subject["external_id"]].id if r.subject else None
        account = existing.get(r.platform_id)
        if account is None:
            account = Account(
                platform_id=r.platform_id,
                **{k: v for k, v in columns.items() if v is not None or k == "subject_id"},
                updated_at=now,
            )
            if columns["registered_at"] is None:
                account.registered_at = now
            session.add(account)
            session.flush()
            summary.created += 1
            summary.results[r.platform_id] = "created"
            after = _recorded({k: v for k, v in columns.items() if v is not None}, columns)
            audit.record(
                session, actor, "account.import", "account", account.id,
                account_id=account.id, after=after, at=now,
            )  # fmt: skip
        else:
            if columns["registered_at"] is None:
                columns.pop("registered_at")
            changed = {k: v for k, v in columns.items() if getattr(account, k) != v}
            if not changed and _has_qualifications(session, saved(account.id), r.qualifications):
                summary.unchanged += 1
                summary.results[r.platform_id] = "unchanged"
                continue
            before = _recorded(
                {k: getattr(account, k) for k in changed},
                {k: getattr(account, k) for k in MASKED_TEXTS},
            )
            for k, v in changed.items():
                if k in INFO_FIELDS:
                    session.add(
                        AccountInfoRevision(
                            account_id=saved(account.id),
                            field=k,
                            old_value=getattr(account, k),
                            new_value=v,
                            changed_at=now,
                        )
                    )
                setattr(account, k, v)
            account.updated_at = now
            session.add(account)
            session.flush()
            summary.updated += 1
            summary.results[r.platform_id] = "updated"
            audit.record(
                session, actor, "account.import", "account", account.id, account_id=account.id,
                before=before, at=now,
                after=_recorded(changed, {k: getattr(account, k) for k in MASKED_TEXTS}),
            )  # fmt: skip
        _add_qualifications(session, saved(account.id), r.qualifications, now)
        touched[saved(account.id)] = r
    session.flush()
    return summary, touched


def _has_qualifications(session: Session, account_id: int, fields: list[str]) -> bool:
    have = set(
        session.exec(select(Qualification.field).where(Qualification.account_id == account_id))
    )
    return set(fields) <= have


def _add_qualifications(session: Session, account_id: int, fields: list[str], now) -> None:
    have = set(
        session.exec(select(Qualification.field).where(Qualification.account_id == account_id))
    )
    for name in fields:
        if name not in have:
            session.add(Qualification(account_id=account_id, field=name, verified_at=now))


def screen_rows(
    rows: list[AccountRow], screener, progress: Callable[[int, int], None] | None = None
) -> list[list[Hit]]:
    """The rule engine's hits on each row's account information, in row order.

    Pure (text in, hits out, no database): an import runs it before its write
    transaction opens, so however long the text takes to screen, no other
    reviewer waits for the import's lock.  ``progress`` hears ``(done, total)``.
    """
    out: list[list[Hit]] = []
    for i, r in enumerate(rows, 1):
        out.append(list(screener.screen(r.screen).hits))
        if progress is not None and (i % 500 == 0 or i == len(rows)):
            progress(i, len(rows))
    return out


def import_accounts(
    session: Session,
    rows: list[AccountRow],
    *,
    screener=None,
    screened: list[list[Hit]] | None = None,
    now: datetime,
    actor: Actor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AccountImport:
    """Store ``rows`` and file the hits of the new and changed accounts, in ``session``'s
    transaction.

    ``screened`` is :func:`screen_rows` of ``rows``, run before the transaction;
    without it the rows are screened here with ``screener``.  ``actor`` None is an
    import by the system; a reviewer needs an import role (or is the platform's API
    client sending account snapshots).
    """
    require_importer(actor, (*ACCOUNT_IMPORT_ROLES, Role.PLATFORM))
    if screened is None:
        screened = screen_rows(rows, screener)
    text_hits = {r.platform_id: hits for r, hits in zip(rows, screened, strict=True)}
    summary, touched = _store(session, actor, rows, now)
    policy = load_policy(session)
    counts = subject_counts(session)
    ids = sorted(touched)
    for start in range(0, len(ids), 500):  # linked accounts (issue 16 item 6)
        sync_link_keys(session, ids[start : start + 500])
    listed = figure_index(session)  # names used only with an authorisation (2021/8)
    batches = batch_registration_hits(  # 2021/18(8)
        session, ids, now=now, policy=policy.links, any_anchor=True
    )
    for anchor in sorted(set(batches) - set(touched)):  # a group's first account not imported now
        store_hits(session, anchor, batches[anchor], at=now)
    done = 0
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        facts = {
            f.account_id: f
            for f in load_account_facts(session, part, policy=policy, now=now, counts=counts)
        }
        regrade_accounts(session, part, actor=actor, now=now)  # the imported score's grade
        returns = subject_return_hits(session, part, now=now)  # 2022/10, 2017/13
        figures = account_figure_hits(session, part, now=now, index=listed)  # 2021/8
        for account_id in part:
            hits = list(text_hits[touched[account_id].platform_id])
            hits += account_check_hits(facts[account_id], policy, now=now)
            hits += returns.get(account_id, []) + batches.get(account_id, [])
            hits += figures.get(account_id, [])
            for row in store_hits(session, account_id, hits, at=now):
                if row.detected_at == now:
                    summary.hits_new += 1
                    summary.by_category[row.category] = summary.by_category.get(row.category, 0) + 1
        done += len(part)
        if progress is not None:
            progress(done, len(ids))
    return summary
