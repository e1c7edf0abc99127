"""From the server's answers to slip images: ticket, one-time notice, printer test page.

No Qt: the kiosk calls these on a worker thread, the `hallq slip` command directly.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from PIL import Image

from kiosk.catalog import Catalog, MatterInfo
from kiosk.slip_canvas import Canvas, qr_image
from kiosk.slips import TicketSlip, render_notice, render_ticket


def ticket_slip(ticket: Mapping[str, Any], catalog: Catalog) -> TicketSlip:
    """The slip of a ticket as `POST /tickets` (or `GET /tickets/{token}`) returned it."""
    zone = catalog.zone(str(ticket.get("zone", "")))
    matter = catalog.matter(str(ticket.get("matter", "")))
    issued = datetime.fromisoformat(str(ticket["issued_at"]))
    priority: Literal["normal", "green"] = (
        "green" if ticket.get("priority") == "green" else "normal"
    )
    return TicketSlip(
        hall_name=catalog.hall.name,
        hall_name_en=catalog.hall.name_en,
        number=str(ticket["number"]),
        matter_name=str(ticket.get("matter_name") or (matter.name if matter else "")),
        matter_name_en=str(ticket.get("matter_name_en") or (matter.name_en if matter else "")),
        zone_name=zone.name if zone else str(ticket.get("zone", "")),
        windows=[int(w) for w in ticket.get("windows") or []],
        waiting_ahead=int(ticket.get("waiting_ahead") or 0),
        estimated_wait_min=int(ticket.get("estimated_wait_min") or 0),
        issued_at=catalog.hall.local(issued).replace(tzinfo=None),
        status_url=str(ticket.get("status_url") or ""),
        priority=priority,
        masked_id=str(ticket.get("id_masked") or ""),
    )


def ticket_image(ticket: Mapping[str, Any], catalog: Catalog, *, paper_mm: int = 80) -> Image.Image:
    """The ticket slip image (the print job and the on-screen preview)."""
    return render_ticket(ticket_slip(ticket, catalog), paper_mm=paper_mm)


def notice_image(
    matter: MatterInfo, catalog: Catalog, *, paper_mm: int = 80, now: datetime | None = None
) -> Image.Image:
    """The one-time notice (一次性告知单) of a matter's whole guide."""
    issued = catalog.hall.local(now or datetime.now().astimezone()).replace(tzinfo=None)
    return render_notice(
        hall_name=catalog.hall.name,
        matter=matter.spec,
        windows=list(matter.windows),
        paper_mm=paper_mm,
        issued_at=issued,
    )


def test_page(
    *, printer: str, paper_mm: int = 80, server: str = "", now: datetime | None = None
) -> Image.Image:
    """A printer test page: both languages, the full width, a QR, the connection used."""
    when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    c = Canvas(paper_mm)
    c.pair("打印机测试页", "Printer test page", size=40, bold=True, align="center")
    c.rule(thickness=3)
    c.row("打印机", "Printer", printer)
    c.row("纸宽", "Paper", f"{paper_mm} mm")
    if server:
        c.row("服务器", "Server", server)
    c.row("终端", "Host", platform.node() or "-")
    c.row("时间", "Time", when)
    c.bar("中文字形", "CJK glyphs")
    c.text("政务服务大厅 排队叫号 一次性告知 绿色通道 预约签到 过号重排", size=26)
    c.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789", size=24)
    c.bar("满幅", "Full width")
    c.rule(thickness=8, gap=4)
    box = 6 if paper_mm == 80 else 4
    c.space(4 * box)
    c.paste(qr_image(server or "HallQ printer test", box=box))
    c.space(2 * box)
    c.pair("二维码应能被手机识别", "Phones should read this QR code", size=20, align="center")
    return c.finish()
