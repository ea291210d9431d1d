"""Revision 0001: measures, appeals, correction orders, change requests and the account revisions they made."""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import workbench.models.base


def create() -> None:
    op.create_table(
        "measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("code", AutoString(length=24), nullable=False),
        sa.Column("basis", AutoString(length=64), nullable=False),
        sa.Column("reason", AutoString(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", AutoString(length=20), nullable=False),
        sa.Column("credit_delta", sa.Integer(), nullable=False),
        sa.Column("account_snapshot", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=False),
        sa.Column("decided_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "effective_from", workbench.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "effective_until", workbench.models.base.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("revoked_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "code IN ('warn', 'correct_by_deadline', 'restrict_functions', 'suspend', 'suspend_updates', 'stop_ads', 'close', 'blacklist', 'ban_reregistration')",
            name=op.f("ck_measure_code"),
        ),
        sa.CheckConstraint(
            "status IN ('pending_approval', 'in_effect', 'rejected', 'expired', 'revised', 'revoked')",
            name=op.f("ck_measure_status"),
        ),
        sa.CheckConstraint(
            "approved_by IS NULL OR approved_by <> decided_by",
            name=op.f("ck_measure_approver_not_decider"),
        ),
        sa.CheckConstraint("credit_delta <= 0", name=op.f("ck_measure_credit_delta_nonpositive")),
        sa.CheckConstraint(
            "effective_until IS NULL OR effective_from IS NULL OR effective_until > effective_from",
            name=op.f("ck_measure_effective_period_valid"),
        ),
        sa.CheckConstraint("length(trim(basis)) > 0", name=op.f("ck_measure_basis_not_blank")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_measure_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["reviewer.id"], name=op.f("fk_measure_approved_by_reviewer")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_measure_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["reviewer.id"], name=op.f("fk_measure_decided_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["reviewer.id"], name=op.f("fk_measure_revoked_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["measure.id"], name=op.f("fk_measure_supersedes_id_measure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure")),
    )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.create_index("ix_measure_account_status", ["account_id", "status"], unique=False)
        batch_op.create_index("ix_measure_case", ["case_id"], unique=False)
        batch_op.create_index("ix_measure_status_decided", ["status", "decided_at"], unique=False)

    op.create_table(
        "appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("appellant_name", AutoString(length=200), nullable=False),
        sa.Column("appellant_contact", AutoString(length=200), nullable=True),
        sa.Column("text", AutoString(), nullable=False),
        sa.Column("status", AutoString(length=20), nullable=False),
        sa.Column("due_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", AutoString(), nullable=True),
        sa.Column("revised_measure_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("received_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('appeal_received', 'appeal_screening', 'upheld', 'revised', 'revoked', 'replied')",
            name=op.f("ck_appeal_status"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_appeal_version_positive")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_appeal_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["reviewer.id"], name=op.f("fk_appeal_assignee_id_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["reviewer.id"], name=op.f("fk_appeal_decided_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_appeal_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["revised_measure_id"],
            ["measure.id"],
            name=op.f("fk_appeal_revised_measure_id_measure"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal")),
    )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appeal_account_id"), ["account_id"], unique=False)
        batch_op.create_index("ix_appeal_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index(
            "uq_appeal_open_per_measure",
            ["measure_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('appeal_received','appeal_screening')"),
            postgresql_where=sa.text("status IN ('appeal_received','appeal_screening')"),
        )

    op.create_table(
        "correction_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("measure_id", sa.Integer(), nullable=True),
        sa.Column("required", AutoString(), nullable=False),
        sa.Column("deadline", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("escalation_case_id", sa.Integer(), nullable=True),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'met', 'missed', 'cancelled')",
            name=op.f("ck_correction_order_status"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_correction_order_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_correction_order_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["escalation_case_id"],
            ["cases.id"],
            name=op.f("fk_correction_order_escalation_case_id_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_correction_order_measure_id_measure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction_order")),
    )
    with op.batch_alter_table("correction_order", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_correction_order_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            "ix_correction_order_status_deadline", ["status", "deadline"], unique=False
        )

    op.create_table(
        "change_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("proposed", sa.JSON(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("screening_outcome", sa.JSON(), nullable=True),
        sa.Column("correction_order_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("submitted_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'passed', 'rejected')", name=op.f("ck_change_request_status")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_change_request_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["correction_order_id"],
            ["correction_order.id"],
            name=op.f("fk_change_request_correction_order_id_correction_order"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["reviewer.id"], name=op.f("fk_change_request_decided_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_request")),
    )
    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_request_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "account_info_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("field", AutoString(length=32), nullable=False),
        sa.Column("old_value", AutoString(), nullable=True),
        sa.Column("new_value", AutoString(), nullable=True),
        sa.Column("change_request_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_info_revision_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["change_request_id"],
            ["change_request.id"],
            name=op.f("fk_account_info_revision_change_request_id_change_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_info_revision")),
    )
    with op.batch_alter_table("account_info_revision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_account_info_revision_account", ["account_id", "changed_at"], unique=False
        )


def drop() -> None:
    with op.batch_alter_table("account_info_revision", schema=None) as batch_op:
        batch_op.drop_index("ix_account_info_revision_account")

    op.drop_table("account_info_revision")

    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_request_account_id"))

    op.drop_table("change_request")

    with op.batch_alter_table("correction_order", schema=None) as batch_op:
        batch_op.drop_index("ix_correction_order_status_deadline")
        batch_op.drop_index(batch_op.f("ix_correction_order_account_id"))

    op.drop_table("correction_order")

    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_appeal_open_per_measure",
            sqlite_where=sa.text("status IN ('appeal_received','appeal_screening')"),
            postgresql_where=sa.text("status IN ('appeal_received','appeal_screening')"),
        )
        batch_op.drop_index("ix_appeal_status_due")
        batch_op.drop_index(batch_op.f("ix_appeal_account_id"))

    op.drop_table("appeal")

    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_index("ix_measure_status_decided")
        batch_op.drop_index("ix_measure_case")
        batch_op.drop_index("ix_measure_account_status")

    op.drop_table("measure")
