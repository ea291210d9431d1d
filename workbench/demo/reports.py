"""Reports and complaints for the demo, received through intake.

Most reports name what their target really breaks; the rest are about clean
accounts (these end declined or with no violation).  A few reporters report
one target again and again, and one target gets a burst from new reporters,
so reporter credibility has something to flag.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session

from workbench.cases.intake import ReportInput
from workbench.cases.intake_batch import BatchResult, receive_reports
from workbench.demo import texts
from workbench.demo.accounts import AccountPlan
from workbench.demo.identity import make_phone
from workbench.demo.images import ImagePool
from workbench.demo.store import Runner
from workbench.demo.timeline import WorkingTime
from workbench.models.codes import REPORT_CATEGORY_BASIS, REPORT_CATEGORY_LABELS, ReportCategory

SPREAD_WORKING_DAYS = 42  # about two months back, counted in working days
OPERATOR_CATEGORIES = (
    "false_identity",
    "account_misuse",
    "unlicensed_news",
    "fake_traffic",
    "incitement_or_abuse",
    "false_information",
    "paid_posting_or_extortion",
    "account_trading",
    "illegal_information",
    "other",
)
# (kind, channel, weight)
CHANNELS = (
    ("report", "user_report", 56),
    ("complaint", "public_complaint", 20),
    ("complaint", "regulator_referral", 6),
    ("report", "change_request", 8),
)


@dataclass
class ReportSpec:
    external_id: str
    kind: str
    channel: str
    account_index: int
    category: str
    received_at: datetime
    text: str
    reporter: tuple[str, str, str] | None = None  # external id, name, contact
    evidence: list[str] = field(default_factory=list)


def _reporters(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    out = []
    for i in range(count):
        contact = make_phone(rng) if rng.random() < 0.6 else f"user{i}@example.com"
        out.append((f"demo-reporter-{i:05d}", texts.person_name(rng), contact))
    return out


def plan_reports(
    count: int,
    accounts: Sequence[AccountPlan],
    rng: random.Random,
    now: datetime,
    pool: ImagePool | None,
) -> list[ReportSpec]:
    """``count`` reports over the last :data:`SPREAD_WORKING_DAYS` working days, oldest first
    (placed in working time, see :mod:`workbench.demo.timeline`)."""
    clock = WorkingTime()
    violating = [i for i, a in enumerate(accounts) if a.violation]
    clean = [i for i, a in enumerate(accounts) if not a.violation] or violating
    reporters = _reporters(rng, max(10, count * 3 // 5))
    kinds = [c[:2] for c in CHANNELS]
    weights = [c[2] for c in CHANNELS]
    specs: list[ReportSpec] = []

    def add(index, category, at, kind="report", channel="user_report", reporter=None):
        evidence = []
        if (
            pool
            and pool.evidence
            and channel in ("user_report", "public_complaint")
            and rng.random() < 0.3
        ):
            evidence = rng.sample(pool.evidence, k=min(len(pool.evidence), rng.choice((1, 1, 2))))
        if channel in ("user_report", "public_complaint") and reporter is None:
            reporter = rng.choice(reporters)
        text = texts.report_text(rng, category)
        if channel == "automated_screening":
            text = f"自动甄别命中：{REPORT_CATEGORY_LABELS[ReportCategory(category)][0]}"
        elif channel == "regulator_referral":
            text = "网信部门转办：" + text
        elif channel == "change_request":
            text = "账号信息变更申请待甄别：" + text
        specs.append(ReportSpec("", kind, channel, index, category, at, text, reporter, evidence))

    # Possibly malicious: one reporter, one target, many reports in a day; and a burst.
    if count >= 40 and violating:
        target, who = rng.choice(clean), reporters[0]
        start = clock.ago(now, rng.randrange(2, 14))
        for j in range(6):
            add(target, "other", start + timedelta(minutes=17 * j), reporter=who)
        target = rng.choice(clean)
        start = clock.ago(now, rng.randrange(1, 7))
        for j in range(8):
            fresh = (f"demo-burst-{j:03d}", texts.person_name(rng), make_phone(rng))
            add(target, "incitement_or_abuse", start + timedelta(minutes=4 * j), reporter=fresh)
    # Reports come in waves: each reported (account, category) gets one to three
    # episodes of a few days, so most reports join a case already open.
    disputed = rng.sample(clean, k=max(1, min(len(clean), len(clean) // 6)))
    pairs = [(i, accounts[i].violation or "") for i in violating]  # each has a violation
    pairs += [
        (i, rng.choice(OPERATOR_CATEGORIES if rng.random() < 0.7 else tuple(REPORT_CATEGORY_BASIS)))
        for i in disputed
    ]
    episodes = {
        pair: [
            (clock.ago(now, rng.uniform(1 / 24, SPREAD_WORKING_DAYS)), rng.uniform(0.2, 4))
            for _ in range(rng.choice((1, 1, 2, 3)))
        ]
        for pair in pairs
    }
    n_violating = len(violating)
    while len(specs) < count:
        if rng.random() < 0.65 and n_violating:
            pair = pairs[rng.randrange(n_violating)]
        else:
            pair = (
                pairs[rng.randrange(n_violating, len(pairs))]
                if len(pairs) > n_violating
                else pairs[0]
            )
        start, days = rng.choice(episodes[pair])
        at = min(clock.later(start, rng.uniform(0, days) * 24), now - timedelta(minutes=1))
        kind, channel = rng.choices(kinds, weights=weights)[0]
        add(pair[0], ReportCategory(pair[1]).value, at, kind, channel)
    specs.sort(key=lambda s: s.received_at)
    for n, spec in enumerate(specs):
        spec.external_id = f"DEMO-{spec.received_at:%Y%m%d}-{n:06d}"
    return specs


def as_received(item: ReportInput) -> datetime:
    """The demo's simulated writer: each report is written when the platform received it."""
    return item.received_at


def receive_all(
    run: Runner,
    specs: Sequence[ReportSpec],
    account_ids: Sequence[int],
    *,
    batch: int = 2500,
) -> int:
    """Receive every report through batched intake, ``batch`` per transaction; how many.

    Each report is filed exactly as ``receive_report`` would file it (joins,
    repeat weights, credibility flags, clocks, audit events), in time order, by
    a simulated writer whose clock reads each report's ``received_at`` (the demo
    builds a past; an import's events are written at the import's own time).
    """
    received = 0
    for start in range(0, len(specs), batch):
        items = [
            ReportInput(
                external_id=s.external_id,
                kind=s.kind,
                channel=s.channel,
                target_account_id=account_ids[s.account_index],
                category=s.category,
                received_at=s.received_at,
                text=s.text,
                reporter_external_id=s.reporter[0] if s.reporter else None,
                reporter_name=s.reporter[1] if s.reporter else "",
                reporter_contact=s.reporter[2] if s.reporter else None,
                evidence_paths=tuple(s.evidence),
            )
            for s in specs[start : start + batch]
        ]

        def receive(session: Session, items: list[ReportInput] = items) -> list[BatchResult]:
            return receive_reports(session, None, items, written_at=as_received)

        received += len(run(receive))
    return received
