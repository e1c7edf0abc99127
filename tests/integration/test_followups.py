"""好差评 follow-ups on SQLite and PostgreSQL: opened from bad ratings in the event log,
contacted and closed with notes, overdue by the hall's working days; and the 0002 migration."""

from __future__ import annotations

import threading
from datetime import date, time
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient

from queue_server.adapters.db import make_engine
from queue_server.adapters.migrate import alembic_config, upgrade
from queue_server.api.routes.hall import event_json
from queue_server.bootstrap import build_hall, create_app
from queue_server.config import HallConfig, Settings
from queue_server.domain.schedule import Schedule
from queue_server.hall import Hall
from queue_server.services import followups as svc
from tests.conftest import FakeClock, hall_time
from tests.integration.apiutil import (
    PINS,
    assert_error,
    call_next,
    issue,
    login,
    ticket_row_0001,
)

FOLLOWUPS = "/api/v1/followups"


def served_and_rated(
    api: TestClient,
    rating: int,
    *,
    matter: str = "yyzz",
    window: int = 1,
    staff: str = "s1a",
    **extra: Any,
) -> dict[str, Any]:
    ticket = issue(api, matter)
    headers = login(api, staff, window)
    assert call_next(api, window, headers)
    r = api.post(f"/api/v1/windows/{window}/complete", json={"outcome": "done"}, headers=headers)
    assert r.status_code == 200, r.text
    r = api.post(f"/api/v1/tickets/{ticket['token']}/evaluation", json={"rating": rating, **extra})
    assert r.status_code == 201, r.text
    return ticket


def listed(api: TestClient, status: str | None = None) -> list[dict[str, Any]]:
    params = {"status": status} if status else {}
    r = api.get(FOLLOWUPS, params=params, headers=login(api, "admin"))
    assert r.status_code == 200, r.text
    return list(r.json())


def test_a_bad_rating_opens_one_follow_up_for_the_matters_department(
    api: TestClient, hall: Hall
) -> None:
    served_and_rated(api, 5)
    served_and_rated(api, 3)  # 基本满意: no follow-up
    bad = served_and_rated(
        api,
        2,
        reasons=["等候时间过长"],
        comment="等了一个小时",
        matter="sybx",
        window=4,
        staff="s4a",
    )
    worst = served_and_rated(api, 1)
    found = listed(api, "open")
    assert [f["ticket"] for f in found] == [worst["number"], bad["number"]]  # newest first
    f = found[1]
    assert (f["department"], f["department_name"], f["matter"]) == ("rsj", "人社局", "sybx")
    assert (f["rating"], f["rating_label"], f["rating_label_en"]) == (2, "不满意", "Dissatisfied")
    assert f["reasons"] == ["等候时间过长"] and f["comment"] == "等了一个小时"
    assert (f["window"], f["staff_id"], f["zone"], f["status"]) == (4, "s4a", "B", "open")
    assert f["contact_due"] == "2026-11-23T03:00:00Z"  # the rating at 10:00 + 60 minutes
    assert f["fix_due"] == "2026-11-30T16:00:00Z"  # end of Mon 30 Nov: 5 working days later
    assert not f["contact_overdue"] and not f["fix_overdue"] and f["notes"] == []
    listed(api)
    with hall.uow(write=False) as uow:
        opened = [e for e in uow.events.since(0) if e.type == "followup.opened"]
    assert len(opened) == 2  # synced many times, opened once each


def test_follow_ups_are_opened_once_however_many_sync_at_once(api: TestClient, hall: Hall) -> None:
    for _ in range(3):
        served_and_rated(api, 1)
    gate = threading.Barrier(6)

    def sync() -> None:
        gate.wait()
        svc.ensure_synced(hall)

    threads = [threading.Thread(target=sync) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert len(listed(api)) == 3
    with hall.uow(write=False) as uow:
        assert sum(e.type == "followup.opened" for e in uow.events.since(0)) == 3


def test_contact_and_close_need_a_note_and_are_kept_with_the_follow_up(
    api: TestClient, clock: FakeClock, hall: Hall
) -> None:
    served_and_rated(api, 1)
    fid = listed(api)[0]["id"]
    admin = login(api, "admin")
    r = api.post(f"{FOLLOWUPS}/{fid}/contact", json={"note": "   "}, headers=admin)
    assert_error(r, 422, "note_required")
    assert_error(
        api.post(f"{FOLLOWUPS}/{fid}/contact", json={}, headers=admin), 422, "note_required"
    )
    clock.advance(minutes=20)
    r = api.post(f"{FOLLOWUPS}/{fid}/contact", json={"note": "电话未接通"}, headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "contacted"
    clock.advance(minutes=30)
    r = api.post(
        f"{FOLLOWUPS}/{fid}/contact", json={"note": "已联系，市民反映等候过久"}, headers=admin
    )
    assert r.json()["contacted_at"] == "2026-11-23T02:20:00Z"  # the first contact counts
    r = api.post(f"{FOLLOWUPS}/{fid}/close", json={"resolution": "fixed"}, headers=admin)
    assert_error(r, 422, "note_required")
    r = api.post(
        f"{FOLLOWUPS}/{fid}/close", json={"resolution": "maybe", "note": "x"}, headers=admin
    )
    assert_error(r, 422, "invalid_input")
    body = {"resolution": "fixed", "note": "高峰时段增开2号窗口"}
    r = api.post(f"{FOLLOWUPS}/{fid}/close", json=body, headers=admin)
    closed = r.json()
    assert (closed["status"], closed["resolution"]) == ("closed", "fixed")
    assert [(n["kind"], n["note"], n["actor"]) for n in closed["notes"]] == [
        ("contact", "电话未接通", "staff:admin"),
        ("contact", "已联系，市民反映等候过久", "staff:admin"),
        ("close", "高峰时段增开2号窗口", "staff:admin"),
    ]
    assert_error(
        api.post(f"{FOLLOWUPS}/{fid}/close", json=body, headers=admin), 409, "followup_closed"
    )
    r = api.post(f"{FOLLOWUPS}/{fid}/contact", json={"note": "again"}, headers=admin)
    assert_error(r, 409, "followup_closed")
    assert [f["id"] for f in listed(api, "closed")] == [fid] and listed(api, "open") == []
    with hall.uow(write=False) as uow:
        kinds = [e.type for e in uow.events.since(0) if e.type.startswith("followup.")]
    assert kinds == [
        "followup.opened",
        "followup.contacted",
        "followup.contacted",
        "followup.closed",
    ]


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/999/contact", {"note": "x"}, 404, "unknown_followup"),
        ("/999/close", {"resolution": "appeal", "note": "x"}, 404, "unknown_followup"),
        ("/0/contact", {"note": "x"}, 422, "invalid_input"),
        ("/abc/contact", {"note": "x"}, 422, "invalid_input"),
        ("/1/contact", {"note": "x" * 501}, 422, "invalid_input"),
        ("?status=late", None, 422, "invalid_input"),
    ],
)
def test_follow_up_refusals_are_bilingual(
    api: TestClient, path: str, body: Any, status: int, code: str
) -> None:
    admin = login(api, "admin")
    if body is None:
        r = api.get(FOLLOWUPS + path, headers=admin)
    else:
        r = api.post(FOLLOWUPS + path, json=body, headers=admin)
    assert_error(r, status, code)


def test_follow_ups_are_for_admins_and_leads_not_window_staff_or_the_desk(
    api: TestClient,
) -> None:
    served_and_rated(api, 1)
    assert_error(api.get(FOLLOWUPS), 401, "unauthorized")
    for who in (
        login(api, "desk1"),
        login(api, "s1a", 1),
        {"Authorization": "Bearer test-kiosk-key"},
    ):
        assert_error(api.get(FOLLOWUPS, headers=who), 403, "forbidden")
        r = api.post(f"{FOLLOWUPS}/1/contact", json={"note": "x"}, headers=who)
        assert_error(r, 403, "forbidden")
        r = api.post(f"{FOLLOWUPS}/1/close", json={"resolution": "fixed", "note": "x"}, headers=who)
        assert_error(r, 403, "forbidden")
    assert [f["status"] for f in listed(api)] == ["open"]  # nobody of them changed it


def lead_list(api: TestClient, lead: str, status: str | None = None) -> list[dict[str, Any]]:
    params = {"status": status} if status else {}
    r = api.get(FOLLOWUPS, params=params, headers=login(api, lead))
    assert r.status_code == 200, r.text
    return list(r.json())


def test_a_lead_lists_contacts_and_closes_only_their_own_departments_follow_ups(
    api: TestClient, hall: Hall
) -> None:
    scj = served_and_rated(api, 2, comment="窗口人员态度生硬")  # 营业执照: 市场监管局
    rsj = served_and_rated(api, 1, matter="sybx", window=4, staff="s4a")  # 人社局
    by_ticket = {f["ticket"]: f["id"] for f in listed(api)}
    mine, theirs = by_ticket[scj["number"]], by_ticket[rsj["number"]]

    assert [f["id"] for f in lead_list(api, "lead-scj")] == [mine]
    assert [f["id"] for f in lead_list(api, "lead-rsj")] == [theirs]
    assert [f["id"] for f in lead_list(api, "lead-scj", "overdue")] == []
    f = lead_list(api, "lead-scj", "open")[0]
    assert (f["department_name"], f["department_name_en"]) == (
        "市场监管局",
        "Market Regulation Bureau",
    )
    assert f["matter_name_en"] == "Business licence for individual businesses"
    assert f["comment"] == "窗口人员态度生硬" and (f["window"], f["staff_id"]) == (1, "s1a")

    lead = login(api, "lead-scj")
    close = {"resolution": "fixed", "note": "已整改"}
    for path, body in (("contact", {"note": "已联系"}), ("close", close)):
        r = api.post(f"{FOLLOWUPS}/{theirs}/{path}", json=body, headers=lead)
        assert_error(r, 404, "unknown_followup")  # as if it did not exist: ids tell nothing
        r = api.post(f"{FOLLOWUPS}/{theirs + 1000}/{path}", json=body, headers=lead)
        assert_error(r, 404, "unknown_followup")
    r = api.post(f"{FOLLOWUPS}/{theirs}/close", json=close, headers=login(api, "admin"))
    assert r.status_code == 200
    r = api.post(f"{FOLLOWUPS}/{theirs}/contact", json={"note": "x"}, headers=lead)
    assert_error(r, 404, "unknown_followup")  # closed or not, still not theirs

    r = api.post(
        f"{FOLLOWUPS}/{mine}/contact", json={"note": "电话联系，市民已接受道歉"}, headers=lead
    )
    assert r.status_code == 200 and r.json()["status"] == "contacted"
    body = {"resolution": "fixed", "note": "已对窗口人员批评教育并纳入月度考核"}
    r = api.post(f"{FOLLOWUPS}/{mine}/close", json=body, headers=lead)
    assert (r.json()["status"], r.json()["resolution"]) == ("closed", "fixed")
    assert_error(
        api.post(f"{FOLLOWUPS}/{mine}/close", json=body, headers=lead), 409, "followup_closed"
    )

    closed = {f["id"]: f for f in listed(api, "closed")}  # what the admin sees
    assert set(closed) == {mine, theirs}
    assert [(n["kind"], n["actor"]) for n in closed[mine]["notes"]] == [
        ("contact", "staff:lead-scj"),
        ("close", "staff:lead-scj"),
    ]
    assert lead_list(api, "lead-rsj", "open") == [] and len(lead_list(api, "lead-rsj")) == 1
    with hall.uow(write=False) as uow:
        handled = [
            (e.type, e.actor, e.data["department"])
            for e in uow.events.since(0)
            if e.type in ("followup.contacted", "followup.closed")
        ]
    assert handled == [
        ("followup.closed", "staff:admin", "rsj"),
        ("followup.contacted", "staff:lead-scj", "scj"),
        ("followup.closed", "staff:lead-scj", "scj"),
    ]


def test_a_lead_signs_in_without_a_window_and_is_told_their_department(api: TestClient) -> None:
    r = api.post("/api/v1/auth/login", json={"staff_id": "lead-scj", "pin": PINS["lead-scj"]})
    assert r.status_code == 200, r.text
    answer = r.json()
    assert (answer["role"], answer["window"], answer["ab_role"]) == ("lead", None, "lead")
    assert answer["staff"] == {
        "id": "lead-scj",
        "name": "孙立新",
        "role": "lead",
        "department": "scj",
    }
    me = api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {answer['token']}"})
    assert me.json() == {
        "kind": "staff",
        "id": "lead-scj",
        "role": "lead",
        "window": None,
        "department": "scj",
    }
    assert api.get("/api/v1/auth/me", headers=login(api, "admin")).json()["department"] is None
    # A lead is no window clerk: not at a window they are not A or B of, and nothing there.
    wrong = {"staff_id": "lead-scj", "pin": PINS["lead-scj"], "window": 1}
    assert_error(api.post("/api/v1/auth/login", json=wrong), 403, "not_assigned")
    lead = {"Authorization": f"Bearer {answer['token']}"}
    assert_error(api.post("/api/v1/windows/1/call-next", headers=lead), 403, "forbidden")
    assert_error(
        api.post("/api/v1/tickets", json={"matter": "yyzz"}, headers=lead), 403, "forbidden"
    )
    assert_error(api.get("/api/v1/admin/overview", headers=lead), 403, "forbidden")


def test_a_lead_no_longer_leading_after_a_config_change_is_refused(
    api: TestClient, settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    """Sessions keep the role they were opened with; a lead's department is read from the
    config in force, so a session opened before the change cannot handle follow-ups after."""
    lead = login(api, "lead-scj")
    staff = [
        s.model_copy(update={"role": "staff", "department": ""}) if s.id == "lead-scj" else s
        for s in mini_config.staff
    ]
    changed = mini_config.model_copy(update={"staff": staff})
    with TestClient(create_app(settings, hall=build_hall(settings, changed, clock=clock))) as later:
        assert_error(later.get(FOLLOWUPS, headers=lead), 403, "forbidden")
        r = later.post(f"{FOLLOWUPS}/1/contact", json={"note": "x"}, headers=lead)
        assert_error(r, 403, "forbidden")


def test_the_leads_page_is_served_with_a_strict_policy(api: TestClient) -> None:
    r = api.get("/followups")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN, nothing remote
    assert "/web/followupcards.js" in r.text  # a card and its form, shared with /admin
    for asset in (
        "followups.js",
        "followupcards.js",
        "followups.css",
        "staff.js",
        "staff.css",
        "hallq.js",
    ):
        assert api.get(f"/web/{asset}").status_code == 200


def test_overdue_when_not_contacted_in_time_or_not_closed_within_the_working_days(
    api: TestClient, clock: FakeClock
) -> None:
    served_and_rated(api, 2)
    served_and_rated(api, 1)
    first, second = listed(api)[1]["id"], listed(api)[0]["id"]
    admin = login(api, "admin")
    clock.advance(minutes=59)
    assert listed(api, "overdue") == []
    clock.advance(minutes=2)
    late = listed(api, "overdue")
    assert {f["id"] for f in late} == {first, second} and all(f["contact_overdue"] for f in late)
    api.post(f"{FOLLOWUPS}/{first}/contact", json={"note": "已联系"}, headers=admin)
    assert [f["id"] for f in listed(api, "overdue")] == [second]
    clock.now = hall_time("2026-11-30 23:59")  # the fifth working day, still in time
    assert [f["id"] for f in listed(api, "overdue")] == [second]
    clock.now = hall_time("2026-12-01 00:01")
    late = listed(api, "overdue")
    assert {f["id"] for f in late} == {first, second} and all(f["fix_overdue"] for f in late)
    overview = api.get("/api/v1/admin/overview", headers=login(api, "admin")).json()
    assert (overview["followups_open"], overview["followups_overdue"]) == (2, 2)
    assert {"kind": "followup_overdue", "count": 2} in [
        {k: v for k, v in a.items() if v is not None} for a in overview["alerts"]
    ]


def test_working_days_skip_weekends_and_holidays_and_count_make_up_days() -> None:
    span = ((time(9), time(17)),)
    schedule = Schedule(
        timezone="Asia/Shanghai",
        weekly=(span, span, span, span, span, (), ()),
        holidays=frozenset({date(2026, 12, 2)}),
        extra_workdays=frozenset({date(2026, 12, 5)}),
    )
    end = svc.workdays_end(schedule, date(2026, 11, 30), 5)  # Monday
    # Tue 1, (Wed 2 holiday), Thu 3, Fri 4, Sat 5 (make-up day), Mon 7 → end of Mon 7
    assert end == hall_time("2026-12-08 00:00")


def test_follow_up_events_on_the_public_stream_carry_no_number_rating_or_window(
    api: TestClient, hall: Hall
) -> None:
    served_and_rated(api, 1, reasons=["态度不好"])
    listed(api)
    with hall.uow(write=False) as uow:
        opened = next(e for e in uow.events.since(0) if e.type == "followup.opened")
    wire = event_json(opened, opened.zone)
    assert wire["ticket"] is None and wire["window"] is None
    assert "rating" not in wire and "reasons" not in wire and "token" not in wire
    assert wire["department"] == "scj" and isinstance(wire["followup"], int)


def test_upgrade_from_0001_keeps_tickets_and_adds_the_operations_tables(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    ticket = ticket_row_0001(date(2026, 11, 23))
    tickets = sa.table("tickets", *(sa.column(k) for k in ticket))
    with engine.begin() as conn:
        conn.execute(sa.insert(tickets).values(ticket))
    assert "followups" not in sa.inspect(engine).get_table_names()

    upgrade(engine)  # what `hallq serve` does on start
    names = set(sa.inspect(engine).get_table_names())
    assert {
        "followups",
        "followup_notes",
        "appointment_details",
        "sync_cursors",
        "desk_lookups",
    } <= names
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT number, token FROM tickets")).all() == [
            ("A001", "tok-1")
        ]
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        assert version == ScriptDirectory.from_config(cfg).get_current_head()  # 0002 or later
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "followups" not in sa.inspect(engine).get_table_names()
    upgrade(engine)
    engine.dispose()


# --- the supervision overview ---------------------------------------------------------------
OVERVIEW = "/api/v1/admin/overview"


def test_overview_per_zone_waiting_longest_wait_windows_faults_and_alerts(
    api: TestClient, clock: FakeClock
) -> None:
    issue(api, "yyzz")  # zone A, 10:00
    clock.advance(minutes=10)
    issue(api, "sybx")  # zone B, 10:10
    issue(api, "dbsq")
    login(api, "s1a", 1)
    s3 = login(api, "s3a", 3)
    api.post("/api/v1/windows/3/pause", json={"reason": "午休"}, headers=s3)
    r = api.post(
        "/api/v1/devices/printer-fault",
        headers={"Authorization": "Bearer test-kiosk-key"},
        json={"printer": "k1", "reason": "paper_out", "message": "缺纸"},
    )
    assert r.status_code == 204
    clock.advance(minutes=25)  # 10:35
    ov = api.get(OVERVIEW, headers=login(api, "admin")).json()
    assert (ov["target_wait_min"], ov["wait_alert_min"]) == (30, 30.0)
    a, b = ov["zones"]
    assert (a["code"], a["prefix"], a["waiting"], a["longest_wait_min"], a["long_wait"]) == (
        "A",
        "A",
        1,
        35,
        True,
    )
    assert (b["waiting"], b["longest_wait_min"], b["long_wait"]) == (2, 25, False)
    assert a["oldest_since"] == "2026-11-23T02:00:00Z"
    assert (a["windows_open"], a["windows_paused"], a["windows_closed"]) == (1, 0, 1)
    assert (b["windows_open"], b["windows_paused"], b["windows_closed"]) == (0, 1, 1)
    w3 = next(w for w in ov["windows"] if w["number"] == 3)
    assert (w3["status"], w3["pause_reason"], w3["staff_name"]) == ("paused", "午休", "赵磊")
    (fault,) = ov["printer_faults"]
    assert (fault["printer"], fault["reason"], fault["actor"]) == (
        "k1",
        "paper_out",
        "device:kiosk1",
    )
    assert [(x["kind"], x["zone"]) for x in ov["alerts"]] == [
        ("long_wait", "A"),
        ("printer_fault", None),
    ]
    clock.advance(minutes=121)  # faults older than [supervision] fault_window_min drop off
    ov = api.get(OVERVIEW, headers=login(api, "admin")).json()
    assert ov["printer_faults"] == [] and ov["seq"] > 0


def test_an_early_appointment_does_not_count_as_a_long_wait(
    api: TestClient, clock: FakeClock
) -> None:
    body = {
        "matter": "yyzz",
        "day": "2026-11-23",
        "slot": "10:30",
        "id_number": "11010519491231002X",
    }
    code = api.post("/api/v1/appointments", json=body).json()["code"]
    clock.advance(minutes=5)
    issue(api, "yyzz", appointment_code=code)  # queued from its slot, 10:30
    zone = api.get(OVERVIEW, headers=login(api, "admin")).json()["zones"][0]
    assert (zone["waiting"], zone["longest_wait_s"], zone["long_wait"]) == (1, 0, False)


@pytest.mark.parametrize("who", [None, "desk1", "s1a", "kiosk"])
def test_the_overview_is_for_admins(api: TestClient, who: str | None) -> None:
    if who is None:
        assert_error(api.get(OVERVIEW), 401, "unauthorized")
        return
    headers = (
        {"Authorization": "Bearer test-kiosk-key"}
        if who == "kiosk"
        else login(api, who, 1 if who == "s1a" else None)
    )
    assert_error(api.get(OVERVIEW, headers=headers), 403, "forbidden")


def test_the_admin_page_is_served_with_a_strict_policy(api: TestClient) -> None:
    r = api.get("/admin")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN, nothing remote
    assert "/web/followupcards.js" in r.text  # a follow-up card, shared with /followups
    for asset in ("admin.js", "admin.css", "staff.js", "helpcalls.js", "followupcards.js"):
        assert api.get(f"/web/{asset}").status_code == 200
