"""Repositories for staff sessions, sign-ins, login attempts, ratings and appointments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from queue_server.adapters import statements as q
from queue_server.adapters import tables as t
from queue_server.adapters.event_log import SESSIONS_CHANNEL
from queue_server.adapters.repository import from_db, to_db


class SessionRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(
        self,
        *,
        token_hash: str,
        staff_id: str,
        role: str,
        window: int | None,
        now: datetime,
        expires_at: datetime,
    ) -> None:
        self.conn.execute(
            insert(t.sessions).values(
                token_hash=token_hash,
                staff_id=staff_id,
                role=role,
                window_no=window,
                created_at=to_db(now),
                expires_at=to_db(expires_at),
                revoked=False,
            )
        )

    def get(self, token_hash: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            select(t.sessions).where(t.sessions.c.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["expires_at"] = from_db(data["expires_at"])
        return data

    def revoke(self, token_hash: str) -> None:
        self.conn.execute(
            update(t.sessions).where(t.sessions.c.token_hash == token_hash).values(revoked=True)
        )
        self._announce(f"token:{token_hash}")

    def live_at_window(self, staff_id: str | None, window: int, now: datetime) -> bool:
        """Whether `staff_id` still holds an unexpired, unrevoked session at `window`."""
        row = self.conn.execute(
            select(t.sessions.c.token_hash).where(
                t.sessions.c.window_no == window,
                t.sessions.c.staff_id == staff_id,
                t.sessions.c.revoked.is_(False),
                t.sessions.c.expires_at > to_db(now),
            )
        ).first()
        return row is not None

    def revoke_window(self, window: int) -> None:
        """A new sign-in at a window ends earlier sessions there."""
        self.conn.execute(
            update(t.sessions)
            .where(t.sessions.c.window_no == window, t.sessions.c.revoked.is_(False))
            .values(revoked=True)
        )
        self._announce(f"window:{window}")

    def _announce(self, payload: str) -> None:
        """PostgreSQL: tell the other server processes, at commit, to drop what they cached
        of the revoked sessions (adapters.notify); a rollback sends nothing."""
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(
                q.NOTIFY_PAYLOAD, {"p_channel": SESSIONS_CHANNEL, "p_payload": payload}
            )


class SigninRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(
        self, *, staff_id: str, window: int | None, day: date, now: datetime, ab_role: str
    ) -> None:
        self.conn.execute(
            insert(t.signins).values(
                staff_id=staff_id, window_no=window, day=day, at=to_db(now), ab_role=ab_role
            )
        )

    def of_day(self, day: date, staff_id: str) -> list[datetime]:
        rows = self.conn.execute(
            select(t.signins.c.at)
            .where(t.signins.c.day == day, t.signins.c.staff_id == staff_id)
            .order_by(t.signins.c.at)
        )
        return [m for m in (from_db(r[0]) for r in rows) if m is not None]


class LoginAttemptRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, staff_id: str, now: datetime, ok: bool) -> None:
        self.conn.execute(insert(t.login_attempts).values(staff_id=staff_id, at=to_db(now), ok=ok))

    def failures_since(self, staff_id: str, since: datetime) -> int:
        """Failed attempts since `since` and since the last success."""
        last_ok = self.conn.execute(
            select(func.max(t.login_attempts.c.at)).where(
                t.login_attempts.c.staff_id == staff_id, t.login_attempts.c.ok.is_(True)
            )
        ).scalar_one()
        floor = max(to_db(since), last_ok) if last_ok else to_db(since)
        return int(
            self.conn.execute(
                select(func.count()).where(
                    t.login_attempts.c.staff_id == staff_id,
                    t.login_attempts.c.ok.is_(False),
                    t.login_attempts.c.at > floor,
                )
            ).scalar_one()
        )


class EvaluationRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(
        self,
        *,
        token: str,
        rating: int,
        reasons: list[str],
        comment: str,
        now: datetime,
        window: int | None,
        staff_id: str | None,
    ) -> None:
        self.conn.execute(
            insert(t.evaluations).values(
                token=token,
                rating=rating,
                reasons=reasons,
                comment=comment,
                at=to_db(now),
                window_no=window,
                staff_id=staff_id,
            )
        )


class AppointmentRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(
        self,
        *,
        code: str,
        matter: str,
        day: date,
        slot_start: datetime,
        id_hash: str | None,
        now: datetime,
        address_hash: str | None = None,
    ) -> None:
        self.conn.execute(
            insert(t.appointments).values(
                code=code,
                matter=matter,
                day=day,
                slot_start=to_db(slot_start),
                id_hash=id_hash,
                status="booked",
                created_at=to_db(now),
                address_hash=address_hash,
            )
        )

    def get(self, code: str) -> dict[str, Any] | None:
        row = self.conn.execute(select(t.appointments).where(t.appointments.c.code == code)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["slot_start"] = from_db(data["slot_start"])
        return data

    def mark_used(self, code: str, ticket_token: str) -> None:
        self.conn.execute(
            update(t.appointments)
            .where(t.appointments.c.code == code)
            .values(status="checked_in", ticket_token=ticket_token)
        )

    def count_slot(self, matter: str, slot_start: datetime) -> int:
        return int(
            self.conn.execute(
                select(func.count()).where(
                    t.appointments.c.matter == matter,
                    t.appointments.c.slot_start == to_db(slot_start),
                )
            ).scalar_one()
        )

    def booked_by(self, day: date, matter: str, id_hash: str) -> bool:
        return (
            self.conn.execute(
                select(t.appointments.c.code).where(
                    t.appointments.c.day == day,
                    t.appointments.c.matter == matter,
                    t.appointments.c.id_hash == id_hash,
                )
            ).first()
            is not None
        )
