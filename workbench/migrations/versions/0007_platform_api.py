"""platform API: the platform role, API clients, seen signatures, appeal external ids

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import workbench.models.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ROLES = "role IN ('moderator', 'supervisor', 'appeal_reviewer', 'administrator')"
NEW_ROLES = "role IN ('moderator', 'supervisor', 'appeal_reviewer', 'administrator', 'platform')"


def upgrade() -> None:
    with op.batch_alter_table("reviewer_role", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reviewer_role_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_reviewer_role_role"), NEW_ROLES)
    op.create_table(
        "api_client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", workbench.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_api_client_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["reviewer.id"], name=op.f("fk_api_client_reviewer_id_reviewer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_client")),
        sa.UniqueConstraint("name", name=op.f("uq_api_client_name")),
        sa.UniqueConstraint("reviewer_id", name=op.f("uq_api_client_reviewer_id")),
    )
    op.create_table(
        "api_signature",
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("signed_at", workbench.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["api_client.id"], name=op.f("fk_api_signature_client_id_api_client")
        ),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_api_signature")),
    )
    with op.batch_alter_table("api_signature", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_signature_signed_at"), ["signed_at"], unique=False)
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_appeal_external_id"), ["external_id"])


def downgrade() -> None:
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_appeal_external_id"), type_="unique")
        batch_op.drop_column("external_id")
    with op.batch_alter_table("api_signature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_signature_signed_at"))
    op.drop_table("api_signature")
    op.drop_table("api_client")
    op.execute("DELETE FROM reviewer_role WHERE role = 'platform'")
    with op.batch_alter_table("reviewer_role", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reviewer_role_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_reviewer_role_role"), OLD_ROLES)
