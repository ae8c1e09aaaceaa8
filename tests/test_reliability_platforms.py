"""Platform faults the adapter tests leave out, and hostile markup that went through extraction.

The adapter tests (test_bot_telegram.py, test_bot_slack.py) cover 429 with retry_after and 500
answers. Here: the network itself fails — the Bot API or Web API refuses connections for a while
(a TCP proxy in front of the fake server closes, then opens again on the same port), or a
sendMessage hangs past python-telegram-bot's timeout — and the bot must answer the next command.
Then an article full of HTML and Slack markup is loaded through the real pipeline, so that the
quotes and snippets holding the markup come out of extraction and search, and both fake servers
(which parse like the real ones) must receive it as literal text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil

import aiohttp
import pytest
from aiohttp import web
from fake_slack import FakeSlack, event_payload, post_signed
from fake_telegram import FakeTelegram

from bot.config import Config
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter
from store.db import open_db
from store.loader import load_bytes

USER = 7
PTB_READ_TIMEOUT = 5.0  # python-telegram-bot's default read timeout for bot API calls


class TcpProxy:
    """127.0.0.1:<port> forwarded to a target port; ``refuse()`` makes the port refuse connections."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def open(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def refuse(self) -> None:
        """Stop listening and cut every open connection: new connections are refused."""
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}


class HangingTelegram(FakeTelegram):
    """A fake Bot API whose next ``hangs`` sendMessage calls answer only after PTB gave up."""

    hangs: int = 0

    async def _m_sendMessage(self, params: dict) -> web.Response:
        if self.hangs:
            self.hangs -= 1
            await asyncio.sleep(PTB_READ_TIMEOUT + 1.5)
            return web.json_response({"ok": False, "error_code": 504, "description": "Gateway Timeout"}, status=504)
        return await super()._m_sendMessage(params)


def telegram_config(url: str) -> Config:
    config = Config()
    config.telegram.token = "123:ABC"
    config.telegram.api_base_url = url
    return config


@pytest.fixture
def news_db_path(seeded_db_path, tmp_path):
    path = tmp_path / "news.db"
    shutil.copy(seeded_db_path, path)
    return path


async def test_telegram_keeps_answering_after_the_api_refused_connections(news_db_path):
    async with FakeTelegram() as fake:
        proxy = TcpProxy(fake.port)
        await proxy.open()
        bot = TelegramAdapter(telegram_config(proxy.url), str(news_db_path))
        await bot.start()
        try:
            fake.inject_command(USER, USER, "/who Rubio")
            await fake.wait_for_messages(USER, 1)

            await proxy.refuse()
            fake.inject_command(USER, USER, "/wie Zelensky")  # waits in the queue during the outage
            await asyncio.sleep(1.5)  # polling now fails with "connection refused" and backs off
            assert len(fake.messages_to(USER)) == 1
            await proxy.open()  # the same port again

            messages = await fake.wait_for_messages(USER, 2, timeout=20)
        finally:
            await bot.stop()
    assert messages[0].visible_text.splitlines()[0] == "Marco Rubio (persoon)"
    assert messages[1].visible_text.splitlines()[0] == "Volodymyr Zelensky (persoon)"


async def test_telegram_keeps_answering_after_a_send_timed_out(news_db_path):
    async with HangingTelegram() as fake:
        bot = TelegramAdapter(telegram_config(fake.url), str(news_db_path))
        await bot.start()
        try:
            fake.hangs = 1
            fake.inject_command(USER, USER, "/who Rubio")
            [notice] = await fake.wait_for_messages(USER, 1, timeout=20)  # after PTB's TimedOut
            fake.inject_command(USER, USER, "/wie Rubio")
            messages = await fake.wait_for_messages(USER, 2, timeout=20)
        finally:
            await bot.stop()
    assert notice.visible_text == "Er ging iets mis; probeer het later opnieuw."
    assert messages[1].visible_text.splitlines()[0] == "Marco Rubio (persoon)"
    assert [c.method for c in fake.calls_of("sendMessage")] == ["sendMessage"] * 3


def slack_config(api_base_url: str) -> Config:
    config = FakeSlack().config("http")
    config.slack.api_base_url = api_base_url  # through the proxy in front of the fake
    return config


def mention(text: str, ts: str) -> dict:
    return {"type": "app_mention", "user": "U_REPORTER", "text": text, "ts": ts, "channel": "C_NEWS", "event_ts": ts}


async def test_slack_keeps_answering_after_the_api_refused_connections(news_db_path):
    fake = await FakeSlack().start()
    proxy = TcpProxy(int(fake.url.rsplit(":", 1)[1]))
    await proxy.open()
    slack = SlackAdapter(slack_config(f"{proxy.url}/api/"), str(news_db_path), host="127.0.0.1")
    await slack.start()
    events = f"http://127.0.0.1:{slack.port}/slack/events"
    try:
        async with aiohttp.ClientSession() as session:
            await proxy.refuse()
            body = json.dumps(event_payload(mention("<@UBOT> who Rubio", "1743580800.000100"), "Ev1"))
            await post_signed(session, events, body, json_body=True)  # 200 or 500: Slack would redeliver
            await asyncio.sleep(1.0)
            assert fake.posted == []
            await proxy.open()

            body = json.dumps(event_payload(mention("<@UBOT> wie Zelensky", "1743580900.000200"), "Ev2"))
            status, _ = await post_signed(session, events, body, json_body=True)
            assert status == 200
            await fake.wait_for(lambda: any("Zelensky" in m.get("text", "") for m in fake.posted), timeout=20)
    finally:
        await slack.stop()
        await fake.stop()
    answer = next(m for m in fake.posted if "Zelensky" in m.get("text", ""))
    assert answer["text"].startswith("Volodymyr Zelensky (persoon)")
    assert answer["thread_ts"] == "1743580900.000200"


# -- markup injection through extraction -------------------------------------------------------

HOSTILE = (
    " date 2025-04-20 De Amsterdamse wethouder Karin de Boer reageerde fel. "
    '„Dit is <b>onzin</b> & <a href="https://evil.example">klik</a> <!here> <https://evil.example|hier>'
    " *vet* _schuin_ ~weg~ `code` &lt;script&gt;”, aldus De Boer. "
    "Volgens De Boer kost het plan <i>tientallen</i> miljoenen & meer.\n"
)
LITERAL_QUOTE = (
    'Dit is <b>onzin</b> & <a href="https://evil.example">klik</a> <!here> <https://evil.example|hier>'
    " *vet* _schuin_ ~weg~ `code` &lt;script&gt;"
)


@pytest.fixture
def hostile_db_path(news_db_path, nlp):
    db = open_db(news_db_path)
    [result] = load_bytes(db, "hostile.txt", HOSTILE.encode(), nlp=nlp)
    assert result.status == "loaded"
    db.close()
    return news_db_path


async def test_telegram_shows_markup_from_articles_as_text(hostile_db_path):
    async with FakeTelegram() as fake:  # it rejects HTML that Telegram could not parse
        bot = TelegramAdapter(telegram_config(fake.url), str(hostile_db_path))
        await bot.start()
        try:
            fake.inject_command(USER, USER, "/quotes Karin de Boer")
            fake.inject_command(USER, USER, "/search onzin")
            messages = await fake.wait_for_messages(USER, 2, timeout=20)
        finally:
            await bot.stop()
    quotes, search = sorted(messages, key=lambda m: "onzin" not in m.visible_text.split("\n", 1)[0])
    assert LITERAL_QUOTE in quotes.visible_text + search.visible_text
    for message in messages:
        assert "<a " not in message.text and "<b>onzin" not in message.text
        assert "&lt;b&gt;onzin&lt;/b&gt; &amp;" in message.text or "onzin" not in message.visible_text


async def test_slack_shows_markup_from_articles_as_text(hostile_db_path):
    fake = await FakeSlack().start()
    slack = SlackAdapter(slack_config(fake.api_base_url), str(hostile_db_path), host="127.0.0.1")
    await slack.start()
    try:
        async with aiohttp.ClientSession() as session:
            body = json.dumps(event_payload(mention("<@UBOT> quotes Karin de Boer", "1743581000.000300"), "Ev3"))
            status, _ = await post_signed(session, f"http://127.0.0.1:{slack.port}/slack/events", body, json_body=True)
            assert status == 200
            await fake.wait_for(lambda: bool(fake.posted), timeout=20)
    finally:
        await slack.stop()
        await fake.stop()
    [message] = fake.posted
    rendered = message["text"] + json.dumps(message["blocks"], ensure_ascii=False)
    assert "onzin" in rendered
    for control in ("<!here>", "<https://evil.example|hier>", "<a href", "<b>"):
        assert control not in rendered, control
    assert "&lt;!here&gt;" in rendered
    assert "&amp;lt;script&amp;gt;" in rendered  # the article's own "&lt;" stays visible as written
