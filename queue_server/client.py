"""The Qt client of the queue server: non-blocking REST calls and the live event stream.

Shared by the kiosk, counter console, hall TV, window display and evaluator. It is the one
module of `queue_server` that imports Qt, and nothing in the server imports it.
"""

from __future__ import annotations

import json
import logging
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from PySide6.QtCore import QByteArray, QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWebSockets import QWebSocket

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT_MS = 5000
Callback = Callable[[Any], object]
NetworkError = QNetworkReply.NetworkError


@dataclass(frozen=True)
class ApiError:
    """A refusal from the server, or `network` when no answer came (status 0)."""

    status: int
    code: str
    message: str
    message_zh: str
    detail: str = ""  # for the log: Qt's error text, the raw body…

    @classmethod
    def network(cls, detail: str = "") -> ApiError:
        return cls(0, "network", "Cannot reach the server", "无法连接服务器", detail)

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message}"


def new_request_key() -> str:
    """A fresh `Idempotency-Key`: one per request meant to happen once, kept for its retries."""
    return uuid.uuid4().hex


def _error_from_body(status: int, raw: bytes) -> ApiError:
    """`{"error": {code, message, message_zh}}`, or a generic error for any other body."""
    try:
        err = json.loads(raw)["error"]
        return ApiError(status, str(err["code"]), str(err["message"]), str(err["message_zh"]))
    except (ValueError, KeyError, TypeError):
        return ApiError(
            status,
            f"http_{status}",
            f"The server answered HTTP {status}.",
            f"服务器返回错误（HTTP {status}）。",
            raw[:200].decode(errors="replace"),
        )


class Reply(QObject):
    """One request in flight: exactly one of `finished(dict | None)` / `failed(ApiError)`."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, method: str, path: str) -> None:
        super().__init__()
        self.method, self.path = method, path
        self.done = False
        self.data: Any = None
        self.error: ApiError | None = None
        self._qreply: QNetworkReply | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Abort the request; neither signal fires."""
        self._cancelled = True
        if self._qreply is not None and not self.done:
            self._qreply.abort()

    def _settle(self, data: Any, error: ApiError | None) -> None:
        self.done, self.data, self.error = True, data, error
        if error is None:
            self.finished.emit(data)
        else:
            self.failed.emit(error)


class QueueClient(QObject):
    """REST calls of the `/api/v1` contract plus the live event stream, all non-blocking."""

    # Shadows QObject.event() in Python only; Qt's virtual dispatch ignores a non-function.
    event = Signal(object)  # type: ignore[assignment]  # an event dict: in seq order, once
    connected = Signal()
    disconnected = Signal()
    online_changed = Signal(bool)
    resynced = Signal(object)  # a fresh /state snapshot (dict); events continue after its seq
    refused = Signal(object)  # ApiError: the server will never serve this stream (unknown zone)

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        zone: str | None = None,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        root = base_url.rstrip("/")
        self.api_url = root if root.endswith(API_PREFIX) else root + API_PREFIX
        self.token = token
        self.zone = zone
        self.timeout_ms = timeout_ms
        self._nam = QNetworkAccessManager(self)
        self._pending: set[Reply] = set()  # keeps replies alive until they settle
        self._stream = EventStream(self)
        self._stream.event.connect(self.event)
        self._stream.connected.connect(self.connected)
        self._stream.disconnected.connect(self.disconnected)
        self._stream.online_changed.connect(self.online_changed)
        self._stream.resynced.connect(self.resynced)
        self._stream.refused.connect(self.refused)

    # -- the event stream ---------------------------------------------------------------
    @property
    def last_seq(self) -> int | None:
        """The seq of the last event delivered (or of the last snapshot); None before any."""
        return self._stream.last_seq

    @property
    def online(self) -> bool:
        return self._stream.online

    def connect_events(self) -> None:
        """Open the live event stream; it reconnects by itself until `close()`."""
        self._stream.open()

    def close(self) -> None:
        """Close the event stream and stop reconnecting (requests in flight still settle)."""
        self._stream.close()

    def events_url(self, since: int | None) -> QUrl:
        query = {k: v for k, v in (("zone", self.zone), ("since", since)) if v is not None}
        url = self.api_url.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
        return QUrl(f"{url}/events" + (f"?{urlencode(query)}" if query else ""))

    # -- plumbing ----------------------------------------------------------------------
    def get(
        self,
        path: str,
        on_ok: Callback | None = None,
        on_error: Callback | None = None,
        *,
        timeout_ms: int | None = None,
    ) -> Reply:
        """GET `/api/v1{path}`."""
        return self._send("GET", path, None, on_ok, on_error, timeout_ms=timeout_ms)

    def post(
        self,
        path: str,
        body: dict[str, Any] | None = None,
        on_ok: Callback | None = None,
        on_error: Callback | None = None,
        *,
        timeout_ms: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """POST `body` as JSON to `/api/v1{path}`."""
        return self._send(
            "POST", path, body, on_ok, on_error, timeout_ms=timeout_ms, headers=headers
        )

    def _send(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        on_ok: Callback | None,
        on_error: Callback | None,
        *,
        timeout_ms: int | None = None,
        before_ok: Callback | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        request = QNetworkRequest(QUrl(self.api_url + path))
        request.setTransferTimeout(timeout_ms or self.timeout_ms)
        request.setRawHeader(b"Accept", b"application/json")
        if self.token:
            request.setRawHeader(b"Authorization", f"Bearer {self.token}".encode())
        for name, value in (headers or {}).items():
            request.setRawHeader(name.encode(), value.encode())
        reply = Reply(method, path)
        if on_ok is not None:
            reply.finished.connect(on_ok)
        if on_error is not None:
            reply.failed.connect(on_error)
        if method == "GET":
            qreply = self._nam.get(request)
        else:
            data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
            if body is not None:
                request.setRawHeader(b"Content-Type", b"application/json")
            qreply = self._nam.post(request, QByteArray(data))
        reply._qreply = qreply
        self._pending.add(reply)
        qreply.finished.connect(lambda: self._on_finished(reply, qreply, before_ok))
        return reply

    def _on_finished(self, reply: Reply, qreply: QNetworkReply, before_ok: Callback | None) -> None:
        self._pending.discard(reply)
        qreply.deleteLater()
        if reply._cancelled:
            return
        status = int(qreply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) or 0)
        error = qreply.error()
        if not status or (error != NetworkError.NoError and 200 <= status < 300):
            detail = qreply.errorString()
            if error in (NetworkError.TimeoutError, NetworkError.OperationCanceledError):
                detail = f"no answer within {qreply.request().transferTimeout()} ms"
            log.warning("%s %s: %s", reply.method, reply.path, detail)
            reply._settle(None, ApiError.network(detail))
            return
        raw = bytes(qreply.readAll().data())
        if not 200 <= status < 300:
            reply._settle(None, _error_from_body(status, raw))
            return
        try:
            data = json.loads(raw) if raw.strip() else None
        except ValueError:
            reply._settle(None, _error_from_body(status, raw))
            return
        if before_ok is not None:
            before_ok(data)
        reply._settle(data, None)

    # -- the contract (section 5 of ARCHITECTURE.md) -----------------------------------
    def health(self) -> Reply:
        return self.get("/health")

    def catalog(self) -> Reply:
        """Zones, departments, matters (guide, waiting, estimate) and windows."""
        return self.get("/catalog")

    def issue_ticket(
        self,
        matter: str,
        *,
        priority: str = "normal",
        id_number: str | None = None,
        appointment_code: str | None = None,
        channel: str = "kiosk",
        phone: str | None = None,
        idempotency_key: str | None = None,
        green_category: str | None = None,
    ) -> Reply:
        """Take a ticket (kiosk key or staff token); 201 → the ticket. `green_category`
        (with priority "green"): whom the green channel serves, for the statistics.

        `idempotency_key` (see `new_request_key`): send the same key again when retrying a
        request that got no answer; the server then answers 200 with the ticket it already
        issued for it instead of issuing or refusing a second one.
        """
        body: dict[str, Any] = {"matter": matter, "channel": channel, "priority": priority}
        optional = {
            "id_number": id_number,
            "phone": phone,
            "appointment_code": appointment_code,
            "green_category": green_category,
        }
        body.update({k: v for k, v in optional.items() if v})
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return self.post("/tickets", body, headers=headers)

    def call_for_help(self, *, screen: str | None = None, lang: str | None = None) -> Reply:
        """呼叫导服 (kiosk key): 201 → the new call, 200 → this kiosk's call still open."""
        body = {k: v for k, v in (("screen", screen), ("lang", lang)) if v}
        return self.post("/devices/help", body)

    def ticket(self, token: str) -> Reply:
        return self.get(f"/tickets/{quote(token, safe='')}")

    def requeue(self, token: str) -> Reply:
        """Put a no-show ticket back in line (once)."""
        return self.post(f"/tickets/{quote(token, safe='')}/requeue")

    def return_suspended(self, token: str) -> Reply:
        """A suspended ticket's citizen is back with the material."""
        return self.post(f"/tickets/{quote(token, safe='')}/return")

    def evaluate(
        self, token: str, rating: int, reasons: Iterable[str] = (), comment: str = ""
    ) -> Reply:
        """好差评: rating 1 (非常不满意) … 5 (非常满意)."""
        body = {"rating": rating, "reasons": list(reasons), "comment": comment}
        return self.post(f"/tickets/{quote(token, safe='')}/evaluation", body)

    def login(self, staff_id: str, pin: str, window: int | None) -> Reply:
        """Sign in at a window; on success the client uses the staff token from then on."""
        body = {"staff_id": staff_id, "pin": pin, "window": window}
        return self._send("POST", "/auth/login", body, None, None, before_ok=self._take_token)

    def _take_token(self, data: Any) -> None:
        if isinstance(data, dict) and data.get("token"):
            self.token = str(data["token"])

    def logout(self) -> Reply:
        return self._send("POST", "/auth/logout", None, None, None, before_ok=self._drop_token)

    def _drop_token(self, _data: Any) -> None:
        self.token = None

    def window(self, window: int) -> Reply:
        return self.get(f"/windows/{int(window)}")

    def call_next(self, window: int) -> Reply:
        """`{"ticket": …}`, or None (204) when nobody waits."""
        return self.post(f"/windows/{int(window)}/call-next")

    def recall(self, window: int) -> Reply:
        return self.post(f"/windows/{int(window)}/recall")

    def no_show(self, window: int) -> Reply:
        return self.post(f"/windows/{int(window)}/no-show")

    def suspend(self, window: int) -> Reply:
        return self.post(f"/windows/{int(window)}/suspend")

    def start(self, window: int) -> Reply:
        return self.post(f"/windows/{int(window)}/start")

    def complete(
        self, window: int, outcome: str, missing_materials: Iterable[str] = (), note: str = ""
    ) -> Reply:
        body = {"outcome": outcome, "missing_materials": list(missing_materials), "note": note}
        return self.post(f"/windows/{int(window)}/complete", body)

    def transfer(
        self, window: int, matter: str | None = None, to_window: int | None = None
    ) -> Reply:
        body = {k: v for k, v in (("matter", matter), ("window", to_window)) if v is not None}
        return self.post(f"/windows/{int(window)}/transfer", body)

    def pause(self, window: int, reason: str) -> Reply:
        return self.post(f"/windows/{int(window)}/pause", {"reason": reason})

    def resume(self, window: int) -> Reply:
        return self.post(f"/windows/{int(window)}/resume")

    def state(self) -> Reply:
        """The display snapshot (of this client's zone): seq, calls, windows, waiting."""
        return self.get("/state" + (f"?{urlencode({'zone': self.zone})}" if self.zone else ""))


class EventStream(QObject):
    """`WS /events` kept alive: replay by `since`, re-sync on a seq gap, back-off reconnect.

    Without a zone the server sends every event, so seq must grow by exactly one; with a
    zone it leaves out other zones' events, so only "seq grows" can be checked.
    """

    event = Signal(object)  # type: ignore[assignment]  # see QueueClient.event
    connected = Signal()
    disconnected = Signal()
    online_changed = Signal(bool)
    resynced = Signal(object)
    refused = Signal(object)  # see QueueClient.refused; the stream is closed then

    def __init__(
        self,
        client: QueueClient,
        *,
        first_delay_s: float = 0.5,
        max_delay_s: float = 10.0,
        heartbeat_s: float = 15.0,
    ) -> None:
        super().__init__(client)
        self._client = client
        self._first_delay_s, self._max_delay_s = first_delay_s, max_delay_s
        self._delay_s = first_delay_s
        self.last_seq: int | None = None
        self.online = False
        self._wanted = False
        self._gen = 0  # bumped per connection: late signals of an old socket are ignored
        self._socket: QWebSocket | None = None
        self._resyncing = False
        self._synced_here = False  # a snapshot was taken on this connection
        self._held: list[dict[str, Any]] = []  # messages that arrive while re-syncing
        self._heard = False
        self._up = False  # this connection's handshake succeeded
        self._retry = self._timer(self._connect)
        self._handshake = self._timer(lambda: self._lost(self._gen, "handshake timed out"))
        self._heartbeat = self._timer(self._beat, single=False)
        self._heartbeat.setInterval(int(heartbeat_s * 1000))

    def _timer(self, slot: Callable[[], None], *, single: bool = True) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        return timer

    def open(self) -> None:
        if not self._wanted:
            self._wanted = True
            self._connect()

    def close(self) -> None:
        self._wanted = False
        self._retry.stop()
        self._drop("closed", graceful=True)

    def _connect(self) -> None:
        if not self._wanted or self._socket is not None:
            return
        self._gen += 1
        gen = self._gen
        sock = QWebSocket(parent=self)
        sock.connected.connect(lambda: self._on_connected(gen))
        sock.disconnected.connect(lambda: self._lost(gen, "disconnected"))
        sock.errorOccurred.connect(lambda err: self._on_error(gen, err))
        sock.textMessageReceived.connect(lambda text: self._on_text(gen, text))
        sock.pong.connect(lambda *_: self._on_pong(gen))
        self._socket = sock
        self._synced_here = False
        self._up = False
        url = self._client.events_url(self.last_seq)
        log.debug("opening %s", url.toString())
        self._handshake.start(self._client.timeout_ms)
        sock.open(url)

    def _on_connected(self, gen: int) -> None:
        if gen != self._gen:
            return
        self._handshake.stop()
        self._heard = True
        self._up = True
        self._heartbeat.start()
        self._set_online(True)

    def _on_error(self, gen: int, err: QAbstractSocket.SocketError) -> None:
        if gen == self._gen and self._socket is not None:
            self._lost(gen, f"{err.name}: {self._socket.errorString()}")

    def _lost(self, gen: int, why: str) -> None:
        if gen != self._gen or self._socket is None:
            return
        probe = not self._up and self._client.zone is not None
        self._drop(why, graceful=False)
        if probe and self._wanted:
            # A refused handshake does not say why: ask /state, which names an unknown zone.
            gen = self._gen
            reply = self._client.state()
            reply.finished.connect(lambda _state: self._retry_later(gen, why))
            reply.failed.connect(
                lambda err: self._refuse(err, then=lambda: self._retry_later(gen, why))
            )
            return
        self._retry_later(self._gen, why)

    def _refuse(self, err: ApiError, *, then: Callable[[], None]) -> None:
        """`err` is final for this stream (an unknown zone): close it and say so; else `then`."""
        if err.code != "unknown_zone":
            then()
            return
        log.error("zone %s refused by the server: %s", self._client.zone, err)
        self.close()
        self.refused.emit(err)

    def _retry_later(self, gen: int, why: str) -> None:
        if gen == self._gen and self._socket is None and self._wanted:
            delay = self._delay_s * random.uniform(0.8, 1.0)  # spread a hall's reconnects
            self._delay_s = min(self._delay_s * 2, self._max_delay_s)
            log.info("event stream lost (%s); reconnecting in %.1f s", why, delay)
            self._retry.start(int(delay * 1000))

    def _drop(self, why: str, *, graceful: bool) -> None:
        self._gen += 1
        self._handshake.stop()
        self._heartbeat.stop()
        self._resyncing, self._held = False, []
        sock, self._socket = self._socket, None
        if sock is not None:
            log.debug("dropping event socket: %s", why)
            if graceful:  # let the close frame go out; a silent peer gets 1 s
                sock.disconnected.connect(sock.deleteLater)
                QTimer.singleShot(1000, sock, sock.abort)
                sock.close()
            else:
                sock.abort()
                sock.deleteLater()
        self._set_online(False)

    def _set_online(self, online: bool) -> None:
        if online == self.online:
            return
        self.online = online
        (self.connected if online else self.disconnected).emit()
        self.online_changed.emit(online)

    def _beat(self) -> None:
        """A half-open TCP connection (pulled cable) never says goodbye: ping, expect life."""
        if self._socket is None:
            return
        if not self._heard:
            self._lost(self._gen, "no answer to ping")
            return
        self._heard = False
        self._socket.ping(b"hq")

    def _on_pong(self, gen: int) -> None:
        if gen == self._gen:
            self._heard = True

    def _on_text(self, gen: int, text: str) -> None:
        if gen != self._gen:
            return
        self._heard = True
        try:
            msg = json.loads(text)
        except ValueError:
            log.warning("ignoring a non-JSON event message: %.80s", text)
            return
        if not isinstance(msg, dict) or not isinstance(msg.get("seq"), int):
            log.warning("ignoring an event message without seq: %.80s", text)
            return
        self._handle(msg)

    def _handle(self, msg: dict[str, Any]) -> None:
        if self._resyncing:
            self._held.append(msg)
            return
        seq: int = msg["seq"]
        last = self.last_seq
        if msg.get("type") == "hello":
            if last is None or (seq < last and not self._synced_here):
                self._resync(msg)  # first contact, or the server's log went back
            elif seq > last:
                if self._client.zone:  # the rest were other zones' events
                    self.last_seq = seq
                else:
                    self._resync(msg)
            if not self._resyncing:
                self._delay_s = self._first_delay_s  # in step with the server: reset back-off
        elif last is None or (not self._client.zone and seq > last + 1):
            self._resync(msg)
        elif seq > last:
            self.last_seq = seq
            self.event.emit(msg)
        # else: seq <= last, already delivered (a replay overlapping the live feed)

    def _resync(self, msg: dict[str, Any]) -> None:
        log.info("re-syncing from /state (have seq %s, got %s)", self.last_seq, msg["seq"])
        self._resyncing, self._held = True, [msg]
        gen = self._gen
        reply = self._client.state()
        reply.finished.connect(lambda state: self._on_state(gen, state))
        reply.failed.connect(
            lambda err: self._refuse(
                err, then=lambda: self._lost(gen, f"re-sync failed: {err.detail}")
            )
        )

    def _on_state(self, gen: int, state: Any) -> None:
        if gen != self._gen:
            return
        if not isinstance(state, dict) or not isinstance(state.get("seq"), int):
            self._lost(gen, "re-sync got a bad snapshot")
            return
        held, self._resyncing, self._held = self._held, False, []
        self._synced_here = True
        self._delay_s = self._first_delay_s
        # The message that caused the re-sync is covered by the snapshot; should a confused
        # server answer an older seq, go on from that message rather than re-sync forever.
        covered = held[0]["seq"] - (0 if held[0].get("type") == "hello" else 1)
        if covered > state["seq"]:
            log.warning("snapshot seq %s is older than seq %s", state["seq"], held[0]["seq"])
        self.last_seq = max(state["seq"], covered)
        self.resynced.emit(state)
        for msg in held:  # what came meanwhile, newer than the snapshot
            if gen != self._gen:
                return  # a slot closed or dropped the stream
            self._handle(msg)
