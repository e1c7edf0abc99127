"""`hallq config check`: every mistake in a hall file is named by its exact key."""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from queue_server.cli import main
from queue_server.config import ConfigError, load_hall, parse_hall

MINI = Path(__file__).parents[1] / "fixtures" / "mini_hall.toml"
BASE = tomllib.loads(MINI.read_text(encoding="utf-8"))


def broken(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data)
    return data


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("missing hall name", lambda d: d["hall"].pop("name"), "hall.name"),
    ("unknown time zone", lambda d: d["hall"].update(timezone="Mars/Base"), "hall.timezone"),
    ("bad opening span", lambda d: d["hall"]["hours"].update(mon=["12:00-08:30"]), "hall.hours"),
    ("unknown weekday", lambda d: d["hall"]["hours"].update(mo=["08:30-12:00"]), "hall.hours"),
    (
        "overlapping spans",
        lambda d: d["hall"]["hours"].update(mon=["13:30-17:30", "08:30-14:00"]),
        "hall.hours",
    ),
    ("zone prefix lower case", lambda d: d["zones"][1].update(prefix="b"), "zones[1].prefix"),
    ("duplicate prefix", lambda d: d["zones"][1].update(prefix="A"), "zones[1].prefix"),
    ("matter in unknown zone", lambda d: d["matters"][2].update(zone="Z"), "matters[2].zone"),
    (
        "matter of unknown department",
        lambda d: d["matters"][0].update(department="x"),
        "matters[0].department",
    ),
    ("promised without days", lambda d: d["matters"][1].update(promise_days=0), "matters[1]"),
    (
        "guide without materials",
        lambda d: d["matters"][3]["guide"].update(materials=[]),
        "matters[3].guide.materials",
    ),
    (
        "material form unknown",
        lambda d: d["matters"][0]["guide"]["materials"][1].update(form="scan"),
        "matters[0].guide.materials[1].form",
    ),
    (
        "profile names unknown matter",
        lambda d: d["windows"][2]["profile"].append("nope"),
        "windows[2].profile[3]",
    ),
    (
        "window staff unknown",
        lambda d: d["windows"][0].update(staff_b="ghost"),
        "windows[0].staff_b",
    ),
    ("duplicate window number", lambda d: d["windows"][3].update(number=1), "windows[3].number"),
    (
        "order rule unknown",
        lambda d: d["windows"][0].update(order_rule="random"),
        "windows[0].order_rule",
    ),
    ("staff with pin and pin_hash", lambda d: d["staff"][0].update(pin_hash="x"), "staff[0]"),
    ("pin not digits", lambda d: d["staff"][1].update(pin="abcd"), "staff[1].pin"),
    ("unknown role", lambda d: d["staff"][0].update(role="boss"), "staff[0].role"),
    (
        "lead without a department",
        lambda d: d["staff"][7].pop("department"),
        "staff[7].department",
    ),
    (
        "staff of an unknown department",
        lambda d: d["staff"][8].update(department="nobody"),
        "staff[8].department",
    ),
    ("device key too short", lambda d: d["devices"][0].update(key="k"), "devices[0].key"),
    ("unknown key", lambda d: d["hall"].update(colour="red"), "hall.colour"),
    (
        "matter no window serves",
        lambda d: d["windows"][2]["profile"].remove("dbsq"),
        "matters[4].code",
    ),
    (
        "printer URI scheme",
        lambda d: d.update(printers={"p": {"connection": "lpt://1"}}),
        "printers.p.connection",
    ),
    (
        "display layout unknown",
        lambda d: d["devices"][1].update(layout="sideways"),
        "devices[1].layout",
    ),
    ("layout on a kiosk", lambda d: d["devices"][0].update(layout="portrait"), "devices[0].layout"),
    (
        "exempt network with host bits",
        lambda d: d.update(appointments={"address_exempt": ["10.0.0.0/8", "203.0.113.7/24"]}),
        "appointments.address_exempt[1]",
    ),
]


@pytest.mark.parametrize(
    ("change", "key"), [(c, k) for _, c, k in CASES], ids=[name for name, _, _ in CASES]
)
def test_config_error_names_the_exact_key(
    change: Callable[[dict[str, Any]], None], key: str
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_hall(broken(change))
    keys = [k for k, _ in info.value.problems]
    assert key in keys, info.value.problems


def test_every_problem_is_reported_at_once() -> None:
    def two(d: dict[str, Any]) -> None:
        d["windows"][0].update(zone="nowhere")
        d["matters"][0].update(department="nobody")

    with pytest.raises(ConfigError) as info:
        parse_hall(broken(two))
    assert {"windows[0].zone", "matters[0].department"} <= {k for k, _ in info.value.problems}


def test_toml_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "hall.toml"
    bad.write_text('[hall]\nname = "x\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_hall(bad)
    assert info.value.problems[0][0] == "(syntax)" and "line 2" in info.value.problems[0][1]


def test_config_check_command_exits_non_zero_and_names_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "hall.toml"
    bad.write_text(
        MINI.read_text(encoding="utf-8").replace('prefix = "B"', 'prefix = "A"'), encoding="utf-8"
    )
    assert main(["config", "check", str(bad)]) == 1
    assert "zones[1].prefix" in capsys.readouterr().err
    assert main(["config", "check", str(MINI)]) == 0
    assert "5 matters" in capsys.readouterr().out


@pytest.mark.parametrize("layout", ["auto", "landscape", "portrait"])
def test_a_display_device_takes_a_layout(layout: str) -> None:
    hall = parse_hall(broken(lambda d: d["devices"][1].update(layout=layout)))
    tv = hall.device_with_key("test-display-key")
    assert tv is not None and (tv.id, tv.layout) == ("tv", layout)
    kiosk = hall.device("kiosk1")
    assert kiosk is not None and kiosk.layout is None  # not set: None


@pytest.mark.parametrize("bad", ["sideways", "Portrait", "", 3])
def test_a_bad_display_layout_is_named_in_chinese_and_english(bad: object) -> None:
    with pytest.raises(ConfigError) as info:
        parse_hall(broken(lambda d: d["devices"][1].update(layout=bad)))
    [(key, reason)] = info.value.problems
    assert key == "devices[1].layout"
    assert "layout must be auto, landscape or portrait" in reason and repr(bad) in reason
    assert "布局（layout）只能是" in reason and f"不能是“{bad}”" in reason


def test_a_layout_on_a_device_that_is_not_a_display_is_refused_in_both_languages() -> None:
    with pytest.raises(ConfigError) as info:
        parse_hall(broken(lambda d: d["devices"][2].update(layout="portrait")))
    [(key, reason)] = info.value.problems
    assert key == "devices[2].layout"
    assert "only a display has a layout" in reason and "只有叫号屏" in reason


@pytest.mark.parametrize("stop", [EOFError, KeyboardInterrupt])
def test_hash_pin_without_a_pin_ends_in_both_languages(
    stop: type[BaseException],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_pin(prompt: str = "") -> str:
        raise stop

    monkeypatch.setattr("getpass.getpass", no_pin)  # Ctrl-D, Ctrl-C, an empty pipe
    assert main(["config", "hash-pin"]) == 1
    err = capsys.readouterr().err
    assert "No PIN was given" in err and "未输入密码" in err


def test_the_reasons_of_config_check_are_in_chinese_too(tmp_path: Path) -> None:
    data = broken(lambda d: (d["hall"].pop("name"), d["hall"].update(opening="08:30")))
    data["hall"]["max_recalls"] = "two"
    with pytest.raises(ConfigError) as info:
        parse_hall(data)
    reasons = dict(info.value.problems)
    assert reasons["hall.name"] == "Field required / 缺少必填项"
    assert reasons["hall.opening"].endswith(" / 没有这个配置项（请检查拼写）")
    assert reasons["hall.max_recalls"].endswith(" / 应为整数")
    for text, key, zh in [
        (None, "(file)", "无法读取该文件"),
        (b"\xff\xfe", "(file)", "UTF-8"),
        (b"[hall\n", "(syntax)", "TOML 语法错误"),
    ]:
        path = tmp_path / "hall.toml"
        path.unlink(missing_ok=True)
        if text is not None:
            path.write_bytes(text)
        with pytest.raises(ConfigError, match="大厅配置有误") as info:
            load_hall(path)
        [(got, reason)] = info.value.problems
        assert got == key and zh in reason, reason


@pytest.mark.parametrize(
    ("change", "key"), [(c, k) for _, c, k in CASES], ids=[name for name, _, _ in CASES]
)
def test_every_named_mistake_has_its_chinese_reason(
    change: Callable[[dict[str, Any]], None], key: str
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_hall(broken(change))
    reasons = [r for k, r in info.value.problems if k == key]
    assert reasons and all(re.search(r" / .*[\u4e00-\u9fff]", r) for r in reasons), reasons
