"""The event hub publishes in seq order, from the log or from what the writer offers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from queue_server.adapters.hub import EventHub, Outgoing, Subscription
from queue_server.domain.events import Event

AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def ev(seq: int) -> Event:
    return Event(type="ticket.called", at=AT, actor="s1a", window=1, ticket=f"A{seq:03d}", seq=seq)


class Log:
    """The event log the hub reads, counting its reads."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.reads = 0

    def since(self, seq: int) -> list[Event]:
        self.reads += 1
        return [e for e in self.events if e.seq is not None and e.seq > seq]

    def last(self) -> int:
        return max((e.seq or 0 for e in self.events), default=0)


async def received(queue: asyncio.Queue[Outgoing | None], n: int) -> list[int]:
    out = []
    for _ in range(n):
        item = await asyncio.wait_for(queue.get(), 2)
        assert item is not None
        out.append(item.seq or 0)
    return out


def with_hub(test: Callable[[Log, EventHub, Subscription], Awaitable[None]]) -> None:
    """Run `test` with a started hub over an empty log (polling only every 30 s), and one
    subscriber of every zone."""

    async def main() -> None:
        log = Log()
        hub = EventHub(log.since, log.last, lambda e: None, poll_s=30)
        await hub.start()
        try:
            await test(log, hub, hub.subscribe(None))
        finally:
            await hub.stop()

    asyncio.run(main())


def test_offered_events_that_follow_on_go_out_without_reading_the_log() -> None:
    async def main(log: Log, hub: EventHub, sub: Subscription) -> None:
        reads = log.reads
        log.events += [ev(1), ev(2)]
        hub.offer([ev(1), ev(2)])
        assert await received(sub.queue, 2) == [1, 2]
        log.events += [ev(3)]
        hub.offer([ev(3)])
        assert await received(sub.queue, 1) == [3]
        assert log.reads == reads  # nothing read back
        assert hub.offered == 3 and hub.seq == 3

    with_hub(main)


def test_after_a_gap_the_hub_reads_the_log_and_publishes_each_event_once() -> None:
    async def main(log: Log, hub: EventHub, sub: Subscription) -> None:
        # Event 1 was committed by another process (not offered); the writer offers 2 and 3.
        log.events += [ev(1), ev(2), ev(3)]
        hub.offer([ev(2), ev(3)])
        assert await received(sub.queue, 3) == [1, 2, 3]
        # Offered again (late) and polled again: nothing is sent twice.
        hub.offer([ev(3)])
        hub.poke()
        log.events += [ev(4)]
        hub.offer([ev(4)])
        assert await received(sub.queue, 1) == [4]
        await asyncio.sleep(0.05)
        assert sub.queue.empty()

    with_hub(main)


def test_each_event_is_encoded_once_for_every_subscriber_of_its_zone() -> None:
    encoded: list[tuple[int, str | None]] = []

    def encode(event: Event, zone: str | None) -> str:
        encoded.append((event.seq or 0, zone))
        return f"wire-{event.seq}-{zone}"

    async def main() -> None:
        log = Log()
        hub = EventHub(log.since, log.last, lambda e: "B" if e.window == 5 else "A", encode=encode)
        await hub.start()
        try:
            zone_a = [hub.subscribe("A") for _ in range(50)]
            everywhere = [hub.subscribe(None) for _ in range(50)]
            zone_b = hub.subscribe("B")
            log.events += [ev(1)]
            hub.offer([ev(1)])
            for sub in zone_a + everywhere:
                item = await asyncio.wait_for(sub.queue.get(), 2)
                assert item is not None and item.text == "wire-1-A"
            assert zone_b.queue.empty()  # another zone's event is not sent there
            assert encoded == [(1, "A")]  # once, not 100 times
        finally:
            await hub.stop()

    asyncio.run(main())


def test_ending_a_full_subscription_still_reaches_its_reader() -> None:
    async def main() -> None:
        sub = Subscription(None, asyncio.Queue(2))
        sub.queue.put_nowait(Outgoing(ev(1), "1"))
        sub.queue.put_nowait(Outgoing(ev(2), "2"))
        sub.end()  # the client went away while its queue was full
        first = sub.queue.get_nowait()
        assert first is not None and first.seq == 2
        assert sub.queue.get_nowait() is None  # the reader stops here

    asyncio.run(main())
