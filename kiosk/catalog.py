"""The hall catalogue as the kiosk sees it: typed hall, zones and matters with live waits.

Built from the JSON of `GET /api/v1/catalog`. No Qt here. A matter keeps its configuration
as the server's own `queue_server.config.Matter` model, so the guide page, the notice slip
and the counter's checklist all read one source.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from queue_server.config import Matter

log = logging.getLogger(__name__)

_MATTER_FIELDS = frozenset(Matter.model_fields)


class CatalogError(ValueError):
    """The server sent a catalogue the kiosk cannot read."""


@dataclass(frozen=True)
class HallStatus:
    """The hall's names, whether tickets are issued now, and when issuing starts again."""

    name: str
    name_en: str
    timezone: str = "Asia/Shanghai"
    issuing: bool = True
    next_opening: datetime | None = None
    notice: str = ""
    notice_en: str = ""

    def local(self, moment: datetime) -> datetime:
        """`moment` in the hall's time zone (naive times are taken as UTC)."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo("UTC"))
        return moment.astimezone(ZoneInfo(self.timezone))


@dataclass(frozen=True)
class HallZone:
    """A function zone (功能区)."""

    code: str
    name: str
    name_en: str
    prefix: str


@dataclass(frozen=True)
class MatterInfo:
    """One matter: its configuration (name, guide…) plus where and how long one waits now."""

    spec: Matter
    windows: tuple[int, ...] = ()
    waiting: int = 0
    estimated_wait_min: int = 0
    department_name: str = ""
    department_name_en: str = ""

    @property
    def code(self) -> str:
        """The matter code."""
        return self.spec.code

    @property
    def name(self) -> str:
        """The Chinese name."""
        return self.spec.name

    @property
    def name_en(self) -> str:
        """The English name."""
        return self.spec.name_en

    @property
    def zone(self) -> str:
        """The zone code."""
        return self.spec.zone

    @property
    def real_name(self) -> bool:
        """Tickets need the applicant's ID number."""
        return self.spec.real_name


@dataclass(frozen=True)
class Catalog:
    """Everything the kiosk shows, from one `/catalog` answer."""

    hall: HallStatus
    zones: tuple[HallZone, ...]
    matters: tuple[MatterInfo, ...]
    _by_code: dict[str, MatterInfo] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_code.update({m.code: m for m in self.matters})

    @classmethod
    def from_json(cls, data: Any, *, zones: Iterable[str] = ()) -> Catalog:
        """Parse the catalogue; `zones` keeps only those zones (a kiosk for one area)."""
        try:
            return _parse(data, frozenset(zones))
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            raise CatalogError(f"unreadable catalogue: {exc}") from exc

    def matter(self, code: str) -> MatterInfo | None:
        """The matter with this code, or None."""
        return self._by_code.get(code)

    def zone(self, code: str) -> HallZone | None:
        """The zone with this code, or None."""
        return next((z for z in self.zones if z.code == code), None)

    def in_zone(self, code: str) -> list[MatterInfo]:
        """The matters of a zone, in the catalogue's order."""
        return [m for m in self.matters if m.zone == code]

    def waiting_in(self, code: str) -> int:
        """People waiting for the matters of a zone."""
        return sum(m.waiting for m in self.matters if m.zone == code)


def _parse(data: Mapping[str, Any], only: frozenset[str]) -> Catalog:
    h = data["hall"]
    nxt = h.get("next_opening")
    hall = HallStatus(
        name=str(h["name"]),
        name_en=str(h.get("name_en") or h["name"]),
        timezone=str(h.get("timezone") or "Asia/Shanghai"),
        issuing=bool(h.get("issuing", True)),
        next_opening=datetime.fromisoformat(nxt) if nxt else None,
        notice=str(h.get("notice") or ""),
        notice_en=str(h.get("notice_en") or ""),
    )
    # `--zone` names a zone by its code or, as on the hall TV, by its ticket prefix (any case).
    asked_prefixes = {o.upper() for o in only}
    zones = tuple(
        HallZone(str(z["code"]), str(z["name"]), str(z.get("name_en") or z["name"]), z["prefix"])
        for z in data["zones"]
        if not only or z["code"] in only or str(z["prefix"]).upper() in asked_prefixes
    )
    found = {z.code for z in zones} | {z.prefix.upper() for z in zones}
    unknown = sorted(o for o in only if o not in found and o.upper() not in found)
    if unknown:
        log.warning(
            "--zone %s: no such zone in the hall (its zones: %s); a kiosk without a zone "
            "offers no matters",
            ", ".join(unknown),
            ", ".join(f"{z['code']} ({z['prefix']})" for z in data["zones"]),
        )
    departments = {
        d["code"]: (str(d["name"]), str(d.get("name_en") or d["name"]))
        for d in data.get("departments", [])
    }
    codes = {z.code for z in zones}
    matters = []
    for raw in data["matters"]:
        if raw["zone"] not in codes:
            continue
        spec = Matter.model_validate({k: v for k, v in raw.items() if k in _MATTER_FIELDS})
        dept, dept_en = departments.get(spec.department, ("", ""))
        matters.append(
            MatterInfo(
                spec=spec,
                windows=tuple(int(w) for w in raw.get("windows", [])),
                waiting=int(raw.get("waiting", 0)),
                estimated_wait_min=int(raw.get("estimated_wait_min", 0)),
                department_name=dept,
                department_name_en=dept_en,
            )
        )
    return Catalog(hall=hall, zones=zones, matters=tuple(matters))
