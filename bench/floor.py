"""The stack's floor: the least a server on HallQ's stack spends on one ticket cycle.

`python -m bench.floor --hall FILE --db FILE --port N` serves the four calls the load
generator's `cycles` mode makes (staff login, issue, call-next, complete) on the stack the
architecture fixes (FastAPI on uvicorn, SQLAlchemy Core on SQLite in WAL mode), and nothing
else. Each call keeps what any implementation of it must pay:

- HTTP on uvicorn (uvloop, httptools), FastAPI routing, a bearer-token dependency, the request
  body validated by HallQ's own pydantic model (`TicketCreate`, `CompleteIn`, `LoginIn`) and
  the answer serialized through HallQ's own response model (`TicketPublic`);
- its transaction, on one SQLite connection, with the fewest statements the cycle needs:
  issue = INSERT ticket + INSERT event; call-next = SELECT the first waiting ticket of the
  window's matters + UPDATE it + INSERT event; complete = UPDATE + INSERT event.

And it leaves out everything HallQ decides: the hall day and opening hours, ticket numbers
per zone, work profiles and order rules, green-channel caps, positions and wait estimates,
idempotency keys, quotas and ID limits, sessions in the database, window state in the
database, the writer thread and group commit, the event hub and its subscribers, access
rules, bilingual errors, the request-size guard and compression. The transactions run on
the event loop itself (no thread hop) with `synchronous=NORMAL` (no fsync per commit).

So its cycles per second bound from above what HallQ can reach on this machine with this
stack; the benchmark reports both (PERFORMANCE.md, "The stack's floor"). It is a yardstick,
not an alternative: it would lose tickets' order, numbers and audit in a real hall.
"""

from __future__ import annotations

import argparse
import secrets
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from bench.hallgen import served_matters
from queue_server.protocol import CompleteIn, LoginIn, TicketCreate, TicketPublic

meta = MetaData()
tickets = Table(
    "tickets",
    meta,
    Column("id", Integer, primary_key=True),
    Column("token", String(32), nullable=False, unique=True),
    Column("number", String(8), nullable=False),
    Column("matter", String(64), nullable=False),
    Column("rank", Integer, nullable=False),  # 0 green channel, 1 normal: called in that order
    Column("status", String(16), nullable=False),
    Column("window", Integer),
    Column("issued_at", DateTime, nullable=False),
    Column("called_at", DateTime),
    Column("finished_at", DateTime),
    Column("outcome", String(16)),
    # The next ticket in one index walk, however long the queue: the first waiting one, in
    # call order, of a matter the window serves (no sort, a few rows read).
    Index("ix_floor_next", "status", "rank", "id"),
)
events = Table(
    "events",
    meta,
    Column("seq", Integer, primary_key=True),
    Column("type", String(32), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("ticket", String(32)),
    Column("window", Integer),
    Column("data", JSON, nullable=False),
)
_NEXT = (
    select(tickets)
    .where(
        tickets.c.status == "waiting", tickets.c.matter.in_(bindparam("matters", expanding=True))
    )
    .order_by(tickets.c.rank, tickets.c.id)
    .limit(1)
)
# Built once, with bound parameters: per call only the values change (the cheapest way to
# run a statement through SQLAlchemy Core: no construction, a cached compilation).
_ISSUE = insert(tickets).returning(tickets)
_EVENT = insert(events)
_CALL = (
    update(tickets)
    .where(tickets.c.id == bindparam("p_id"), tickets.c.status == "waiting")
    .values(status="called", window=bindparam("p_window"), called_at=bindparam("p_at"))
    .returning(tickets)
)
_DONE = (
    update(tickets)
    .where(tickets.c.id == bindparam("p_id"))
    .values(status="done", finished_at=bindparam("p_at"), outcome=bindparam("p_outcome"))
    .returning(tickets)
)


class Floor:
    """The floor server's state: the hall's matters and keys, sessions, the connection."""

    def __init__(self, hall: dict[str, Any], db: Path) -> None:
        self.matters = {m["code"]: m for m in hall["matters"]}
        self.profiles = served_matters(hall)
        self.pins = {s["id"]: s["pin"] for s in hall["staff"]}
        self.sessions: dict[str, tuple[str, int | None]] = {
            d["key"]: ("device", None) for d in hall["devices"] if d["role"] == "kiosk"
        }
        self.in_hand: dict[int, int] = {}  # window → ticket id
        self.issued = 0
        engine = create_engine(f"sqlite:///{db}")

        @event.listens_for(engine, "connect")
        def _wal(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            dbapi_conn.execute("PRAGMA synchronous=NORMAL")

        meta.create_all(engine)
        self.conn: Connection = engine.connect()

    def public(self, row: Any, request: Request) -> TicketPublic:
        matter = self.matters[row.matter]
        return TicketPublic(
            number=row.number,
            token=row.token,
            matter=row.matter,
            matter_name=matter["name"],
            matter_name_en=matter.get("name_en", ""),
            zone=matter["zone"],
            priority="normal" if row.rank else "green",
            status=row.status,
            windows=[row.window] if row.window else [],
            window=row.window,
            issued_at=row.issued_at,
            called_at=row.called_at,
            outcome=row.outcome,
            status_url=f"{request.base_url}t/{row.token}",
        )


_bearer = HTTPBearer(auto_error=False)


async def _who(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> tuple[str, int | None]:
    """The caller's kind and window, from its key or the token of its login."""
    sessions: dict[str, tuple[str, int | None]] = request.app.state.sessions
    found = sessions.get(creds.credentials) if creds else None
    if found is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED)
    return found


Who = Annotated[tuple[str, int | None], Depends(_who)]


def _event(kind: str, at: datetime, token: str, window: int) -> dict[str, Any]:
    return {"type": kind, "at": at, "ticket": token, "window": window, "data": {}}


def create_floor_app(floor: Floor) -> FastAPI:
    app = FastAPI()
    app.state.sessions = floor.sessions

    @app.get("/api/v1/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/auth/login")
    async def login(body: LoginIn) -> dict[str, str]:
        if floor.pins.get(body.staff_id) != body.pin:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED)
        token = secrets.token_urlsafe(24)
        floor.sessions[token] = ("staff", body.window)
        return {"token": token}

    @app.post("/api/v1/tickets", status_code=status.HTTP_201_CREATED)
    async def issue(body: TicketCreate, who: Who, request: Request) -> TicketPublic:
        if body.matter not in floor.matters:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        now = datetime.now(UTC)
        floor.issued += 1
        token = secrets.token_urlsafe(12)
        with floor.conn.begin():
            row = floor.conn.execute(
                _ISSUE,
                {
                    "token": token,
                    "number": f"A{floor.issued:03d}",
                    "matter": body.matter,
                    "rank": 0 if body.priority == "green" else 1,
                    "status": "waiting",
                    "issued_at": now,
                },
            ).one()
            floor.conn.execute(
                _EVENT, {"type": "ticket.issued", "at": now, "ticket": token, "data": {}}
            )
        return floor.public(row, request)

    @app.post("/api/v1/windows/{number}/call-next", response_model=None)
    async def call_next(
        number: int, who: Who, request: Request
    ) -> dict[str, TicketPublic] | Response:
        if who[1] != number:
            raise HTTPException(status.HTTP_403_FORBIDDEN)
        now = datetime.now(UTC)
        with floor.conn.begin():
            row = floor.conn.execute(_NEXT, {"matters": floor.profiles[number]}).first()
            if row is None:
                return Response(status_code=status.HTTP_204_NO_CONTENT)
            row = floor.conn.execute(_CALL, {"p_id": row.id, "p_window": number, "p_at": now}).one()
            floor.conn.execute(_EVENT, _event("ticket.called", now, row.token, number))
        floor.in_hand[number] = row.id
        return {"ticket": floor.public(row, request)}

    @app.post("/api/v1/windows/{number}/complete")
    async def complete(
        number: int, body: CompleteIn, who: Who, request: Request
    ) -> dict[str, TicketPublic]:
        if who[1] != number or number not in floor.in_hand:
            raise HTTPException(status.HTTP_409_CONFLICT)
        now = datetime.now(UTC)
        with floor.conn.begin():
            row = floor.conn.execute(
                _DONE, {"p_id": floor.in_hand.pop(number), "p_at": now, "p_outcome": body.outcome}
            ).one()
            floor.conn.execute(_EVENT, _event("ticket.completed", now, row.token, number))
        return {"ticket": floor.public(row, request)}

    return app


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    p = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__)
    p.add_argument("--hall", required=True, help="the benchmark hall TOML")
    p.add_argument("--db", required=True, help="an SQLite file (created)")
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args(argv)
    hall = tomllib.loads(Path(args.hall).read_text(encoding="utf-8"))
    app = create_floor_app(Floor(hall, Path(args.db)))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
