"""Personal data stays masked in the audit log (2022/16, issue 17 item 3): imported
accounts' contacts and phones, contacts written into a bio or signature, and a delivery error quoting the recipient's address,
are recorded masked; the log stays usable (the masked form is there)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from tests.db.importing.support import run, write
from tests.db.security.personal_data import in_audit_log, personal_data
from tests.db.workflow.helpers import make_account, report
from workbench.db import session_scope
from workbench.models import AuditEvent, Reply
from workbench.replies.transports import DeliveryError, deliver_pending
from workbench.rules.privacy import mask_contact, mask_phone

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def test_the_patterns_find_what_they_look_for():
    text = "wx: abc12345 / 13812345678 / 110105197201208217 / zhang.san@example.com"
    assert {k for k, _v in personal_data(text)} == {
        "WeChat / QQ",
        "mobile phone",
        "ID number",
        "email",
    }
    masked = " / ".join(
        [mask_contact("wx: abc12345"), mask_phone("13812345678"), "110***********8217",
         mask_contact("zhang.san@example.com")]
    )  # fmt: skip
    assert personal_data(masked) == []


def test_account_import_records_contacts_and_phones_masked(engine, tmp_path):
    rows = [
        {"id": "acc-1", "name": "某某科技", "contact": "wx: abc12345", "phone": "13812345678",
         "subject_id": "s-1", "subject_name": "张三", "id_number": "110105197201208217"},
        {"id": "acc-2", "name": "小王的日常", "contact": "zhang.san@example.com",
         "bio": "合作请加薇❤ abc12345，或致电 13812345678", "signature": "V信：ａｂｃ１２３４５"},
    ]  # fmt: skip
    assert run(engine, "import", "accounts", str(write(tmp_path / "a.jsonl", rows))) == 0
    rows[0] = dict(rows[0], contact="QQ: 987654321", phone="13987654321")
    assert run(engine, "import", "accounts", str(write(tmp_path / "b.jsonl", rows))) == 0
    assert in_audit_log(engine) == []
    with session_scope(engine, write=False) as s:
        events = s.execute(
            select(AuditEvent).where(AuditEvent.action == "account.import").order_by(AuditEvent.id)
        ).scalars()
        payloads = [(e.before or {}, e.after or {}) for e in events]
    assert payloads[0][1]["contact"] == mask_contact("wx: abc12345")
    assert payloads[0][1]["phone"] == mask_phone("13812345678")
    assert payloads[1][1]["contact"] == mask_contact("zhang.san@example.com")
    # A contact written into the bio or signature, however disguised, is masked too.
    assert "abc12345" not in payloads[1][1]["bio"] and "13812345678" not in payloads[1][1]["bio"]
    assert payloads[1][1]["bio"].startswith("合作请加")
    assert "ａｂｃ１２３４５" not in payloads[1][1]["signature"]
    update_before, update_after = payloads[2]
    assert update_before["contact"] == mask_contact("wx: abc12345")
    assert update_after == {
        "contact": mask_contact("QQ: 987654321"),
        "phone": mask_phone("13987654321"),
    }


class Refusing:
    """A transport whose server refuses the recipient, quoting the address."""

    name = "smtp"

    def send(self, reply):
        raise DeliveryError(
            f"收件人被拒绝 / recipient refused: {reply.recipient_address} 550 "
            f"b'5.1.1 <{reply.recipient_address}>: user unknown; call 13812345678'",
            permanent=True,
        )


def test_a_delivery_error_quoting_the_address_is_audited_masked(engine):
    case_id = report(engine, make_account(engine)).case.id
    with session_scope(engine) as s:
        reply = Reply(case_id=case_id, recipient_kind="reporter",
                      recipient_address="zhang.san@example.com", template="no_violation",
                      subject="举报处理结果", body="您好", next_attempt_at=T0, created_at=T0)  # fmt: skip
        s.add(reply)
    with session_scope(engine) as s:
        assert deliver_pending(s, Refusing(), now=T0).failed == 1
    assert in_audit_log(engine) == []
    with session_scope(engine, write=False) as s:
        failed = s.execute(select(AuditEvent).where(AuditEvent.action == "reply.fail")).scalar_one()
        assert "z********@example.com" in failed.after["last_error"]
        assert "138****5678" in failed.after["last_error"]


def test_a_change_request_records_a_contact_in_its_proposed_bio_masked(engine):
    """2022/16: the holder's proposed bio is kept in the request, not in the record."""
    from workbench.measures.corrections import submit_change_request

    account = make_account(engine)
    with session_scope(engine) as s:
        submit_change_request(s, None, account, {"bio": "商务合作 vx：abc12345"}, now=T0)
    assert in_audit_log(engine) == []
    with session_scope(engine, write=False) as s:
        (event,) = s.execute(
            select(AuditEvent).where(AuditEvent.action == "change_request.submit")
        ).scalars()
    proposed = event.after["proposed"]["bio"]
    assert proposed.startswith("商务合作") and "abc12345" not in proposed
