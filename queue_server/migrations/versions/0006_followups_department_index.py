"""followups: an index for a lead's list by department

A department's lead (首席代表) lists their own department's follow-ups:
`WHERE department = ? AND status (= | <>) 'closed' ORDER BY opened_at DESC LIMIT n`, on every
page load, event and 30 s refresh. The only index, (status, opened_at), made that a walk over
every department's open (or every closed) follow-up. The index on (department, status,
opened_at) finds one department's at once, in the list's order for the closed ones. No data
changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 05:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEX = "ix_followups_department_status_opened"


def upgrade() -> None:
    op.create_index(INDEX, "followups", ["department", "status", "opened_at"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="followups")
