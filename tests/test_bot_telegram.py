"""The Telegram adapter end to end: the real python-telegram-bot talking HTTP to tests/fake_telegram.py.

Every test starts the fake Bot API server on 127.0.0.1 (a free port), then the real
``TelegramAdapter`` polling it; the adapter stops before the fake. Assertions are on what the fake
received: the HTML that was sent, the files that were downloaded, the calls that were made.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import socket

import aiohttp
import pytest
from fake_telegram import FakeTelegram, parse_html

from bot.config import Config
from bot.telegram import TelegramAdapter
from handlers.reply import Action, Line, Reply, Section
from store.buttons import token_for
from store.db import open_db
from store.loader import store_article
from store.model import Article, Entity, Facts, Mention, Quote, Role

ADMIN = 42
USER = 7
GROUP = -100200
MAX_FILE_MB = 0.01  # 10 KiB: small enough to test the limit without big files

RUBIO_TEXT = (
    "De Amerikaanse minister van Buitenlandse Zaken Marco Rubio sprak in Riyad. "
    "„Wij <b>steunen</b> vrede & overleg”, zei Rubio."
)
SEED_ARTICLE = """ date 2025-04-14

Lavrov spreekt in Moskou

Minister van Buitenlandse Zaken Sergej Lavrov van Rusland sprak maandag in Moskou met journalisten.
"""


def store_rubio(path) -> None:
    """A hand-made article (title and quote hold HTML-like text and an ampersand)."""
    db = open_db(path)
    text = RUBIO_TEXT
    name_at, role_at, quote_at = text.index("Marco Rubio"), text.index("Amerikaanse"), text.index("Wij")
    last = text.rindex("Rubio")
    quote = "Wij <b>steunen</b> vrede & overleg"
    rubio = Entity(
        "Marco Rubio",
        "PER",
        aliases=["Rubio"],
        mentions=[Mention(name_at, name_at + 11, "Marco Rubio"), Mention(last, last + 5, "Rubio")],
        roles=[Role("Amerikaanse minister van Buitenlandse Zaken", role_at, name_at - 1, country="Verenigde Staten")],
        key="marco rubio",
    )
    facts = Facts(
        entities=[rubio],
        quotes=[Quote(quote, quote_at, quote_at + len(quote), "Marco Rubio", True, "zei", 0.9)],
        sentences=[(0, text.index("Riyad.") + 6), (text.index("Riyad.") + 7, len(text))],
    )
    article = Article(path="rubio.txt", text=text, title="Rubio: <b>steun</b> & overleg", date="2025-04")
    store_article(db, article, facts)
    db.close()


def make_config(url: str, **telegram) -> Config:
    config = Config()
    config.telegram.token = "123:ABC"
    config.telegram.api_base_url = url
    config.telegram.admins = [str(ADMIN)]
    config.store.max_file_mb = MAX_FILE_MB
    for key, value in telegram.items():
        setattr(config.telegram, key, value)
    return config


@pytest.fixture
def hand_db_path(tmp_path):
    path = tmp_path / "hand.db"
    store_rubio(path)
    return path


@pytest.fixture
async def fake():
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def adapter(fake, hand_db_path):
    bot = TelegramAdapter(make_config(fake.url), str(hand_db_path))
    await bot.start()
    yield bot
    await bot.stop()


async def test_who_answers_with_name_and_role(fake, adapter):
    fake.inject_command(USER, USER, "/who Rubio")
    [message] = await fake.wait_for_messages(USER, 1)
    assert message.parse_mode == "HTML"
    assert message.text.startswith("<b>Marco Rubio (persoon)</b>\n\n<b>Rollen</b>\n")
    assert "\n• <b>Amerikaanse minister van Buitenlandse Zaken</b> <i>(#1, 2025-04)</i>\n" in message.text
    assert message.reply_markup == {
        "inline_keyboard": [
            [
                {"text": "Citaten", "callback_data": "/quotes Marco Rubio"},
                {"text": "Tijdlijn", "callback_data": "/timeline Marco Rubio"},
            ]
        ]
    }


async def test_dutch_alias(fake, adapter):
    fake.inject_command(USER, USER, "/wie rubio")
    [message] = await fake.wait_for_messages(USER, 1)
    assert message.visible_text.splitlines()[0] == "Marco Rubio (persoon)"


async def test_group_command_addressed_to_the_bot(fake, adapter):
    fake.inject_command(GROUP, USER, "/who@newsroom_bot Rubio", chat_type="supergroup")
    fake.inject_command(GROUP, USER, "/who@other_bot Rubio", chat_type="supergroup")
    fake.inject_command(GROUP, USER, "/stats@newsroom_bot", chat_type="supergroup")
    messages = await fake.wait_for_messages(GROUP, 2)
    assert sorted(m.visible_text.splitlines()[0] for m in messages) == ["Marco Rubio (persoon)", "Statistieken"]
    await asyncio.sleep(0.2)  # the command for the other bot gets no answer
    assert len(fake.messages_to(GROUP)) == 2


async def test_article_text_is_escaped(fake, adapter):
    fake.inject_command(USER, USER, "/quotes Rubio")
    [message] = await fake.wait_for_messages(USER, 1)
    assert message.text.splitlines()[2] == (
        "• “<b>Wij &lt;b&gt;steunen&lt;/b&gt; vrede &amp; overleg</b>” — Marco Rubio <i>(#1, 2025-04)</i>"
    )
    assert "“Wij <b>steunen</b> vrede & overleg” — Marco Rubio (#1, 2025-04)" in message.visible_text


async def test_long_reply_is_split_into_valid_messages(fake, adapter):
    lines = tuple(Line(f"Regel {i}: Tom & Jerry <zeggen> “{'bla ' * 40}”", strong=f"Regel {i}") for i in range(150))
    await adapter.send_reply(str(USER), Reply(title="Lang <antwoord>", sections=(Section("Alles", lines),)))
    messages = fake.messages_to(USER)
    assert len(messages) == 8  # 150 lines of about 215 characters each
    assert all(len(m.text) <= 4096 for m in messages)
    assert [parse_html(m.text) for m in messages] == [m.visible_text for m in messages]
    visible = "\n".join(m.visible_text for m in messages)
    assert visible.count("Tom & Jerry <zeggen>") == 150
    assert messages[0].visible_text.startswith("Lang <antwoord>\n\nAlles\n• Regel 0: Tom & Jerry")


async def test_start_greets_and_shows_help(fake, adapter):
    fake.inject_command(USER, USER, "/start")
    [message] = await fake.wait_for_messages(USER, 1)
    lines = message.visible_text.splitlines()
    assert lines[:3] == ["Hallo! Ik beantwoord vragen over de artikelen van de redactie.", "", "Dit kan ik"]
    assert any(line.startswith("• /who NAAM — ") for line in lines)


async def test_unknown_command_gets_help(fake, adapter):
    fake.inject_command(USER, USER, "/bestaatniet")
    [message] = await fake.wait_for_messages(USER, 1)
    assert message.visible_text.startswith("Onbekend commando: /bestaatniet. Dit kan ik:\n")
    assert "• /quotes [NAAM [over WOORD]] [pagina N] — " in message.visible_text


async def test_set_my_commands(fake, adapter):
    [call] = [c for c in fake.calls_of("setMyCommands") if "scope" not in c.params or "default" in c.params["scope"]][:1]
    commands = json.loads(call.params["commands"])
    assert [c["command"] for c in commands] == [
        "who", "quotes", "search", "latest", "article", "timeline", "numbers", "trending",
        "digest", "stats", "language", "help", "subscribe", "unsubscribe", "follow", "unfollow", "following",
    ]  # fmt: skip
    assert commands[0]["description"] == "Wie is dit: rollen, artikelen, laatste vermeldingen, vaak samen genoemd met."


async def test_callback_button_runs_the_command(fake, adapter):
    fake.inject_command(USER, USER, "/who Rubio")
    await fake.wait_for_messages(USER, 1)
    fake.inject_callback(USER, USER, "/quotes Marco Rubio")
    messages = await fake.wait_for_messages(USER, 2)
    assert messages[1].visible_text.splitlines()[0] == "Citaten van Marco Rubio"
    [answer] = await fake.wait_for_calls("answerCallbackQuery", 1)
    assert answer.params["callback_query_id"].startswith("cbq-")


async def test_long_button_command_goes_through_a_token(fake, adapter):
    long_name = "Marco Antonio Rubio " * 4
    reply = Reply(title="Bedoelde je:", actions=(Action("Rubio", f"/who {long_name.strip()}"),))
    await adapter.send_reply(str(USER), reply)
    [message] = fake.messages_to(USER)
    data = message.reply_markup["inline_keyboard"][0][0]["callback_data"]
    assert data == token_for(f"/who {long_name.strip()}")
    fake.inject_callback(USER, USER, data)
    messages = await fake.wait_for_messages(USER, 2)
    assert messages[1].visible_text.startswith("Niemand gevonden")


async def test_flood_control_waits_and_sends_once(fake, adapter):
    fake.fail_next("sendMessage", status=429, retry_after=1)
    fake.inject_command(USER, USER, "/who Rubio")
    messages = await fake.wait_for_messages(USER, 1)
    await asyncio.sleep(0.1)
    assert [m.visible_text.splitlines()[0] for m in fake.messages_to(USER)] == ["Marco Rubio (persoon)"]
    assert [c.status for c in fake.calls_of("sendMessage")] == [429, 200]
    assert len(messages) == 1


async def test_server_error_is_answered_and_the_bot_keeps_going(fake, adapter):
    fake.fail_next("sendMessage", status=500)
    fake.inject_command(USER, USER, "/who Rubio")
    [error] = await fake.wait_for_messages(USER, 1)
    assert error.visible_text == "Er ging iets mis; probeer het later opnieuw."
    fake.inject_command(USER, USER, "/wie Rubio")
    messages = await fake.wait_for_messages(USER, 2)
    assert messages[1].visible_text.splitlines()[0] == "Marco Rubio (persoon)"


async def test_non_admin_upload_is_refused(fake, adapter, hand_db_path):
    fake.inject_document(USER, USER, "lavrov.txt", SEED_ARTICLE.encode(), caption="/load")
    [message] = await fake.wait_for_messages(USER, 1)
    assert message.visible_text == "/load is alleen voor beheerders van de bot."
    assert fake.downloads == []
    assert _article_count(hand_db_path) == 1


async def test_oversized_upload_is_refused_before_download(fake, adapter, hand_db_path):
    fake.inject_document(ADMIN, ADMIN, "groot.txt", b"x" * 20_000)
    [message] = await fake.wait_for_messages(ADMIN, 1)
    assert message.visible_text == "Dit bestand is te groot (0.0 MB); de grens is 0.0 MB. Er is niets geladen."
    assert fake.downloads == []
    assert fake.calls_of("getFile") == []
    assert _article_count(hand_db_path) == 1


async def test_failed_upload_says_why(fake, adapter, hand_db_path):
    fake.inject_document(ADMIN, ADMIN, "../../etc/foto.png", b"\x89PNG\r\n\x1a\n", caption="/load")
    [message] = await fake.wait_for_messages(ADMIN, 1)
    assert fake.downloads == ["documents/file-1.bin"]
    lines = message.visible_text.splitlines()
    assert lines[0] == "Laden: foto.png"
    assert lines[2].startswith("• mislukt: foto.png: ")
    assert lines[3] == "• 0 geladen, 0 vervangen, 0 ongewijzigd, 1 mislukt"
    assert _article_count(hand_db_path) == 1


async def test_document_in_a_group_without_load_is_ignored(fake, adapter):
    fake.inject_document(GROUP, ADMIN, "notities.txt", b"wat notities", chat_type="group")
    fake.inject_command(GROUP, ADMIN, "/stats", chat_type="group")
    [message] = await fake.wait_for_messages(GROUP, 1)
    assert message.visible_text.splitlines()[0] == "Statistieken"
    assert fake.downloads == []


async def test_stop_is_idempotent(fake, hand_db_path):
    bot = TelegramAdapter(make_config(fake.url), str(hand_db_path))
    await bot.start()
    await bot.stop()
    await bot.stop()
    assert not bot.application.running


def _article_count(path) -> int:
    db = open_db(path)
    try:
        return db.execute("select count(*) from articles").fetchone()[0]
    finally:
        db.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_webhook_mode_with_secret_token(fake, hand_db_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    config = make_config(fake.url, webhook_url=url, webhook_port=port, webhook_secret="geheim-123")
    bot = TelegramAdapter(config, str(hand_db_path), webhook_listen="127.0.0.1")
    await bot.start()
    try:
        assert fake.webhook == {"url": url, "secret_token": "geheim-123"}
        async with aiohttp.ClientSession() as session:
            forged = {
                "update_id": 999,
                "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "/stats"},
            }
            async with session.post(url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": "fout"}) as response:
                assert response.status == 403
        fake.inject_command(USER, USER, "/wie Rubio")
        [message] = await fake.wait_for_messages(USER, 1)
        assert message.visible_text.splitlines()[0] == "Marco Rubio (persoon)"
        assert fake.messages_to(5) == []
        assert fake.calls_of("getUpdates") == []
    finally:
        await bot.stop()


async def test_bare_who_gets_usage(fake, adapter):
    fake.inject_command(USER, USER, "/who")
    [message] = await fake.wait_for_messages(USER, 1)
    assert message.visible_text == "Gebruik: /who NAAM"


# -- on the real seeded database (the five seed articles through the real spaCy pipeline) ----------
@pytest.fixture
async def seeded_adapter(fake, seeded_db_path, tmp_path, nlp):
    path = tmp_path / "seeded.db"
    shutil.copy(seeded_db_path, path)
    bot = TelegramAdapter(make_config(fake.url), str(path), nlp_loader=lambda: nlp)
    await bot.start()
    yield bot
    await bot.stop()


async def test_who_rubio_on_the_seeded_database(fake, seeded_adapter):
    fake.inject_command(USER, USER, "/who Rubio")
    [message] = await fake.wait_for_messages(USER, 1)
    lines = message.visible_text.splitlines()
    assert lines[0] == "Marco Rubio (persoon)"
    assert lines[2] == "Rollen"
    assert lines[3].startswith("• Amerikaanse minister van Buitenlandse Zaken (#")


async def test_admin_upload_is_loaded(fake, seeded_adapter):
    fake.inject_document(ADMIN, ADMIN, "lavrov.txt", SEED_ARTICLE.encode(), caption="/load")
    [message] = await fake.wait_for_messages(ADMIN, 1)
    assert fake.downloads == ["documents/file-1.bin"]
    assert message.visible_text.splitlines() == [
        "Laden: lavrov.txt",
        "",
        "• geladen: #6 Lavrov spreekt in Moskou",
        "• 1 geladen, 0 vervangen, 0 ongewijzigd, 0 mislukt",
    ]
    assert _article_count(seeded_adapter.db_path) == 6
    fake.inject_document(ADMIN, ADMIN, "lavrov.txt", SEED_ARTICLE.encode())
    messages = await fake.wait_for_messages(ADMIN, 2)
    assert messages[1].visible_text.splitlines()[2] == "• ongewijzigd: #6 Lavrov spreekt in Moskou"


async def test_quotes_trump_on_the_seeded_database(fake, seeded_adapter):
    fake.inject_command(USER, USER, "/citaten trump")
    [message] = await fake.wait_for_messages(USER, 1)
    lines = message.visible_text.splitlines()
    assert lines[0] == "Citaten van Donald Trump"
    assert "• “Vladimir, STOP!” — Donald Trump (#1, 2025-04)" in lines
