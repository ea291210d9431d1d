"""internal notes on cases and accounts, and case tags from a managed list

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 19:48:17

* ``internal_note``: a reviewer's note on exactly one case or one account,
  with its author and time, at most 2,000 characters; reviewers only.
* ``tag`` (the list supervisors and administrators keep) and ``case_tag``
  (which case carries which tag, who put it there and when).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=24), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("retired_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_tag_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["reviewer.id"], name=op.f("fk_tag_created_by_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "case_tag",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("added_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["reviewer.id"], name=op.f("fk_case_tag_added_by_reviewer")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_tag_case_id_cases")),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], name=op.f("fk_case_tag_tag_id_tag")),
        sa.PrimaryKeyConstraint("case_id", "tag_id", name=op.f("pk_case_tag")),
    )
    with op.batch_alter_table("case_tag", schema=None) as batch_op:
        batch_op.create_index("ix_case_tag_tag", ["tag_id", "case_id"], unique=False)

    op.create_table(
        "internal_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(case_id IS NULL) <> (account_id IS NULL)",
            name=op.f("ck_internal_note_note_on_case_or_account"),
        ),
        sa.CheckConstraint("length(body) <= 2000", name=op.f("ck_internal_note_body_bounded")),
        sa.CheckConstraint("length(trim(body)) > 0", name=op.f("ck_internal_note_body_not_blank")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_internal_note_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["reviewer.id"], name=op.f("fk_internal_note_author_id_reviewer")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_internal_note_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_internal_note")),
    )
    with op.batch_alter_table("internal_note", schema=None) as batch_op:
        batch_op.create_index(
            "ix_internal_note_account", ["account_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_internal_note_case", ["case_id", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("internal_note", schema=None) as batch_op:
        batch_op.drop_index("ix_internal_note_case")
        batch_op.drop_index("ix_internal_note_account")

    op.drop_table("internal_note")
    with op.batch_alter_table("case_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_case_tag_tag")

    op.drop_table("case_tag")
    op.drop_table("tag")
