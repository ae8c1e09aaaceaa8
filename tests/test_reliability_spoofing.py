"""Nobody can spoof the bot: webhooks need their secret, Slack requests are answered once.

The Telegram webhook took forged updates from anyone who could reach its port, admin commands
included, and always listened on every interface; now ``serve`` refuses a webhook without
``webhook_secret`` and listens where ``webhook_listen`` says. Slack: an unsigned 1 MB request was
logged whole, a non-numeric timestamp gave a 500, a replayed request or an event retried by Slack
was answered twice. Anyone in a group could switch the group's language.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import socket

import aiohttp
import psutil
import pytest
from click.testing import CliRunner
from fake_slack import FakeSlack, event_payload, form_body, post_signed, signature_headers, slash_payload
from fake_telegram import FakeTelegram

from bot.cli import cli
from bot.config import Config
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter
from handlers import dispatch
from handlers.reply import Request
from store.db import open_db

ADMIN = 42
SLACK_ADMIN = "U_ADMIN"
REPORTER = "U_REPORTER"


@pytest.fixture
def news_db_path(seeded_db_path, tmp_path):
    path = tmp_path / "news.db"
    shutil.copy(seeded_db_path, path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Telegram webhook ------------------------------------------------------------------------


def test_serve_refuses_a_webhook_without_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(
        '[telegram]\ntoken = "123:ABC"\napi_base_url = "http://127.0.0.1:9"\n'
        'webhook_url = "https://bot.example/telegram"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["serve", "--config", str(config), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 2
    assert result.output == (
        "Error: [telegram] webhook_url needs webhook_secret (NEWSBOT_TELEGRAM_WEBHOOK_SECRET): "
        "without it anyone who reaches the port can send the bot commands\n"
    )


def listening_addresses(port: int) -> set[str]:
    return {c.laddr.ip for c in psutil.net_connections(kind="tcp") if c.status == "LISTEN" and c.laddr.port == port}


async def test_webhook_listens_where_configured_and_refuses_forged_updates(news_db_path):
    db = open_db(news_db_path)
    articles_before = db["articles"].count
    db.close()
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    async with FakeTelegram() as fake:
        config = Config()
        config.telegram.token = "123:ABC"
        config.telegram.api_base_url = fake.url
        config.telegram.admins = [str(ADMIN)]
        config.telegram.webhook_url = url
        config.telegram.webhook_port = port
        config.telegram.webhook_secret = "geheim-123"
        config.telegram.webhook_listen = "127.0.0.1"
        bot = TelegramAdapter(config, str(news_db_path))
        await bot.start()
        try:
            assert listening_addresses(port) == {"127.0.0.1"}
            forged = {
                "update_id": 999,
                "message": {
                    "message_id": 1, "date": 0, "text": "/forget 1",
                    "chat": {"id": ADMIN, "type": "private"}, "from": {"id": ADMIN, "is_bot": False, "first_name": "A"},
                    "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
                },
            }  # fmt: skip
            async with aiohttp.ClientSession() as session:
                for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "raden"}):
                    async with session.post(url, json=forged, headers=headers) as response:
                        assert response.status == 403
            fake.inject_command(ADMIN, ADMIN, "/stats")  # the real platform, with the secret
            [answer] = await fake.wait_for_messages(ADMIN, 1)
            assert answer.visible_text.splitlines()[0] == "Statistieken"
        finally:
            await bot.stop()
    db = open_db(news_db_path)
    assert db["articles"].count == articles_before  # the forged /forget deleted nothing
    db.close()


async def test_the_adapter_itself_refuses_a_webhook_without_secret(news_db_path):
    config = Config()
    config.telegram.token = "123:ABC"
    config.telegram.webhook_url = "https://bot.example/telegram"
    with pytest.raises(ValueError, match="webhook_url needs webhook_secret"):
        TelegramAdapter(config, str(news_db_path))


# --- Slack HTTP mode ----------------------------------------------------------------------------


@pytest.fixture
async def fake_slack():
    server = await FakeSlack().start()
    yield server
    await server.stop()


@pytest.fixture
async def slack(fake_slack, news_db_path):
    adapter = SlackAdapter(fake_slack.config("http", admins=[SLACK_ADMIN]), str(news_db_path), host="127.0.0.1")
    await adapter.start()
    yield adapter
    await adapter.stop()


def events_url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.port}/slack/events"


async def test_an_unsigned_megabyte_is_refused_without_logging_it(slack, fake_slack, caplog):
    caplog.set_level(logging.DEBUG)
    body = "text=" + "A" * 1_000_000  # 1 MB: under aiohttp's 1 MiB request limit
    async with aiohttp.ClientSession() as session:
        async with session.post(events_url(slack), data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}) as response:
            assert response.status == 401
    assert "A" * 1000 not in caplog.text
    assert sum(len(r.getMessage()) for r in caplog.records) < 10_000


async def test_a_non_numeric_timestamp_is_401_not_500(slack, fake_slack, caplog):
    body = form_body(slash_payload("/who", "Rubio", response_url=fake_slack.response_url()))
    headers = {**signature_headers(body), "X-Slack-Request-Timestamp": "gisteren"}
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    async with aiohttp.ClientSession() as session:
        async with session.post(events_url(slack), data=body.encode(), headers=headers) as response:
            assert response.status == 401
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert fake_slack.responses == []


async def test_a_replayed_signed_request_is_answered_once(slack, fake_slack):
    body = form_body(slash_payload("/who", "Rubio", response_url=fake_slack.response_url()))
    headers = {**signature_headers(body), "Content-Type": "application/x-www-form-urlencoded"}
    async with aiohttp.ClientSession() as session:
        for _ in range(3):  # the same bytes and signature, as an eavesdropper would replay them
            async with session.post(events_url(slack), data=body.encode(), headers=headers) as response:
                assert response.status == 200
    await fake_slack.wait_for(lambda: len(fake_slack.responses) >= 1)
    await asyncio.sleep(0.5)
    assert len(fake_slack.responses) == 1


async def test_an_event_retried_by_slack_is_answered_once(slack, fake_slack):
    event = {"type": "app_mention", "user": REPORTER, "text": "<@UBOT> who Rubio", "ts": "1743580800.000100",
             "channel": "C_NEWS", "event_ts": "1743580800.000100"}  # fmt: skip
    body = json.dumps(event_payload(event, event_id="Ev42"))
    async with aiohttp.ClientSession() as session:
        status, _ = await post_signed(session, events_url(slack), body, json_body=True)
        assert status == 200
        for retry in (1, 2):  # Slack resends with a new signature and X-Slack-Retry-Num
            headers = {**signature_headers(body), "Content-Type": "application/json", "X-Slack-Retry-Num": str(retry),
                       "X-Slack-Retry-Reason": "http_timeout"}  # fmt: skip
            async with session.post(events_url(slack), data=body.encode(), headers=headers) as response:
                assert response.status == 200
    await fake_slack.wait_for(lambda: len(fake_slack.posted) >= 1)
    await asyncio.sleep(0.5)
    assert len(fake_slack.posted) == 1


# --- /language in groups ------------------------------------------------------------------------


def test_language_in_a_group_is_for_admins(db):
    member = Request(command="language", args="en", user_id="7", chat_id="-100", platform="telegram", is_group=True)
    refused = dispatch(member, db)
    assert refused.kind == "forbidden"
    assert refused.title == "/language is in een groep alleen voor beheerders van de bot."
    assert db["chat_settings"].count == 0
    assert dispatch(Request(command="taal", args="en", chat_id="-100", platform="telegram", is_group=True, is_admin=True), db).kind == "answer"
    assert dispatch(Request(command="language", args="en", chat_id="7", user_id="7", platform="telegram"), db).kind == "answer"
    assert dispatch(Request(command="language", chat_id="-100", platform="telegram", is_group=True), db).kind == "answer"  # asking is fine


# --- Telegram buttons across restarts -----------------------------------------------------------


async def press_and_read(fake, user: int, data: str) -> str:
    before = len(fake.messages_to(user))
    fake.inject_callback(user, user, data)
    messages = await fake.wait_for_messages(user, before + 1)
    return messages[before].visible_text.splitlines()[0]


def button_data(message) -> list[str]:
    return [button["callback_data"] for row in message.reply_markup["inline_keyboard"] for button in row]


async def test_long_command_buttons_survive_a_restart_and_never_run_another_command(news_db_path):
    from handlers.reply import Action, Reply

    user = 7
    first = "/search Kiev " + "oorlog " * 10  # over Telegram's 64 bytes of callback data: a token
    second = "/search Zelensky " + "vrede " * 10
    async with FakeTelegram() as fake:
        config = Config()
        config.telegram.token = "123:ABC"
        config.telegram.api_base_url = fake.url
        before_restart = TelegramAdapter(config, str(news_db_path))
        await before_restart.start()
        try:
            await before_restart.send_reply(str(user), Reply(title="Knoppen", actions=(Action("Kiev", first),)))
            [old_token] = button_data(fake.messages_to(user)[-1])
            assert old_token.startswith("cb:") and len(old_token.encode()) <= 64
            assert await press_and_read(fake, user, old_token) == "Niets gevonden voor “Kiev " + "oorlog " * 9 + "oorlog”."
        finally:
            await before_restart.stop()

        after_restart = TelegramAdapter(config, str(news_db_path))
        await after_restart.start()
        try:
            await after_restart.send_reply(str(user), Reply(title="Nieuw", actions=(Action("Vrede", second),)))
            [new_token] = button_data(fake.messages_to(user)[-1])
            assert new_token != old_token
            assert await press_and_read(fake, user, old_token) == "Niets gevonden voor “Kiev " + "oorlog " * 9 + "oorlog”."
            assert await press_and_read(fake, user, new_token) == "Zoekresultaten voor “Zelensky " + "vrede " * 9 + "vrede”"
            sent = len(fake.messages_to(user))
            fake.inject_callback(user, user, "cb:unknown")  # an unknown token runs nothing
            answers = await fake.wait_for_calls("answerCallbackQuery", 4)
            assert answers[-1].params.get("show_alert") in ("true", "True", True)
            assert len(fake.messages_to(user)) == sent
        finally:
            await after_restart.stop()
