"""Slack round trip: signed slash commands through the adapter's HTTP mode, against the fake Slack.

Each round trip is one signed ``/who Rubio`` (or ``/newsbot who Rubio``) POSTed with aiohttp to
``/slack/events`` on 127.0.0.1 until its answer arrives at the fake's response_url: signature check,
ack, dispatch to the handlers in a worker thread against the seeded database, Block Kit
rendering, and the response_url POST. Commands are sent one after another (no overlap).
bolt answers the HTTP request once the listener has acked, checking every 10 ms, so the answer
usually reaches response_url before the ack does: the two figures come out nearly equal.

    python -m bench.slack_roundtrip [--count 200] [--db FILE]

Without ``--db`` the five seed articles are loaded into a temporary database first (not timed).
Prints p50/p95/max in milliseconds, plus the ack time alone; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.seeded import seeded_db
from bot.slack import SlackAdapter
from tests.fake_slack import (
    FakeSlack,
    form_body,
    post_signed,
    slash_payload,
)

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (("/who", "Rubio"), ("/newsbot", "who Rubio"))



async def measure(db_path: Path, count: int) -> tuple[list[float], list[float]]:
    fake = await FakeSlack().start()
    config = fake.config("http")
    adapter = SlackAdapter(config, str(db_path), host="127.0.0.1")
    await adapter.start()
    url = f"http://127.0.0.1:{adapter.port}/slack/events"
    round_trips, acks = [], []
    try:
        async with aiohttp.ClientSession() as session:
            for i in range(count + 5):  # five warm-up commands (auth.test, first queries) not counted
                command, text = COMMANDS[i % len(COMMANDS)]
                body = form_body(slash_payload(command, text, response_url=fake.response_url(f"r{i}")))
                before = len(fake.responses)
                start = time.perf_counter()
                status, _ = await post_signed(session, url, body)
                acked = time.perf_counter()
                await fake.wait_for(lambda before=before: len(fake.responses) > before)
                done = time.perf_counter()
                if status != 200:
                    raise RuntimeError(f"the adapter answered {status}")
                if i >= 5:
                    acks.append((acked - start) * 1000)
                    round_trips.append((done - start) * 1000)
    finally:
        await adapter.stop()
        await fake.stop()
    return round_trips, acks


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--db", type=Path, help="a loaded database (default: the seeds, loaded now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db or seeded_db(Path(folder))
        round_trips, acks = asyncio.run(measure(db_path, args.count))
    print(f"slack round trip over {len(round_trips)} signed slash commands (HTTP mode, 127.0.0.1):")
    for name, values in (("answer at response_url", round_trips), ("ack (HTTP 200)", acks)):
        print(
            f"  {name:24} p50 {percentile(values, 50):6.1f} ms   p95 {percentile(values, 95):6.1f} ms   "
            f"max {max(values):6.1f} ms   mean {statistics.mean(values):6.1f} ms"
        )


if __name__ == "__main__":
    main()
