"""Alerts end to end: /follow in Telegram, an article loaded by another process, one alert on the
fake servers (tests/fake_telegram.py, tests/fake_slack.py); restarts, retries, the bulk-load cap."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

from fake_slack import FakeSlack
from fake_telegram import FakeTelegram

from bot.alerts import AlertSender
from bot.config import Config
from bot.serve import serve
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter
from store import alerts as queue
from store.db import open_db
from store.follows import follow_entity
from store.loader import store_article
from store.model import Article, Facts

ROOT = Path(__file__).resolve().parent.parent
USER = 555
STOP_TIMEOUT = 10.0
POLL = 0.2

RUBIO_ARTICLE = """ date 2025-05-02

Rubio reist naar Istanbul voor vredesoverleg

De Amerikaanse minister van Buitenlandse Zaken Marco Rubio reist vrijdag naar Istanbul voor nieuw
overleg over een bestand. „We willen deze week resultaat zien,” zei Rubio tegen verslaggevers.

Ook Oekraïense en Russische diplomaten worden in Istanbul verwacht.
"""


def telegram_config(fake: FakeTelegram, tmp_path: Path) -> Config:
    config = Config()
    config.telegram.token = fake.token
    config.telegram.api_base_url = fake.url
    config.alerts.poll_seconds = POLL
    return config


def copy_seeded(seeded_db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    shutil.copy(seeded_db_path, path)
    return path


def load_in_another_process(db_path: Path, tmp_path: Path, *files: Path) -> str:
    config = tmp_path / "cli.toml"
    config.write_text("[alerts]\nmax_per_load = 2\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "load", "--config", str(config), "--db", str(db_path), *map(str, files)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


async def run_serve(config: Config, db_path: Path, adapters: dict, stop: asyncio.Event) -> asyncio.Task:
    return asyncio.create_task(serve(config, db_path, stop_event=stop, adapters=adapters))


async def test_follow_in_telegram_then_a_load_elsewhere_gives_exactly_one_alert(seeded_db_path, tmp_path):
    db_path = copy_seeded(seeded_db_path, tmp_path)
    article = tmp_path / "rubio-istanbul.txt"
    article.write_text(RUBIO_ARTICLE, encoding="utf-8")
    async with FakeTelegram() as fake:
        config = telegram_config(fake, tmp_path)
        stop = asyncio.Event()
        running = await run_serve(config, db_path, {"telegram": TelegramAdapter(config, str(db_path))}, stop)
        fake.inject_command(USER, USER, "/follow Rubio")
        [answer] = await fake.wait_for_messages(USER, 1)
        assert answer.visible_text.startswith("Dit gesprek volgt nu Marco Rubio")
        output = await asyncio.to_thread(load_in_another_process, db_path, tmp_path, article)
        assert "loaded     " in output and "#6  Rubio reist naar Istanbul voor vredesoverleg" in output
        [_, alert] = await fake.wait_for_messages(USER, 2)
        await asyncio.sleep(4 * POLL)  # a few more polls: nothing else arrives
        stop.set()
        await asyncio.wait_for(running, STOP_TIMEOUT)
        assert len(fake.messages_to(USER)) == 2

        # a restart sends nothing again
        stop = asyncio.Event()
        running = await run_serve(config, db_path, {"telegram": TelegramAdapter(config, str(db_path))}, stop)
        await asyncio.sleep(5 * POLL)
        stop.set()
        await asyncio.wait_for(running, STOP_TIMEOUT)
    assert len(fake.messages_to(USER)) == 2
    lines = alert.visible_text.splitlines()
    assert lines[0] == "Rubio reist naar Istanbul voor vredesoverleg"
    assert lines[2] == "• Nieuw over Marco Rubio · 2025-05-02"
    assert lines[3].startswith("• De Amerikaanse minister van Buitenlandse Zaken Marco Rubio reist vrijdag naar Istanbul")
    assert lines[3].endswith("(#6, 2025-05-02)")
    assert lines[4] == "• “We willen deze week resultaat zien” — Marco Rubio (#6, 2025-05-02)"
    assert alert.reply_markup["inline_keyboard"][0][0] == {"text": "Artikel 6", "callback_data": "/article 6"}
    with open_db(db_path) as db:
        assert queue.alert_counts(db) == {"sent": 1}


async def test_a_bulk_load_elsewhere_is_capped_then_summarised(seeded_db_path, tmp_path):
    db_path = copy_seeded(seeded_db_path, tmp_path)
    files = []
    for n in range(4):
        path = tmp_path / f"rubio-{n}.txt"
        path.write_text(RUBIO_ARTICLE.replace("vrijdag", f"op dag {n + 1}"), encoding="utf-8")
        files.append(path)
    with open_db(db_path) as db:
        rubio = db.execute("select id from entities where name = 'Marco Rubio'").fetchone()[0]
        follow_entity(db, "telegram", str(USER), rubio, "Marco Rubio")
    await asyncio.to_thread(load_in_another_process, db_path, tmp_path, *files)  # max_per_load = 2
    async with FakeTelegram() as fake:
        config = telegram_config(fake, tmp_path)
        stop = asyncio.Event()
        running = await run_serve(config, db_path, {"telegram": TelegramAdapter(config, str(db_path))}, stop)
        messages = await fake.wait_for_messages(USER, 3)
        await asyncio.sleep(4 * POLL)
        stop.set()
        await asyncio.wait_for(running, STOP_TIMEOUT)
    assert [m.visible_text.splitlines()[0] for m in fake.messages_to(USER)] == [
        "Rubio reist naar Istanbul voor vredesoverleg",
        "Rubio reist naar Istanbul voor vredesoverleg",
        "en nog 2 artikelen over Marco Rubio",
    ]
    assert len(messages) == 3


class FailingPoster:
    def __init__(self, failures: int):
        self.failures, self.calls = failures, 0

    async def send_reply(self, chat_id, reply) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("platform down")


def queue_one_alert(db_path: Path) -> None:
    with open_db(db_path) as db:
        store_article(db, Article("a.txt", "Eerste tekst.", "Kop", "2025-05-01"), Facts())  # an entity to follow
        db.execute("insert into entities (name, type, key) values ('Marco Rubio', 'PER', 'marco rubio')")
        db.conn.commit()
        follow_entity(db, "telegram", "1", 1, "Marco Rubio")
        db.execute("insert into follows (platform, chat_id, term) values ('slack', 'C1', 'kop')")
        db.conn.commit()
        store_article(db, Article("b.txt", "Een nieuwe kop vandaag.", "Nieuwe kop", "2025-05-02"), Facts())


async def test_a_platform_error_is_retried_then_recorded_failed(db_path):
    queue_one_alert(db_path)
    poster = FailingPoster(failures=10)
    sender = AlertSender(str(db_path), Config(), {"slack": poster}, retry_delays=(0.01, 0.01))
    [delivery] = await sender.deliver_pending()
    await sender.stop()
    assert (delivery.status, delivery.attempts, delivery.error) == ("failed", 3, "ConnectionError: platform down")
    with open_db(db_path) as db:
        assert db.execute("select status, attempts, error from alerts").fetchall() == [
            ("failed", 3, "ConnectionError: platform down")
        ]


async def test_a_platform_error_then_success_sends_once(db_path):
    queue_one_alert(db_path)
    poster = FailingPoster(failures=1)
    sender = AlertSender(str(db_path), Config(), {"slack": poster}, retry_delays=(0.01,))
    [delivery] = await sender.deliver_pending()
    assert (delivery.status, delivery.attempts, poster.calls) == ("sent", 2, 2)
    assert await sender.deliver_pending() == []
    await sender.stop()


async def test_an_alert_left_sending_by_a_dead_process_is_never_resent(db_path):
    queue_one_alert(db_path)
    with open_db(db_path) as db:
        [claimed] = queue.claim_alerts(db, ["slack"])
        db.execute("update alerts set claimed_at = '2000-01-01T00:00:00+00:00'")
        db.conn.commit()
    poster = FailingPoster(failures=0)
    sender = AlertSender(str(db_path), Config(), {"slack": poster})
    sender.start()
    await asyncio.sleep(0.3)
    await sender.stop()
    assert poster.calls == 0
    with open_db(db_path) as db:
        assert db.execute("select id, status from alerts").fetchall() == [(claimed.id, "failed")]


async def test_slack_receives_the_alert_with_a_linked_citation(db_path):
    with open_db(db_path) as db:
        db.execute("insert into follows (platform, chat_id, term) values ('slack', 'C0ALERTS', 'istanbul')")
        db.conn.commit()
        article = Article(
            "feed.txt", "Rubio reist naar Istanbul. Daar praat hij verder.", "Rubio naar Istanbul", "2025-05-02",
            url="https://news.example/rubio?a=1&b=2",
        )  # fmt: skip
        store_article(db, article, Facts())
    slack = await FakeSlack().start()
    try:
        config = slack.config()
        adapter = SlackAdapter(config, str(db_path), host="127.0.0.1")
        await adapter.start()
        sender = AlertSender(str(db_path), config, {"slack": adapter})
        [delivery] = await sender.deliver_pending()
        await sender.stop()
        await adapter.stop()
    finally:
        await slack.stop()
    assert delivery.status == "sent"
    [posted] = slack.posted
    assert posted["channel"] == "C0ALERTS"
    assert posted["text"].splitlines()[0] == "Rubio naar Istanbul"
    section = posted["blocks"][1]["text"]["text"]
    assert section.splitlines() == [
        "• Nieuw over “istanbul” · 2025-05-02",
        "• Rubio reist naar Istanbul. [<https://news.example/rubio?a=1&amp;b=2|#1, 2025-05-02>]",
        "• Origineel: https://news.example/rubio?a=1&amp;b=2",
    ]


def test_claiming_while_another_process_loads_keeps_the_database_whole(seeded_db_path, tmp_path):
    """serve holds several connections (its own, the adapters', the alert sender's) while a load
    in another process writes: opening one more connection must not drop this process's locks."""
    import sqlite3
    import threading

    db_path = copy_seeded(seeded_db_path, tmp_path)
    article = tmp_path / "rubio-istanbul.txt"
    article.write_text(RUBIO_ARTICLE, encoding="utf-8")
    first = open_db(db_path)
    rubio = first.execute("select id from entities where name = 'Marco Rubio'").fetchone()[0]
    follow_entity(first, "telegram", str(USER), rubio, "Marco Rubio")
    sender_db = open_db(db_path, migrate=False)
    claimed, stop = [], threading.Event()

    def claim_until_stopped() -> None:
        while not stop.is_set():
            claimed.extend(queue.claim_alerts(sender_db, ["telegram"]))
            stop.wait(0.05)

    poller = threading.Thread(target=claim_until_stopped)
    poller.start()
    try:
        load_in_another_process(db_path, tmp_path, article)
    finally:
        stop.set()
        poller.join()
    check = sqlite3.connect(db_path)
    assert check.execute("pragma quick_check").fetchone() == ("ok",)
    assert check.execute("select status from alerts").fetchall() == [("sending",)]
    assert [a.article_id for a in claimed] == [6]
    check.close()
    sender_db.close()
    first.close()


async def test_an_article_uploaded_in_telegram_alerts_the_chats_following_it(seeded_db_path, tmp_path):
    db_path = copy_seeded(seeded_db_path, tmp_path)
    admin = 42
    async with FakeTelegram() as fake:
        config = telegram_config(fake, tmp_path)
        config.telegram.admins = [str(admin)]
        stop = asyncio.Event()
        running = await run_serve(config, db_path, {"telegram": TelegramAdapter(config, str(db_path))}, stop)
        fake.inject_command(USER, USER, "/volg Rubio")
        await fake.wait_for_messages(USER, 1)
        fake.inject_document(admin, admin, "rubio-istanbul.txt", RUBIO_ARTICLE.encode(), caption="/load")
        [loaded] = await fake.wait_for_messages(admin, 1)
        [_, alert] = await fake.wait_for_messages(USER, 2)
        await asyncio.sleep(3 * POLL)
        stop.set()
        await asyncio.wait_for(running, STOP_TIMEOUT)
    assert loaded.visible_text.splitlines()[0] == "Laden: rubio-istanbul.txt"
    assert alert.visible_text.splitlines()[0] == "Rubio reist naar Istanbul voor vredesoverleg"
    assert fake.messages_to(admin) == [loaded]  # the uploader follows nothing: no alert for them
    assert len(fake.messages_to(USER)) == 2
