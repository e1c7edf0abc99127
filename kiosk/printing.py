"""Printing slip images on ESC/POS thermal printers, behind the small `SlipPrinter` Protocol.

`EscposSlipPrinter` opens one python-escpos connection per job (network, USB, serial or file,
from a URI), checks the paper where the connection can answer, sends the slip as a `GS v 0`
raster image, cuts, waits for the printer to confirm it received the whole job (same
connections), and closes. Every device failure becomes `PrinterUnavailable` with a reason code
and a bilingual message for the UI. `MemoryPrinter` is the in-memory fake.
"""

from __future__ import annotations

import copy
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol
from urllib.parse import parse_qsl, unquote, urlsplit

from PIL import Image

from kiosk.slip_canvas import paper_width_px

if TYPE_CHECKING:
    from escpos.escpos import Escpos

    from queue_server.config import HallConfig

log = logging.getLogger(__name__)

Kind = Literal["network", "usb", "serial", "file"]
_MESSAGES: dict[str, tuple[str, str]] = {
    "refused": (
        "The printer refused the connection: check that it is on and connected.",
        "打印机拒绝连接，请检查打印机电源和网络。",
    ),
    "timeout": ("The printer did not answer in time.", "打印机响应超时。"),
    "paper_out": ("The printer is out of paper.", "打印机缺纸，请联系工作人员更换纸卷。"),
    "offline": ("The printer is offline.", "打印机离线，无法打印。"),
    "usb_missing": ("The USB printer is not connected.", "未找到 USB 打印机，请检查连接线。"),
    "serial_missing": ("The serial port cannot be opened.", "无法打开打印机串口。"),
    "driver_missing": (
        "The driver for this printer connection is not installed.",
        "缺少该打印机连接所需的驱动程序。",
    ),
    "io_error": ("The print output file cannot be written.", "无法写入打印输出文件。"),
}
_STATUS_KINDS = ("network", "serial", "usb")  # connections that can answer DLE EOT


class SlipPrinter(Protocol):
    """Anything that can print a rendered slip image."""

    def print_image(self, image: Image.Image) -> None: ...


class PrinterUnavailable(Exception):
    """The slip could not be printed; `reason` is a stable code, messages are for people."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        self.message, self.message_zh = _MESSAGES.get(reason, _MESSAGES["offline"])
        super().__init__(f"{reason}: {self.message}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True)
class Connection:
    """A parsed printer URI."""

    kind: Kind
    target: str  # host, "vvvv:pppp", device path or file path
    port: int = 9100
    options: dict[str, str] = field(default_factory=dict)


def parse_connection(uri: str) -> Connection:
    """Parse `network://host:9100`, `usb://04b8:0202`, `serial:///dev/ttyUSB0?baudrate=19200`
    or `file:///path/out.bin`; ValueError says what is wrong."""
    parts = urlsplit(uri)
    options = dict(parse_qsl(parts.query))
    if parts.scheme == "network" and parts.hostname:
        try:
            port = parts.port or 9100
        except ValueError:
            raise ValueError(f"bad port in printer URI {uri!r} / 打印机地址中的端口有误") from None
        return Connection("network", parts.hostname, port, options)
    if parts.scheme == "usb" and len(parts.netloc.split(":")) == 2:
        try:
            [int(x, 16) for x in parts.netloc.split(":")]
        except ValueError:
            raise ValueError(
                f"USB ids must be hex like usb://04b8:0202, not {uri!r} / "
                "USB 打印机的编号应为十六进制，如 usb://04b8:0202"
            ) from None
        return Connection("usb", parts.netloc, options=options)
    if parts.scheme == "serial" and (parts.netloc or parts.path):
        return Connection("serial", unquote(parts.netloc + parts.path), options=options)
    if parts.scheme == "file" and (parts.netloc or parts.path):
        return Connection("file", unquote(parts.netloc + parts.path), options=options)
    raise ValueError(
        f"unsupported printer URI {uri!r}; use network://host:9100, usb://04b8:0202, "
        "serial:///dev/ttyUSB0?baudrate=19200 or file:///path/out.bin / 不支持该打印机地址"
    )


def _apply_paper(p: Escpos, paper_mm: int) -> None:
    # profile_data is a class attribute shared by every printer of the process (and the
    # capabilities cache): copy it before setting the width that `image(center=True)` needs.
    data = copy.deepcopy(p.profile.profile_data)
    data["media"]["width"] = {"mm": paper_mm, "pixels": paper_width_px(paper_mm)}
    data["media"]["dpi"] = 203
    p.profile.profile_data = data


def _check_width(image: Image.Image, paper_mm: int) -> None:
    if image.width > paper_width_px(paper_mm):
        limit = paper_width_px(paper_mm)
        raise ValueError(f"slip is {image.width} px wide; {paper_mm} mm paper takes {limit}")


def _send_job(p: Escpos, image: Image.Image) -> None:
    p.hw("INIT")  # ESC @: forget any mode a previous job left behind
    p.image(image, impl="bitImageRaster", center=True)  # GS v 0, split every 960 rows
    p.cut()  # ESC d 6 (feed past the cutter), GS V 0


def _classify(exc: BaseException, kind: Kind) -> str:
    name = type(exc).__name__
    if isinstance(exc, TimeoutError) or "Timeout" in name:  # socket, pyserial, pyusb
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if name == "NoBackendError":  # pyusb without libusb
        return "driver_missing"
    if isinstance(exc, AssertionError | LookupError) or kind != "network":
        missing = {"usb": "usb_missing", "serial": "serial_missing", "file": "io_error"}
        return missing.get(kind, "offline")
    return "offline"


@contextmanager
def _device_errors(kind: Kind) -> Iterator[None]:
    """Turn socket, pyserial, pyusb and escpos exceptions into PrinterUnavailable."""
    from escpos.exceptions import DeviceNotFoundError
    from escpos.exceptions import Error as EscposError

    try:
        yield
    except PrinterUnavailable:
        raise
    except DeviceNotFoundError as exc:  # escpos wraps the real cause as __context__
        cause = exc.__context__ or exc
        raise PrinterUnavailable(_classify(cause, kind), str(cause).strip()) from exc
    except (OSError, EscposError) as exc:
        raise PrinterUnavailable(_classify(exc, kind), str(exc).strip()) from exc
    except ValueError as exc:
        if type(exc).__name__ != "NoBackendError":  # pyusb found no libusb
            raise
        raise PrinterUnavailable("driver_missing", str(exc)) from exc


class EscposSlipPrinter:
    """A real thermal printer reached through python-escpos; one connection per job."""

    def __init__(
        self,
        connection_uri: str,
        paper_mm: int = 80,
        timeout_s: float = 5,
        *,
        check_paper: bool = True,
    ) -> None:
        # check_paper: ask the printer for its status (paper before the job, receipt after
        # it); False only for a printer that cannot answer. Files never answer.
        self.connection = parse_connection(connection_uri)
        self.uri = connection_uri
        self.paper_mm = paper_mm
        self.timeout_s = timeout_s
        self.check_paper = check_paper and self.connection.kind in _STATUS_KINDS
        paper_width_px(paper_mm)  # fail now on a bad paper size, not at the first ticket

    def __repr__(self) -> str:
        return f"EscposSlipPrinter({self.uri!r}, paper_mm={self.paper_mm})"

    def _device(self) -> Escpos:
        """Build (not open) the python-escpos printer object for the connection."""
        from escpos import printer as drivers

        c, opts = self.connection, self.connection.options
        if c.kind == "network":
            return drivers.Network(c.target, c.port, timeout=self.timeout_s)
        if c.kind == "file":
            return drivers.File(c.target)
        driver = drivers.Usb if c.kind == "usb" else drivers.Serial
        if not driver.is_usable():
            package = "pyusb" if c.kind == "usb" else "pyserial"
            raise PrinterUnavailable("driver_missing", f"pip install {package}")
        if c.kind == "usb":
            vendor, product = (int(x, 16) for x in c.target.split(":"))
            eps = {k: int(opts[k], 0) for k in ("in_ep", "out_ep") if k in opts}
            return drivers.Usb(vendor, product, timeout=int(self.timeout_s * 1000), **eps)
        baudrate = int(opts.get("baudrate", 9600))
        return drivers.Serial(c.target, baudrate=baudrate, timeout=self.timeout_s)

    @contextmanager
    def _session(self) -> Iterator[Escpos]:
        """Open the connection, map its errors, and always close it (never via __del__)."""
        p = self._device()
        _apply_paper(p, self.paper_mm)
        try:
            with _device_errors(self.connection.kind):
                if self.connection.kind == "network":
                    # Network.open() drops (never closes) its socket when connect fails: we
                    # connect ourselves and hand the socket over.
                    address = (self.connection.target, self.connection.port)
                    p.device = socket.create_connection(address, timeout=self.timeout_s)
                    # Nagle would hold the small status query that ends the job until the
                    # printer acknowledges the last raster bytes (a delayed ACK: 40-200 ms).
                    p.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                else:
                    p.open()
                if self.connection.kind == "serial":
                    p.device.write_timeout = self.timeout_s  # escpos sets no write timeout
                    # escpos reads 16 bytes, which on a serial line waits out the whole
                    # timeout for the 1-byte status answer: read just one.
                    p._read = lambda: p.device.read(1)
                yield p
        finally:
            try:
                p.close()
            except Exception:  # closing must not hide the job's own outcome
                log.warning("closing printer %s failed", self.uri, exc_info=True)

    def print_image(self, image: Image.Image) -> None:
        """Print one slip and cut; raise PrinterUnavailable when the printer cannot."""
        _check_width(image, self.paper_mm)
        with self._session() as p:
            if self.check_paper:
                status = p.paper_status()  # DLE EOT 4: 2 plenty, 1 near end, 0 none
                if status == 0:
                    raise PrinterUnavailable("paper_out")
                if status == 1:
                    log.warning("printer %s: paper roll near its end", self.uri)
            _send_job(p, image)
            if self.check_paper:
                self._confirm_received(p)
        log.info("printed a %dx%d slip on %s", image.width, image.height, self.uri)

    def _confirm_received(self, p: Escpos) -> None:
        """Wait until the printer has received the whole job; PrinterUnavailable if it has not.

        Writing only hands the bytes to the kiosk's own buffers (the TCP send buffer, the serial
        or USB driver): a printer that resets or drops the connection after that loses the end
        of the slip, and without this step nobody would be told. A real-time status query
        (DLE EOT n) is answered as soon as the printer receives it, and it is received after
        every earlier byte of the job, so its one-byte answer is the printer's receipt for the
        whole job. A reset while waiting raises from the read ('offline'), a silent printer
        times out after `timeout_s` ('timeout').
        """
        from escpos.constants import RT_MASK_ONLINE, RT_STATUS_ONLINE

        if self.connection.kind == "network":
            _drain(p.device, self.timeout_s)
        answer = p.query_status(RT_STATUS_ONLINE)  # DLE EOT 1: printer status
        if not answer:  # network: the printer closed the connection; serial: read timed out
            reason = "offline" if self.connection.kind == "network" else "timeout"
            raise PrinterUnavailable(reason, "no answer to the status query after the job")
        if answer[0] & RT_MASK_ONLINE:  # received, but not printing now (cover open, error…)
            log.warning("printer %s reports offline after the job (0x%02x)", self.uri, answer[0])


def _drain(sock: socket.socket, timeout_s: float) -> None:
    """Drop bytes the printer sent unasked during the job. Printers act on real-time
    commands even inside raster data, so an image whose bytes happen to read DLE EOT n
    draws an answer; left unread, it would pass for the receipt of the final query."""
    sock.setblocking(False)
    try:
        while sock.recv(4096):
            pass
    except (BlockingIOError, InterruptedError):
        pass
    finally:
        sock.settimeout(timeout_s)


class MemoryPrinter:
    """In-memory fake SlipPrinter: keeps every image and the ESC/POS bytes (escpos Dummy)."""

    def __init__(self, paper_mm: int = 80, *, fail_with: PrinterUnavailable | None = None):
        from escpos.printer import Dummy

        self.paper_mm = paper_mm
        self.fail_with = fail_with
        self.images: list[Image.Image] = []
        self._dummy = Dummy()
        _apply_paper(self._dummy, paper_mm)

    def print_image(self, image: Image.Image) -> None:
        """Record the slip, or raise `fail_with` to play a broken printer."""
        if self.fail_with is not None:
            raise self.fail_with
        _check_width(image, self.paper_mm)
        self.images.append(image.copy())
        _send_job(self._dummy, image)

    @property
    def output(self) -> bytes:
        """Every ESC/POS byte sent so far."""
        return self._dummy.output


def printer_from_config(name_or_uri: str, hall: HallConfig) -> SlipPrinter:
    """A printer NAME from `[printers.NAME]`, or a connection URI (`?paper_mm=58` optional)."""
    if "://" in name_or_uri:
        options = dict(parse_qsl(urlsplit(name_or_uri).query))
        return EscposSlipPrinter(name_or_uri, paper_mm=int(options.get("paper_mm", 80)))
    printer = hall.printers.get(name_or_uri)
    if printer is None:
        known = ", ".join(sorted(hall.printers)) or "none"
        raise ValueError(
            f"unknown printer {name_or_uri!r} (configured: {known}); "
            "give a [printers.NAME] name or a URI such as network://192.168.1.50:9100"
            " / 大厅配置中没有该打印机，请填写 [printers.名称] 中的名称或打印机地址"
        )
    return EscposSlipPrinter(printer.connection, paper_mm=printer.paper_mm)
