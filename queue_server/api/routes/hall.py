"""Health, the catalogue and the hall state, and the live event stream."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from fastapi.concurrency import run_in_threadpool

from queue_server.adapters.hub import EventHub, Subscription
from queue_server.api.deps import HallDep, error_docs
from queue_server.api.errors import error_response
from queue_server.domain import errors
from queue_server.domain.events import Event
from queue_server.hall import Hall
from queue_server.services import views

log = logging.getLogger(__name__)
router = APIRouter(tags=["hall"])
ZoneQuery = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9_.-]*$")]
REPLAY_BATCH = 2000
# Event details anyone on the hall network must not read: who was rated how, staff notes,
# whom a green ticket serves (disabled, pregnant …: the ticket's answers carry it to staff).
PRIVATE = frozenset({"note", "rating", "reasons", "staff", "comment", "green_category"})


@router.get("/health")
async def health() -> dict[str, str]:
    # async: a load balancer's probe needs no thread of the pool.
    return {"status": "ok"}


@router.get("/catalog")
def catalog(hall: HallDep) -> dict[str, Any]:
    """Zones, departments, matters (guide, people waiting, estimated wait) and windows."""
    return views.catalog(hall)


@router.get("/state", responses=error_docs(404, 422))
def state(hall: HallDep, zone: ZoneQuery = None) -> dict[str, Any]:
    """Snapshot for displays: `seq`, latest calls, windows, waiting per zone."""
    _check_zone(hall, zone)
    return views.hall_state(hall, zone or None)


def _check_zone(hall: Hall, zone: str | None) -> None:
    if zone and hall.config.zone(zone) is None:
        raise errors.UnknownZone(
            f"There is no zone {zone!r} in this hall.", f"本大厅没有功能区“{zone}”。"
        )


def event_json(event: Event, zone: str | None) -> dict[str, Any]:
    """The public wire form. Ticket tokens are capabilities (rating, status) and stay out."""
    return {
        "seq": event.seq,
        "type": event.type,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "window": event.window,
        "ticket": event.ticket,
        "matter": event.matter,
        "zone": zone,
        **{k: v for k, v in event.data.items() if k not in PRIVATE},
    }


@router.websocket("/events")
async def events(
    ws: WebSocket,
    zone: ZoneQuery = None,
    since: Annotated[int | None, Query(ge=0, le=2**62)] = None,
) -> None:
    """Live events in `seq` order. With `since`, missed events are replayed first."""
    hub: EventHub = ws.app.state.hub
    hall = ws.app.state.hall
    if not origin_allowed(ws.headers.get("origin"), ws.headers.get("host"), ws.app.state.origins):
        await ws.send_denial_response(
            error_response(
                403,
                "forbidden_origin",
                "A page of another site may not open the hall's event stream.",
                "其他网站的页面不能连接本大厅的事件流。",
            )
        )
        return
    if zone and hall.config.zone(zone) is None:
        await ws.send_denial_response(
            error_response(404, "unknown_zone", "No such function zone.", "本大厅没有该功能区。")
        )
        return
    await ws.accept()
    sub = hub.subscribe(zone or None)
    try:
        last = hub.seq
        if since is not None:
            # From the log, not from the hub: the hub may not have read the newest commits yet.
            # Replay until the log is exhausted: whatever commits later is already queued
            # for this subscriber (it subscribed first) and is de-duplicated by seq below.
            cursor = since
            while True:
                backlog = await run_in_threadpool(_read_since, hall, cursor)
                for ev in backlog:
                    if _visible(hub, ev, zone):
                        await ws.send_json(event_json(ev, hub.zone_of(ev)))
                    cursor = ev.seq or cursor
                if len(backlog) < REPLAY_BATCH:
                    break
            newest = await run_in_threadpool(_last_seq, hall)
            last = max(last, min(cursor, newest))
        await ws.send_json({"type": "hello", "seq": last})
        # One waiting `get` per event, nothing else: a task and an asyncio.wait per event and
        # subscriber cost more than the send at 500 subscribers. The reader of the client's
        # side ends the subscription when the client goes.
        receiver = asyncio.create_task(_drain(ws, sub))
        while True:
            item = await sub.queue.get()
            if item is None:  # gone, cut off (too slow) or shutting down: the client re-syncs
                break
            if item.seq is not None and item.seq <= last:
                continue
            last = item.seq or last
            await ws.send_text(item.text)
        receiver.cancel()
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        hub.unsubscribe(sub)
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await ws.close()


def origin_allowed(origin: str | None, host: str | None, listed: list[str]) -> bool:
    """Browsers send Origin on every WebSocket; the apps (Qt) send none.

    Allowed: no Origin, a page of this server (its Origin's host is the request's Host), or
    an origin listed in HALLQ_CORS_ORIGINS (a smart TV's page served from elsewhere). A page
    of any other site, opened in a browser on the hall network, is refused.
    """
    if origin is None:
        return True
    if origin in listed:
        return True
    return host is not None and urlsplit(origin).netloc.lower() == host.lower()


def _read_since(hall: Any, since: int) -> list[Event]:
    with hall.uow(write=False) as uow:
        return uow.events.since(since, limit=REPLAY_BATCH)


def _last_seq(hall: Any) -> int:
    with hall.uow(write=False) as uow:
        return int(uow.events.last_seq())


def _visible(hub: EventHub, ev: Event, zone: str | None) -> bool:
    ez = hub.zone_of(ev)
    return not zone or not ez or ez == zone


async def _drain(ws: WebSocket, sub: Subscription) -> None:
    """Read (and ignore) what the client sends, to notice when it goes away: then end `sub`."""
    try:
        with contextlib.suppress(WebSocketDisconnect):
            while True:
                await ws.receive_text()
    finally:
        sub.end()


def encode_event(event: Event, zone: str | None) -> str:
    """`event_json` as text, as `WebSocket.send_json` would send it."""
    return json.dumps(event_json(event, zone), ensure_ascii=False, separators=(",", ":"))
