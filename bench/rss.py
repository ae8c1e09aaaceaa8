"""Peak resident memory of ``newsbot serve`` answering queries over a large database.

``newsbot serve`` runs as a subprocess with the Telegram adapter pointed at the fake Bot API
server of ``tests/fake_telegram.py`` (real python-telegram-bot, real HTTP on 127.0.0.1); the bench
injects commands, waits for every answer, then reads the peak (``VmHWM`` in /proc/<pid>/status)
before stopping serve with SIGTERM. When the fake server cannot be imported, serve runs the
console chat fed through a pipe instead, and the row says so.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.generate import generate_article

ROOT = Path(__file__).resolve().parent.parent
NEWSBOT = Path(sys.executable).parent / "newsbot"
CHAT_ID = 4242
ADMIN = 77


@dataclass
class PeakMemory:
    mode: str  # "telegram (fake server)" | "console (pipe)"
    queries: int
    answered: int
    peak_mb: float  # after everything, including an admin's upload (which builds the spaCy pipeline)
    current_mb: float
    exit_code: int | None
    queries_peak_mb: float | None = None  # after the queries, before the upload

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def read_status_kb(pid: int, field: str) -> int:
    """A ``kB`` field of /proc/<pid>/status (VmHWM: peak RSS, VmRSS: current)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def serve_commands(names: list[str]) -> list[str]:
    commands = []
    for i, name in enumerate(names):
        commands += [f"/who {name}", f"/quotes {name}", f"/search {('aanval', 'begroting', 'drones')[i % 3]}"]
    return commands + ["/trending", "/stats", "/latest"]


def measure_serve_rss(db_path: Path, work: Path, names: list[str]) -> PeakMemory:
    """Peak RSS of serve after answering the commands of ``serve_commands(names)``."""
    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from fake_telegram import FakeTelegram  # noqa: F401
    except ImportError:
        return _console_rss(db_path, work, serve_commands(names))
    return asyncio.run(_telegram_rss(db_path, work, serve_commands(names)))


async def _telegram_rss(db_path: Path, work: Path, commands: list[str]) -> PeakMemory:
    from fake_telegram import FakeTelegram

    async with FakeTelegram() as fake:
        config = work / "serve-telegram.toml"
        config.write_text(
            f'[store]\ndb = "{db_path}"\n\n[telegram]\ntoken = "{fake.token}"\napi_base_url = "{fake.url}"\n'
            f'admins = ["{ADMIN}"]\n',
            encoding="utf-8",
        )
        log = (work / "serve-telegram.log").open("w")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
        process = subprocess.Popen(  # noqa: ASYNC220 — started once, before any timing
            [str(NEWSBOT), "serve", "--config", str(config), "--db", str(db_path)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=work,
        )
        answered = 0
        try:
            await fake.wait_for_calls("getUpdates", 1, timeout=60)
            for command in commands:  # one at a time: a user's pace, and every answer counted
                fake.inject_command(CHAT_ID, ADMIN, command)
                answered_before = len(fake.messages_to(CHAT_ID))
                await fake.wait_for_messages(CHAT_ID, answered_before + 1, timeout=30)
                answered += 1
            await asyncio.sleep(0.5)  # let late split messages arrive
            queries_peak = read_status_kb(process.pid, "VmHWM")
            answered_before = len(fake.messages_to(CHAT_ID))
            upload = generate_article(10**6).file_text().encode("utf-8")
            fake.inject_document(CHAT_ID, ADMIN, "upload.txt", upload, caption="/load")
            await fake.wait_for_messages(CHAT_ID, answered_before + 1, timeout=120)
            peak, current = read_status_kb(process.pid, "VmHWM"), read_status_kb(process.pid, "VmRSS")
        finally:
            code = await asyncio.to_thread(_stop, process)  # the fake server must keep answering meanwhile
            log.close()
    mb = [round(kb / 1024, 1) for kb in (peak, current, queries_peak)]
    return PeakMemory("telegram (fake server)", len(commands), answered, mb[0], mb[1], code, mb[2])


def _console_rss(db_path: Path, work: Path, commands: list[str]) -> PeakMemory:
    config = work / "serve-console.toml"
    config.write_text(f'[store]\ndb = "{db_path}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    process = subprocess.Popen(
        [str(NEWSBOT), "serve", "--config", str(config), "--db", str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=work,
        text=True,
    )
    process.stdin.write("\n".join(commands) + "\n")
    process.stdin.flush()
    time.sleep(5)
    peak, current = read_status_kb(process.pid, "VmHWM"), read_status_kb(process.pid, "VmRSS")
    code = _stop(process)
    return PeakMemory("console (pipe)", len(commands), -1, round(peak / 1024, 1), round(current / 1024, 1), code)


def _stop(process: subprocess.Popen) -> int | None:
    """SIGTERM (serve exits 0 on it), then SIGKILL after 15 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None
