"""Personal data stays masked over the wire (2022/16): every read operation,
for every queue, case and appeal of a small demo data set with planted
values, answers with no ID number, mobile number or contact in full.  Only
``reveal`` shows one field, and that is audited."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re

import httpx
import pytest
from sqlmodel import select

import workbench.operations.catalogue  # noqa: F401  (registers every operation)
from tests.db.workflow.helpers import later, report
from tests.server.conftest import Clock, RunningServer
from tests.server.helpers import body_for, call, token_of
from workbench.cli import main
from workbench.db import session_scope
from workbench.demo.identity import make_id_number
from workbench.demo.setup import DEMO_PASSWORD
from workbench.models import Account, Appeal, Case, Reply, Reporter, Subject
from workbench.models.views import QueueName
from workbench.operations.core import REGISTRY

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d*])1[3-9]\d{9}(?!\d)")
PLANTED_PHONE, PLANTED_SUBJECT_PHONE = "13911112222", "13833334444"
PLANTED_CONTACTS = (
    "微信: planted_wx_2026",
    "planted.reporter@example.org",
    "QQ 8844551234",
    "planted.appellant@example.net",
)
#: The one who may call each read (a supervisor sees most; the rest by their role).
LOGIN_OF = {"supervisor": "sup1", "administrator": "admin1", "appeal_reviewer": "appeal1",
            "moderator": "mod1"}  # fmt: skip


@pytest.fixture
def demo_data(engine, tmp_path):
    """The demo at its smallest on the test's database, with planted personal data."""
    url = engine.url.render_as_string(hide_password=False)
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["demo", "--accounts", "20", "--reports", "40", "--database", url,
                     "--evidence-dir", str(tmp_path / "img")])  # fmt: skip
    assert code == 0
    with session_scope(engine) as s:
        subject = Subject(kind="individual", verified_name="张三", phone=PLANTED_SUBJECT_PHONE,
                          id_number=make_id_number(random.Random(7)))  # fmt: skip
        s.add(subject)
        s.flush()
        account = Account(platform_id="planted-1", name="植入账号", subject_id=subject.id,
                          phone=PLANTED_PHONE, contact=PLANTED_CONTACTS[0])  # fmt: skip
        s.add(account)
        s.flush()
        account_id = account.id
    report(engine, account_id, reporter="planted-r", reporter_contact=PLANTED_CONTACTS[1],
           at=later())  # fmt: skip
    report(engine, account_id, reporter="planted-r2", reporter_contact=PLANTED_CONTACTS[2],
           at=later(minutes=5))  # fmt: skip
    with session_scope(engine) as s:
        appeal = s.exec(select(Appeal)).first()
        if appeal is not None:
            appeal.appellant_contact = PLANTED_CONTACTS[3]
            s.add(appeal)


def _secrets(engine) -> set[str]:
    """Every personal value stored in full (long enough to be told from its mask)."""
    found: set[str] = set(PLANTED_CONTACTS) | {PLANTED_PHONE, PLANTED_SUBJECT_PHONE}
    with session_scope(engine, write=False) as s:
        for column in (Subject.id_number, Subject.phone, Account.phone, Account.contact,
                       Reporter.contact, Appeal.appellant_contact, Reply.recipient_address,
                       ):  # fmt: skip
            found |= {v.strip() for v in s.exec(select(column)).all() if v and len(v.strip()) >= 6}
    return found


def _ids(engine, model) -> list[int]:
    with session_scope(engine, write=False) as s:
        return list(s.exec(select(model.id)).all())


@pytest.fixture
def demo_server(demo_data, engine):
    """A server on the demo's database, its reviewers signing in as the demo's."""
    running = RunningServer(engine, Clock())
    running.start()
    try:
        with httpx.Client(base_url=running.url, timeout=30) as http:
            yield http
    finally:
        running.stop()


def test_no_read_answers_with_personal_data_in_full(demo_server, engine):
    http = demo_server
    secrets = _secrets(engine)
    assert len(secrets) > 10
    case_ids, appeal_ids = _ids(engine, Case), _ids(engine, Appeal)
    assert case_ids and appeal_ids
    tokens: dict[str, str] = {}
    queues = [q.value for q in QueueName]
    choices = {
        "case_id": case_ids,
        "appeal_id": appeal_ids,
        "queue": queues,
        "queues": [queues],
        "flt": [{}],
        "resolved": [{}],
        "sort": [{}],
        "offset": [0],
        "pages": [[0, 1]],
        "limit": [500],
        "format": ["csv"],
    }
    leaks: list[str] = []
    answered = 0
    reads = [spec for spec in REGISTRY.values() if not spec.write and not spec.public]
    assert len(reads) >= 10
    for spec in sorted(reads, key=lambda s: s.name):
        role = next((r for r in LOGIN_OF if r in spec.roles), None)
        assert role is not None, spec.name
        login = LOGIN_OF[role]
        token = tokens.get(login) or tokens.setdefault(login, token_of(http, login, DEMO_PASSWORD))
        base = body_for(spec)
        varying = [name for name in spec.arguments.model_fields if name in choices]
        bodies = [base]
        for name in varying:
            bodies = [{**b, name: value} for b in bodies for value in choices[name]]
        for body in bodies:
            response = call(http, spec.name, body, token)
            assert response.status_code < 500, (spec.name, body, response.text[:300])
            if response.status_code == 200:
                answered += 1
            text = json.dumps(response.json(), ensure_ascii=False)
            shown = [s for s in secrets if s in text]
            shown += ID_NUMBER.findall(text) + MOBILE.findall(text)
            if shown:
                leaks.append(f"{spec.name} {body}: {sorted(set(shown))[:5]}")
    assert leaks == [], "\n".join(leaks)
    assert answered > len(case_ids) * 2
