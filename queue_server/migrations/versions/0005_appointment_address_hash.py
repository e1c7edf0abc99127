"""appointments: the keyed hash of the client address a booking counts against

One nullable column on `appointments`, `address_hash`: for a booking made without signing in
(the phone page) from a network not exempt, the HMAC-SHA256 under the server secret of its
client address key (an IPv4 address, or an IPv6 /64) — never the address itself. The limit
per client address (`[appointments] max_bookings_per_address`) counts these rows, so the
count survives a restart and is one for every server process of the hall. The index on
(address_hash, created_at) answers "bookings from this address since T" from the index.

Bookings made before the upgrade keep NULL: they were counted in a process's memory, which
the upgrade's restart forgot anyway.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_appointments_address_created"


def upgrade() -> None:
    with op.batch_alter_table("appointments") as batch:
        batch.add_column(sa.Column("address_hash", sa.String(length=64), nullable=True))
    op.create_index(INDEX, "appointments", ["address_hash", "created_at"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="appointments")
    with op.batch_alter_table("appointments") as batch:
        batch.drop_column("address_hash")
