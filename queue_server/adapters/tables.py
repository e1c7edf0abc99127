"""SQLAlchemy Core tables. Times are stored as naive UTC; repositories add the zone back."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# SQLite only aliases rowid for INTEGER PRIMARY KEY, not BIGINT.
Id = BigInteger().with_variant(Integer(), "sqlite")

tickets = Table(
    "tickets",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False),
    Column("number", String(12), nullable=False),
    Column("token", String(40), nullable=False, unique=True),
    Column("matter", String(40), nullable=False),
    Column("zone", String(40), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("priority", String(10), nullable=False),
    Column("status", String(12), nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("queued_at", DateTime, nullable=False),
    Column("appointment_at", DateTime),
    Column("is_returning", Boolean, nullable=False, default=False),
    Column("target_window", Integer),
    Column("window_no", Integer),
    Column("called_at", DateTime),
    Column("served_at", DateTime),
    Column("finished_at", DateTime),
    Column("recalls", Integer, nullable=False, default=0),
    Column("calls", Integer, nullable=False, default=0),
    Column("transfers", Integer, nullable=False, default=0),
    Column("requeued", Boolean, nullable=False, default=False),
    Column("outcome", String(12)),
    Column("id_hash", String(64)),
    Column("id_masked", String(24)),
    Column("phone", String(20)),
    Column("rated", Boolean, nullable=False, default=False),
    # Migration 0003, the Idempotency-Key of POST /tickets: who issued the ticket (the
    # caller's actor, "device:kiosk-1"), the key it sent and a keyed digest of its body.
    Column("issued_by", String(60)),
    Column("request_key", String(64)),
    Column("request_digest", String(64)),
    # Migration 0004: whom a green-channel ticket is for (a `GREEN_CATEGORIES` code), so the
    # counter console can say it; NULL for normal tickets and green ones taken without one.
    Column("green_category", String(16)),
    UniqueConstraint("day", "number", name="uq_ticket_day_number"),
    Index("ix_tickets_status_matter", "status", "matter"),
    Index("ix_tickets_day_matter", "day", "matter"),
    Index("ix_tickets_day_id_hash", "day", "id_hash"),
    Index("ix_tickets_matter_finished", "matter", "finished_at"),
    # One ticket per key, caller and hall day (rows without a key are NULL: never equal).
    Index("uq_tickets_day_request", "day", "issued_by", "request_key", unique=True),
)

counters = Table(
    "counters",
    metadata,
    Column("day", Date, primary_key=True),
    Column("prefix", String(4), primary_key=True),
    Column("last", Integer, nullable=False),
)

windows = Table(
    "windows",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("status", String(10), nullable=False),
    Column("staff_id", String(40)),
    Column("current", String(40)),
    Column("pause_reason", String(200), nullable=False, default=""),
    Column("priority_streak", Integer, nullable=False, default=0),
)

events = Table(
    "events",
    metadata,
    Column("seq", Id, primary_key=True, autoincrement=True),
    Column("type", String(32), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("window_no", Integer),
    Column("ticket", String(12)),
    Column("token", String(40)),
    Column("matter", String(40)),
    Column("zone", String(40)),
    Column("data", JSON, nullable=False),
    Index("ix_events_at", "at"),
    Index("ix_events_token", "token"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("staff_id", String(40), nullable=False),
    Column("role", String(10), nullable=False),
    Column("window_no", Integer),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

signins = Table(
    "signins",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("staff_id", String(40), nullable=False),
    Column("window_no", Integer),
    Column("day", Date, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("ab_role", String(6), nullable=False),
    Index("ix_signins_day_staff", "day", "staff_id"),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("staff_id", String(40), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("ok", Boolean, nullable=False),
    Index("ix_login_attempts_staff_at", "staff_id", "at"),
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("token", String(40), primary_key=True),
    Column("rating", Integer, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("at", DateTime, nullable=False),
    Column("window_no", Integer),
    Column("staff_id", String(40)),
)

appointments = Table(
    "appointments",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("matter", String(40), nullable=False),
    Column("day", Date, nullable=False),
    Column("slot_start", DateTime, nullable=False),
    Column("id_hash", String(64)),
    Column("status", String(12), nullable=False),
    Column("ticket_token", String(40)),
    Column("created_at", DateTime, nullable=False),
    # Migration 0005: for a booking made without signing in, the keyed hash of the client
    # address it counts against (never the address); the index answers "bookings from this
    # address since T" for the limit per address.
    Column("address_hash", String(64)),
    Index("ix_appointments_matter_slot", "matter", "slot_start"),
    Index("ix_appointments_address_created", "address_hash", "created_at"),
)


# --- hall operations (migration 0002): appointments, follow-ups, the guide desk -------------
# Per-person look-ups of bookings (one per day per matter, limits per ID) without a scan.
Index("ix_appointments_id_hash_day", appointments.c.id_hash, appointments.c.day)

appointment_details = Table(
    "appointment_details",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("channel", String(10), nullable=False),
    Column("id_masked", String(24)),
    Column("phone", String(20)),
    Column("cancelled_at", DateTime),
)

followups = Table(
    "followups",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ticket_token", String(40), nullable=False, unique=True),
    Column("ticket", String(12), nullable=False),
    Column("day", Date, nullable=False),
    Column("matter", String(40), nullable=False),
    Column("zone", String(40), nullable=False),
    Column("department", String(40), nullable=False),
    Column("window_no", Integer),
    Column("staff_id", String(40)),
    Column("rating", Integer, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("status", String(10), nullable=False),
    Column("opened_at", DateTime, nullable=False),
    Column("contact_due", DateTime, nullable=False),
    Column("fix_due", DateTime, nullable=False),
    Column("contacted_at", DateTime),
    Column("closed_at", DateTime),
    Column("resolution", String(12)),
    Column("source_seq", BigInteger, nullable=False),
    Index("ix_followups_status_opened", "status", "opened_at"),
    # Migration 0006: a lead's list, one department's open or closed ones, newest first.
    Index("ix_followups_department_status_opened", "department", "status", "opened_at"),
)

followup_notes = Table(
    "followup_notes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("followup_id", Id, ForeignKey("followups.id"), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("resolution", String(12)),
    Column("note", Text, nullable=False),
    Index("ix_followup_notes_followup", "followup_id"),
)

# How far a reader of the event log has got (e.g. "followups": the last ticket.evaluated seen).
sync_cursors = Table(
    "sync_cursors",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("seq", BigInteger, nullable=False),
)

# 查询留痕: every real-name look-up at the guide desk, by whom (the ID only as its hash).
desk_lookups = Table(
    "desk_lookups",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("id_hash", String(64), nullable=False),
    Column("found", Integer, nullable=False),
    Index("ix_desk_lookups_at", "at"),
)
