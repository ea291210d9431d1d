"""docs/import_formats.md names every field the importers read and every value they
accept, so a platform engineer can write a file without reading the code (issue 18)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.importing.accounts import TEXT_FIELDS
from workbench.models.codes import (
    AccountGrade,
    AccountKind,
    AccountStatus,
    Channel,
    QualificationField,
    ReportCategory,
    ReportKind,
    SubjectKind,
    VerificationMethod,
    VerificationStatus,
)

DOC = (Path(__file__).resolve().parents[2] / "docs" / "import_formats.md").read_text("utf-8")
NAMED = set(re.findall(r"`([a-z_]+)`", DOC))

ACCOUNT_FIELDS = {name for name, _limit in TEXT_FIELDS.values()} | {
    "id", "kind", "grade", "status", "credit_score", "verification_method",
    "verification_status", "publishes", "follower_count", "registered_at", "last_active_at",
    "last_published_at", "avatar", "cover", "qualifications", "subject_id", "subject_kind",
    "subject_name", "subject_phone", "id_number", "credit_code",
}  # fmt: skip
REPORT_FIELDS = {
    "external_id", "channel", "kind", "reporter_id", "reporter_name", "reporter_contact",
    "target_account_id", "category", "text", "evidence", "received_at",
}  # fmt: skip


def test_every_field_the_importers_read_is_documented():
    assert not (ACCOUNT_FIELDS | REPORT_FIELDS) - NAMED


@pytest.mark.parametrize(
    "codes",
    [AccountGrade, AccountKind, AccountStatus, Channel, QualificationField, ReportCategory,
     ReportKind, SubjectKind, VerificationMethod, VerificationStatus],
)  # fmt: skip
def test_every_accepted_value_is_documented(codes):
    assert not {c.value for c in codes} - NAMED, codes.__name__


def test_the_accounts_importer_reads_no_text_field_the_doc_leaves_out():
    source = (Path(__file__).resolve().parents[2] / "workbench/importing/accounts.py").read_text(
        "utf-8"
    )
    read = set(
        re.findall(r'row\.(?:text|choice|integer|boolean|instant|items)\("([a-z_]+)"', source)
    )
    assert not read - NAMED
