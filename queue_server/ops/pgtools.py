"""pg_dump and pg_restore: found on PATH or in /usr/lib/postgresql/*/bin, run without a
password on their command line."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from queue_server.ops.common import OpsError, shown

log = logging.getLogger(__name__)

PG_LIB = Path("/usr/lib/postgresql")


def find_tool(name: str, *, path: str | None = None, lib: Path = PG_LIB) -> str:
    """`name` on PATH, else from the newest PostgreSQL under `lib`."""
    found = shutil.which(name, path=path)
    if found:
        return found

    def major(candidate: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", candidate.parent.parent.name))

    candidates = sorted(lib.glob(f"*/bin/{name}"), key=major)
    if candidates:
        return str(candidates[-1])
    raise OpsError(
        f"{name} was not found on PATH or in {lib}/*/bin; install the PostgreSQL client tools "
        "(Debian: apt install postgresql-client) of the server's version or newer.",
        f"未找到 {name}：请安装与数据库服务器同版本或更新的 PostgreSQL 客户端工具"
        "（Debian：apt install postgresql-client）。",
    )


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    bare = parsed.set(drivername="postgresql", password=None)
    return bare.render_as_string(hide_password=False), env


def dump(url: str, out: Path) -> None:
    """`pg_dump --format=custom` of the database at `url` into `out`."""
    conninfo, env = libpq(url)
    _run(
        [find_tool("pg_dump"), "--format=custom", f"--file={out}", f"--dbname={conninfo}"],
        env=env,
        what=f"pg_dump of {shown(url)}",
        what_zh=f"备份 {shown(url)}",
    )


def restore(src: Path, url: str) -> None:
    """`pg_restore` of `src` into `url`: all or nothing (one transaction)."""
    conninfo, env = libpq(url)
    _run(
        [
            find_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(src),
        ],
        env=env,
        what=f"pg_restore into {shown(url)}",
        what_zh=f"恢复到 {shown(url)}",
    )


def _run(cmd: Sequence[str], *, env: dict[str, str], what: str, what_zh: str) -> None:
    log.info("running %s", cmd[0])
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise OpsError(f"{what} failed: {detail}", f"{what_zh}失败：{detail}")
