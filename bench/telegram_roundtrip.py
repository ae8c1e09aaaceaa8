"""Telegram round trip: the real adapter against the fake Bot API server, p50/p95 in ms.

A round trip is the time from queueing a command update in the fake server to the fake receiving
the bot's sendMessage: getUpdates (long polling) → PTB → handlers.dispatch on SQLite → render →
sendMessage, all over HTTP on 127.0.0.1.

    python -m bench.telegram_roundtrip [--n 200] [--interval 0.05] [--db FILE]

Without ``--db`` the five seed articles are loaded into a temporary database first (this builds the
spaCy pipeline). Commands are sent one at a time, ``--interval`` seconds apart: PTB's
AIORateLimiter allows 30 messages a second, so a faster pace measures its waiting, not the bot.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.seeded import seeded_db
from bot.config import Config
from bot.telegram import TelegramAdapter
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["/who Rubio", "/wie Trump", "/quotes Trump", "/latest", "/stats", "/search drones", "/bestaatniet"]
CHAT = 7



def connection_costs(path: Path, repeat: int = 200) -> tuple[float, float]:
    """ms to open a connection per call, and ms for /who Rubio on a connection kept open."""
    import handlers
    from handlers.reply import Request
    from store.db import open_db

    start = time.perf_counter()
    for _ in range(repeat):
        open_db(path, migrate=False).close()
    open_ms = (time.perf_counter() - start) * 1000 / repeat
    db = open_db(path, migrate=False)
    start = time.perf_counter()
    for _ in range(repeat):
        handlers.dispatch(Request("who", "Rubio", platform="telegram"), db)
    who_ms = (time.perf_counter() - start) * 1000 / repeat
    db.close()
    return open_ms, who_ms


async def round_trips(db_path: Path, n: int, interval: float) -> tuple[list[float], float, float]:
    async with FakeTelegram() as fake:
        config = Config()
        config.telegram.token = fake.token
        config.telegram.api_base_url = fake.url
        adapter = TelegramAdapter(config, str(db_path))
        started = time.perf_counter()
        await adapter.start()
        start_ms = (time.perf_counter() - started) * 1000
        timings = []
        try:
            for i in range(n):
                before = len(fake.messages_to(CHAT))
                began = time.perf_counter()
                fake.inject_command(CHAT, CHAT, COMMANDS[i % len(COMMANDS)])
                await fake.wait_for_messages(CHAT, before + 1, timeout=30)
                timings.append((time.perf_counter() - began) * 1000)
                await asyncio.sleep(interval)
        finally:
            stopping = time.perf_counter()
            await adapter.stop()
            stop_ms = (time.perf_counter() - stopping) * 1000
        return timings, start_ms, stop_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="commands to send")
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between commands")
    parser.add_argument("--db", type=Path, help="an existing database (default: the seeds, loaded now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db or seeded_db(Path(folder))
        timings, start_ms, stop_ms = asyncio.run(round_trips(db_path, args.n, args.interval))
        open_ms, who_ms = connection_costs(db_path)
    cuts = statistics.quantiles(timings, n=100)
    print(
        f"telegram round trip over {len(timings)} commands ({', '.join(COMMANDS)}), {args.interval * 1000:.0f} ms apart"
    )
    print(
        f"  p50 {cuts[49]:.1f} ms   p95 {cuts[94]:.1f} ms   max {max(timings):.1f} ms   mean {statistics.mean(timings):.1f} ms"
    )
    print(f"  adapter start (initialize, setMyCommands, start, polling): {start_ms:.0f} ms; stop: {stop_ms:.0f} ms")
    print(f"  opening a SQLite connection per call: {open_ms:.2f} ms; /who Rubio on a kept connection: {who_ms:.2f} ms")


if __name__ == "__main__":
    main()
