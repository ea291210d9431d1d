"""Screening the demo accounts with the rule engine, as a stock re-check would
(2022/15): the hits are stored per account and each is filed through the
automated-screening channel, so the cases carry the hits a reviewer decides.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from workbench.cases.intake_batch import ReportInput, receive_reports
from workbench.demo.accounts import AccountPlan
from workbench.demo.reports import as_received
from workbench.demo.store import Runner


class PooledImages:
    """An image screener that screens each shared pool file once per field."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self._seen: dict[tuple[str, str], object] = {}

    def screen(self, path, field):
        key = (str(path), field)
        if key not in self._seen:
            self._seen[key] = self.inner.screen(path, field)
        return self._seen[key]


def _input(account_id: int, plan: AccountPlan):
    from workbench.rules.engine import AccountInput

    f = plan.fields
    return AccountInput(
        id=account_id,
        kind=f.get("kind", "individual"),
        name=f.get("name", ""),
        bio=f.get("bio", ""),
        signature=f.get("signature", ""),
        certification=f.get("certification", ""),
        avatar=f.get("avatar_path") or "",
        cover=f.get("cover_path") or "",
        verified_profession=f.get("verified_profession") or "",
        verified_org_name=f.get("verified_org_name") or "",
        qualifications=[q["field"] for q in plan.qualifications],
        ip_location=f.get("ip_location") or "",
    )


def screen_accounts(
    run: Runner,
    account_ids: Sequence[int],
    plans: Sequence[AccountPlan],
    rng: random.Random,
    now: datetime,
) -> dict:
    """Screen every account; store and file the hits.  What was found, by category."""
    from workbench.cases.bulk_checks import report_external_id
    from workbench.cases.closed_sources import closed_names_in_database
    from workbench.cases.hit_store import store_hits
    from workbench.demo.timeline import WorkingTime
    from workbench.rules.closed_names import ClosedNameIndex
    from workbench.rules.engine import Screener
    from workbench.rules.images import ImageScreener

    clock = WorkingTime()
    closed = run(lambda s: ClosedNameIndex.build(closed_names_in_database(s)))
    screener = Screener(closed_index=closed, image_screener=PooledImages(ImageScreener()))
    found = []
    for account_id, plan in zip(account_ids, plans, strict=True):
        result = screener.screen(_input(account_id, plan))
        if result.hits:
            # In working time (see demo/timeline.py): about ten weeks back at most.
            when = clock.ago(now, rng.randrange(3600, 50 * 86400) / 86400 * 5 / 7)
            found.append((account_id, result.hits, when))
    found.sort(key=lambda item: item[2])

    def work(session: Session) -> Counter:
        by_category: Counter = Counter()
        rows_of = {}
        items = []
        for account_id, hits, when in found:
            rows = {r.fingerprint: r for r in store_hits(session, account_id, hits, at=when)}
            unique = {h.fingerprint: h for h in hits}
            for fingerprint, hit in unique.items():
                row = rows[fingerprint]
                by_category[hit.category] += 1
                external_id = report_external_id(account_id, hit)
                rows_of[external_id] = row
                items.append(
                    ReportInput(
                        external_id=external_id,
                        kind="report",
                        channel="automated_screening",
                        target_account_id=account_id,
                        category=hit.category,
                        received_at=when,
                        text=hit.explanation,
                    )
                )
        for outcome in receive_reports(session, None, items, written_at=as_received):
            stored = rows_of.get(outcome.external_id)
            if stored is not None and stored.case_id is None:
                stored.case_id = outcome.case_id
                session.add(stored)
        session.flush()
        return by_category

    by_category = run(work)
    return {"accounts_with_hits": len(found), "hits": dict(by_category)}
