"""The queue and case-view queries: filtering, sorting, paging in SQL; masking."""

from __future__ import annotations

from datetime import timedelta

from tests.ui import factories as f
from workbench.db import session_scope
from workbench.models.views import DueState, QueueFilter, QueueSort
from workbench.queues import read, text_search
from workbench.records import change_feed

NOW = f.NOW


def _seed_queue(engine, n=12):
    with session_scope(engine) as s:
        mod = f.reviewer(s, "mod1")
        ids = []
        for i in range(n):
            acc = f.account(s, name=f"账号{i:02d}")
            c = f.case(
                s,
                acc,
                due_at=NOW + timedelta(hours=i - 3),
                category="embedded_contact" if i % 3 == 0 else "impersonate_organisation",
                assignee_id=mod.id if i == 5 else None,
                claimed_until=NOW + timedelta(hours=1) if i == 5 else None,
            )
            f.clock(s, c, hours=16)  # at risk in its last quarter: the last 4 hours
            ids.append(c.id)
        f.case(s, status="closed")  # closed and replied cases have no work left in a queue
        f.case(s, status="replied", due_at=None, clock_state=None)
        return mod.id, ids


def test_pages_cover_the_queue_in_due_order_both_directions(engine):
    _, ids = _seed_queue(engine)
    with session_scope(engine, write=False) as s:
        total = read.count_rows(s, "reports")
        first = read.fetch_page(s, "reports", offset=0, limit=5, total=total, now=NOW)
        middle = read.fetch_page(s, "reports", offset=5, limit=5, total=total, now=NOW)
        last = read.fetch_page(s, "reports", offset=10, limit=5, total=total, now=NOW)
    assert total == 12
    got = [r.case_id for p in (first, middle, last) for r in p.rows]
    assert got == ids  # seeded in due order; the last page is read backwards yet comes out in order
    assert len(last.rows) == 2


def test_sort_descending_and_by_account_name(engine):
    _, ids = _seed_queue(engine)
    with session_scope(engine, write=False) as s:
        desc = read.fetch_page(s, "reports", sort=QueueSort("due_at", True), now=NOW)
        by_name = read.fetch_page(s, "reports", sort=QueueSort("account_name", True), now=NOW)
    assert [r.case_id for r in desc.rows] == list(reversed(ids))
    assert [r.account_name for r in by_name.rows][:2] == ["账号11", "账号10"]


def test_filter_by_category_and_text(engine):
    _, ids = _seed_queue(engine)
    with session_scope(engine) as s:
        s.get(read.Account, s.get(read.Case, ids[4]).target_account_id).platform_id = "acct-x1"
        rep = f.reporter(s, name="王举报", score=0.8)
        target = s.get(read.Case, ids[7])
        f.report(s, target, by=rep, text="头像含二维码 wechat_abc")
    with session_scope(engine, write=False) as s:
        contact = read.fetch_page(s, "reports", QueueFilter(category="embedded_contact"), now=NOW)
        by_text = read.fetch_page(s, "reports", QueueFilter(text="WECHAT_abc"), now=NOW)
        by_reporter = read.fetch_page(s, "reports", QueueFilter(text="王举报"), now=NOW)
        by_name = read.fetch_page(s, "reports", QueueFilter(text="账号03"), now=NOW)
        literal_pct = read.count_rows(s, "reports", QueueFilter(text="%"))
        by_platform_id = read.fetch_page(s, "reports", QueueFilter(text="acct-x1"), now=NOW)
    assert [r.case_id for r in contact.rows] == [ids[0], ids[3], ids[6], ids[9]]
    assert [r.case_id for r in by_text.rows] == [ids[7]]
    assert by_reporter.rows[0].credibility == 0.8
    assert [r.case_id for r in by_name.rows] == [ids[3]]
    assert literal_pct == 0  # % and _ are matched literally
    assert [r.case_id for r in by_platform_id.rows] == [ids[4]]


def test_due_state_and_counts(engine):
    mod_id, ids = _seed_queue(engine)
    with session_scope(engine, write=False) as s:
        page = read.fetch_page(s, "reports", now=NOW)
        counts = {c.queue: c for c in read.queue_counts(s, actor_id=mod_id, now=NOW)}
    states = [r.due_state for r in page.rows]
    # due at -3h..-1h breached, 0h breached (due == now), +1h..+4h at risk (the clock's
    # warning: three quarters of its 16 hours used), later running
    assert states[:4] == [DueState.BREACHED] * 4
    assert states[4:8] == [DueState.AT_RISK] * 4
    assert states[8:] == [DueState.RUNNING] * 4
    assert (counts["reports"].total, counts["reports"].breached, counts["reports"].at_risk) == (
        12,
        4,
        4,
    )
    assert counts["mine"].total == 1
    assert page.rows[5].assignee_name == "mod1"


def test_case_detail_masks_personal_data_and_carries_hit_text(engine):
    with session_scope(engine) as s:
        mod = f.reviewer(s)
        subj = f.subject(s, id_number="110101199003071234", phone="13812345678")
        acc = f.account(s, subject_id=subj.id, name="北京市公安局官方号", contact="lisi@qq.com")
        f.account(s, subject_id=subj.id, name="另一个号")
        c = f.case(s, acc)
        f.hit(s, c, field="name", start=0, end=6)
        rep = f.reporter(s, contact="13900001111", score=0.3)
        f.report(s, c, by=rep, text="冒充公安", evidence=("/tmp/e1.png",))
        f.measure(s, c, decided_by=mod)
        f.revision(s, acc, field="contact", old_value="13812345678", new_value="lisi@qq.com")
        other = f.case(s, acc, category="embedded_contact")
        f.hit(s, other, field="name", start=6, end=9, severity="critical", score=0.99)
        case_id = c.id
    with session_scope(engine, write=False) as s:
        detail = read.case_detail(s, case_id, now=NOW)
    card = detail.account
    assert card.id_number == "110***********1234"
    assert card.phone == "138****5678"
    assert card.contact == "l***@qq.com"
    assert card.revisions[0].old_value == "138****5678"
    assert [a.name for a in card.other_accounts] == ["另一个号"]
    assert [m.code for m in card.measures_in_force] == ["warn"]
    hit = detail.hits[0]  # this case's own hit first, then the account's others
    assert hit.field_text[hit.start : hit.end] == "北京市公安局"
    assert detail.hits[1].matched == "官方号"
    assert detail.reports[0].reporter_contact == "139****1111"
    assert detail.reports[0].evidence_paths == ("/tmp/e1.png",)
    assert detail.reports[0].credibility.score == 0.3
    assert [r.category for r in detail.related] == ["embedded_contact"]
    with session_scope(engine, write=False) as s:
        row = read.fetch_page(s, "reports", QueueFilter(text="公安局"), now=NOW).rows[0]
    assert (row.strongest_severity, row.strongest_rule) == ("critical", "impersonate_organisation")


def test_changes_since_names_the_cases_touched(engine):
    from workbench.records import audit

    _, ids = _seed_queue(engine)
    with session_scope(engine, write=False) as s:
        start = change_feed.latest_event_id(s)
        marker = change_feed.row_marker(s)
    with session_scope(engine) as s:
        audit.record(s, None, "case.accept", "case", ids[2], case_id=ids[2])
        f.case(s)
    with session_scope(engine, write=False) as s:
        batch = change_feed.changes_since(s, start)
        assert change_feed.row_marker(s) != marker
    assert batch.case_ids == (ids[2],)
    assert batch.last_event_id > start


def test_a_resolved_text_search_gives_the_same_rows(engine):
    _, ids = _seed_queue(engine)
    with session_scope(engine) as s:
        rep = f.reporter(s, name="赵举报")
        f.report(s, s.get(read.Case, ids[2]), by=rep, text="含二维码")
    with session_scope(engine, write=False) as s:
        for text in ("账号0", "赵举报", "二维码"):
            plain = QueueFilter(text=text)
            resolved = text_search.resolve_text(s, plain)
            assert resolved.account_ids is not None
            assert read.count_rows(s, "reports", resolved) == read.count_rows(s, "reports", plain)
            assert [r.case_id for r in read.fetch_page(s, "reports", resolved, now=NOW).rows] == [
                r.case_id for r in read.fetch_page(s, "reports", plain, now=NOW).rows
            ]
        assert (
            read.count_rows(s, "reports", text_search.resolve_text(s, QueueFilter(text="二维码")))
            == 1
        )
