"""What citizens type or scan: ID numbers, ticket QR codes, appointment codes; the catalogue."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
import zxingcpp

from kiosk.catalog import Catalog
from kiosk.entry import (
    PinLock,
    Refusal,
    accept_id_key,
    appointment_code,
    check_id_number,
    id_keypad_text,
    ticket_token,
)
from kiosk.slipdata import test_page as make_test_page
from kiosk.slipdata import ticket_slip
from queue_server.config import load_hall

MINI_HALL = Path(__file__).resolve().parents[1] / "fixtures" / "mini_hall.toml"
GOOD_ID = "11010519491231002X"


def mini_catalog_json() -> dict[str, object]:
    hall = load_hall(MINI_HALL)
    return {
        "hall": {"name": hall.hall.name, "name_en": hall.hall.name_en, "issuing": True},
        "zones": [z.model_dump() for z in hall.zones],
        "departments": [d.model_dump() for d in hall.departments],
        "matters": [
            {**m.model_dump(mode="json"), "windows": [1], "waiting": 2, "estimated_wait_min": 9}
            for m in hall.matters
        ],
    }


def test_valid_id_is_normalised_and_a_bad_check_digit_is_refused() -> None:
    assert check_id_number(GOOD_ID.lower()) == GOOD_ID
    refused = check_id_number("110105194912310021")
    assert isinstance(refused, Refusal) and refused.code == "invalid_id_number"
    assert "身份证" in refused.message_zh and "ID" in refused.message


def test_id_keypad_takes_x_only_last_and_stops_at_18() -> None:
    text = ""
    for key in "X11010519491231002":
        text = accept_id_key(text, key)
    assert text == "11010519491231002"
    text = accept_id_key(accept_id_key(text, "x"), "9")
    assert text == GOOD_ID
    assert id_keypad_text(text) == "110105 19491231 002X"


def test_ticket_token_from_status_url_or_typed_token() -> None:
    assert ticket_token("http://10.0.0.5:8000/t/Ab_c-12?x=1") == "Ab_c-12"
    assert ticket_token("  Ab_c-12 ") == "Ab_c-12"
    assert ticket_token("/t/Zz9/") == "Zz9"
    assert ticket_token("http://x/t/../../etc") is None
    assert ticket_token("") is None


def test_appointment_code_normalised() -> None:
    assert appointment_code(" ab12 - 34 ") == "AB12-34"
    assert appointment_code("预约") is None
    assert appointment_code("A" * 17) is None


def test_catalog_parses_matters_with_live_waits_and_filters_zones() -> None:
    catalog = Catalog.from_json(mini_catalog_json())
    assert [z.code for z in catalog.zones] == ["A", "B"]
    ylbx = catalog.matter("ylbx")
    assert ylbx is not None and ylbx.real_name and ylbx.waiting == 2
    assert ylbx.department_name == "人社局"
    assert catalog.waiting_in("A") == 4
    only_b = Catalog.from_json(mini_catalog_json(), zones=["B"])
    assert {m.zone for m in only_b.matters} == {"B"} and catalog.matter("yyzz")


def test_ticket_slip_uses_hall_local_time_and_catalog_names() -> None:
    catalog = Catalog.from_json(mini_catalog_json())
    ticket = {
        "number": "B007",
        "token": "tok",
        "matter": "ylbx",
        "matter_name": "城乡居民养老保险参保登记",
        "matter_name_en": "Residents' pension insurance enrolment",
        "zone": "B",
        "priority": "green",
        "windows": [3, 4],
        "waiting_ahead": 2,
        "estimated_wait_min": 7,
        "issued_at": datetime(2024, 5, 20, 1, 30, tzinfo=UTC).isoformat(),
        "status_url": "http://h/t/tok",
        "id_masked": "110***********002X",
    }
    slip = ticket_slip(ticket, catalog)
    assert slip.issued_at == datetime(2024, 5, 20, 9, 30)  # Asia/Shanghai
    assert slip.zone_name == "社保服务区" and slip.priority == "green"
    assert slip.masked_id.endswith("002X")


def test_printer_test_page_has_a_readable_qr() -> None:
    page = make_test_page(printer="network://10.0.0.9:9100", server="http://10.0.0.2:8000")
    assert page.width == 576
    code = zxingcpp.read_barcode(page.convert("L"))
    assert code is not None and code.text == "http://10.0.0.2:8000"


def test_pin_lock_opens_for_the_pin_and_stays_shut_after_five_wrong_tries() -> None:
    lock = PinLock("2468")
    assert not lock.check("1111") and lock.check("2468") and lock.failures == 0
    for _ in range(5):
        assert not lock.check("0000")
    assert not lock.check("2468")  # tripped: only a restart of the kiosk resets it
    assert not PinLock("").check("")  # no PIN configured: locked


def test_a_kiosk_zone_is_named_by_its_code_or_its_ticket_prefix(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = mini_catalog_json()
    for zone in cast(list[dict[str, Any]], data["zones"]):
        if zone["code"] == "B":
            zone["code"] = "welfare"  # code welfare, ticket prefix still B
    for matter in cast(list[dict[str, Any]], data["matters"]):
        if matter["zone"] == "B":
            matter["zone"] = "welfare"
    by_prefix = Catalog.from_json(data, zones=["B"])
    by_code = Catalog.from_json(data, zones=["welfare"])
    assert [z.code for z in by_prefix.zones] == [z.code for z in by_code.zones] == ["welfare"]
    assert by_prefix.matters == by_code.matters and by_prefix.matters
    by_lower_prefix = Catalog.from_json(data, zones=["b"])  # as the browser pages take it
    assert [z.code for z in by_lower_prefix.zones] == ["welfare"]
    assert "no such zone" not in caplog.text
    nothing = Catalog.from_json(data, zones=["Q"])
    assert not nothing.zones and "--zone Q: no such zone in the hall" in caplog.text
