"""Telegram command menus per scope and language, published through the real SDK to the fake Bot API."""

import json

from fake_telegram import FakeTelegram
from test_bot_telegram import ADMIN, make_config, store_rubio

import handlers
from bot.telegram import TelegramAdapter

PUBLIC = [c.name for c in handlers.COMMANDS.values() if not c.admin]
EVERY = list(handlers.COMMANDS)


async def started(fake: FakeTelegram, tmp_path, **telegram) -> None:
    db_path = tmp_path / "hand.db"
    store_rubio(db_path)
    adapter = TelegramAdapter(make_config(fake.url, **telegram), str(db_path))
    await adapter.start()
    await adapter.stop()


async def test_public_menus_in_dutch_and_english_and_admin_menus_in_admin_chats(tmp_path):
    async with FakeTelegram() as fake:
        await started(fake, tmp_path, admins=[str(ADMIN), "1001"])
        calls = fake.calls_of("setMyCommands")
    assert fake.menus == {
        ("default", "", ""): PUBLIC,
        ("default", "", "nl"): PUBLIC,
        ("default", "", "en"): PUBLIC,
        ("chat", str(ADMIN), ""): EVERY,
        ("chat", str(ADMIN), "nl"): EVERY,
        ("chat", str(ADMIN), "en"): EVERY,
        ("chat", "1001", ""): EVERY,
        ("chat", "1001", "nl"): EVERY,
        ("chat", "1001", "en"): EVERY,
    }
    assert "load" in EVERY and "load" not in PUBLIC
    descriptions = {
        (json.loads(c.params["scope"])["type"], c.params.get("language_code", "")): json.loads(c.params["commands"])[0]
        for c in calls
    }
    assert descriptions[("default", "nl")]["description"].startswith("Wie is dit:")
    assert descriptions[("default", "en")]["description"].startswith("Who is this:")
    assert descriptions[("default", "")]["description"].startswith("Wie is dit:")  # [bot] language = "nl"


async def test_a_refused_menu_is_skipped_and_the_bot_still_answers(tmp_path):
    async with FakeTelegram() as fake:
        fake.fail_next("setMyCommands", times=2, status=500)
        db_path = tmp_path / "hand.db"
        store_rubio(db_path)
        adapter = TelegramAdapter(make_config(fake.url, admins=[str(ADMIN)]), str(db_path))
        await adapter.start()
        try:
            fake.inject_command(ADMIN, ADMIN, "/who Rubio")
            [message] = await fake.wait_for_messages(ADMIN, 1)
        finally:
            await adapter.stop()
    assert message.visible_text.startswith("Marco Rubio")
    assert len(fake.menus) == 4  # six menus, two refused
