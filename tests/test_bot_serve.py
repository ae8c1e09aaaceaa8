"""``newsbot serve``: digests through the real adapters to the fake servers, and clean shutdown.

The shutdown tests run ``newsbot serve`` as a real subprocess and send it SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack
from fake_telegram import FakeTelegram

from bot.config import Config, DigestConfig, SlackConfig, TelegramConfig
from bot.serve import serve
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter
from store import subscriptions as subs
from store.db import open_db
from store.loader import store_article
from store.model import Article, Facts

AMS = ZoneInfo("Europe/Amsterdam")
ROOT = Path(__file__).resolve().parent.parent
STOP_TIMEOUT = 10.0
TEXT = "Het kabinet trekt extra geld uit voor de luchtverdediging van Oekraïne, meldt premier Schoof."


def next_digest_time(after: datetime) -> datetime:
    """The first 07:30 in Amsterdam after ``after``."""
    local = after.astimezone(AMS)
    today = datetime.combine(local.date(), time(7, 30), tzinfo=AMS)
    return (
        today
        if today > local
        else datetime.combine(local.date() + timedelta(days=1), time(7, 30), tzinfo=AMS)
    )


async def test_a_telegram_chat_and_a_slack_channel_each_receive_their_digest(db_path):
    due = next_digest_time(datetime.now(AMS))  # after the subscriptions are made, so it is theirs
    with open_db(db_path) as db:
        store_article(
            db,
            Article("kabinet.txt", TEXT, "Extra geld voor luchtverdediging", due.date().isoformat()),
            Facts(),
        )
    async with FakeTelegram() as telegram:
        slack = await FakeSlack().start()
        try:
            config = Config(
                telegram=TelegramConfig(token=telegram.token, api_base_url=telegram.url),
                slack=SlackConfig(
                    bot_token=BOT_TOKEN,
                    signing_secret=SIGNING_SECRET,
                    mode="http",
                    port=0,
                    api_base_url=slack.api_base_url,
                ),
                digest=DigestConfig(time="07:30", telegram_chats=["1001"], slack_channels=["C0DIGEST"]),
            )
            adapters = {
                "telegram": TelegramAdapter(config, str(db_path)),
                "slack": SlackAdapter(config, str(db_path), host="127.0.0.1"),
            }
            stop = asyncio.Event()

            def clock():
                return due + timedelta(minutes=1)

            running = asyncio.create_task(
                serve(config, db_path, stop_event=stop, adapters=adapters, scheduler_options={"clock": clock})
            )
            [message] = await telegram.wait_for_messages("1001", 1)
            await slack.wait_for(lambda: len(slack.posted) == 1)
            stop.set()
            await asyncio.wait_for(running, STOP_TIMEOUT)
        finally:
            await slack.stop()
    label = due.date().isoformat()
    assert message.visible_text.splitlines()[0] == f"Nieuwsoverzicht {label}"
    assert "Extra geld voor luchtverdediging" in message.visible_text
    assert (slack.posted[0]["channel"], slack.posted[0]["text"].splitlines()[0]) == (
        "C0DIGEST",
        f"Nieuwsoverzicht {label}",
    )
    with open_db(db_path) as db:
        rows = {(s.platform, s.chat_id): subs.ledger(db, s.id) for s in subs.list_subscriptions(db)}
    assert {
        key: [(r["digest_date"], r["status"], r["attempts"]) for r in value] for key, value in rows.items()
    } == {
        ("telegram", "1001"): [(label, "sent", 1)],
        ("slack", "C0DIGEST"): [(label, "sent", 1)],
    }


class RecordingAdapter:
    def __init__(self, name: str, events: list[str]):
        self.name, self.events = name, events

    async def start(self) -> None:
        self.events.append(f"{self.name} start")

    async def stop(self) -> None:
        self.events.append(f"{self.name} stop")

    async def send_reply(self, chat_id: str, reply) -> None:
        self.events.append(f"{self.name} digest to {chat_id}")


async def test_serve_starts_adapters_in_order_and_stops_them_in_reverse(db_path):
    events: list[str] = []
    adapters = {name: RecordingAdapter(name, events) for name in ("telegram", "slack")}
    stop = asyncio.Event()
    running = asyncio.create_task(serve(Config(), db_path, stop_event=stop, adapters=adapters))
    while len(events) < 2:
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(running, STOP_TIMEOUT)
    assert events == ["telegram start", "slack start", "slack stop", "telegram stop"]


# --- the real process ---------------------------------------------------------------------------


async def start_serve(tmp_path: Path, config_text: str) -> asyncio.subprocess.Process:
    config = tmp_path / "config.toml"
    config.write_text(config_text, encoding="utf-8")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "serve", "--config", str(config), "--db", str(tmp_path / "news.db"),
        cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def wait_for_log(process: asyncio.subprocess.Process, text: str) -> list[str]:
    """stderr lines up to and including the first that holds ``text``."""
    lines = []
    while True:
        line = await asyncio.wait_for(process.stderr.readline(), 60)
        if not line:
            raise AssertionError(f"serve ended before logging {text!r}: {lines}")
        lines.append(line.decode())
        if text in lines[-1]:
            return lines


async def stop_with(process: asyncio.subprocess.Process, sig: int) -> tuple[int, str]:
    process.send_signal(sig)
    _, stderr = await asyncio.wait_for(process.communicate(), STOP_TIMEOUT)
    return process.returncode, stderr.decode()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_serve_with_the_console_stops_cleanly_on_a_signal(tmp_path, sig):
    process = await start_serve(tmp_path, '[bot]\nlanguage = "nl"\n')
    started = await wait_for_log(process, "newsbot serve:")
    assert "newsbot serve: console chat;" in started[-1]
    code, stderr = await stop_with(process, sig)
    assert code == 0
    assert "newsbot serve: stopped" in stderr


async def test_serve_with_telegram_stops_cleanly_on_sigterm_and_never_logs_the_token(tmp_path):
    async with FakeTelegram(token="999:SECRET-TOKEN") as telegram:
        process = await start_serve(
            tmp_path,
            f'[telegram]\ntoken = "{telegram.token}"\napi_base_url = "{telegram.url}"\n'
            '[digest]\ntime = "07:30"\ntelegram_chats = [1001]\n',
        )
        started = "".join(await wait_for_log(process, "digest scheduler:"))
        await telegram.wait_for_calls("getUpdates", 1, timeout=30)
        code, stderr = await stop_with(process, signal.SIGTERM)
    assert code == 0
    assert f"newsbot serve: telegram (api {telegram.url}, admins 0)" in started
    assert "config subscriptions added: telegram:1001" in started
    next_run = next_digest_time(datetime.now(AMS)).isoformat(" ", "minutes")
    assert f"digest scheduler: telegram:1001 at 07:30, next {next_run}" in started
    assert "SECRET-TOKEN" not in started + stderr
    assert "newsbot serve: stopped" in stderr
