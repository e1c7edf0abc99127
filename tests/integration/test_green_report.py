"""绿色通道与预约 on SQLite and PostgreSQL: the stats API and every `hallq report` format count
the green-channel tickets per category and the appointment tickets of a known day."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from queue_server.cli import main
from queue_server.config import Settings
from queue_server.hall import Hall
from tests.conftest import FIXTURES, FakeClock
from tests.integration.apiutil import issue, login

DAY = "2026-11-23"  # the clock fixture's Monday
BOOKER_ID = "11010519491231002X"
# Green tickets with a category, as the kiosk and the desk record it (`green_category`).
CATEGORISED = ["elderly", "elderly", "elderly", "disabled", "military", "military", "other"]
# The day below: 11 tickets issued, 8 green (one without a category), 1 by appointment.
SECTION = [
    ["类别", "取号（人次）", "占取号%", "占绿色通道%"],
    ["取号（全部）", "11", "100.0", ""],
    ["绿色通道", "8", "72.7", "100.0"],
    ["　老年人", "3", "27.3", "37.5"],
    ["　残疾人", "1", "9.1", "12.5"],
    ["　孕妇", "0", "0.0", "0.0"],
    ["　军人", "2", "18.2", "25.0"],
    ["　其他", "1", "9.1", "12.5"],
    ["　未注明", "1", "9.1", "12.5"],
    ["预约", "1", "9.1", ""],
]


def _number(text: str) -> int | float | None:
    """A CSV cell of the section as the workbook holds it."""
    return None if not text else float(text) if "." in text else int(text)


def _green_day(api: TestClient, hall: Hall, clock: FakeClock) -> None:
    """Through the API, as the kiosk and the desk take them: two walk-ins, a green ticket
    without a category, a booking checked in on time and seven categorised green tickets."""
    issue(api, "yyzz")
    issue(api, "ylbx", id_number=BOOKER_ID)
    issue(api, "yyzz", priority="green")
    body = {"matter": "yyzz", "day": DAY, "slot": "10:30", "id_number": BOOKER_ID}
    booking = api.post("/api/v1/appointments", json=body)
    assert booking.status_code == 201, booking.text
    clock.advance(minutes=5)  # 10:05: early, inside the check-in window
    issue(api, "yyzz", appointment_code=booking.json()["code"])
    for category in CATEGORISED:
        issue(api, "sybx", priority="green", green_category=category)


def test_stats_api_counts_green_and_appointment_tickets_per_row(
    api: TestClient, hall: Hall, clock: FakeClock
) -> None:
    _green_day(api, hall, clock)
    admin = login(api, "admin")
    summary = api.get("/api/v1/stats/summary", headers=admin).json()
    total = summary["total"]
    assert (total["issued"], total["green"], total["appointment"]) == (11, 8, 1)
    assert [total[f"green_{c}"] for c in ("elderly", "disabled", "pregnant", "military")] == [
        3,
        1,
        0,
        2,
    ]
    assert (total["green_other"], total["green_unspecified"]) == (1, 1)
    matters = {r["key"]: (r["issued"], r["green"], r["appointment"]) for r in summary["by_matter"]}
    assert matters == {"yyzz": (3, 1, 1), "ylbx": (1, 0, 0), "sybx": (7, 7, 0)}
    rsj = next(r for r in summary["by_department"] if r["key"] == "rsj")
    assert (rsj["green_elderly"], rsj["green_unspecified"]) == (3, 0)
    report = api.get("/api/v1/stats/report", headers=admin).json()
    assert report["summary"]["total"] == total
    r = api.get("/api/v1/stats/summary", headers=admin, params={"format": "csv"})
    rows = {row["level"]: row for row in csv.DictReader(io.StringIO(r.text))}
    assert (rows["total"]["green"], rows["total"]["appointment"]) == ("8", "1")


@pytest.fixture
def report_of_the_day(
    api: TestClient,
    hall: Hall,
    clock: FakeClock,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    """`hallq report` of the green day on the hall's database, as of the hall's clock."""
    _green_day(api, hall, clock)
    monkeypatch.setattr("queue_server.reports.cli.now", lambda: clock.now)
    db = settings.resolved_database_url()
    config = str(FIXTURES / "mini_hall.toml")

    def run(*args: str) -> int:
        return main(["report", "--from", DAY, "--db", db, "--config", config, *args])

    return run


def test_hallq_report_shows_the_green_section_in_every_format(
    report_of_the_day: Any, tmp_path: Path
) -> None:
    out = tmp_path / "green.csv"
    assert report_of_the_day("--format", "csv", "--section", "green", "--out", str(out)) == 0
    assert list(csv.reader(io.StringIO(out.read_text("utf-8-sig")))) == SECTION

    out = tmp_path / "all.csv"
    assert report_of_the_day("--format", "csv", "--out", str(out)) == 0
    text = out.read_text("utf-8-sig")
    block = text[text.index("【绿色通道与预约】") :].split("\n\n")[0]
    assert list(csv.reader(io.StringIO(block)))[1:] == SECTION

    out = tmp_path / "green.xlsx"
    assert report_of_the_day("--format", "xlsx", "--out", str(out)) == 0
    ws = load_workbook(out)["绿色通道与预约"]
    values = [list(row) for row in ws.iter_rows(values_only=True)]
    header = values.index(SECTION[0])
    table = values[header + 1 : header + len(SECTION)]
    assert table[1] == ["绿色通道", 8, 72.7, 100.0]  # numbers, for the spreadsheet
    assert table == [[r[0], *map(_number, r[1:])] for r in SECTION[1:]]
    assert any("绿色通道取号8人次，占取号总数的72.7%" in str(v[0]) for v in values)

    out = tmp_path / "green.html"
    assert report_of_the_day("--format", "html", "--out", str(out)) == 0
    html = out.read_text("utf-8")
    assert '<h2 id="green">五、绿色通道与预约</h2>' in html
    assert (
        '<tr><td>　军人</td><td class="num">2</td><td class="num">18.2</td>'
        '<td class="num">25.0</td></tr>'
    ) in html
    assert "预约取号1人次，占9.1%。" in html

    out = tmp_path / "green.txt"
    assert report_of_the_day("--section", "green", "--out", str(out)) == 0
    lines = out.read_text("utf-8").splitlines()
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in lines]
    assert ["老年人", "3", "27.3", "37.5"] in cells and ["未注明", "1", "9.1", "12.5"] in cells
    assert ["预约", "1", "9.1", "—"] in cells

    out = tmp_path / "green.json"
    assert report_of_the_day("--format", "json", "--out", str(out)) == 0
    total = json.loads(out.read_text("utf-8"))["summary"]["total"]
    assert (total["green"], total["green_military"], total["appointment"]) == (8, 2, 1)
