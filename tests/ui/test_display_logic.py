"""The screens' Qt-free model: the hall board, the call-highlight queue, freshness, paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from counter_display.board import Call, HallBoard
from counter_display.highlight import (
    Freshness,
    HighlightQueue,
    fit_page,
    grid_shape,
    page_count,
    page_items,
)
from counter_display.theme import is_portrait, portrait_unit

AT = "2026-11-23T02:00:00+00:00"


def snapshot(seq: int = 10, calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    windows = [
        {"number": 1, "name": "市场监管窗口", "zone": "A", "status": "open", "current": None},
        {"number": 2, "name": "食品许可窗口", "zone": "A", "status": "closed", "current": None},
        {"number": 3, "name": "综合受理窗口", "zone": "B", "status": "open", "current": None},
    ]
    return {"seq": seq, "calls": calls or [], "windows": windows, "waiting": {"A": 2, "B": 1}}


def event(seq: int, kind: str, **fields: Any) -> dict[str, Any]:
    return {"seq": seq, "type": kind, "at": AT, **fields}


def test_a_call_sets_the_ticket_at_its_window_and_heads_the_recent_calls() -> None:
    board = HallBoard()
    board.reset(snapshot())
    call = board.apply(event(11, "ticket.called", window=1, ticket="A001", zone="A"))
    assert call is not None and (call.number, call.window, call.recall) == ("A001", 1, False)
    assert board.windows[1].current == "A001" and board.windows[1].state == "calling"
    assert board.waiting["A"] == 1
    assert board.calls[0] == call


def test_recall_is_a_call_again_and_completion_frees_the_window() -> None:
    board = HallBoard()
    board.reset(snapshot())
    board.apply(event(11, "ticket.called", window=1, ticket="A001", zone="A"))
    again = board.apply(event(12, "ticket.recalled", window=1, ticket="A001", zone="A"))
    assert again is not None and again.recall
    board.apply(event(13, "ticket.serving", window=1, ticket="A001", zone="A"))
    assert board.windows[1].state == "serving"
    board.apply(event(14, "ticket.completed", window=1, ticket="A001", zone="A"))
    assert board.windows[1].current is None and board.windows[1].state == "idle"


def test_pause_shows_the_reason_and_resume_clears_it() -> None:
    board = HallBoard()
    board.reset(snapshot())
    board.apply(event(11, "window.paused", window=3, reason="午休"))
    assert (board.windows[3].state, board.windows[3].pause_reason) == ("paused", "午休")
    board.apply(event(12, "window.resumed", window=3))
    assert board.windows[3].state == "idle" and board.windows[3].pause_reason == ""


def test_zone_board_keeps_only_its_zone() -> None:
    board = HallBoard(zone="A")
    board.reset(snapshot())
    assert set(board.windows) == {1, 2} and board.waiting == {"A": 2}
    assert board.apply(event(11, "ticket.called", window=3, ticket="B001", zone="B")) is None
    assert board.calls == []


def test_a_new_snapshot_reports_the_calls_the_board_had_not_seen() -> None:
    board = HallBoard()
    first = {"seq": 9, "type": "ticket.called", "number": "A001", "window": 1, "zone": "A"}
    assert board.reset(snapshot(10, [first])) == []  # the first picture: nothing is new
    second = {"seq": 12, "type": "ticket.called", "number": "B001", "window": 3, "zone": "B"}
    new = board.reset(snapshot(12, [second, first]))
    assert [c.number for c in new] == ["B001"]


def test_periodic_refresh_is_ignored_when_older_than_the_board() -> None:
    board = HallBoard()
    board.reset(snapshot(10))
    board.apply(event(15, "window.paused", window=1, reason="会议"))
    assert not board.refresh(snapshot(12))
    assert board.windows[1].state == "paused"
    assert board.refresh(snapshot(15))


def call(seq: int, number: str) -> Call:
    return Call(seq=seq, number=number, window=seq)


def test_two_calls_in_the_same_second_are_each_highlighted_for_their_turn_in_order() -> None:
    queue = HighlightQueue(min_s=3.0, hold_s=10.0)
    queue.push(call(1, "A001"), 100.0)
    queue.push(call(2, "B001"), 100.2)
    shown = queue.tick(101.0)
    assert shown is not None and shown.call.number == "A001" and shown.highlighted
    shown = queue.tick(103.0)
    assert shown is not None and shown.call.number == "B001" and shown.highlighted
    shown = queue.tick(112.9)
    assert shown is not None and shown.call.number == "B001" and shown.highlighted
    shown = queue.tick(113.1)  # after its hold, the last call stays on screen, calm
    assert shown is not None and shown.call.number == "B001" and not shown.highlighted


def test_a_call_waiting_behind_another_shortens_its_highlight_to_the_minimum() -> None:
    queue = HighlightQueue(min_s=3.0, hold_s=10.0)
    queue.push(call(1, "A001"), 0.0)
    queue.push(call(2, "A002"), 0.0)
    queue.push(call(3, "A003"), 0.0)
    seen = [s.call.number for t in (0.0, 3.0, 6.0) if (s := queue.tick(t)) is not None]
    assert seen == ["A001", "A002", "A003"]


def test_calls_replayed_long_after_they_were_made_are_not_fresh() -> None:
    fresh = Freshness(stale_s=60)
    now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    skew = timedelta(seconds=40)  # the display's clock runs 40 s ahead: live calls still fresh
    assert fresh.is_fresh(now - timedelta(seconds=1), now + skew)
    assert fresh.is_fresh(now, now + skew + timedelta(seconds=0.2))
    assert not fresh.is_fresh(now - timedelta(minutes=5), now + skew)
    assert fresh.is_fresh(None, now)


def test_53_windows_page_evenly_and_fill_the_grid() -> None:
    windows = list(range(1, 54))
    pages = [page_items(windows, p, 20) for p in range(3)]
    assert [len(p) for p in pages] == [18, 18, 17]
    assert sum(pages, []) == windows
    assert page_items(windows, 3, 20) == pages[0]  # wraps around
    cols, rows = grid_shape(18, 1000, 700)
    assert cols * rows >= 18 > (cols - 1) * rows  # every tile placed, no empty column


def test_a_tv_at_most_two_thirds_as_wide_as_tall_is_portrait_unless_told_otherwise() -> None:
    assert [is_portrait(w, h) for w, h in ((1080, 1920), (1080, 1728), (1080, 1620))] == [True] * 3
    assert [is_portrait(w, h) for w, h in ((1080, 1440), (1920, 1080), (1080, 1080))] == [False] * 3
    assert is_portrait(1920, 1080, "portrait") and not is_portrait(1080, 1920, "landscape")
    # Portrait sizes follow the shorter side: a 1080-wide TV on its side as large as at 1080p.
    assert portrait_unit(1080, 1920) == 1.0 and portrait_unit(2160, 3840) == 2.0
    assert portrait_unit(1920, 1080) == 1080 / 1620  # forced on a wide screen: it still fits


def test_a_portrait_page_holds_fewer_windows_rather_than_smaller_tiles() -> None:
    # 53 windows, tiles at least 220×110 with 14 px gaps: 4 columns in 992 px.
    windows = list(range(1, 54))

    def pages(height: float) -> list[int]:
        per = fit_page(53, 992, height, gap=14, min_w=220, min_h=110, most=20)
        return [len(page_items(windows, p, per)) for p in range(page_count(53, per))]

    assert pages(620) == [18, 18, 17]  # five rows of 110: as in landscape
    assert pages(414) == [11, 11, 11, 10, 10]  # three rows; within one of each other
    assert pages(100) == [1] * 53  # no room for a tile: one at a time, never none
    assert fit_page(0, 992, 620, gap=14, min_w=220, min_h=110, most=20) == 20
    assert grid_shape(18, 992, 556, max_cols=4) == (4, 5)
    assert grid_shape(18, 992, 556) == (5, 4)  # uncapped, the tiles get narrower
