"""Multi-part messages are delivered part by part: a retry sends only what did not arrive.

A digest longer than one message went out again from its first part when a later part failed, so
the chat saw part 1 twice; Slack's split replies had the same flaw. A digest left "sending" by a
kill -9 was marked failed and never sent; now it is logged and the rest of it is sent, within the
grace period, by the next start.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from fake_slack import FakeSlack
from fake_telegram import FakeTelegram

from bot.config import Config
from bot.scheduler import DigestScheduler
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter
from handlers.reply import Line, Reply, Section
from store import subscriptions as subs

AMS = ZoneInfo("Europe/Amsterdam")
CHAT = "1001"


def ams(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMS)


def long_reply(parts_wanted: int = 3) -> Reply:
    """A digest-like reply that renders as ``parts_wanted`` Telegram messages or more."""
    lines = tuple(Line(f"Alinea {i}: " + "nieuws " * 140) for i in range(parts_wanted * 4))
    return Reply(title="Nieuwsoverzicht 2025-07-01", sections=(Section("Vandaag", lines),))


class FlakyTelegram(FakeTelegram):
    """Fails the sendMessage calls whose number (1, 2, …) is in ``failing`` with a 500."""

    failing: set[int] = set()

    async def _m_sendMessage(self, params: dict):
        if len(self.calls_of("sendMessage")) in self.failing:
            return web.json_response({"ok": False, "error_code": 500, "description": "Internal Server Error"}, status=500)
        return await super()._m_sendMessage(params)


def parts_received(fake: FakeTelegram, chat: str) -> list[str]:
    return [m.visible_text.split(":")[0].splitlines()[-1] for m in fake.messages_to(chat)]


@pytest.fixture
def subscribed(db):
    subscription, _ = subs.subscribe(db, "telegram", CHAT, "07:30", timezone_name="Europe/Amsterdam", language="nl")
    db.execute("update subscriptions set created_at = '2025-06-30T12:00:00+00:00'")
    db.conn.commit()
    return subscription


def telegram_config(url: str) -> Config:
    config = Config()
    config.telegram.token = "123:ABC"
    config.telegram.api_base_url = url
    return config


async def test_a_failed_second_part_is_retried_alone(db, db_path, subscribed, monkeypatch):
    monkeypatch.setattr("bot.scheduler.subscription_digest", lambda *args: long_reply())
    async with FlakyTelegram() as fake:
        fake.failing = {2}
        bot = TelegramAdapter(telegram_config(fake.url), str(db_path))
        await bot.start()
        try:
            expected = len(bot.reply_parts(long_reply()))
            assert expected >= 3
            clock = lambda: ams("2025-07-01 07:30")  # noqa: E731
            scheduler = DigestScheduler(db, Config(), {"telegram": bot}, clock=clock, retry_delays=(0, 0))
            [outcome] = await scheduler.run_due()
        finally:
            await bot.stop()
    assert outcome.status == "sent"
    texts = [m.visible_text for m in fake.messages_to(CHAT)]
    assert len(texts) == expected  # every part once: part 1 was not sent again
    assert len(set(texts)) == expected
    [row] = subs.ledger(db)
    assert (row["status"], row["parts_sent"]) == ("sent", expected)


class FlakySlack(FakeSlack):
    """Fails chat.postMessage calls whose number is in ``failing`` with a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failing: set[int] = set()
        self.post_calls = 0

    async def _api(self, request: web.Request):
        if request.match_info["method"] == "chat.postMessage":
            self.post_calls += 1
            if self.post_calls in self.failing:
                return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        return await super()._api(request)


async def test_a_slack_split_reply_resends_only_the_failed_message(db_path):
    fake = await FlakySlack().start()
    adapter = SlackAdapter(fake.config("http"), str(db_path), host="127.0.0.1")
    await adapter.start()
    try:
        reply = Reply(title="Lang antwoord", sections=tuple(
            Section(f"Deel {i}", tuple(Line(f"Regel {i}.{j} " + "tekst " * 60) for j in range(8))) for i in range(40)
        ))  # fmt: skip
        from bot.slack_render import render_messages

        expected = len(render_messages(reply))
        assert expected >= 2
        fake.failing = {2, 3}  # the second message fails, and the SDK's own retry of it too
        await adapter._deliver(reply, adapter._poster("C_NEWS", None))
    finally:
        await adapter.stop()
        await fake.stop()
    texts = [p["text"] for p in fake.posted]
    assert len(texts) == expected
    assert texts[0] == render_messages(reply)[0].text  # the first message went out once
    assert not any("Er ging iets mis" in text for text in texts)  # no failure notice: it arrived


KILLED_AFTER_PART_ONE = """
import os, signal, sys
from datetime import datetime
from store.db import open_db
from store import subscriptions as subs
db = open_db(sys.argv[1])
now = datetime.fromisoformat(sys.argv[2])
assert subs.claim_digest(db, int(sys.argv[3]), "2025-07-01", now)
subs.record_parts_sent(db, int(sys.argv[3]), "2025-07-01", 1)
print("part 1 sent", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


async def test_a_digest_left_sending_by_kill_9_is_reported_and_the_rest_is_sent(db, db_path, subscribed, monkeypatch, caplog):
    monkeypatch.setattr("bot.scheduler.subscription_digest", lambda *args: long_reply())
    claimed_at = ams("2025-07-01 07:30").astimezone(UTC)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_PART_ONE, str(db_path), claimed_at.isoformat(), str(subscribed.id)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert killed.returncode == -9 and killed.stdout == "part 1 sent\n"
    [row] = subs.ledger(db)
    assert (row["status"], row["parts_sent"]) == ("sending", 1)

    caplog.set_level(logging.WARNING)
    async with FakeTelegram() as fake:
        bot = TelegramAdapter(telegram_config(fake.url), str(db_path))
        await bot.start()
        try:
            expected = len(bot.reply_parts(long_reply()))
            clock = lambda: ams("2025-07-01 07:35")  # noqa: E731 - five minutes later, within the grace
            scheduler = DigestScheduler(db, Config(), {"telegram": bot}, clock=clock, retry_delays=(0,))
            scheduler.start()
            outcomes = await scheduler.catch_up
            await scheduler.stop()
        finally:
            await bot.stop()
    assert [o.status for o in outcomes] == ["sent"]
    assert len(fake.messages_to(CHAT)) == expected - 1  # parts 2 … n; part 1 had arrived
    assert fake.messages_to(CHAT)[0].visible_text == bot_parts_text(expected)[1]
    [row] = subs.ledger(db)
    assert (row["status"], row["parts_sent"]) == ("sent", expected)
    assert (
        f"digest 2025-07-01 for telegram:{CHAT} was interrupted after part 1 of {expected}; "
        f"sending parts 2 to {expected}"
    ) in caplog.text


def bot_parts_text(expected: int) -> list[str]:
    from bot.telegram_render import render_html
    from tests.telegram_html import parse_html

    return [parse_html(chunk) for chunk in render_html(long_reply())]


async def test_an_interrupted_digest_beyond_the_grace_is_recorded_not_sent(db, subscribed, caplog):
    assert subs.claim_digest(db, subscribed.id, "2025-07-01", ams("2025-07-01 07:30"))
    db.execute("update digests_sent set claimed_by = 'elders:1'")  # another host's claim, long ago
    db.conn.commit()

    class Poster:
        sent: list = []

        async def send_reply(self, chat_id, reply):
            self.sent.append(reply)

    poster = Poster()
    scheduler = DigestScheduler(db, Config(), {"telegram": poster}, clock=lambda: ams("2025-07-01 15:00"), retry_delays=())
    scheduler.start()
    await scheduler.catch_up
    await scheduler.stop()
    assert poster.sent == []
    [row] = subs.ledger(db)
    assert row["status"] == "failed"
    assert row["error"] == "interrupted while sending, after part 0; 7.5 h late, beyond the grace: not resent"
    assert json.dumps(row)  # the ledger row is plain data for /stats and logs
