"""预约履约 on SQLite and PostgreSQL: what became of the bookings — made, checked in (late
ones apart), no-shows, cancelled, still to come — and the show-up rate, per day, department,
matter and for the month, in the stats API and in every `hallq report` format."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from queue_server.adapters import tables
from queue_server.cli import main
from queue_server.config import HallConfig, Settings, parse_hall
from queue_server.domain.identity import check_digit
from queue_server.hall import Hall
from tests.conftest import FIXTURES, FakeClock, hall_time
from tests.integration.apiutil import issue, login

APPTS = "/api/v1/appointments"
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
# Thursday 26 November, 10:00: Monday 4 bookings (checked in on time, no-show, cancelled,
# checked in late); Tuesday 3 (no-show never swept, so still stored `booked`; two on time);
# Thursday 2 (a 09:00 no-show, a 14:00 still to come); Friday 1 (not counted: to come).
FIGURES = ["预约", "已签到", "其中迟到", "爽约", "已取消", "待签到", "履约率%"]
BY_DAY = [
    ["日期", "星期", *FIGURES],
    ["2026-11-23", "周一", "4", "2", "1", "1", "1", "0", "66.7"],
    ["2026-11-24", "周二", "3", "2", "0", "1", "0", "0", "66.7"],
    ["2026-11-26", "周四", "2", "0", "0", "1", "0", "1", "0.0"],
    ["合计", "", "9", "4", "1", "3", "1", "1", "57.1"],
]
BY_DEPARTMENT = [
    ["单位", *FIGURES],
    ["市场监管局", "5", "1", "0", "3", "0", "1", "25.0"],
    ["人社局", "3", "2", "1", "0", "1", "0", "100.0"],
    ["民政局", "1", "1", "0", "0", "0", "0", "100.0"],
    ["合计", "9", "4", "1", "3", "1", "1", "57.1"],
]
BY_MATTER = [
    ["事项编码", "事项名称", "单位", *FIGURES],
    ["yyzz", "个体工商户营业执照办理", "市场监管局", "5", "1", "0", "3", "0", "1", "25.0"],
    ["ylbx", "城乡居民养老保险参保登记", "人社局", "1", "1", "0", "0", "0", "0", "100.0"],
    ["sybx", "失业保险金申领", "人社局", "2", "1", "1", "0", "1", "0", "100.0"],
    ["dbsq", "最低生活保障申请", "民政局", "1", "1", "0", "0", "0", "0", "100.0"],
    ["合计", "", "", "9", "4", "1", "3", "1", "1", "57.1"],
]
HEADLINE = "2026年11月（截至2026-11-26）预约9个：已签到4个（其中迟到1个）、爽约3个、已取消1个、待签到1个，履约率57.1%。"  # noqa: E501
CHART = json.dumps("每日预约履约情况")  # the chart's title, as plotly writes it (\u escapes)
TOTAL = {
    "booked": 9,
    "checked_in": 4,
    "late": 1,
    "no_show": 3,
    "cancelled": 1,
    "pending": 1,
    "show_up_pct": 57.1,
    "no_show_people": 2,
    "repeat_no_show_people": 1,  # the same person missed Monday and Tuesday
}


@pytest.fixture(scope="module")
def mini_config() -> HallConfig:
    data = tomllib.loads((FIXTURES / "mini_hall.toml").read_text(encoding="utf-8"))
    # One test client books for everyone: no limit per client address here.
    data["appointments"] = {"max_bookings_per_address": 0}
    return parse_hall(data)


def make_id(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_digit(first17)


def _book(api: TestClient, matter: str, day: str, slot: str, person: int) -> dict[str, Any]:
    body = {"matter": matter, "day": day, "slot": slot, "id_number": make_id(person)}
    r = api.post(APPTS, json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def _week_of_bookings(api: TestClient, clock: FakeClock) -> dict[str, str]:
    """Book on Monday 10:00, check in, cancel and let slots pass; leave the clock on Thursday
    26 November 10:00. Returns the codes by name."""
    b = {
        "mon_on_time": _book(api, "yyzz", "2026-11-23", "10:30", 1),
        "mon_no_show": _book(api, "yyzz", "2026-11-23", "10:30", 2),
        "mon_cancelled": _book(api, "sybx", "2026-11-23", "11:00", 3),
        "mon_late": _book(api, "sybx", "2026-11-23", "13:30", 4),
        "tue_no_show": _book(api, "yyzz", "2026-11-24", "09:00", 2),  # the same person again
        "tue_ylbx": _book(api, "ylbx", "2026-11-24", "09:00", 5),
        "tue_dbsq": _book(api, "dbsq", "2026-11-24", "09:30", 6),
        "thu_no_show": _book(api, "yyzz", "2026-11-26", "09:00", 7),
        "thu_pending": _book(api, "yyzz", "2026-11-26", "14:00", 8),
        "fri": _book(api, "sybx", "2026-11-27", "09:00", 9),
    }
    codes = {name: booking["code"] for name, booking in b.items()}
    r = api.post(f"{APPTS}/{codes['mon_cancelled']}/cancel", json={"id_number": make_id(3)})
    assert r.status_code == 200, r.text
    clock.now = hall_time("2026-11-23 10:05")
    assert issue(api, "yyzz", appointment_code=codes["mon_on_time"])["number"]
    clock.now = hall_time("2026-11-23 13:50")  # 20 minutes after the slot: a walk-in
    issue(api, "sybx", appointment_code=codes["mon_late"])
    clock.now = hall_time("2026-11-24 09:05")
    issue(api, "ylbx", appointment_code=codes["tue_ylbx"], id_number=make_id(5))
    issue(api, "dbsq", appointment_code=codes["tue_dbsq"])
    clock.now = hall_time("2026-11-26 10:00")
    statuses = {n: api.get(f"{APPTS}/{c}").json()["status"] for n, c in codes.items()}
    assert statuses == {  # what the booking page says, the rule the report counts by
        "mon_on_time": "checked_in",
        "mon_no_show": "no_show",
        "mon_cancelled": "cancelled",
        "mon_late": "late",
        "tue_no_show": "no_show",
        "tue_ylbx": "checked_in",
        "tue_dbsq": "checked_in",
        "thu_no_show": "no_show",
        "thu_pending": "booked",
        "fri": "booked",
    }
    return codes


def _stored(hall: Hall, code: str) -> str:
    with hall.uow(write=False) as uow:
        query = select(tables.appointments.c.status).where(tables.appointments.c.code == code)
        return str(uow.conn.execute(query).scalar_one())


def _rows(body: dict[str, Any], level: str) -> dict[str, list[Any]]:
    keys = ("booked", "checked_in", "late", "no_show", "cancelled", "pending", "show_up_pct")
    return {r["day" if level == "by_day" else "key"]: [r[k] for k in keys] for r in body[level]}


def _as_json(rows: list[list[str]], skip: int) -> dict[str, list[Any]]:
    """The expected CSV rows (not the header nor the total) as the JSON's figures."""
    return {r[0]: [int(v) for v in r[skip : skip + 6]] + [float(r[skip + 6])] for r in rows[1:-1]}


def test_stats_api_counts_what_became_of_each_booking_per_day_department_and_matter(
    api: TestClient, hall: Hall, clock: FakeClock
) -> None:
    codes = _week_of_bookings(api, clock)
    admin = login(api, "admin")
    r = api.get("/api/v1/stats/bookings", headers=admin, params=NOVEMBER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["from"], body["to"], body["to_date"]) == ("2026-11-01", "2026-11-26", True)
    assert body["total"] == TOTAL
    assert _rows(body, "by_day") == _as_json(BY_DAY, 2)
    assert _rows(body, "by_matter") == _as_json(BY_MATTER, 3)
    names = {r["name"]: r["key"] for r in body["by_department"]}
    assert names == {"市场监管局": "scj", "人社局": "rsj", "民政局": "mzj"}
    depts = {names[k]: v for k, v in _as_json(BY_DEPARTMENT, 1).items()}
    assert _rows(body, "by_department") == depts
    assert body["no_show_after_min"] == 15
    assert body["labels"]["show_up_pct"] == {"zh": "履约率%", "en": "show-up rate %"}
    assert body["labels"]["no_show"] == {"zh": "爽约", "en": "no-shows"}

    # The same figures in the summary and the full report, every earlier field kept.
    summary = api.get("/api/v1/stats/summary", headers=admin, params=NOVEMBER).json()
    assert summary["bookings"] == {k: body[k] for k in summary["bookings"]}
    assert summary["total"]["appointment"] == 3  # tickets of the on-time check-ins only
    report = api.get("/api/v1/stats/report", headers=admin, params=NOVEMBER).json()
    assert report["bookings"] == summary["bookings"]
    today = api.get("/api/v1/stats/summary", headers=admin).json()["bookings"]
    assert today["total"]["booked"] == 2 and today["total"]["pending"] == 1

    text = api.get(
        "/api/v1/stats/bookings", headers=admin, params={**NOVEMBER, "format": "csv"}
    ).text
    blocks = [list(csv.reader(io.StringIO(b))) for b in text.split("\n\n")]
    assert [b[0] for b in blocks] == [
        ["【预约履约情况（按日）】"],
        ["【预约履约情况（按单位）】"],
        ["【预约履约情况（按事项）】"],
    ]
    assert [b[1:] for b in blocks] == [BY_DAY, BY_DEPARTMENT, BY_MATTER]

    # Reading never writes: Tuesday's no-show is still stored `booked`; a new booking sweeps
    # it to `no_show`, and the figures stay the same.
    assert _stored(hall, codes["tue_no_show"]) == "booked"
    _book(api, "yyzz", "2026-11-27", "10:00", 10)
    assert _stored(hall, codes["tue_no_show"]) == "no_show"
    again = api.get("/api/v1/stats/bookings", headers=admin, params=NOVEMBER).json()
    assert again["total"] == TOTAL


@pytest.fixture
def report(
    api: TestClient,
    hall: Hall,
    clock: FakeClock,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    """`hallq report` on the hall's database, as of the hall's clock."""
    monkeypatch.setattr("queue_server.reports.cli.now", lambda: clock.now)
    db = settings.resolved_database_url()
    config = str(FIXTURES / "mini_hall.toml")

    def run(month: str, *args: str) -> int:
        return main(["report", "--month", month, "--db", db, "--config", config, *args])

    return run


def _cells(text: str) -> list[list[str]]:
    """The rows of rich tables, cell by cell."""
    return [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines()]


def _xlsx(text: str) -> str | int | float | None:
    """A CSV cell as the workbook holds it: numbers stay numbers, for the spreadsheet."""
    if not text:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    return float(text) if re.fullmatch(r"\d+\.\d", text) else text


def test_monthly_report_shows_booking_outcomes_in_every_format(
    api: TestClient, clock: FakeClock, report: Any, tmp_path: Path
) -> None:
    _week_of_bookings(api, clock)
    out = tmp_path / "b.csv"
    assert report("2026-11", "--format", "csv", "--section", "bookings", "--out", str(out)) == 0
    assert list(csv.reader(io.StringIO(out.read_text("utf-8-sig")))) == BY_DAY

    out = tmp_path / "all.csv"
    assert report("2026-11", "--format", "csv", "--out", str(out)) == 0
    text = out.read_text("utf-8-sig")
    for title, rows in (("按单位", BY_DEPARTMENT), ("按事项", BY_MATTER)):
        block = text[text.index(f"【预约履约情况（{title}）】") :].split("\n\n")[0]
        assert list(csv.reader(io.StringIO(block)))[1:] == rows
    overview = text[: text.index("\n\n")]
    assert "预约履约率（%）,57.1" in overview
    assert "已签到 / 爽约 / 已取消（个）,4 / 3 / 1" in overview

    out = tmp_path / "b.xlsx"
    assert report("2026-11", "--format", "xlsx", "--out", str(out)) == 0
    wb = load_workbook(out)
    for sheet, rows in (
        ("预约履约（按日）", BY_DAY),
        ("预约履约（按单位）", BY_DEPARTMENT),
        ("预约履约（按事项）", BY_MATTER),
    ):
        values = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
        header = values.index(rows[0])
        table = values[header + 1 : header + len(rows)]
        assert table == [[_xlsx(c) for c in r] for r in rows[1:]]
        if sheet == "预约履约（按日）":
            assert table[-1] == ["合计", None, 9, 4, 1, 3, 1, 1, 57.1]  # numbers, bold total
            assert any(HEADLINE == v[0] for v in values)

    out = tmp_path / "b.html"
    assert report("2026-11", "--format", "html", "--out", str(out)) == 0
    html = out.read_text("utf-8")
    assert f'<p class="headline">{HEADLINE}</p>' in html
    assert (
        '<tr><td>2026-11-24</td><td>周二</td><td class="num">3</td><td class="num">2</td>'
        '<td class="num">0</td><td class="num">1</td><td class="num">0</td>'
        '<td class="num">0</td><td class="num">66.7</td></tr>'
    ) in html
    assert '<tr><td>市场监管局</td><td class="num">5</td><td class="num">1</td>' in html
    assert '<div class="label">预约履约率</div><div class="value">57.1%</div>' in html
    assert CHART in html and html.count("Plotly.newPlot(") == 7  # the six others and this

    out = tmp_path / "b.txt"
    assert report("2026-11", "--section", "bookings_matters", "--out", str(out)) == 0
    cells = _cells(out.read_text("utf-8"))
    assert BY_MATTER[1] in cells and BY_MATTER[-1] in cells  # yyzz: 25.0; 合计: 57.1

    out = tmp_path / "b.json"
    assert report("2026-11", "--format", "json", "--out", str(out)) == 0
    assert json.loads(out.read_text("utf-8"))["bookings"]["total"] == TOTAL


def test_a_month_without_bookings_shows_dashes_not_a_division_by_zero(
    api: TestClient, report: Any, tmp_path: Path
) -> None:
    admin = login(api, "admin")
    october = {"from": "2026-10-01", "to": "2026-10-31"}
    body = api.get("/api/v1/stats/bookings", headers=admin, params=october).json()
    assert body["total"]["booked"] == 0 and body["total"]["show_up_pct"] is None
    assert body["by_day"] == body["by_department"] == body["by_matter"] == []

    out = tmp_path / "oct.txt"
    assert report("2026-10", "--section", "bookings", "--out", str(out)) == 0
    text = out.read_text("utf-8")
    assert ["合计", "", "0", "0", "0", "0", "0", "0", "—"] in _cells(text)
    assert "2026年10月无预约，履约率—。" in text
    out = tmp_path / "oct.csv"
    assert report("2026-10", "--format", "csv", "--section", "bookings", "--out", str(out)) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[1:] == [["合计", "", "0", "0", "0", "0", "0", "0", ""]]
    out = tmp_path / "oct.html"
    assert report("2026-10", "--format", "html", "--out", str(out)) == 0
    html = out.read_text("utf-8")
    assert '<div class="label">预约履约率</div><div class="value">—</div>' in html
    assert CHART not in html and html.count("Plotly.newPlot(") == 6  # no empty chart


def test_a_check_in_voided_and_made_again_is_one_booking_checked_in(
    api: TestClient, clock: FakeClock
) -> None:
    """作废 before the call frees the booking; checked in again, it counts once (the tickets
    count twice, one of them cancelled, as docs/OPERATIONS.md says)."""
    code = _book(api, "yyzz", "2026-11-23", "10:30", 1)["code"]
    clock.advance(minutes=5)
    first = issue(api, "yyzz", appointment_code=code)
    desk = login(api, "desk1")
    r = api.post(
        f"/api/v1/tickets/{first['token']}/cancel", json={"reason": "取错号"}, headers=desk
    )
    assert r.status_code == 200, r.text
    issue(api, "yyzz", appointment_code=code)
    clock.advance(hours=1)
    admin = login(api, "admin")
    body = api.get("/api/v1/stats/summary", headers=admin).json()
    assert (body["total"]["appointment"], body["total"]["cancelled"]) == (2, 1)
    counts = body["bookings"]["total"]
    assert (counts["booked"], counts["checked_in"], counts["no_show"]) == (1, 1, 0)
    assert counts["show_up_pct"] == 100.0
