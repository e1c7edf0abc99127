"""Ticket and notice slips rendered to 1-bit images (Pillow + qrcode; no Qt here).

One image serves both the ESC/POS raster job and the on-screen preview. The layout is
deterministic: the same input gives the same pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from PIL import Image

from kiosk.slip_canvas import PAPER_PX, Canvas, paper_width_px, qr_image, wrap_text
from queue_server.config import Material, Matter

__all__ = [
    "PAPER_PX",
    "TicketSlip",
    "paper_width_px",
    "render_notice",
    "render_ticket",
    "wrap_text",
]

_FORMS = {
    "original": ("原件", "original"),
    "copy": ("复印件", "copy"),
    "original_and_copy": ("原件及复印件", "original and copy"),
}


@dataclass(frozen=True)
class TicketSlip:
    """Everything printed on a queue ticket."""

    hall_name: str
    hall_name_en: str
    number: str
    matter_name: str
    matter_name_en: str
    zone_name: str
    windows: list[int]
    waiting_ahead: int
    estimated_wait_min: int
    issued_at: datetime
    status_url: str
    priority: Literal["normal", "green"] = "normal"
    masked_id: str = ""

    def __post_init__(self) -> None:
        if self.priority not in ("normal", "green"):
            raise ValueError(f"priority must be 'normal' or 'green', not {self.priority!r}")


def _windows_text(windows: Sequence[int]) -> tuple[str, str]:
    if not windows:
        return "请留意叫号屏幕和广播", "Please watch the screens and listen for your number"
    nums = [str(w) for w in windows]
    en = nums[0] if len(nums) == 1 else f"{', '.join(nums[:-1])} or {nums[-1]}"
    plural = "s" if len(nums) > 1 else ""
    return f"请到 {'、'.join(nums)} 号窗口办理", f"Please go to window{plural} {en}"


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def render_ticket(slip: TicketSlip, *, paper_mm: int = 80) -> Image.Image:
    """The queue ticket: hall, huge number, matter, windows, wait, time and a status QR."""
    c = Canvas(paper_mm)
    c.text(slip.hall_name, size=30, bold=True, align="center")
    c.text(slip.hall_name_en, size=18, align="center")
    c.rule(dashed=True)
    if slip.priority == "green":
        c.bar("绿色通道 优先办理", "Green channel", center=True)
    c.pair("您的号码", "Your number", size=22, align="center")
    c.space(14)
    c.big(slip.number, size=190)
    c.space(22)
    c.pair(slip.matter_name, slip.matter_name_en, size=30, bold=True, align="center")
    c.space(6)
    c.pair(*_windows_text(slip.windows), size=28, bold=True, align="center")
    c.rule()
    c.row("前面等候", "People ahead", f"{slip.waiting_ahead} 人")
    wait = f"约 {slip.estimated_wait_min} 分钟" if slip.waiting_ahead else "请留意叫号"
    c.row("预计等待", "Estimated wait", wait)
    c.row("办理区域", "Zone", slip.zone_name)
    if slip.masked_id:
        c.row("证件号码", "ID number", slip.masked_id)
    c.row("取号时间", "Issued at", _stamp(slip.issued_at))
    if slip.status_url:
        box = 6 if paper_mm == 80 else 4  # 0.75 / 0.5 mm modules: easy for phone cameras
        c.space(4 * box)  # the QR quiet zone: four modules of white
        c.paste(qr_image(slip.status_url, box=box))
        c.space(2 * box)
        c.pair("扫码查看排队进度", "Scan to follow the queue", size=22, align="center")
    c.rule(dashed=True)
    c.pair(
        "过号后可凭本票在取号机扫码重新排队一次",
        "Missed your call? Scan this slip at the kiosk to re-queue once.",
        size=20,
        align="center",
    )
    c.pair(
        "请妥善保管本票，感谢您的耐心等候",
        "Please keep this slip. Thank you for waiting.",
        size=20,
        align="center",
    )
    return c.finish()


def _pick_missing(materials: Sequence[Material], missing: list[str]) -> list[Material]:
    known = {m.name for m in materials}
    unknown = [name for name in dict.fromkeys(missing) if name not in known]
    if unknown:
        raise ValueError(f"unknown material(s) not in the guide: {', '.join(unknown)}")
    if not missing:
        raise ValueError("a 补正 notice needs at least one missing material")
    wanted = set(missing)
    return [m for m in materials if m.name in wanted]  # in the guide's order


def _time_limit(matter: Matter) -> tuple[str, str]:
    guide = matter.guide
    if matter.kind == "promised":
        zh = guide.time_limit or f"承诺件，{matter.promise_days} 个工作日内办结"
        en = guide.time_limit_en or f"Completed within {matter.promise_days} working days"
    else:
        zh = guide.time_limit or "即办件，材料齐全当场办结"
        en = guide.time_limit_en or "Done on the spot when the materials are complete"
    return zh, en


def _material(c: Canvas, number: int, material: Material) -> None:
    indent = c.checkbox(material.name, prefix=f"{number}. ")
    zh, en = _FORMS[material.form]
    # NBSP keeps "×2" on the line of its word
    detail_en = f"{material.name_en}, {en}\u00a0×{material.copies}".lstrip(", ")
    c.text(f"{zh} {material.copies} 份  {detail_en}", size=19, indent=indent)
    c.text(material.note, size=19, indent=indent, prefix="注：")
    c.space(8)


def render_notice(
    *,
    hall_name: str,
    matter: Matter,
    windows: list[int],
    missing: list[str] | None = None,
    paper_mm: int = 80,
    issued_at: datetime,
) -> Image.Image:
    """一次性告知单 (the whole guide) or, given `missing`, a 补正 notice of exactly those."""
    guide = matter.guide
    materials = guide.materials if missing is None else _pick_missing(guide.materials, missing)
    c = Canvas(paper_mm)
    c.text(hall_name, size=24, bold=True, align="center")
    if missing is None:
        c.pair("一次性告知单", "One-time Notice", size=40, bold=True, align="center")
    else:
        c.pair("补正材料通知", "Notice of Missing Materials", size=40, bold=True, align="center")
    c.rule(thickness=3)
    c.pair(f"办理事项：{matter.name}", matter.name_en, size=26, bold=True)
    if missing is not None:
        c.pair(*_time_limit(matter), size=21)
        c.space(10)
        c.pair(
            "经审查，您的申请材料尚需补正。请补齐下列材料后，凭本通知回到窗口继续办理。",
            "Your application is incomplete. Bring the materials below and this notice "
            "back to the window to continue.",
            size=22,
        )
        c.bar("需补正的材料", f"To bring ({len(materials)})")
    else:
        c.bar("申请材料", f"Materials ({len(materials)})")
    for number, material in enumerate(materials, 1):
        _material(c, number, material)
    if missing is None:
        if guide.conditions:
            c.bar("受理条件", "Conditions")
            for number, condition in enumerate(guide.conditions, 1):
                c.text(condition, size=21, prefix=f"{number}. ")
        c.bar("办理时限", "Time limit")
        c.pair(*_time_limit(matter), size=21)
        c.bar("收费标准", "Fees")
        c.pair(guide.fees, guide.fees_en, size=21)
        c.bar("设定依据", "Legal basis")
        for number, basis in enumerate(guide.legal_basis, 1):
            c.text(basis, size=19, prefix=f"{number}. ")
    c.bar("办理窗口", "Windows")
    c.pair(*_windows_text(windows), size=24, bold=True)
    if guide.contact:
        c.pair(f"咨询电话：{guide.contact}", f"Enquiries: {guide.contact}", size=21)
    c.rule(dashed=True)
    c.pair(f"告知时间：{_stamp(issued_at)}", f"Issued at {_stamp(issued_at)}", size=20)
    c.pair(
        "以上内容一次性告知，材料齐全即予受理。",
        "Everything you need is on this notice, once and in full.",
        size=20,
    )
    return c.finish()
