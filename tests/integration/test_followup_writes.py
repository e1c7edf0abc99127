"""How follow-ups are written, on SQLite and PostgreSQL: contact, close and the lazy opening
of follow-ups go through the hall's writer like every other write (SQLite: its writer
thread, group commit; the answer's Server-Timing says so on both)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from queue_server.hall import Hall
from tests.integration.apiutil import assert_error, login
from tests.integration.test_followups import FOLLOWUPS, listed, served_and_rated
from tests.integration.test_server_timing import timings, writes_on


def jobs_on_writer(hall: Hall) -> int:
    """The write jobs the hall's SQLite writer thread has run (0 on PostgreSQL)."""
    return hall.writer.jobs if hall.writer is not None else 0


def test_contact_and_close_are_written_by_the_halls_writer(api: TestClient, hall: Hall) -> None:
    served_and_rated(api, 1)
    fid = listed(api)[0]["id"]
    lead = login(api, "lead-scj")
    before = jobs_on_writer(hall)

    r = api.post(f"{FOLLOWUPS}/{fid}/contact", json={"note": "已电话联系"}, headers=lead)
    assert r.status_code == 200 and r.json()["status"] == "contacted", r.text
    assert set(timings(r)) == writes_on(api)
    body = {"resolution": "fixed", "note": "高峰时段增开窗口"}
    r = api.post(f"{FOLLOWUPS}/{fid}/close", json=body, headers=lead)
    assert r.status_code == 200 and r.json()["status"] == "closed", r.text
    assert set(timings(r)) == writes_on(api)
    if hall.writer is not None:
        assert jobs_on_writer(hall) == before + 2

    # Refusals come back from the writer as the same bilingual errors.
    r = api.post(f"{FOLLOWUPS}/{fid}/contact", json={"note": "再次联系"}, headers=lead)
    assert_error(r, 409, "followup_closed")
    assert set(timings(r)) == writes_on(api)
    assert_error(
        api.post(f"{FOLLOWUPS}/{fid + 99}/close", json=body, headers=lead), 404, "unknown_followup"
    )
    assert_error(
        api.post(f"{FOLLOWUPS}/{fid}/contact", json={"note": " "}, headers=lead),
        422,
        "note_required",
    )
    assert [n["kind"] for n in listed(api, "closed")[0]["notes"]] == ["contact", "close"]


def test_a_list_opens_the_new_follow_ups_on_the_writer_and_only_when_there_are_any(
    api: TestClient, hall: Hall
) -> None:
    admin = login(api, "admin")
    served_and_rated(api, 1)
    before = jobs_on_writer(hall)
    r = api.get(FOLLOWUPS, headers=admin)
    assert r.status_code == 200 and len(r.json()) == 1, r.text
    if hall.writer is not None:
        assert jobs_on_writer(hall) == before + 1  # the sync, on the writer thread
    assert api.get(FOLLOWUPS, headers=admin).status_code == 200
    assert api.get("/api/v1/admin/overview", headers=admin).json()["zones"]
    assert jobs_on_writer(hall) == (before + 1 if hall.writer is not None else 0)  # nothing new
