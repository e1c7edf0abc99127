"""The sample hall `config/hall.toml` (长治市郊区政务服务中心) is valid and matches its source.

The numbers come from the centre's 2017 work report: 23 stationed departments, 53 windows,
81 matters of which 7 are service matters and 74 administrative approvals.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from queue_server.config import SAMPLE_HALL, HallConfig, Matter, Staff, load_hall

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "assets" / "fonts"
GENERATOR = REPO / "config" / "tools" / "gen_hall.py"


@cache
def _hall() -> HallConfig:
    return load_hall(SAMPLE_HALL)


@pytest.fixture
def hall() -> HallConfig:
    return _hall()


def _matter(hall: HallConfig, code: str) -> Matter:
    matter = hall.matter(code)
    assert matter is not None, code
    return matter


def _staff(hall: HallConfig, staff_id: str) -> Staff:
    member = hall.staff_member(staff_id)
    assert member is not None, staff_id
    return member


def _departments_of(hall: HallConfig, profile: list[str]) -> set[str]:
    return {_matter(hall, code).department for code in profile}


# --- the file validates -------------------------------------------------------------------


def test_sample_hall_is_the_default_config_path() -> None:
    assert SAMPLE_HALL == REPO / "config" / "hall.toml"
    assert SAMPLE_HALL.is_file()


def test_hallq_config_check_accepts_the_sample_hall() -> None:
    # The check an operator runs after editing the file, as documented in its header.
    result = subprocess.run(
        [sys.executable, "-m", "queue_server.cli", "config", "check", "config/hall.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    summary = " ".join(result.stdout.split())  # rich wraps at the terminal width
    assert "53 windows, 81 matters" in summary


def test_sample_hall_is_up_to_date_with_its_generator() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# --- hall ---------------------------------------------------------------------------------


def test_hall_opens_weekdays_only_with_a_lunch_break(hall: HallConfig) -> None:
    info = hall.hall
    assert info.timezone == "Asia/Shanghai"
    for day in ("mon", "tue", "wed", "thu", "fri"):
        assert info.hours[day] == ["08:30-12:00", "13:30-17:30"]
    assert "sat" not in info.hours and "sun" not in info.hours
    assert info.spans(5) == [] and info.spans(6) == []


def test_hall_knows_the_public_holidays_and_makeup_workdays(hall: HallConfig) -> None:
    info = hall.hall
    assert date(2026, 10, 1) in info.holidays  # 国庆节
    assert date(2026, 2, 17) in info.holidays  # 春节 (正月初一)
    assert date(2027, 1, 1) in info.holidays
    assert date(2026, 2, 28) in info.extra_workdays
    assert not set(info.holidays) & set(info.extra_workdays)


def test_hall_queue_rules_match_the_brief(hall: HallConfig) -> None:
    info = hall.hall
    assert (info.issue_cutoff_min, info.target_wait_min, info.max_wait_min) == (30, 30, 60)
    assert (info.priority_streak_cap, info.max_recalls, info.requeue_gap) == (3, 2, 3)
    assert info.notice and info.notice_en


# --- zones and departments ----------------------------------------------------------------


def test_hall_has_the_reports_function_zones(hall: HallConfig) -> None:
    assert len(hall.zones) >= 5
    names = {z.name for z in hall.zones}
    for expected in (
        "电子政务区",
        "民生服务区",
        "固定资产投资并联审批区",
        "证照类审批区",
        "公共资源交易平台服务区",
    ):
        assert expected in names
    assert [z.prefix for z in hall.zones] == list("ABCDEF"[: len(hall.zones)])


def test_all_23_stationed_departments_are_listed(hall: HallConfig) -> None:
    assert len(hall.departments) == 23
    names = " ".join(d.name for d in hall.departments)
    for word in (
        "人力资源",
        "工商",
        "教育",
        "文化",
        "交通",
        "食品药品",
        "林业",
        "发展和改革",
        "民政",
        "农业机械",
        "卫生和计划生育",
        "中小微企业",
        "环境保护",
        "国土",
        "水利",
        "畜牧",
        "农业委员会",
        "物价",
        "住房和城乡建设",
        "文物旅游",
        "经济和信息化",
        "安全生产",
    ):
        assert word in names, word
    assert all(d.code.isascii() and d.name_en for d in hall.departments)


def test_every_department_has_matters_and_a_window_of_its_own(hall: HallConfig) -> None:
    with_matters = {m.department for m in hall.matters}
    with_windows = {w.department for w in hall.windows if w.department}
    all_codes = {d.code for d in hall.departments}
    assert with_matters == all_codes
    assert with_windows == all_codes


# --- matters ------------------------------------------------------------------------------


def test_hall_has_81_matters_7_service_and_74_approval(hall: HallConfig) -> None:
    assert len(hall.matters) == 81
    categories = Counter(m.category for m in hall.matters)
    assert categories == {"service": 7, "approval": 74}


def test_high_volume_departments_own_the_service_matters(hall: HallConfig) -> None:
    service = Counter(m.department for m in hall.matters if m.category == "service")
    assert service["rsj"] >= 2 and service["mzj"] >= 2


def test_matters_mix_immediate_and_promised_handling(hall: HallConfig) -> None:
    kinds = Counter(m.kind for m in hall.matters)
    assert kinds["immediate"] >= 5 and kinds["promised"] >= 40
    for m in hall.matters:
        if m.kind == "promised":
            assert 1 <= m.promise_days <= 20, m.code
        else:
            assert m.promise_days == 0, m.code
        assert 5 <= m.service_minutes <= 30, m.code


def test_only_a_few_matters_have_a_daily_quota(hall: HallConfig) -> None:
    quota = [m for m in hall.matters if m.daily_quota > 0]
    assert 1 <= len(quota) <= 10


def test_personal_matters_require_real_name_tickets(hall: HallConfig) -> None:
    assert _matter(hall, "gtj-bdc-zy").real_name  # 不动产转移登记
    assert _matter(hall, "rsj-jmyl-cb").real_name  # 城乡居民养老保险参保登记
    assert not _matter(hall, "fgj-ba").real_name  # 企业投资项目备案


def test_every_matter_guide_has_legal_basis_and_at_least_two_materials(
    hall: HallConfig,
) -> None:
    for m in hall.matters:
        g = m.guide
        assert 1 <= len(g.legal_basis) <= 3, m.code
        assert all(law.startswith("《") for law in g.legal_basis), m.code
        assert len(g.materials) >= 2, m.code
        assert all(mat.name_en for mat in g.materials), m.code
        assert g.conditions and g.steps, m.code
        assert g.fees and g.fees_en, m.code


def test_guide_time_limit_agrees_with_how_the_matter_is_handled(hall: HallConfig) -> None:
    for m in hall.matters:
        g = m.guide
        if m.kind == "immediate":
            assert g.time_limit.startswith("即办"), m.code
            assert g.time_limit_en.startswith("Immediate"), m.code
        else:
            assert f"承诺{m.promise_days}个工作日" in g.time_limit, m.code
            assert f"within {m.promise_days} working day" in g.time_limit_en, m.code


def test_a_business_licence_matter_is_found_by_营业执照(hall: HallConfig) -> None:
    found = [
        m for m in hall.matters if "营业执照" in m.name or any("营业执照" in k for k in m.keywords)
    ]
    assert any(m.department == "gsj" and m.code == "gsj-gt-sl" for m in found)
    assert len(found) >= 3


# --- windows ------------------------------------------------------------------------------


def test_hall_has_53_windows_numbered_1_to_53(hall: HallConfig) -> None:
    assert sorted(w.number for w in hall.windows) == list(range(1, 54))


def test_every_matter_is_served_by_at_least_one_window(hall: HallConfig) -> None:
    served = {code for w in hall.windows for code in w.profile}
    assert served == {m.code for m in hall.matters}


def test_windows_only_serve_matters_of_their_own_zone(hall: HallConfig) -> None:
    for w in hall.windows:
        zones = {_matter(hall, code).zone for code in w.profile}
        assert zones == {w.zone}, w.number


def test_department_windows_only_serve_their_departments_matters(hall: HallConfig) -> None:
    for w in hall.windows:
        if w.department:
            assert _departments_of(hall, w.profile) == {w.department}, w.number


def test_at_least_six_comprehensive_windows_serve_several_departments(
    hall: HallConfig,
) -> None:
    comprehensive = [w for w in hall.windows if len(_departments_of(hall, w.profile)) > 1]
    assert len(comprehensive) >= 6
    assert all(not w.department for w in comprehensive)
    zones = {w.zone for w in comprehensive}
    assert {"welfare", "licence"} <= zones  # 民生服务区 and 证照类审批区 have 一窗受理


def test_high_volume_departments_get_several_windows(hall: HallConfig) -> None:
    per_dept = Counter(w.department for w in hall.windows if w.department)
    assert per_dept["rsj"] >= 6
    assert per_dept["mzj"] >= 3


def test_most_windows_call_first_come_first_served(hall: HallConfig) -> None:
    rules = Counter(w.order_rule for w in hall.windows)
    assert rules["fifo"] > rules["profile"] >= 1


# --- staff, devices -----------------------------------------------------------------------


def test_staff_ids_are_unique(hall: HallConfig) -> None:
    ids = [s.id for s in hall.staff]
    assert len(ids) == len(set(ids))


def test_every_window_has_an_a_and_a_b_role(hall: HallConfig) -> None:
    for w in hall.windows:
        assert w.staff_a == f"w{w.number:02d}a"
        assert w.staff_b == f"w{w.number:02d}b"
    counter_staff = [s for s in hall.staff if s.role == "staff"]
    assert len(counter_staff) == 2 * len(hall.windows)
    assert len({s.name for s in counter_staff}) == len(counter_staff)


def test_demo_credentials_exist_for_admin_desk_lead_and_counters(hall: HallConfig) -> None:
    admin = _staff(hall, "admin")
    desk = _staff(hall, "desk1")
    lead = _staff(hall, "lead-rsj")
    assert (admin.role, admin.pin) == ("admin", "9999")
    assert (desk.role, desk.pin) == ("desk", "5678")
    assert (lead.role, lead.department, lead.pin) == ("lead", "rsj", "2468")  # README
    assert sum(m.department == "rsj" for m in hall.matters) >= 5  # a busy department
    assert (_staff(hall, "w01a").role, _staff(hall, "w01a").pin) == ("staff", "1234")


def test_kiosks_print_on_their_own_printers(hall: HallConfig) -> None:
    devices = {d.id: d for d in hall.devices}
    assert devices["kiosk1"].printer == "kiosk1" and devices["kiosk2"].printer == "kiosk2"
    assert hall.printers["kiosk1"].paper_mm == 80
    assert hall.printers["kiosk2"].paper_mm == 58
    assert devices["evaluator-5"].window == 5
    assert devices["display-a"].zone == "egov"
    assert all(p.connection.startswith("file://") for p in hall.printers.values())


def test_counter_keys_map_to_the_main_actions(hall: HallConfig) -> None:
    assert hall.keys["F1"] == "call_next"
    assert set(hall.keys.values()) >= {"call_next", "recall", "no_show", "complete"}


# --- rendering ----------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def test_every_text_in_the_hall_renders_in_the_bundled_font(hall: HallConfig) -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    for face in ("HallQSans-Regular.otf", "HallQSans-Bold.otf"):
        font = ttlib.TTFont(FONTS / face, lazy=True)
        cmap = set(font.getBestCmap())
        font.close()
        missing = {
            c for s in _strings(hall.model_dump(mode="json")) for c in s if ord(c) not in cmap
        }
        assert not missing, f"{face} lacks {''.join(sorted(missing))}"
