"""indexes for taking the next case: the claim order, and leases that ran out

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 22:20:00

* ``ix_case_claim_order`` replaces ``ix_case_open_unclaimed`` (queue, due time): the
  unclaimed open cases of a queue in the whole order a claim takes them (due first,
  then highest priority, then oldest), so the next case is the first entry not
  locked instead of a sort of every free case of the queue at each claim (issue 17
  item 5).
* ``ix_case_lease_expiry``: claimed open cases by queue and end of lease, so the
  claims whose lease ran out are found without reading every claimed case.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "status IN ('received','accepted','screening')"
UNCLAIMED = f"assignee_id IS NULL AND {OPEN}"
CLAIMED = f"assignee_id IS NOT NULL AND {OPEN}"


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_case_open_unclaimed")
        batch_op.create_index(
            "ix_case_claim_order",
            ["queue", "due_at", sa.text("priority DESC"), "opened_at", "id"],
            unique=False,
            sqlite_where=sa.text(UNCLAIMED),
            postgresql_where=sa.text(UNCLAIMED),
        )
        batch_op.create_index(
            "ix_case_lease_expiry",
            ["queue", "claimed_until"],
            unique=False,
            sqlite_where=sa.text(CLAIMED),
            postgresql_where=sa.text(CLAIMED),
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_case_lease_expiry")
        batch_op.drop_index("ix_case_claim_order")
        batch_op.create_index(
            "ix_case_open_unclaimed",
            ["queue", "due_at"],
            unique=False,
            sqlite_where=sa.text(UNCLAIMED),
            postgresql_where=sa.text(UNCLAIMED),
        )
