"""Composition root of the queue server: engine, migrations, hall, event hub, FastAPI app."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from queue_server.adapters.db import is_sqlite, make_engine
from queue_server.adapters.event_log import EVENTS_CHANNEL, SESSIONS_CHANNEL, process_token
from queue_server.adapters.hub import EventHub
from queue_server.adapters.migrate import upgrade
from queue_server.adapters.uow import SqlUnitOfWork, in_batch, publish_commits
from queue_server.adapters.writer import SerialWriter
from queue_server.api import errors as api_errors
from queue_server.api import pages
from queue_server.api.limits import BodyLimit
from queue_server.api.routes import (
    admin,
    appointments,
    auth,
    desk,
    followups,
    stats,
    tickets,
    windows,
)
from queue_server.api.routes import hall as hall_routes
from queue_server.api.routes import help as help_routes
from queue_server.api.timing import ServerTiming
from queue_server.config import HallConfig, Settings, load_hall
from queue_server.domain.events import Event
from queue_server.hall import Clock, Hall, utc_now
from queue_server.services.staff import forget_revoked

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024


def load_secret(settings: Settings) -> bytes:
    """The server secret that keys ID hashes: from HALLQ_SECRET or a private file."""
    if settings.secret:
        return settings.secret.encode()
    path = settings.data_dir / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def build_hall(
    settings: Settings, config: HallConfig | None = None, *, clock: Clock = utc_now
) -> Hall:
    """Wire the real adapters; migrate the database to the newest schema."""
    config = config or load_hall(settings.config)
    engine = make_engine(
        settings.resolved_database_url(),
        synchronous=settings.sqlite_synchronous,
        busy_timeout_s=settings.sqlite_busy_timeout_s,
    )
    upgrade(engine)

    def uow(*, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, write=write)

    hall = Hall(
        config=config,
        uow=uow,
        engine=engine,
        secret=load_secret(settings),
        clock=clock,
        open_all_hours=settings.open_all_hours,
        token_hours=settings.token_hours,
        session_cache_s=settings.session_cache_s,
        writer=SerialWriter(engine) if is_sqlite(engine) else None,
    )
    with hall.uow() as u:
        u.windows.ensure(hall.window_numbers())
        u.commit()
    return hall


def create_app(
    settings: Settings | None = None,
    config: HallConfig | None = None,
    *,
    clock: Clock = utc_now,
    hall: Hall | None = None,
    freeze_gc: bool = False,
) -> FastAPI:
    """The FastAPI application of one hall.

    `freeze_gc` (for `hallq serve`, one app per process): once started, move every object
    alive then (modules, config, the hall; ~120,000) out of the cyclic collector's reach.
    Without it each full collection scans them all and stops the server ~100 ms, delaying
    every request in flight (docs/PERFORMANCE.md, "Collector pauses"). Not for tests, where
    many apps share one process and freezing would keep each one's cycles forever.
    """
    settings = settings or Settings()
    hall = hall or build_hall(settings, config, clock=clock)
    zone_by_window = {w.number: w.zone for w in hall.config.windows}

    def zone_of(ev: Event) -> str | None:
        return ev.zone or (zone_by_window.get(ev.window) if ev.window is not None else None)

    def read_since(seq: int) -> list[Event]:
        with hall.uow(write=False) as u:
            return u.events.since(seq)

    def last_seq() -> int:
        with hall.uow(write=False) as u:
            return u.events.last_seq()

    hub = EventHub(
        read_since,
        last_seq,
        zone_of,
        poll_s=settings.event_poll_s,
        encode=hall_routes.encode_event,
    )
    # Each commit hands its events to the hub itself, which sends them without reading the
    # log back: a writer group (SQLite) after its COMMIT, any other unit of work after its
    # own. The hub reads the log only after a gap (another process's commit, offers of
    # concurrent PostgreSQL transactions arriving out of order), on a poke, or on its poll.
    if hall.writer is not None:
        hall.writer.publish = hub.offer
    if hall.engine is not None:
        publish_commits(hall.engine, hub.offer)
    # On SQLite a commit outside a writer group also wakes the hub (a rare path: admin
    # endpoints). On PostgreSQL it would be a read of the log per write for nothing new —
    # there the other processes' commits arrive by NOTIFY.
    poke_on_commit = hall.engine is None or is_sqlite(hall.engine)

    def notify() -> None:
        if poke_on_commit and not in_batch():
            hub.poke()

    hall.notify = notify

    @asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[None]:
        await hub.start()
        listener = None
        if hall.engine is not None and hall.engine.dialect.name == "postgresql":
            from queue_server.adapters.notify import PgListener

            listener = PgListener(
                hall.engine,
                {
                    # Not our own commits: their events came from the unit of work.
                    EVENTS_CHANNEL: lambda payload: (
                        None if payload == process_token() else hub.poke()
                    ),
                    SESSIONS_CHANNEL: lambda payload: forget_revoked(hall, payload),
                },
            )
            listener.start()
        started.state.listener = listener  # PostgreSQL: the other processes' events and logouts
        if freeze_gc:
            gc.collect()
            gc.freeze()
        yield
        if listener is not None:
            await asyncio.to_thread(listener.stop)
        if hall.writer is not None:
            await asyncio.to_thread(hall.writer.close)
        await hub.stop()

    app = FastAPI(
        title=f"HallQ — {hall.config.hall.name}",
        version="1",
        lifespan=lifespan,
        description="Queue server of a government service hall (政务服务大厅).",
    )
    app.state.hall = hall
    app.state.hub = hub
    app.state.origins = list(settings.cors_origins)  # also checked on the event stream
    api_errors.install(app)
    for router in (
        hall_routes.router,
        tickets.router,
        tickets.devices,
        windows.router,
        auth.router,
        stats.router,
        appointments.router,
        desk.router,
        followups.router,
        admin.router,
        help_routes.devices,
        help_routes.handling,
    ):
        app.include_router(router, prefix="/api/v1")
    app.include_router(pages.router)
    app.include_router(admin.page)
    app.include_router(help_routes.page)
    app.include_router(followups.page)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )

    app.add_middleware(BodyLimit, max_bytes=MAX_BODY)
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # the catalogue is ~150 KB of JSON
    app.add_middleware(ServerTiming)  # outermost: its `app` time includes the others
    return app
