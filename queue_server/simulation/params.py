"""Parameters of a simulated hall day and the demand mix, with the sources of the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from queue_server.simulation.hallmodel import SimHall

Mix = Literal["seed", "capacity"]

# Cases closed per department, January–July 2017, as (approval 行政审批, service 服务类), from
# the sample centre's work report (seed 000, 长治市郊区政务大厅管理服务中心工作情况汇报).
# 经信局 (jxj) and 安监局 (ajj): "暂无业务"; 公共资源交易中心 (ggzy) is not listed.
SEED_000_CASES: dict[str, tuple[int, int]] = {
    "rsj": (0, 3900),  # 人社局
    "gsj": (358, 0),  # 工商局
    "jyj": (123, 0),  # 教育局
    "whj": (111, 28),  # 文化局
    "jtj": (458, 198),  # 交通局
    "syj": (548, 0),  # 食药监
    "lyj": (15, 4),  # 林业局
    "fgj": (89, 28),  # 发改局
    "mzj": (0, 2282),  # 民政局
    "njzx": (12, 5),  # 农机中心
    "wjj": (108, 0),  # 卫计局
    "zxwq": (0, 56),  # 中小微企业
    "hbj": (42, 0),  # 环保局
    "gtj": (0, 50),  # 国土局
    "slj": (0, 20),  # 水利局
    "xmj": (4, 25),  # 畜牧局
    "nw": (0, 6),  # 农委
    "wujia": (0, 10),  # 物价局
    "zjj": (9, 0),  # 住建局
    "wwly": (0, 3),  # 文物旅游局
    "jxj": (0, 0),  # 经信局
    "ajj": (0, 0),  # 安监局
}
# Added to every matter's weight so that a matter without reported business still sees an
# occasional citizen (about half a ticket a day at 900 tickets).
FLOOR_CASES = 5.0
# Seed 003: a 120-window hall handles "日办理审批和服务事项900余件"; the sample hall (53 windows)
# gets the same 900 by default, other sizes in proportion to their windows.
DEFAULT_TICKETS = 900
DEFAULT_TICKETS_WINDOWS = 53


@dataclass(frozen=True, kw_only=True)
class SimParams:
    """Everything that shapes a simulated run besides the hall file."""

    seed: int = 1
    tickets: int | None = None  # expected tickets per day; None → scaled default
    windows: int | None = None  # clone or trim the hall's windows to this many
    open_fraction: float = 1.0  # share of windows staffed (matters stay covered)
    comprehensive: bool = False  # every window serves every matter (一窗受理, fully pooled)
    mix: Mix = "seed"
    days: int = 1
    start: date = date(2026, 3, 2)  # a Monday; holidays and weekends are skipped
    service_sigma: float = 0.6  # lognormal sigma of service times (CV ≈ 0.66)
    no_show_prob: float = 0.05
    recall_delay_min: float = 1.0  # minutes between a call and each recall
    green_share: float = 0.05  # 绿色通道: elderly, disabled, pregnant, military
    appointment_share: float = 0.05  # 预约: checked in 5–20 min before a quarter-hour slot
    exact: bool = False  # pass every waiting ticket of the profile to choose_next

    def expected_tickets(self, windows: int) -> int:
        if self.tickets is not None:
            return self.tickets
        return round(DEFAULT_TICKETS * windows / DEFAULT_TICKETS_WINDOWS)


def matter_weights(hall: SimHall, mix: Mix) -> dict[str, float]:
    """Relative daily volume of each matter.

    `seed`: each department's seed-000 cases of a category are split evenly over its matters
    of that category (over all its matters when it has none of that category), plus
    `FLOOR_CASES`. `capacity`: each window's time is split evenly over its profile, so every
    matter's demand matches the window capacity configured for it (a balanced hall).
    """
    if mix == "capacity":
        out = dict.fromkeys(hall.matters, 0.0)
        for profile in hall.profiles:
            for code in profile.matters:
                out[code] += 1.0 / (len(profile.matters) * hall.matters[code].service_minutes)
        return out
    weights = dict.fromkeys(hall.matters, FLOOR_CASES)
    by_dept: dict[str, list[str]] = {}
    for code, spec in hall.matters.items():
        by_dept.setdefault(spec.department, []).append(code)
    for dept, codes in by_dept.items():
        approval, service = SEED_000_CASES.get(dept, (0, 0))
        for category, cases in (("approval", approval), ("service", service)):
            target = [c for c in codes if hall.matters[c].category == category] or codes
            for code in target:
                weights[code] += cases / len(target)
    return weights
