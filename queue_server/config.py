"""Typed hall configuration (`config/hall.toml`) and server settings.

Nothing here runs at import time: `load_hall(path)` and `Settings()` are called by the
composition roots (`queue_server.bootstrap`, the CLI) and by tests.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    IPvAnyNetwork,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_HALL = PACKAGE_ROOT / "config" / "hall.toml"

Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
Text = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=2000)]
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Material(_Strict):
    """One item of a matter's materials list (申请材料)."""

    name: Text
    name_en: str = ""
    form: Literal["original", "copy", "original_and_copy"] = "original"
    copies: int = Field(default=1, ge=1, le=20)
    note: LongText = ""


class Guide(_Strict):
    """The matter's 办事指南: the single source for the kiosk page, slips and checklists."""

    legal_basis: list[LongText] = Field(min_length=1)
    materials: list[Material] = Field(min_length=1)
    conditions: list[LongText] = Field(default_factory=list)
    steps: list[LongText] = Field(default_factory=list)
    fees: LongText = "不收费"
    fees_en: str = "Free of charge"
    time_limit: LongText = ""
    time_limit_en: str = ""
    contact: str = ""

    @field_validator("materials")
    @classmethod
    def _unique_material_names(cls, materials: list[Material]) -> list[Material]:
        names = [m.name for m in materials]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate material names: {', '.join(dupes)}")
        return materials


class Zone(_Strict):
    code: Code
    name: Text
    name_en: Text
    prefix: Annotated[str, Field(pattern=r"^[A-Z]{1,2}$")]


class Department(_Strict):
    code: Code
    name: Text
    name_en: Text


class Matter(_Strict):
    code: Code
    name: Text
    name_en: Text
    department: Code
    zone: Code
    category: Literal["approval", "service"]
    kind: Literal["immediate", "promised"]
    promise_days: int = Field(default=0, ge=0, le=365)
    service_minutes: float = Field(default=10, gt=0, le=240)
    daily_quota: int = Field(default=0, ge=0, description="0 = no quota")
    real_name: bool = False
    keywords: list[str] = Field(default_factory=list)
    guide: Guide

    @model_validator(mode="after")
    def _promised_needs_days(self) -> Matter:
        if self.kind == "promised" and self.promise_days < 1:
            raise ValueError("a promised matter (kind = 'promised') needs promise_days >= 1")
        return self


class Window(_Strict):
    number: int = Field(ge=1, le=999)
    name: Text
    name_en: str = ""
    zone: Code
    department: str = ""
    profile: list[Code] = Field(min_length=1)
    order_rule: Literal["fifo", "profile"] = "fifo"
    staff_a: str = ""
    staff_b: str = ""


class Staff(_Strict):
    """A member of the hall's staff. `role`: `staff` (window clerk, signs in at a window),
    `desk` (导办台), `lead` (a stationed department's 首席代表: handles the 差评回访 of its
    `department`), `admin` (the hall's management office)."""

    id: Code
    name: Text
    role: Literal["staff", "desk", "lead", "admin"] = "staff"
    department: str = Field(default="", description="department code; required for a lead")
    pin: str | None = Field(default=None, pattern=r"^\d{4,8}$")
    pin_hash: str | None = None

    @model_validator(mode="after")
    def _one_pin(self) -> Staff:
        if (self.pin is None) == (self.pin_hash is None):
            raise ValueError("give exactly one of pin (demo halls) or pin_hash (real halls)")
        return self


DisplayLayout = Literal["auto", "landscape", "portrait"]  # as `hallq display --layout`
DISPLAY_LAYOUTS: tuple[str, ...] = get_args(DisplayLayout)


class Device(_Strict):
    id: Code
    role: Literal["kiosk", "display", "evaluator", "counter"]
    key: Annotated[str, Field(min_length=8, max_length=200)]
    zone: str = ""
    window: int | None = None
    printer: str = ""
    # A display's layout (a TV on its side: "portrait"); unset: the TV decides by its size.
    layout: DisplayLayout | None = None

    @field_validator("layout", mode="before")
    @classmethod
    def _known_layout(cls, value: object) -> object:
        if value is not None and value not in DISPLAY_LAYOUTS:
            raise ValueError(
                f"layout must be auto, landscape or portrait, not {value!r} / "
                "布局（layout）只能是 auto（按屏幕自动）、landscape（横屏）或 portrait（竖屏），"
                f"不能是“{value}”"
            )
        return value


class Printer(_Strict):
    connection: Annotated[str, Field(pattern=r"^(network|usb|serial|file)://.+$", max_length=300)]
    paper_mm: Literal[58, 80] = 80


class Voice(_Strict):
    enabled: bool = True
    zh_template: str = "请{number}号到{window}号窗口办理"
    en_template: str = "Number {number}, please go to window {window}"
    english: bool = True
    repeats: int = Field(default=2, ge=1, le=5)
    rate: int = Field(default=150, ge=60, le=300)
    volume: float = Field(default=1.0, ge=0, le=1)
    voice_zh: str = "cmn"
    voice_en: str = "en"
    chime: str = "assets/sounds/chime.wav"


class HallInfo(_Strict):
    name: Text
    name_en: Text
    timezone: str = "Asia/Shanghai"
    hours: dict[str, list[str]] = Field(default_factory=dict)
    holidays: list[date] = Field(default_factory=list)
    extra_workdays: list[date] = Field(default_factory=list)
    issue_cutoff_min: int = Field(default=30, ge=0, le=240)
    target_wait_min: int = Field(default=30, ge=1, le=480)
    max_wait_min: int = Field(default=60, ge=1, le=600)
    priority_streak_cap: int = Field(default=3, ge=1, le=50)
    max_recalls: int = Field(default=2, ge=0, le=10)
    requeue_gap: int = Field(default=3, ge=0, le=100)
    appointment_early_min: int = Field(default=30, ge=0, le=240)
    appointment_late_min: int = Field(default=15, ge=0, le=240)
    id_daily_limit: int = Field(default=5, ge=1, le=100)
    id_matter_daily_limit: int = Field(default=2, ge=1, le=100)
    public_url: str = ""
    notice: str = ""
    notice_en: str = ""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("hours")
    @classmethod
    def _valid_hours(cls, hours: dict[str, list[str]]) -> dict[str, list[str]]:
        for day, spans in hours.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use one of {', '.join(WEEKDAYS)}")
            bounds = []
            for span in spans:
                m = _SPAN.match(span)
                if not m or (m[1], m[2]) >= (m[3], m[4]):
                    raise ValueError(f"{day}: {span!r} is not a span like '08:30-12:00'")
                bounds.append(((m[1], m[2]), (m[3], m[4]), span))
            bounds.sort()
            for (_, end, first), (start, _, second) in zip(bounds, bounds[1:], strict=False):
                if start < end:
                    raise ValueError(f"{day}: spans {first!r} and {second!r} overlap")
        return hours

    def spans(self, weekday: int) -> list[tuple[time, time]]:
        """Opening spans for a weekday (0 = Monday)."""
        out = []
        for span in self.hours.get(WEEKDAYS[weekday], []):
            start, end = span.split("-")
            out.append((time.fromisoformat(start), time.fromisoformat(end)))
        return out


class Appointments(_Strict):
    """`[appointments]`: booking a check-in slot (预约) ahead, from the phone or the desk."""

    enabled: bool = True
    slot_minutes: int = Field(default=30, ge=5, le=240)
    capacity: int = Field(default=2, ge=1, le=500, description="bookings per matter per slot")
    capacity_by_matter: dict[str, Annotated[int, Field(ge=0, le=500)]] = Field(
        default_factory=dict, description="matter code -> capacity per slot (0 = not bookable)"
    )
    matters: list[str] = Field(
        default_factory=list, description="bookable matter codes; empty = every matter"
    )
    horizon_days: int = Field(default=7, ge=0, le=90, description="book up to N days ahead")
    require_id: bool = True
    max_upcoming_per_id: int = Field(default=3, ge=1, le=50)
    max_bookings_per_id_per_day: int = Field(default=5, ge=1, le=100)
    # Bookings without signing in (the phone page) per client address — an IPv6 address by
    # its /64 — in any `address_window_min` minutes; a script must not book a day out.
    max_bookings_per_address: int = Field(default=5, ge=0, le=1000, description="0 = no limit")
    address_window_min: int = Field(default=60, ge=1, le=1440)
    address_exempt: list[IPvAnyNetwork] = Field(
        default_factory=list, description="networks not limited, e.g. the hall's own Wi-Fi"
    )


class Followups(_Strict):
    """`[followups]`: deadlines for handling a bad rating (差评回访, 整改)."""

    contact_within_min: int = Field(default=60, ge=1, le=10080)
    fix_within_workdays: int = Field(default=5, ge=1, le=60)


class Supervision(_Strict):
    """`[supervision]`: the live dashboard `/admin` and the guide desk's `/help-desk`."""

    wait_alert_min: float | None = Field(
        default=None, gt=0, le=480, description="default: hall.target_wait_min"
    )
    fault_window_min: int = Field(default=120, ge=1, le=1440)
    help_remind_s: int = Field(
        default=60, ge=0, le=3600, description="ring again for open calls for help; 0: never"
    )
    help_overdue_min: float = Field(
        default=2, gt=0, le=480, description="a call for help waiting this long is overdue"
    )
    help_undo_s: int = Field(
        default=60,
        ge=10,
        le=3600,
        description="an answer to a call for help may be taken back (撤销) this long after",
    )


class HallConfig(_Strict):
    """One hall, as described by `config/hall.toml`."""

    hall: HallInfo
    zones: list[Zone] = Field(min_length=1)
    departments: list[Department] = Field(min_length=1)
    matters: list[Matter] = Field(min_length=1)
    windows: list[Window] = Field(min_length=1)
    staff: list[Staff] = Field(default_factory=list)
    devices: list[Device] = Field(default_factory=list)
    printers: dict[str, Printer] = Field(default_factory=dict)
    voice: Voice = Voice()
    keys: dict[str, str] = Field(
        default_factory=dict, description="counter hardware key name -> action"
    )
    appointments: Appointments = Appointments()
    followups: Followups = Followups()
    supervision: Supervision = Supervision()

    @model_validator(mode="after")
    def _references(self) -> HallConfig:
        errors: list[str] = []
        _unique(errors, "zones", [z.code for z in self.zones], "code")
        _unique(errors, "zones", [z.prefix for z in self.zones], "prefix")
        _unique(errors, "departments", [d.code for d in self.departments], "code")
        _unique(errors, "matters", [m.code for m in self.matters], "code")
        _unique(errors, "windows", [w.number for w in self.windows], "number")
        _unique(errors, "staff", [s.id for s in self.staff], "id")
        _unique(errors, "devices", [d.id for d in self.devices], "id")
        _unique(errors, "devices", [d.key for d in self.devices], "key")
        zones = {z.code for z in self.zones}
        depts = {d.code for d in self.departments}
        matters = {m.code for m in self.matters}
        staff = {s.id for s in self.staff}
        for i, m in enumerate(self.matters):
            if m.department not in depts:
                errors.append(f"matters[{i}].department: unknown department {m.department!r}")
            if m.zone not in zones:
                errors.append(f"matters[{i}].zone: unknown zone {m.zone!r}")
        served: set[str] = set()
        for i, w in enumerate(self.windows):
            if w.zone not in zones:
                errors.append(f"windows[{i}].zone: unknown zone {w.zone!r}")
            if w.department and w.department not in depts:
                errors.append(f"windows[{i}].department: unknown department {w.department!r}")
            for j, code in enumerate(w.profile):
                if code not in matters:
                    errors.append(f"windows[{i}].profile[{j}]: unknown matter {code!r}")
            if len(set(w.profile)) != len(w.profile):
                errors.append(f"windows[{i}].profile: a matter is listed twice")
            served.update(w.profile)
            for key in ("staff_a", "staff_b"):
                sid = getattr(w, key)
                if sid and sid not in staff:
                    errors.append(f"windows[{i}].{key}: unknown staff {sid!r}")
        for i, s in enumerate(self.staff):
            if s.department and s.department not in depts:
                errors.append(f"staff[{i}].department: unknown department {s.department!r}")
            elif s.role == "lead" and not s.department:
                errors.append(f"staff[{i}].department: a lead needs the department it leads")
        for i, m in enumerate(self.matters):
            if m.code not in served:
                errors.append(f"matters[{i}].code: no window serves matter {m.code!r}")
        for i, d in enumerate(self.devices):
            if d.zone and d.zone not in zones:
                errors.append(f"devices[{i}].zone: unknown zone {d.zone!r}")
            if d.window is not None and d.window not in {w.number for w in self.windows}:
                errors.append(f"devices[{i}].window: unknown window {d.window}")
            if d.printer and d.printer not in self.printers:
                errors.append(f"devices[{i}].printer: unknown printer {d.printer!r}")
            if d.layout is not None and d.role != "display":
                errors.append(
                    f"devices[{i}].layout: only a display has a layout, not a {d.role} / "
                    '只有叫号屏（role = "display"）可以设置布局（layout）'
                )
        if errors:
            raise ValueError("; ".join(errors))
        return self

    @model_validator(mode="after")
    def _operations_references(self) -> HallConfig:
        matters = {m.code for m in self.matters}
        errors = [
            f"appointments.matters[{i}]: unknown matter {code!r}"
            for i, code in enumerate(self.appointments.matters)
            if code not in matters
        ] + [
            f"appointments.capacity_by_matter.{code}: unknown matter {code!r}"
            for code in self.appointments.capacity_by_matter
            if code not in matters
        ]
        if errors:
            raise ValueError("; ".join(errors))
        return self

    # Look-ups used everywhere; built lazily, the model is frozen.
    def matter(self, code: str) -> Matter | None:
        return self._matters().get(code)

    def zone(self, code: str) -> Zone | None:
        return {z.code: z for z in self.zones}.get(code)

    def window(self, number: int) -> Window | None:
        return {w.number: w for w in self.windows}.get(number)

    def staff_member(self, staff_id: str) -> Staff | None:
        return {s.id: s for s in self.staff}.get(staff_id)

    def department(self, code: str) -> Department | None:
        return {d.code: d for d in self.departments}.get(code)

    def device(self, device_id: str) -> Device | None:
        return {d.id: d for d in self.devices}.get(device_id)

    def device_with_key(self, key: str) -> Device | None:
        """The device a client app is, by the key it was given (`--key`)."""
        return next((d for d in self.devices if d.key == key), None)

    def _matters(self) -> dict[str, Matter]:
        cache = self.__dict__.get("_matter_index")
        if cache is None:
            cache = {m.code: m for m in self.matters}
            object.__setattr__(self, "_matter_index", cache)
        return cache


def _unique(errors: list[str], section: str, values: list[object], key: str) -> None:
    seen: set[object] = set()
    for i, value in enumerate(values):
        if value in seen:
            errors.append(f"{section}[{i}].{key}: duplicate value {value!r}")
        seen.add(value)


class ConfigError(Exception):
    """The hall file cannot be used; `problems` lists `(key, reason)` pairs."""

    def __init__(self, path: Path, problems: list[tuple[str, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {key}: {reason}" for key, reason in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) / 大厅配置有误\n{lines}")


# The Chinese of pydantic's English reasons, by error type, for `hallq config check`.
_REASON_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "没有这个配置项（请检查拼写）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为加引号的文字",
    "list_type": "应为列表 [...]",
    "dict_type": "应为表（[节] 或 {...}）",
    "model_type": "应为表（[节] 或 {...}）",
    "literal_error": "取值不在允许的范围内",
    "string_too_short": "不能为空或过短",
    "string_too_long": "过长",
    "string_pattern_mismatch": "格式不符合要求",
    "too_short": "项数过少",
    "too_long": "项数过多",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "date_parsing": "应为日期，如 2026-10-01",
    "date_type": "应为日期，如 2026-10-01",
    "date_from_datetime_parsing": "应为日期，如 2026-10-01",
    "ip_any_network": "应为网段，如 203.0.113.0/24",
}


# The Chinese of this module's own reasons, by a fragment of the English.
_MESSAGE_ZH = (
    ("unknown department", "大厅配置中没有这个部门"),
    ("unknown zone", "大厅配置中没有这个功能区"),
    ("unknown matter", "大厅配置中没有这个事项"),
    ("unknown staff", "大厅配置中没有这个工作人员"),
    ("unknown window", "大厅配置中没有这个窗口"),
    ("unknown printer", "大厅配置中没有这台打印机（[printers.名称]）"),
    ("a matter is listed twice", "同一事项列出了两次"),
    ("a lead needs the department", "首席代表（lead）须填写所负责的部门"),
    ("no window serves matter", "没有任何窗口办理该事项"),
    ("duplicate value", "与前面的值重复"),
    ("duplicate material names", "材料名称重复"),
    ("needs promise_days", "承诺件须设置 promise_days（至少1个工作日）"),
    ("give exactly one of pin", "pin 与 pin_hash 须填且只填一个"),
    ("unknown time zone", "未知的时区，如 Asia/Shanghai"),
    ("unknown weekday", "未知的星期，应为 mon … sun"),
    ("is not a span like", "营业时段应形如 08:30-12:00"),
    ("overlap", "营业时段重叠"),
)


def _bilingual(reason: str, error_type: str) -> str:
    """`reason` with its Chinese after ' / ', unless it has one already."""
    if re.search(r"[\u4e00-\u9fff]", reason):
        return reason
    zh = _REASON_ZH.get(error_type) or next((z for en, z in _MESSAGE_ZH if en in reason), None)
    return f"{reason} / {zh}" if zh else reason


def parse_hall(data: dict[str, object], *, path: Path = Path("<memory>")) -> HallConfig:
    """Validate a parsed TOML document; raise ConfigError naming each bad key."""
    try:
        return HallConfig.model_validate(data)
    except ValidationError as exc:
        problems: list[tuple[str, str]] = []
        for err in exc.errors():
            loc = _format_loc(err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "value_error" and ": " in msg and not loc:
                # cross-reference errors carry their own keys: "windows[3].zone: ..."
                for part in msg.split("; "):
                    key, _, reason = part.partition(": ")
                    problems.append((key, _bilingual(reason, err["type"])))
            else:
                problems.append((loc or "(top level)", _bilingual(msg, err["type"])))
        raise ConfigError(path, problems) from None


def load_hall(path: Path | str = SAMPLE_HALL) -> HallConfig:
    """Read and validate a hall TOML file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(
            p, [("(file)", f"cannot read: {exc.strerror} / 无法读取该文件")]
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(p, [("(file)", "not UTF-8 text / 文件应为 UTF-8 编码")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(p, [("(syntax)", f"{exc} / TOML 语法错误")]) from None
    return parse_hall(data, path=p)


def _format_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


DATABASE_KINDS = ("sqlite", "postgresql")


class DatabaseUrlError(ValueError):
    """A database URL HallQ cannot run on; `message` and `message_zh` say what to write."""

    def __init__(self, url: str) -> None:
        kind = url.partition("://")[0] if "://" in url else ""
        self.message = (
            f"{kind + '://' if kind else repr(url)} is not a database HallQ runs on: "
            "write sqlite:///FILE or postgresql://USER:PASSWORD@HOST/DB"
        )
        self.message_zh = (
            "数据库地址有误：应为 sqlite:///文件 或 postgresql://用户:密码@主机/数据库"
        )
        super().__init__(f"{self.message} / {self.message_zh}")


def check_database_url(url: str) -> str:
    """`url` when it names an SQLite or PostgreSQL database, else DatabaseUrlError.

    Only the scheme is shown in the error: the rest of a URL may hold a password.
    """
    kind = url.partition("://")[0].partition("+")[0] if "://" in url else ""
    if kind not in DATABASE_KINDS:
        raise DatabaseUrlError(url)
    return url


class Settings(BaseSettings):
    """Process settings from the environment (`HALLQ_*`)."""

    model_config = SettingsConfigDict(env_prefix="HALLQ_", extra="ignore")

    database_url: str = ""
    data_dir: Path = Path.home() / ".local" / "share" / "hallq"
    config: Path = SAMPLE_HALL
    secret: str = ""
    open_all_hours: bool = False
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    # Below the devices' own request timeout (kiosk 5 s): refuse, never commit unseen.
    sqlite_busy_timeout_s: float = Field(default=3.0, gt=0, le=60)
    token_hours: float = 12.0
    # A staff token's session is read from the database at most once per this many seconds
    # per process; a revocation by another server process takes up to this long here. 0: off.
    session_cache_s: float = Field(default=5.0, ge=0, le=60)
    event_poll_s: float = Field(default=0.5, gt=0, le=300)
    cors_origins: list[str] = Field(default_factory=list)

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        return check_database_url(value) if value else value

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'hallq.sqlite3'}"
