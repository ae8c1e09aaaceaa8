"""Reply language end to end: a Reply carries its language; the adapters' own texts follow /language."""

import re
from pathlib import Path

import aiohttp
from fake_slack import FakeSlack
from fake_telegram import FakeTelegram
from test_bot_slack import ADMIN, event, mention, slash
from test_bot_telegram import USER, make_config, store_rubio

import bot.texts
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter
from handlers import dispatch
from handlers.reply import Request
from handlers.texts import LANGUAGES, TEXTS
from store.db import open_db

ROOT = Path(__file__).resolve().parent.parent


def test_every_reply_carries_the_language_it_is_written_in(tmp_path):
    db = open_db(tmp_path / "n.db")
    ask = lambda text, **kw: dispatch(Request(text.split()[0], " ".join(text.split()[1:]), chat_id="c", **kw), db)  # noqa: E731
    assert ask("stats").language == "nl"
    assert ask("stats", language="en").language == "en"
    assert ask("bestaatniet").language == "nl"  # unknown command: help, in Dutch
    switched = ask("language en")
    assert (switched.title, switched.language) == ("From now on I answer in English in this chat.", "en")
    assert ask("stats").language == "en"  # the chat's choice now
    back = ask("taal nl")
    assert back.language == "nl" and back.title.startswith("Ik antwoord")


async def test_slack_texts_outside_a_reply_follow_the_channels_language(tmp_path):
    db_path = tmp_path / "news.db"
    store_rubio(db_path)
    fake = await FakeSlack().start()
    config = fake.config("http", admins=[ADMIN], max_file_mb=1.0)
    slack = SlackAdapter(config, str(db_path), host="127.0.0.1")
    await slack.start()
    try:
        async with aiohttp.ClientSession() as session:
            answer = await slash(session, slack, fake, "/language", "en", user=ADMIN)
            assert answer["text"] == "From now on I answer in English in this chat."
            fake.add_file("F9", "groot.txt", b"klein", user=ADMIN, size=3 * 1024 * 1024)
            posted = await event(session, slack, fake, mention("<@UBOT> load", user=ADMIN, files=[{"id": "F9"}]))
    finally:
        await slack.stop()
        await fake.stop()
    assert posted["text"] == "groot.txt is too big (3.0 MB; at most 1.0 MB). Nothing was loaded."


async def test_telegram_start_greets_in_the_chats_language(tmp_path):
    db_path = tmp_path / "hand.db"
    store_rubio(db_path)
    async with FakeTelegram() as fake:
        adapter = TelegramAdapter(make_config(fake.url), str(db_path))
        await adapter.start()
        try:
            fake.inject_command(USER, USER, "/language en")
            await fake.wait_for_messages(USER, 1)  # updates run concurrently: one at a time here
            fake.inject_command(USER, USER, "/start")
            _, greeting = await fake.wait_for_messages(USER, 2)
        finally:
            await adapter.stop()
    assert greeting.visible_text.startswith("Hello! I answer questions about the newsroom's articles.\n")


def test_adapter_texts_live_in_bot_and_have_both_languages():
    for key, entry in bot.texts.ADAPTER_TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[language] for language in LANGUAGES), key
    assert not [key for key in TEXTS if key.split(".")[0] in ("telegram", "slack", "console")]
    pattern = re.compile(r"""\bt\(\s*["']([\w.]+)["']""")
    for path in (ROOT / "bot").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "from bot.texts import t" in source:
            assert set(pattern.findall(source)) <= set(bot.texts.ADAPTER_TEXTS), path.name
