"""mutes of reporters, snoozes of accounts, and saved queue filters

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 21:38:20

* ``queue_hold`` (issue 15 item 11): a reporter muted or an account snoozed, with
  its reason, start, expiry, who set it and who lifted it early.
* ``saved_filter``: a reviewer's filter-bar settings under a name, one name per
  reviewer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = workbench.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "saved_filter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("tag", sa.String(length=24), nullable=True),
        sa.Column("show_held", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_saved_filter_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["reviewer.id"], name=op.f("fk_saved_filter_reviewer_id_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filter")),
        sa.UniqueConstraint("reviewer_id", "name", name="uq_saved_filter_reviewer_name"),
    )
    op.create_table(
        "queue_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("starts_at", UTC_TIME, nullable=False),
        sa.Column("until", UTC_TIME, nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("lifted_at", UTC_TIME, nullable=True),
        sa.Column("lifted_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(kind = 'mute' AND reporter_id IS NOT NULL AND account_id IS NULL) OR "
            "(kind = 'snooze' AND account_id IS NOT NULL AND reporter_id IS NULL)",
            name=op.f("ck_queue_hold_target_of_kind"),
        ),
        sa.CheckConstraint("kind IN ('mute', 'snooze')", name=op.f("ck_queue_hold_kind")),
        sa.CheckConstraint("length(reason) <= 500", name=op.f("ck_queue_hold_reason_bounded")),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_queue_hold_reason_not_blank")
        ),
        sa.CheckConstraint("until > starts_at", name=op.f("ck_queue_hold_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_queue_hold_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["reviewer.id"], name=op.f("fk_queue_hold_created_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["lifted_by"], ["reviewer.id"], name=op.f("fk_queue_hold_lifted_by_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["reporter.id"], name=op.f("fk_queue_hold_reporter_id_reporter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_hold")),
    )
    with op.batch_alter_table("queue_hold", schema=None) as batch_op:
        batch_op.create_index("ix_queue_hold_open", ["lifted_at", "until"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("queue_hold", schema=None) as batch_op:
        batch_op.drop_index("ix_queue_hold_open")

    op.drop_table("queue_hold")
    op.drop_table("saved_filter")
