"""ESC/POS printing through python-escpos against a fake network printer and files."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from escpos.printer import Dummy
from PIL import Image, ImageChops

from kiosk.printing import (
    EscposSlipPrinter,
    MemoryPrinter,
    PrinterUnavailable,
    _drain,
    parse_connection,
    printer_from_config,
)
from kiosk.slips import TicketSlip, render_notice, render_ticket
from queue_server.config import HallConfig, Matter
from tests.escpos_decode import DecodeError, decode
from tests.integration.fake_escpos_printer import (
    FakeNetworkPrinter,
    SilentPrinter,
    StatusResponder,
    refusing_uri,
)

STATUS_URL = "http://hall.example:8000/t/Zq8XkP2mN4rT6vW9"
ISSUED = datetime(2024, 5, 20, 14, 5)
DLE_EOT_PAPER = b"\x10\x04\x04"
DLE_EOT_ONLINE = b"\x10\x04\x01"  # the receipt query that ends every job


def sample_matter() -> Matter:
    return Matter.model_validate(
        {
            "code": "medical-reimburse",
            "name": "医疗费用手工（零星）报销",
            "name_en": "Manual reimbursement of medical expenses",
            "department": "ybj",
            "zone": "C",
            "category": "service",
            "kind": "promised",
            "promise_days": 20,
            "guide": {
                "legal_basis": ["《中华人民共和国社会保险法》第二十八条、第二十九条"],
                "materials": [
                    {"name": "社会保障卡", "form": "original"},
                    {
                        "name": "医疗费用原始票据",
                        "form": "original",
                        "note": "票据须加盖医院收费章。",
                    },
                    {"name": "费用明细清单", "form": "copy", "copies": 2},
                    {
                        "name": "出院小结",
                        "form": "original_and_copy",
                        "note": "住院费用报销时提供。",
                    },
                ],
                "conditions": ["参保人因急诊、异地就医等原因未能直接结算的医疗费用。"],
                "fees": "不收费",
            },
        }
    )


def ticket_image(paper_mm: int = 80) -> Image.Image:
    slip = TicketSlip(
        hall_name="西湖区政务服务中心",
        hall_name_en="Xihu District Government Service Center",
        number="C105",
        matter_name="医疗费用手工（零星）报销",
        matter_name_en="Manual reimbursement of medical expenses",
        zone_name="社保/就业服务区",
        windows=[21, 22, 23],
        waiting_ahead=7,
        estimated_wait_min=18,
        issued_at=ISSUED,
        status_url=STATUS_URL,
    )
    return render_ticket(slip, paper_mm=paper_mm)


def notice_image() -> Image.Image:
    return render_notice(
        hall_name="西湖区政务服务中心", matter=sample_matter(), windows=[21, 22], issued_at=ISSUED
    )


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return (
        a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None
    )


def test_ticket_printed_over_the_network_decodes_to_the_same_slip_and_qr() -> None:
    image = ticket_image()
    with FakeNetworkPrinter() as fake:
        EscposSlipPrinter(fake.uri).print_image(image)
        [job] = fake.wait_for_jobs(1)
    assert fake.errors == []
    decoded = decode(job)
    assert decoded.names[:2] == ["DLE EOT", "ESC @"]
    assert decoded.names[-3:] == ["ESC d", "GS V", "DLE EOT"]
    assert same_pixels(decoded.image, image)
    assert [r.text for r in zxingcpp.read_barcodes(decoded.image)] == [STATUS_URL]


def test_tall_notice_goes_out_in_several_raster_blocks_that_stack_back_exactly() -> None:
    image = notice_image()
    assert image.height > 960  # python-escpos splits rasters every 960 rows
    with FakeNetworkPrinter() as fake:
        EscposSlipPrinter(fake.uri).print_image(image)
        [job] = fake.wait_for_jobs(1)
    decoded = decode(job)
    assert decoded.names.count("GS v 0") == -(-image.height // 960)
    assert same_pixels(decoded.image, image)


def test_print_stream_has_no_text_bytes_so_no_gb18030_outside_raster_blocks() -> None:
    with FakeNetworkPrinter() as fake:
        printer = EscposSlipPrinter(fake.uri)
        printer.print_image(ticket_image())
        printer.print_image(notice_image())
        jobs = fake.wait_for_jobs(2)
    for job in jobs:
        decoded = decode(job)
        assert decoded.text == b""
        assert set(decoded.names) <= {"DLE EOT", "ESC @", "GS v 0", "ESC d", "GS V"}


def test_58mm_printer_gets_a_384_dot_raster() -> None:
    with FakeNetworkPrinter() as fake:
        EscposSlipPrinter(fake.uri, paper_mm=58).print_image(ticket_image(58))
        [job] = fake.wait_for_jobs(1)
    decoded = decode(job)
    assert decoded.image.width == 384
    assert [r.text for r in zxingcpp.read_barcodes(decoded.image)] == [STATUS_URL]


def test_healthy_printer_is_asked_for_a_receipt_after_the_cut_and_answers_it() -> None:
    with FakeNetworkPrinter() as fake:
        EscposSlipPrinter(fake.uri, timeout_s=1).print_image(ticket_image())
        [job] = fake.wait_for_jobs(1)
    commands = decode(job).commands
    [cut] = [i for i, c in enumerate(commands) if c.name == "GS V"]
    assert [c.raw for c in commands[cut + 1 :]] == [DLE_EOT_ONLINE]  # last, after the cut
    assert job.endswith(DLE_EOT_ONLINE)
    assert fake.queries == [[DLE_EOT_PAPER, DLE_EOT_ONLINE]]  # both answered (no mute_after)


def test_printer_that_never_answers_the_receipt_query_fails_within_the_timeout() -> None:
    with FakeNetworkPrinter(mute_after=1) as fake:  # answers the paper query, then nothing
        started = time.monotonic()
        with pytest.raises(PrinterUnavailable) as caught:
            EscposSlipPrinter(fake.uri, timeout_s=1).print_image(ticket_image())
        elapsed = time.monotonic() - started
        [job] = fake.wait_for_jobs(1)
    assert caught.value.reason == "timeout"
    assert caught.value.message_zh and caught.value.message
    assert 0.9 <= elapsed < 2.5
    assert "GS V" in decode(job).names and job.endswith(DLE_EOT_ONLINE)  # all sent, unconfirmed


def test_refused_connection_raises_printer_unavailable_refused_at_once() -> None:
    holder, uri = refusing_uri()
    started = time.monotonic()
    with holder, pytest.raises(PrinterUnavailable) as caught:
        EscposSlipPrinter(uri, timeout_s=5).print_image(ticket_image())
    assert caught.value.reason == "refused"
    assert caught.value.message_zh and caught.value.message
    assert time.monotonic() - started < 1.0


def test_printer_that_accepts_but_never_answers_times_out_within_the_timeout() -> None:
    with SilentPrinter() as silent:
        started = time.monotonic()
        with pytest.raises(PrinterUnavailable) as caught:
            EscposSlipPrinter(silent.uri, timeout_s=0.5).print_image(ticket_image())
        elapsed = time.monotonic() - started
    assert caught.value.reason == "timeout"
    assert 0.4 <= elapsed < 1.5


def test_paper_out_raises_paper_out_and_prints_nothing() -> None:
    with FakeNetworkPrinter(paper="out") as fake:
        with pytest.raises(PrinterUnavailable) as caught:
            EscposSlipPrinter(fake.uri).print_image(ticket_image())
        [job] = fake.wait_for_jobs(1)
    assert caught.value.reason == "paper_out"
    assert "缺纸" in caught.value.message_zh
    assert job == DLE_EOT_PAPER
    assert decode(job).images == []


def test_paper_near_end_still_prints() -> None:
    with FakeNetworkPrinter(paper="near_end") as fake:
        EscposSlipPrinter(fake.uri).print_image(ticket_image())
        [job] = fake.wait_for_jobs(1)
    assert "GS v 0" in decode(job).names


def test_file_connection_writes_the_same_decodable_bytes(tmp_path: Path) -> None:
    image = ticket_image()
    out = tmp_path / "slip.bin"
    EscposSlipPrinter(out.as_uri()).print_image(image)
    with FakeNetworkPrinter() as fake:
        EscposSlipPrinter(fake.uri).print_image(image)
        [job] = fake.wait_for_jobs(1)
    assert out.read_bytes() == job.removeprefix(DLE_EOT_PAPER).removesuffix(DLE_EOT_ONLINE)
    assert same_pixels(decode(out.read_bytes()).image, image)


def test_unwritable_file_raises_io_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterUnavailable) as caught:
        EscposSlipPrinter((tmp_path / "no-dir" / "x.bin").as_uri()).print_image(ticket_image())
    assert caught.value.reason == "io_error"


def test_missing_usb_printer_raises_usb_missing() -> None:
    with pytest.raises(PrinterUnavailable) as caught:
        EscposSlipPrinter("usb://ffff:fffe", timeout_s=0.5).print_image(ticket_image())
    assert caught.value.reason in {"usb_missing", "driver_missing"}


def test_missing_serial_port_raises_serial_missing(tmp_path: Path) -> None:
    with pytest.raises(PrinterUnavailable) as caught:
        EscposSlipPrinter(f"serial://{tmp_path}/ttyNOPE?baudrate=19200").print_image(ticket_image())
    assert caught.value.reason == "serial_missing"


@contextmanager
def pty_printer(status: StatusResponder) -> Iterator[str]:
    """A serial printer on a pseudo-terminal: yields the device path to print to."""
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)  # no echo, no line discipline: bytes as they are

    def serve() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the slave end was closed
                return
            if replies := status.feed(chunk):
                os.write(master, replies)

    thread = threading.Thread(target=serve, name="pty-printer", daemon=True)
    thread.start()
    try:
        yield os.ttyname(slave)
    finally:
        os.close(slave)
        thread.join(timeout=5)
        os.close(master)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("answers", [None, 1], ids=["answers", "mute-after-the-paper"])
def test_serial_printer_confirms_the_job_or_times_out(answers: int | None) -> None:
    status = StatusResponder(mute_after=answers)
    with pty_printer(status) as device:
        printer = EscposSlipPrinter(f"serial://{device}?baudrate=115200", timeout_s=1)
        started = time.monotonic()
        if answers is None:
            printer.print_image(ticket_image())
        else:
            with pytest.raises(PrinterUnavailable) as caught:
                printer.print_image(ticket_image())
            assert caught.value.reason == "timeout"
            assert 0.9 <= time.monotonic() - started < 2.5
    assert status.queries == [DLE_EOT_PAPER, DLE_EOT_ONLINE] and status.errors == []
    assert decode(status.data).names[-3:] == ["ESC d", "GS V", "DLE EOT"]


def test_memory_printer_keeps_images_and_the_same_bytes_as_a_file(tmp_path: Path) -> None:
    image = ticket_image()
    memory = MemoryPrinter()
    memory.print_image(image)
    out = tmp_path / "slip.bin"
    EscposSlipPrinter(out.as_uri()).print_image(image)
    assert memory.output == out.read_bytes()
    assert same_pixels(memory.images[0], image)


def test_memory_printer_can_play_a_broken_printer() -> None:
    memory = MemoryPrinter(fail_with=PrinterUnavailable("paper_out"))
    with pytest.raises(PrinterUnavailable, match="paper_out"):
        memory.print_image(ticket_image())
    assert memory.images == [] and memory.output == b""


def test_slip_wider_than_the_paper_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="576"):
        MemoryPrinter(paper_mm=58).print_image(ticket_image(80))


def hall_with_printers() -> HallConfig:
    hall = {"name": "西湖区政务服务中心", "name_en": "Xihu District Government Service Center"}
    zone = {"code": "C", "name": "社保/就业服务区", "name_en": "Social security", "prefix": "C"}
    department = {"code": "ybj", "name": "医疗保障局", "name_en": "Healthcare Security"}
    window = {"number": 21, "name": "21号窗口", "zone": "C", "profile": ["medical-reimburse"]}
    printers = {
        "kiosk1": {"connection": "network://10.0.0.50:9100", "paper_mm": 58},
        "desk": {"connection": "file:///tmp/hallq-desk.bin"},
    }
    return HallConfig.model_validate(
        {
            "hall": hall,
            "zones": [zone],
            "departments": [department],
            "matters": [sample_matter().model_dump()],
            "windows": [window],
            "printers": printers,
        }
    )


def test_printer_from_config_takes_a_configured_name_or_a_uri() -> None:
    hall = hall_with_printers()
    kiosk1 = printer_from_config("kiosk1", hall)
    assert isinstance(kiosk1, EscposSlipPrinter)
    assert (kiosk1.connection.target, kiosk1.connection.port, kiosk1.paper_mm) == (
        "10.0.0.50",
        9100,
        58,
    )
    by_uri = printer_from_config("serial:///dev/ttyUSB0?baudrate=19200&paper_mm=58", hall)
    assert isinstance(by_uri, EscposSlipPrinter) and by_uri.paper_mm == 58
    assert by_uri.connection.target == "/dev/ttyUSB0"
    with pytest.raises(ValueError, match="kiosk1"):
        printer_from_config("kiosk9", hall)


@pytest.mark.parametrize(
    ("uri", "kind", "target", "port"),
    [
        ("network://192.168.1.50", "network", "192.168.1.50", 9100),
        ("network://printer.local:9101", "network", "printer.local", 9101),
        ("usb://04b8:0202", "usb", "04b8:0202", 9100),
        ("serial:///dev/ttyUSB0?baudrate=19200", "serial", "/dev/ttyUSB0", 9100),
        ("serial://COM3", "serial", "COM3", 9100),
        ("file:///var/spool/hallq/out.bin", "file", "/var/spool/hallq/out.bin", 9100),
    ],
)
def test_connection_uris_parse(uri: str, kind: str, target: str, port: int) -> None:
    c = parse_connection(uri)
    assert (c.kind, c.target, c.port) == (kind, target, port)


@pytest.mark.parametrize("uri", ["lpt://1", "usb://epson", "network://", "network://h:99999"])
def test_bad_connection_uri_is_refused_when_the_printer_is_built(uri: str) -> None:
    with pytest.raises(ValueError):
        EscposSlipPrinter(uri)


@pytest.mark.parametrize(
    ("impl", "options"),
    [("bitImageRaster", {}), ("graphics", {"fragment_height": 800}), ("bitImageColumn", {})],
)
def test_decoder_reads_every_python_escpos_image_encoding(impl: str, options: dict) -> None:
    image = ticket_image(58)
    dummy = Dummy()
    dummy.profile.profile_data = {**dummy.profile.profile_data, "media": {"width": {"pixels": 384}}}
    dummy.image(image, impl=impl, **options)
    decoded = decode(dummy.output).image
    assert same_pixels(decoded.crop((0, 0, *image.size)), image)
    # whatever the encoding pads (column mode: to 24-dot stripes) stays blank paper
    ink = ImageChops.invert(decoded.convert("L")).getbbox()
    assert ink == ImageChops.invert(image.convert("L")).getbbox()


def test_decoder_rejects_unknown_and_truncated_commands_loudly() -> None:
    with pytest.raises(DecodeError, match="offset 3"):
        decode(b"\x1b@\n\x1bZ\x00")
    with pytest.raises(DecodeError, match="0x07"):
        decode(b"\x07")
    with pytest.raises(DecodeError, match="ends inside"):
        decode(b"\x1dv0\x00\x48\x00\x10\x00" + b"\x00" * 10)


def test_bytes_the_printer_sent_unasked_are_dropped_before_the_receipt_query() -> None:
    """Printers answer DLE EOT even inside raster data; a stray answer drawn by the image's
    bytes must not pass for the receipt of the job's final query. (The stray is placed
    before the drain here: end to end, when it arrives is up to the printer.)"""
    kiosk_side, printer_side = socket.socketpair()
    with kiosk_side, printer_side:
        printer_side.sendall(b"\x16\x12")  # two unasked status bytes, mid-job
        time.sleep(0.05)
        _drain(kiosk_side, 1.5)
        assert kiosk_side.gettimeout() == 1.5  # blocking again, with the printer's timeout
        printer_side.sendall(b"\x12")  # the real answer to the final query
        assert kiosk_side.recv(16) == b"\x12"
