"""Statistics endpoints on SQLite and PostgreSQL, and a generated month through `hallq report`."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from plotly.offline import get_plotlyjs
from sqlalchemy import func, select

from queue_server.adapters import tables as t
from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.cli import main
from queue_server.config import load_hall
from queue_server.reports.model import Period
from queue_server.reports.source import open_database, read_report
from queue_server.reports.xlsx import SHEET_NAMES
from tests.conftest import FakeClock
from tests.integration.apiutil import KIOSK, assert_error, call_next, issue, login

ENDPOINTS = ["summary", "departments", "ranking", "attendance", "heatmap", "report"]
VALID_ID = "11010519491231002X"


def _day_of_work(api: TestClient) -> dict[str, dict[str, str]]:
    """Monday 10:00: three tickets, two windows, one no-show, one rating."""
    first = issue(api, "yyzz")
    issue(api, "yyzz")
    issue(api, "ylbx", id_number=VALID_ID)
    s1 = login(api, "s1a", 1)
    call_next(api, 1, s1)
    api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=s1)
    api.post(f"/api/v1/tickets/{first['token']}/evaluation", json={"rating": 5})
    call_next(api, 1, s1)
    api.post("/api/v1/windows/1/no-show", headers=s1)
    s3 = login(api, "s3a", 3)
    call_next(api, 3, s3)
    api.post("/api/v1/windows/3/complete", json={"outcome": "done"}, headers=s3)
    return {"s1": s1, "admin": login(api, "admin")}


def _get(api: TestClient, path: str, headers: dict[str, str], **params: Any) -> Any:
    r = api.get(f"/api/v1/stats/{path}", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return r.json() if "format" not in params else r.text


def test_departments_count_cases_per_category_and_add_up(api: TestClient) -> None:
    who = _day_of_work(api)
    body = _get(api, "departments", who["admin"])
    rows = {r["department"]: (r["approval"], r["service"], r["total"]) for r in body["rows"]}
    assert rows == {"scj": (1, 0, 1), "rsj": (0, 1, 1), "mzj": (0, 0, 0)}
    assert body["total"] == {"approval": 1, "service": 1, "total": 2}
    assert body["from"] == body["to"] == "2026-11-23"


def test_departments_csv_has_chinese_headers_and_a_total_row(api: TestClient) -> None:
    who = _day_of_work(api)
    text = _get(api, "departments", who["admin"], format="csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["单位", "行政审批类（件）", "服务类（件）", "合计（件）", "备注"]
    assert rows[-1][:4] == ["合计", "1", "1", "2"]
    assert ["民政局", "0", "0", "0", "暂无业务"] in rows


def test_a_csv_downloads_under_a_name_that_says_what_and_which_days(api: TestClient) -> None:
    who = _day_of_work(api)
    for path in ("summary", "departments"):
        r = api.get(f"/api/v1/stats/{path}", headers=who["admin"], params={"format": "csv"})
        assert r.headers["content-disposition"] == (
            f'attachment; filename="hallq-{path}-2026-11-23_2026-11-23.csv"'
        )


def test_statistics_are_for_admins_only(api: TestClient) -> None:
    who = _day_of_work(api)
    for path in ENDPOINTS:
        url = f"/api/v1/stats/{path}"
        assert_error(api.get(url), 401, "unauthorized")
        assert_error(api.get(url, headers=who["s1"]), 403, "forbidden")
        assert_error(api.get(url, headers=KIOSK), 403, "forbidden")
        assert api.get(url, headers=who["admin"]).status_code == 200


def test_a_bad_range_gets_a_bilingual_error_on_every_endpoint(api: TestClient) -> None:
    admin = login(api, "admin")
    backwards = {"from": "2026-11-23", "to": "2026-11-01"}
    too_long = {"from": "2025-01-01", "to": "2026-11-23"}
    for path in ENDPOINTS:
        for params in (backwards, too_long):
            r = api.get(f"/api/v1/stats/{path}", headers=admin, params=params)
            assert_error(r, 422, "bad_range")
        r = api.get(f"/api/v1/stats/{path}", headers=admin, params={"from": "2026-02-30"})
        assert_error(r, 422, "invalid_input")  # 30 February


def test_summary_adds_outcomes_satisfaction_onsite_and_run_once(api: TestClient) -> None:
    who = _day_of_work(api)
    s = _get(api, "summary", who["admin"], **{"from": "2026-11-23"})
    total = s["total"]
    assert (total["issued"], total["served"], total["no_show"], total["cases"]) == (3, 2, 1, 2)
    assert (total["rating_5"], total["satisfaction_pct"]) == (1, 100.0)
    assert total["onsite_pct"] == 100.0  # both services were immediate matters done at once
    assert s["run_once"]["episodes"] == 1 and s["run_once"]["provisional"] is True


def test_transfers_count_against_the_matter_and_department_the_ticket_left(
    api: TestClient,
) -> None:
    """转出 is counted where the ticket left, as the window row is: window 3 sends a 民政
    dbsq ticket on to 人社 ylbx, then hands a sybx ticket to window 4 (same matter)."""
    s3, s4 = login(api, "s3a", 3), login(api, "s4a", 4)
    issue(api, "dbsq")
    assert (call_next(api, 3, s3) or {})["matter"] == "dbsq"
    r = api.post("/api/v1/windows/3/transfer", json={"matter": "ylbx"}, headers=s3)
    assert r.status_code == 200, r.text
    assert (call_next(api, 4, s4) or {})["matter"] == "ylbx"
    api.post("/api/v1/windows/4/complete", json={"outcome": "done"}, headers=s4)
    issue(api, "sybx")
    assert (call_next(api, 3, s3) or {})["matter"] == "sybx"
    r = api.post("/api/v1/windows/3/transfer", json={"window": 4}, headers=s3)
    assert r.status_code == 200, r.text
    admin = login(api, "admin")

    def transferred(s: dict[str, Any]) -> dict[str, dict[str, int]]:
        return {
            level: {row["key"]: row["transferred"] for row in s[f"by_{level}"]}
            for level in ("window", "department", "matter")
        }

    want = {
        "window": {"3": 2, "4": 0},
        "department": {"mzj": 1, "rsj": 1},
        "matter": {"dbsq": 1, "ylbx": 0, "sybx": 1},
    }
    for s in (_get(api, "summary", admin), _get(api, "report", admin)["summary"]):
        got = transferred(s)
        for level, counts in want.items():
            assert {k: got[level].get(k, 0) for k in counts} == counts, level
        assert s["total"]["transferred"] == 2
    rows = list(csv.DictReader(io.StringIO(_get(api, "summary", admin, format="csv"))))
    by_key = {(r["level"], r["key"]): r["transferred"] for r in rows}
    assert by_key[("matter", "dbsq")] == "1" and by_key[("department", "mzj")] == "1"
    assert ("matter", "ylbx") not in by_key or by_key[("matter", "ylbx")] == "0"


def test_ranking_lists_windows_with_stars_and_csv(api: TestClient) -> None:
    who = _day_of_work(api)
    body = _get(api, "ranking", who["admin"], min_served=1)
    assert {r["window"] for r in body["ranked"]} == {1, 3}
    assert all(1 <= r["stars"] <= 5 for r in body["ranked"]) and set(body["unranked"]) == {2, 4}
    text = _get(api, "ranking", who["admin"], min_served=1, format="csv")
    assert text.splitlines()[0].startswith("名次,窗口,名称")


def test_attendance_shows_a_sign_in_after_opening_as_late(
    api: TestClient, clock: FakeClock
) -> None:
    who = _day_of_work(api)  # Monday 10:00: the morning slot runs to 12:00
    body = _get(api, "attendance", who["admin"])
    assert body["slots"] == ["上午签到", "午间签到", "下午签退"]
    s1a = next(r for r in body["records"] if r["staff"] == "s1a")
    assert s1a["marks"] == ["late", "pending", "pending"] and s1a["times"][0] == "10:00"
    staff = {s["staff"]: s for s in body["staff"]}
    assert (staff["s1a"]["expected"], staff["s1a"]["missing"]) == (1, 0)
    assert "s2a" not in staff  # may still sign (late) before 12:00: nothing judged yet
    clock.advance(hours=4, minutes=30)  # 14:30: the noon slot runs to 17:00, 签退 to 21:30
    body = _get(api, "attendance", who["admin"])
    s1a = next(r for r in body["records"] if r["staff"] == "s1a")
    assert s1a["marks"] == ["late", "pending", "pending"]
    s2a = next(s for s in body["staff"] if s["staff"] == "s2a")
    assert (s2a["expected"], s2a["missing"]) == (1, 1)  # the morning slot has passed
    clock.advance(hours=2, minutes=40)  # 17:10
    body = _get(api, "attendance", who["admin"])
    s1a = next(r for r in body["records"] if r["staff"] == "s1a")
    assert s1a["marks"] == ["late", "missing", "pending"]
    clock.advance(hours=16)  # Tuesday 09:10, Monday asked for: every slot has passed
    admin = login(api, "admin")  # the morning's sign-in has expired
    body = _get(api, "attendance", admin, **{"from": "2026-11-23"})
    assert body["to_date"] is False
    s1a = next(r for r in body["records"] if r["staff"] == "s1a")
    assert s1a["marks"] == ["late", "missing", "missing"]
    s2a = next(s for s in body["staff"] if s["staff"] == "s2a")
    assert (s2a["expected"], s2a["missing"]) == (3, 3)  # an A role who never signed in
    assert "admin" not in {s["staff"] for s in body["staff"]}
    text = _get(api, "attendance", admin, format="csv", **{"from": "2026-11-23"})
    assert "【一日三签考勤】" in text and "【考勤异常明细】" in text


def test_a_period_running_past_today_is_cut_there_and_one_all_to_come_is_refused(
    api: TestClient,
) -> None:
    who = _day_of_work(api)  # Monday 23 November, 10:00
    body = _get(api, "report", who["admin"], **{"from": "2026-11-01", "to": "2026-11-30"})
    assert (body["from"], body["to"], body["asked_to"]) == (
        "2026-11-01",
        "2026-11-23",
        "2026-11-30",
    )
    assert body["to_date"] is True and body["open_days"] == 16  # 1..23 Nov, not 21 for the month
    assert body["attendance"]["days"][-1] == "2026-11-23"
    s = _get(api, "summary", who["admin"], **{"from": "2026-11-23", "to": "2026-11-27"})
    assert (s["to"], s["to_date"], s["total"]["issued"]) == ("2026-11-23", True, 3)
    for path in ENDPOINTS:
        r = api.get(f"/api/v1/stats/{path}", headers=who["admin"], params={"from": "2026-11-24"})
        assert_error(r, 422, "period_not_begun")


def test_heatmap_counts_tickets_at_their_local_hour(api: TestClient) -> None:
    who = _day_of_work(api)
    body = _get(api, "heatmap", who["admin"])
    assert body["counts"][0][10] == 3 and body["hours"] == [10]
    assert body["busiest"][0] == {"weekday": 0, "weekday_name": "周一", "hour": 10, "average": 3.0}


def test_full_report_has_every_section(api: TestClient, clock: FakeClock) -> None:
    who = _day_of_work(api)
    body = _get(api, "report", who["admin"])
    assert {"summary", "departments", "heatmap", "attendance", "ranking", "run_once"} <= set(body)
    assert body["open_days"] == 1 and body["hall"] == "测试政务服务大厅"


# --- a generated month, through the `hallq report` command --------------------------------
MONTH_TICKETS = 60


@pytest.fixture(scope="module")
def month_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("month") / "oct.sqlite3"
    args = [
        "report",
        "generate-month",
        "--month",
        "2026-10",
        "--seed",
        "1",
        "--db",
        str(path),
        "--tickets",
        str(MONTH_TICKETS),
    ]
    assert main(args) == 0
    return path


def test_generated_month_department_table_adds_up_and_matches_the_event_log(
    month_db: Path,
) -> None:
    config = load_hall()
    engine = open_database(f"sqlite:///{month_db}")
    with SqlUnitOfWork(engine, write=False) as uow:
        report = read_report(
            uow,
            config,
            Period(date(2026, 10, 1), date(2026, 10, 31)),
            now=datetime(2027, 1, 1, tzinfo=UTC),
        )
        completed = uow.conn.execute(
            select(t.events.c.matter, t.events.c.data).where(t.events.c.type == "ticket.completed")
        ).all()
        tickets = uow.conn.execute(select(func.count()).select_from(t.tickets)).scalar_one()
    engine.dispose()
    category = {m.code: m.category for m in config.matters}
    cases = [m for m, data in completed if data["outcome"] in ("done", "accepted")]
    table = report.departments
    assert table.total == len(cases) > 0
    assert table.approval == sum(category[m] == "approval" for m in cases)
    assert table.service == sum(category[m] == "service" for m in cases)
    assert table.approval + table.service == table.total == sum(r.total for r in table.rows)
    assert [r.code for r in table.rows] == [d.code for d in config.departments]
    assert report.total["issued"] == tickets and report.open_days == 18  # 国庆 and 调休
    assert len(report.ranking.ranked) >= 6 and len(report.ranking.best) == 3


def test_generating_the_same_month_twice_is_refused(month_db: Path) -> None:
    args = ["report", "generate-month", "--month", "2026-10", "--db", str(month_db)]
    assert main(args) == 2


def test_xlsx_report_opens_with_one_sheet_per_section(month_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "oct.xlsx"
    assert (
        main(
            [
                "report",
                "--month",
                "2026-10",
                "--db",
                str(month_db),
                "--format",
                "xlsx",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEET_NAMES.values())
    ws = wb["部门办件"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = values.index(["单位", "行政审批类（件）", "服务类（件）", "合计（件）", "备注"])
    total = next(v for v in values if v[0] == "合计")
    body = values[header + 1 : values.index(total)]
    assert total[1] + total[2] == total[3] == sum(v[3] for v in body)


def test_html_report_embeds_plotly_and_loads_nothing_from_outside(
    month_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "oct.html"
    assert (
        main(
            [
                "report",
                "--month",
                "2026-10",
                "--db",
                str(month_db),
                "--format",
                "html",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    html = out.read_text(encoding="utf-8")
    library = get_plotlyjs()
    assert library in html and html.count("Plotly.newPlot(") == 7  # with 预约履约 by day
    own = html.replace(library, "")  # the library's own map-tile addresses are never used here
    assert not re.search(r"https?://", own), re.findall(r".{40}https?://.{40}", own)[:3]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", own)
    assert "2026年10月各窗口办结业务共计" in html and "三优窗口" in html


def test_csv_and_table_outputs_of_a_section(
    month_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dept.csv"
    assert (
        main(
            [
                "report",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--db",
                str(month_db),
                "--format",
                "csv",
                "--section",
                "departments",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese headers as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "单位" and rows[-1][0] == "合计"
    assert (
        main(["report", "--month", "2026-10", "--db", str(month_db), "--section", "departments"])
        == 0
    )
    assert "各窗口单位办件情况" in capsys.readouterr().out


def test_report_of_the_running_month_counts_to_date_and_no_sign_that_is_not_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """QA: `hallq report --month 2026-12` on 2 December counted 23 open days and 69 missing
    signs per person; at 14:30 the day's 下午签退 was already missing."""
    db = tmp_path / "dec.sqlite3"
    generate = ["report", "generate-month", "--month", "2026-12", "--db", str(db)]
    assert main([*generate, "--tickets", "10"]) == 0  # the whole month, as a clock would not
    now = datetime(2026, 12, 2, 6, 30, tzinfo=UTC)  # 14:30 in the hall
    monkeypatch.setattr("queue_server.reports.cli.now", lambda: now)
    out = tmp_path / "dec.json"
    assert main(["report", "--month", "2026-12", "--db", str(db), "--format", "json",
                 "--out", str(out)]) == 0  # fmt: skip
    body = json.loads(out.read_text(encoding="utf-8"))
    assert (body["from"], body["to"], body["asked_to"]) == (
        "2026-12-01",
        "2026-12-02",
        "2026-12-31",
    )
    assert body["to_date"] is True and body["open_days"] == 2
    att = body["attendance"]
    assert att["days"] == ["2026-12-01", "2026-12-02"]
    today = [r for r in att["records"] if r["day"] == "2026-12-02"]
    assert today and all(r["marks"][2] == "pending" for r in today)  # 签退 from 17:00
    for staff in att["staff"]:
        assert staff["days"] <= 2 and staff["expected"] <= 5, staff  # 3 + 2 judged today
        days = [r for r in att["records"] if r["staff"] == staff["staff"]]
        marks = [m for r in days for m in r["marks"]]
        assert staff["expected"] == len(marks) - marks.count("pending")
        assert staff["missing"] == marks.count("missing")

    heading = "2026年12月（截至2026-12-02）"
    table = tmp_path / "dec.txt"
    assert main(["report", "--month", "2026-12", "--db", str(db), "--out", str(table)]) == 0
    assert heading in table.read_text(encoding="utf-8")
    xlsx = tmp_path / "dec.xlsx"
    assert main(["report", "--month", "2026-12", "--db", str(db), "--format", "xlsx",
                 "--out", str(xlsx)]) == 0  # fmt: skip
    ws = load_workbook(xlsx)["概览"]
    assert heading in str(ws.cell(2, 1).value)  # the caption under each sheet's title
    assert [heading] == [r[1] for r in ws.iter_rows(values_only=True) if r[0] == "统计期间"]
    html = tmp_path / "dec.html"
    assert main(["report", "--month", "2026-12", "--db", str(db), "--format", "html",
                 "--out", str(html)]) == 0  # fmt: skip
    assert f"<h1>长治市郊区政务服务中心 {heading}政务服务统计报告</h1>" in html.read_text("utf-8")

    caplog.clear()
    assert main(["report", "--month", "2027-01", "--db", str(db)]) == 2
    assert "has not begun" in caplog.text and "尚未开始" in caplog.text


def test_report_of_a_missing_database_or_bad_range_fails_cleanly(tmp_path: Path) -> None:
    assert main(["report", "--month", "2026-10", "--db", str(tmp_path / "none.db")]) == 2
    assert main(["report", "--from", "2026-10-31", "--to", "2026-10-01", "--db", "x.db"]) == 2
