"""`hallq demo`: a whole hall on one machine, each app in its own process (Qt-free).

The server on the sample hall (open all hours, SQLite in the data directory), a kiosk, the
hall TV, two counters that share matters, the window display and the evaluator of the first
counter's window. Printers write to files in `<data dir>/prints`. Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from queue_server.config import SAMPLE_HALL, ConfigError, HallConfig, load_hall

log = logging.getLogger(__name__)
START_TIMEOUT_S = 40.0
GRACE_S = 3.0  # an app still alive after this long counts as up
EVALUATOR_KEY = "demo-evaluator-key-5"
KIOSK_KEY = "demo-kiosk-key-1"


@dataclass
class Child:
    """One process of the demo."""

    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    reported: bool = False


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    """Whether something on this machine already listens on 127.0.0.1:`port`."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def demo_windows(text: str, hall: HallConfig) -> list[int]:
    """`--windows 5,6` → [5, 6]; ValueError, in both languages, for what the hall lacks."""
    try:
        windows = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        windows = []
    if not windows:
        raise ValueError(
            f"--windows takes window numbers like 5,6, not {text!r} / --windows 应为窗口号，如 5,6"
        )
    missing = ", ".join(str(n) for n in windows if hall.window(n) is None)
    if missing:
        raise ValueError(f"the hall has no window {missing} / 大厅配置中没有窗口 {missing}")
    return windows


def hallq(*args: object) -> list[str]:
    """The argv of a `hallq` sub-command run by this Python."""
    return [sys.executable, "-m", "queue_server.cli", *(str(a) for a in args)]


def kiosk_available() -> bool:
    """True when `hallq kiosk` is registered."""
    from queue_server.cli import APP_COMMANDS

    return "kiosk.cli" in APP_COMMANDS


def plan(
    url: str, *, hall: HallConfig, config: Path, data: Path, windows: list[int], voice: bool
) -> list[Child]:
    """The app processes of the demo, in start order."""
    prints = data / "prints"
    first = windows[0]
    apps: list[Child] = []
    if kiosk_available():
        apps.append(
            Child(
                "kiosk",
                hallq(
                    "kiosk",
                    "--windowed",
                    "--server",
                    url,
                    "--key",
                    KIOSK_KEY,
                    "--config",
                    config,
                    "--printer",
                    f"file://{prints / 'kiosk1.bin'}",
                ),
            )
        )
    else:
        log.info("`hallq kiosk` is not registered yet: the demo runs without a kiosk")
    display = ["display", "--windowed", "--size", "1280x720", "--server", url, "--config", config]
    apps.append(Child("hall TV", hallq(*display, *([] if voice else ["--no-voice"]))))
    for number in windows:
        staff = hall.window(number).staff_a if hall.window(number) else ""  # type: ignore[union-attr]
        apps.append(
            Child(
                f"counter {number}",
                hallq(
                    "counter",
                    "--window",
                    number,
                    "--windowed",
                    "--size",
                    "1280x760",
                    "--server",
                    url,
                    "--config",
                    config,
                    "--staff",
                    staff or "",
                    "--printer",
                    f"png://{prints / f'counter-{number}'}",
                ),
            )
        )
    apps.append(
        Child(
            f"window display {first}",
            hallq(
                "window-display",
                "--window",
                first,
                "--windowed",
                "--size",
                "960x300",
                "--server",
                url,
            ),
        )
    )
    apps.append(
        Child(
            f"evaluator {first}",
            hallq(
                "evaluator",
                "--window",
                first,
                "--key",
                EVALUATOR_KEY,
                "--windowed",
                "--size",
                "1024x640",
                "--server",
                url,
            ),
        )
    )
    return apps


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """Poll GET /api/v1/health until it answers (False if the server died or timed out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def stop(children: list[Child], timeout: float = 8.0) -> None:
    """Terminate every child (apps first, the server last); kill what does not stop."""
    for child in reversed(children):
        if child.proc is not None and child.proc.poll() is None:
            child.proc.terminate()
    deadline = time.monotonic() + timeout
    for child in reversed(children):
        if child.proc is None:
            continue
        try:
            child.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop; killing it", child.name)
            child.proc.kill()
            child.proc.wait(5)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Start the demo and supervise it until Ctrl-C (or SIGTERM)."""
    config = Path(args.config or SAMPLE_HALL)
    try:
        hall = load_hall(config)
        windows = demo_windows(str(args.windows), hall)
    except (ConfigError, ValueError) as exc:
        sys.stderr.write(f"hallq demo: {exc}\n")
        return 2
    if args.port and port_in_use(args.port):
        # Else the apps would follow whatever answers there until the demo's server fails.
        sys.stderr.write(
            f"hallq demo: port {args.port} is in use; give another --port or none\n"
            f"端口 {args.port} 已被占用，请换一个端口，或不加 --port 自动选择。\n"
        )
        return 2
    data = Path(args.data_dir or tempfile.mkdtemp(prefix="hallq-demo-"))
    (data / "prints").mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    url = f"http://127.0.0.1:{port}"
    signal.signal(signal.SIGTERM, _interrupt)
    server = Child(
        "server",
        hallq(
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            port,
            "--config",
            config,
            "--data-dir",
            data,
            "--open-all-hours",
            "--log-level",
            "warning",
        ),
    )
    children = [server]
    try:
        server.proc = subprocess.Popen(server.argv)
        if not wait_healthy(url, server.proc, START_TIMEOUT_S):
            log.error("the server did not start on %s", url)
            return 1
        log.info("server up on %s (data in %s)", url, data)
        for child in plan(
            url, hall=hall, config=config, data=data, windows=windows, voice=not args.no_voice
        ):
            child.proc = subprocess.Popen(child.argv)
            children.append(child)
            log.info("started %s (pid %s)", child.name, child.proc.pid)
        time.sleep(GRACE_S)  # supervising: let the apps come up before judging them
        alive = [c.name for c in children[1:] if c.proc and c.proc.poll() is None]
        log.info(
            "demo running: %d apps up (%s); open %s/display in a browser too",
            len(alive),
            ", ".join(alive),
            url,
        )
        for number in windows:
            w = hall.window(number)
            if w is not None:
                log.info(
                    "counter %s: sign in as %s (PIN of the sample hall: 1234)", number, w.staff_a
                )
        log.info("printouts go to %s; press Ctrl-C to stop everything", data / "prints")
        return _supervise(children)
    except KeyboardInterrupt:
        log.info("stopping the demo")
        return 0
    finally:
        stop(children)


def _supervise(children: list[Child]) -> int:
    server = children[0]
    while True:
        time.sleep(0.5)  # a supervisor's poll, not a synchronisation
        if server.proc is not None and server.proc.poll() is not None:
            log.error("the server stopped (exit %s); stopping the demo", server.proc.returncode)
            return 1
        for child in children[1:]:
            if child.proc is not None and child.proc.poll() is not None and not child.reported:
                child.reported = True
                log.warning("%s exited (code %s)", child.name, child.proc.returncode)
