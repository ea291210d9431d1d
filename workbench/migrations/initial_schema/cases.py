"""Revision 0001: cases, their findings, and reports with their evidence."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("queue", AutoString(length=24), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("target_account_id", sa.Integer(), nullable=False),
        sa.Column("category", AutoString(length=40), nullable=False),
        sa.Column("decline_reason", AutoString(length=32), nullable=True),
        sa.Column("resolution_note", AutoString(), nullable=True),
        sa.Column("due_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("clock_state", AutoString(length=16), nullable=True),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("reporter_count", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("strongest_hit", AutoString(length=16), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("claimed_until", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("parent_case_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("opened_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "category IN ('impersonate_organisation', 'impersonate_state', 'impersonate_news_media', 'misuse_place_name', 'embedded_contact', 'misleading_claim', 'prohibited_content', 'strict_verification', 'closed_account_similar', 'qualification_required', 'profession_mismatch', 'org_mismatch', 'identity_unverified', 'public_account_incomplete', 'subject_account_cap', 'inactive_six_months', 'traffic_anomaly', 'unapproved_transfer', 'content_category_mismatch', 'false_identity', 'account_misuse', 'unlicensed_news', 'fake_traffic', 'incitement_or_abuse', 'false_information', 'paid_posting_or_extortion', 'account_trading', 'illegal_information', 'other')",
            name=op.f("ck_cases_category"),
        ),
        sa.CheckConstraint(
            "clock_state IS NULL OR clock_state IN ('running', 'paused', 'met', 'breached')",
            name=op.f("ck_cases_clock_state"),
        ),
        sa.CheckConstraint(
            "decline_reason IS NULL OR decline_reason IN ('duplicate', 'out_of_scope', 'insufficient_information', 'malicious_report')",
            name=op.f("ck_cases_decline_reason"),
        ),
        sa.CheckConstraint(
            "queue IN ('reports', 'complaints', 'change_requests', 'automated', 'escalations')",
            name=op.f("ck_cases_queue"),
        ),
        sa.CheckConstraint(
            "status <> 'declined' OR decline_reason IS NOT NULL",
            name=op.f("ck_cases_declined_has_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('received', 'accepted', 'declined', 'screening', 'disposed', 'no_violation', 'replied', 'closed')",
            name=op.f("ck_cases_status"),
        ),
        sa.CheckConstraint(
            "strongest_hit IS NULL OR strongest_hit IN ('low', 'medium', 'high', 'critical')",
            name=op.f("ck_cases_strongest_hit"),
        ),
        sa.CheckConstraint(
            "(assignee_id IS NULL) = (claimed_until IS NULL)", name=op.f("ck_cases_claim_has_lease")
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_cases_version_positive")),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["reviewer.id"], name=op.f("fk_cases_assignee_id_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["parent_case_id"], ["cases.id"], name=op.f("fk_cases_parent_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["target_account_id"], ["account.id"], name=op.f("fk_cases_target_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_case_assignee", ["assignee_id", "status"], unique=False)
        batch_op.create_index(
            "ix_case_open_unclaimed",
            ["queue", "due_at"],
            unique=False,
            sqlite_where=sa.text(
                "assignee_id IS NULL AND status IN ('received','accepted','screening')"
            ),
            postgresql_where=sa.text(
                "assignee_id IS NULL AND status IN ('received','accepted','screening')"
            ),
        )
        batch_op.create_index(
            "ix_case_queue_status_due", ["queue", "status", "due_at", "priority"], unique=False
        )
        batch_op.create_index("ix_case_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index(
            "ix_case_target_category_status",
            ["target_account_id", "category", "status"],
            unique=False,
        )

    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("category", AutoString(length=40), nullable=False),
        sa.Column("basis", AutoString(length=32), nullable=False),
        sa.Column("notes", AutoString(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "category IN ('impersonate_organisation', 'impersonate_state', 'impersonate_news_media', 'misuse_place_name', 'embedded_contact', 'misleading_claim', 'prohibited_content', 'strict_verification', 'closed_account_similar', 'qualification_required', 'profession_mismatch', 'org_mismatch', 'identity_unverified', 'public_account_incomplete', 'subject_account_cap', 'inactive_six_months', 'traffic_anomaly', 'unapproved_transfer', 'content_category_mismatch', 'false_identity', 'account_misuse', 'unlicensed_news', 'fake_traffic', 'incitement_or_abuse', 'false_information', 'paid_posting_or_extortion', 'account_trading', 'illegal_information', 'other')",
            name=op.f("ck_finding_category"),
        ),
        sa.CheckConstraint("length(trim(basis)) > 0", name=op.f("ck_finding_basis_not_blank")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_finding_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["reviewer.id"], name=op.f("fk_finding_recorded_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding")),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_case_id"), ["case_id"], unique=False)

    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", AutoString(length=64), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("channel", AutoString(length=24), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("target_account_id", sa.Integer(), nullable=False),
        sa.Column("category", AutoString(length=40), nullable=False),
        sa.Column("text", AutoString(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("suspected_malicious", sa.Boolean(), nullable=False),
        sa.Column("received_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "category IN ('impersonate_organisation', 'impersonate_state', 'impersonate_news_media', 'misuse_place_name', 'embedded_contact', 'misleading_claim', 'prohibited_content', 'strict_verification', 'closed_account_similar', 'qualification_required', 'profession_mismatch', 'org_mismatch', 'identity_unverified', 'public_account_incomplete', 'subject_account_cap', 'inactive_six_months', 'traffic_anomaly', 'unapproved_transfer', 'content_category_mismatch', 'false_identity', 'account_misuse', 'unlicensed_news', 'fake_traffic', 'incitement_or_abuse', 'false_information', 'paid_posting_or_extortion', 'account_trading', 'illegal_information', 'other')",
            name=op.f("ck_report_category"),
        ),
        sa.CheckConstraint(
            "channel IN ('user_report', 'public_complaint', 'regulator_referral', 'automated_screening', 'change_request')",
            name=op.f("ck_report_channel"),
        ),
        sa.CheckConstraint("kind IN ('report', 'complaint')", name=op.f("ck_report_kind")),
        sa.CheckConstraint(
            "length(trim(external_id)) > 0", name=op.f("ck_report_external_id_not_blank")
        ),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_report_weight_nonnegative")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_report_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["reporter.id"], name=op.f("fk_report_reporter_id_reporter")
        ),
        sa.ForeignKeyConstraint(
            ["target_account_id"], ["account.id"], name=op.f("fk_report_target_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("external_id", name=op.f("uq_report_external_id")),
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index("ix_report_case", ["case_id"], unique=False)
        batch_op.create_index("ix_report_reporter", ["reporter_id", "received_at"], unique=False)
        batch_op.create_index(
            "ix_report_target", ["target_account_id", "received_at"], unique=False
        )

    op.create_table(
        "evidence_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("path", AutoString(length=500), nullable=False),
        sa.Column("sha256", AutoString(length=64), nullable=True),
        sa.Column("mime_type", AutoString(length=64), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "length(trim(path)) > 0", name=op.f("ck_evidence_attachment_path_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_evidence_attachment_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_attachment")),
    )
    with op.batch_alter_table("evidence_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_attachment_report_id"), ["report_id"], unique=False
        )


def drop() -> None:
    with op.batch_alter_table("evidence_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_attachment_report_id"))

    op.drop_table("evidence_attachment")

    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index("ix_report_target")
        batch_op.drop_index("ix_report_reporter")
        batch_op.drop_index("ix_report_case")

    op.drop_table("report")

    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_case_id"))

    op.drop_table("finding")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_case_target_category_status")
        batch_op.drop_index("ix_case_status_due")
        batch_op.drop_index("ix_case_queue_status_due")
        batch_op.drop_index(
            "ix_case_open_unclaimed",
            sqlite_where=sa.text(
                "assignee_id IS NULL AND status IN ('received','accepted','screening')"
            ),
            postgresql_where=sa.text(
                "assignee_id IS NULL AND status IN ('received','accepted','screening')"
            ),
        )
        batch_op.drop_index("ix_case_assignee")

    op.drop_table("cases")
