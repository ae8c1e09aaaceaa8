"""Alert delays over the fake Telegram server: a load in another process, and a feed entry.

    python -m bench.alerts [--n 5] [--poll 15] [--skip load|feed]

*Load → alert*: a chat follows Marco Rubio through the real Telegram adapter; ``newsbot load`` of
a new article about him runs as a separate process; the delay is from its "loaded" line (the
article and its pending alert are committed) to the fake server receiving the alert. It is bounded
by ``[alerts] poll_seconds`` plus the send; rounds start at random moments of the poll cycle.

*Feed → alert*: a local feed publishes a new entry (linking to an article page); the delay is from
the start of a feed pass to the alert's arrival: fetch, download the page, extract, store, wait
for the alert poll, send. In serve the pass itself starts every ``[feeds] interval_minutes``, so
the worst case from publication adds that interval.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.seeded import seeded_db
from bot.alerts import AlertSender
from bot.config import Config
from bot.feeds import FeedPoller
from bot.telegram import TelegramAdapter
from store.db import open_db
from tests.fake_telegram import FakeTelegram
from tests.feed_server import FeedServer, Item, article_page

ROOT = Path(__file__).resolve().parent.parent
CHAT = 555
ARTICLE = """ date 2025-05-{day:02d}

Rubio spreekt in Istanbul (ronde {n})

De Amerikaanse minister van Buitenlandse Zaken Marco Rubio sprak in ronde {n} in Istanbul met
diplomaten over een bestand. „We zijn er nog niet,” zei Rubio na afloop.
"""


def stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"n={len(values)}  mean {statistics.mean(values):.2f} s  median {statistics.median(values):.2f} s  p95 {p95:.2f} s"


async def load_to_alert(db_path: Path, poll: float, n: int) -> list[float]:
    """Seconds from the load's "loaded" line (its article and alert are committed) to the alert's
    arrival; each round starts at a random moment of the poll cycle."""
    delays = []
    async with FakeTelegram() as fake:
        config = Config()
        config.telegram.token, config.telegram.api_base_url = fake.token, fake.url
        config.alerts.poll_seconds = poll
        adapter = TelegramAdapter(config, str(db_path))
        await adapter.start()
        sender = AlertSender(str(db_path), config, {"telegram": adapter})
        sender.start()
        try:
            fake.inject_command(CHAT, CHAT, "/follow Rubio")
            await fake.wait_for_messages(CHAT, 1)
            for i in range(n):
                await asyncio.sleep(random.uniform(0, poll))
                path = Path(tempfile.mkdtemp()) / f"rubio-{i}.txt"
                path.write_text(ARTICLE.format(day=i + 1, n=i + 1), encoding="utf-8")
                load = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot.cli", "load", "--no-progress", "--db", str(db_path), str(path),
                    cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},  # each line as it is printed
                )  # fmt: skip
                while not (await load.stdout.readline()).startswith(b"loaded"):
                    pass
                committed = time.perf_counter()
                await fake.wait_for_messages(CHAT, 2 + i, timeout=poll + 30)
                delays.append(time.perf_counter() - committed)
                await load.wait()
        finally:
            await sender.stop()
            await adapter.stop()
    return delays


async def feed_to_alert(db_path: Path, poll: float, n: int) -> list[tuple[float, float]]:
    """(seconds for the pass: fetch, page, extract, store; seconds from its start to the alert)."""
    from store.extraction.nlp import shared_pipeline

    nlp = shared_pipeline(None)
    delays = []
    async with FeedServer() as server, FakeTelegram() as fake:
        config = Config()
        config.telegram.token, config.telegram.api_base_url = fake.token, fake.url
        config.alerts.poll_seconds = poll
        config.feeds.urls = [f"{server.url}/rss.xml"]
        with open_db(db_path) as db:
            db.execute("insert into follows (platform, chat_id, term) values ('telegram', ?, 'Istanbul')", [str(CHAT)])
            db.conn.commit()
        adapter = TelegramAdapter(config, str(db_path))
        await adapter.start()
        sender = AlertSender(str(db_path), config, {"telegram": adapter})
        sender.start()
        poller = FeedPoller(str(db_path), config, nlp_loader=lambda: nlp)
        try:
            for i in range(n):
                name = f"istanbul-{i}.html"
                server.pages[name] = article_page(
                    f"Overleg in Istanbul, dag {i + 1}",
                    [f"Diplomaten spraken op dag {i + 1} in Istanbul over een bestand.", "Er volgt meer overleg."],
                )
                server.rss_items.append(Item(f"ist-{i}", server.page_url(name), f"Overleg in Istanbul, dag {i + 1}",
                                             "Fri, 02 May 2025 06:00:00 GMT"))  # fmt: skip
                server.version += 1
                await asyncio.sleep(random.uniform(0, poll))
                started = time.perf_counter()
                await poller.run_pass()
                stored = time.perf_counter()
                await fake.wait_for_messages(CHAT, 1 + i, timeout=poll + 30)
                delays.append((stored - started, time.perf_counter() - started))
        finally:
            await poller.stop()
            await sender.stop()
            await adapter.stop()
    return delays


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.alerts", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5)
    parser.add_argument("--poll", type=float, action="append", help="[alerts] poll_seconds (repeatable; default 15)")
    parser.add_argument("--skip", action="append", default=[], choices=["load", "feed"])
    args = parser.parse_args(argv)
    polls = args.poll or [15.0]
    for poll in polls:
        if "load" not in args.skip:
            with tempfile.TemporaryDirectory() as tmp:
                db_path = seeded_db(Path(tmp))
                delays = asyncio.run(load_to_alert(db_path, poll, args.n))
            print(f"load in another process → alert (poll {poll:g} s): {stats(delays)}")
        if "feed" not in args.skip:
            with tempfile.TemporaryDirectory() as tmp:
                db_path = seeded_db(Path(tmp))
                timings = asyncio.run(feed_to_alert(db_path, poll, args.n))
            print(f"feed pass (fetch, page, extract, store): {stats([p for p, _ in timings])}")
            print(f"feed pass start → alert (poll {poll:g} s): {stats([a for _, a in timings])}")


if __name__ == "__main__":
    main()
